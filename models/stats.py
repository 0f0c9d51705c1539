"""Statistics roll-ups (bot.services.rollups): sums over tickets per day and per month,
kept in step with the tickets in the transactions that change them, so reports read
these rows instead of every ticket and message.

Keys are plain integers and strings, not foreign keys: a row outlives the tickets it
once counted (its sums back at zero), and 0 / "" stand for "none" (unassigned,
uncategorised, unrated) because a unique key treats NULLs as all different.
"""

from tortoise import fields
from tortoise.models import Model


class StatsCount(Model):
    """Tickets (or, for dim "a", agent answers) with one key, created on one day (grain
    "d") or in one month (grain "m", `start` its first day).

    Every ticket is counted once per grain in each dimension: "b" (value ""), "c"
    (category id), "p" (priority id), "l" (the customer's support level), "r" (CSAT
    1..5, 0 unrated). Dimension "a" counts agent answers by author (value: the agent's
    id, 0 none), status 0."""

    id = fields.BigIntField(primary_key=True)
    dim = fields.CharField(max_length=1)
    grain = fields.CharField(max_length=1)
    start = fields.DateField()
    department_id = fields.IntField()
    assignee_id = fields.IntField()
    status_id = fields.IntField()
    value = fields.CharField(max_length=32)
    tickets = fields.IntField(default=0)
    sla_tracked = fields.IntField(default=0)
    sla_breached = fields.IntField(default=0)
    csat_1 = fields.IntField(default=0)
    csat_2 = fields.IntField(default=0)
    csat_3 = fields.IntField(default=0)
    csat_4 = fields.IntField(default=0)
    csat_5 = fields.IntField(default=0)
    answers = fields.IntField(default=0)
    answers_up = fields.IntField(default=0)
    answers_down = fields.IntField(default=0)

    class Meta:
        table = "stats_count"
        unique_together = (
            ("dim", "grain", "start", "department_id", "assignee_id", "status_id", "value"),
        )


class StatsHistogram(Model):
    """How many tickets created in one month had a duration (metric "f" first response,
    "r" resolution) in one log-spaced bucket (bot.services.rollups.bucket), per
    dimension as in StatsCount plus "s" (status id); alerts are left out."""

    id = fields.BigIntField(primary_key=True)
    dim = fields.CharField(max_length=1)
    month = fields.DateField()
    department_id = fields.IntField()
    assignee_id = fields.IntField()
    value = fields.CharField(max_length=32)
    metric = fields.CharField(max_length=1)
    bucket = fields.SmallIntField()
    tickets = fields.IntField(default=0)

    class Meta:
        table = "stats_histogram"
        unique_together = (
            ("dim", "month", "department_id", "assignee_id", "value", "metric", "bucket"),
        )
