"""The SLA clock over a ticket's whole life (SPEC §5), on the desk's injectable clock:
it stops while the customer has the ball (waiting, when the setting says so) and while
the work is done (resolved, closed), and runs again - the stopped time added to the due
times - whenever the ticket leaves such a status; alerts start it only when the customer
answers. Driven through the real dispatcher: the agent answers in the staff chat, the
customer replies in Telegram, the timers run at the clock's time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.clock import CLOCK
from bot.i18n import create_i18n
from bot.services import automation, tickets
from bot.services.settings import update_settings
from models import Priority, SlaPolicy, Status, Ticket, TicketEvent
from models.enums import SlaState, StatusRole
from tests.handlers.wizard_support import STAFF, last
from tests.staff.helpers import card_of, fresh, new_ticket, staff_desk, tap

MINUTE = timedelta(minutes=1)


@pytest.fixture
def clock() -> Iterator[None]:
    """The desk's clock stopped at the present, moved only by the test; the services'
    texts in English."""
    CLOCK.reset()
    CLOCK.freeze()
    with create_i18n("en").context():
        yield
    CLOCK.reset()


async def _policy(first: int = 60, resolution: int = 120) -> None:
    normal = await Priority.get(is_default=True)
    await SlaPolicy.create(
        name="normal",
        priority=normal,
        first_response_minutes=first,
        resolution_minutes=resolution,
        warning_ratio=0.8,
    )


def _sla_notices(env) -> list[str]:
    return [
        m["text"] for m in env.api.bot_messages(STAFF) if m.get("text", "").startswith(("🟡", "🔴"))
    ]


async def _tick(env, minutes_since_start: int, start) -> automation.Done:
    """Runs the timers at `start` + minutes, as the Automation worker would."""
    done = await automation.run_due(start + minutes_since_start * MINUTE)
    await env.step()
    return done


async def test_a_whole_life_warns_once_and_breaches_once_after_the_customer_replies(env, clock):
    """Answer at 10 min (the clock stops), the customer replies at 70 min (it runs again,
    60 minutes later), then the resolution deadline - moved from 120 to 180 min - is
    warned about at 80 % and breached once, and the card turns red."""
    people = await staff_desk(env)
    await _policy()
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    start = (await Ticket.get(id=ticket.id)).created_at
    CLOCK.advance(10 * MINUTE)
    await tap(env, people.ann, await card_of(env, ticket.id), "I'll answer")
    shown = await card_of(env, ticket.id)
    people.ann.send_text("Which invoice?", chat_id=STAFF, reply_to_message_id=shown["message_id"])
    await env.step()
    answered = await fresh(ticket.id)
    assert answered.status.role == StatusRole.WAITING and answered.sla_paused_at is not None
    assert "⏸" in (await card_of(env, ticket.id))["text"]
    # The customer takes an hour to answer: none of it counts against the desk.
    assert (await _tick(env, 65, start)) == automation.Done()
    CLOCK.advance(60 * MINUTE)
    people.alice.send_text("The March one", reply_to_message_id=last(env, 501)["message_id"])
    await env.step()
    resumed = await fresh(ticket.id)
    assert resumed.status.role == StatusRole.IN_PROGRESS and resumed.sla_paused_at is None
    assert resumed.resolution_due == start + 180 * MINUTE
    # Before the fix the clock stayed stopped: no warning, no breach, a green card.
    assert (await _tick(env, 100, start)) == automation.Done()  # 120 min would warn at 96
    done = await _tick(env, 160, start)  # 180 - 20 % of 120 = 156
    assert (done.warnings, done.breaches) == (1, 0)
    assert "🟡" in (await card_of(env, ticket.id))["text"]
    assert (await _tick(env, 170, start)) == automation.Done()
    done = await _tick(env, 181, start)
    assert (done.warnings, done.breaches) == (0, 1)
    assert (await _tick(env, 240, start)) == automation.Done()
    assert "🔴" in (await card_of(env, ticket.id))["text"]
    notices = _sla_notices(env)
    assert len(notices) == 2, notices
    assert notices[0].startswith("🟡 #1001") and "resolution" in notices[0]
    assert notices[1].startswith("🔴 #1001") and "resolution" in notices[1]
    kinds = await TicketEvent.filter(ticket_id=ticket.id, kind__startswith="sla").values_list(
        "kind", flat=True
    )
    assert sorted(kinds) == ["sla_breached", "sla_warning"]
    assert (await fresh(ticket.id)).sla_state == SlaState.BREACHED
    assert env.api.calls(ok=False) == []


async def _waiting_ticket(people, start_offset: int = 10):
    """A ticket answered `start_offset` minutes after it was opened (clock stopped)."""
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    CLOCK.advance(start_offset * MINUTE)
    await tickets.reply(ticket.id, "Which invoice?", await tickets.agent_actor(people.desk.ann))
    return ticket


async def _to(ticket_id: int, role: StatusRole, actor) -> None:
    status = await Status.get(role=role)
    await tickets.set_status(ticket_id, status.id, actor)


async def test_every_way_out_of_waiting_starts_the_clock_again(env, clock):
    """An agent moving the ticket on, resolve then reopen, close then reopen: each time
    the stopped time is added to the due times that still run."""
    people = await staff_desk(env)
    await _policy(first=60, resolution=120)
    ann = await tickets.agent_actor(people.desk.ann)
    for way in ("in progress", "resolve, reopen", "close, reopen"):
        ticket = await _waiting_ticket(people)
        start = (await Ticket.get(id=ticket.id)).created_at
        CLOCK.advance(30 * MINUTE)
        if way == "in progress":
            await _to(ticket.id, StatusRole.IN_PROGRESS, ann)
        else:
            await _to(ticket.id, StatusRole.RESOLVED, ann)
            if way.startswith("close"):
                CLOCK.advance(30 * MINUTE)
                await tickets.close(ticket.id, ann)
            still = await Ticket.get(id=ticket.id)
            assert still.sla_paused_at is not None, way  # done work stops the clock
            CLOCK.advance(15 * MINUTE)
            await tickets.reopen(ticket.id, ann)
        after = await Ticket.get(id=ticket.id)
        stopped = {"in progress": 30, "resolve, reopen": 45, "close, reopen": 75}[way]
        assert after.sla_paused_at is None, way
        assert after.sla_paused_seconds == stopped * 60, way
        assert after.resolution_due == start + (120 + stopped) * MINUTE, way
        # The first response was given at 10 min: its due time stays as it was.
        assert after.first_response_due == start + 60 * MINUTE, way


async def test_without_pausing_only_done_work_stops_the_clock(env, clock):
    people = await staff_desk(env)
    await update_settings({"sla_pause_while_waiting": False})
    await _policy()
    ticket = await _waiting_ticket(people)
    answered = await Ticket.get(id=ticket.id)
    assert answered.sla_paused_at is None
    start = answered.created_at
    done = await automation.run_due(start + 100 * MINUTE)  # waiting, yet the clock runs
    assert (done.warnings, done.breaches) == (1, 0)


async def test_a_changed_priority_keeps_the_stopped_time(env, clock):
    people = await staff_desk(env)
    await _policy(first=60, resolution=120)
    urgent = await Priority.get(level=5)
    await SlaPolicy.create(
        name="urgent", priority=urgent, first_response_minutes=15, resolution_minutes=60
    )
    ticket = await _waiting_ticket(people)
    CLOCK.advance(30 * MINUTE)
    ann = await tickets.agent_actor(people.desk.ann)
    await _to(ticket.id, StatusRole.IN_PROGRESS, ann)
    await tickets.set_priority(ticket.id, urgent.id, ann)
    after = await Ticket.get(id=ticket.id)
    assert after.resolution_due == after.created_at + (60 + 30) * MINUTE


async def test_an_alert_starts_the_clock_when_the_customer_answers(env, clock):
    """An alert waits for the customer: no due times, no warnings however long; the
    customer's answer starts the first-response and resolution clocks from then."""
    people = await staff_desk(env)
    await _policy(first=60, resolution=120)
    root = await tickets.agent_actor(people.desk.root)
    alert = await tickets.send_alert(
        customer_id=people.desk.alice.id,
        kind="information",
        subject="Maintenance tonight",
        text="Maintenance tonight\nThe service stops at 23:00 UTC.",
        department_id=people.desk.billing.id,
        priority_id=None,
        actor=root,
    )
    await env.step()
    row = await Ticket.get(id=alert.id)
    assert (row.first_response_due, row.resolution_due, row.first_response_at) == (None,) * 3
    assert (await automation.run_due(row.created_at + timedelta(days=2))) == automation.Done()
    CLOCK.advance(timedelta(hours=5))
    answered_at = CLOCK.now()
    people.alice.send_text("Will my VPN drop?", reply_to_message_id=last(env, 501)["message_id"])
    await env.step()
    row = await Ticket.get(id=alert.id)
    assert row.sla_started_at is not None and row.sla_started_at >= answered_at
    assert row.first_response_due == row.sla_started_at + 60 * MINUTE
    assert row.resolution_due == row.sla_started_at + 120 * MINUTE
    done = await automation.run_due(row.sla_started_at + 50 * MINUTE)
    assert (done.warnings, done.breaches) == (1, 0)  # the first answer is due
    CLOCK.advance(10 * MINUTE)
    await tickets.reply(alert.id, "It will not.", root)
    row = await Ticket.get(id=alert.id)
    assert row.first_response_at is not None and row.first_response_at > row.sla_started_at
