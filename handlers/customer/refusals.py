"""A service's refusal in the private chat, mapped once: (the handler's refusal kind,
the exception) -> what the customer is told.

A handler that may be refused says which kind it is with the `refusal` flag; a domain
error it does not catch reaches `refuse` through the customer router's errors observer,
inside the update's transaction (handlers.refusals.RefusalsMiddleware says why): the
refusal is queued and the update recorded as handled together with what the handler did
before the service refused, as when each handler caught the error itself. (The
service's own changes were rolled back with its savepoint.) A domain error the table
does not name for the kind goes on to the unexpected-error router (handlers/errors.py),
as before.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import ErrorEvent

from bot.delivery import outbox
from bot.services.customer_tickets import AlreadySubmitted, ReopenWindowPassed
from bot.services.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from bot.ui import texts
from handlers import refusals as shared


class Refusal(StrEnum):
    """What kind of request a handler serves, as far as its refusals go."""

    TICKET = "ticket"  # open / close / reopen / archive a ticket
    REPLY = "reply"  # open a ticket's conversation
    CONFIRM = "confirm"  # confirm a resolution
    STATUS = "status"  # a status the customer sets
    PENDING = "pending"  # an untied message given to a ticket
    RATE_ANSWER = "rate_answer"  # 👍/👎 on an answer
    CSAT = "csat"  # the 1-5 rating
    COMMENT = "comment"  # the CSAT comment (a message, not a button)
    DEFLECT = "deflect"  # "Yes, thanks" on a FAQ article
    SEND = "send"  # Send on the wizard's summary


FLAG = "refusal"

Rule = tuple[tuple[type[DomainError], ...], Callable[[], str]]

# The first rule whose exception types match wins (subclasses before their bases).
TABLE: dict[Refusal, tuple[Rule, ...]] = {
    Refusal.TICKET: (
        ((ReopenWindowPassed,), texts.reopen_window_passed),
        ((NotFound,), texts.ticket_not_found),
        ((Conflict,), texts.action_not_possible),
    ),
    Refusal.REPLY: (((NotFound,), texts.ticket_not_found),),
    Refusal.CONFIRM: (
        ((NotFound,), texts.ticket_not_found),
        ((Conflict,), texts.action_not_possible),
    ),
    Refusal.STATUS: (
        ((NotFound,), texts.ticket_not_found),
        ((Conflict, Forbidden, Invalid), texts.action_not_possible),
    ),
    Refusal.PENDING: (
        ((NotFound,), texts.ticket_not_found),
        ((Conflict, Invalid), texts.action_not_possible),
    ),
    Refusal.RATE_ANSWER: (((NotFound, Invalid), texts.not_available),),
    Refusal.CSAT: (
        ((NotFound, Invalid), texts.not_available),
        ((Conflict,), texts.action_not_possible),
    ),
    Refusal.COMMENT: (((NotFound, Invalid, Conflict), texts.not_available),),
    Refusal.DEFLECT: (((NotFound,), texts.not_available),),
    Refusal.SEND: (((AlreadySubmitted,), texts.already_sent),),
}


def refusal_text(kind: Refusal, exc: BaseException) -> str | None:
    """What the customer is told when a `kind` request fails with `exc`; None: the
    error is not a refusal of that request."""
    for types, text in TABLE[kind]:
        if isinstance(exc, types):
            return text()
    return None


def flags(kind: Refusal, **more: Any) -> dict[str, Any]:
    """A handler's flags saying which refusals it may meet."""
    return {**more, FLAG: kind}


async def refuse(event: ErrorEvent, refusal: Refusal | None = None) -> Any:
    """Answers a refused button with an alert, a refused message with a message, as
    the handlers did."""
    text = refusal_text(refusal, event.exception) if refusal is not None else None
    if text is None:
        return UNHANDLED
    update = event.update
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.message is not None:
        await outbox.send_text(update.message.chat.id, text)
    else:
        return UNHANDLED
    return True


def install(router: Router) -> None:
    """The customer router maps its handlers' refusals (after the customer middleware,
    which sets who is asking)."""
    shared.install(router, refuse, FLAG)
