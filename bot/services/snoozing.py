"""Snooze, "waiting until" (issue 16, point 5): an agent puts a ticket aside until a
moment; it leaves the active queues (/queue, /mytickets) and its card says
"💤 until …". It comes back - with a notice in its staff thread mentioning the
assignee - when the moment comes (the automation pass, `wake_due`, once fleet-wide:
each ticket is re-checked under its row lock) or as soon as the customer writes.

The SLA clock treats a snoozed ticket as one waiting for the customer: it stands while
the ticket is snoozed when the `sla_pause_while_waiting` setting is on (bot.services.sla),
and runs again when the snooze ends unless the ticket's status stops it anyway.
Closing or resolving a ticket ends its snooze (bot.services.tickets._move).

Times are the desk's: UTC (`/snooze 2026-12-24 10:00` means 10:00 UTC).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from typing import cast

from bot.delivery.outbox import transaction
from bot.services import lifecycle, notices, sla, tickets
from bot.services.errors import Conflict, Invalid
from bot.services.settings import stored_settings
from bot.services.tickets import Actor
from models import Ticket
from models.enums import ActorType

# A snooze ends at least this far ahead, and at most this far.
SHORTEST = timedelta(minutes=1)
LONGEST = timedelta(days=365)
BATCH = 200
# The hour "tomorrow" means (the card's preset; a date typed without a time).
MORNING = time(9, 0)
WAKER = Actor(ActorType.SYSTEM, "snooze", is_admin=True)

_UNITS = {
    "m": timedelta(minutes=1),
    "min": timedelta(minutes=1),
    "м": timedelta(minutes=1),
    "мин": timedelta(minutes=1),
    "h": timedelta(hours=1),
    "ч": timedelta(hours=1),
    "d": timedelta(days=1),
    "д": timedelta(days=1),
    "w": timedelta(weeks=1),
    "н": timedelta(weeks=1),
}
_PART = re.compile(r"(\d{1,4})\s*(min|мин|[mhdwмчдн])", re.IGNORECASE)
_WHOLE = re.compile(r"(?:\d{1,4}\s*(?:min|мин|[mhdwмчдн])\s*)+", re.IGNORECASE)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ t](\d{1,2}):(\d{2}))?")  # (lower case)


class BadSnooze(Invalid):
    """A snooze's end that cannot be: `reason` is "format", "past" or "too_far"."""

    code = "bad_snooze"

    def __init__(self, reason: str, message: str, field: str = "until") -> None:
        super().__init__(message, {"field": field})
        self.reason = reason


def parse(text: str, moment: datetime) -> datetime:
    """When a snooze typed as `2d`, `3h`, `30m`, `1w` (or `1d 12h`; Russian letters
    м ч д н too) from `moment`, or as `2026-12-24 10:00` / `2026-12-24` (09:00) in UTC,
    ends. BadSnooze when it cannot be read or is out of range."""
    typed = " ".join(text.split()).lower()
    if _WHOLE.fullmatch(typed):
        total = timedelta(0)
        for count, unit in _PART.findall(typed):
            total += int(count) * _UNITS[unit.lower()]
        return checked(moment + total, moment, field="duration")
    match = _DATE.fullmatch(typed)
    if match is None:
        raise BadSnooze(
            "format",
            "write a duration like 30m, 3h, 2d, 1w or a UTC time like 2026-12-24 10:00",
            "duration",
        )
    year, month, day, hour, minute = match.groups()
    try:
        at = datetime(
            int(year),
            int(month),
            int(day),
            int(hour) if hour is not None else MORNING.hour,
            int(minute) if minute is not None else MORNING.minute,
            tzinfo=UTC,
        )
    except ValueError:
        raise BadSnooze("format", "no such date or time", "duration") from None
    return checked(at, moment, field="duration")


def preset(choice: int, moment: datetime) -> datetime:
    """The card's presets: 1 hour, 4 hours, tomorrow 09:00 (UTC), 3 days."""
    if choice == 1:
        return moment + timedelta(hours=1)
    if choice == 2:
        return moment + timedelta(hours=4)
    if choice == 3:
        return datetime.combine(moment.date() + timedelta(days=1), MORNING, tzinfo=UTC)
    if choice == 4:
        return moment + timedelta(days=3)
    raise BadSnooze("format", "no such preset")


def checked(until: datetime, moment: datetime, field: str = "until") -> datetime:
    if until.tzinfo is None:
        until = until.replace(tzinfo=UTC)
    if until < moment + SHORTEST:
        raise BadSnooze("past", "the snooze must end in the future (a minute or more)", field)
    if until > moment + LONGEST:
        raise BadSnooze("too_far", "a snooze ends within 365 days", field)
    return until.replace(microsecond=0)


async def _clock_stops_for(ticket: Ticket, snoozed: bool) -> bool:
    pause = (await stored_settings()).sla_pause_while_waiting
    return lifecycle.clock_stops(ticket.status, pause, snoozed=snoozed)


async def snooze(ticket_id: int, until: datetime, actor: Actor) -> Ticket:
    """Snoozes the ticket until `until` (a snoozed one gets the new time)."""
    moment = tickets.now()
    until = checked(until, moment)
    async with transaction():
        ticket = await tickets.held_ticket(ticket_id, actor)
        refusal = lifecycle.snooze_refusal(ticket.status)
        if refusal == lifecycle.Refusal.CLOSED:
            raise Conflict("the ticket is closed")
        if refusal == lifecycle.Refusal.RESOLVED:
            raise Conflict("the ticket is resolved: it waits for the customer's confirmation")
        ticket.snoozed_until = until
        if await _clock_stops_for(ticket, snoozed=True):
            sla.stop(ticket, moment)
        await ticket.save()
        await tickets.record(ticket, "snoozed", actor, until=until.isoformat())
        await notices.emit(notices.Snoozed(ticket, actor.name, until))
        await notices.emit(notices.CardChanged(ticket))
    return await tickets.get_ticket(ticket_id)


async def unsnooze(ticket_id: int, actor: Actor) -> Ticket:
    """Ends the ticket's snooze now (an agent's Unsnooze)."""
    async with transaction():
        ticket = await tickets.held_ticket(ticket_id, actor)
        if ticket.snoozed_until is None:
            raise Conflict("the ticket is not snoozed")
        await tickets.end_snooze(ticket, tickets.now(), "agent", actor)
    return await tickets.get_ticket(ticket_id)


async def wake_due(moment: datetime) -> int:
    """Tickets whose snooze ends by `moment` come back; each once, fleet-wide (the
    ticket is re-read under its lock: another instance may have woken it)."""
    due = cast(
        list[int],
        await Ticket.filter(snoozed_until__lte=moment)
        .order_by("snoozed_until", "id")
        .limit(BATCH)
        .values_list("id", flat=True),
    )
    woken = 0
    for ticket_id in due:
        async with transaction():
            ticket = await tickets.lock(ticket_id)
            if ticket is None or ticket.snoozed_until is None or ticket.snoozed_until > moment:
                continue
            await tickets.end_snooze(ticket, moment, "due", WAKER)
            woken += 1
    return woken
