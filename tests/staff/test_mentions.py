"""The right person is told (issue 16, point 3, its mention half): what the customer
does - a follow-up, a rating - and the SLA's warnings and breaches mention the agent
answering the ticket in the thread, so Telegram notifies them; a ticket nobody
answers yet mentions nobody."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import create_i18n
from bot.services import automation
from models import Priority, SlaPolicy, Ticket
from tests.handlers.wizard_support import STAFF, last
from tests.staff.helpers import card_of, claimed, new_ticket, staff_desk


def _mentioned(message: dict) -> list[int]:
    return [e["user"]["id"] for e in message.get("entities", []) if e["type"] == "text_mention"]


async def test_a_customers_follow_up_mentions_the_assignee(env):
    people = await staff_desk(env)
    _ticket, card = await claimed(env, people)
    people.ann.send_text("Which invoice?", chat_id=STAFF, reply_to_message_id=card["message_id"])
    await env.step()
    people.alice.send_text("Invoice 1042", reply_to_message_id=last(env, 501)["message_id"])
    await env.step()
    relayed = last(env, STAFF)
    assert relayed["text"].split("\n")[0].endswith(" → Ann")
    assert _mentioned(relayed) == [people.ann.id]


async def test_nobody_is_mentioned_while_nobody_answers(env):
    people = await staff_desk(env)
    normal = await Priority.get(is_default=True)
    await SlaPolicy.create(
        name="normal", priority=normal, first_response_minutes=60, resolution_minutes=600
    )
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    card = await card_of(env, ticket.id)
    assert "→" not in card["text"]
    started = (await Ticket.get(id=ticket.id)).sla_started_at
    with create_i18n("en").context():
        done = await automation.run_due(started + timedelta(minutes=50))
    assert done.warnings == 1
    await env.step()
    [warning] = [m for m in env.api.bot_messages(STAFF) if m["text"].startswith("🟡")]
    assert "→" not in warning["text"] and _mentioned(warning) == []


async def test_sla_warning_and_breach_mention_the_assignee(env):
    people = await staff_desk(env)
    normal = await Priority.get(is_default=True)
    await SlaPolicy.create(
        name="normal", priority=normal, first_response_minutes=60, resolution_minutes=600
    )
    ticket, _ = await claimed(env, people)
    started = (await Ticket.get(id=ticket.id)).sla_started_at
    for minutes in (500, 601):  # 80 % of the resolution time, then past it
        with create_i18n("en").context():
            await automation.run_due(started + timedelta(minutes=minutes))
        await env.step()
    notices = [m for m in env.api.bot_messages(STAFF) if m["text"][:1] in ("🟡", "🔴")]
    # (The first response, never given, is past due at once: 🔴; the resolution warns.)
    assert {m["text"][:1] for m in notices} == {"🟡", "🔴"}
    for notice in notices:
        assert notice["text"].endswith(" → Ann")
        assert _mentioned(notice) == [people.ann.id]
