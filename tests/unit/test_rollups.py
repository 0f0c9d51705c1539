"""The statistics' roll-ups: after a random history driven through the services (tickets
opened, answered, claimed, assigned, transferred, resolved, closed, reopened, rated,
alerts, SLA warnings and breaches, support levels changed) across months on the
desk's clock, the rows equal a recount from the tickets and messages, the
migration's backfill counts the same rows, and every report read from them equals
the report counted from the tickets (percentiles from the histograms within the
documented bound).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from bot.clock import CLOCK
from bot.db import connection
from bot.i18n import create_i18n
from bot.services import automation, people, rollups, staff, stats, tickets
from bot.services.errors import DomainError
from bot.services.rollups import ALPHA, FLOOR, bucket, representative
from models import (
    Agent,
    Category,
    Customer,
    Department,
    Message,
    Priority,
    SlaPolicy,
    StatsCount,
    StatsHistogram,
    Status,
    Ticket,
    TicketEvent,
)
from models.enums import ActorType, AgentRole, MessageKind, SlaState, TicketSource

LEVELS = ("standard", "gold", "premium")
# Minutes the clock moves between steps: mostly a working rhythm, sometimes days.
PAUSES = (1, 3, 10, 30, 45, 90, 240, 600, 1440, 2 * 1440, 5 * 1440)


@pytest.fixture
def clock() -> Iterator[None]:
    CLOCK.reset()
    now = CLOCK.freeze()
    # From 20:00 on the last day of next month, whatever today's date: a history of a
    # few weeks then spans three months (a period's bounds inside and across months)
    # on any day the suite runs.
    month_after_next = (now.replace(day=1) + timedelta(days=62)).replace(day=1)
    CLOCK.advance(
        month_after_next.replace(hour=0, minute=0, second=0, microsecond=0)
        - timedelta(hours=4)
        - now
    )
    with create_i18n("en").context():
        yield
    CLOCK.reset()


@dataclass
class Desk:
    rng: random.Random
    departments: list[Department]
    categories: dict[int, list[Category]]
    agents: list[Agent]
    root: Agent
    customers: list[Customer]
    statuses: list[Status]
    priorities: list[Priority]
    tickets: list[int] = field(default_factory=list)


async def _desk(seed: int) -> Desk:
    billing = await Department.create(name="Billing", order=1)
    tech = await Department.create(name="Tech", order=2)
    categories = {
        billing.id: [
            await Category.create(department=billing, name="Invoices"),
            await Category.create(department=billing, name="Refunds"),
        ],
        tech.id: [await Category.create(department=tech, name="Outage")],
    }
    ann = await Agent.create(telegram_id=9001, name="Ann")
    bob = await Agent.create(telegram_id=9002, name="Bob")
    cy = await Agent.create(telegram_id=9003, name="Cy")
    root = await Agent.create(telegram_id=9004, name="Root", role=AgentRole.ADMIN)
    await ann.departments.add(billing)
    await bob.departments.add(tech)
    await cy.departments.add(billing, tech)
    customers = [
        await Customer.create(telegram_id=500 + i, first_name=f"C{i}", support_level=LEVELS[i % 3])
        for i in range(6)
    ]
    await Status.create(name="on hold", order=35, settable_by="all")
    priorities = list(await Priority.all().order_by("level"))
    # Short SLAs, so the clock's steps warn and breach.
    await SlaPolicy.create(name="all", first_response_minutes=60, resolution_minutes=600)
    await SlaPolicy.create(
        name="urgent", priority=priorities[-1], first_response_minutes=15, resolution_minutes=120
    )
    await SlaPolicy.create(
        name="gold", support_level="gold", first_response_minutes=30, resolution_minutes=240
    )
    return Desk(
        rng=random.Random(seed),
        departments=[billing, tech],
        categories=categories,
        agents=[ann, bob, cy, root],
        root=root,
        customers=customers,
        statuses=list(await Status.all().order_by("order")),
        priorities=priorities,
    )


def _customer_actor(customer_id: int) -> tickets.Actor:
    return tickets.Actor(ActorType.CUSTOMER, "customer", id=customer_id)


async def _ticket(desk: Desk) -> Ticket | None:
    if not desk.tickets:
        return None
    return await Ticket.get(id=desk.rng.choice(desk.tickets))


async def _open(desk: Desk) -> None:
    rng = desk.rng
    department = rng.choice(desk.departments)
    category = rng.choice([None, *desk.categories[department.id]])
    ticket = await tickets.open_ticket(
        customer=rng.choice(desk.customers),
        department_id=department.id,
        category_id=category.id if category else None,
        priority_id=rng.choice([None, *(p.id for p in desk.priorities)]),
        subject="Help",
        text="It broke",
        source=rng.choice([TicketSource.TELEGRAM, TicketSource.API]),
        actor=tickets.SYSTEM,
    )
    desk.tickets.append(ticket.id)


async def _alert(desk: Desk) -> None:
    rng = desk.rng
    ticket = await tickets.send_alert(
        customer_id=rng.choice(desk.customers).id,
        kind="information",
        subject="Maintenance",
        text="Tonight",
        department_id=rng.choice(desk.departments).id,
        priority_id=None,
        actor=await tickets.agent_actor(desk.root),
    )
    desk.tickets.append(ticket.id)


async def _reply(desk: Desk) -> None:
    if ticket := await _ticket(desk):
        agent = desk.rng.choice(desk.agents)
        await tickets.reply(ticket.id, "Try this", await tickets.agent_actor(agent))


async def _customer_writes(desk: Desk) -> None:
    if ticket := await _ticket(desk):
        actor = _customer_actor(ticket.customer_id)
        await tickets.add_customer_message(ticket.id, "Still broken", [], actor)


async def _claim(desk: Desk) -> None:
    if ticket := await _ticket(desk):
        await staff.claim(ticket.id, desk.rng.choice(desk.agents))


async def _assign(desk: Desk) -> None:
    if ticket := await _ticket(desk):
        agent = desk.rng.choice([None, *desk.agents])
        actor = await tickets.agent_actor(desk.root)
        await tickets.assign(ticket.id, agent.id if agent else None, actor)


async def _transfer(desk: Desk) -> None:
    if ticket := await _ticket(desk):
        agent = desk.rng.choice([None, *desk.agents])
        department = desk.rng.choice(desk.departments)
        actor = await tickets.agent_actor(desk.root)
        await tickets.transfer(ticket.id, department.id, agent.id if agent else None, actor)


async def _status(desk: Desk) -> None:
    if ticket := await _ticket(desk):
        status = desk.rng.choice(desk.statuses)
        await tickets.set_status(ticket.id, status.id, await tickets.agent_actor(desk.root))


async def _close(desk: Desk) -> None:
    if ticket := await _ticket(desk):
        await tickets.close(ticket.id, _customer_actor(ticket.customer_id))


async def _reopen(desk: Desk) -> None:
    if ticket := await _ticket(desk):
        await tickets.reopen(ticket.id, await tickets.agent_actor(desk.root))


async def _rate_answer(desk: Desk) -> None:
    answers = await Message.filter(kind=MessageKind.AGENT).values_list("id", "ticket_id")
    if answers:
        message_id, ticket_id = desk.rng.choice(answers)
        customer_id = (await Ticket.get(id=ticket_id)).customer_id
        await tickets.rate_answer(
            message_id, desk.rng.choice([1, -1]), _customer_actor(customer_id)
        )


async def _rate_ticket(desk: Desk) -> None:
    if ticket := await _ticket(desk):
        score = desk.rng.randint(1, 5)
        await tickets.rate_ticket(ticket.id, score, _customer_actor(ticket.customer_id))


async def _priority(desk: Desk) -> None:
    if ticket := await _ticket(desk):
        priority = desk.rng.choice(desk.priorities)
        await tickets.set_priority(ticket.id, priority.id, await tickets.agent_actor(desk.root))


async def _level(desk: Desk) -> None:
    customer = desk.rng.choice(desk.customers)
    await people.update_customer(customer.id, support_level=desk.rng.choice(LEVELS))


ACTIONS: list[tuple[Callable[[Desk], Awaitable[None]], int]] = [
    (_open, 12),
    (_alert, 2),
    (_reply, 10),
    (_customer_writes, 8),
    (_claim, 5),
    (_assign, 4),
    (_transfer, 3),
    (_status, 5),
    (_close, 3),
    (_reopen, 3),
    (_rate_answer, 4),
    (_rate_ticket, 3),
    (_priority, 2),
    (_level, 1),
]


async def _step(desk: Desk) -> None:
    action = desk.rng.choices([a for a, _ in ACTIONS], [w for _, w in ACTIONS])[0]
    # A random action the desk may refuse (closed ticket, wrong department, ...).
    with contextlib.suppress(DomainError):
        await action(desk)


async def random_history(desk: Desk, steps: int, *, side_by_side: int = 1) -> None:
    """`steps` random actions, `side_by_side` at a time, the clock moving between them
    and the timers (SLA warnings and breaches, auto-close) running as it does."""
    for _ in range(0, steps, side_by_side):
        await asyncio.gather(*(_step(desk) for _ in range(side_by_side)))
        if desk.rng.random() < 0.5:
            CLOCK.advance(timedelta(minutes=desk.rng.choice(PAUSES)))
            await automation.run_due(CLOCK.now())


# -- the recount ---------------------------------------------------------------------------

Rows = dict[tuple[Any, ...], tuple[int, ...]]


def _seconds(ticket: Ticket, end: datetime | None) -> float | None:
    if ticket.source == TicketSource.ALERT or end is None:
        return None
    return (end - ticket.created_at).total_seconds()


async def recount() -> tuple[Rows, Rows]:
    """The roll-up rows counted from the tickets and messages as the reports define the
    figures (written out here, not through bot.services.rollups)."""
    counts: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0] * 11)
    histogram: dict[tuple[Any, ...], int] = defaultdict(int)
    for t in await Ticket.all().select_related("customer"):
        day = t.created_at.astimezone(UTC).date()
        periods = (("d", day), ("m", day.replace(day=1)))
        tracked = t.first_response_due is not None or t.resolution_due is not None
        first = _seconds(t, t.first_response_at)
        resolution = _seconds(t, t.resolved_at or t.closed_at)
        figures = [
            1,
            int(tracked),
            int(tracked and t.sla_state == SlaState.BREACHED),
            *(int(t.csat == v) for v in (1, 2, 3, 4, 5)),
            0,
            0,
            0,
        ]
        values = {
            "b": "",
            "c": str(t.category_id or 0),
            "p": str(t.priority_id),
            "l": t.customer.support_level,
            "r": str(t.csat or 0),
        }
        assignee = t.assignee_id or 0
        for grain, start in periods:
            for dim, value in values.items():
                key = (dim, grain, start, t.department_id, assignee, t.status_id, value)
                counts[key] = [a + b for a, b in zip(counts[key], figures, strict=True)]
        for dim, value in {**values, "s": str(t.status_id)}.items():
            for metric, seconds in (("f", first), ("r", resolution)):
                if seconds is not None:
                    key = (dim, day.replace(day=1), t.department_id, assignee, value, metric)
                    histogram[(*key, bucket(seconds))] += 1
    answers = await Message.filter(kind=MessageKind.AGENT).select_related("ticket")
    for m in answers:
        t = m.ticket
        day = t.created_at.astimezone(UTC).date()
        for grain, start in (("d", day), ("m", day.replace(day=1))):
            key = ("a", grain, start, t.department_id, t.assignee_id or 0, 0)
            entry = counts[(*key, str(m.author_agent_id or 0))]
            entry[8] += 1
            entry[9] += int(m.rating == 1)
            entry[10] += int(m.rating == -1)
    return (
        {k: tuple(v) for k, v in counts.items() if any(v)},
        {k: n for k, n in histogram.items() if n},
    )


async def stored() -> tuple[Rows, Rows]:
    """The roll-up rows as the database holds them (rows whose sums are all zero left
    out: a ticket that moved on leaves its old row at zero)."""
    counts = {
        tuple(r[k] for k in rollups.COUNT_KEY): tuple(r[f] for f in rollups.COUNT_FIELDS)
        for r in await StatsCount.all().values()
    }
    histogram = {
        tuple(r[k] for k in rollups.HISTOGRAM_KEY): r["tickets"]
        for r in await StatsHistogram.all().values()
    }
    return (
        {k: v for k, v in counts.items() if any(v)},
        {k: n for k, n in histogram.items() if n},
    )


async def _exercised() -> None:
    """The history went through every path that moves a figure."""
    kinds = set(await TicketEvent.all().distinct().values_list("kind", flat=True))
    assert {
        "created",
        "assigned",
        "claimed",
        "released",
        "replied",
        "customer_replied",
        "transferred",
        "status_changed",
        "closed",
        "reopened",
        "priority_changed",
        "rated",
        "csat",
        "sla_warning",
        "sla_breached",
    } <= kinds
    assert await Ticket.filter(source=TicketSource.ALERT).exists()


def _check_history(counts: Rows, histogram: Rows, *, months: int = 3) -> None:
    """The history did what it is meant to exercise."""
    assert len({k[2] for k in counts if k[1] == "m"}) >= months
    total = [v for k, v in counts.items() if k[0] == "b" and k[1] == "d"]
    assert sum(v[0] for v in total) >= 60  # tickets
    assert sum(v[2] for v in total) > 0  # breached
    assert sum(v[3] + v[4] + v[5] + v[6] + v[7] for v in total) > 0  # rated
    answers = [v for k, v in counts.items() if k[0] == "a" and k[1] == "d"]
    assert sum(v[8] for v in answers) > 0 and sum(v[9] + v[10] for v in answers) > 0
    assert {k[5] for k in histogram} == {"f", "r"}


async def test_rollups_equal_a_recount_after_a_random_history(db, clock):
    desk = await _desk(seed=13)
    await random_history(desk, 500)
    expected = await recount()
    _check_history(*expected)
    await _exercised()
    counts, histogram = await stored()
    assert counts == expected[0]
    assert histogram == expected[1]


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_rollups_equal_a_recount_after_concurrent_changes(db, clock):
    """PostgreSQL, several changes side by side (claims racing, the same ticket changed
    twice at once): no lost update, no deadlock between the roll-up rows."""
    desk = await _desk(seed=29)
    await random_history(desk, 60)
    await random_history(desk, 480, side_by_side=6)
    expected = await recount()
    # About seven weeks of history: across one month's end at least (the long
    # sequential history above covers months and their bounds).
    _check_history(*expected, months=2)
    assert await stored() == expected


async def test_the_backfill_counts_what_the_services_counted(db, clock):
    desk = await _desk(seed=7)
    await random_history(desk, 400)
    incremental = await stored()
    _check_history(*incremental)
    await _exercised()
    await rollups.rebuild()
    assert await stored() == incremental
    # ... and the per-ticket answer counts.
    for ticket in await Ticket.all():
        assert (
            ticket.answers
            == await Message.filter(ticket_id=ticket.id, kind=MessageKind.AGENT).count()
        )


# -- reports from the roll-ups against reports from the tickets -----------------------------


def _moments(desk: Desk, first: datetime, last: datetime) -> list[datetime | None]:
    """Period bounds of every kind: open, midnight, the first of a month, any time."""
    span = (last - first).total_seconds()
    some = [first + timedelta(seconds=desk.rng.uniform(0, span)) for _ in range(4)]
    midnight = [datetime.combine(m.date(), datetime.min.time(), UTC) for m in some[:2]]
    month = [m.replace(day=1) for m in midnight]
    return [None, *some, *midnight, *month, first, last + timedelta(days=1)]


def _filters(desk: Desk, first: datetime, last: datetime) -> Iterator[stats.StatsFilter]:
    moments = _moments(desk, first, last)
    pairs = [(a, b) for a in moments for b in moments if a is None or b is None or a < b]
    for since, until in desk.rng.sample(pairs, 14):
        yield stats.StatsFilter(created_from=since, created_to=until)
    yield stats.StatsFilter()
    billing, tech = (d.id for d in desk.departments)
    cy = desk.agents[2].id
    yield stats.StatsFilter(department_id=tech, created_from=moments[1])
    yield stats.StatsFilter(agent_id=cy)
    yield stats.StatsFilter(departments=frozenset({billing}), created_to=moments[2])
    yield stats.StatsFilter(departments=frozenset(), agent_id=cy)


def _close_to(approximate: float | None, exact: float | None) -> bool:
    if exact is None or approximate is None:
        return approximate is exact
    # The bound, and both sides rounded to milliseconds.
    return abs(approximate - exact) <= ALPHA * abs(exact) + FLOOR + 0.001


DURATIONS = (
    "first_response_median",
    "first_response_p90",
    "resolution_median",
    "resolution_p90",
)


def _same(rolled: stats.Figures, counted: stats.Figures, *, approximate: bool) -> None:
    for name in (
        "count",
        "processed",
        "sla_tracked",
        "sla_breached",
        "csat",
        "answers_sent",
        "answers_up",
        "answers_down",
        "first_response_count",
        "resolution_count",
    ):
        assert getattr(rolled, name) == getattr(counted, name), name
    assert {k: v for k, v in rolled.by_status.items() if v} == counted.by_status
    for name in DURATIONS:
        a, b = getattr(rolled, name), getattr(counted, name)
        assert _close_to(a, b) if approximate else a == b, (name, a, b)


async def test_reports_from_the_rollups_equal_reports_from_the_tickets(db, clock, monkeypatch):
    desk = await _desk(seed=5)
    first = CLOCK.now()
    await random_history(desk, 450)
    approximate_seen = 0
    exact_limit = stats.EXACT_LIMIT
    for flt in _filters(desk, first, CLOCK.now()):
        for group in stats.GROUPINGS:
            answers = group in (None, "assignee_id")
            everything: dict[Any, stats.Figures] = defaultdict(stats.Figures)
            await stats._from_tickets(flt, group, everything, answers=answers)
            # (PostgreSQL's percentiles give an empty overview a row of nothing.)
            counted = {k: v for k, v in everything.items() if not v.empty()}
            for limit, approximate in ((exact_limit, False), (-1, True)):
                monkeypatch.setattr(stats, "EXACT_LIMIT", limit)
                got = await stats._collect(flt, group, answers=answers)
                rolled = {k: v for k, v in got.items() if not v.empty()}
                assert set(rolled) == set(counted), (flt, group)
                for key in counted:
                    _same(rolled[key], counted[key], approximate=approximate)
                    approximate_seen += approximate and counted[key].first_response_count > 2
    assert approximate_seen > 50


# -- the buckets ---------------------------------------------------------------------------


def test_a_bucket_stands_for_its_durations_within_the_bound():
    rng = random.Random(3)
    values = [0.0, FLOOR, -FLOOR, 0.0004, 1.0, 59.999999, 60.0, 86400.0, 3e7]
    values += [rng.uniform(0, 10) for _ in range(500)] + [rng.uniform(0, 1e6) for _ in range(500)]
    values += [-v for v in values[:50]]
    for v in values:
        assert abs(representative(bucket(v)) - v) <= ALPHA * abs(v) + FLOOR, v
    ordered = sorted(values)
    assert [bucket(v) for v in ordered] == sorted(bucket(v) for v in ordered)
    assert bucket(3e7) < 2**15  # a year fits the column (SMALLINT)


def test_a_percentile_from_buckets_interpolates_between_ranks():
    values = [10.0, 20.0, 30.0, 40.0, 1000.0]
    histogram: dict[int, int] = defaultdict(int)
    for v in values:
        histogram[bucket(v)] += 1
    for q in (0.0, 0.5, 0.9, 1.0):
        exact = stats.percentile(values, q)
        assert _close_to(stats.histogram_percentile(histogram, q), exact), q
    assert stats.histogram_percentile({}, 0.5) is None
    assert stats.histogram_percentile({bucket(60.0): 1}, 0.9) == round(
        representative(bucket(60)), 3
    )


async def test_the_database_puts_durations_into_the_same_buckets(db):
    """The SQL of the backfill and of the reports' edges against rollups.bucket."""
    rng = random.Random(11)
    base = datetime(2026, 1, 31, 23, 59, 59, 999999, tzinfo=UTC)
    moments = [base + timedelta(microseconds=rng.randint(-(10**12), 10**12)) for _ in range(200)]
    dialect = connection().capabilities.dialect
    seconds = rollups.seconds_sql(dialect, "a", "b")
    cast = "CAST(? AS TEXT)" if dialect == "sqlite" else "CAST($1 AS TIMESTAMPTZ)"
    for start in moments[:20]:
        for end in moments[20:40]:
            params = [start, end] if dialect == "postgres" else [_sqlite(start), _sqlite(end)]
            sql = (
                f"SELECT {seconds} AS s, {rollups.bucket_sql(seconds)} AS b FROM "
                f"(SELECT {cast} AS a, {cast.replace('$1', '$2')} AS b) x"
            )
            [row] = (await connection().execute_query(sql, params))[1]
            assert row["s"] == (end - start).total_seconds()
            assert row["b"] == bucket((end - start).total_seconds())


def _sqlite(moment: datetime) -> str:
    """A timestamp as the ORM stores it in SQLite."""
    return str(Ticket._meta.fields_map["created_at"].to_db_value(moment, Ticket))


def test_the_period_splits_into_months_days_and_parts_of_days():
    at = lambda *a: datetime(*a, tzinfo=UTC)  # noqa: E731
    d = date
    # From a time of day to a time of day across months.
    period = stats.split(at(2026, 1, 20, 10, 30), at(2026, 4, 3, 8))
    assert period is not None
    assert period.months == (d(2026, 2, 1), d(2026, 4, 1))
    assert period.days == ((d(2026, 1, 21), d(2026, 2, 1)), (d(2026, 4, 1), d(2026, 4, 3)))
    assert period.raw == (
        (at(2026, 1, 20, 10, 30), at(2026, 1, 21)),
        (at(2026, 4, 3), at(2026, 4, 3, 8)),
    )
    assert period.not_months == (
        (at(2026, 1, 20, 10, 30), at(2026, 2, 1)),
        (at(2026, 4, 1), at(2026, 4, 3, 8)),
    )
    # Open ends: months all the way.
    assert stats.split(None, None) == stats.Split(months=(None, None))
    period = stats.split(at(2026, 3, 1), None)
    assert period == stats.Split(months=(d(2026, 3, 1), None))
    # Within one month: days only; within one day: the tickets only.
    period = stats.split(at(2026, 3, 5), at(2026, 3, 9, 12))
    assert period is not None and period.months is None
    assert period.days == ((d(2026, 3, 5), d(2026, 3, 9)),)
    assert period.raw == ((at(2026, 3, 9), at(2026, 3, 9, 12)),)
    span = (at(2026, 3, 5, 1), at(2026, 3, 5, 2))
    assert stats.split(*span) == stats.Split(raw=(span,), not_months=(span,))
    assert stats.split(at(2026, 3, 5), at(2026, 3, 5)) is None
