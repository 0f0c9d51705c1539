"""Snooze in the console: the ticket page shows and sets it (the same service as the
staff chat's /snooze), Unsnooze ends it, the list marks and filters snoozed tickets;
bad input is answered next to its field and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.clock import CLOCK
from models import Ticket, TicketEvent
from tests.factories import make_desk, open_ticket


@pytest.fixture
def frozen() -> Iterator[None]:
    CLOCK.reset()
    CLOCK.freeze()
    yield
    CLOCK.reset()


@pytest.fixture
async def desk(db):
    desk = await make_desk()
    desk.tickets = [
        await open_ticket(desk.alice, desk.billing, "Invoice is wrong", "Amount 100 vs 90"),
        await open_ticket(desk.carl, desk.tech, "VPN drops", "Since Monday"),
    ]
    return desk


async def test_the_ticket_page_sets_shows_and_ends_a_snooze(admin, desk, frozen):
    ticket, other = desk.tickets
    page = f"/console/tickets/{ticket.id}"
    status, text = await admin.get(page)
    assert status == 200 and f'action="/console/tickets/{ticket.id}/snooze"' in text
    assert 'data-field="snoozed_until"' not in text and "/unsnooze" not in text

    for typed, shown in (
        ("soon", "write a duration like 30m"),
        ("0m", "in the future"),
        ("400d", "within 365 days"),
        ("   ", "how long"),
    ):
        status, text = await admin.post(f"{page}/snooze", {"duration": typed})
        assert status == 422 and 'id="snooze-duration-error"' in text and shown in text, typed
    assert (await Ticket.get(id=ticket.id)).snoozed_until is None
    assert await TicketEvent.filter(kind="snoozed").count() == 0

    status, text = await admin.post(f"{page}/snooze", {"duration": "3h"})
    until = (CLOCK.now() + timedelta(hours=3)).replace(microsecond=0)
    assert status == 200 and 'data-done="snooze"' in text
    assert (await Ticket.get(id=ticket.id)).snoozed_until == until
    assert 'data-field="snoozed_until"' in text and "/unsnooze" in text

    # The list marks it, and filters by it.
    status, text = await admin.get("/console/tickets")
    assert status == 200 and text.count("data-snoozed=") == 1
    status, text = await admin.get("/console/tickets?snoozed=true")
    assert f'data-ticket="{ticket.id}"' in text and f'data-ticket="{other.id}"' not in text
    status, text = await admin.get("/console/tickets?snoozed=false")
    assert f'data-ticket="{ticket.id}"' not in text and f'data-ticket="{other.id}"' in text
    status, _ = await admin.get("/console/tickets?snoozed=maybe")
    assert status == 422

    await admin.get(page)
    status, text = await admin.post(f"{page}/unsnooze")
    assert status == 200 and 'data-done="unsnooze"' in text
    assert (await Ticket.get(id=ticket.id)).snoozed_until is None
    assert 'data-field="snoozed_until"' not in text
    status, text = await admin.post(f"{page}/unsnooze")
    assert status == 409 and "not snoozed" in text
    kinds = await TicketEvent.filter(ticket_id=ticket.id).values_list("kind", flat=True)
    assert list(kinds) == ["created", "snoozed", "unsnoozed"]


async def test_a_readonly_token_cannot_snooze(console, desk, make_token, frozen):
    await console.sign_in(await make_token("readonly"))
    ticket = desk.tickets[0]
    await console.get(f"/console/tickets/{ticket.id}")
    status, _ = await console.post(f"/console/tickets/{ticket.id}/snooze", {"duration": "2d"})
    assert status == 403
    assert (await Ticket.get(id=ticket.id)).snoozed_until is None
