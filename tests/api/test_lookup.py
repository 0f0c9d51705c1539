"""Finding a ticket by its number and a customer's history through the API (issue 16,
point 2) - the same services as the staff chat's /ticket and the card's History
button, limited the same way: an agent token sees its agent's departments only."""

from __future__ import annotations

from models import Agent, Customer, Department, Message, Status, Ticket
from models.enums import MessageKind, StatusRole
from tests.api.conftest import ApiClient
from tests.factories import open_ticket

V1 = "/api/v1"


async def _desk():
    billing = await Department.create(name="Billing")
    sales = await Department.create(name="Sales")
    ann = await Agent.create(telegram_id=11, name="Ann")
    await ann.departments.add(billing)
    alice = await Customer.create(telegram_id=21, first_name="Alice", username="alice")
    first = await open_ticket(alice, billing, "Invoice")
    second = await open_ticket(alice, billing, "Refund")
    third = await open_ticket(alice, sales, "Quote")
    closed = await Status.get(role=StatusRole.CLOSED)
    await Ticket.filter(id=first.id).update(status_id=closed.id, csat=4)
    await Ticket.filter(id=third.id).update(csat=1)
    for rating in (1, 1, -1):
        await Message.create(ticket=second, kind=MessageKind.AGENT, text="a", rating=rating)
    await Message.create(ticket=third, kind=MessageKind.AGENT, text="a", rating=-1)
    return ann, alice, first, second, third


async def test_a_ticket_by_its_number(client: ApiClient, make_token):
    ann, _, first, _, third = await _desk()
    status, body = await client.get(f"{V1}/tickets/by-number/{first.number}")
    assert status == 200 and body["id"] == first.id and body["subject"] == "Invoice"
    status, body = await client.get(f"{V1}/tickets/by-number/999999")
    assert status == 404 and "999999" in body["error"]["message"]
    status, body = await client.get(f"{V1}/tickets/by-number/abc")
    assert status in (400, 404, 422)
    agent = client.as_(await make_token("agent", ann.id))
    assert (await agent.get(f"{V1}/tickets/by-number/{first.number}"))[0] == 200
    # Another department's ticket is missing for the agent, as if it did not exist.
    status, _ = await agent.get(f"{V1}/tickets/by-number/{third.number}")
    assert status == 404


async def test_a_customers_history(client: ApiClient, make_token):
    ann, alice, first, second, third = await _desk()
    status, body = await client.get(f"{V1}/customers/{alice.id}/history")
    assert status == 200, body
    assert body["total"] == 3 and body["open_count"] == 2
    assert [t["id"] for t in body["open"]] == sorted([second.id, third.id], reverse=True)
    assert [t["id"] for t in body["recent"]] == [third.id, second.id, first.id]
    assert body["csat_average"] == 2.5 and body["csat_count"] == 2
    assert (body["answers_liked"], body["answers_disliked"]) == (2, 2)
    # The agent sees the Billing half only: no Sales ticket, rating or answer.
    agent = client.as_(await make_token("agent", ann.id))
    status, body = await agent.get(f"{V1}/customers/{alice.id}/history")
    assert status == 200
    assert body["total"] == 2 and body["open_count"] == 1
    assert [t["id"] for t in body["recent"]] == [second.id, first.id]
    assert body["csat_average"] == 4.0 and body["csat_count"] == 1
    assert (body["answers_liked"], body["answers_disliked"]) == (2, 1)


async def test_history_of_someone_unknown_or_out_of_reach_is_404(client: ApiClient, make_token):
    ann, *_ = await _desk()
    stranger = await Customer.create(telegram_id=99, first_name="Sam")
    sales_only = await Customer.create(telegram_id=98, first_name="Bob")
    await open_ticket(sales_only, await Department.get(name="Sales"), "Quote")
    assert (await client.get(f"{V1}/customers/424242/history"))[0] == 404
    # An admin sees a customer without tickets: an empty history.
    status, body = await client.get(f"{V1}/customers/{stranger.id}/history")
    assert status == 200 and body["total"] == 0 and body["csat_average"] is None
    agent = client.as_(await make_token("agent", ann.id))
    for customer in (stranger, sales_only):
        assert (await agent.get(f"{V1}/customers/{customer.id}/history"))[0] == 404
