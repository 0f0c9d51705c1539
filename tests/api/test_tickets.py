"""Tickets over the API: reading, actions and their effects, alerts, attachments."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from models import Attachment, Customer, Message, OutboxMessage, Status, Ticket, TicketEvent
from models.enums import StatusRole
from tests.factories import make_desk, open_ticket


@pytest.fixture
async def desk(db):
    desk = await make_desk()
    desk.tickets = [
        await open_ticket(
            desk.alice, desk.billing, "Invoice is wrong", "Amount 100 vs 90", desk.invoices
        ),
        await open_ticket(desk.carl, desk.tech, "VPN drops", "Since Monday the tunnel resets"),
        await open_ticket(desk.alice, desk.tech, "Printer", "Paper jam in tray 2"),
    ]
    return desk


async def test_list_detail_messages_events(client, desk):
    status, page = await client.get("/api/v1/tickets")
    assert status == 200 and page["total"] == 3
    assert [t["number"] for t in page["items"]] == [1003, 1002, 1001]
    first = page["items"][-1]
    assert first["status"]["role"] == "new" and first["department"]["name"] == "Billing"
    assert first["customer"]["telegram_id"] == 501 and first["category_id"] == desk.invoices.id
    status, detail = await client.get(f"/api/v1/tickets/{first['id']}")
    assert status == 200 and detail["subject"] == "Invoice is wrong"
    status, messages = await client.get(f"/api/v1/tickets/{first['id']}/messages")
    assert [(m["kind"], m["text"]) for m in messages] == [("customer", "Amount 100 vs 90")]
    assert messages[0]["author"] == {"type": "customer", "id": desk.alice.id, "name": "Alice"}
    status, events = await client.get(f"/api/v1/tickets/{first['id']}/events")
    assert [e["kind"] for e in events] == ["created"]
    assert (await client.get("/api/v1/tickets/999999"))[0] == 404


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("department_id={billing}", [1001]),
        ("customer_id={alice}", [1003, 1001]),
        ("q=tunnel", [1002]),
        ("q=invoice", [1001]),
        ("q=%231002", [1002]),
        ("status_role=new&sort=number", [1001, 1002, 1003]),
        ("unassigned=true&department_id={tech}", [1003, 1002]),
        ("sla_state=breached", []),
    ],
)
async def test_filters(client, desk, query, numbers):
    query = query.format(billing=desk.billing.id, tech=desk.tech.id, alice=desk.alice.id)
    status, page = await client.get(f"/api/v1/tickets?{query}")
    assert status == 200, page
    assert [t["number"] for t in page["items"]] == numbers
    assert page["total"] == len(numbers)


async def test_bad_filters_are_422(client, desk):
    for query in (
        "sort=nonsense",
        "limit=0",
        "created_from=2026-02-01&created_to=2026-01-01",
        "status_id=abc",
        "cursor=!!!",
        "sla_state=purple",
    ):
        status, body = await client.get(f"/api/v1/tickets?{query}")
        assert status == 422, (query, body)
        assert body["error"]["code"] == "invalid"


async def test_keyset_pages_cover_thousands_without_gaps(client, db):
    desk = await make_desk()
    status = await Status.get(role=StatusRole.NEW)
    from models import Priority

    priority = await Priority.get(is_default=True)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    await Ticket.bulk_create(
        [
            Ticket(
                number=10_000 + i,
                customer=desk.alice,
                department=desk.billing,
                priority=priority,
                status=status,
                subject=f"t{i}",
            )
            for i in range(3000)
        ],
        batch_size=500,
    )
    # Many equal timestamps: the id breaks ties, so no page repeats or skips a row.
    for i, ticket_id in enumerate(await Ticket.all().order_by("id").values_list("id", flat=True)):
        if i % 3 == 0:
            await Ticket.filter(id=ticket_id).update(created_at=base + timedelta(minutes=i // 30))
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        url = "/api/v1/tickets?sort=-created_at&limit=200&with_total=false"
        status_code, page = await client.get(url + (f"&cursor={cursor}" if cursor else ""))
        assert status_code == 200
        seen += [t["id"] for t in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 15
    assert len(seen) == len(set(seen)) == 3000
    status_code, page = await client.get(f"/api/v1/tickets?limit=5&customer_id={desk.alice.id}")
    assert page["total"] == 3000


async def test_reply_reaches_the_customer_through_the_outbox(client, desk, api, bot):
    from tests.support import all_settled, running_sender, wait_until

    api.add_user(501, "Alice")
    ticket = desk.tickets[0]
    status, message = await client.post(
        f"/api/v1/tickets/{ticket.id}/reply", {"text": "Fixed: <b> is not markup & works"}
    )
    assert status == 201 and message["kind"] == "agent"
    async with running_sender(bot):
        await wait_until(all_settled)
    [sent] = api.sent_messages(501)
    assert "Ticket #1001" in sent["text"]
    assert "Fixed: <b> is not markup & works" in sent["text"]
    refreshed = await Ticket.get(id=ticket.id).select_related("status")
    assert refreshed.status.role == StatusRole.WAITING
    assert refreshed.first_response_at is not None and refreshed.customer_unread == 1
    events = await TicketEvent.filter(ticket_id=ticket.id).values_list("kind", flat=True)
    assert list(events) == ["created", "replied"]


async def test_note_stays_internal(client, desk):
    ticket = desk.tickets[0]
    before = await OutboxMessage.all().count()
    status, note = await client.post(f"/api/v1/tickets/{ticket.id}/notes", {"text": "VIP"})
    assert status == 201 and note["kind"] == "note"
    assert await OutboxMessage.all().count() == before
    _, messages = await client.get(f"/api/v1/tickets/{ticket.id}/messages")
    assert [m["kind"] for m in messages] == ["customer", "note"]


async def test_assign_transfer_priority_status_close_reopen(client, desk):
    ticket = desk.tickets[1]  # Tech, Carl (ru)
    base = f"/api/v1/tickets/{ticket.id}"
    status, body = await client.post(f"{base}/assign", {"agent_id": desk.ann.id})
    assert status == 422  # Ann is not in Tech
    status, body = await client.post(f"{base}/assign", {"agent_id": desk.bob.id})
    assert status == 200 and body["assignee_id"] == desk.bob.id
    assert body["status"]["role"] == "in_progress"
    status, body = await client.post(f"{base}/assign", {"agent_id": None})
    assert status == 200 and body["assignee_id"] is None
    status, body = await client.post(
        f"{base}/transfer", {"department_id": desk.billing.id, "agent_id": desk.ann.id}
    )
    assert status == 200 and body["department_id"] == desk.billing.id
    assert body["assignee_id"] == desk.ann.id
    from models import Priority

    urgent = await Priority.get(level=5)
    status, body = await client.post(f"{base}/priority", {"priority_id": urgent.id})
    assert status == 200 and body["priority"]["level"] == 5
    resolved = await Status.get(role=StatusRole.RESOLVED)
    status, body = await client.post(f"{base}/status", {"status_id": resolved.id})
    assert status == 200 and body["resolved_at"] is not None
    status, body = await client.post(f"{base}/close")
    assert status == 200 and body["status"]["role"] == "closed" and body["closed_at"]
    status, body = await client.post(f"{base}/reply", {"text": "late"})
    assert status == 409
    status, body = await client.post(f"{base}/close")
    assert status == 409
    status, body = await client.post(f"{base}/reopen")
    assert status == 200 and body["status"]["role"] == "in_progress"
    assert body["closed_at"] is None
    kinds = [e.kind for e in await TicketEvent.filter(ticket_id=ticket.id).order_by("id")]
    assert kinds == [
        "created",
        "assigned",
        "released",
        "transferred",
        "priority_changed",
        "status_changed",
        "closed",
        "reopened",
    ]
    # Carl speaks Russian: what he was told is in Russian.
    texts = [r.payload["text"] for r in await OutboxMessage.filter(chat_id=502).order_by("id")]
    assert any("Заявка #1002" in t or "#1002" in t for t in texts)
    assert len(texts) == 4  # transferred, resolved, closed, reopened


async def test_card_is_edited_in_place_when_it_exists(client, desk, api, bot):
    from tests.support import all_settled, running_sender, wait_until

    group = api.add_group(-100200, "Staff")
    card = await bot.send_message(group.id, "card placeholder")
    ticket = desk.tickets[0]
    await Ticket.filter(id=ticket.id).update(
        staff_chat_id=group.id, staff_message_id=card.message_id
    )
    await client.post(f"/api/v1/tickets/{ticket.id}/assign", {"agent_id": desk.ann.id})
    from models import Priority

    await client.post(
        f"/api/v1/tickets/{ticket.id}/priority", {"priority_id": (await Priority.get(level=4)).id}
    )
    edits = await OutboxMessage.filter(chat_id=group.id, method="editMessageText")
    assert len(edits) == 1  # merged while pending
    async with running_sender(bot) as sender:
        await wait_until(all_settled)
    assert sender.stats["failed"] == 0
    [shown] = api.chat_messages(group.id)
    assert "#1001" in shown["text"] and "Assignee: Ann" in shown["text"]
    assert "high" in shown["text"]


async def test_alert_starts_a_ticket_towards_the_customer(client, desk):
    status, ticket = await client.post(
        "/api/v1/alerts",
        {
            "customer_id": desk.carl.id,
            "kind": "suspicious_activity",
            "subject": "Login from a new country",
            "text": "Was it you?",
        },
    )
    assert status == 201
    assert ticket["source"] == "alert" and ticket["alert_kind"] == "suspicious_activity"
    assert ticket["status"]["role"] == "waiting"
    [row] = await OutboxMessage.filter(chat_id=desk.carl.telegram_id)
    assert "Подозрительная активность" in row.payload["text"]
    assert "Was it you?" in row.payload["text"]
    status, body = await client.post(
        "/api/v1/alerts", {"customer_id": 99999, "kind": "information", "subject": "x", "text": "y"}
    )
    assert status == 422 and body["error"]["details"] == {"field": "customer_id"}
    status, body = await client.post(
        "/api/v1/alerts", {"customer_id": desk.carl.id, "kind": "spam", "subject": "x", "text": "y"}
    )
    assert status == 422 and body["error"]["details"][0]["loc"] == ["kind"]


async def test_attachment_download_and_traversal(client, desk, api_settings):
    root = api_settings.attachments_dir
    root.mkdir(parents=True, exist_ok=True)
    content = b"%PDF-1.4 invoice"
    (root / "ab12.pdf").write_bytes(content)
    (root.parent / "secret.txt").write_text("not yours")
    message = await Message.filter(ticket_id=desk.tickets[0].id).first()
    good = await Attachment.create(
        message=message,
        kind="document",
        file_id="f1",
        file_unique_id="u1",
        file_name="счёт 5.pdf",
        mime_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        stored_path="ab12.pdf",
    )
    evil = await Attachment.create(
        message=message,
        kind="document",
        file_id="f2",
        file_unique_id="u2",
        file_name="x",
        stored_path="../secret.txt",
    )
    response = await client.client.get(
        f"/api/v1/attachments/{good.id}", headers={"Authorization": "Bearer " + client.token}
    )
    assert response.status == 200 and await response.read() == content
    assert response.headers["Content-Type"] == "application/pdf"
    assert (
        "filename*=UTF-8''%D1%81%D1%87%D1%91%D1%82%205.pdf"
        in response.headers["Content-Disposition"]
    )
    status, body = await client.get(f"/api/v1/attachments/{evil.id}")
    assert status == 404 and "not yours" not in str(body)
    status, _ = await client.get("/api/v1/attachments/424242")
    assert status == 404
    _, messages = await client.get(f"/api/v1/tickets/{desk.tickets[0].id}/messages")
    assert messages[0]["attachments"][0]["download_url"] == f"/api/v1/attachments/{good.id}"


async def test_roles_and_department_scoping(client, desk, make_token):
    readonly = client.as_(await make_token("readonly"))
    assert (await readonly.get("/api/v1/tickets"))[1]["total"] == 3
    status, _ = await readonly.post(f"/api/v1/tickets/{desk.tickets[0].id}/reply", {"text": "x"})
    assert status == 403
    ann = client.as_(await make_token("agent", desk.ann.id))
    status, page = await ann.get("/api/v1/tickets")
    assert [t["number"] for t in page["items"]] == [1001]
    assert (await ann.get(f"/api/v1/tickets/{desk.tickets[1].id}"))[0] == 404
    status, _ = await ann.post(f"/api/v1/tickets/{desk.tickets[1].id}/reply", {"text": "x"})
    assert status == 404
    status, message = await ann.post(f"/api/v1/tickets/{desk.tickets[0].id}/reply", {"text": "Hi"})
    assert status == 201 and message["author"]["name"] == "Ann"
    status, _ = await ann.post(
        "/api/v1/alerts",
        {"customer_id": desk.alice.id, "kind": "information", "subject": "s", "text": "t"},
    )
    assert status == 403
    assert (await Ticket.get(id=desk.tickets[0].id)).assignee_id == desk.ann.id


async def test_naive_period_bounds_are_read_as_utc(client, desk):
    status, page = await client.get("/api/v1/tickets?created_from=2000-01-01T00:00:00")
    assert status == 200 and page["total"] == 3
    status, page = await client.get("/api/v1/tickets?created_to=2000-01-01T00:00:00")
    assert status == 200 and page["total"] == 0


async def test_alert_with_files_uploads_them_to_the_customer(client, desk, api, bot, api_settings):
    import base64

    from tests.support import all_settled, running_sender, wait_until

    api.add_user(502, "Carl")
    pdf = b"%PDF-1.4 statement for March"
    status, ticket = await client.post(
        "/api/v1/alerts",
        {
            "customer_id": desk.carl.id,
            "kind": "information",
            "subject": "Your statement",
            "text": "Attached.",
            "files": [
                {
                    "file_name": "../../statement.pdf",
                    "mime_type": "application/pdf",
                    "content_base64": base64.b64encode(pdf).decode(),
                }
            ],
        },
    )
    assert status == 201
    [attachment] = await Attachment.filter(message__ticket_id=ticket["id"])
    assert attachment.file_name == "statement.pdf"  # no directories from the sender
    stored = (api_settings.attachments_dir / attachment.stored_path).resolve()
    assert stored.is_relative_to(api_settings.attachments_dir.resolve())
    assert stored.read_bytes() == pdf
    assert attachment.sha256 == hashlib.sha256(pdf).hexdigest() and attachment.size == len(pdf)
    async with running_sender(bot) as sender:
        await wait_until(all_settled)
    assert sender.stats["failed"] == 0
    [upload] = api.calls("sendDocument")
    assert upload.params["document"]["filename"] == "statement.pdf"
    await attachment.refresh_from_db()
    assert attachment.file_id  # kept for re-sending without uploading again
    status, body = await client.post(
        "/api/v1/alerts",
        {
            "customer_id": desk.carl.id,
            "kind": "information",
            "subject": "x",
            "text": "y",
            "files": [{"file_name": "a.txt", "content_base64": "not base64!"}],
        },
    )
    assert status == 422
    assert body["error"]["details"][0]["loc"] == ["files", "0", "content_base64"]


async def test_an_agent_never_handles_a_ticket_they_opened_as_a_customer(client, desk, make_token):
    """The same Telegram id as agent and customer: assigning, transferring to them or
    answering as them is refused with a clear error; nothing changes."""
    me = await Customer.create(telegram_id=desk.ann.telegram_id, first_name="Ann at home")
    own = await open_ticket(me, desk.billing, "My own invoice", "Wrong amount")
    base = f"/api/v1/tickets/{own.id}"
    status, body = await client.post(f"{base}/assign", {"agent_id": desk.ann.id})
    assert status == 403 and body["error"]["code"] == "own_ticket"
    status, body = await client.post(
        f"{base}/transfer", {"department_id": desk.billing.id, "agent_id": desk.ann.id}
    )
    assert status == 403 and body["error"]["code"] == "own_ticket"
    ann = client.as_(await make_token("agent", desk.ann.id))
    status, body = await ann.post(f"{base}/reply", {"text": "Done"})
    assert status == 403 and body["error"]["code"] == "own_ticket"
    assert "customer" in body["error"]["message"]
    fresh = await Ticket.get(id=own.id)
    assert fresh.assignee_id is None and fresh.department_id == desk.billing.id
    assert not await Message.filter(ticket_id=own.id, kind="agent").exists()
    # Someone else may.
    status, body = await client.post(f"{base}/assign", {"agent_id": desk.root.id})
    assert status == 200 and body["assignee_id"] == desk.root.id
