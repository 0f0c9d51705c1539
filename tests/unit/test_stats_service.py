"""The statistics service: percentiles as PostgreSQL computes them, the agent scope."""

from __future__ import annotations

import random
import statistics

from bot.db import connection, dialect_of
from bot.services.stats import percentile
from bot.services.tokens import Principal, department_scope
from models import Agent, Department
from models.enums import TokenRole

# Sorted: 3 7 8 15 20 40 41 (n = 7).
VALUES = [40.0, 3.0, 15.0, 8.0, 41.0, 7.0, 20.0]


def test_percentile_interpolates_between_ranks():
    assert percentile([], 0.5) is None
    assert percentile([42.0], 0.5) == 42.0 and percentile([42.0], 0.9) == 42.0
    assert percentile([1.0, 2.0], 0.5) == 1.5
    assert percentile(VALUES, 0.5) == 15.0  # position 0.5*6 = 3
    assert percentile(VALUES, 0.9) == 40.4  # position 5.4: 40 + 0.4*(41-40)
    assert percentile(VALUES, 0.0) == 3.0 and percentile(VALUES, 1.0) == 41.0
    assert percentile([0.1, 0.2, 0.3], 0.9) == 0.28  # rounded to milliseconds


def test_percentile_agrees_with_the_inclusive_quantile_definition():
    rng = random.Random(7)
    for n in range(2, 60):
        values = [round(rng.uniform(0, 100_000), 3) for _ in range(n)]
        deciles = statistics.quantiles(values, n=10, method="inclusive")
        assert percentile(values, 0.9) == round(deciles[8], 3)
        assert percentile(values, 0.5) == round(statistics.median(values), 3)


async def test_percentile_matches_postgresql(db):
    # SQLite has no percentile function, so the service computes them for both backends;
    # on PostgreSQL its own percentile_cont must agree, so reports never depend on it.
    expected = (15.0, 40.4)
    assert (percentile(VALUES, 0.5), percentile(VALUES, 0.9)) == expected
    if dialect_of(db) == "postgres":
        rows = await connection().execute_query_dict(
            "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS median,"
            " percentile_cont(0.9) WITHIN GROUP (ORDER BY v) AS p90"
            " FROM unnest($1::float8[]) AS v",
            [VALUES],
        )
        assert (round(rows[0]["median"], 3), round(rows[0]["p90"], 3)) == expected


async def test_department_scope(db):
    billing = await Department.create(name="Billing")
    network = await Department.create(name="Network")
    await Department.create(name="Sales")
    agent = await Agent.create(telegram_id=1, name="A")
    await agent.departments.add(billing, network)
    loner = await Agent.create(telegram_id=2, name="B")

    assert await department_scope(Principal(name="x", role=TokenRole.ADMIN)) is None
    assert await department_scope(Principal(name="x", role=TokenRole.READONLY)) is None
    scope = await department_scope(Principal(name="x", role=TokenRole.AGENT, agent_id=agent.id))
    assert scope == {billing.id, network.id}
    assert (
        await department_scope(Principal(name="x", role=TokenRole.AGENT, agent_id=loner.id))
        == frozenset()
    )
    # an agent principal without an agent sees nothing rather than everything
    assert await department_scope(Principal(name="x", role=TokenRole.AGENT)) == frozenset()
