"""Timers (SPEC §5): auto-close of resolved tickets, the SLA semaphore, and snoozed
tickets whose time came (bot.services.snoozing).

`run_due(moment)` does everything due at `moment` (tests pass their own clock); the
`Automation` worker calls it periodically. Each effect happens once fleet-wide:
auto-close re-checks the ticket under its row lock, and every SLA announcement has a
unique outbox key per ticket, deadline and threshold.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from bot.delivery.outbox import transaction
from bot.periodic import Periodic
from bot.services import (
    config,
    hours,
    lifecycle,
    notices,
    rollups,
    sla,
    snoozing,
    tickets,
)
from bot.services.errors import DomainError
from bot.services.settings import stored_settings
from models import SlaPolicy, Ticket, TicketEvent
from models.enums import ActorType, BreachAction, SlaState

log = logging.getLogger(__name__)
BATCH = 200
AUTO_CLOSER = tickets.Actor(ActorType.SYSTEM, "auto-close", is_admin=True)


@dataclass
class Done:
    closed: int = 0
    warnings: int = 0
    breaches: int = 0
    woken: int = 0  # snoozed tickets back in the queue


async def run_due(moment: datetime | None = None) -> Done:
    moment = moment or tickets.now()
    done = Done()
    done.closed = await auto_close(moment)
    done.warnings, done.breaches = await sla_check(moment)
    done.woken = await snoozing.wake_due(moment)
    return done


async def auto_close(moment: datetime) -> int:
    """Resolved tickets the customer did not react to within `auto_close_hours`."""
    hours = (await stored_settings()).auto_close_hours
    cutoff = moment - timedelta(hours=hours)
    due = (
        await Ticket.filter(resolved_at__lte=cutoff, **lifecycle.RESOLVED_TICKETS)
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
            if not lifecycle.is_resolved(ticket.status) or not ticket.resolved_at:
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
        sla_paused_at__isnull=True,
        **lifecycle.OPEN_TICKETS,
    ).select_related("status", "priority", "customer", "department")
    warnings = breaches = 0
    policies: dict[tuple[int | None, str | None], SlaPolicy | None] = {}
    for ticket in rows:
        key = (ticket.priority_id, ticket.customer.support_level)
        if key not in policies:
            policies[key] = await sla.policy_for(*key)
        policy = policies[key]
        ratio = policy.warning_ratio if policy else 0.8
        checks = []
        if ticket.first_response_at is None and ticket.first_response_due is not None:
            checks.append(("first_response", ticket.first_response_due))
        if lifecycle.checks_resolution_due(ticket.status) and ticket.resolution_due is not None:
            checks.append(("resolution", ticket.resolution_due))
        worst = SlaState.OK
        # A due time is start + allowed + the time the clock stood.
        start = (ticket.sla_started_at or ticket.created_at) + timedelta(
            seconds=ticket.sla_paused_seconds
        )
        cal = hours.of_department(ticket.department)  # business hours: working time
        for what, due in checks:
            if cal is not None and policy is not None:
                # The policy's working minutes (the wall time the clock stood does not
                # say how much working time it took).
                minutes = (
                    policy.first_response_minutes
                    if what == "first_response"
                    else policy.resolution_minutes
                )
                allowed = timedelta(minutes=minutes)
            else:
                allowed = due - start
            state = sla.state_at(moment, due, allowed, ratio, cal)
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
        await notices.emit(notices.CardChanged(ticket))
        await counted.apply(locked)


async def _announce(ticket: Ticket, what: str, due: datetime, state: SlaState) -> bool:
    """Once per ticket, deadline and threshold: recorded as a ticket event and told to
    the staff chat (the outbox key is unique, so a concurrent instance's attempt fails
    and rolls back with its event)."""
    kind = "sla_breached" if state == SlaState.BREACHED else "sla_warning"
    earlier = cast(
        list[dict[str, Any]],
        await TicketEvent.filter(ticket_id=ticket.id, kind=kind).values_list("data", flat=True),
    )
    if any(isinstance(d, dict) and d.get("deadline") == what for d in earlier):
        return False
    # Without a staff chat of its own, the presentation resolves the department's.
    chat_id = ticket.staff_chat_id
    key = f"sla:{ticket.id}:{what}:{state.value}"
    try:
        async with transaction():
            await TicketEvent.create(
                ticket_id=ticket.id,
                kind=kind,
                actor_type=ActorType.SYSTEM,
                actor_name="sla",
                data={"deadline": what, "due": due.isoformat()},
            )
            await notices.emit(notices.SlaAnnounced(ticket, what, due, state, key, chat_id))
            if state == SlaState.BREACHED:
                await escalate(ticket, what)
    except IntegrityError:
        return False
    return True


ESCALATOR = tickets.Actor(ActorType.SYSTEM, "sla escalation", is_admin=True)


async def escalate(ticket: Ticket, what: str) -> None:
    """The breach rule of the ticket's SLA policy, in the transaction that records the
    breach (so once per breached deadline): tell a lead - the policy's agent, else the
    department's - or pass the ticket to the policy's agent, or back to the queue. An
    agent who cannot take it (inactive, another department, the customer themselves)
    leaves the ticket as it is: the thread is told why."""
    policy = await sla.policy_for(ticket.priority_id, ticket.customer.support_level)
    if policy is None or policy.breach_action == BreachAction.NOTHING:
        return
    snap = await config.snapshot()
    action = policy.breach_action
    agent = snap.agent(policy.breach_agent_id)
    if action == BreachAction.NOTIFY_LEAD:
        department = snap.department(ticket.department_id)
        agent = agent or snap.agent(department.lead_id if department else None)
        if agent is None or not agent.active:
            log.warning("#%s breached: no active lead to tell", ticket.number)
            return
        await notices.emit(notices.LeadAlerted(ticket, agent))
    else:
        target = agent.id if action == BreachAction.REASSIGN and agent else None
        if target == ticket.assignee_id:
            return  # theirs already (or in the queue already)
        try:
            moved = await tickets.assign(ticket.id, target, ESCALATOR)
        except DomainError as refused:
            await notices.emit(notices.EscalationRefused(ticket, refused.message))
            return
        ticket.assignee_id = moved.assignee_id
        new = agent if agent is not None and target is not None else None
        await notices.emit(notices.Escalated(ticket, new))
    await TicketEvent.create(
        ticket_id=ticket.id,
        kind="sla_escalated",
        actor_type=ActorType.SYSTEM,
        actor_name="sla",
        data={"deadline": what, "action": action.value, "agent_id": agent.id if agent else None},
    )


class Automation(Periodic):
    """Runs `run_due` every `interval` seconds until stopped."""

    name = "automation pass"

    def __init__(
        self,
        context: Callable[[], AbstractContextManager[object]],
        interval: float = 30.0,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(interval)
        self.context = context
        self.clock = clock or tickets.now

    async def run_once(self) -> object:
        with self.context():
            return await run_due(self.clock())
