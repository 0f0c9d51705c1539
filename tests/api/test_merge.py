"""POST /api/v1/tickets/{id}/merge: the same service as the staff chat's /merge."""

from __future__ import annotations

from models import Agent, Customer, Department, Message, Status, Ticket
from models.enums import StatusRole
from tests.api.conftest import ApiClient
from tests.factories import open_ticket

V1 = "/api/v1"


async def test_merge_through_the_api(client: ApiClient, make_token):
    billing = await Department.create(name="Billing")
    sales = await Department.create(name="Sales")
    ann = await Agent.create(telegram_id=11, name="Ann")
    await ann.departments.add(billing)
    alice = await Customer.create(telegram_id=21, first_name="Alice")
    bob = await Customer.create(telegram_id=22, first_name="Bob")
    first = await open_ticket(alice, billing, "Refund")
    duplicate = await open_ticket(alice, billing, "Refund again", "Still nothing")
    bobs = await open_ticket(bob, billing, "Bob's")
    sales_one = await open_ticket(alice, sales, "Quote")

    status, body = await client.post(f"{V1}/tickets/{duplicate.id}/merge", {"target_id": bobs.id})
    assert status == 409 and "same customer" in body["error"]["message"]
    status, body = await client.post(f"{V1}/tickets/{duplicate.id}/merge", {"target_id": 0})
    assert status == 422
    agent = client.as_(await make_token("agent", ann.id))
    status, _ = await agent.post(f"{V1}/tickets/{duplicate.id}/merge", {"target_id": sales_one.id})
    assert status == 404  # another department's ticket does not exist for the agent
    readonly = client.as_(await make_token("readonly"))
    status, _ = await readonly.post(f"{V1}/tickets/{duplicate.id}/merge", {"target_id": first.id})
    assert status == 403
    assert await Message.filter(ticket_id=duplicate.id).count() == 1  # nothing moved yet

    status, body = await agent.post(f"{V1}/tickets/{duplicate.id}/merge", {"target_id": first.id})
    assert status == 200 and body["id"] == first.id
    closed = await Status.get(role=StatusRole.CLOSED)
    assert (await Ticket.get(id=duplicate.id)).status_id == closed.id
    texts = await Message.filter(ticket_id=first.id).order_by("id").values_list("text", flat=True)
    assert texts == ["Please help", "Still nothing"]
    status, body = await client.post(f"{V1}/tickets/{duplicate.id}/merge", {"target_id": first.id})
    assert status == 409 and "closed" in body["error"]["message"]
