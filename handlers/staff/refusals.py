"""The one place a domain error in the staff chat becomes a polite refusal.

A staff handler names what it does with the flag `refusals` ("card.release", "/merge",
...); a step whose refusals read differently names itself with `step()`. REFUSALS maps
(that name, the error's type) to the text; a name "a.b" falls back to "a", and the
error's most specific type wins. The refusal goes back the way the handler answers: an
alert for a card's button, a message in reply for a command or a message.

The error reaches `refuse` inside the update's transaction, through
handlers.refusals.RefusalsMiddleware (which says why), installed inside AgentMiddleware
(the staff chat's language), where the handlers' own try/except blocks used to be."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.filters import CommandObject
from aiogram.types import ErrorEvent, Message, Update

from bot.services import macros, staff, tagging, tickets
from bot.services.errors import DomainError, Forbidden, Invalid, NotFound
from bot.services.snoozing import BadSnooze
from bot.ui import staff as ui
from handlers import refusals as shared
from handlers.staff.replies import notice

FLAG = "refusals"

# The text of a refusal from the error and the command's arguments ("" for a button).
Refusal = Callable[[Any, str], str | Awaitable[str]]


class InStep(DomainError):
    """A domain error of a step that names its own refusals (see `step`)."""

    def __init__(self, name: str, error: DomainError) -> None:
        super().__init__(error.message, error.details)
        self.name = name
        self.error = error


@contextmanager
def step(name: str) -> Iterator[None]:
    """The refusals of a domain error raised inside are looked up as `name`'s."""
    try:
        yield
    except DomainError as exc:
        raise InStep(name, exc) from exc


def _bad_alert(exc: staff.BadAlert, _args: str) -> str:
    if exc.field == "kind":
        return ui.alert_kind_unknown(exc.value, tickets.ALERT_KINDS)
    if exc.field == "subject":
        return ui.alert_subject_too_long(staff.ALERT_SUBJECT_LIMIT)
    return ui.alert_not_a_customer(exc.value)


def _typed_number(args: str) -> str:
    return args.strip().removeprefix("#")


async def _unknown_tags(exc: tagging.UnknownTags, _args: str) -> str:
    return ui.tags_unknown(exc.names, [t.name for t in await tagging.all_tags()])


async def _unknown_macro(_exc: macros.UnknownMacro, args: str) -> str:
    known = [m.name for m in await macros.for_ticket()]
    return ui.macro_unknown(" ".join(args.split()), known)


def _macro_alert(reason: str) -> str:
    """A card's macro refused: none of its steps was done."""
    return ui.macro_refused(reason, html=False)[:200]


REFUSALS: dict[tuple[str, type[DomainError]], Refusal] = {
    # A card's button (an alert): the ticket it is on, then what the button does.
    ("held", NotFound): lambda e, a: ui.wrong_department(),
    ("card", staff.AlreadyClaimed): lambda e, a: ui.already_claimed(e.assignee),
    ("card", tickets.OwnTicket): lambda e, a: ui.own_ticket(),
    ("card", Forbidden): lambda e, a: ui.wrong_department(),
    ("card", DomainError): lambda e, a: ui.not_possible(e.message, html=False)[:200],
    ("card.release", Forbidden): lambda e, a: ui.release_not_yours(),
    ("card.take", Forbidden): lambda e, a: ui.only_admins_take_over(),
    ("card.status", Forbidden): lambda e, a: ui.status_not_for_agents(),
    ("card.macro", staff.AlreadyClaimed): lambda e, a: _macro_alert(ui.already_claimed(e.assignee)),
    ("card.macro", tickets.OwnTicket): lambda e, a: _macro_alert(ui.own_ticket()),
    ("card.macro", Forbidden): lambda e, a: _macro_alert(ui.wrong_department()),
    ("card.macro", DomainError): lambda e, a: _macro_alert(e.message),
    # A message in a ticket's thread (a reply to it).
    ("thread", tickets.OwnTicket): lambda e, a: ui.own_ticket(),
    ("thread", DomainError): lambda e, a: ui.not_possible(e.message),
    # Commands (a reply to the command).
    ("/t", staff.AlreadyClaimed): lambda e, a: ui.only_assignee(e.assignee),
    ("/t", tickets.OwnTicket): lambda e, a: ui.own_ticket(),
    ("/t", DomainError): lambda e, a: ui.not_possible(e.message),
    ("/alert", staff.BadAlert): _bad_alert,
    ("/alert", NotFound): lambda e, a: ui.alert_no_customer(a.split(maxsplit=2)[0].lstrip("@")),
    ("/alert", tickets.OwnTicket): lambda e, a: ui.own_ticket(),
    ("/alert", Forbidden): lambda e, a: ui.only_admins_alert(),
    ("/alert", DomainError): lambda e, a: ui.not_possible(e.message),
    ("/ticket", Invalid): lambda e, a: ui.ticket_usage(),
    ("/ticket", NotFound): lambda e, a: ui.ticket_not_found(_typed_number(a)),
    ("/find", Invalid): lambda e, a: ui.find_usage(),
    ("/merge.number", Invalid): lambda e, a: ui.merge_usage(),
    ("/merge", NotFound): lambda e, a: ui.ticket_not_found(_typed_number(a)),
    ("/merge", DomainError): lambda e, a: ui.not_possible(e.message),
    ("/split", Invalid): lambda e, a: ui.split_usage(),
    ("/split", NotFound): lambda e, a: ui.wrong_department(),
    ("/split", DomainError): lambda e, a: ui.not_possible(e.message),
    ("/snooze.until", BadSnooze): lambda e, a: ui.snooze_bad(" ".join(a.split()), e.reason),
    ("/snooze", NotFound): lambda e, a: ui.wrong_department(),
    ("/snooze", DomainError): lambda e, a: ui.not_possible(e.message),
    ("/unsnooze", DomainError): lambda e, a: ui.not_possible(e.message),
    ("/tag", tagging.UnknownTags): _unknown_tags,
    ("/tag", NotFound): lambda e, a: ui.wrong_department(),
    ("/tag", DomainError): lambda e, a: ui.not_possible(e.message),
    ("/macro", macros.UnknownMacro): _unknown_macro,
    ("/macro", NotFound): lambda e, a: ui.wrong_department(),
    ("/macro", staff.AlreadyClaimed): lambda e, a: ui.macro_refused(ui.already_claimed(e.assignee)),
    ("/macro", tickets.OwnTicket): lambda e, a: ui.macro_refused(ui.own_ticket()),
    ("/macro", DomainError): lambda e, a: ui.macro_refused(e.message),
}


def refusal_for(name: str, exc: DomainError) -> Refusal | None:
    """The entry for `exc` raised where `name` says: the error's most specific type
    first, and for each type the name "a.b" before "a"."""
    names = [name]
    while "." in names[-1]:
        names.append(names[-1].rsplit(".", 1)[0])
    for kind in type(exc).__mro__:
        for where in names:
            refusal = REFUSALS.get((where, kind))
            if refusal is not None:
                return refusal
    return None


def _original(exc: DomainError) -> BaseException:
    """What a step's error wraps: raised on when no entry maps it."""
    return exc.error if isinstance(exc, InStep) else exc


async def refuse(
    event: ErrorEvent, refusals: str | None = None, command: CommandObject | None = None
) -> Any:
    refused = refusals
    exc = event.exception
    assert isinstance(exc, DomainError)
    if isinstance(exc, InStep):
        refused, exc = exc.name, exc.error
    # No name: not an error of a staff handler (RefusalsMiddleware passes it).
    refusal = refusal_for(refused, exc) if refused is not None else None
    if refusal is None:
        return UNHANDLED
    text = refusal(exc, (command.args or "") if command is not None else "")
    return await _tell(event.update, await text if inspect.isawaitable(text) else text)


async def _tell(update: Update, text: str) -> Any:
    """The refusal the way the handler answers: an alert for a button, a message in
    reply for a command or a message."""
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif isinstance(update.message, Message):
        await notice(update.message, text)
    else:
        return UNHANDLED
    return True


def install(router: Router) -> None:
    """The errors handler on `router` (the staff chat's), and its middleware on the
    observers whose handlers may be refused."""
    shared.install(router, refuse, FLAG, _original)
