"""Business hours and holidays (issue 16, point 4): a department's working time.

A department with a time zone and a weekly schedule is open during the schedule's
intervals, in its local time, except on its holiday dates; without them it is open
24/7. The SLA counts only working time (`add_working`, `working_between`), and a
customer who writes while the department is closed is told when it opens
(`next_open`).

The schedule maps weekdays ("mon" .. "sun") to intervals "09:00-18:00"; a weekday not
listed (or with no intervals) is closed. An interval ends after it starts on the same
day ("24:00" is the day's end); one across midnight is written as two, e.g. fri
"22:00-24:00" and sat "00:00-02:00". Local times are converted with zoneinfo, so a
day with a DST change counts the hours it really has.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# How far ahead the arithmetic looks for working time (a year of SLA minutes at 40
# hours a week is about four years); a calendar with no working time is 24/7.
HORIZON_DAYS = 366 * 6
_INTERVAL = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


class BadHours(ValueError):
    """A schedule, time zone or holiday that cannot be used; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def parse_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise BadHours("time_zone", f"unknown time zone {name!r} (an IANA name)") from None


def _minutes(hours: str, minutes: str) -> int:
    return int(hours) * 60 + int(minutes)


def parse_interval(text: str) -> tuple[int, int]:
    """ "09:00-18:00" as minutes of the day (540, 1080)."""
    match = _INTERVAL.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise BadHours("schedule", f"{text!r} is not an interval like 09:00-18:00")
    start, end = _minutes(*match.group(1, 2)), _minutes(*match.group(3, 4))
    if int(match[2]) > 59 or int(match[4]) > 59 or start >= 24 * 60 or end > 24 * 60:
        raise BadHours("schedule", f"{text!r} is not a time of day")
    if end <= start:
        raise BadHours(
            "schedule",
            f"{text!r} ends before it starts (across midnight: two intervals, "
            "22:00-24:00 and the next day's 00:00-02:00)",
        )
    return start, end


def parse_schedule(schedule: Mapping[str, Sequence[str]]) -> dict[int, list[tuple[int, int]]]:
    """Weekday number (Monday 0) to sorted intervals; overlaps are refused."""
    days: dict[int, list[tuple[int, int]]] = {}
    for name, intervals in schedule.items():
        if name not in WEEKDAYS:
            raise BadHours("schedule", f"{name!r} is not a weekday (mon, tue, ... sun)")
        parsed = sorted(parse_interval(i) for i in intervals)
        for (_, end), (start, _) in pairwise(parsed):
            if start < end:
                raise BadHours("schedule", f"the intervals of {name} overlap")
        days[WEEKDAYS.index(name)] = parsed
    return days


def parse_holidays(holidays: Sequence[str]) -> frozenset[date]:
    found = set()
    for text in holidays:
        try:
            found.add(date.fromisoformat(text))
        except (TypeError, ValueError):
            raise BadHours("holidays", f"{text!r} is not a date like 2027-01-01") from None
    return frozenset(found)


@dataclass(frozen=True)
class Calendar:
    zone: ZoneInfo
    days: dict[int, list[tuple[int, int]]]
    holidays: frozenset[date]

    def intervals(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        """The working intervals (UTC) from the local day before `moment`'s onwards."""
        day = moment.astimezone(self.zone).date() - timedelta(days=1)
        for _ in range(HORIZON_DAYS):
            if day not in self.holidays:
                for start, end in self.days.get(day.weekday(), ()):
                    opens = self._at(day, start)
                    closes = self._at(day, end)
                    if closes > opens:
                        yield opens, closes
            day += timedelta(days=1)

    def _at(self, day: date, minute: int) -> datetime:
        if minute >= 24 * 60:
            day, minute = day + timedelta(days=1), minute - 24 * 60
        local = datetime.combine(day, time(minute // 60, minute % 60), self.zone)
        return local.astimezone(UTC)


def calendar(
    time_zone: str | None,
    schedule: Mapping[str, Sequence[str]] | None,
    holidays: Sequence[str] | None = None,
) -> Calendar | None:
    """The working calendar, or None (24/7) without a time zone or working time."""
    if not time_zone or not schedule:
        return None
    days = parse_schedule(schedule)
    if not any(days.values()):
        return None
    return Calendar(parse_zone(time_zone), days, parse_holidays(holidays or ()))


def of_department(department: object | None) -> Calendar | None:
    """A department's calendar. Its settings were validated when saved; ones written
    around the API that cannot be read count as 24/7 (logged), so that the SLA
    timers never stop over them."""
    if department is None:
        return None
    try:
        return calendar(
            getattr(department, "time_zone", None),
            getattr(department, "schedule", None),
            getattr(department, "holidays", None),
        )
    except BadHours as bad:
        log.warning("department %s: business hours ignored: %s", department, bad.message)
        return None


def add_working(cal: Calendar | None, start: datetime, amount: timedelta) -> datetime:
    """The moment `amount` of working time after `start`."""
    if cal is None or amount <= timedelta(0):
        return start + amount
    left = amount
    for opens, closes in cal.intervals(start):
        opens = max(opens, start)
        if closes <= opens:
            continue
        if left <= closes - opens:
            return opens + left
        left -= closes - opens
    return start + amount  # no working time within the horizon: counted as 24/7


def working_between(cal: Calendar | None, start: datetime, end: datetime) -> timedelta:
    """Working time from `start` to `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_between(cal, end, start)
    if cal is None:
        return end - start
    total = timedelta(0)
    for opens, closes in cal.intervals(start):
        if opens >= end:
            break
        total += max(min(closes, end) - max(opens, start), timedelta(0))
    return total


def next_open(cal: Calendar | None, moment: datetime) -> datetime | None:
    """When the department opens next; None while it is open (or always open)."""
    if cal is None:
        return None
    for opens, closes in cal.intervals(moment):
        if closes <= moment:
            continue
        return None if opens <= moment else opens
    return None
