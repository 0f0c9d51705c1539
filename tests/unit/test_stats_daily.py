"""The statistics per creation day (stats.daily): the data set of tests/api/test_stats.py
(two tickets a day, 2024-03-01 .. 03-06), each day's figures, and the days adding up to
the overview of the same filter, for whole days (roll-ups) and parts of days (tickets)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.services import stats
from bot.services.errors import Invalid
from tests.api.test_stats import data  # noqa: F401 - the fixture


def _flt(since: datetime, until: datetime, **kw) -> stats.StatsFilter:
    return stats.StatsFilter(created_from=since, created_to=until, **kw)


MARCH = (datetime(2024, 2, 28, tzinfo=UTC), datetime(2024, 3, 9, tzinfo=UTC))


async def test_every_day_of_the_period_with_its_tickets(data):  # noqa: F811
    series = await stats.daily(_flt(*MARCH))
    assert [d.day for d in series] == [date(2024, 2, 28) + timedelta(i) for i in range(10)]
    counts = [d.figures.count for d in series]
    assert counts == [0, 0, 2, 2, 2, 2, 2, 2, 0, 0]
    first = series[2]  # March 1: T1 (closed, csat 5), T2 (closed, breached, csat 4)
    assert first.figures.processed == 2
    assert (first.figures.sla_tracked, first.figures.sla_breached) == (2, 1)
    assert first.figures.csat_distribution == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}
    # T1: Alice +1; T2: Alice -1 and one unrated
    assert (first.figures.answers_sent, first.figures.answers_up) == (3, 1)
    assert first.figures.answers_down == 1
    # first responses 10 and 20 minutes: median 15, p90 19 minutes
    assert first.figures.first_response_median == 900.0
    assert first.figures.first_response_p90 == 1140.0
    # March 2: T3 (resolved), T4 (in progress, SLA warning)
    assert series[3].sla_warning == 1 and series[3].figures.processed == 1


@pytest.mark.parametrize(
    "period",
    [
        MARCH,  # whole days: the roll-ups
        (datetime(2024, 3, 1, 10, 30, tzinfo=UTC), datetime(2024, 3, 5, 10, 30, tzinfo=UTC)),
        (datetime(2024, 3, 2, 10, 30, tzinfo=UTC), datetime(2024, 3, 3, 10, 30, tzinfo=UTC)),
    ],
)
async def test_the_days_add_up_to_the_overview(data, period):  # noqa: F811
    for extra in ({}, {"department_id": data.billing.id}, {"agent_id": data.bob.id}):
        flt = _flt(*period, **extra)
        series = await stats.daily(flt)
        overview = await stats.overview(flt)
        total = overview.figures
        assert sum(d.figures.count for d in series) == overview.total
        assert sum(d.figures.processed for d in series) == overview.processed
        assert sum(d.figures.sla_breached for d in series) == total.sla_breached
        assert sum(d.figures.sla_tracked for d in series) == total.sla_tracked
        assert sum(d.figures.csat_count for d in series) == total.csat_count
        assert sum(d.figures.answers_sent for d in series) == total.answers_sent
        assert sum(d.figures.answers_up for d in series) == total.answers_up
        assert sum(d.figures.first_response_count for d in series) == total.first_response_count


async def test_one_customer_is_read_from_the_tickets(data):  # noqa: F811
    flt = _flt(*MARCH, customer_id=data.k1.id)
    series = await stats.daily(flt)
    assert sum(d.figures.count for d in series) == (await stats.overview(flt)).total == 4


async def test_a_series_needs_a_bounded_period_of_at_most_the_limit(db):
    with pytest.raises(Invalid):
        await stats.daily(stats.StatsFilter(created_from=MARCH[0]))
    with pytest.raises(stats.PeriodTooLong):
        await stats.daily(_flt(MARCH[0], MARCH[0] + timedelta(days=stats.DAILY_LIMIT + 1)))
    assert await stats.daily(_flt(MARCH[1], MARCH[0])) == []
