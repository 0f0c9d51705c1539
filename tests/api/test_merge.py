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


async def test_split_through_the_api(client: ApiClient, make_token):
    billing = await Department.create(name="Billing")
    tech = await Department.create(name="Tech")
    alice = await Customer.create(telegram_id=21, first_name="Alice")
    ticket = await open_ticket(alice, billing, "Refund", "Please refund")
    later = [
        await Message.create(ticket=ticket, kind="customer", author_customer=alice, text=t)
        for t in ("Also the router", "It blinks")
    ]
    answer = await Message.create(ticket=ticket, kind="agent", text="On it")
    path = f"{V1}/tickets/{ticket.id}/split"
    for body, code in (
        ({"message_ids": []}, 422),
        ({"message_ids": [answer.id]}, 422),  # not the customer's
        ({"message_ids": [999_999]}, 404),
        ({"message_ids": [later[0].id], "department_id": 999}, 422),
    ):
        status, reply = await client.post(path, body)
        assert status == code, (body, reply)
    first = await Message.filter(ticket_id=ticket.id).order_by("id").first()
    status, reply = await client.post(path, {"message_ids": [first.id]})
    assert status == 409 and "first message" in reply["error"]["message"]
    readonly = client.as_(await make_token("readonly"))
    assert (await readonly.post(path, {"message_ids": [later[0].id]}))[0] == 403
    assert await Message.filter(ticket_id=ticket.id).count() == 4  # nothing moved yet

    status, created = await client.post(
        path,
        {"message_ids": [m.id for m in later], "department_id": tech.id, "subject": "Router"},
    )
    assert status == 201, created
    assert created["subject"] == "Router" and created["department"]["id"] == tech.id
    texts = (
        await Message.filter(ticket_id=created["id"]).order_by("id").values_list("text", flat=True)
    )
    assert texts == ["Also the router", "It blinks"]
    assert await Message.filter(ticket_id=ticket.id).count() == 2
