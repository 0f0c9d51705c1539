"""Ticket statistics (the site tech-support "reports"): overview and breakdowns.

Counting happens in the database (GROUP BY over tickets and messages). Durations are
the exception: SQLite has no percentile function, so the timestamps of the tickets
that have them come back as flat rows and median / p90 are computed here, with the
same linear interpolation as PostgreSQL's percentile_cont — one code path, identical
results on both backends.

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
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tortoise import BaseDBAsyncClient
from tortoise.expressions import Q, RawSQL
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from bot.db import connection
from bot.services.ticket_queries import compiled
from models import Agent, Category, Department, Message, Priority, Status, Ticket
from models.enums import MessageKind, SlaState, StatusRole, TicketSource

CSAT_VALUES = (1, 2, 3, 4, 5)
DURATION_DIGITS = 3
RATE_DIGITS = 4
AVERAGE_DIGITS = 2


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
    first_response: list[float] = field(default_factory=list)
    resolution: list[float] = field(default_factory=list)
    answers_sent: int = 0
    answers_up: int = 0
    answers_down: int = 0
    # Computed by the database (PostgreSQL's percentile_cont) instead of from the lists.
    quantiles: dict[str, float | None] | None = None

    @property
    def unprocessed(self) -> int:
        return self.count - self.processed

    def _quantile(self, name: str, values: list[float], q: float) -> float | None:
        if self.quantiles is not None:
            value = self.quantiles.get(name)
            return None if value is None else round(float(value), DURATION_DIGITS)
        return percentile(values, q)

    @property
    def first_response_count(self) -> int:
        if self.quantiles is not None:
            return int(self.quantiles.get("frn") or 0)
        return len(self.first_response)

    @property
    def resolution_count(self) -> int:
        if self.quantiles is not None:
            return int(self.quantiles.get("rsn") or 0)
        return len(self.resolution)

    @property
    def first_response_median(self) -> float | None:
        return self._quantile("fr50", self.first_response, 0.5)

    @property
    def first_response_p90(self) -> float | None:
        return self._quantile("fr90", self.first_response, 0.9)

    @property
    def resolution_median(self) -> float | None:
        return self._quantile("rs50", self.resolution, 0.5)

    @property
    def resolution_p90(self) -> float | None:
        return self._quantile("rs90", self.resolution, 0.9)

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


# -- the queries -------------------------------------------------------------------------


async def _processed_status_ids() -> set[int]:
    ids = await Status.filter(Q(is_final=True) | Q(role=StatusRole.RESOLVED)).values_list(
        "id", flat=True
    )
    return set(ids)


_TRACKED = Q(first_response_due__isnull=False) | Q(resolution_due__isnull=False)
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
    tickets = Ticket.filter(flt.ticket_q())
    figures: dict[Any, Figures] = defaultdict(Figures)
    # An alert starts with support's message: its "first response" and "resolution"
    # times measure the customer, not the agents - left out of the durations.
    timed = tickets.filter(
        Q(first_response_at__isnull=False)
        | Q(resolved_at__isnull=False)
        | Q(closed_at__isnull=False)
    ).exclude(source=TicketSource.ALERT)
    postgres = connection().capabilities.dialect == "postgres"
    reads = [
        _counts(tickets, group, figures),
        (_database_quantiles if postgres else _python_quantiles)(timed, group, figures),
    ]
    if answers:
        reads.append(_collect_answers(flt, figures, by_author=group == "assignee_id"))
    # Independent reads: on PostgreSQL each runs on its own pooled connection.
    await asyncio.gather(*reads)
    return figures


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


async def _counts(tickets: Any, group: str | None, figures: dict[Any, Figures]) -> None:
    """One pass over the tickets: how many per group and status, of them tracked by an
    SLA and breached, and per CSAT value."""
    processed = await _processed_status_ids()
    by = list(dict.fromkeys([*([group] if group else []), "status_id"]))
    async with _reading() as conn:
        rows = await tickets.annotate(**_COUNTS).group_by(*by).using_db(conn).values(*by, *_COUNTS)
    for row in rows:
        entry = figures[row[group] if group else None]
        status, n = row["status_id"], row["n"]
        entry.count += n
        entry.by_status[status] = entry.by_status.get(status, 0) + n
        if status in processed:
            entry.processed += n
        entry.sla_tracked += row["tracked"]
        entry.sla_breached += row["breached"]
        for value in CSAT_VALUES:
            if row[f"csat{value}"]:
                entry.csat[value] = entry.csat.get(value, 0) + row[f"csat{value}"]


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
    for values in rows:
        key = values[0] if group else None
        created, first_response, resolved, closed = values[-4:]
        entry = figures[key]
        created = _as_datetime(created)
        if first_response is not None:
            entry.first_response.append(_seconds_between(created, first_response))
        done = resolved or closed
        if done is not None:
            entry.resolution.append(_seconds_between(created, done))
    for entry in figures.values():
        entry.first_response.sort()
        entry.resolution.sort()


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


async def _database_quantiles(timed: Any, group: str | None, figures: dict[Any, Figures]) -> None:
    """Median and p90 computed by PostgreSQL: at a million tickets, fetching every
    duration into Python costs seconds; the same interpolation in SQL costs one scan."""
    query = timed.annotate(**{name: RawSQL(sql) for name, sql in _QUANTILES.items()})
    if group:
        query = query.group_by(group)
    async with _reading() as conn:
        rows = await query.using_db(conn).values(*([group] if group else []), *_QUANTILES)
    for row in rows:
        figures[row[group] if group else None].quantiles = {k: row[k] for k in _QUANTILES}


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
        statuses = await Status.filter(id__in=list(total.by_status)).values(
            "id", "role", "is_final"
        )
        for status in statuses:
            if status["is_final"]:
                continue
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
