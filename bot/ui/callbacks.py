"""Callback data factories: short prefixes keep every button under Telegram's 64 bytes."""

from aiogram.filters.callback_data import CallbackData


class MenuCb(CallbackData, prefix="m"):
    action: str  # help | lang


class LanguageCb(CallbackData, prefix="lg"):
    code: str


class TicketListCb(CallbackData, prefix="tl"):
    page: int
    archived: bool = False


class TicketCb(CallbackData, prefix="tk"):
    id: int
    action: str  # open | close | reopen | archive
