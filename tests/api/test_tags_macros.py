"""Tags and macros in the admin API (issue 16, point 6): their CRUD validated, a ticket's
tags set / added / taken off, the ticket list filtered by tag, a macro applied (all or
nothing), and the statistics per tag."""

from __future__ import annotations

from datetime import timedelta

from models import (
    Agent,
    Customer,
    Department,
    Message,
    OutboxMessage,
    Status,
    Template,
    Ticket,
    TicketEvent,
    TicketTag,
)
from models.enums import MessageKind, SettableBy, StatusRole
from tests.api.conftest import ApiClient
from tests.factories import open_ticket

V1 = "/api/v1"


async def _desk():
    billing = await Department.create(name="Billing")
    tech = await Department.create(name="Tech")
    ann = await Agent.create(telegram_id=11, name="Ann")
    await ann.departments.add(billing)
    bob = await Agent.create(telegram_id=12, name="Bob")
    await bob.departments.add(tech)
    alice = await Customer.create(telegram_id=21, first_name="Alice")
    return billing, tech, ann, bob, alice


async def test_tags_crud_and_a_tickets_tags(client: ApiClient, make_token):
    billing, tech, ann, _, alice = await _desk()
    status, billing_tag = await client.post(f"{V1}/tags", {"name": "billing", "color": "💳"})
    assert status == 201 and billing_tag["name"] == "billing"
    status, urgent = await client.post(f"{V1}/tags", {"name": "Срочно"})
    assert status == 201
    status, body = await client.post(f"{V1}/tags", {"name": "BILLING"})
    assert status == 409 and "already exists" in body["error"]["message"]
    for bad in ("two words", "", "x" * 33, "<b>"):
        status, _ = await client.post(f"{V1}/tags", {"name": bad})
        assert status == 422, bad
    status, body = await client.patch(f"{V1}/tags/{urgent['id']}", {"name": "billing"})
    assert status == 409
    status, body = await client.get(f"{V1}/tags", params={"q": "СРОЧ"})
    assert status == 200 and [t["name"] for t in body["items"]] == ["Срочно"]
    agent = client.as_(await make_token("agent", ann.id))
    assert (await agent.post(f"{V1}/tags", {"name": "mine"}))[0] == 403

    one = await open_ticket(alice, billing, "Refund")
    two = await open_ticket(alice, billing, "Invoice")
    other = await open_ticket(alice, tech, "Router")
    path = f"{V1}/tickets/{one.id}/tags"
    status, body = await agent.post(path, {"tags": ["Billing", "#срочно"]})
    assert status == 200, body
    assert [t["name"] for t in body["tags"]] == ["billing", "Срочно"]
    status, body = await agent.post(path, {"tags": ["billing", "nosuch"]})
    assert status == 422 and "nosuch" in body["error"]["message"]
    status, body = await agent.call("DELETE", path, json={"tags": ["billing"]})
    assert status == 200 and [t["name"] for t in body["tags"]] == ["Срочно"]
    status, body = await agent.call("PUT", path, json={"tags": ["billing"]})
    assert status == 200 and [t["name"] for t in body["tags"]] == ["billing"]
    assert (await agent.post(f"{V1}/tickets/{other.id}/tags", {"tags": ["billing"]}))[0] == 404
    readonly = client.as_(await make_token("readonly"))
    assert (await readonly.post(path, {"tags": ["billing"]}))[0] == 403
    await client.post(f"{V1}/tickets/{two.id}/tags", {"tags": ["billing", "срочно"]})

    # The ticket resource lists its tags; the list filters by tag (several: all of them).
    status, body = await client.get(f"{V1}/tickets/{one.id}")
    assert [t["name"] for t in body["tags"]] == ["billing"]
    assert (await client.get(path))[1]["tags"][0]["color"] == "💳"
    status, body = await client.get(f"{V1}/tickets", params={"tag": "BILLING"})
    assert status == 200 and sorted(t["id"] for t in body["items"]) == sorted([one.id, two.id])
    assert all(t["tags"] for t in body["items"])
    status, body = await client.get(f"{V1}/tickets", params=[("tag", "billing"), ("tag", "срочно")])
    assert [t["id"] for t in body["items"]] == [two.id] and body["total"] == 1
    status, body = await client.get(f"{V1}/tickets", params={"tag": "nosuch"})
    assert status == 422 and "nosuch" in body["error"]["message"]

    # Deleting a tag takes it off its tickets.
    status, _ = await client.delete(f"{V1}/tags/{billing_tag['id']}")
    assert status == 200
    assert await TicketTag.filter(ticket_id=one.id).count() == 0
    assert await TicketTag.filter(ticket_id=two.id).count() == 1


async def test_macros_are_validated_and_applied_all_or_nothing(client: ApiClient, make_token):
    billing, _tech, ann, bob, alice = await _desk()
    template = await Template.create(
        title="Refund sent", shortcut="refunded", text="Dear {customer_name}: #{ticket_number}"
    )
    _, tag = await client.post(f"{V1}/tags", {"name": "refund"})
    resolved = await Status.get(role=StatusRole.RESOLVED)
    customers_only = await Status.create(name="Customer says", settable_by=SettableBy.CUSTOMERS)
    good = {
        "name": "Refund done",
        "template_id": template.id,
        "status_id": resolved.id,
        "tag_ids": [tag["id"]],
        "assign_to_me": True,
    }
    for change, field in (
        ({"template_id": 999}, "template_id"),
        ({"status_id": 999}, "status_id"),
        ({"status_id": customers_only.id}, "status_id"),
        ({"tag_ids": [999]}, "tag_ids"),
        ({"assignee_id": 999}, "assignee_id"),
        ({"assignee_id": ann.id}, "assign_to_me"),  # both at once
        ({"name": ""}, "name"),
        ({"steps": []}, "steps"),
    ):
        status, body = await client.post(f"{V1}/macros", {**good, **change})
        assert status == 422, (change, body)
        assert field in str(body["error"]["details"]), (change, body)
    status, body = await client.post(f"{V1}/macros", {"name": "Nothing"})
    assert status == 422 and "a macro does something" in body["error"]["message"]
    status, macro = await client.post(f"{V1}/macros", good)
    assert status == 201 and macro["tag_ids"] == [tag["id"]]
    assert (await client.post(f"{V1}/macros", {**good, "name": "refund  DONE"}))[0] == 409
    status, to_bob = await client.post(
        f"{V1}/macros", {"name": "To Bob", "assignee_id": bob.id, "tag_ids": [tag["id"]]}
    )
    assert status == 201
    status, body = await client.patch(f"{V1}/macros/{to_bob['id']}", {"tag_ids": []})
    assert status == 200 and body["tag_ids"] == []
    status, body = await client.patch(f"{V1}/macros/{to_bob['id']}", {"assignee_id": None})
    assert status == 422 and "a macro does something" in body["error"]["message"]
    assert (await client.get(f"{V1}/macros"))[1]["total"] == 2

    ticket = await open_ticket(alice, billing, "Refund")
    agent = client.as_(await make_token("agent", ann.id))
    # Bob does not work in Billing: the assignment is refused, and with it the macro.
    await client.patch(f"{V1}/macros/{to_bob['id']}", {"tag_ids": [tag["id"]]})
    status, body = await agent.post(f"{V1}/tickets/{ticket.id}/macros/{to_bob['id']}")
    assert status == 422 and "department" in body["error"]["message"]
    assert await TicketTag.filter(ticket_id=ticket.id).count() == 0
    assert (await Ticket.get(id=ticket.id)).assignee_id is None
    assert (await agent.post(f"{V1}/tickets/{ticket.id}/macros/999"))[0] == 404
    readonly = client.as_(await make_token("readonly"))
    assert (await readonly.post(f"{V1}/tickets/{ticket.id}/macros/{macro['id']}"))[0] == 403
    assert (await readonly.post(f"{V1}/macros", {**good, "name": "Other"}))[0] == 403
    # An admin token without an agent cannot be "me".
    status, body = await client.post(f"{V1}/tickets/{ticket.id}/macros/{macro['id']}")
    assert status == 422 and "agent" in body["error"]["message"]
    assert await Message.filter(ticket_id=ticket.id, kind=MessageKind.AGENT).count() == 0

    status, body = await agent.post(f"{V1}/tickets/{ticket.id}/macros/{macro['id']}")
    assert status == 200, body
    assert body["steps"] == ["assign", "tags", "reply", "status"]
    assert body["ticket"]["status"]["role"] == "resolved"
    assert body["ticket"]["assignee_id"] == ann.id
    assert [t["name"] for t in body["ticket"]["tags"]] == ["refund"]
    answer = await Message.get(ticket_id=ticket.id, kind=MessageKind.AGENT)
    assert answer.text == f"Dear Alice: #{ticket.number}" and answer.author_agent_id == ann.id

    # Another agent of the department cannot take Ann's ticket over with a macro; the
    # status step of a later macro refused (closed ticket) leaves everything as it was.
    cid = await Agent.create(telegram_id=13, name="Cid")
    await cid.departments.add(billing)
    second = await open_ticket(alice, billing, "Second")
    await client.post(f"{V1}/tickets/{second.id}/assign", {"agent_id": ann.id})
    as_cid = client.as_(await make_token("agent", cid.id))
    status, body = await as_cid.post(f"{V1}/tickets/{second.id}/macros/{macro['id']}")
    assert status == 403 and "take a ticket over" in body["error"]["message"]
    assert (await Ticket.get(id=second.id)).assignee_id == ann.id
    closed = await Status.get(role=StatusRole.CLOSED)
    await Status.filter(id=closed.id).update(settable_by=SettableBy.ALL)
    status, closing = await client.post(
        f"{V1}/macros", {"name": "Tag and close", "tag_ids": [tag["id"]], "status_id": closed.id}
    )
    assert status == 201
    await Status.filter(id=closed.id).update(available=False)
    outbox_before = await OutboxMessage.all().count()
    status, body = await agent.post(f"{V1}/tickets/{second.id}/macros/{closing['id']}")
    assert status == 422 and "status" in body["error"]["message"]
    assert await TicketTag.filter(ticket_id=second.id).count() == 0
    assert await OutboxMessage.all().count() == outbox_before
    assert "tagged" not in await TicketEvent.filter(ticket_id=second.id).values_list(
        "kind", flat=True
    )


async def test_stats_by_tag(client: ApiClient, make_token):
    billing, tech, ann, _, alice = await _desk()
    for name in ("billing", "vip", "unused"):
        await client.post(f"{V1}/tags", {"name": name})
    tickets = [await open_ticket(alice, billing, f"T{i}") for i in range(3)]
    techs = await open_ticket(alice, tech, "Tech")
    for t in tickets[:2]:
        await client.post(f"{V1}/tickets/{t.id}/tags", {"tags": ["billing"]})
    await client.post(f"{V1}/tickets/{tickets[2].id}/tags", {"tags": ["vip"]})
    await client.post(f"{V1}/tickets/{techs.id}/tags", {"tags": ["billing"]})
    first = tickets[0]
    await Ticket.filter(id=first.id).update(
        first_response_at=first.created_at + timedelta(seconds=60),
        resolved_at=first.created_at + timedelta(hours=1),
        csat=4,
    )
    await Ticket.filter(id=tickets[1].id).update(
        first_response_at=tickets[1].created_at + timedelta(seconds=120), csat=2
    )
    status, body = await client.get(f"{V1}/stats/tags")
    assert status == 200, body
    rows = {r["tag"]["name"]: r for r in body["rows"]}
    assert rows["billing"]["opened"] == 3 and rows["billing"]["solved"] == 1
    assert rows["billing"]["first_response_average"] == 90.0
    assert rows["billing"]["csat_average"] == 3.0 and rows["billing"]["csat_count"] == 2
    assert rows["vip"]["opened"] == 1 and rows["vip"]["first_response_average"] is None
    assert rows["unused"]["opened"] == 0
    # An agent token counts their departments' tickets only; a future period none.
    agent = client.as_(await make_token("agent", ann.id))
    rows = {r["tag"]["name"]: r for r in (await agent.get(f"{V1}/stats/tags"))[1]["rows"]}
    assert rows["billing"]["opened"] == 2
    status, body = await client.get(
        f"{V1}/stats/tags", params={"created_from": "2999-01-01T00:00:00Z"}
    )
    assert all(r["opened"] == 0 for r in body["rows"])
    status, body = await client.get(f"{V1}/stats/tags", params={"format": "csv"})
    assert status == 200 and body.decode().splitlines()[0].startswith("tag,opened,solved")


async def test_an_admin_token_applies_a_macro_as_the_support_team(client: ApiClient):
    billing, _tech, _ann, _bob, alice = await _desk()
    template = await Template.create(
        title="Thanks", shortcut="thanks", text="Thank you, {customer_name}. {agent_name}"
    )
    body = {"name": "Thanks", "template_id": template.id}
    status, macro = await client.post(f"{V1}/macros", body)
    assert status == 201
    ticket = await open_ticket(alice, billing, "Refund")
    status, body = await client.post(f"{V1}/tickets/{ticket.id}/macros/{macro['id']}")
    assert status == 200 and body["steps"] == ["reply"]
    answer = await Message.get(ticket_id=ticket.id, kind=MessageKind.AGENT)
    assert answer.text == "Thank you, Alice. Support" and answer.author_agent_id is None
    assert body["ticket"]["status"]["role"] == "waiting"  # as any answer does
    events = await TicketEvent.filter(ticket_id=ticket.id).values_list("kind", flat=True)
    assert "replied" in events and "macro_applied" in events
