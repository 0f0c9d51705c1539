"""The customer's refusal table (handlers/customer/refusals.py): each kind of request
names the domain errors it is refused with and what the customer is told; any other
error is not a refusal and goes on to the unexpected-error router."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.i18n import create_i18n
from bot.services.customer_tickets import AlreadySubmitted, ReopenWindowPassed
from bot.services.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from handlers.customer.refusals import TABLE, Refusal, refusal_text

NOT_FOUND = "This ticket is not available."
NOT_POSSIBLE = "This cannot be done with this ticket now."
WINDOW = "This ticket was closed too long ago to reopen. Please open a new one."
NOT_AVAILABLE = "This button is no longer available."
ALREADY_SENT = "This ticket has already been sent."


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with create_i18n("en").context():
        yield


@pytest.mark.parametrize(
    ("kind", "error", "told"),
    [
        (Refusal.TICKET, ReopenWindowPassed("x"), WINDOW),
        (Refusal.TICKET, NotFound("x"), NOT_FOUND),
        (Refusal.TICKET, Conflict("x"), NOT_POSSIBLE),
        (Refusal.TICKET, Invalid("x"), None),
        (Refusal.TICKET, Forbidden("x"), None),
        (Refusal.REPLY, NotFound("x"), NOT_FOUND),
        (Refusal.REPLY, Conflict("x"), None),
        (Refusal.CONFIRM, NotFound("x"), NOT_FOUND),
        (Refusal.CONFIRM, Conflict("x"), NOT_POSSIBLE),
        (Refusal.STATUS, NotFound("x"), NOT_FOUND),
        (Refusal.STATUS, Forbidden("x"), NOT_POSSIBLE),
        (Refusal.STATUS, Invalid("x"), NOT_POSSIBLE),
        (Refusal.PENDING, Invalid("x"), NOT_POSSIBLE),
        (Refusal.PENDING, Forbidden("x"), None),
        (Refusal.RATE_ANSWER, Invalid("x"), NOT_AVAILABLE),
        (Refusal.RATE_ANSWER, Conflict("x"), None),
        (Refusal.CSAT, NotFound("x"), NOT_AVAILABLE),
        (Refusal.CSAT, Conflict("x"), NOT_POSSIBLE),
        (Refusal.COMMENT, Conflict("x"), NOT_AVAILABLE),
        (Refusal.DEFLECT, NotFound("x"), NOT_AVAILABLE),
        (Refusal.DEFLECT, Conflict("x"), None),
        (Refusal.SEND, AlreadySubmitted("x"), ALREADY_SENT),
        # Send's other refusals make the customer choose again (the wizard's own flow).
        (Refusal.SEND, Conflict("x"), None),
        (Refusal.SEND, DomainError("x"), None),
    ],
)
def test_refusal_text(kind: Refusal, error: DomainError, told: str | None) -> None:
    assert refusal_text(kind, error) == told


def test_every_kind_has_rules() -> None:
    assert set(TABLE) == set(Refusal)
