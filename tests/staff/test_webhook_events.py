"""Ticket events made in Telegram (through the real dispatcher) reach the webhooks
subscribed to them: an agent's answer in the staff chat, the customer's 👍, closing
from the card; an update with no subscriber writes no delivery."""

from __future__ import annotations

from bot.services import webhooks
from models import WebhookDelivery
from tests.handlers.wizard_support import STAFF, last, press
from tests.staff.helpers import card_of, claimed, staff_desk, tap


async def test_telegram_actions_queue_the_subscribed_events(env):
    people = await staff_desk(env)
    answers, _ = await webhooks.create_webhook(
        "Answers", "https://crm.example/a", ["ticket.answered"]
    )
    everything, _ = await webhooks.create_webhook(
        "All", "https://crm.example/b", list(webhooks.EVENTS)
    )
    ticket, shown = await claimed(env, people)
    assert await WebhookDelivery.filter(webhook_id=answers.id).count() == 0

    people.ann.send_text("Refunded today", chat_id=STAFF, reply_to_message_id=shown["message_id"])
    await env.step()
    answer = last(env, 501)
    await press(env, people.alice, 501, answer, "👍")
    await tap(env, people.ann, await card_of(env, ticket.id), "Close")

    mine = await WebhookDelivery.filter(webhook_id=answers.id).values_list("event", "payload")
    assert [event for event, _ in mine] == ["ticket.answered"]
    [(_, payload)] = mine
    assert payload["ticket"]["number"] == ticket.number
    assert payload["ticket"]["status"]["role"] == "waiting"  # what the answer made it
    assert payload["data"]["kind"] == "replied" and "Refunded" not in str(payload)
    rows = await WebhookDelivery.filter(webhook_id=everything.id).order_by("id")
    assert [r.event for r in rows] == [
        "ticket.created",
        "ticket.answered",
        "ticket.rated",
        "ticket.status_changed",
    ]
    assert rows[2].payload["data"] == {
        "kind": "rated",
        "message_id": payload["data"]["message_id"],
        "rating": 1,
    }
    assert rows[3].payload["data"]["kind"] == "closed"
    assert rows[3].payload["ticket"]["status"]["role"] == "closed"
    assert len({r.key for r in rows}) == 4
