"""Timers with an injected clock: auto-close of resolved tickets, SLA warnings and
breaches announced once per ticket and threshold, the SLA pause while waiting."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.i18n import create_i18n
from bot.presentation import staff_thread
from bot.services import automation, tickets
from bot.services.settings import update_settings
from models import OutboxMessage, Priority, SlaPolicy, Status, Ticket, TicketEvent
from models.enums import SlaState, StatusRole
from tests.factories import make_desk, open_ticket

STAFF = -1001000000009


@pytest.fixture
async def desk(db):
    with create_i18n("en").context():
        desk = await make_desk()
        await update_settings({"staff_chat_id": STAFF, "auto_close_hours": 24})
        await staff_thread.remember_chat(STAFF, False)  # as the start-up getChat learns
        yield desk


async def test_a_resolved_ticket_closes_after_the_configured_hours(desk):
    ann = await tickets.agent_actor(desk.ann)
    ticket = await open_ticket(desk.alice, desk.billing)
    resolved = await Status.get(role=StatusRole.RESOLVED)
    await tickets.set_status(ticket.id, resolved.id, ann)
    resolved_at = (await Ticket.get(id=ticket.id)).resolved_at
    assert (await automation.run_due(resolved_at + timedelta(hours=23))).closed == 0
    done = await automation.run_due(resolved_at + timedelta(hours=24, seconds=1))
    assert done.closed == 1
    closed = await Ticket.get(id=ticket.id).select_related("status")
    assert closed.status.role == StatusRole.CLOSED
    event = await TicketEvent.filter(ticket_id=ticket.id, kind="closed").first()
    assert event is not None and event.actor_name == "auto-close"
    # The customer is told, and asked to rate.
    told = await OutboxMessage.filter(chat_id=desk.alice.telegram_id).order_by("-id").first()
    assert "is closed" in told.payload["text"] and "rate our support" in told.payload["text"]
    # Running again (another instance, the next pass) changes nothing.
    assert (await automation.run_due(resolved_at + timedelta(hours=48))).closed == 0


async def test_a_reopened_ticket_is_not_auto_closed(desk):
    ann = await tickets.agent_actor(desk.ann)
    ticket = await open_ticket(desk.alice, desk.billing)
    resolved = await Status.get(role=StatusRole.RESOLVED)
    await tickets.set_status(ticket.id, resolved.id, ann)
    moment = (await Ticket.get(id=ticket.id)).resolved_at
    await tickets.reopen(ticket.id, ann)
    assert (await automation.run_due(moment + timedelta(days=3))).closed == 0


async def test_sla_warning_and_breach_announced_once_each(desk):
    normal = await Priority.get(is_default=True)
    await SlaPolicy.create(
        name="normal", priority=normal, first_response_minutes=60, resolution_minutes=600
    )
    ticket = await open_ticket(desk.alice, desk.billing, "Slow")
    created = (await Ticket.get(id=ticket.id)).created_at
    assert await automation.run_due(created + timedelta(minutes=30)) == automation.Done()
    done = await automation.run_due(created + timedelta(minutes=50))  # 80 % of an hour
    assert (done.warnings, done.breaches) == (1, 0)
    assert (await Ticket.get(id=ticket.id)).sla_state == SlaState.WARNING
    assert (await automation.run_due(created + timedelta(minutes=55))).warnings == 0
    done = await automation.run_due(created + timedelta(minutes=61))
    assert (done.warnings, done.breaches) == (0, 1)
    assert (await Ticket.get(id=ticket.id)).sla_state == SlaState.BREACHED
    assert (await automation.run_due(created + timedelta(minutes=90))).breaches == 0
    texts = [r.payload["text"] for r in await OutboxMessage.filter(chat_id=STAFF).order_by("id")]
    sla_texts = [t for t in texts if "first response" in t]
    assert len(sla_texts) == 2
    assert "🟡 #1001" in sla_texts[0] and "🔴 #1001" in sla_texts[1]
    kinds = await TicketEvent.filter(ticket_id=ticket.id, kind__startswith="sla").values_list(
        "kind", flat=True
    )
    assert sorted(kinds) == ["sla_breached", "sla_warning"]


async def test_answering_in_time_stops_the_first_response_clock(desk):
    normal = await Priority.get(is_default=True)
    await SlaPolicy.create(
        name="normal", priority=normal, first_response_minutes=60, resolution_minutes=6000
    )
    ticket = await open_ticket(desk.alice, desk.billing)
    await tickets.reply(ticket.id, "Looking", await tickets.agent_actor(desk.ann))
    created = (await Ticket.get(id=ticket.id)).created_at
    assert await automation.run_due(created + timedelta(minutes=120)) == automation.Done()


async def test_the_resolution_clock_pauses_while_waiting_for_the_customer(desk):
    normal = await Priority.get(is_default=True)
    await SlaPolicy.create(
        name="normal", priority=normal, first_response_minutes=600, resolution_minutes=120
    )
    ticket = await open_ticket(desk.alice, desk.billing)
    await tickets.reply(ticket.id, "Which account?", await tickets.agent_actor(desk.ann))
    paused = await Ticket.get(id=ticket.id)
    assert paused.sla_paused_at is not None
    # Waiting for the customer: no breach however long it takes.
    assert await automation.run_due(paused.created_at + timedelta(hours=5)) == automation.Done()
    # The customer's answer starts it again, the time it stood added to the due time
    # (tests/staff/test_sla_life.py follows a whole life on the desk's clock).
    alice = tickets.Actor(tickets.ActorType.CUSTOMER, "Alice", id=desk.alice.id)
    await tickets.add_customer_message(ticket.id, "The main one", [], alice)
    resumed = await Ticket.get(id=ticket.id)
    assert resumed.sla_paused_at is None
    stood = resumed.resolution_due - paused.resolution_due
    assert stood.total_seconds() == pytest.approx(resumed.sla_paused_seconds, abs=1)
