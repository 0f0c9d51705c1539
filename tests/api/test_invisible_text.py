"""Texts made only of invisible characters (zero-width spaces and joiners, a byte-order
mark, direction marks) are empty: the services refuse them like empty ones, whoever
sends them - here through the admin API."""

from __future__ import annotations

from models import Message, OutboxMessage, Ticket
from tests.factories import make_desk, open_ticket

INVISIBLE = "\u200b\u200d\ufeff\u200e\u200f"


async def test_a_subject_or_text_of_only_invisible_characters_is_refused(client, db):
    desk = await make_desk()
    ticket = await open_ticket(desk.alice, desk.billing, "Invoice is wrong", "Amount 100 vs 90")
    outbox = await OutboxMessage.all().count()

    for subject, text in ((INVISIBLE, "Was it you?"), ("Login", f" {INVISIBLE} ")):
        status, body = await client.post(
            "/api/v1/alerts",
            {"customer_id": desk.carl.id, "kind": "information", "subject": subject, "text": text},
        )
        assert status == 422, body
        assert "is empty" in body["error"]["message"]
    for action in ("reply", "notes"):
        status, body = await client.post(
            f"/api/v1/tickets/{ticket.id}/{action}", {"text": INVISIBLE}
        )
        assert status == 422, body

    assert await Ticket.all().count() == 1
    assert await Message.all().count() == 1
    assert await OutboxMessage.all().count() == outbox
    # Invisible characters around a real subject are dropped, not stored.
    status, alert = await client.post(
        "/api/v1/alerts",
        {
            "customer_id": desk.carl.id,
            "kind": "information",
            "subject": f"{INVISIBLE}Maintenance tonight{INVISIBLE}",
            "text": "From 22:00 to 23:00.",
        },
    )
    assert status == 201 and alert["subject"] == "Maintenance tonight"
