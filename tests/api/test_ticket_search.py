"""The ticket list at scale: the free-text search (ticket number, subject, any message;
each matched by its own query) and totals counted up to a cap."""

from __future__ import annotations

import pytest

from bot.services import ticket_queries
from models import Message, Ticket
from models.enums import MessageKind
from tests.factories import make_desk, open_ticket


@pytest.fixture
async def desk(db):
    desk = await make_desk()
    desk.tickets = [
        await open_ticket(desk.alice, desk.billing, "Invoice is wrong", "Amount 100 vs 90"),
        await open_ticket(desk.carl, desk.tech, "VPN drops", "Since Monday the tunnel resets"),
        await open_ticket(desk.alice, desk.tech, "Printer", "Paper jam in tray 2"),
        await open_ticket(desk.carl, desk.billing, "Refund for order 1001", "Charged 100% twice"),
    ]
    # A later message, not the first one, and in other letter case.
    await Message.create(
        ticket=desk.tickets[2], kind=MessageKind.AGENT, text="The VPN TUNNEL was the cause"
    )
    return desk


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("q=tunnel", [1003, 1002]),  # messages: the customer's first, an agent's later one
        ("q=vpn", [1003, 1002]),  # a subject and a message; the ticket with both once
        ("q=VPN%20dRoPs", [1002]),  # subjects, any letter case
        ("q=%231001", [1001]),  # "#1001": the number (no subject holds "#1001")
        ("q=1001", [1004, 1001]),  # the number, and a subject holding it
        ("q=%23%231003", [1003]),
        ("q=100%25", [1004]),  # "%" is a character, not a wildcard
        ("q=a_o", []),  # "_" too (else "Amount" would match)
        ("q=12345678901", []),  # too long to be a number: only text
        ("q=%C2%B2", []),  # "²" is a digit to str.isdigit, not a number
        ("q=tunnel&department_id={tech}", [1003, 1002]),
        ("q=tunnel&department_id={billing}", []),
        ("q=1001&customer_id={carl}", [1004]),
        ("q=vpn&status_role=new", [1003, 1002]),
        ("q=vpn&status_role=closed", []),
        ("q=invoice&sort=number", [1001]),
    ],
)
async def test_search(client, desk, query, numbers):
    query = query.format(
        tech=desk.tech.id, billing=desk.billing.id, carl=desk.carl.id, alice=desk.alice.id
    )
    status, page = await client.get(f"/api/v1/tickets?{query}")
    assert status == 200, page
    assert [t["number"] for t in page["items"]] == numbers
    assert (page["total"], page["total_exact"]) == (len(numbers), True)
    assert page["next_cursor"] is None


async def test_search_keeps_to_the_agents_departments(client, desk, make_token):
    ann = client.as_(await make_token("agent", desk.ann.id))  # billing
    bob = client.as_(await make_token("agent", desk.bob.id))  # tech
    assert [t["number"] for t in (await ann.get("/api/v1/tickets?q=tunnel"))[1]["items"]] == []
    assert [t["number"] for t in (await ann.get("/api/v1/tickets?q=1001"))[1]["items"]] == [
        1004,
        1001,
    ]
    assert [t["number"] for t in (await bob.get("/api/v1/tickets?q=1001"))[1]["items"]] == []
    status, page = await bob.get("/api/v1/tickets?q=vpn")
    assert status == 200 and [t["number"] for t in page["items"]] == [1003, 1002]
    assert page["total"] == 2


@pytest.mark.parametrize("sort", ["-updated_at", "number", "-created_at", "updated_at"])
async def test_search_pages_by_cursor_without_gaps(client, db, sort):
    desk = await make_desk()
    matching = []
    for i in range(14):
        subject = f"Router {i}" if i % 3 == 0 else f"Other {i}"
        text = "the ROUTER blinks" if i % 2 == 0 else "nothing"
        ticket = await open_ticket(desk.alice, desk.tech if i % 4 else desk.billing, subject, text)
        if i % 3 == 0 or i % 2 == 0:
            matching.append(ticket.id)
    field = sort.lstrip("-")
    order = [sort, "-id" if sort.startswith("-") else "id"]
    expected = [t.number for t in await Ticket.filter(id__in=matching).order_by(*order)]
    assert len(expected) == 9 and field in ("updated_at", "number", "created_at")
    seen: list[int] = []
    cursor = None
    while True:
        url = f"/api/v1/tickets?q=router&limit=2&sort={sort}"
        status, page = await client.get(url + (f"&cursor={cursor}" if cursor else ""))
        assert status == 200, page
        assert (page["total"], page["total_exact"]) == (9, True)
        seen += [t["number"] for t in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == expected


async def test_total_is_counted_up_to_a_cap(client, db, monkeypatch):
    desk = await make_desk()
    for i in range(6):
        await open_ticket(desk.alice if i < 3 else desk.carl, desk.billing, f"Cable {i}", "help")
    monkeypatch.setattr(ticket_queries, "TOTAL_LIMIT", 4)
    monkeypatch.setattr(ticket_queries, "SEARCH_TOTAL_LIMIT", 2)

    status, page = await client.get("/api/v1/tickets?limit=2")
    assert status == 200 and len(page["items"]) == 2
    assert (page["total"], page["total_exact"]) == (4, False)  # 6 match: "4 or more"
    status, page = await client.get(f"/api/v1/tickets?limit=2&cursor={page['next_cursor']}")
    assert (page["total"], page["total_exact"]) == (4, False)
    status, page = await client.get(f"/api/v1/tickets?limit=2&customer_id={desk.carl.id}")
    assert (page["total"], page["total_exact"]) == (3, True)
    status, page = await client.get("/api/v1/tickets?q=cable&limit=2")
    assert (page["total"], page["total_exact"]) == (2, False)
    status, page = await client.get("/api/v1/tickets?q=cable%205")
    assert (page["total"], page["total_exact"]) == (1, True)
    status, page = await client.get("/api/v1/tickets?limit=2&with_total=false")
    assert status == 200 and (page["total"], page["total_exact"]) == (None, None)
    assert len(page["items"]) == 2 and page["next_cursor"]


async def test_openapi_documents_the_total(client):
    status, document = await client.get("/api/openapi.json")
    assert status == 200
    page = document["components"]["schemas"]["TicketPage"]["properties"]
    assert "total_exact" in page and "10,000" in page["total"]["description"]
