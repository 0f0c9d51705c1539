"""POST / DELETE /api/v1/tickets/{id}/snooze, the ticket's `snoozed_until` and the list's
`snoozed` filter: the same service as the staff chat's /snooze, on the desk's clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta, timezone

import pytest

from bot.clock import CLOCK
from bot.i18n import create_i18n
from bot.services import automation
from models import Agent, Customer, Department, Status, Ticket, TicketEvent
from models.enums import StatusRole
from tests.api.conftest import ApiClient
from tests.factories import open_ticket

V1 = "/api/v1"


@pytest.fixture
def frozen() -> Iterator[None]:
    CLOCK.reset()
    CLOCK.freeze()
    yield
    CLOCK.reset()


def _iso(moment) -> str:
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


async def test_snooze_and_unsnooze_through_the_api(client: ApiClient, make_token, frozen):
    billing = await Department.create(name="Billing")
    sales = await Department.create(name="Sales")
    ann = await Agent.create(telegram_id=11, name="Ann")
    await ann.departments.add(billing)
    alice = await Customer.create(telegram_id=21, first_name="Alice")
    ticket = await open_ticket(alice, billing, "Refund")
    other = await open_ticket(alice, billing, "Another")
    quote = await open_ticket(alice, sales, "Quote")
    path = f"{V1}/tickets/{ticket.id}/snooze"
    now = CLOCK.now()

    status, body = await client.get(f"{V1}/tickets/{ticket.id}")
    assert status == 200 and body["snoozed_until"] is None

    for payload, field in (
        ({}, None),
        ({"duration": "2d", "until": _iso(now + timedelta(days=1))}, None),
        ({"duration": "soon"}, "duration"),
        ({"duration": "0m"}, "duration"),
        ({"duration": "400d"}, "duration"),
        ({"until": _iso(now - timedelta(hours=1))}, "until"),
        ({"until": _iso(now + timedelta(days=400))}, "until"),
        ({"until": "tomorrow"}, "until"),
        ({"duration": "2d", "extra": 1}, "extra"),
    ):
        status, reply = await client.post(path, payload)
        assert status == 422, (payload, reply)
        if field is not None:
            assert field in str(reply["error"]), (payload, reply)
    readonly = client.as_(await make_token("readonly"))
    assert (await readonly.post(path, {"duration": "2d"}))[0] == 403
    agent = client.as_(await make_token("agent", ann.id))
    quote_path = f"{V1}/tickets/{quote.id}/snooze"
    assert (await agent.post(quote_path, {"duration": "2d"}))[0] == 404  # another department
    assert await Ticket.filter(snoozed_until__isnull=False).count() == 0
    assert await TicketEvent.filter(kind="snoozed").count() == 0

    status, body = await agent.post(path, {"duration": "2d"})
    assert status == 200, body
    assert body["snoozed_until"] == _iso(now + timedelta(days=2))
    status, body = await client.post(
        f"{V1}/tickets/{other.id}/snooze", {"until": "2100-01-01T10:00:00+03:00"}
    )
    assert status == 422  # beyond 365 days
    until = (now + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    offset = until.astimezone(timezone(timedelta(hours=3)))
    status, body = await client.post(
        f"{V1}/tickets/{other.id}/snooze", {"until": offset.isoformat()}
    )
    assert status == 200 and body["snoozed_until"] == _iso(until)  # told back in UTC

    # The list: snoozed=true, snoozed=false, and every ticket without the filter.
    status, page = await client.get(f"{V1}/tickets", params={"snoozed": "true"})
    assert status == 200 and {t["id"] for t in page["items"]} == {ticket.id, other.id}
    status, page = await client.get(f"{V1}/tickets", params={"snoozed": "false"})
    assert {t["id"] for t in page["items"]} == {quote.id}
    status, page = await client.get(f"{V1}/tickets")
    assert {t["id"] for t in page["items"]} == {ticket.id, other.id, quote.id}
    assert (await client.get(f"{V1}/tickets", params={"snoozed": "maybe"}))[0] == 422

    status, body = await agent.delete(path)
    assert status == 200 and body["snoozed_until"] is None
    status, body = await agent.delete(path)
    assert status == 409 and "not snoozed" in body["error"]["message"]
    kinds = await TicketEvent.filter(ticket_id=ticket.id).values_list("kind", flat=True)
    assert kinds.count("snoozed") == 1 and kinds.count("unsnoozed") == 1

    # Its time comes: the automation pass (in its texts' context) brings it back.
    with create_i18n("en").context():
        assert (await automation.run_due(until - timedelta(minutes=1))).woken == 0
        assert (await automation.run_due(until)).woken == 1
    assert (await client.get(f"{V1}/tickets/{other.id}"))[1]["snoozed_until"] is None

    # A closed ticket is not snoozed.
    closed = await Status.get(role=StatusRole.CLOSED)
    await Ticket.filter(id=quote.id).update(status_id=closed.id)
    status, body = await client.post(quote_path, {"duration": "2d"})
    assert status == 409 and "closed" in body["error"]["message"]
    assert (await Ticket.get(id=quote.id)).snoozed_until is None
