"""Agents and customers: CRUD, validation, roles."""

from __future__ import annotations

from datetime import date

from models import Agent, Category, Customer, Department, Message, Priority, Status, Ticket
from models.enums import MessageKind

V1 = "/api/v1"


async def departments(*names: str) -> list[int]:
    return [(await Department.create(name=name)).id for name in names]


async def open_ticket(customer: Customer, **fields: object) -> Ticket:
    department = await Department.get_or_none(name="Tickets") or await Department.create(
        name="Tickets"
    )
    return await Ticket.create(
        number=await Ticket.all().count() + 1001,
        subject="Help",
        customer=customer,
        department=department,
        priority=await Priority.get(is_default=True),
        status=await Status.get(is_new=True),
        **fields,
    )


def locs(body: dict) -> set[tuple[str, ...]]:
    return {tuple(d["loc"]) for d in body["error"]["details"]}


# -- agents -------------------------------------------------------------------------------


async def test_agent_crud_and_filters(client):
    billing, sales, support = await departments("Billing", "Sales", "Support")
    status, created = await client.post(
        f"{V1}/agents",
        {
            "telegram_id": 111,
            "name": "Alice",
            "username": "@alice_s",
            "department_ids": [sales, billing, billing],
        },
    )
    assert status == 201
    assert created["department_ids"] == sorted([billing, sales])
    assert created["username"] == "alice_s" and created["role"] == "agent"
    assert created["active"] is True and created["on_duty"] is True
    status, admin = await client.post(
        f"{V1}/agents", {"telegram_id": 222, "name": "Bob", "role": "admin"}
    )
    assert status == 201 and admin["department_ids"] == []

    status, page = await client.get(f"{V1}/agents?department_id={billing}")
    assert status == 200 and page["total"] == 1 and page["items"][0]["id"] == created["id"]
    status, page = await client.get(f"{V1}/agents?role=admin")
    assert [a["id"] for a in page["items"]] == [admin["id"]]
    status, page = await client.get(f"{V1}/agents?q=ALI")
    assert [a["id"] for a in page["items"]] == [created["id"]]
    assert (await client.get(f"{V1}/agents/{created['id']}"))[1] == created

    # department_ids replaces the set.
    status, changed = await client.patch(
        f"{V1}/agents/{created['id']}",
        {"department_ids": [support], "on_duty": False, "name": "Alice S."},
    )
    assert status == 200 and changed["department_ids"] == [support]
    assert changed["on_duty"] is False and changed["name"] == "Alice S."
    agent = await Agent.get(id=created["id"]).prefetch_related("departments")
    assert [d.id for d in agent.departments] == [support]
    status, page = await client.get(f"{V1}/agents?department_id={billing}")
    assert page["total"] == 0
    status, page = await client.get(f"{V1}/agents?active=true&on_duty=false")
    assert [a["id"] for a in page["items"]] == [created["id"]]
    # Other fields leave the departments alone.
    status, changed = await client.patch(f"{V1}/agents/{created['id']}", {"active": False})
    assert changed["department_ids"] == [support] and changed["active"] is False
    status, changed = await client.patch(f"{V1}/agents/{created['id']}", {"department_ids": []})
    assert changed["department_ids"] == []

    status, body = await client.delete(f"{V1}/agents/{admin['id']}")
    assert status == 200 and body == {"deleted": True, "id": admin["id"]}
    assert not await Agent.filter(id=admin["id"]).exists()
    assert (await client.get(f"{V1}/agents/{admin['id']}"))[0] == 404


async def test_agent_validation_and_conflicts(client):
    (billing,) = await departments("Billing")
    status, body = await client.post(f"{V1}/agents", {"name": "No id"})
    assert status == 422 and locs(body) == {("telegram_id",)}
    for field, value in [
        ("telegram_id", "alice"),
        ("telegram_id", 2**60),
        ("name", "x" * 129),
        ("name", ""),
        ("username", "has space"),
        ("username", "x" * 33),
        ("role", "owner"),
        ("department_ids", "1"),
        ("department_ids", [0]),
        ("department_ids", list(range(1, 300))),
    ]:
        status, body = await client.post(
            f"{V1}/agents", {"telegram_id": 1, "name": "A", field: value}
        )
        assert status == 422 and locs(body) and next(iter(locs(body)))[0] == field, (field, value)
    status, body = await client.post(
        f"{V1}/agents", {"telegram_id": 1, "name": "A", "department_ids": [billing, 998, 999]}
    )
    assert status == 422 and locs(body) == {("department_ids",)}
    assert "998, 999" in body["error"]["message"]
    assert not await Agent.filter(telegram_id=1).exists()

    status, _ = await client.post(f"{V1}/agents", {"telegram_id": 1, "name": "A"})
    assert status == 201
    status, body = await client.post(f"{V1}/agents", {"telegram_id": 1, "name": "B"})
    assert status == 409 and body["error"]["details"] == {"fields": ["telegram_id"]}
    status, second = await client.post(f"{V1}/agents", {"telegram_id": 2, "name": "B"})
    status, body = await client.patch(f"{V1}/agents/{second['id']}", {"telegram_id": 1})
    assert status == 409
    status, body = await client.patch(f"{V1}/agents/{second['id']}", {"department_ids": [999]})
    assert status == 422 and locs(body) == {("department_ids",)}
    status, body = await client.patch(f"{V1}/agents/{second['id']}", {"role": None})
    assert status == 422


async def test_leaving_a_department_drops_category_responsibility(client):
    billing, sales = await departments("Billing", "Sales")
    status, agent = await client.post(
        f"{V1}/agents", {"telegram_id": 7, "name": "A", "department_ids": [billing, sales]}
    )
    invoices = await Category.create(
        name="Invoices", department_id=billing, responsible_agent_id=agent["id"]
    )
    leads = await Category.create(
        name="Leads", department_id=sales, responsible_agent_id=agent["id"]
    )
    status, _ = await client.patch(f"{V1}/agents/{agent['id']}", {"department_ids": [sales]})
    assert status == 200
    assert (await Category.get(id=invoices.id)).responsible_agent_id is None
    assert (await Category.get(id=leads.id)).responsible_agent_id == agent["id"]


async def test_agent_who_worked_on_tickets_is_kept(client):
    status, agent = await client.post(f"{V1}/agents", {"telegram_id": 7, "name": "A"})
    customer = await Customer.create(telegram_id=42)
    ticket = await open_ticket(customer)
    await Message.create(
        ticket=ticket, kind=MessageKind.AGENT, author_agent_id=agent["id"], text="Hi"
    )
    status, body = await client.delete(f"{V1}/agents/{agent['id']}")
    assert status == 409 and "deactivate" in body["error"]["message"]
    assert await Agent.filter(id=agent["id"]).exists()


# -- customers ----------------------------------------------------------------------------


async def test_customer_crud_and_filters(client):
    status, created = await client.post(
        f"{V1}/customers",
        {
            "telegram_id": 424242,
            "first_name": "Ivan",
            "last_name": "Petrov",
            "username": "ivanp",
            "language": "ru",
            "support_level": "vip",
            "support_until": "2031-12-31",
        },
    )
    assert status == 201
    assert created["support_until"] == "2031-12-31" and created["blocked_bot"] is False
    assert created["banned"] is False and created["active"] is True
    await Customer.create(telegram_id=777, first_name="Anna", username="anna")
    status, page = await client.get(f"{V1}/customers?q=petr")
    assert [c["id"] for c in page["items"]] == [created["id"]]
    status, page = await client.get(f"{V1}/customers?q=@ivanp")
    assert [c["id"] for c in page["items"]] == [created["id"]]
    status, page = await client.get(f"{V1}/customers?q=424242")
    assert [c["id"] for c in page["items"]] == [created["id"]]
    status, page = await client.get(f"{V1}/customers?support_level=vip")
    assert [c["id"] for c in page["items"]] == [created["id"]]
    status, page = await client.get(f"{V1}/customers?limit=1")
    assert page["total"] == 2 and len(page["items"]) == 1

    status, changed = await client.patch(
        f"{V1}/customers/{created['id']}",
        {"banned": True, "ban_reason": "spam", "support_until": None, "active": False},
    )
    assert status == 200 and changed["banned"] is True and changed["ban_reason"] == "spam"
    assert changed["support_until"] is None and changed["active"] is False
    row = await Customer.get(id=created["id"])
    assert row.banned and row.support_until is None
    status, page = await client.get(f"{V1}/customers?banned=true")
    assert [c["id"] for c in page["items"]] == [created["id"]]
    status, page = await client.get(f"{V1}/customers?active=true")
    assert [c["telegram_id"] for c in page["items"]] == [777]
    assert (await client.get(f"{V1}/customers/{created['id']}"))[1] == changed

    status, body = await client.delete(f"{V1}/customers/{created['id']}")
    assert status == 200 and body["deleted"] is True
    assert not await Customer.filter(id=created["id"]).exists()


async def test_customer_validation_and_conflicts(client):
    status, body = await client.post(f"{V1}/customers", {"first_name": "Nobody"})
    assert status == 422 and locs(body) == {("telegram_id",)}
    for field, value in [
        ("telegram_id", "123abc"),
        ("first_name", "x" * 129),
        ("language", "de"),
        ("support_level", ""),
        ("support_until", "tomorrow"),
        ("banned", "yes please"),
        ("ban_reason", "x" * 256),
        ("blocked_bot", True),
    ]:
        status, body = await client.post(f"{V1}/customers", {"telegram_id": 5, field: value})
        assert status == 422 and locs(body) == {(field,)}, (field, value)
    status, created = await client.post(f"{V1}/customers", {"telegram_id": 5})
    assert status == 201 and created["support_level"] == "standard"
    status, body = await client.post(f"{V1}/customers", {"telegram_id": 5})
    assert status == 409
    status, other = await client.post(f"{V1}/customers", {"telegram_id": 6})
    status, body = await client.patch(f"{V1}/customers/{other['id']}", {"telegram_id": 5})
    assert status == 409
    status, fixed = await client.patch(f"{V1}/customers/{other['id']}", {"telegram_id": 60})
    assert status == 200 and fixed["telegram_id"] == 60
    status, _ = await client.get(f"{V1}/customers?q=" + "x" * 129)
    assert status == 422
    status, body = await client.get(f"{V1}/customers?q=%00")
    assert status == 422 and locs(body) == {("q",)}
    status, body = await client.post(f"{V1}/customers", {"telegram_id": 8, "first_name": "\x00"})
    assert status == 422 and locs(body) == {("first_name",)}


async def test_customer_with_tickets_is_kept(client):
    status, created = await client.post(f"{V1}/customers", {"telegram_id": 5})
    await open_ticket(await Customer.get(id=created["id"]))
    status, body = await client.delete(f"{V1}/customers/{created['id']}")
    assert status == 409 and "tickets" in body["error"]["message"]
    # Their tickets are delivered to this Telegram id: it stays.
    status, body = await client.patch(f"{V1}/customers/{created['id']}", {"telegram_id": 6})
    assert status == 409
    assert (await Customer.get(id=created["id"])).telegram_id == 5


async def test_blocked_bot_is_read_only(client):
    customer = await Customer.create(telegram_id=5, blocked_bot=True)
    status, body = await client.patch(f"{V1}/customers/{customer.id}", {"blocked_bot": False})
    assert status == 422 and locs(body) == {("blocked_bot",)}
    status, body = await client.get(f"{V1}/customers/{customer.id}")
    assert body["blocked_bot"] is True


# -- roles --------------------------------------------------------------------------------


async def test_roles(client, make_token):
    agent = await Agent.create(telegram_id=1, name="A")
    customer = await Customer.create(telegram_id=2, support_until=date(2030, 1, 1))
    # An agent token reads the customers of its departments' tickets.
    await agent.departments.add(await (await open_ticket(customer)).department)
    readers = [
        client.as_(await make_token("readonly")),
        client.as_(await make_token("agent", agent.id)),
    ]
    targets = {
        "agents": (agent.id, {"telegram_id": 3, "name": "B"}),
        "customers": (customer.id, {"telegram_id": 4}),
    }
    for resource, (object_id, body) in targets.items():
        one = f"{V1}/{resource}/{object_id}"
        for reader in readers:
            status, page = await reader.get(f"{V1}/{resource}")
            assert status == 200 and page["total"] == 1, resource
            assert (await reader.get(one))[0] == 200
            for status, error in [
                await reader.post(f"{V1}/{resource}", body),
                await reader.patch(one, {"active": False}),
                await reader.delete(one),
            ]:
                assert status == 403 and error["error"]["code"] == "forbidden", resource
        for method in ("GET", "PATCH", "DELETE"):
            status, error = await client.as_(None).call(method, one, json={})
            assert status == 401 and error["error"]["code"] == "unauthorized"
        assert (await client.as_(None).post(f"{V1}/{resource}", body))[0] == 401
    assert await Agent.filter(id=agent.id, active=True).exists()
    assert await Customer.filter(active=True).count() == 1
