"""Timers (SPEC §5): auto-close of resolved tickets and the SLA semaphore.

`run_due(moment)` does everything due at `moment` (tests pass their own clock); the
`Automation` worker calls it periodically. Each effect happens once fleet-wide:
auto-close re-checks the ticket under its row lock, and every SLA announcement has a
unique outbox key per ticket, deadline and threshold.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiogram.utils.i18n import I18n
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from bot.delivery import outbox
from bot.delivery.outbox import transaction
from bot.i18n import speaking
from bot.periodic import Periodic
from bot.services import rollups, sla, staff_thread, tickets
from bot.services.settings import runtime_settings
from bot.ui import staff as staff_ui
from models import SlaPolicy, Ticket, TicketEvent
from models.enums import ActorType, SlaState, StatusRole

log = logging.getLogger(__name__)
BATCH = 200
AUTO_CLOSER = tickets.Actor(ActorType.SYSTEM, "auto-close", is_admin=True)


@dataclass
class Done:
    closed: int = 0
    warnings: int = 0
    breaches: int = 0


async def run_due(moment: datetime | None = None) -> Done:
    moment = moment or tickets.now()
    done = Done()
    done.closed = await auto_close(moment)
    done.warnings, done.breaches = await sla_check(moment)
    return done


async def auto_close(moment: datetime) -> int:
    """Resolved tickets the customer did not react to within `auto_close_hours`."""
    hours = (await runtime_settings()).auto_close_hours
    cutoff = moment - timedelta(hours=hours)
    due = (
        await Ticket.filter(status__role=StatusRole.RESOLVED, resolved_at__lte=cutoff)
        .limit(BATCH)
        .values_list("id", flat=True)
    )
    closed = 0
    for ticket_id in due:
        async with transaction():
            ticket = await Ticket.filter(id=ticket_id).select_for_update().first()
            if ticket is None:
                continue
            await ticket.fetch_related("status")
            # Another instance, or the customer, may have acted meanwhile.
            if ticket.status.role != StatusRole.RESOLVED or not ticket.resolved_at:
                continue
            if ticket.resolved_at > cutoff:
                continue
            await tickets.close(ticket.id, AUTO_CLOSER)
            closed += 1
    return closed


async def sla_check(moment: datetime) -> tuple[int, int]:
    """Moves open tickets' SLA state; announces each warning and breach once."""
    rows = await Ticket.filter(
        Q(first_response_due__isnull=False) | Q(resolution_due__isnull=False),
        status__is_final=False,
        sla_paused_at__isnull=True,
    ).select_related("status", "priority", "customer", "department")
    warnings = breaches = 0
    ratios: dict[tuple[int | None, str | None], float] = {}
    for ticket in rows:
        key = (ticket.priority_id, ticket.customer.support_level)
        if key not in ratios:
            policy: SlaPolicy | None = await sla.policy_for(*key)
            ratios[key] = policy.warning_ratio if policy else 0.8
        ratio = ratios[key]
        checks = []
        if ticket.first_response_at is None and ticket.first_response_due is not None:
            checks.append(("first_response", ticket.first_response_due))
        resolved = ticket.status.role == StatusRole.RESOLVED
        if not resolved and ticket.resolution_due is not None:
            checks.append(("resolution", ticket.resolution_due))
        worst = SlaState.OK
        # A due time is start + allowed + the time the clock stood.
        start = (ticket.sla_started_at or ticket.created_at) + timedelta(
            seconds=ticket.sla_paused_seconds
        )
        for what, due in checks:
            state = sla.state_at(moment, due, due - start, ratio)
            if state == SlaState.OK:
                continue
            if state == SlaState.BREACHED or worst == SlaState.OK:
                worst = state
            if await _announce(ticket, what, due, state):
                if state == SlaState.BREACHED:
                    breaches += 1
                else:
                    warnings += 1
        if _ORDER.index(worst) > _ORDER.index(ticket.sla_state):
            await _worsen(ticket, worst)
    return warnings, breaches


_ORDER = [SlaState.OK, SlaState.WARNING, SlaState.BREACHED]


async def _worsen(ticket: Ticket, state: SlaState) -> None:
    """The ticket's SLA state becomes `state` (never better: another instance may have
    moved it meanwhile), with its card and the statistics' breach counts."""
    async with transaction():
        locked = await Ticket.filter(id=ticket.id).select_for_update().first()
        if locked is None or _ORDER.index(state) <= _ORDER.index(locked.sla_state):
            return
        await locked.fetch_related("customer")
        counted = rollups.track(locked)
        await Ticket.filter(id=ticket.id).update(sla_state=state)
        locked.sla_state = ticket.sla_state = state
        await tickets.refresh_card(ticket)
        await counted.apply(locked)


async def _announce(ticket: Ticket, what: str, due: datetime, state: SlaState) -> bool:
    """Once per ticket, deadline and threshold: recorded as a ticket event and told to
    the staff chat (the outbox key is unique, so a concurrent instance's attempt fails
    and rolls back with its event)."""
    kind = "sla_breached" if state == SlaState.BREACHED else "sla_warning"
    earlier = await TicketEvent.filter(ticket_id=ticket.id, kind=kind).values_list(
        "data", flat=True
    )
    if any(isinstance(d, dict) and d.get("deadline") == what for d in earlier):
        return False
    target = await staff_thread.card_target(ticket)
    chat_id = ticket.staff_chat_id or await staff_thread.staff_chat_for(ticket.department)
    try:
        async with transaction():
            await TicketEvent.create(
                ticket_id=ticket.id,
                kind=kind,
                actor_type=ActorType.SYSTEM,
                actor_name="sla",
                data={"deadline": what, "due": due.isoformat()},
            )
            if chat_id is not None:
                await outbox.send_text(
                    chat_id,
                    _announcement(ticket.number, what, due, state)
                    + staff_ui.to(await staff_thread.assignee_of(ticket)),
                    reply_to=target if ticket.staff_chat_id == chat_id else None,
                    message_thread_id=await staff_thread.thread_of(ticket),
                    ticket_id=ticket.id,
                    dedupe_key=f"sla:{ticket.id}:{what}:{state.value}",
                )
    except IntegrityError:
        return False
    return True


def _announcement(number: int, what: str, due: datetime, state: SlaState) -> str:
    with speaking(None):
        label = staff_ui.first_response() if what == "first_response" else staff_ui.resolution()
        when = due.strftime("%d.%m %H:%M UTC")
        if state == SlaState.BREACHED:
            return staff_ui.sla_breached(number, label, when)
        return staff_ui.sla_warning(number, label, when)


class Automation(Periodic):
    """Runs `run_due` every `interval` seconds until stopped."""

    name = "automation pass"

    def __init__(
        self,
        i18n: I18n,
        interval: float = 30.0,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(interval)
        self.i18n = i18n
        self.clock = clock or tickets.now

    async def run_once(self) -> object:
        with self.i18n.context():
            return await run_due(self.clock())
