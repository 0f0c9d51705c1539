"""Working-time arithmetic of business hours (bot.services.hours), as tables: weekends,
holidays, several intervals a day, a night shift written across midnight as two
intervals, and the DST changes of Europe/Berlin (2027-03-28 has 23 hours, 2027-10-31
has 25)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.services import hours

BERLIN = ZoneInfo("Europe/Berlin")
OFFICE = {d: ["09:00-18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}
SPLIT = {d: ["09:00-13:00", "14:00-18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}
ALWAYS = {d: ["00:00-24:00"] for d in hours.WEEKDAYS}
# Friday and Saturday nights 22:00-02:00.
NIGHTS = {"fri": ["22:00-24:00"], "sat": ["00:00-02:00", "22:00-24:00"], "sun": ["00:00-02:00"]}


def local(text: str) -> datetime:
    """A Berlin wall time "2027-01-04 10:00" as an aware UTC moment."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN).astimezone(UTC)


def cal(schedule: dict, holidays: tuple[str, ...] = ()) -> hours.Calendar:
    made = hours.calendar("Europe/Berlin", schedule, list(holidays))
    assert made is not None
    return made


# 2027-01-04 is a Monday; 2027-01-08 a Friday.
ADD = [
    # schedule, holidays, start (Berlin), working time, due (Berlin)
    (OFFICE, (), "2027-01-04 10:00", timedelta(hours=2), "2027-01-04 12:00"),
    (OFFICE, (), "2027-01-04 17:00", timedelta(hours=2), "2027-01-05 10:00"),
    (OFFICE, (), "2027-01-04 07:00", timedelta(hours=1), "2027-01-04 10:00"),  # before opening
    (OFFICE, (), "2027-01-08 17:00", timedelta(hours=2), "2027-01-11 10:00"),  # the weekend
    (OFFICE, (), "2027-01-09 12:00", timedelta(minutes=30), "2027-01-11 09:30"),  # Saturday
    (OFFICE, (), "2027-01-04 09:00", timedelta(hours=45), "2027-01-08 18:00"),  # a whole week
    (OFFICE, ("2027-01-05",), "2027-01-04 17:00", timedelta(hours=2), "2027-01-06 10:00"),
    (
        OFFICE,
        ("2027-01-08", "2027-01-11"),
        "2027-01-07 17:30",
        timedelta(hours=1),
        "2027-01-12 09:30",
    ),
    (SPLIT, (), "2027-01-04 12:30", timedelta(hours=1), "2027-01-04 14:30"),  # lunch
    (SPLIT, (), "2027-01-04 13:20", timedelta(minutes=10), "2027-01-04 14:10"),
    (NIGHTS, (), "2027-01-08 23:00", timedelta(hours=2), "2027-01-09 01:00"),  # across midnight
    (NIGHTS, (), "2027-01-09 01:30", timedelta(hours=1), "2027-01-09 22:30"),
    (NIGHTS, (), "2027-01-10 01:00", timedelta(hours=2), "2027-01-15 23:00"),  # next week
    # DST: the night to Sunday 2027-03-28 loses an hour, to 2027-10-31 gains one.
    (ALWAYS, (), "2027-03-27 12:00", timedelta(hours=24), "2027-03-28 13:00"),
    (ALWAYS, (), "2027-10-30 12:00", timedelta(hours=24), "2027-10-31 11:00"),
    (OFFICE, (), "2027-03-26 17:00", timedelta(hours=2), "2027-03-29 10:00"),  # unchanged
]


@pytest.mark.parametrize(("schedule", "holidays", "start", "amount", "due"), ADD)
def test_add_working(schedule, holidays, start, amount, due):
    calendar = cal(schedule, holidays)
    assert hours.add_working(calendar, local(start), amount) == local(due)
    # ... and the working time between them is the amount (the way back).
    assert hours.working_between(calendar, local(start), local(due)) == amount


BETWEEN = [
    (OFFICE, (), "2027-01-08 12:00", "2027-01-11 12:00", timedelta(hours=9)),
    (OFFICE, ("2027-01-11",), "2027-01-08 12:00", "2027-01-12 12:00", timedelta(hours=9)),
    (OFFICE, (), "2027-01-09 08:00", "2027-01-10 20:00", timedelta(0)),
    (ALWAYS, (), "2027-03-28 00:00", "2027-03-29 00:00", timedelta(hours=23)),
    (ALWAYS, (), "2027-10-31 00:00", "2027-11-01 00:00", timedelta(hours=25)),
    ({"sun": ["01:00-04:00"]}, (), "2027-03-28 00:00", "2027-03-29 00:00", timedelta(hours=2)),
    (OFFICE, (), "2027-01-11 12:00", "2027-01-08 12:00", -timedelta(hours=9)),
]


@pytest.mark.parametrize(("schedule", "holidays", "start", "end", "worked"), BETWEEN)
def test_working_between(schedule, holidays, start, end, worked):
    assert hours.working_between(cal(schedule, holidays), local(start), local(end)) == worked


NEXT_OPEN = [
    (OFFICE, (), "2027-01-04 10:00", None),  # open now
    (OFFICE, (), "2027-01-04 18:00", "2027-01-05 09:00"),  # closes at 18:00 sharp
    (OFFICE, (), "2027-01-08 19:00", "2027-01-11 09:00"),
    (OFFICE, ("2027-01-11", "2027-01-12"), "2027-01-08 19:00", "2027-01-13 09:00"),
    (SPLIT, (), "2027-01-04 13:30", "2027-01-04 14:00"),
    (NIGHTS, (), "2027-01-08 23:59", None),
    (NIGHTS, (), "2027-01-09 00:00", None),  # the interval goes on after midnight
    (NIGHTS, (), "2027-01-09 02:00", "2027-01-09 22:00"),
]


@pytest.mark.parametrize(("schedule", "holidays", "moment", "opens"), NEXT_OPEN)
def test_next_open(schedule, holidays, moment, opens):
    found = hours.next_open(cal(schedule, holidays), local(moment))
    assert found == (local(opens) if opens else None)


def test_without_hours_every_minute_counts():
    start = datetime(2027, 1, 9, 12, tzinfo=UTC)
    assert hours.calendar(None, OFFICE) is None
    assert hours.calendar("Europe/Berlin", {}) is None
    assert hours.calendar("Europe/Berlin", {"mon": []}) is None
    assert hours.add_working(None, start, timedelta(hours=5)) == start + timedelta(hours=5)
    assert hours.working_between(None, start, start + timedelta(days=2)) == timedelta(days=2)
    assert hours.next_open(None, start) is None


BAD = [
    ({"time_zone": "Mars/Olympus", "schedule": OFFICE}, "time_zone"),
    ({"time_zone": "Europe/Berlin", "schedule": {"monday": ["09:00-18:00"]}}, "schedule"),
    ({"time_zone": "Europe/Berlin", "schedule": {"mon": ["18:00-09:00"]}}, "schedule"),
    ({"time_zone": "Europe/Berlin", "schedule": {"mon": ["09:00-09:00"]}}, "schedule"),
    ({"time_zone": "Europe/Berlin", "schedule": {"mon": ["9-18"]}}, "schedule"),
    ({"time_zone": "Europe/Berlin", "schedule": {"mon": ["09:00-24:30"]}}, "schedule"),
    ({"time_zone": "Europe/Berlin", "schedule": {"mon": ["09:60-12:00"]}}, "schedule"),
    (
        {"time_zone": "Europe/Berlin", "schedule": {"mon": ["09:00-13:00", "12:00-18:00"]}},
        "schedule",
    ),
    ({"time_zone": "Europe/Berlin", "schedule": OFFICE, "holidays": ["2027-02-30"]}, "holidays"),
    ({"time_zone": "Europe/Berlin", "schedule": OFFICE, "holidays": ["tomorrow"]}, "holidays"),
]


@pytest.mark.parametrize(("given", "field"), BAD)
def test_bad_settings_are_refused_by_name(given, field):
    with pytest.raises(hours.BadHours) as refused:
        hours.calendar(given["time_zone"], given["schedule"], given.get("holidays"))
    assert refused.value.field == field


RESUME = [
    # paused (Berlin), resumed, due before, due after: only the working time stood moves it
    ("2027-01-08 17:30", "2027-01-11 09:00", "2027-01-08 17:45", "2027-01-11 09:15"),
    ("2027-01-08 17:30", "2027-01-11 10:00", "2027-01-08 17:45", "2027-01-11 10:15"),
    ("2027-01-09 10:00", "2027-01-10 20:00", "2027-01-11 10:00", "2027-01-11 10:00"),
    ("2027-01-11 10:00", "2027-01-11 12:00", "2027-01-11 17:00", "2027-01-12 10:00"),
]


@pytest.mark.parametrize(("paused", "resumed", "due", "moved"), RESUME)
def test_a_stopped_clock_moves_due_times_by_the_working_time_it_stood(paused, resumed, due, moved):
    from bot.services import sla
    from models import Ticket

    ticket = Ticket(
        sla_paused_at=local(paused),
        sla_paused_seconds=0,
        first_response_at=None,
        first_response_due=local(due),
        resolution_due=local(due),
    )
    sla.resume(ticket, local(resumed), cal(OFFICE))
    assert ticket.first_response_due == ticket.resolution_due == local(moved)
    assert ticket.sla_paused_at is None
    assert ticket.sla_paused_seconds == (local(resumed) - local(paused)).total_seconds()


def test_unreadable_stored_hours_count_as_around_the_clock(caplog):
    class Stored:  # written around the API
        time_zone = "Mars/Olympus"
        schedule = OFFICE
        holidays = None

    assert hours.of_department(Stored()) is None
    assert "business hours ignored" in caplog.text
