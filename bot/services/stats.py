"""Ticket statistics (the site tech-support "reports"): overview and breakdowns.

Where the figures come from: the roll-ups (bot.services.rollups, models.stats), sums
per day and per month kept in step with the tickets in the transactions that change
them. A period is read as whole months from the monthly rows, whole days around them
from the daily rows, and the parts of a day at its ends (a bound that is not
midnight UTC) from the tickets themselves; a report filtered by customer is read
from that customer's tickets. Counts are exact either way.

Median and p90 are exact (linear interpolation between ranks, PostgreSQL's
percentile_cont) when the report counts at most EXACT_LIMIT tickets - read from those
tickets. Past that they come from the monthly log-spaced histograms (and the tickets
of the part of the period that is not whole months, put into the same buckets):
within rollups.ALPHA (2 %) of the exact value, plus 1 ms.

Definitions:
- processed: the ticket's status is final, or has the `resolved` role;
- first response: first_response_at - created_at;
- resolution: (resolved_at, else closed_at) - created_at — a customer may close a
  ticket that was never marked resolved;
- alerts (tickets support started towards a customer) are counted everywhere but in
  the two durations: their first message is support's own, so the times would measure
  the customer;
- SLA breach rate: breached / tickets with a due time (first response or resolution);
- CSAT: the ticket's 1..5 rating; answer ratings: +1 / -1 on agent messages.
"""

from __future__ import annotations

import asyncio
import math
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from tortoise import BaseDBAsyncClient
from tortoise.expressions import Q, RawSQL
from tortoise.functions import Count, Sum
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from bot.db import connection
from bot.services import lifecycle, rollups
from bot.services.errors import Invalid
from bot.services.ticket_queries import compiled
from models import (
    Agent,
    Category,
    Department,
    Message,
    Priority,
    StatsCount,
    StatsHistogram,
    Status,
    Ticket,
)
from models.enums import MessageKind, SlaState, TicketSource

CSAT_VALUES = (1, 2, 3, 4, 5)
DURATION_DIGITS = 3
RATE_DIGITS = 4
AVERAGE_DIGITS = 2
# Up to this many tickets in a report, the percentiles are computed from the tickets
# themselves (a read of at most that many rows); past it, from the histograms.
EXACT_LIMIT = 10_000


@dataclass(frozen=True, slots=True)
class StatsFilter:
    """Which tickets are counted. `departments` is the caller's scope (None: all)."""

    created_from: datetime | None = None  # inclusive
    created_to: datetime | None = None  # exclusive
    agent_id: int | None = None  # the assignee
    customer_id: int | None = None
    department_id: int | None = None
    departments: frozenset[int] | None = None

    def ticket_q(self, prefix: str = "") -> Q:
        conditions: dict[str, Any] = {}
        if self.created_from is not None:
            conditions["created_at__gte"] = self.created_from
        if self.created_to is not None:
            conditions["created_at__lt"] = self.created_to
        if self.agent_id is not None:
            conditions["assignee_id"] = self.agent_id
        if self.customer_id is not None:
            conditions["customer_id"] = self.customer_id
        if self.department_id is not None:
            conditions["department_id"] = self.department_id
        if self.departments is not None:
            conditions["department_id__in"] = sorted(self.departments)
        return Q(**{prefix + key: value for key, value in conditions.items()})

    def rollup_q(self) -> Q:
        """The same filter on roll-up rows (which have no customer)."""
        conditions: dict[str, Any] = {}
        if self.agent_id is not None:
            conditions["assignee_id"] = self.agent_id
        if self.department_id is not None:
            conditions["department_id"] = self.department_id
        if self.departments is not None:
            conditions["department_id__in"] = sorted(self.departments)
        return Q(**conditions)


# -- figures ---------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (PostgreSQL's percentile_cont)."""
    if not values:
        return None
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = math.ceil(position)
    value = ordered[low] + (ordered[high] - ordered[low]) * (position - low)
    return round(value, DURATION_DIGITS)


def histogram_percentile(histogram: dict[int, int], q: float) -> float | None:
    """`percentile` over durations known by their bucket (rollups.bucket): the same
    interpolation between the ranks, each rank read as its bucket's representative."""
    n = sum(histogram.values())
    if not n:
        return None
    position = q * (n - 1)
    low, high = math.floor(position), math.ceil(position)
    ranks: dict[int, float] = {}
    seen = 0
    for index in sorted(histogram):
        seen += histogram[index]
        for rank in (low, high):
            if rank not in ranks and rank < seen:
                ranks[rank] = rollups.representative(index)
        if high in ranks:
            break
    value = ranks[low] + (ranks[high] - ranks[low]) * (position - low)
    return round(value, DURATION_DIGITS)


def _ratio(part: int, whole: int, digits: int) -> float | None:
    return round(part / whole, digits) if whole else None


@dataclass(slots=True)
class Figures:
    """What is counted for one group of tickets."""

    count: int = 0
    processed: int = 0
    by_status: dict[int, int] = field(default_factory=dict)
    sla_tracked: int = 0
    sla_breached: int = 0
    csat: dict[int, int] = field(default_factory=dict)
    first_response_count: int = 0
    first_response_median: float | None = None
    first_response_p90: float | None = None
    resolution_count: int = 0
    resolution_median: float | None = None
    resolution_p90: float | None = None
    answers_sent: int = 0
    answers_up: int = 0
    answers_down: int = 0

    @property
    def unprocessed(self) -> int:
        return self.count - self.processed

    def set_durations(self, first: list[float], resolution: list[float]) -> None:
        self.first_response_count = len(first)
        self.first_response_median = percentile(first, 0.5)
        self.first_response_p90 = percentile(first, 0.9)
        self.resolution_count = len(resolution)
        self.resolution_median = percentile(resolution, 0.5)
        self.resolution_p90 = percentile(resolution, 0.9)

    def set_histograms(self, first: dict[int, int], resolution: dict[int, int]) -> None:
        self.first_response_count = sum(first.values())
        self.first_response_median = histogram_percentile(first, 0.5)
        self.first_response_p90 = histogram_percentile(first, 0.9)
        self.resolution_count = sum(resolution.values())
        self.resolution_median = histogram_percentile(resolution, 0.5)
        self.resolution_p90 = histogram_percentile(resolution, 0.9)

    @property
    def breach_rate(self) -> float | None:
        return _ratio(self.sla_breached, self.sla_tracked, RATE_DIGITS)

    @property
    def csat_count(self) -> int:
        return sum(self.csat.get(v, 0) for v in CSAT_VALUES)

    @property
    def csat_average(self) -> float | None:
        total = sum(v * self.csat.get(v, 0) for v in CSAT_VALUES)
        return _ratio(total, self.csat_count, AVERAGE_DIGITS)

    @property
    def csat_distribution(self) -> dict[str, int]:
        return {str(v): self.csat.get(v, 0) for v in CSAT_VALUES}

    def empty(self) -> bool:
        return not (self.count or self.answers_sent or self.first_response_count)


@dataclass(slots=True)
class Row:
    """One line of a breakdown: the group's key and its figures."""

    id: int | None
    name: str
    figures: Figures


@dataclass(slots=True)
class OpenByRole:
    new: int = 0
    in_progress: int = 0
    waiting: int = 0
    resolved: int = 0
    closed: int = 0
    other: int = 0  # statuses without a lifecycle role


@dataclass(slots=True)
class Overview:
    total: int
    processed: int
    unprocessed: int
    open_by_role: OpenByRole
    figures: Figures


# -- the period ------------------------------------------------------------------------

Span = tuple[datetime | None, datetime | None]  # [from, to), None: unbounded


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


@dataclass(frozen=True, slots=True)
class Split:
    """How a period is read: whole months and whole days from the roll-ups, the rest
    (parts of a day at the ends) from the tickets."""

    months: tuple[date | None, date | None] | None = None
    days: tuple[tuple[date, date], ...] = ()
    raw: tuple[Span, ...] = ()
    # What the monthly histograms do not cover (days and parts of days).
    not_months: tuple[Span, ...] = ()

    def rollup_q(self, column: str = "start", *, months_only: bool = False) -> Q | None:
        """Roll-up rows of the whole months (and days); None: there are none."""
        parts = []
        if self.months is not None:
            since, until = self.months
            month: dict[str, Any] = {} if months_only else {"grain": "m"}
            if since is not None:
                month[f"{column}__gte"] = since
            if until is not None:
                month[f"{column}__lt"] = until
            parts.append(Q(**month))
        if not months_only:
            days: list[dict[str, Any]] = [
                {f"{column}__gte": a, f"{column}__lt": b} for a, b in self.days
            ]
            parts.extend(Q(grain="d", **day) for day in days)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Q(*parts, join_type=Q.OR)


def split(since: datetime | None, until: datetime | None) -> Split | None:
    """The period [since, until) in months, days and parts of days (UTC); None when
    it is empty."""
    since = since.astimezone(UTC) if since is not None else None
    until = until.astimezone(UTC) if until is not None else None
    if since is not None and until is not None and since >= until:
        return None
    first_day = None
    if since is not None:
        first_day = (
            since.date() if since == _midnight(since.date()) else since.date() + timedelta(1)
        )
    end_day = until.date() if until is not None else None  # exclusive
    if first_day is not None and end_day is not None and first_day >= end_day:
        return Split(raw=((since, until),), not_months=((since, until),))
    raw = []
    if since is not None and first_day is not None and since < _midnight(first_day):
        raw.append((since, _midnight(first_day)))
    if until is not None and end_day is not None and _midnight(end_day) < until:
        raw.append((_midnight(end_day), until))
    first_month = None
    if first_day is not None:
        first_month = first_day if first_day.day == 1 else _next_month(first_day)
    end_month = end_day.replace(day=1) if end_day is not None else None
    if first_month is not None and end_month is not None and first_month >= end_month:
        assert first_day is not None and end_day is not None
        return Split(days=((first_day, end_day),), raw=tuple(raw), not_months=((since, until),))
    days = []
    not_months: list[Span] = []
    if first_day is not None and first_month is not None and first_day < first_month:
        days.append((first_day, first_month))
    if since is not None and first_month is not None and since < _midnight(first_month):
        not_months.append((since, _midnight(first_month)))
    if end_month is not None and end_day is not None and end_month < end_day:
        days.append((end_month, end_day))
    if until is not None and end_month is not None and _midnight(end_month) < until:
        not_months.append((_midnight(end_month), until))
    return Split(
        months=(first_month, end_month),
        days=tuple(days),
        raw=tuple(raw),
        not_months=tuple(not_months),
    )


def _within(flt: StatsFilter, span: Span) -> StatsFilter:
    """`flt` narrowed to a part of its period."""
    return replace(flt, created_from=span[0], created_to=span[1])


# -- how a group is keyed --------------------------------------------------------------


def _optional(value: Any) -> int | None:
    return int(value) or None


@dataclass(frozen=True, slots=True)
class Grouping:
    """A breakdown's group on the tickets (`field`) and on the roll-ups: the dimension
    and column of the counts and of the histograms, and how a roll-up key reads."""

    field: str | None
    dim: str
    column: str | None
    histogram_dim: str
    histogram_column: str | None
    read: Callable[[Any], Any] = int


GROUPINGS = {
    g.field: g
    for g in (
        Grouping(None, "b", None, "b", None),
        Grouping("status_id", "b", "status_id", "s", "value"),
        Grouping("category_id", "c", "value", "c", "value", _optional),
        Grouping("department_id", "b", "department_id", "b", "department_id"),
        Grouping("priority_id", "p", "value", "p", "value"),
        Grouping("assignee_id", "b", "assignee_id", "b", "assignee_id", _optional),
        Grouping("customer__support_level", "l", "value", "l", "value", str),
        Grouping("csat", "r", "value", "r", "value", _optional),
    )
}


# -- the queries -------------------------------------------------------------------------


async def _processed_status_ids() -> set[int]:
    done = Q(*(Q(**lookups) for lookups in lifecycle.DONE_STATUSES_ANY), join_type=Q.OR)
    ids = await Status.filter(done).values_list("id", flat=True)
    return set(cast(list[int], ids))


_TRACKED = Q(first_response_due__isnull=False) | Q(resolution_due__isnull=False)
_NOT_ALERT = ~Q(source=TicketSource.ALERT)
# Everything counted per ticket, in one pass over the tickets (per group and status).
_COUNTS = {
    "n": Count("id"),
    "tracked": Count("id", _filter=_TRACKED),
    "breached": Count("id", _filter=_TRACKED & Q(sla_state=SlaState.BREACHED)),
    **{f"csat{v}": Count("id", _filter=Q(csat=v)) for v in CSAT_VALUES},
}


async def _collect(
    flt: StatsFilter, group: str | None, *, answers: bool = False
) -> dict[Any, Figures]:
    """Figures per value of the ticket field `group` (None: one group of everything);
    `answers`: also the agent answers, per author when `group` is the assignee."""
    figures: dict[Any, Figures] = defaultdict(Figures)
    if flt.customer_id is not None:
        # One customer's tickets: fewer than the roll-up rows that would count them.
        await _from_tickets(flt, group, figures, answers=answers)
        return figures
    period = split(flt.created_from, flt.created_to)
    if period is None:
        return figures
    grouping = GROUPINGS[group]
    reads = [_rollup_counts(flt, period, grouping, figures)]
    reads += [_counts(_within(flt, span), group, figures) for span in period.raw]
    if answers:
        by_author = group == "assignee_id"
        reads.append(_rollup_answers(flt, period, figures, by_author=by_author))
        reads += [_collect_answers(_within(flt, s), figures, by_author) for s in period.raw]
    await asyncio.gather(*reads)
    for key in [k for k, entry in figures.items() if entry.empty()]:
        del figures[key]  # (a roll-up row whose tickets all moved elsewhere)
    if sum(entry.count for entry in figures.values()) <= EXACT_LIMIT:
        await _exact_durations(flt, group, figures)
    else:
        await _histogram_durations(flt, period, grouping, figures)
    return figures


async def _from_tickets(
    flt: StatsFilter, group: str | None, figures: dict[Any, Figures], *, answers: bool
) -> None:
    reads = [_counts(flt, group, figures), _exact_durations(flt, group, figures)]
    if answers:
        reads.append(_collect_answers(flt, figures, by_author=group == "assignee_id"))
    # Independent reads: on PostgreSQL each runs on its own pooled connection.
    await asyncio.gather(*reads)


def _timed(flt: StatsFilter) -> QuerySet[Ticket]:
    """The filter's tickets that have a duration to count. An alert starts with
    support's message: its "first response" and "resolution" times measure the
    customer, not the agents - left out of the durations."""
    return (
        Ticket.filter(flt.ticket_q())
        .filter(
            Q(first_response_at__isnull=False)
            | Q(resolved_at__isnull=False)
            | Q(closed_at__isnull=False)
        )
        .exclude(source=TicketSource.ALERT)
    )


async def _exact_durations(
    flt: StatsFilter, group: str | None, figures: dict[Any, Figures]
) -> None:
    timed = _timed(flt)
    postgres = connection().capabilities.dialect == "postgres"
    await (_database_quantiles if postgres else _python_quantiles)(timed, group, figures)


# The sorts behind the percentiles hold a float per timed ticket (and, per group, the
# group's rows): in memory they take a fraction of the time of spilling to disk at the
# default 4 MB. Set for the statement's transaction only.
_SORT_MEMORY = "64MB"


@asynccontextmanager
async def _reading(*, parallel: bool = False) -> AsyncIterator[BaseDBAsyncClient | None]:
    """Where a report's query runs: on PostgreSQL a transaction of its own whose sorts
    stay in memory and whose plans skip JIT compilation (tens of milliseconds spent
    on every statement of this size, repaid only by much longer ones). A report runs
    its queries side by side, so parallel workers would only compete with them for
    the cores, except for the one given `parallel` (the longest)."""
    if connection().capabilities.dialect != "postgres":
        yield None
        return
    settings = {"work_mem": f"'{_SORT_MEMORY}'", "jit": "off"}
    if not parallel:
        settings["max_parallel_workers_per_gather"] = "0"
    async with in_transaction() as conn:
        await conn.execute_script("; ".join(f"SET LOCAL {k} = {v}" for k, v in settings.items()))
        yield conn


def _add_counts(
    entry: Figures, processed: set[int], status: int, n: int, tracked: int, breached: int
) -> None:
    entry.count += n
    entry.by_status[status] = entry.by_status.get(status, 0) + n
    if status in processed:
        entry.processed += n
    entry.sla_tracked += tracked
    entry.sla_breached += breached


async def _counts(flt: StatsFilter, group: str | None, figures: dict[Any, Figures]) -> None:
    """One pass over the tickets: how many per group and status, of them tracked by an
    SLA and breached, and per CSAT value."""
    processed = await _processed_status_ids()
    by = list(dict.fromkeys([*([group] if group else []), "status_id"]))
    async with _reading() as conn:
        rows = (
            await Ticket.filter(flt.ticket_q())
            .annotate(**_COUNTS)
            .group_by(*by)
            .using_db(conn)
            .values(*by, *_COUNTS)
        )
    for row in rows:
        entry = figures[row[group] if group else None]
        _add_counts(entry, processed, row["status_id"], row["n"], row["tracked"], row["breached"])
        for value in CSAT_VALUES:
            if row[f"csat{value}"]:
                entry.csat[value] = entry.csat.get(value, 0) + row[f"csat{value}"]


_ROLLUP_SUMS = (
    "tickets",
    "sla_tracked",
    "sla_breached",
    *(f"csat_{v}" for v in CSAT_VALUES),
)


async def _rollup_counts(
    flt: StatsFilter, period: Split, grouping: Grouping, figures: dict[Any, Figures]
) -> None:
    """The whole months and days of the period from the counts' roll-up rows."""
    rows_q = period.rollup_q()
    if rows_q is None:
        return
    processed = await _processed_status_ids()
    by = list(dict.fromkeys([*([grouping.column] if grouping.column else []), "status_id"]))
    sums = {f"s_{f}": Sum(f) for f in _ROLLUP_SUMS}
    async with _reading() as conn:
        rows = (
            await StatsCount.filter(rows_q, flt.rollup_q(), dim=grouping.dim)
            .annotate(**sums)
            .group_by(*by)
            .using_db(conn)
            .values(*by, *sums)
        )
    for row in rows:
        key = grouping.read(row[grouping.column]) if grouping.column else None
        entry = figures[key]
        n = int(row["s_tickets"] or 0)
        tracked, breached = int(row["s_sla_tracked"] or 0), int(row["s_sla_breached"] or 0)
        _add_counts(entry, processed, row["status_id"], n, tracked, breached)
        for value in CSAT_VALUES:
            count = int(row[f"s_csat_{value}"] or 0)
            if count:
                entry.csat[value] = entry.csat.get(value, 0) + count


def _as_datetime(value: Any) -> datetime:
    """A timestamp as SQLite returns it: the stored ISO text."""
    if not isinstance(value, str):
        return value
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return Ticket._meta.fields_map["created_at"].to_python_value(value)


def _seconds_between(start: Any, end: Any) -> float:
    """end - start, read as the ORM reads them: a naive timestamp is UTC (bot.db sets
    the ORM's timezone to UTC); two naive ones subtract as they are."""
    first, last = _as_datetime(start), _as_datetime(end)
    if (first.tzinfo is None) != (last.tzinfo is None):
        first, last = (v if v.tzinfo else v.replace(tzinfo=UTC) for v in (first, last))
    return (last - first).total_seconds()


async def _python_quantiles(timed: Any, group: str | None, figures: dict[Any, Figures]) -> None:
    """SQLite: the durations of every timed ticket, then the percentiles in Python. The
    timestamps come back as the stored text (the ORM's per-value conversion costs ten
    times the query)."""
    query = timed.values_list(
        *([group] if group else []), "created_at", "first_response_at", "resolved_at", "closed_at"
    )
    [sql], params = compiled([query])
    _, rows = await query._db.execute_query(sql, params)
    durations: dict[Any, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for values in rows:
        key = values[0] if group else None
        created, first_response, resolved, closed = values[-4:]
        first, resolution = durations[key]
        created = _as_datetime(created)
        if first_response is not None:
            first.append(_seconds_between(created, first_response))
        done = resolved or closed
        if done is not None:
            resolution.append(_seconds_between(created, done))
    for key, (first, resolution) in durations.items():
        figures[key].set_durations(first, resolution)


# date_part is float8 arithmetic; EXTRACT returns numeric, and the percentiles over it
# took twice as long at a million tickets. For a duration under a day both give the
# float Python's total_seconds() gives; past a day they may differ in the last bit.
_FIRST = 'date_part(\'epoch\', "ticket"."first_response_at" - "ticket"."created_at")'
_DONE = (
    'date_part(\'epoch\', COALESCE("ticket"."resolved_at", "ticket"."closed_at")'
    ' - "ticket"."created_at")'
)
_QUANTILES = {
    "frn": f"COUNT({_FIRST})",
    "rsn": f"COUNT({_DONE})",
    # Aggregates over the same ORDER BY share one sort.
    "fr50": f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {_FIRST})",
    "fr90": f"percentile_cont(0.9) WITHIN GROUP (ORDER BY {_FIRST})",
    "rs50": f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {_DONE})",
    "rs90": f"percentile_cont(0.9) WITHIN GROUP (ORDER BY {_DONE})",
}


def _rounded(value: Any) -> float | None:
    return None if value is None else round(float(value), DURATION_DIGITS)


async def _database_quantiles(timed: Any, group: str | None, figures: dict[Any, Figures]) -> None:
    """Median and p90 computed by PostgreSQL: at a million tickets, fetching every
    duration into Python costs seconds; the same interpolation in SQL costs one scan."""
    query = timed.annotate(**{name: RawSQL(sql) for name, sql in _QUANTILES.items()})
    if group:
        query = query.group_by(group)
    async with _reading() as conn:
        rows = await query.using_db(conn).values(*([group] if group else []), *_QUANTILES)
    for row in rows:
        entry = figures[row[group] if group else None]
        entry.first_response_count = int(row["frn"] or 0)
        entry.first_response_median = _rounded(row["fr50"])
        entry.first_response_p90 = _rounded(row["fr90"])
        entry.resolution_count = int(row["rsn"] or 0)
        entry.resolution_median = _rounded(row["rs50"])
        entry.resolution_p90 = _rounded(row["rs90"])


async def _histogram_durations(
    flt: StatsFilter, period: Split, grouping: Grouping, figures: dict[Any, Figures]
) -> None:
    """Median and p90 from the monthly histograms, with the tickets of the rest of the
    period (days and parts of days) put into the same buckets."""
    histograms: dict[Any, dict[str, dict[int, int]]] = defaultdict(
        lambda: {m: defaultdict(int) for m in rollups.METRICS}
    )
    reads = [_rollup_histograms(flt, period, grouping, histograms)]
    reads += [
        _ticket_histograms(_within(flt, span), grouping, histograms) for span in period.not_months
    ]
    await asyncio.gather(*reads)
    for key, metrics in histograms.items():
        figures[key].set_histograms(metrics["f"], metrics["r"])


async def _rollup_histograms(
    flt: StatsFilter, period: Split, grouping: Grouping, histograms: dict[Any, Any]
) -> None:
    rows_q = period.rollup_q("month", months_only=True)
    if rows_q is None:
        return
    column = grouping.histogram_column
    by = [*([column] if column else []), "metric", "bucket"]
    query = (
        StatsHistogram.filter(rows_q, flt.rollup_q(), dim=grouping.histogram_dim)
        .annotate(n=Sum("tickets"))
        .group_by(*by)
        .values(*by, "n")
    )
    [sql], params = compiled([query])
    group = f'"{column}" AS "g", ' if column else ""
    # Only the ORM's SQL and names from this module are put together here.
    counted = f'SELECT {group}"metric", "bucket", "n" FROM ({sql}) AS "h"'  # noqa: S608
    await _read_histograms(
        counted, params, query._db, grouping.read, histograms, grouped=bool(column)
    )


_ENDS = {
    "f": '"ticket"."first_response_at"',
    "r": 'COALESCE("ticket"."resolved_at", "ticket"."closed_at")',
}


async def _ticket_histograms(
    flt: StatsFilter, grouping: Grouping, histograms: dict[Any, Any]
) -> None:
    """The durations of the tickets of `flt`, counted per bucket by the database: one
    pass over the tickets, each of their two buckets counted apart."""
    group = grouping.field
    dialect = connection().capabilities.dialect
    created = '"ticket"."created_at"'
    buckets = {
        f"b_{metric}": RawSQL(
            f"CASE WHEN {end} IS NOT NULL "
            f"THEN {rollups.bucket_sql(rollups.seconds_sql(dialect, created, end))} END"
        )
        for metric, end in _ENDS.items()
    }
    tickets = (
        Ticket.filter(flt.ticket_q(), _NOT_ALERT)
        .filter(
            Q(first_response_at__isnull=False)
            | Q(resolved_at__isnull=False)
            | Q(closed_at__isnull=False)
        )
        .annotate(**buckets)
        .values(*([group] if group else []), *buckets)
    )
    [sql], params = compiled([tickets])
    select = f'"{group}" AS "g", ' if group else ""
    by = f'"{group}", ' if group else ""
    # Only the ORM's SQL and names from this module are put together here.
    counted = " UNION ALL ".join(
        f'SELECT {select}\'{m}\' AS "metric", "b_{m}" AS "bucket", COUNT(*) AS "n" '  # noqa: S608
        f'FROM "t" WHERE "b_{m}" IS NOT NULL GROUP BY {by}"b_{m}"'
        for m in _ENDS
    )
    statement = f'WITH "t" AS ({sql}) SELECT * FROM ({counted}) AS "h"'  # noqa: S608
    await _read_histograms(statement, params, tickets._db, None, histograms, grouped=bool(group))


async def _read_histograms(
    counted: str,
    params: list[Any],
    db: BaseDBAsyncClient,
    read: Callable[[Any], Any] | None,
    histograms: dict[Any, Any],
    *,
    grouped: bool,
) -> None:
    """Adds the buckets of `counted` (rows of "g" when `grouped`, "metric", "bucket",
    "n") to `histograms`. The database returns each group's histogram as one string:
    thousands of rows would be thousands of objects for Python's garbage collector
    to go through (a report then took twice as long now and then)."""
    postgres = db.capabilities.dialect == "postgres"
    concat = "string_agg" if postgres else "group_concat"
    group = '"g", ' if grouped else ""
    pairs = """CAST("bucket" AS VARCHAR) || ':' || CAST("n" AS VARCHAR)"""
    # Only names from this module are put together here, around the ORM's SQL.
    statement = (
        f'SELECT {group}"metric", {concat}({pairs}, \',\') AS "buckets" '  # noqa: S608
        f'FROM ({counted}) AS "c" WHERE "n" <> 0 GROUP BY {group}"metric"'
    )
    async with _reading() as conn:
        _, rows = await (conn or db).execute_query(statement, params)
    for row in rows:
        key = (read(row["g"]) if read else row["g"]) if grouped else None
        histogram = histograms[key][row["metric"]]
        for pair in row["buckets"].split(","):
            index, n = pair.split(":")
            histogram[int(index)] += int(n)


async def _rollup_answers(
    flt: StatsFilter, period: Split, figures: dict[Any, Figures], by_author: bool
) -> None:
    rows_q = period.rollup_q()
    if rows_q is None:
        return
    keys = ["value"] if by_author else []
    sums = {"sent": Sum("answers"), "up": Sum("answers_up"), "down": Sum("answers_down")}
    async with _reading() as conn:
        rows = (
            await StatsCount.filter(rows_q, flt.rollup_q(), dim="a")
            .annotate(**sums)
            .group_by(*keys)
            .using_db(conn)
            .values(*keys, *sums)
        )
    for row in rows:
        entry = figures[_optional(row["value"]) if by_author else None]
        entry.answers_sent += int(row["sent"] or 0)
        entry.answers_up += int(row["up"] or 0)
        entry.answers_down += int(row["down"] or 0)


async def _collect_answers(flt: StatsFilter, figures: dict[Any, Figures], by_author: bool) -> None:
    """Agent messages of the counted tickets and their +1 / -1 ratings."""
    keys = ["author_agent_id"] if by_author else []
    answers = Message.filter(flt.ticket_q("ticket__"), kind=MessageKind.AGENT)
    # ticket_id (never null) rather than id: the partial index of agent messages
    # (ticket_id, author_agent_id, rating) answers the count without the table.
    async with _reading(parallel=True) as conn:
        rows = (
            await answers.annotate(n=Count("ticket_id"))
            .group_by(*keys, "rating")
            .using_db(conn)
            .values(*keys, "rating", "n")
        )
    for row in rows:
        entry = figures[row["author_agent_id"] if by_author else None]
        entry.answers_sent += row["n"]
        if row["rating"] == 1:
            entry.answers_up += row["n"]
        elif row["rating"] == -1:
            entry.answers_down += row["n"]


async def overview(flt: StatsFilter) -> Overview:
    figures = await _collect(flt, None, answers=True)
    total = figures[None]
    open_by_role = OpenByRole()
    if total.by_status:
        statuses = await Status.filter(
            id__in=list(total.by_status), **lifecycle.OPEN_STATUSES
        ).values("id", "role")
        for status in statuses:
            role = status["role"] or "other"
            setattr(open_by_role, role, getattr(open_by_role, role) + total.by_status[status["id"]])
    return Overview(
        total=total.count,
        processed=total.processed,
        unprocessed=total.unprocessed,
        open_by_role=open_by_role,
        figures=total,
    )


# -- breakdowns --------------------------------------------------------------------------


def _rows(
    figures: dict[Any, Figures],
    names: dict[Any, tuple[Any, str]],
    null_name: str,
) -> list[Row]:
    """Rows in the order of `names` (sort key, name); the null group last."""
    present = [k for k in figures if k is not None]
    present.sort(key=lambda k: (names[k][0], k) if k in names else ((), k))
    rows = [
        Row(id=k, name=names[k][1] if k in names else f"#{k}", figures=figures[k]) for k in present
    ]
    if None in figures:
        rows.append(Row(id=None, name=null_name, figures=figures[None]))
    return rows


async def _names(model: Any, ids: Iterable[Any], order: tuple[str, ...]) -> dict[Any, tuple]:
    ids = [i for i in ids if i is not None]
    if not ids:
        return {}
    found = await model.filter(id__in=ids).values(*dict.fromkeys(("id", "name", *order)))
    return {r["id"]: (tuple(r[f] for f in order), r["name"]) for r in found}


async def by_status(flt: StatsFilter) -> list[Row]:
    figures = await _collect(flt, "status_id")
    return _rows(figures, await _names(Status, figures, ("order",)), "no status")


async def by_category(flt: StatsFilter) -> list[Row]:
    figures = await _collect(flt, "category_id")
    return _rows(figures, await _names(Category, figures, ("order",)), "uncategorised")


async def by_department(flt: StatsFilter) -> list[Row]:
    figures = await _collect(flt, "department_id")
    return _rows(figures, await _names(Department, figures, ("order",)), "no department")


async def by_priority(flt: StatsFilter) -> list[Row]:
    figures = await _collect(flt, "priority_id")
    return _rows(figures, await _names(Priority, figures, ("level",)), "no priority")


async def by_agent(flt: StatsFilter) -> list[Row]:
    """Per assignee; answers and their ratings per author, so an agent who only
    answered tickets assigned to someone else still has a row."""
    figures = await _collect(flt, "assignee_id", answers=True)
    return _rows(figures, await _names(Agent, figures, ("name",)), "unassigned")


async def by_sla_level(flt: StatsFilter) -> list[Row]:
    """Per customer support level (a free string, so the row id is null)."""
    figures = await _collect(flt, "customer__support_level")
    return [Row(id=None, name=level, figures=figures[level]) for level in sorted(figures)]


async def by_rating(flt: StatsFilter) -> list[Row]:
    """Per CSAT value: every value 1..5 (zero rows included), then the unrated."""
    figures = await _collect(flt, "csat")
    values = sorted(set(CSAT_VALUES) | {k for k in figures if k is not None})
    rows = [Row(id=v, name=str(v), figures=figures.get(v, Figures())) for v in values]
    rows.append(Row(id=None, name="unrated", figures=figures.get(None, Figures())))
    return rows


BREAKDOWNS = {
    "status": by_status,
    "category": by_category,
    "department": by_department,
    "priority": by_priority,
    "sla-level": by_sla_level,
    "rating": by_rating,
}


# -- per day -----------------------------------------------------------------------------


@dataclass(slots=True)
class Day:
    """The figures of the tickets created on one day (UTC), as `overview` counts them,
    and of them how many are in SLA warning now (`sla_warning`)."""

    day: date
    figures: Figures = field(default_factory=Figures)
    sla_warning: int = 0


# Days in one series at most: a dashboard over years asks for months of points, which
# is what the monthly reports are for.
DAILY_LIMIT = 732


class PeriodTooLong(Invalid):
    code = "period_too_long"


def _day_sql(dialect: str) -> str:
    """The ticket's creation day (UTC) as YYYY-MM-DD text: the ORM writes UTC."""
    if dialect == "postgres":
        return "to_char(\"ticket\".\"created_at\" AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
    return 'substr("ticket"."created_at", 1, 10)'


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


async def _ticket_days(flt: StatsFilter, days: dict[date, Day]) -> None:
    """Counts per creation day read from the tickets themselves (parts of a day at the
    ends of the period; a customer's tickets)."""
    processed = await _processed_status_ids()
    day = RawSQL(_day_sql(connection().capabilities.dialect))
    counts = {
        **_COUNTS,
        "warning": Count("id", _filter=_TRACKED & Q(sla_state=SlaState.WARNING)),
    }
    async with _reading() as conn:
        rows = (
            await Ticket.filter(flt.ticket_q())
            .annotate(day=day, **counts)
            .group_by("day", "status_id")
            .using_db(conn)
            .values("day", "status_id", *counts)
        )
        answers = (
            await Message.filter(flt.ticket_q("ticket__"), kind=MessageKind.AGENT)
            .annotate(n=Count("ticket_id"))
            .group_by("ticket_id", "rating")
            .using_db(conn)
            .values("ticket_id", "rating", "n")
        )
        created = dict(
            await Ticket.filter(id__in=sorted({a["ticket_id"] for a in answers}))
            .annotate(day=day)
            .using_db(conn)
            .values_list("id", "day")
        )
    for row in rows:
        entry = days.setdefault(_as_date(row["day"]), Day(_as_date(row["day"])))
        n, tracked, breached = row["n"], row["tracked"], row["breached"]
        _add_counts(entry.figures, processed, row["status_id"], n, tracked, breached)
        entry.sla_warning += row["warning"]
        for value in CSAT_VALUES:
            if row[f"csat{value}"]:
                csat = entry.figures.csat
                csat[value] = csat.get(value, 0) + row[f"csat{value}"]
    for answer in answers:
        when = _as_date(created[answer["ticket_id"]])
        figures = days.setdefault(when, Day(when)).figures
        figures.answers_sent += answer["n"]
        figures.answers_up += answer["n"] if answer["rating"] == 1 else 0
        figures.answers_down += answer["n"] if answer["rating"] == -1 else 0


async def _rollup_days(flt: StatsFilter, first: date | None, end: date | None, days: dict) -> None:
    """Whole days [first, end) from the daily roll-up rows; the tickets in SLA warning
    (a state the roll-ups do not keep) from the tickets of those days."""
    bounds: dict[str, Any] = {}
    if first is not None:
        bounds["start__gte"] = first
    if end is not None:
        bounds["start__lt"] = end
    processed = await _processed_status_ids()
    sums = {f"s_{f}": Sum(f) for f in _ROLLUP_SUMS}
    answer_sums = {"sent": Sum("answers"), "up": Sum("answers_up"), "down": Sum("answers_down")}
    period = replace(
        flt,
        created_from=_midnight(first) if first else None,
        created_to=_midnight(end) if end else None,
    )
    warning_q = period.ticket_q() & _TRACKED & Q(sla_state=SlaState.WARNING)
    day = RawSQL(_day_sql(connection().capabilities.dialect))
    async with _reading() as conn:
        rows = (
            await StatsCount.filter(flt.rollup_q(), dim="b", grain="d", **bounds)
            .annotate(**sums)
            .group_by("start", "status_id")
            .using_db(conn)
            .values("start", "status_id", *sums)
        )
        answers = (
            await StatsCount.filter(flt.rollup_q(), dim="a", grain="d", **bounds)
            .annotate(**answer_sums)
            .group_by("start")
            .using_db(conn)
            .values("start", *answer_sums)
        )
        warnings = (
            await Ticket.filter(warning_q)
            .annotate(day=day, n=Count("id"))
            .group_by("day")
            .using_db(conn)
            .values("day", "n")
        )
    for row in rows:
        when = _as_date(row["start"])
        entry = days.setdefault(when, Day(when))
        n = int(row["s_tickets"] or 0)
        tracked, breached = int(row["s_sla_tracked"] or 0), int(row["s_sla_breached"] or 0)
        if n or tracked or breached:
            _add_counts(entry.figures, processed, row["status_id"], n, tracked, breached)
        for value in CSAT_VALUES:
            count = int(row[f"s_csat_{value}"] or 0)
            if count:
                entry.figures.csat[value] = entry.figures.csat.get(value, 0) + count
    for row in answers:
        when = _as_date(row["start"])
        figures = days.setdefault(when, Day(when)).figures
        figures.answers_sent += int(row["sent"] or 0)
        figures.answers_up += int(row["up"] or 0)
        figures.answers_down += int(row["down"] or 0)
    for row in warnings:
        when = _as_date(row["day"])
        days.setdefault(when, Day(when)).sla_warning += int(row["n"])


async def _day_durations(flt: StatsFilter, days: dict[date, Day]) -> None:
    """Median and p90 per creation day, exact, from the period's timed tickets."""
    timed = _timed(flt)
    figures: dict[Any, Figures] = defaultdict(Figures)
    if connection().capabilities.dialect == "postgres":
        day = RawSQL(_day_sql("postgres"))
        await _database_quantiles(timed.annotate(day=day), "day", figures)
    else:
        query = timed.values_list("created_at", "first_response_at", "resolved_at", "closed_at")
        [sql], params = compiled([query])
        _, rows = await query._db.execute_query(sql, params)
        durations: dict[date, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
        for created, first_response, resolved, closed in rows:
            moment = _as_datetime(created)
            moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            first, resolution = durations[moment.astimezone(UTC).date()]
            if first_response is not None:
                first.append(_seconds_between(moment, first_response))
            if (resolved or closed) is not None:
                resolution.append(_seconds_between(moment, resolved or closed))
        for key, (first, resolution) in durations.items():
            figures[key].set_durations(first, resolution)
    for key, found in figures.items():
        when = _as_date(key)
        entry = days.setdefault(when, Day(when)).figures
        entry.first_response_count = found.first_response_count
        entry.first_response_median = found.first_response_median
        entry.first_response_p90 = found.first_response_p90
        entry.resolution_count = found.resolution_count
        entry.resolution_median = found.resolution_median
        entry.resolution_p90 = found.resolution_p90


async def daily(flt: StatsFilter) -> list[Day]:
    """The overview's figures per creation day (UTC) over the period, every day of it
    present (zeros included), oldest first: tickets per status, SLA tracked, breached
    and in warning, CSAT, agent answers and their ratings, first-response and
    resolution median and p90. The days add up to `overview` of the same filter.

    Counts come from the daily roll-ups for whole days and from the tickets for the
    parts of a day at the ends (or for one customer's tickets); the durations are
    exact, from the tickets, per day. The period must be bounded and at most
    DAILY_LIMIT days."""
    if flt.created_from is None or flt.created_to is None:
        raise Invalid("a daily series needs created_from and created_to")
    period = split(flt.created_from, flt.created_to)
    if period is None:
        return []
    since, until = flt.created_from.astimezone(UTC), flt.created_to.astimezone(UTC)
    last = (until - timedelta(microseconds=1)).date()
    if (last - since.date()).days + 1 > DAILY_LIMIT:
        raise PeriodTooLong(f"a daily series covers at most {DAILY_LIMIT} days")
    days: dict[date, Day] = {}
    if flt.customer_id is not None:
        reads = [_ticket_days(flt, days)]
    else:
        first = since.date() if since == _midnight(since.date()) else since.date() + timedelta(1)
        end = until.date()
        reads = [_ticket_days(_within(flt, span), days) for span in period.raw]
        if first < end:
            reads.append(_rollup_days(flt, first, end, days))
    # One after the other: they add to the same days.
    for read in reads:
        await read
    await _day_durations(flt, days)
    series = []
    current = since.date()
    while current <= last:
        series.append(days.get(current) or Day(current))
        current += timedelta(1)
    return series
