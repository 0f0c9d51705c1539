"""Callback data factories: short prefixes keep every button under Telegram's 64 bytes.

Callback data comes from the client and is never trusted: every field is parsed
strictly - ids within the id columns (32-bit), values within their ranges, actions
from their lists - so forged or malformed data matches no factory and is answered as
a stale button (handlers/stale.py) instead of reaching the database. Ownership and
permissions are still checked by the services."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from aiogram.filters.callback_data import CallbackData
from pydantic import AfterValidator, BeforeValidator, Field

from bot.i18n import LANGUAGES

MAX_ID = 2**31 - 1  # the id columns are 32-bit integers
MAX_PAGE = 100_000
_INTEGER = re.compile(r"-?(0|[1-9][0-9]{0,18})")


def _plain_integer(value: object) -> object:
    """Only a plain decimal integer: not "1.0", " 1", "1_0", "+1" or "١"."""
    if isinstance(value, str) and not _INTEGER.fullmatch(value):
        raise ValueError("not a plain integer")
    return value


def _flag(value: object) -> object:
    """A packed bool is "0" or "1", nothing else ("yes", "true")."""
    if isinstance(value, str):
        if value not in ("0", "1"):
            raise ValueError("not 0 or 1")
        return value == "1"
    return value


def _integer(low: int, high: int):
    return Annotated[int, BeforeValidator(_plain_integer), Field(ge=low, le=high)]


def _one_of(*values: int):
    def check(value: int) -> int:
        if value not in values:
            raise ValueError(f"not one of {values}")
        return value

    return Annotated[int, BeforeValidator(_plain_integer), AfterValidator(check)]


class _Strict:
    """No empty field: aiogram would read one as the field's default, and no button of
    ours packs an empty value."""

    @classmethod
    def unpack(cls, value: str):
        if "" in value.split(cls.__separator__)[1:]:  # type: ignore[attr-defined]
            raise ValueError("an empty field in callback data")
        return super().unpack(value)  # type: ignore[misc]


# Spelled out (not `_integer(1, MAX_ID)`) so that mypy sees type aliases it can use.
Id = Annotated[int, BeforeValidator(_plain_integer), Field(ge=1, le=MAX_ID)]
IdOrZero = Annotated[int, BeforeValidator(_plain_integer), Field(ge=0, le=MAX_ID)]  # 0: none
Flag = Annotated[bool, BeforeValidator(_flag)]


class MenuAction(StrEnum):
    HELP = "help"
    LANGUAGE = "lang"
    MENU = "menu"
    NEW = "new"


class MenuCb(_Strict, CallbackData, prefix="m"):
    action: MenuAction


class LanguageCb(_Strict, CallbackData, prefix="lg"):
    code: Literal[LANGUAGES]  # type: ignore[valid-type]


class TicketListCb(_Strict, CallbackData, prefix="tl"):
    page: _integer(0, MAX_PAGE)  # type: ignore[valid-type]
    archived: Flag = False


class TicketAction(StrEnum):
    """What a customer's button does to their ticket (packed by value)."""

    OPEN = "open"
    CLOSE = "close"
    REOPEN = "reopen"
    ARCHIVE = "archive"
    REPLY = "reply"
    STOP = "stop"
    CONFIRM = "confirm"


class TicketCb(_Strict, CallbackData, prefix="tk"):
    id: Id
    action: TicketAction


class TicketStatusCb(_Strict, CallbackData, prefix="ts"):
    """A status the customer sets on their ticket (one an admin made settable by
    customers)."""

    t: Id  # ticket
    s: Id  # status


class WizardAction(StrEnum):
    """A button of the new-ticket wizard (packed by value)."""

    DEPARTMENT = "dep"
    CATEGORY = "cat"
    PRIORITY = "pri"
    BACK = "back"
    CANCEL = "cancel"
    DONE = "done"
    CLEAR = "clear"
    SEND = "send"
    EDIT = "edit"
    FIELD = "field"
    SUMMARY = "sum"
    ARTICLE = "art"  # open the FAQ article `v`
    YES = "yes"  # the article `v` solved it
    NO = "no"  # no article solved it: on with the ticket
    ARTICLES = "faqs"  # back to the list of articles offered


class WizardCb(_Strict, CallbackData, prefix="w"):
    """A button of the new-ticket wizard; `d` is the draft's id, so a button of an
    earlier draft (or of this one after Send) is recognised as stale."""

    d: Annotated[str, Field(pattern=r"^[0-9a-f]{8}$")]
    a: WizardAction
    v: IdOrZero = 0  # a department / category / priority / article id, or a field's index


class RateCb(_Strict, CallbackData, prefix="ra"):
    m: Id  # the agent message rated
    v: _one_of(1, -1)  # type: ignore[valid-type]


class CsatCb(_Strict, CallbackData, prefix="cs"):
    t: Id  # ticket
    v: _integer(0, 5)  # type: ignore[valid-type]  # 1..5; 0 skips the comment


PENDING_NEW = 0
PENDING_DISCARD = -1


class PendingCb(_Strict, CallbackData, prefix="pd"):
    """Where an untied message goes: a ticket id, PENDING_NEW for a new ticket,
    PENDING_DISCARD to drop it."""

    t: _integer(-1, MAX_ID)  # type: ignore[valid-type]


class StaffAction(StrEnum):
    """What a button on a ticket card does (the packed value is the enum's value)."""

    CLAIM = "claim"
    TAKE = "take"
    RELEASE = "release"
    RESOLVE = "resolve"
    CLOSE = "close"
    REOPEN = "reopen"
    MENU = "menu"
    PRIO = "prio"
    STATUS = "status"
    DEP = "dep"
    AGENT = "agent"
    TPL = "tpl"
    BACK = "back"
    SHOW = "show"  # the ticket's summary (from /find's list)
    HIST = "hist"  # the customer's history
    MERGE = "merge"  # merge into the ticket `v`
    SNOOZE = "snooze"  # snooze for the card's preset `v` (bot.services.snoozing.preset)
    UNSNOOZE = "unsnooze"
    TAG = "tag"  # put the tag `v` on, or take it off
    MACRO = "macro"  # apply the macro `v`


class StaffCb(_Strict, CallbackData, prefix="s"):
    """A button on a ticket card in the staff chat."""

    t: Id  # ticket
    a: StaffAction
    v: IdOrZero = 0  # a menu's number or the chosen option's id
    w: IdOrZero = 0  # a second value: the department of a transfer's agent choice
