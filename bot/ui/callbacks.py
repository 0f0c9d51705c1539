"""Callback data factories: short prefixes keep every button under Telegram's 64 bytes."""

from aiogram.filters.callback_data import CallbackData


class MenuCb(CallbackData, prefix="m"):
    action: str  # help | lang | menu | new


class LanguageCb(CallbackData, prefix="lg"):
    code: str


class TicketListCb(CallbackData, prefix="tl"):
    page: int
    archived: bool = False


class TicketCb(CallbackData, prefix="tk"):
    id: int
    action: str  # open | close | reopen | archive | reply | stop | confirm


class WizardCb(CallbackData, prefix="w"):
    """A button of the new-ticket wizard; `d` is the draft's id, so a button of an
    earlier draft (or of this one after Send) is recognised as stale."""

    d: str
    a: str  # dep | cat | pri | back | cancel | done | clear | send | edit | field | sum
    v: int = 0


class RateCb(CallbackData, prefix="ra"):
    m: int  # the agent message rated
    v: int  # +1 / -1


class CsatCb(CallbackData, prefix="cs"):
    t: int  # ticket
    v: int  # 1..5; 0 skips the comment


class PendingCb(CallbackData, prefix="pd"):
    """Where an untied message goes: a ticket id, 0 for a new ticket, -1 to drop it."""

    t: int


class StaffCb(CallbackData, prefix="s"):
    """A button on a ticket card in the staff chat."""

    t: int  # ticket
    a: str  # claim | take | release | resolve | close | reopen | menu | prio | status | dep
    # | agent | tpl | back
    v: int = 0
    w: int = 0  # a second value: the department of a transfer's agent choice
