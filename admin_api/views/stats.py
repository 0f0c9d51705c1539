"""Statistics (the site tech-support reports): an overview and breakdowns, JSON or CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel

from admin_api.registry import READ_ROLES, Call, Registry
from admin_api.schemas.stats import (
    AgentStatsBreakdown,
    AgentStatsRow,
    AnswerFigures,
    BreakdownBy,
    CsatFigures,
    Durations,
    OpenByRole,
    SlaFigures,
    StatsBreakdown,
    StatsDaily,
    StatsDay,
    StatsOverview,
    StatsQuery,
    StatsRow,
)
from bot.services import stats, tokens
from bot.services.stats import Figures, Row

# Spreadsheets run a cell starting with one of these as a formula; names come from
# users (agents, categories), so such cells get a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


async def _filter(call: Call) -> stats.StatsFilter:
    q: StatsQuery = call.query
    return stats.StatsFilter(
        created_from=q.created_from,
        created_to=q.created_to,
        agent_id=q.agent_id,
        customer_id=q.customer_id,
        department_id=q.department_id,
        departments=await tokens.department_scope(call.principal),
    )


def _overview_out(overview: stats.Overview) -> StatsOverview:
    f = overview.figures
    return StatsOverview(
        total=overview.total,
        processed=overview.processed,
        unprocessed=overview.unprocessed,
        open_by_role=OpenByRole.model_validate(overview.open_by_role),
        first_response=Durations(
            count=f.first_response_count, median=f.first_response_median, p90=f.first_response_p90
        ),
        resolution=Durations(
            count=f.resolution_count, median=f.resolution_median, p90=f.resolution_p90
        ),
        sla=SlaFigures(tracked=f.sla_tracked, breached=f.sla_breached, breach_rate=f.breach_rate),
        csat=CsatFigures(
            average=f.csat_average, count=f.csat_count, distribution=f.csat_distribution
        ),
        answers=AnswerFigures(sent=f.answers_sent, up=f.answers_up, down=f.answers_down),
    )


_Row = TypeVar("_Row", bound=StatsRow)


def _row_out(model: type[_Row], row: Row) -> _Row:
    figures: Figures = row.figures
    values = {
        name: getattr(figures, name) for name in model.model_fields if name not in ("id", "name")
    }
    return model(id=row.id, name=row.name, **values)


def _day_out(day: stats.Day) -> StatsDay:
    f = day.figures
    return StatsDay(
        day=day.day.isoformat(),
        total=f.count,
        processed=f.processed,
        by_status={str(k): v for k, v in sorted(f.by_status.items()) if v},
        first_response_median=f.first_response_median,
        first_response_p90=f.first_response_p90,
        resolution_median=f.resolution_median,
        resolution_p90=f.resolution_p90,
        sla_tracked=f.sla_tracked,
        sla_breached=f.sla_breached,
        sla_warning=day.sla_warning,
        csat_count=f.csat_count,
        csat_average=f.csat_average,
        answers_sent=f.answers_sent,
        answers_up=f.answers_up,
        answers_down=f.answers_down,
    )


# -- CSV -----------------------------------------------------------------------------------


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell a spreadsheet shows as it is (the console's CSVs too)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _flatten(data: dict[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield prefix + key, value


def _csv_response(name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> web.Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    filename = f"helpdesk-stats-{name}-{datetime.now(UTC):%Y-%m-%d}.csv"
    return web.Response(
        body=buffer.getvalue().encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _overview_csv(out: StatsOverview) -> web.Response:
    return _csv_response("overview", ("key", "value"), _flatten(out.model_dump(mode="json")))


def _breakdown_csv(by: str, model: type[StatsRow], items: Sequence[StatsRow]) -> web.Response:
    header = list(model.model_fields)
    rows = ([item.model_dump(mode="json")[f] for f in header] for item in items)
    return _csv_response(f"by-{by}", header, rows)


# -- routes --------------------------------------------------------------------------------

_BREAKDOWN_SUMMARIES = {
    "status": "Tickets by status",
    "category": "Tickets by category",
    "department": "Tickets by department",
    "priority": "Tickets by priority",
    "sla-level": "Tickets by the customer's support (SLA) level",
    "rating": "Tickets by CSAT rating (1..5, unrated)",
}
_CSV_NOTE = " (format=csv: a text/csv download)"
STATS_SCOPE = "only tickets of their agent's departments count (department_id cannot widen it)."


def _json_or_csv(model: type[BaseModel]) -> dict[str, Any]:
    """The 200 answer in the OpenAPI document: `response=` alone would declare only
    JSON, and a CSV answer would then break the document's promise (the fuzz test's
    content-type check). The model itself still reaches the components through
    `response=`, so the reference resolves."""
    return {
        "description": "The figures as JSON, or with format=csv as a CSV file",
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}},
            "text/csv": {"schema": {"type": "string"}},
        },
        "headers": {
            "Content-Disposition": {
                "description": "format=csv: attachment; filename=helpdesk-stats-....csv",
                "schema": {"type": "string"},
            }
        },
    }


def register(api: Registry) -> None:
    tag = "stats"

    @api.route(
        "GET",
        "/stats",
        summary="Ticket statistics overview" + _CSV_NOTE,
        tag=tag,
        roles=READ_ROLES,
        scope=STATS_SCOPE,
        query=StatsQuery,
        response=StatsOverview,
        raw_response=_json_or_csv(StatsOverview),
    )
    async def stats_overview(call: Call) -> StatsOverview | web.Response:
        out = _overview_out(await stats.overview(await _filter(call)))
        return _overview_csv(out) if call.query.format == "csv" else out

    def add_breakdown(by: BreakdownBy) -> None:
        service = stats.BREAKDOWNS[by]

        async def view(call: Call) -> StatsBreakdown | web.Response:
            items = [_row_out(StatsRow, r) for r in await service(await _filter(call))]
            if call.query.format == "csv":
                return _breakdown_csv(by, StatsRow, items)
            return StatsBreakdown(by=by, items=items)

        api.route(
            "GET",
            f"/stats/by-{by}",
            summary=_BREAKDOWN_SUMMARIES[by] + _CSV_NOTE,
            tag=tag,
            roles=READ_ROLES,
            scope=STATS_SCOPE,
            query=StatsQuery,
            response=StatsBreakdown,
            raw_response=_json_or_csv(StatsBreakdown),
        )(view)

    first: tuple[BreakdownBy, ...] = ("status", "category", "department", "priority")
    for by in first:
        add_breakdown(by)

    @api.route(
        "GET",
        "/stats/by-agent",
        summary="Tickets and answers by agent (assignee; answers by author)" + _CSV_NOTE,
        tag=tag,
        roles=READ_ROLES,
        scope=STATS_SCOPE,
        query=StatsQuery,
        response=AgentStatsBreakdown,
        raw_response=_json_or_csv(AgentStatsBreakdown),
    )
    async def stats_by_agent(call: Call) -> AgentStatsBreakdown | web.Response:
        rows = await stats.by_agent(await _filter(call))
        items = [_row_out(AgentStatsRow, r) for r in rows]
        if call.query.format == "csv":
            return _breakdown_csv("agent", AgentStatsRow, items)
        return AgentStatsBreakdown(by="agent", items=items)

    last: tuple[BreakdownBy, ...] = ("sla-level", "rating")
    for by in last:
        add_breakdown(by)

    @api.route(
        "GET",
        "/stats/daily",
        summary="The overview per day of creation (created_from and created_to required,"
        f" at most {stats.DAILY_LIMIT} days)" + _CSV_NOTE,
        tag=tag,
        roles=READ_ROLES,
        scope=STATS_SCOPE,
        query=StatsQuery,
        response=StatsDaily,
        raw_response=_json_or_csv(StatsDaily),
    )
    async def stats_daily(call: Call) -> StatsDaily | web.Response:
        days = [_day_out(d) for d in await stats.daily(await _filter(call))]
        if call.query.format == "csv":
            header = [f for f in StatsDay.model_fields if f != "by_status"]
            rows = ([d.model_dump(mode="json")[f] for f in header] for d in days)
            return _csv_response("daily", header, rows)
        return StatsDaily(days=days)
