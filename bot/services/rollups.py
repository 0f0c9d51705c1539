"""Statistics roll-ups: what each ticket counts in the reports, summed per day and per
month (models.stats), kept in step in the transaction of every change that moves a
figure, so bot.services.stats reads thousands of rows instead of every ticket.

A ticket counts in one row per dimension and grain (StatsCount): its department,
assignee, status and creation day, and the dimension's value (category, priority,
the customer's support level, CSAT). Its durations - first response and resolution,
alerts left out - count in a log-spaced bucket of a monthly histogram
(StatsHistogram), per dimension too ("s": per status). Agent answers count per
author under the ticket's key (dimension "a").

A service that changes a ticket takes a snapshot when it has locked the row
(`track`), changes it, and `apply`s: the difference between what the ticket counted
before and what it counts now is added to the rows, in one statement per table,
written last in the transaction (rows in key order, so two transactions never wait
for each other's rows crosswise). `bot.services.stats` documents what is read.

Buckets: bucket k > 0 holds durations in (FLOOR * GAMMA**(k-1), FLOOR * GAMMA**k]
seconds and stands for 2 * FLOOR * GAMMA**k / (1 + GAMMA): within ALPHA (2 %) of any
duration in it. Bucket 0 holds |d| <= FLOOR (1 ms), negative buckets the mirror
image (a clock set back). A percentile read from the buckets is within ALPHA of the
exact one, plus 1 ms.
"""

from __future__ import annotations

import importlib.util
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from tortoise.functions import Count
from tortoise.transactions import in_transaction

from bot.db import MIGRATIONS_DIR, connection
from models import Message, Ticket
from models.enums import MessageKind, SlaState, TicketSource

ALPHA = 0.02
GAMMA = (1 + ALPHA) / (1 - ALPHA)
LN_GAMMA = math.log(GAMMA)
FLOOR = 0.001  # seconds

COUNT_KEY = ("dim", "grain", "start", "department_id", "assignee_id", "status_id", "value")
COUNT_FIELDS = (
    "tickets",
    "sla_tracked",
    "sla_breached",
    "csat_1",
    "csat_2",
    "csat_3",
    "csat_4",
    "csat_5",
    "answers",
    "answers_up",
    "answers_down",
)
HISTOGRAM_KEY = ("dim", "month", "department_id", "assignee_id", "value", "metric", "bucket")
HISTOGRAM_FIELDS = ("tickets",)

_ANSWERS = COUNT_FIELDS.index("answers")
# Dimensions of the counts and of the histograms (the histograms' rows have no status
# in their key: per-status durations are a dimension of their own).
COUNT_DIMS = ("b", "c", "p", "l", "r")
HISTOGRAM_DIMS = ("b", "s", "c", "p", "l", "r")
METRICS = ("f", "r")  # first response, resolution
# The migration whose BACKFILL counts the roll-ups from the tickets (rebuild()).
BACKFILL_MIGRATION = 9


def bucket(seconds: float) -> int:
    """The histogram bucket of a duration. The same arithmetic as `bucket_sql`, so a
    bucket counted here and one counted by SQL (the backfill) agree."""
    if seconds > FLOOR:
        return math.ceil(math.log(seconds / FLOOR) / LN_GAMMA)
    if seconds < -FLOOR:
        return -math.ceil(math.log(-seconds / FLOOR) / LN_GAMMA)
    return 0


def representative(index: int) -> float:
    """The duration bucket `index` stands for: within ALPHA of every duration in it."""
    if index == 0:
        return 0.0
    value = 2 * FLOOR * GAMMA ** abs(index) / (1 + GAMMA)
    return value if index > 0 else -value


def bucket_sql(seconds: str) -> str:
    """`bucket` in SQL (PostgreSQL, and SQLite's math functions) over an expression."""
    ln_gamma = repr(LN_GAMMA)
    return (
        f"(CASE WHEN {seconds} > {FLOOR!r} "
        f"THEN CAST(ceil(ln({seconds} / {FLOOR!r}) / {ln_gamma}) AS INTEGER) "
        f"WHEN {seconds} < -{FLOOR!r} "
        f"THEN -CAST(ceil(ln(-({seconds}) / {FLOOR!r}) / {ln_gamma}) AS INTEGER) "
        "ELSE 0 END)"
    )


def seconds_sql(dialect: str, start: str, end: str) -> str:
    """end - start in seconds, as Python's timedelta.total_seconds() gives it for the
    timestamps the ORM reads: one rounding of the exact microseconds (on SQLite, from
    the stored text: whole seconds and the six digits of the fraction)."""
    if dialect == "postgres":
        return f"CAST(EXTRACT(EPOCH FROM ({end}) - ({start})) AS DOUBLE PRECISION)"

    def whole(x: str) -> str:
        return f"CAST(strftime('%s', {x}) AS INTEGER)"

    def micro(x: str) -> str:
        fraction = f"CAST(substr({x}, 21, 6) AS INTEGER)"
        return f"(CASE WHEN substr({x}, 20, 1) = '.' THEN {fraction} ELSE 0 END)"

    return (
        f"((({whole(end)} - {whole(start)}) * 1000000"
        f" + ({micro(end)} - {micro(start)})) / 1000000.0)"
    )


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _seconds(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else (_utc(end) - _utc(start)).total_seconds()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What one ticket counts: its keys and figures as the reports define them."""

    day: date
    department: int
    assignee: int  # 0: unassigned
    status: int
    category: int  # 0: uncategorised
    priority: int
    level: str
    csat: int  # 0: unrated
    tracked: bool
    breached: bool
    first_response: float | None  # seconds; None for alerts
    resolution: float | None
    answers: int

    @classmethod
    def of(cls, ticket: Ticket, level: str | None = None) -> Snapshot:
        """`ticket` with its customer loaded (the support level is theirs), unless
        `level` is given."""
        created = _utc(ticket.created_at)
        alert = ticket.source == TicketSource.ALERT
        tracked = ticket.first_response_due is not None or ticket.resolution_due is not None
        return cls(
            day=created.astimezone(UTC).date(),
            department=ticket.department_id,
            assignee=ticket.assignee_id or 0,
            status=ticket.status_id,
            category=ticket.category_id or 0,
            priority=ticket.priority_id,
            level=ticket.customer.support_level if level is None else level,
            csat=ticket.csat or 0,
            tracked=tracked,
            breached=tracked and ticket.sla_state == SlaState.BREACHED,
            first_response=None if alert else _seconds(created, ticket.first_response_at),
            resolution=None if alert else _seconds(created, ticket.resolved_at or ticket.closed_at),
            answers=ticket.answers,
        )

    def periods(self) -> tuple[tuple[str, date], tuple[str, date]]:
        return (("d", self.day), ("m", self.day.replace(day=1)))

    def values(self, dims: Sequence[str]) -> Iterator[tuple[str, str]]:
        value = {
            "b": "",
            "s": str(self.status),
            "c": str(self.category),
            "p": str(self.priority),
            "l": self.level,
            "r": str(self.csat),
        }
        for dim in dims:
            yield dim, value[dim]


def _ticket_vector(s: Snapshot) -> tuple[int, ...]:
    csat = [int(s.csat == v) for v in (1, 2, 3, 4, 5)]
    return (1, int(s.tracked), int(s.breached), *csat, 0, 0, 0)


def count_rows(s: Snapshot) -> Iterator[tuple[tuple[Any, ...], tuple[int, ...]]]:
    """The StatsCount rows a ticket counts in (key, figures)."""
    vector = _ticket_vector(s)
    for grain, start in s.periods():
        for dim, value in s.values(COUNT_DIMS):
            yield (dim, grain, start, s.department, s.assignee, s.status, value), vector


def histogram_rows(s: Snapshot) -> Iterator[tuple[Any, ...]]:
    """The StatsHistogram rows a ticket counts one in (key)."""
    month = s.day.replace(day=1)
    durations = [(m, v) for m, v in zip(METRICS, (s.first_response, s.resolution), strict=True)]
    for dim, value in s.values(HISTOGRAM_DIMS):
        for metric, seconds in durations:
            if seconds is not None:
                yield (dim, month, s.department, s.assignee, value, metric, bucket(seconds))


def answer_rows(
    s: Snapshot, author: int | None, rating: int | None
) -> Iterator[tuple[tuple[Any, ...], tuple[int, ...]]]:
    """The StatsCount rows (dimension "a") one agent answer on the ticket counts in."""
    vector = [0] * len(COUNT_FIELDS)
    vector[_ANSWERS] = 1
    vector[_ANSWERS + 1] = int(rating == 1)
    vector[_ANSWERS + 2] = int(rating == -1)
    for grain, start in s.periods():
        yield ("a", grain, start, s.department, s.assignee, 0, str(author or 0)), tuple(vector)


class Tally:
    """Differences to add to the roll-ups, merged per row."""

    def __init__(self) -> None:
        self.counts: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0] * len(COUNT_FIELDS))
        self.histogram: dict[tuple[Any, ...], int] = defaultdict(int)

    def _add(self, rows: Iterable[tuple[tuple[Any, ...], tuple[int, ...]]], sign: int) -> None:
        for key, vector in rows:
            entry = self.counts[key]
            for i, v in enumerate(vector):
                entry[i] += sign * v

    def ticket(self, s: Snapshot, sign: int) -> None:
        self._add(count_rows(s), sign)
        for key in histogram_rows(s):
            self.histogram[key] += sign

    def answers(self, s: Snapshot, author: int | None, rating: int | None, n: int) -> None:
        self._add(answer_rows(s, author, rating), n)

    async def write(self) -> None:
        counts = sorted((k, v) for k, v in self.counts.items() if any(v))
        histogram = sorted((k, (n,)) for k, n in self.histogram.items() if n)
        self.counts.clear()
        self.histogram.clear()
        db = connection()
        for table, key, fields, rows in (
            ("stats_count", COUNT_KEY, COUNT_FIELDS, counts),
            ("stats_histogram", HISTOGRAM_KEY, HISTOGRAM_FIELDS, histogram),
        ):
            if rows:
                sql, params = _upsert(db.capabilities.dialect, table, key, fields, rows)
                await db.execute_query(sql, params)


def _upsert(
    dialect: str,
    table: str,
    key: Sequence[str],
    fields: Sequence[str],
    rows: Sequence[tuple[tuple[Any, ...], Sequence[int]]],
) -> tuple[str, list[Any]]:
    """One INSERT ... ON CONFLICT DO UPDATE adding `rows` (key, figures) to `table`."""
    postgres = dialect == "postgres"
    width = len(key) + len(fields)
    params: list[Any] = []
    groups = []
    for n, (k, figures) in enumerate(rows):
        if postgres:
            groups.append("(" + ", ".join(f"${n * width + i + 1}" for i in range(width)) + ")")
            params.extend(k)
        else:
            groups.append("(" + ", ".join("?" * width) + ")")
            # SQLite's date columns hold ISO text.
            params.extend(v.isoformat() if isinstance(v, date) else v for v in k)
        params.extend(figures)
    columns = ", ".join(f'"{c}"' for c in (*key, *fields))
    conflict = ", ".join(f'"{c}"' for c in key)
    sums = ", ".join(f'"{f}" = "{table}"."{f}" + EXCLUDED."{f}"' for f in fields)
    # Only names from this module are put together here; the values are parameters.
    sql = (
        f'INSERT INTO "{table}" ({columns}) VALUES {", ".join(groups)} '  # noqa: S608
        f"ON CONFLICT ({conflict}) DO UPDATE SET {sums}"
    )
    return sql, params


class Change:
    """One ticket's change within a service's transaction: `track` it once the row is
    locked, change it, then `apply` (again after further changes, if any)."""

    def __init__(self, before: Snapshot | None, ticket_id: int | None) -> None:
        self.before = before
        self.ticket_id = ticket_id
        # New answers and changed ratings, counted where the ticket was counted: a move
        # of the ticket then moves them with the rest.
        self._answers: list[tuple[int | None, int | None, int]] = []

    def answered(self, author: int | None) -> None:
        """A new agent answer on the ticket."""
        self._answers.append((author, None, 1))

    def answers_moved(self, author: int | None, rating: int | None, n: int) -> None:
        """`n` answers of `author` rated `rating` came to the ticket (negative: left it),
        as when tickets are merged."""
        self._answers.append((author, rating, n))

    def rerated(self, author: int | None, old: int | None, new: int | None) -> None:
        """The customer rated (or re-rated) an agent answer."""
        self._answers.append((author, old, -1))
        self._answers.append((author, new, 1))

    async def apply(self, ticket: Ticket) -> None:
        """Adds the difference between what the ticket counted and what it counts now;
        `ticket` as saved, with its customer loaded."""
        after = Snapshot.of(ticket)
        before = self.before
        tally = Tally()
        if before is not None:
            tally.ticket(before, -1)
        tally.ticket(after, 1)
        for author, rating, n in self._answers:
            tally.answers(before or after, author, rating, n)
        moved = before is not None and (before.department, before.assignee) != (
            after.department,
            after.assignee,
        )
        if moved and after.answers:
            assert before is not None
            for row in await answers_of(ticket.id):
                author, rating, n = row["author_agent_id"], row["rating"], row["n"]
                tally.answers(before, author, rating, -n)
                tally.answers(after, author, rating, n)
        await tally.write()
        self.before = after
        self.ticket_id = ticket.id
        self._answers.clear()


async def answers_of(ticket_id: int) -> list[dict[str, Any]]:
    return (
        await Message.filter(ticket_id=ticket_id, kind=MessageKind.AGENT)
        .annotate(n=Count("id"))
        .group_by("author_agent_id", "rating")
        .values("author_agent_id", "rating", "n")
    )


def backfill_sql(dialect: str) -> str:
    """The backfill of the migration that made the roll-ups: it empties them and counts
    every ticket and message again (one source for that SQL, frozen with the schema
    it was written for)."""
    folder = MIGRATIONS_DIR / dialect / "models"
    [path] = folder.glob(f"{BACKFILL_MIGRATION}_*.py")
    spec = importlib.util.spec_from_file_location(f"_backfill_{dialect}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.BACKFILL)


async def rebuild() -> None:
    """Counts the roll-ups anew from the tickets and messages, in one transaction: for
    rows written behind the services' back (a bulk load; a test's fixture)."""
    async with in_transaction() as db:
        # Statement by statement: SQLite's executescript would commit the transaction
        # first and run the script outside it.
        for statement in backfill_sql(db.capabilities.dialect).split(";\n"):
            if statement.strip():
                await db.execute_query(statement)


def track(ticket: Ticket) -> Change:
    """What `ticket` (locked, with its customer loaded) counts before a change."""
    return Change(Snapshot.of(ticket), ticket.id)


def new() -> Change:
    """A ticket about to be created: it counted nothing before."""
    return Change(None, None)


async def relevelled(customer_id: int, old: str, new: str) -> None:
    """The customer's support level changed from `old` to `new` (their row locked):
    each of their tickets, locked, counts under the new one."""
    tally = Tally()
    for ticket in await Ticket.filter(customer_id=customer_id).order_by("id").select_for_update():
        tally.ticket(Snapshot.of(ticket, old), -1)
        tally.ticket(Snapshot.of(ticket, new), 1)
    await tally.write()
