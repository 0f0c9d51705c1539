"""Statistics: the filters every report takes and the figures it returns."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from admin_api.schemas.common import Id, Input, Output, UtcDatetime

Moment = UtcDatetime
Seconds = Annotated[
    float | None,
    Field(
        description="Seconds; null when no ticket has it. Alerts (tickets support started"
        " towards a customer) are left out: their first message is support's own. Exact"
        " when the report counts at most 10,000 tickets; past that, from log-spaced"
        " histograms: within 2 % of the exact value, plus 1 ms"
    ),
]


class StatsQuery(Input):
    created_from: Moment | None = Field(
        None, description="Tickets created at or after this time (ISO 8601; no offset: UTC)"
    )
    created_to: Moment | None = Field(
        None, description="Tickets created before this time (ISO 8601; no offset: UTC)"
    )
    agent_id: Id | None = Field(None, description="Only tickets assigned to this agent")
    customer_id: Id | None = Field(None, description="Only tickets of this customer")
    department_id: Id | None = Field(None, description="Only tickets of this department")
    format: Literal["json", "csv"] = Field("json", description="csv: a text/csv download")

    @model_validator(mode="after")
    def _period(self) -> StatsQuery:
        if (
            self.created_from is not None
            and self.created_to is not None
            and self.created_from > self.created_to
        ):
            raise ValueError("created_from is after created_to")
        return self


# -- overview ------------------------------------------------------------------------------


class OpenByRole(Output):
    """Tickets whose status is not final, by the status's lifecycle role."""

    new: int
    in_progress: int
    waiting: int
    resolved: int
    closed: int
    other: int = Field(description="Statuses without a lifecycle role")


class Durations(Output):
    """A duration in seconds over the counted tickets, alerts left out (an alert's
    first message is support's own: its times would measure the customer)."""

    count: int = Field(description="Tickets that have this time (alerts are left out)")
    median: Seconds
    p90: Seconds


class SlaFigures(Output):
    tracked: int = Field(description="Tickets with a first-response or resolution due time")
    breached: int = Field(description="Tracked tickets whose SLA state is breached")
    breach_rate: float | None = Field(description="breached / tracked; null when none tracked")


class CsatFigures(Output):
    average: float | None = Field(description="Mean rating (1..5), 2 decimals")
    count: int
    distribution: dict[str, int] = Field(description='Tickets per rating, keys "1".."5"')


class AnswerFigures(Output):
    sent: int = Field(description="Agent answers (messages of kind agent)")
    up: int = Field(description="Answers rated +1")
    down: int = Field(description="Answers rated -1")


class StatsOverview(Output):
    total: int
    processed: int = Field(description="Status is final or resolved")
    unprocessed: int
    open_by_role: OpenByRole
    first_response: Durations
    resolution: Durations
    sla: SlaFigures
    csat: CsatFigures
    answers: AnswerFigures


# -- breakdowns ----------------------------------------------------------------------------


class StatsRow(Output):
    id: int | None = Field(
        description="The group's id; the CSAT value for ratings; null for the group without"
        " one (unassigned, uncategorised, unrated) and for SLA levels, which are names"
    )
    name: str
    count: int = Field(description="Tickets")
    processed: int = Field(description="Status is final or resolved")
    unprocessed: int
    first_response_median: Seconds
    first_response_p90: Seconds
    resolution_median: Seconds
    resolution_p90: Seconds
    sla_tracked: int = Field(description="Tickets with a due time")
    sla_breached: int
    breach_rate: float | None = Field(description="sla_breached / sla_tracked, 4 decimals")
    csat_count: int
    csat_average: float | None = Field(description="Mean CSAT (1..5), 2 decimals")


class AgentStatsRow(StatsRow):
    answers_sent: int = Field(description="Agent messages written by this agent")
    answers_up: int = Field(description="This agent's answers rated +1")
    answers_down: int = Field(description="This agent's answers rated -1")


BreakdownBy = Literal["status", "category", "department", "priority", "sla-level", "rating"]


class StatsBreakdown(BaseModel):
    by: BreakdownBy
    items: list[StatsRow]


class AgentStatsBreakdown(BaseModel):
    by: Literal["agent"]
    items: list[AgentStatsRow]


# -- per day -------------------------------------------------------------------------------


class StatsDay(Output):
    """The tickets created on one day (UTC), counted as the overview counts them."""

    day: str = Field(description="YYYY-MM-DD (UTC)")
    total: int
    processed: int
    by_status: dict[str, int] = Field(description="Tickets per status id (of the tickets now)")
    first_response_median: Seconds
    first_response_p90: Seconds
    resolution_median: Seconds
    resolution_p90: Seconds
    sla_tracked: int
    sla_breached: int
    sla_warning: int = Field(description="Tracked tickets in SLA warning now")
    csat_count: int
    csat_average: float | None
    answers_sent: int
    answers_up: int
    answers_down: int


class StatsDaily(BaseModel):
    days: list[StatsDay] = Field(description="Every day of the period, oldest first")
