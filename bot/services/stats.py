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
- SLA breach rate: breached / tickets with a due time (first response or resolution);
- CSAT: the ticket's 1..5 rating; answer ratings: +1 / -1 on agent messages.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise.expressions import Q, RawSQL
from tortoise.functions import Count

from bot.db import connection
from bot.services.tokens import Principal
from models import Agent, Category, Department, Message, Priority, Status, Ticket
from models.enums import MessageKind, SlaState, StatusRole, TokenRole

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


async def department_scope(principal: Principal) -> frozenset[int] | None:
    """The departments an agent-role token sees; None for admin and readonly tokens.

    An agent token without an agent (or whose agent has no departments) sees nothing.
    """
    if principal.role != TokenRole.AGENT:
        return None
    if principal.agent_id is None:
        return frozenset()
    ids = await Department.filter(agents__id=principal.agent_id).values_list("id", flat=True)
    return frozenset(ids)


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


def _seconds(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds()


async def _collect(flt: StatsFilter, group: str | None) -> dict[Any, Figures]:
    """Figures per value of the ticket field `group` (None: one group of everything)."""
    tickets = Ticket.filter(flt.ticket_q())
    keys = [group] if group else []
    figures: dict[Any, Figures] = defaultdict(Figures)

    def key_of(row: dict[str, Any]) -> Any:
        return row[group] if group else None

    processed = await _processed_status_ids()
    by_status = list(dict.fromkeys([*keys, "status_id"]))
    for row in await tickets.annotate(n=Count("id")).group_by(*by_status).values(*by_status, "n"):
        entry = figures[key_of(row)]
        entry.count += row["n"]
        entry.by_status[row["status_id"]] = entry.by_status.get(row["status_id"], 0) + row["n"]
        if row["status_id"] in processed:
            entry.processed += row["n"]

    tracked = tickets.filter(Q(first_response_due__isnull=False) | Q(resolution_due__isnull=False))
    for row in (
        await tracked.annotate(n=Count("id"))
        .group_by(*keys, "sla_state")
        .values(*keys, "sla_state", "n")
    ):
        entry = figures[key_of(row)]
        entry.sla_tracked += row["n"]
        if row["sla_state"] == SlaState.BREACHED:
            entry.sla_breached += row["n"]

    by_csat = list(dict.fromkeys([*keys, "csat"]))
    for row in (
        await tickets.filter(csat__isnull=False)
        .annotate(n=Count("id"))
        .group_by(*by_csat)
        .values(*by_csat, "n")
    ):
        csat = figures[key_of(row)].csat
        csat[row["csat"]] = csat.get(row["csat"], 0) + row["n"]

    timed = tickets.filter(
        Q(first_response_at__isnull=False)
        | Q(resolved_at__isnull=False)
        | Q(closed_at__isnull=False)
    )
    if connection().capabilities.dialect == "postgres":
        await _database_quantiles(timed, group, figures)
        return figures
    for values in await timed.values_list(
        *keys, "created_at", "first_response_at", "resolved_at", "closed_at"
    ):
        key = values[0] if group else None
        created, first_response, resolved, closed = values[-4:]
        entry = figures[key]
        if first_response is not None:
            entry.first_response.append(_seconds(created, first_response))
        done = resolved or closed
        if done is not None:
            entry.resolution.append(_seconds(created, done))
    return figures


_FIRST = 'EXTRACT(EPOCH FROM ("ticket"."first_response_at" - "ticket"."created_at"))'
_DONE = (
    'EXTRACT(EPOCH FROM (COALESCE("ticket"."resolved_at", "ticket"."closed_at")'
    ' - "ticket"."created_at"))'
)
_QUANTILES = {
    "frn": f"COUNT({_FIRST})",
    "rsn": f"COUNT({_DONE})",
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
    for row in await query.values(*([group] if group else []), *_QUANTILES):
        figures[row[group] if group else None].quantiles = {k: row[k] for k in _QUANTILES}


async def _collect_answers(flt: StatsFilter, figures: dict[Any, Figures], by_author: bool) -> None:
    """Agent messages of the counted tickets and their +1 / -1 ratings."""
    keys = ["author_agent_id"] if by_author else []
    answers = Message.filter(flt.ticket_q("ticket__"), kind=MessageKind.AGENT)
    for row in (
        await answers.annotate(n=Count("id")).group_by(*keys, "rating").values(*keys, "rating", "n")
    ):
        entry = figures[row["author_agent_id"] if by_author else None]
        entry.answers_sent += row["n"]
        if row["rating"] == 1:
            entry.answers_up += row["n"]
        elif row["rating"] == -1:
            entry.answers_down += row["n"]


async def overview(flt: StatsFilter) -> Overview:
    figures = await _collect(flt, None)
    await _collect_answers(flt, figures, by_author=False)
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
    figures = await _collect(flt, "assignee_id")
    await _collect_answers(flt, figures, by_author=True)
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
