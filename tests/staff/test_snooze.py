"""Snooze, "waiting until" (issue 16, point 5), through the real dispatcher on the desk's
injectable clock: `/snooze 2d` or the card's Snooze menu puts a ticket out of /queue and
/mytickets with "💤 until …" on its card and its SLA clock standing (as while waiting);
it comes back, with a notice in its thread mentioning the assignee, once when the
automation pass reaches its time, or as soon as the customer writes. Bad input, a
closed ticket or someone who is not an agent get a polite answer and change nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import CLOCK
from bot.i18n import create_i18n
from bot.presentation import staff_thread
from bot.services import automation, snoozing, tickets
from bot.services.settings import update_settings
from models import OutboxMessage, Priority, SlaPolicy, Ticket, TicketEvent
from models.enums import StatusRole
from tests.factories import make_desk, open_ticket
from tests.handlers.wizard_support import STAFF, last
from tests.staff.helpers import (
    card_of,
    claimed,
    events,
    fresh,
    new_ticket,
    notices,
    staff_desk,
    tap,
    where,
)
from tests.support import button_texts

MINUTE = timedelta(minutes=1)
ANN_MENTION = '<a href="tg://user?id=9001">Ann</a>'


@pytest.fixture
def clock() -> Iterator[None]:
    """The desk's clock stopped at the present, moved only by the test."""
    CLOCK.reset()
    CLOCK.freeze()
    with create_i18n("en").context():
        yield
    CLOCK.reset()


async def _policy() -> None:
    normal = await Priority.get(is_default=True)
    await SlaPolicy.create(
        name="normal",
        priority=normal,
        first_response_minutes=60,
        resolution_minutes=600,
        warning_ratio=0.8,
    )


async def _say(env, user, text: str, card: dict) -> str:
    """`text` by `user` in the ticket's thread (a reply to its card); the bot's answer."""
    user.send_text(text, chat_id=STAFF, reply_to_message_id=card["message_id"])
    await env.step()
    return last(env, STAFF)["text"]


async def _queue(env, user, command: str) -> str:
    user.send_text(command, chat_id=STAFF)
    await env.step()
    return last(env, STAFF)["text"]


def _back_notices(env) -> list[str]:
    return [n for n in notices(env) if "is back in the queue" in n]


async def test_snooze_command_hides_the_ticket_until_the_automation_pass_wakes_it_once(env, clock):
    people = await staff_desk(env)
    await _policy()
    ticket, card = await claimed(env, people, subject="Invoice", text="Where is it?")
    assert f"#{ticket.number}" in await _queue(env, people.ann, "/mytickets")
    before = await fresh(ticket.id)
    assert before.status.role == StatusRole.IN_PROGRESS and before.sla_paused_at is None

    await _say(env, people.ann, "/snooze 2d", card)
    snoozed = await fresh(ticket.id)
    moment = CLOCK.now()
    assert snoozed.snoozed_until == (moment + timedelta(days=2)).replace(microsecond=0)
    # The SLA clock stands, as for a ticket waiting for the customer.
    assert snoozed.sla_paused_at is not None
    shown = (await card_of(env, ticket.id))["text"]
    until = snoozed.snoozed_until.strftime("%d.%m %H:%M UTC")
    assert f"💤 Snoozed until {until}" in shown
    told = notices(env)[-1]
    assert told.startswith(f"💤 #{ticket.number} is snoozed by Ann until ")
    assert "snoozed" in await events(ticket.id)
    # Out of the agent's list while snoozed, listed apart with its time; /find still
    # finds it, marked.
    mine, _, apart = (await _queue(env, people.ann, "/mytickets")).partition("💤 Snoozed")
    assert f"#{ticket.number}" not in mine
    assert f"#{ticket.number} · Invoice — until {snoozed.snoozed_until:%d.%m.%Y %H:%M} UTC" in apart
    found = await _queue(env, people.ann, "/find Invoice")
    assert f"#{ticket.number}" in found and "💤" in found

    # The automation pass before the time: nothing; at the time: back, once.
    CLOCK.advance(2 * 24 * 60 * MINUTE - MINUTE)
    assert (await automation.run_due(CLOCK.now())).woken == 0
    await env.step()
    assert _back_notices(env) == []
    CLOCK.advance(MINUTE)
    done = await automation.run_due(CLOCK.now())
    await env.step()
    assert done.woken == 1
    assert (await automation.run_due(CLOCK.now() + MINUTE)).woken == 0  # the next pass
    await env.step()
    back = _back_notices(env)
    assert back == [f"⏰ #{ticket.number} is back in the queue: its snooze is over. → Ann"], back
    # The notice mentions Ann (Telegram notifies her).
    sent = [
        r.params["text"]
        for r in env.api.calls("sendMessage", STAFF)
        if "its snooze is over" in r.params.get("text", "")
    ]
    assert sent == [
        f"⏰ #{ticket.number} is back in the queue: its snooze is over. → {ANN_MENTION}"
    ]
    woken = await fresh(ticket.id)
    assert woken.snoozed_until is None and woken.sla_paused_at is None
    # The two days the clock stood move the resolution's due time.
    assert woken.resolution_due == before.resolution_due + 2 * 24 * 60 * MINUTE
    assert "💤" not in (await card_of(env, ticket.id))["text"]
    mine = await _queue(env, people.ann, "/mytickets")
    assert f"#{ticket.number}" in mine and "💤" not in mine
    unsnoozed = await TicketEvent.filter(ticket_id=ticket.id, kind="unsnoozed")
    assert [e.data["reason"] for e in unsnoozed] == ["due"]
    assert env.api.calls(ok=False) == []


async def test_the_customer_writing_brings_a_snoozed_ticket_back_at_once(env, clock):
    people = await staff_desk(env)
    ticket, card = await claimed(env, people)
    await _say(env, people.ann, "Which invoice? I'll wait.", card)
    await _say(env, people.ann, "/snooze 1w", card)
    waiting = await fresh(ticket.id)
    assert waiting.status.role == StatusRole.WAITING and waiting.snoozed_until is not None
    CLOCK.advance(30 * MINUTE)
    people.alice.send_text("The March one", reply_to_message_id=last(env, 501)["message_id"])
    await env.step()
    back = await fresh(ticket.id)
    assert back.snoozed_until is None
    assert back.status.role == StatusRole.IN_PROGRESS and back.sla_paused_at is None
    texts = notices(env)
    assert any("The March one" in t for t in texts)
    assert _back_notices(env) == [
        f"⏰ #{ticket.number} is back in the queue: the customer wrote during the snooze. → Ann"
    ]
    # The customer's message comes first, then the notice.
    relayed = next(i for i, t in enumerate(texts) if "The March one" in t)
    assert relayed < texts.index(_back_notices(env)[0])
    # Its old time passes later: nothing more happens.
    CLOCK.advance(8 * 24 * 60 * MINUTE)
    assert (await automation.run_due(CLOCK.now())).woken == 0
    await env.step()
    assert len(_back_notices(env)) == 1
    unsnoozed = await TicketEvent.filter(ticket_id=ticket.id, kind="unsnoozed")
    assert [e.data["reason"] for e in unsnoozed] == ["customer"]
    assert env.api.calls(ok=False) == []


async def test_the_cards_snooze_menu_presets_and_unsnooze(env, clock):
    people = await staff_desk(env)
    ticket = await new_ticket(people.desk.alice, people.desk.billing, "Unclaimed")
    await env.step()
    assert f"#{ticket.number}" in await _queue(env, people.ann, "/queue")
    card = await card_of(env, ticket.id)
    await tap(env, people.ann, card, "Snooze")
    menu = await card_of(env, ticket.id)
    labels = button_texts(menu)
    assert labels == ["1 hour", "4 hours", "tomorrow 09:00 UTC", "3 days", "⬅️ Back"]
    answer = await tap(env, people.ann, menu, "4 hours")
    until = (CLOCK.now() + timedelta(hours=4)).replace(microsecond=0)
    assert (await fresh(ticket.id)).snoozed_until == until
    assert answer["text"] == f"💤 Snoozed until {until.strftime('%d.%m.%Y %H:%M UTC')}."
    # The card is back to its buttons, with the snooze shown.
    shown = await card_of(env, ticket.id)
    assert "💤 Snoozed until" in shown["text"] and "🙋 I'll answer" in button_texts(shown)
    # Out of the department's queue while snoozed.
    assert f"#{ticket.number}" not in await _queue(env, people.ann, "/queue")

    await tap(env, people.ann, shown, "Snooze")
    menu = await card_of(env, ticket.id)
    assert "⏰ Unsnooze" in button_texts(menu)
    await tap(env, people.ann, menu, "tomorrow 09:00")
    tomorrow = datetime.combine(CLOCK.now().date() + timedelta(days=1), datetime.min.time())
    assert (await fresh(ticket.id)).snoozed_until == tomorrow.replace(hour=9, tzinfo=UTC)

    await tap(env, people.ann, await card_of(env, ticket.id), "Snooze")
    answer = await tap(env, people.ann, await card_of(env, ticket.id), "Unsnooze")
    assert answer["text"] == "⏰ Back in the queue."
    assert (await fresh(ticket.id)).snoozed_until is None
    assert (
        notices(env)[-1] == f"⏰ #{ticket.number}: Ann ended the snooze; it is back in the queue."
    )
    assert f"#{ticket.number}" in await _queue(env, people.ann, "/queue")
    assert "💤" not in (await card_of(env, ticket.id))["text"]
    assert await events(ticket.id) == [
        "created",
        "snoozed",
        "snoozed",
        "unsnoozed",
    ]
    assert env.api.calls(ok=False) == []


async def test_bad_snoozes_are_answered_politely_and_change_nothing(env, clock):
    people = await staff_desk(env)
    ticket, card = await claimed(env, people)
    tech = await new_ticket(people.desk.carl, people.desk.tech, "Tech")
    await env.step()
    before = await events(ticket.id)

    assert "write /snooze and how long" in await _say(env, people.ann, "/snooze", card)
    assert "Cannot read «soon»" in await _say(env, people.ann, "/snooze soon", card)
    # (Escaped: the fake Bot API parses the HTML and shows the text as typed.)
    assert "Cannot read «2d <b>»" in await _say(env, people.ann, "/snooze 2d <b>", card)
    assert "Cannot read «2026-02-30 10:00»" in await _say(
        env, people.ann, "/snooze 2026-02-30 10:00", card
    )
    assert "«0m» is not in the future" in await _say(env, people.ann, "/snooze 0m", card)
    assert "«2020-01-01 10:00» is not in the future" in await _say(
        env, people.ann, "/snooze 2020-01-01 10:00", card
    )
    assert "«400d» is too far ahead" in await _say(env, people.ann, "/snooze 400d", card)
    assert "Only registered agents" in await _say(env, people.eve, "/snooze 2d", card)
    assert "not snoozed" in await _say(env, people.ann, "/unsnooze", card)
    # Another department's ticket.
    tech_card = await card_of(env, tech.id)
    assert "department you do not work in" in await _say(env, people.ann, "/snooze 2d", tech_card)
    # Outside a ticket's thread.
    assert "write /snooze and how long" in await _queue(env, people.ann, "/snooze 2d")
    # A non-agent's button press.
    await tap(env, people.ann, card, "Snooze")
    menu = await card_of(env, ticket.id)
    answer = await tap(env, people.eve, menu, "1 hour")
    assert answer["text"] == "Only registered agents can do this."
    await tap(env, people.ann, menu, "Back")

    assert (await fresh(ticket.id)).snoozed_until is None
    assert (await fresh(tech.id)).snoozed_until is None
    assert await events(ticket.id) == before

    # A closed ticket: refused, and closing a snoozed ticket ends its snooze.
    await _say(env, people.ann, "/snooze 3h", card)
    await tickets.close(ticket.id, await tickets.agent_actor(people.desk.ann))
    await env.step()
    closed = await fresh(ticket.id)
    assert closed.status.is_final and closed.snoozed_until is None
    assert "Not done: the ticket is closed" in await _say(env, people.ann, "/snooze 2d", card)
    assert (await fresh(ticket.id)).snoozed_until is None
    CLOCK.advance(4 * 60 * MINUTE)
    assert (await automation.run_due(CLOCK.now())).woken == 0
    assert (await Ticket.get(id=ticket.id)).snoozed_until is None
    assert env.api.calls(ok=False) == []


async def test_russian_durations_and_a_utc_time(env, clock):
    people = await staff_desk(env)
    ticket, card = await claimed(env, people)
    await _say(env, people.ann, "/snooze 1д 12ч", card)
    expected = (CLOCK.now() + timedelta(hours=36)).replace(microsecond=0)
    assert (await fresh(ticket.id)).snoozed_until == expected
    target = (CLOCK.now() + timedelta(days=10)).replace(hour=10, minute=0, second=0, microsecond=0)
    await _say(env, people.ann, f"/snooze {target:%Y-%m-%d %H:%M}", card)
    assert (await fresh(ticket.id)).snoozed_until == target
    assert [e for e in await events(ticket.id) if e == "snoozed"] == ["snoozed", "snoozed"]


async def test_the_sla_clock_follows_the_waiting_setting(env, clock):
    """With `sla_pause_while_waiting` off a snooze does not stop the clock (as waiting
    does not); with it on, a ticket already waiting keeps standing until the customer
    writes, and the time the clock stood moves the due time once."""
    people = await staff_desk(env)
    await _policy()
    await update_settings({"sla_pause_while_waiting": False})
    ticket, card = await claimed(env, people)
    before = await fresh(ticket.id)
    await _say(env, people.ann, "/snooze 1h", card)
    running = await fresh(ticket.id)
    assert running.snoozed_until is not None and running.sla_paused_at is None
    CLOCK.advance(61 * MINUTE)
    assert (await automation.run_due(CLOCK.now())).woken == 1
    assert (await fresh(ticket.id)).resolution_due == before.resolution_due  # not moved

    await update_settings({"sla_pause_while_waiting": True})
    await _say(env, people.ann, "Which invoice?", card)  # waiting: the clock stands
    stood_from = (await fresh(ticket.id)).sla_paused_at
    assert stood_from is not None
    await _say(env, people.ann, "/snooze 3h", card)
    CLOCK.advance(30 * MINUTE)
    await _say(env, people.ann, "/unsnooze", card)  # still waiting: still standing
    unsnoozed = await fresh(ticket.id)
    assert unsnoozed.snoozed_until is None and unsnoozed.sla_paused_at == stood_from
    CLOCK.advance(30 * MINUTE)
    people.alice.send_text("The March one", reply_to_message_id=last(env, 501)["message_id"])
    await env.step()
    back = await fresh(ticket.id)
    assert back.sla_paused_at is None
    assert back.resolution_due == before.resolution_due + 60 * MINUTE


async def test_automation_passes_at_once_wake_each_ticket_once(db):
    """Several instances' passes at the same moment: each snoozed ticket comes back once,
    with one event and one notice (the ticket is re-read under its row lock)."""
    with create_i18n("en").context():
        desk = await make_desk()
        await update_settings({"staff_chat_id": STAFF})
        await staff_thread.remember_chat(STAFF, False)
        snoozed = [await open_ticket(desk.alice, desk.billing, f"T{n}") for n in range(3)]
        ann = await tickets.agent_actor(desk.ann)
        moment = tickets.now()
        for ticket in snoozed:
            await snoozing.snooze(ticket.id, moment + timedelta(hours=1), ann)
        later = moment + timedelta(hours=2)
        results = await asyncio.gather(*(automation.run_due(later) for _ in range(4)))
    assert sum(r.woken for r in results) == len(snoozed), results
    for ticket in snoozed:
        assert (await Ticket.get(id=ticket.id)).snoozed_until is None
        assert await TicketEvent.filter(ticket_id=ticket.id, kind="unsnoozed").count() == 1
        rows = await OutboxMessage.filter(ticket_id=ticket.id, chat_id=STAFF)
        back = [r for r in rows if "is back in the queue" in r.payload.get("text", "")]
        assert len(back) == 1, [r.payload.get("text") for r in rows]


async def test_in_a_forum_the_command_and_the_notices_stay_in_the_tickets_topic(env, clock):
    people = await staff_desk(env, forum=True)
    ticket, shown = await claimed(env, people)
    assert ticket.staff_topic_id is not None
    people.ann.send_text("/snooze 30m", chat_id=STAFF, **where(ticket, shown))
    await env.step()
    assert (await fresh(ticket.id)).snoozed_until is not None
    CLOCK.advance(31 * MINUTE)
    assert (await automation.run_due(CLOCK.now())).woken == 1
    await env.step()
    told = [
        r.params
        for r in env.api.calls("sendMessage", STAFF)
        if "snooze" in r.params.get("text", "")
    ]
    assert len(told) == 2, told  # snoozed, back in the queue
    assert {p.get("message_thread_id") for p in told} == {ticket.staff_topic_id}
    assert "💤" not in (await card_of(env, ticket.id))["text"]
    assert env.api.calls(ok=False) == []


async def test_a_resolved_ticket_has_no_snooze_and_resolving_ends_one(env, clock):
    people = await staff_desk(env)
    ticket, card = await claimed(env, people)
    await _say(env, people.ann, "/snooze 2d", card)
    assert (await fresh(ticket.id)).snoozed_until is not None
    await tap(env, people.ann, await card_of(env, ticket.id), "Resolve")
    resolved = await fresh(ticket.id)
    assert resolved.status.role == StatusRole.RESOLVED and resolved.snoozed_until is None
    shown = await card_of(env, ticket.id)
    assert "Snooze" not in " ".join(button_texts(shown)) and "💤" not in shown["text"]
    answer = await _say(env, people.ann, "/snooze 2d", card)
    assert answer.startswith("Not done: the ticket is resolved")
    assert (await fresh(ticket.id)).snoozed_until is None
    assert env.api.calls(ok=False) == []
