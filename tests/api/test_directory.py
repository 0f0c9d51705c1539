"""Categories, priorities, statuses, SLA policies and templates: CRUD, validation, roles."""

from __future__ import annotations

from typing import Any

from models import Agent, Category, Customer, Department, Priority, Status, Template, Ticket

V1 = "/api/v1"


async def department(client: Any, name: str = "Billing") -> int:
    status, body = await client.post(f"{V1}/departments", {"name": name})
    assert status == 201, body
    return body["id"]


async def agent_in(*department_ids: int, telegram_id: int = 5001) -> Agent:
    agent = await Agent.create(telegram_id=telegram_id, name=f"agent {telegram_id}")
    if department_ids:
        await agent.departments.add(*await Department.filter(id__in=department_ids))
    return agent


async def ticket(**refs: Any) -> Ticket:
    """A ticket using the given references; the rest from the seeded defaults."""
    defaults = {
        "customer": refs.pop("customer", None) or await Customer.create(telegram_id=9001),
        "department_id": refs.pop("department_id", None)
        or (await Department.create(name="Tickets dept")).id,
        "priority": await Priority.get(is_default=True),
        "status": await Status.get(is_new=True),
    }
    if "priority_id" in refs or "status_id" in refs:
        defaults.pop("priority" if "priority_id" in refs else "status")
    number = await Ticket.all().count() + 1001
    return await Ticket.create(number=number, subject="Help", **{**defaults, **refs})


def locs(body: dict) -> set[tuple[str, ...]]:
    return {tuple(d["loc"]) for d in body["error"]["details"]}


# -- categories ---------------------------------------------------------------------------


async def test_category_crud_and_filters(client):
    billing, sales = await department(client), await department(client, "Sales")
    agent = await agent_in(billing)
    status, created = await client.post(
        f"{V1}/categories",
        {"name": "Invoices", "department_id": billing, "responsible_agent_id": agent.id},
    )
    assert status == 201
    assert created["department_id"] == billing and created["responsible_agent_id"] == agent.id
    assert created["active"] is True and created["color"] == "" and created["order"] == 0
    assert (await client.post(f"{V1}/categories", {"name": "Leads", "department_id": sales}))[
        0
    ] == 201
    status, page = await client.get(f"{V1}/categories?department_id={billing}")
    assert status == 200 and page["total"] == 1 and page["items"][0]["name"] == "Invoices"
    status, one = await client.get(f"{V1}/categories/{created['id']}")
    assert status == 200 and one == created

    status, changed = await client.patch(
        f"{V1}/categories/{created['id']}",
        {"name": "Bills", "color": "🧾", "active": False, "responsible_agent_id": None},
    )
    assert status == 200
    assert changed["name"] == "Bills" and changed["color"] == "🧾"
    assert changed["responsible_agent_id"] is None
    status, page = await client.get(f"{V1}/categories?active=false")
    assert [c["id"] for c in page["items"]] == [created["id"]]
    status, page = await client.get(f"{V1}/categories?limit=1&offset=1")
    assert page["total"] == 2 and len(page["items"]) == 1 and page["offset"] == 1

    status, body = await client.delete(f"{V1}/categories/{created['id']}")
    assert status == 200 and body == {"deleted": True, "id": created["id"]}
    assert not await Category.filter(id=created["id"]).exists()
    assert (await client.get(f"{V1}/categories/{created['id']}"))[0] == 404


async def test_category_validation_and_references(client):
    billing, sales = await department(client), await department(client, "Sales")
    status, body = await client.post(f"{V1}/categories", {"name": "No department"})
    assert status == 422 and locs(body) == {("department_id",)}
    status, body = await client.post(f"{V1}/categories", {"name": "X", "department_id": "one"})
    assert status == 422 and locs(body) == {("department_id",)}
    status, body = await client.post(
        f"{V1}/categories", {"name": "x" * 129, "department_id": billing}
    )
    assert status == 422 and locs(body) == {("name",)}
    status, body = await client.post(f"{V1}/categories", {"name": "X", "department_id": 999})
    assert status == 422 and locs(body) == {("department_id",)}
    assert body["error"]["details"][0]["type"] == "unknown_reference"
    status, body = await client.post(
        f"{V1}/categories", {"name": "X", "department_id": billing, "responsible_agent_id": 999}
    )
    assert status == 422 and locs(body) == {("responsible_agent_id",)}

    # The responsible agent must see the category's tickets: same department.
    outsider = await agent_in(sales)
    status, body = await client.post(
        f"{V1}/categories",
        {"name": "X", "department_id": billing, "responsible_agent_id": outsider.id},
    )
    assert status == 422 and body["error"]["details"][0]["type"] == "not_in_department"
    status, created = await client.post(
        f"{V1}/categories",
        {"name": "Leads", "department_id": sales, "responsible_agent_id": outsider.id},
    )
    assert status == 201
    status, body = await client.patch(
        f"{V1}/categories/{created['id']}", {"department_id": billing}
    )
    assert status == 422 and locs(body) == {("responsible_agent_id",)}
    assert (await Category.get(id=created["id"])).department_id == sales
    status, moved = await client.patch(
        f"{V1}/categories/{created['id']}",
        {"department_id": billing, "responsible_agent_id": None},
    )
    assert status == 200 and moved["department_id"] == billing

    # Unique per department, free across departments.
    status, body = await client.post(
        f"{V1}/categories", {"name": "Leads", "department_id": billing}
    )
    assert status == 409 and body["error"]["code"] == "conflict"
    assert (await client.post(f"{V1}/categories", {"name": "Leads", "department_id": sales}))[
        0
    ] == 201
    status, _ = await client.patch(f"{V1}/categories/{created['id']}", {"department_id": sales})
    assert status == 409
    status, body = await client.patch(f"{V1}/categories/{created['id']}", {"name": None})
    assert status == 422 and body["error"]["details"] == {"fields": ["name"]}


async def test_category_with_tickets_is_kept(client):
    billing = await department(client)
    status, created = await client.post(
        f"{V1}/categories", {"name": "Invoices", "department_id": billing}
    )
    await ticket(department_id=billing, category_id=created["id"])
    status, body = await client.delete(f"{V1}/categories/{created['id']}")
    assert status == 409 and "deactivate" in body["error"]["message"]
    assert await Category.filter(id=created["id"]).exists()


# -- priorities ---------------------------------------------------------------------------


async def test_priority_crud(client):
    status, page = await client.get(f"{V1}/priorities")
    assert status == 200 and [p["level"] for p in page["items"]] == [2, 3, 4, 5]
    assert [p["name"] for p in page["items"] if p["is_default"]] == ["normal"]
    status, created = await client.post(
        f"{V1}/priorities", {"name": "blocker", "level": 6, "color": "🟣"}
    )
    assert status == 201 and created["is_default"] is False and created["active"] is True
    status, changed = await client.patch(
        f"{V1}/priorities/{created['id']}", {"name": "critical", "active": False}
    )
    assert status == 200 and changed["name"] == "critical" and changed["active"] is False
    status, page = await client.get(f"{V1}/priorities?active=false")
    assert [p["id"] for p in page["items"]] == [created["id"]]
    assert (await client.get(f"{V1}/priorities/{created['id']}"))[1] == changed
    status, body = await client.delete(f"{V1}/priorities/{created['id']}")
    assert status == 200 and body["deleted"] is True
    assert not await Priority.filter(id=created["id"]).exists()


async def test_priority_validation_and_conflicts(client):
    status, body = await client.post(f"{V1}/priorities", {"name": "x"})
    assert status == 422 and locs(body) == {("level",)}
    status, body = await client.post(f"{V1}/priorities", {"name": "x", "level": "high"})
    assert status == 422 and locs(body) == {("level",)}
    status, body = await client.post(f"{V1}/priorities", {"name": "x" * 65, "level": 9})
    assert status == 422 and locs(body) == {("name",)}
    status, body = await client.post(f"{V1}/priorities", {"name": "x", "level": 10**12})
    assert status == 422
    status, body = await client.post(f"{V1}/priorities", {"name": "normal", "level": 9})
    assert status == 409 and body["error"]["details"] == {"fields": ["name"]}
    status, body = await client.post(f"{V1}/priorities", {"name": "other", "level": 3})
    assert status == 409 and body["error"]["details"] == {"fields": ["level"]}
    low = await Priority.get(name="low")
    status, _ = await client.patch(f"{V1}/priorities/{low.id}", {"level": 4})
    assert status == 409


async def test_priority_default_moves_and_is_protected(client):
    normal = await Priority.get(name="normal")
    high = await Priority.get(name="high")
    status, body = await client.patch(f"{V1}/priorities/{high.id}", {"is_default": True})
    assert status == 200 and body["is_default"] is True
    status, page = await client.get(f"{V1}/priorities")
    assert [p["name"] for p in page["items"] if p["is_default"]] == ["high"]
    assert await Priority.filter(is_default=True).count() == 1
    assert (await Priority.get(id=normal.id)).is_default is None

    # A new priority can take the default at creation, in the same way.
    status, created = await client.post(
        f"{V1}/priorities", {"name": "blocker", "level": 6, "is_default": True}
    )
    assert status == 201 and created["is_default"] is True
    assert [p.id for p in await Priority.filter(is_default=True)] == [created["id"]]

    status, body = await client.patch(f"{V1}/priorities/{created['id']}", {"is_default": False})
    assert status == 409 and "another priority" in body["error"]["message"]
    status, body = await client.patch(f"{V1}/priorities/{created['id']}", {"active": False})
    assert status == 409
    status, body = await client.delete(f"{V1}/priorities/{created['id']}")
    assert status == 409 and "default" in body["error"]["message"]
    assert await Priority.filter(id=created["id"], is_default=True).exists()


async def test_priority_used_by_tickets_is_kept(client):
    urgent = await Priority.get(name="urgent")
    await ticket(priority_id=urgent.id)
    status, body = await client.delete(f"{V1}/priorities/{urgent.id}")
    assert status == 409 and "tickets" in body["error"]["message"]
    assert await Priority.filter(id=urgent.id).exists()


# -- statuses -----------------------------------------------------------------------------


async def test_status_crud(client):
    status, page = await client.get(f"{V1}/statuses")
    assert status == 200 and page["total"] == 5
    assert {s["role"] for s in page["items"]} == {
        "new",
        "in_progress",
        "waiting",
        "resolved",
        "closed",
    }
    status, created = await client.post(
        f"{V1}/statuses",
        {
            "name": "on hold",
            "translations": {"en": "On hold", "ru": "Отложена"},
            "color": "⏸",
            "settable_by": "agents",
            "shown_by_default": False,
            "customer_can_reply": False,
            "order": 35,
        },
    )
    assert status == 201
    assert created["role"] is None and created["is_new"] is False and created["is_final"] is False
    assert created["translations"] == {"en": "On hold", "ru": "Отложена"}
    assert created["settable_by"] == "agents" and created["available"] is True
    status, changed = await client.patch(
        f"{V1}/statuses/{created['id']}", {"available": False, "settable_by": "all"}
    )
    assert status == 200 and changed["available"] is False and changed["settable_by"] == "all"
    status, page = await client.get(f"{V1}/statuses?available=false")
    assert [s["id"] for s in page["items"]] == [created["id"]]
    status, page = await client.get(f"{V1}/statuses?is_final=true")
    assert [s["role"] for s in page["items"]] == ["closed"]
    status, body = await client.delete(f"{V1}/statuses/{created['id']}")
    assert status == 200 and body["deleted"] is True
    assert not await Status.filter(id=created["id"]).exists()


async def test_status_validation(client):
    status, body = await client.post(f"{V1}/statuses", {"color": "🟦"})
    assert status == 422 and locs(body) == {("name",)}
    status, body = await client.post(f"{V1}/statuses", {"name": "x", "settable_by": "robots"})
    assert status == 422 and locs(body) == {("settable_by",)}
    status, body = await client.post(f"{V1}/statuses", {"name": "x", "available": "maybe"})
    assert status == 422 and locs(body) == {("available",)}
    status, body = await client.post(f"{V1}/statuses", {"name": "x", "translations": {"ru": ""}})
    assert status == 422
    status, body = await client.post(
        f"{V1}/statuses", {"name": "x", "translations": {"not a language": "x"}}
    )
    assert status == 422
    status, body = await client.post(f"{V1}/statuses", {"name": "x", "color": "c" * 17})
    assert status == 422 and locs(body) == {("color",)}
    status, body = await client.post(f"{V1}/statuses", {"name": "x", "role": "new"})
    assert status == 422 and locs(body) == {("role",)}
    status, body = await client.post(f"{V1}/statuses", {"name": "closed"})
    assert status == 409
    # PostgreSQL cannot store NUL: refused before it reaches the database.
    status, body = await client.post(
        f"{V1}/statuses", {"name": "a\x00b", "translations": {"ru": "\x00"}}
    )
    assert status == 422 and locs(body) == {("name",), ("translations",)}
    status, body = await client.post(
        f"{V1}/statuses", {"name": "instant", "is_new": True, "is_final": True}
    )
    assert status == 422 and locs(body) == {("is_final",)}


async def test_status_is_new_moves_and_stays_unique(client):
    seeded_new = await Status.get(is_new=True)
    status, created = await client.post(f"{V1}/statuses", {"name": "triage", "is_new": True})
    assert status == 201 and created["is_new"] is True
    assert [s.id for s in await Status.filter(is_new=True)] == [created["id"]]
    status, page = await client.get(f"{V1}/statuses")
    assert [s["id"] for s in page["items"] if s["is_new"]] == [created["id"]]

    status, back = await client.patch(f"{V1}/statuses/{seeded_new.id}", {"is_new": True})
    assert status == 200 and back["is_new"] is True
    assert [s.id for s in await Status.filter(is_new=True)] == [seeded_new.id]

    status, body = await client.patch(f"{V1}/statuses/{seeded_new.id}", {"is_new": False})
    assert status == 409 and "another status" in body["error"]["message"]
    assert (await Status.get(id=seeded_new.id)).is_new is True
    # Unsetting it where it is not set changes nothing.
    status, body = await client.patch(f"{V1}/statuses/{created['id']}", {"is_new": False})
    assert status == 200 and body["is_new"] is False


async def test_status_lifecycle_roles_are_kept(client):
    closed = await Status.get(role="closed")
    progress = await Status.get(role="in_progress")
    status, renamed = await client.patch(
        f"{V1}/statuses/{closed.id}", {"name": "done", "translations": {"ru": "Готово"}}
    )
    assert status == 200 and renamed["name"] == "done" and renamed["role"] == "closed"
    status, body = await client.delete(f"{V1}/statuses/{closed.id}")
    assert status == 409 and "lifecycle role 'closed'" in body["error"]["message"]
    assert body["error"]["details"] == {"role": "closed"}
    status, body = await client.patch(f"{V1}/statuses/{closed.id}", {"is_final": False})
    assert status == 409 and body["error"]["details"]["field"] == "is_final"
    status, body = await client.patch(f"{V1}/statuses/{progress.id}", {"is_final": True})
    assert status == 409
    # role is read-only.
    status, body = await client.patch(f"{V1}/statuses/{progress.id}", {"role": "closed"})
    assert status == 422 and locs(body) == {("role",)}
    assert (await Status.get(id=progress.id)).role == "in_progress"


async def test_status_in_use_is_kept(client):
    status, hold = await client.post(f"{V1}/statuses", {"name": "on hold"})
    await ticket(status_id=hold["id"])
    status, body = await client.delete(f"{V1}/statuses/{hold['id']}")
    assert status == 409 and "tickets" in body["error"]["message"]
    status, triage = await client.post(f"{V1}/statuses", {"name": "triage", "is_new": True})
    status, body = await client.delete(f"{V1}/statuses/{triage['id']}")
    assert status == 409 and "is_new" in body["error"]["message"]


# -- SLA policies -------------------------------------------------------------------------


async def test_sla_policy_crud(client):
    urgent = await Priority.get(name="urgent")
    status, created = await client.post(
        f"{V1}/sla-policies",
        {
            "name": "Urgent",
            "priority_id": urgent.id,
            "first_response_minutes": 15,
            "resolution_minutes": 240,
        },
    )
    assert status == 201
    assert created["support_level"] is None and created["warning_ratio"] == 0.8
    status, vip = await client.post(
        f"{V1}/sla-policies",
        {
            "name": "VIP",
            "support_level": "vip",
            "first_response_minutes": 30,
            "resolution_minutes": 30,
            "warning_ratio": 0.5,
        },
    )
    assert status == 201 and vip["priority_id"] is None
    status, page = await client.get(f"{V1}/sla-policies?priority_id={urgent.id}")
    assert [p["id"] for p in page["items"]] == [created["id"]]
    status, page = await client.get(f"{V1}/sla-policies?support_level=vip")
    assert [p["id"] for p in page["items"]] == [vip["id"]]
    status, changed = await client.patch(
        f"{V1}/sla-policies/{created['id']}",
        {"priority_id": None, "support_level": "gold", "resolution_minutes": 600},
    )
    assert status == 200
    assert changed["priority_id"] is None and changed["support_level"] == "gold"
    assert changed["resolution_minutes"] == 600
    assert (await client.get(f"{V1}/sla-policies/{created['id']}"))[1] == changed
    status, body = await client.delete(f"{V1}/sla-policies/{created['id']}")
    assert status == 200 and body["deleted"] is True
    assert (await client.get(f"{V1}/sla-policies/{created['id']}"))[0] == 404


async def test_sla_policy_validation(client):
    base = {"name": "P", "first_response_minutes": 60, "resolution_minutes": 120}
    status, body = await client.post(f"{V1}/sla-policies", {"name": "P"})
    assert status == 422
    assert locs(body) == {("first_response_minutes",), ("resolution_minutes",)}
    for field, value in [
        ("first_response_minutes", 0),
        ("first_response_minutes", 525_601),
        ("first_response_minutes", "soon"),
        ("warning_ratio", 1.0),
        ("warning_ratio", 0.05),
        ("support_level", "x" * 33),
        ("name", "x" * 129),
    ]:
        status, body = await client.post(f"{V1}/sla-policies", {**base, field: value})
        assert status == 422 and locs(body) == {(field,)}, (field, value)
    status, body = await client.post(f"{V1}/sla-policies", {**base, "resolution_minutes": 30})
    assert status == 422 and locs(body) == {("resolution_minutes",)}
    status, body = await client.post(f"{V1}/sla-policies", {**base, "priority_id": 999})
    assert status == 422 and locs(body) == {("priority_id",)}
    status, created = await client.post(f"{V1}/sla-policies", base)
    # Checked against the stored value when only one side changes.
    status, body = await client.patch(
        f"{V1}/sla-policies/{created['id']}", {"first_response_minutes": 121}
    )
    assert status == 422 and locs(body) == {("resolution_minutes",)}
    status, body = await client.patch(f"{V1}/sla-policies/{created['id']}", {"priority_id": 999})
    assert status == 422 and locs(body) == {("priority_id",)}


# -- templates ----------------------------------------------------------------------------


async def test_template_crud_and_search(client):
    billing = await department(client)
    status, created = await client.post(
        f"{V1}/templates",
        {
            "title": "Greeting",
            "shortcut": "hello",
            "text": "Hello, {name}!",
            "department_id": billing,
            "language": "en",
        },
    )
    assert status == 201 and created["active"] is True
    status, other = await client.post(
        f"{V1}/templates", {"title": "Refund policy", "shortcut": "refund", "text": "We refund."}
    )
    assert status == 201 and other["department_id"] is None and other["language"] is None
    status, page = await client.get(f"{V1}/templates?department_id={billing}")
    assert [t["id"] for t in page["items"]] == [created["id"]]
    status, page = await client.get(f"{V1}/templates?language=en")
    assert [t["id"] for t in page["items"]] == [created["id"]]
    status, page = await client.get(f"{V1}/templates?q=REFUND")
    assert [t["id"] for t in page["items"]] == [other["id"]]
    status, page = await client.get(f"{V1}/templates?q=hell")
    assert [t["id"] for t in page["items"]] == [created["id"]]
    status, changed = await client.patch(
        f"{V1}/templates/{created['id']}", {"language": None, "department_id": None}
    )
    assert status == 200 and changed["language"] is None and changed["department_id"] is None
    assert (await client.get(f"{V1}/templates/{created['id']}"))[1] == changed
    status, body = await client.delete(f"{V1}/templates/{created['id']}")
    assert status == 200 and body["deleted"] is True
    assert not await Template.filter(id=created["id"]).exists()


async def test_template_validation_and_uniqueness(client):
    billing = await department(client)
    base = {"title": "T", "shortcut": "thanks", "text": "Thank you"}
    status, body = await client.post(f"{V1}/templates", {"title": "T", "shortcut": "x"})
    assert status == 422 and locs(body) == {("text",)}
    for field, value in [
        ("shortcut", "Has Space"),
        ("shortcut", "UPPER"),
        ("shortcut", "x" * 33),
        ("shortcut", ""),
        ("text", "x" * 4001),
        ("text", ""),
        ("language", "de"),
        ("department_id", "billing"),
        ("title", "x" * 129),
    ]:
        status, body = await client.post(f"{V1}/templates", {**base, field: value})
        assert status == 422 and locs(body) == {(field,)}, (field, value)
    status, body = await client.post(f"{V1}/templates", {**base, "department_id": 999})
    assert status == 422 and locs(body) == {("department_id",)}

    assert (await client.post(f"{V1}/templates", base))[0] == 201
    status, body = await client.post(f"{V1}/templates", base)
    assert status == 409 and body["error"]["code"] == "conflict"
    # The same shortcut in another department or language is another template.
    status, scoped = await client.post(f"{V1}/templates", {**base, "department_id": billing})
    assert status == 201
    status, russian = await client.post(f"{V1}/templates", {**base, "language": "ru"})
    assert status == 201
    status, body = await client.patch(f"{V1}/templates/{scoped['id']}", {"department_id": None})
    assert status == 409
    status, body = await client.patch(f"{V1}/templates/{russian['id']}", {"language": None})
    assert status == 409
    status, body = await client.patch(f"{V1}/templates/{russian['id']}", {"title": "Спасибо"})
    assert status == 200 and body["title"] == "Спасибо"


# -- roles --------------------------------------------------------------------------------

RESOURCES = {
    "categories": {"name": "C"},
    "priorities": {"name": "p", "level": 9},
    "statuses": {"name": "s"},
    "sla-policies": {"name": "S", "first_response_minutes": 1, "resolution_minutes": 2},
    "templates": {"title": "T", "shortcut": "t", "text": "t"},
}


async def test_roles(client, make_token):
    billing = await department(client)
    agent = await agent_in(billing)
    bodies = {**RESOURCES, "categories": {**RESOURCES["categories"], "department_id": billing}}
    ids = {
        "categories": (await client.post(f"{V1}/categories", bodies["categories"]))[1]["id"],
        "priorities": (await Priority.get(name="low")).id,
        "statuses": (await client.post(f"{V1}/statuses", RESOURCES["statuses"]))[1]["id"],
        "sla-policies": (await client.post(f"{V1}/sla-policies", RESOURCES["sla-policies"]))[1][
            "id"
        ],
        "templates": (await client.post(f"{V1}/templates", RESOURCES["templates"]))[1]["id"],
    }
    readers = [
        client.as_(await make_token("readonly")),
        client.as_(await make_token("agent", agent.id)),
    ]
    anonymous = client.as_(None)
    for resource, body in bodies.items():
        one = f"{V1}/{resource}/{ids[resource]}"
        for reader in readers:
            assert (await reader.get(f"{V1}/{resource}"))[0] == 200, resource
            assert (await reader.get(one))[0] == 200, resource
            for status, error in [
                await reader.post(f"{V1}/{resource}", body),
                await reader.patch(one, {"active": False} if resource != "statuses" else {}),
                await reader.delete(one),
            ]:
                assert status == 403 and error["error"]["code"] == "forbidden", resource
        for status, error in [
            await anonymous.get(f"{V1}/{resource}"),
            await anonymous.get(one),
            await anonymous.post(f"{V1}/{resource}", body),
            await anonymous.patch(one, {}),
            await anonymous.delete(one),
        ]:
            assert status == 401 and error["error"]["code"] == "unauthorized", resource
    # Nothing changed behind the refusals.
    assert await Category.filter(id=ids["categories"], active=True).exists()
    assert await Template.filter(id=ids["templates"]).exists()
