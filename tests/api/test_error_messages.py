"""Error messages say what is wrong in plain English and name the API's own fields."""

from __future__ import annotations

from models import Agent, Category, Customer, Department, Priority, SlaPolicy, Template
from tests.factories import make_desk, open_ticket

V1 = "/api/v1"


async def error(response: tuple[int, dict], status: int) -> dict:
    got, body = response
    assert got == status, body
    return body["error"]


async def test_duplicates_name_their_fields(client):
    billing = (await client.post(f"{V1}/departments", {"name": "Billing"}))[1]["id"]
    agent = {"telegram_id": 111, "name": "Ann"}
    assert (await client.post(f"{V1}/agents", agent))[0] == 201
    e = await error(await client.post(f"{V1}/agents", agent), 409)
    assert e["message"] == "an agent with this telegram_id already exists"
    assert e["details"] == {"fields": ["telegram_id"]}

    customer = {"telegram_id": 222}
    assert (await client.post(f"{V1}/customers", customer))[0] == 201
    e = await error(await client.post(f"{V1}/customers", customer), 409)
    assert e["message"] == "a customer with this telegram_id already exists"

    e = await error(await client.post(f"{V1}/departments", {"name": "Billing"}), 409)
    assert e["message"] == "a department with this name already exists"

    category = {"name": "Invoices", "department_id": billing}
    assert (await client.post(f"{V1}/categories", category))[0] == 201
    e = await error(await client.post(f"{V1}/categories", category), 409)
    assert e["message"] == "a category with this department_id and name already exists"

    template = {"title": "T", "shortcut": "hi", "text": "Hi", "department_id": billing}
    assert (await client.post(f"{V1}/templates", template))[0] == 201
    e = await error(await client.post(f"{V1}/templates", template), 409)
    assert e["message"] == (
        "a template with this shortcut, department_id and language already exists"
    )

    low = await Priority.get(name="low")
    e = await error(await client.post(f"{V1}/priorities", {"name": "low", "level": 9}), 409)
    assert e["message"] == "a priority with this name already exists"
    e = await error(await client.post(f"{V1}/priorities", {"name": "x", "level": low.level}), 409)
    assert e["message"] == "a priority with this level already exists"
    assert await Agent.all().count() == 1 and await Category.all().count() == 1
    assert await Template.all().count() == 1 and await Customer.all().count() == 1
    assert await Department.all().count() == 1


async def test_other_messages_name_their_fields(client, make_token):
    e = await error(
        await client.post(
            f"{V1}/sla-policies",
            {"name": "Fast", "first_response_minutes": 60, "resolution_minutes": 30},
        ),
        422,
    )
    assert e["message"] == "resolution_minutes must not be less than first_response_minutes"
    assert e["details"][0]["loc"] == ["resolution_minutes"]
    assert await SlaPolicy.all().count() == 0

    desk = await make_desk()
    ticket = await open_ticket(desk.alice, desk.billing)
    e = await error(
        await client.patch(f"{V1}/customers/{desk.alice.id}", {"telegram_id": 999}), 409
    )
    assert e["message"] == "the customer has tickets, so their telegram_id cannot change"
    e = await error(await client.delete(f"{V1}/customers/{desk.alice.id}"), 409)
    assert e["message"] == "the customer has tickets; deactivate (active=false) or ban them instead"
    await client.post(f"{V1}/tickets/{ticket.id}/reply", {"text": "Hi", "as_agent_id": desk.ann.id})
    e = await error(await client.delete(f"{V1}/agents/{desk.ann.id}"), 409)
    assert e["message"] == "the agent has worked on tickets; deactivate them instead (active=false)"
    e = await error(
        await client.post(f"{V1}/tickets/{ticket.id}/transfer", {"department_id": desk.billing.id}),
        409,
    )
    assert e["message"] == "the ticket is already in this department"


async def test_role_refusals_read_well(client, make_token):
    desk = await make_desk()
    readonly = client.as_(await make_token("readonly"))
    agent = client.as_(await make_token("agent", desk.ann.id))
    e = await error(await readonly.post(f"{V1}/departments", {"name": "X"}), 403)
    assert e["message"] == "this needs the admin role"
    e = await error(await agent.get(f"{V1}/settings"), 403)
    assert e["message"] == "this needs one of the roles admin and readonly"
    e = await error(await readonly.post(f"{V1}/tickets/1/close"), 403)
    assert e["message"] == "this needs one of the roles admin and agent"
