"""Erasing a customer through the admin API (issue 12, point 19): their personal data,
texts and files are gone from every table and from the disk, their tickets stay for the
statistics, each ticket records who erased them, and open tickets need `force`."""

from __future__ import annotations

from urllib.parse import quote

from bot.db import connection, dialect_of
from bot.services import customer_tickets, tickets
from models import (
    Agent,
    Customer,
    Department,
    Message,
    MessageLink,
    OutboxMessage,
    Ticket,
    TicketEvent,
)
from models.enums import OutboxStatus, StatusRole
from tests.api.conftest import ADMIN_TOKEN
from tests.erasure.helpers import (
    FILE_CONTENTS,
    FIRST_NAME,
    NEEDLES,
    SUBJECT,
    TELEGRAM_ID,
    database_dump,
    english,
    files_under,
    the_customer_writes_a_ticket_and_leaves_a_draft,
    traces,
    wizard_until_files,
)
from tests.factories import open_ticket
from tests.handlers.wizard_support import last, press
from tests.staff.helpers import card, fresh, staff_desk


async def test_nothing_personal_remains_in_the_database_or_on_disk(env, client, db, tmp_path):
    people = await staff_desk(env)
    ticket = await the_customer_writes_a_ticket_and_leaves_a_draft(env, people)
    assert ticket.status.is_final and ticket.csat == 4
    files = tmp_path / "files"
    # The dump and the walk do find everything while it is there.
    before = await database_dump(db)
    assert set(NEEDLES) <= {n for hits in traces(before).values() for n in hits}
    assert sorted(files_under(files).values()) == sorted(FILE_CONTENTS)
    to_the_customer = len(env.api.bot_messages(TELEGRAM_ID))

    status, summary = await client.post(
        f"/api/v1/customers/{ticket.customer_id}/erase", {"force": False}
    )
    assert status == 200, summary
    assert summary == {
        "customer_id": ticket.customer_id,
        "tickets_anonymised": 1,
        "tickets_closed": 0,
        "messages_wiped": 4,  # the description, the answer, the note, the follow-up
        "attachments_removed": 1,
        "files_deleted": 2,  # the ticket's file and the draft's
        "files_not_deleted": [],
        "drafts_removed": 1,
        "outbox_rows_removed": summary["outbox_rows_removed"],
    }
    assert summary["outbox_rows_removed"] > 10
    await env.settle()

    assert traces(await database_dump(db)) == {}
    assert files_under(files) == {}
    # The ticket stays, with what the statistics need.
    kept = await fresh(ticket.id)
    assert (kept.number, kept.csat, kept.status.role) == (1001, 4, StatusRole.CLOSED)
    assert kept.subject == "" and kept.csat_comment is None
    assert kept.department_id == people.desk.billing.id
    assert kept.created_at == ticket.created_at and kept.closed_at == ticket.closed_at
    assert await Message.filter(ticket_id=ticket.id).count() == 4
    assert await MessageLink.filter(ticket_id=ticket.id).count() == 0
    customer = await Customer.get(id=ticket.customer_id)
    assert customer.erased_at is not None and customer.telegram_id < -(2**52)
    assert customer.display_name == "erased customer"
    # Who erased whom, with nothing personal in it.
    erased = await TicketEvent.get(ticket_id=ticket.id, kind="erased")
    assert erased.actor_name == "bootstrap admin"
    assert erased.data == {"customer_id": ticket.customer_id, "forced": False}
    # The staff card shows the ticket without the customer; the customer got nothing.
    shown = card(env, kept)["text"]
    assert "#1001" in shown and "Erased customer" in shown
    assert FIRST_NAME not in shown and SUBJECT not in shown and str(TELEGRAM_ID) not in shown
    assert len(env.api.bot_messages(TELEGRAM_ID)) == to_the_customer
    assert env.api.calls(ok=False) == []


async def test_the_search_finds_nothing_of_an_erased_customer(env, client, db):
    """The free-text search found the ticket by its subject and messages (the edited
    follow-up by its new text only); after the erasure by none of them, and on SQLite
    the FTS5 indexes keep no word of the ticket's texts, in step with the tables."""
    people = await staff_desk(env)
    ticket = await the_customer_writes_a_ticket_and_leaves_a_draft(env, people)

    async def found(q: str) -> list[int]:
        status, page = await client.get(f"/api/v1/tickets?q={quote(q)}")
        assert status == 200, page
        return [item["number"] for item in page["items"]]

    searches = ["quaxworthy LANE", "4242-quax", "QUAX-EDITED", "900123", "refund is ON", "xW"]
    for q in searches:
        assert await found(q) == [1001], q
    assert await found("QUAX-ORIGINAL") == []  # edited away in Telegram

    status, _ = await client.post(f"/api/v1/customers/{ticket.customer_id}/erase", {})
    assert status == 200
    for q in [*searches, SUBJECT, "Zebulon", "quax", "QU", "x"]:
        assert await found(q) == [], q
    assert await found("1001") == [1001]  # the number stays
    if dialect_of(db) == "sqlite":
        conn = connection()
        messages = await Message.filter(ticket_id=ticket.id).values_list("id", flat=True)
        for table, rows in (("ticket_subject_fts", [ticket.id]), ("message_text_fts", messages)):
            await conn.execute_script(
                f"CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, {table}, instance)"
            )
            marks = ", ".join("?" * len(rows))
            left = await conn.execute_query_dict(
                f"SELECT term FROM temp.words WHERE doc IN ({marks})", list(rows)
            )
            await conn.execute_script("DROP TABLE temp.words")
            assert left == [], table
            await conn.execute_script(
                f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)"
            )


async def test_the_same_telegram_user_starts_afresh_after_erasure(env, client):
    people = await staff_desk(env)
    ticket = await the_customer_writes_a_ticket_and_leaves_a_draft(env, people)
    status, _ = await client.post(f"/api/v1/customers/{ticket.customer_id}/erase", {})
    assert status == 200
    user = env.api.users[TELEGRAM_ID]
    menu = await _start(env, user)
    assert "Hello" in menu["text"]
    listing = await press(env, user, TELEGRAM_ID, menu, "My tickets")
    assert "#1001" not in listing["text"]
    again = await Customer.get(telegram_id=TELEGRAM_ID)
    assert again.id != ticket.customer_id and again.first_name == FIRST_NAME
    assert again.erased_at is None
    erased = await Customer.get(id=ticket.customer_id)
    assert erased.first_name == "" and erased.erased_at is not None
    assert (await Ticket.get(id=ticket.id)).customer_id == erased.id
    # The wizard starts from the beginning: the draft did not survive.
    screen = await wizard_until_files(env, user, "Billing", "Fresh subject", "Fresh text")
    assert "Files attached" not in screen["text"]
    status, body = await client.post(f"/api/v1/customers/{ticket.customer_id}/erase", {})
    assert status == 409 and body["error"]["code"] == "already_erased"


async def _start(env, user) -> dict:
    user.send_text("/start")
    await env.step()
    return last(env, user.id)


async def test_an_open_ticket_is_refused_politely_unless_forced(env, client):
    people = await staff_desk(env)
    alice = people.desk.alice
    with english():
        done = await open_ticket(alice, people.desk.billing, "Old invoice", "Solved long ago")
        await client.post(f"/api/v1/tickets/{done.id}/close")
        ticket = await open_ticket(alice, people.desk.billing, "Alice's address", "Baker St 221b")
    await env.settle()
    to_alice = len(env.api.bot_messages(alice.telegram_id))

    status, body = await client.post(f"/api/v1/customers/{alice.id}/erase", {"force": False})
    assert status == 409
    assert body["error"]["code"] == "open_tickets"
    assert body["error"]["message"] == (
        "the customer has an open ticket (#1002); close it first or erase with force"
    )
    assert body["error"]["details"] == {"tickets": [1002]}
    # Nothing changed.
    assert (await Customer.get(id=alice.id)).first_name == "Alice"
    assert (await Ticket.get(id=ticket.id)).subject == "Alice's address"
    assert not await TicketEvent.filter(kind="erased").exists()

    status, summary = await client.post(f"/api/v1/customers/{alice.id}/erase", {"force": True})
    assert status == 200, summary
    assert summary["tickets_anonymised"] == 2 and summary["tickets_closed"] == 1
    await env.settle()
    closed = await fresh(ticket.id)
    assert closed.status.role == StatusRole.CLOSED
    kinds = [e.kind for e in await TicketEvent.filter(ticket_id=ticket.id).order_by("id")]
    assert kinds[-2:] == ["closed", "erased"]
    erased = await TicketEvent.get(ticket_id=ticket.id, kind="erased")
    assert erased.data == {"customer_id": alice.id, "forced": True}
    # The card was edited as usual: closed, without the customer.
    shown = card(env, closed)["text"]
    assert "closed" in shown and "Alice" not in shown and "Baker" not in shown
    # The customer was not told anything (the closing notice was never sent) ...
    assert len(env.api.bot_messages(alice.telegram_id)) == to_alice
    # ... and nothing written for their old chat afterwards is ever sent.
    await client.post(f"/api/v1/tickets/{ticket.id}/reopen")
    status, _ = await client.post(f"/api/v1/tickets/{ticket.id}/reply", {"text": "Hello?"})
    await env.settle()
    assert len(env.api.bot_messages(alice.telegram_id)) == to_alice
    customer = await Customer.get(id=alice.id)
    unsent = await OutboxMessage.filter(chat_id=customer.telegram_id)
    assert unsent and all(row.status == OutboxStatus.FAILED for row in unsent)
    assert env.api.calls(ok=False) == []


async def test_stats_are_the_same_before_and_after_erasure(env, client):
    people = await staff_desk(env)
    desk = people.desk
    ann = await _agent(desk.ann)
    with english():
        for customer, subject, score in (
            (desk.alice, "One", 5),
            (desk.alice, "Two", 2),
            (desk.carl, "Three", 4),
        ):
            ticket = await open_ticket(customer, desk.billing, subject, "Text", desk.invoices)
            answer = await _reply(ticket.id, ann)
            await _rate(answer, customer)
            await client.post(f"/api/v1/tickets/{ticket.id}/close")
            await _csat(ticket.id, customer, score)
        await open_ticket(desk.carl, desk.tech, "Still open", "Text")
    await env.settle()
    paths = [
        "/api/v1/stats",
        *(
            f"/api/v1/stats/by-{by}"
            for by in ("status", "category", "department", "priority", "agent", "sla-level")
        ),
        "/api/v1/stats/by-rating",
        f"/api/v1/stats?customer_id={desk.alice.id}",
        "/api/v1/stats/by-department?format=csv",
    ]
    before = [await client.get(path) for path in paths]
    assert all(status == 200 for status, _ in before)

    status, _ = await client.post(f"/api/v1/customers/{desk.alice.id}/erase", {})
    assert status == 200
    after = [await client.get(path) for path in paths]
    assert after == before


async def _agent(agent: Agent) -> tickets.Actor:
    return await tickets.agent_actor(agent)


async def _reply(ticket_id: int, actor: tickets.Actor) -> Message:
    return await tickets.reply(ticket_id, "Answer", actor)


async def _rate(answer: Message, customer: Customer) -> None:
    await customer_tickets.rate_answer(answer.id, customer, 1)


async def _csat(ticket_id: int, customer: Customer, score: int) -> None:
    await customer_tickets.rate_ticket(ticket_id, customer, score, "a comment")


async def test_only_admins_erase_and_bad_requests_change_nothing(client, make_token):
    customer = await Customer.create(telegram_id=777, first_name="Vera")
    agent = await Agent.create(telegram_id=9001, name="Ann")
    for role, agent_id in (("agent", agent.id), ("readonly", None)):
        status, body = await client.as_(await make_token(role, agent_id)).post(
            f"/api/v1/customers/{customer.id}/erase", {}
        )
        assert status == 403, body
    status, body = await client.post("/api/v1/customers/999999/erase", {})
    assert status == 404 and body["error"]["code"] == "not_found"
    status, body = await client.post(f"/api/v1/customers/{customer.id}/erase", {"force": "yes"})
    assert status == 422
    status, body = await client.post(f"/api/v1/customers/{customer.id}/erase", {"forse": True})
    assert status == 422
    assert (await Customer.get(id=customer.id)).first_name == "Vera"
    status, document = await client.get("/api/openapi.json")
    operation = document["paths"]["/api/v1/customers/{customer_id}/erase"]["post"]
    assert operation["tags"] == ["customers"] and "Roles: admin" in operation["description"]
    assert {"200", "403", "404", "409", "422"} <= set(operation["responses"])
    status, summary = await client.post(f"/api/v1/customers/{customer.id}/erase", {})
    assert status == 200 and summary["tickets_anonymised"] == 0
    status, shown = await client.get(f"/api/v1/customers/{customer.id}")
    assert shown["first_name"] == "" and shown["erased_at"] is not None
    assert ADMIN_TOKEN not in str(shown)
    # An erased customer cannot be given personal data again, nor sent an alert.
    status, body = await client.patch(f"/api/v1/customers/{customer.id}", {"first_name": "V"})
    assert status == 409
    assert body["error"]["message"] == "the customer was erased; their data cannot be changed"
    alert = {"customer_id": customer.id, "kind": "information", "subject": "Hi", "text": "News"}
    await Department.create(name="Billing")
    status, body = await client.post("/api/v1/alerts", alert)
    assert status == 422 and body["error"]["message"] == "the customer was erased"
    assert not await Ticket.exists()


async def test_in_a_forum_the_tickets_topic_loses_the_subject(env, client):
    people = await staff_desk(env, forum=True)
    with english():
        ticket = await open_ticket(people.desk.alice, people.desk.billing, "Alice's flat", "3B")
        await client.post(f"/api/v1/tickets/{ticket.id}/close")
    await env.settle()
    ticket = await fresh(ticket.id)
    topic = people.group.topics[ticket.staff_topic_id]
    assert topic.name == "✅ #1001 Alice's flat"  # closed

    status, _ = await client.post(f"/api/v1/customers/{people.desk.alice.id}/erase", {})
    assert status == 200
    await env.settle()
    assert topic.name == "✅ #1001"
    shown = card(env, ticket)["text"]
    assert "Erased customer" in shown and "flat" not in shown and "3B" not in shown
    assert env.api.calls(ok=False) == []
