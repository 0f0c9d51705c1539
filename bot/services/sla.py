"""SLA policies and the SLA clock: due times for first response and resolution (the
"семафор").

The clock runs from `sla_started_at` (the ticket's creation; an alert's first customer
answer). It stands while the customer has the ball - waiting for the customer, when the
`sla_pause_while_waiting` setting is on - and while the work is done (resolved, closed);
whenever the ticket leaves such a status the time it stood is added to the due times
still running, so a due time is always start + allowed time + stopped time.

A department with business hours (bot.services.hours) counts only its working time:
the allowed minutes are working minutes from the start, and a stop moves the due
times by the working time it took.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.services import hours
from models import SlaPolicy, Ticket
from models.enums import SlaState


async def policy_for(priority_id: int | None, support_level: str | None) -> SlaPolicy | None:
    """The most specific active policy: priority and level, then priority, then level,
    then a catch-all."""
    from bot.services.config import snapshot  # (config imports the models sla does)

    candidates = (await snapshot()).sla_policies

    def score(policy: SlaPolicy) -> int:
        if policy.priority_id not in (None, priority_id):
            return -1
        if policy.support_level not in (None, support_level):
            return -1
        return (2 if policy.priority_id is not None else 0) + (
            1 if policy.support_level is not None else 0
        )

    ranked = sorted(
        (p for p in candidates if score(p) >= 0), key=lambda p: (score(p), -p.id), reverse=True
    )
    return ranked[0] if ranked else None


async def calendar_of(department_id: int | None) -> hours.Calendar | None:
    """The department's working calendar; None: 24/7."""
    from bot.services.config import snapshot

    return hours.of_department((await snapshot()).department(department_id))


async def due_times(
    priority_id: int | None,
    support_level: str | None,
    start: datetime,
    department_id: int | None = None,
) -> tuple[datetime | None, datetime | None]:
    policy = await policy_for(priority_id, support_level)
    if policy is None:
        return None, None
    cal = await calendar_of(department_id)
    return (
        hours.add_working(cal, start, timedelta(minutes=policy.first_response_minutes)),
        hours.add_working(cal, start, timedelta(minutes=policy.resolution_minutes)),
    )


def stop(ticket: Ticket, moment: datetime) -> None:
    if ticket.sla_paused_at is None:
        ticket.sla_paused_at = moment


def resume(ticket: Ticket, moment: datetime, cal: hours.Calendar | None = None) -> None:
    """The clock runs again: the due times still running move by the (working) time it
    stood (a first response already given keeps its due time)."""
    if ticket.sla_paused_at is None:
        return
    stood = max(moment - ticket.sla_paused_at, timedelta(0))
    worked = hours.working_between(cal, ticket.sla_paused_at, ticket.sla_paused_at + stood)
    ticket.sla_paused_seconds += round(stood.total_seconds())
    if ticket.first_response_at is None and ticket.first_response_due is not None:
        ticket.first_response_due = hours.add_working(cal, ticket.first_response_due, worked)
    if ticket.resolution_due is not None:
        ticket.resolution_due = hours.add_working(cal, ticket.resolution_due, worked)
    ticket.sla_paused_at = None


async def start(ticket: Ticket, moment: datetime) -> None:
    """Starts the clock (a new ticket; an alert the customer answered)."""
    ticket.sla_started_at = moment
    ticket.first_response_due, ticket.resolution_due = await due_times(
        ticket.priority_id, ticket.customer.support_level, moment, ticket.department_id
    )


async def follow_priority(ticket: Ticket) -> None:
    """Due times for the ticket's (new) priority, counted from its start with the time
    the clock stood (with business hours: from the start moved by that wall time, an
    approximation when a stop spanned closed hours); a first response already given
    keeps its due time."""
    if ticket.sla_started_at is None:
        return  # an alert the customer has not answered: no clock yet
    stood = timedelta(seconds=ticket.sla_paused_seconds)
    first, resolution = await due_times(
        ticket.priority_id,
        ticket.customer.support_level,
        ticket.sla_started_at + stood,
        ticket.department_id,
    )
    if ticket.first_response_at is None:
        ticket.first_response_due = first
    ticket.resolution_due = resolution


def state_at(
    now: datetime,
    due: datetime | None,
    allowed: timedelta,
    warning_ratio: float = 0.8,
    cal: hours.Calendar | None = None,
) -> SlaState:
    """Breached at the due time; a warning once `warning_ratio` of the allowed (working)
    time is used (the clock's stopped time is not counted: it moved `due`)."""
    if due is None:
        return SlaState.OK
    if now >= due:
        return SlaState.BREACHED
    if hours.working_between(cal, now, due) <= allowed * (1 - warning_ratio):
        return SlaState.WARNING
    return SlaState.OK
