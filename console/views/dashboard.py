"""The dashboard: the period's figures and charts per day, from bot.services.stats (the
same calls as /api/v1/stats), each chart's data as CSV; the figures per tag (as
/api/v1/stats/tags) in a table."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from aiohttp import web

from admin_api.schemas.stats import StatsQuery
from admin_api.views.stats import csv_cell
from bot.services import config, faq, stats, tagging, tokens
from console.i18n import N_
from console.keys import LANGUAGE, RENDERER
from console.views.common import blank_to_none, parse, principal

DEFAULT_DAYS = 30
CHARTS = ("opened", "first_response", "resolution", "sla", "csat", "ratings", "agents")


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 2)


class Filters:
    """The dashboard's form: a period of days (inclusive), a department, an agent."""

    def __init__(self, query: Any) -> None:
        today = datetime.now(UTC).date()
        self.values = {
            "from": query.get("from", "") or (today - timedelta(DEFAULT_DAYS - 1)).isoformat(),
            "to": query.get("to", "") or today.isoformat(),
            "department_id": query.get("department_id", ""),
            "agent_id": query.get("agent_id", ""),
        }
        self.errors: dict[str, str] = {}
        self.query: StatsQuery | None = None
        raw: dict[str, Any] = {}
        for name, key in (("from", "created_from"), ("to", "created_to")):
            try:
                day = date.fromisoformat(self.values[name])
            except ValueError:
                self.errors[name] = "must be a date, e.g. 2026-01-31"
                continue
            if name == "to":
                day = min(day, date.max - timedelta(1)) + timedelta(1)
            raw[key] = datetime.combine(day, time(), UTC).isoformat()
        raw["department_id"] = self.values["department_id"]
        raw["agent_id"] = self.values["agent_id"]
        # The API's own schema checks the ids and the order of the period.
        parsed, errors = parse(StatsQuery, blank_to_none(raw))
        names = {"created_from": "from", "created_to": "to", "__all__": "to"}
        for key, message in errors.items():
            self.errors.setdefault(names.get(key, key), message)
        if not self.errors:
            self.query = parsed

    def link(self) -> str:
        from urllib.parse import urlencode

        return urlencode({k: v for k, v in self.values.items() if v})


async def _stats_filter(request: web.Request, q: StatsQuery) -> stats.StatsFilter:
    return stats.StatsFilter(
        created_from=q.created_from,
        created_to=q.created_to,
        agent_id=q.agent_id,
        department_id=q.department_id,
        departments=await tokens.department_scope(principal(request)),
    )


async def _figures(
    flt: stats.StatsFilter, *, overview: bool
) -> tuple[list[stats.Day], list[stats.Row], stats.Overview | None]:
    """The reports side by side (on PostgreSQL each on its own pooled connection); a
    failure of one is raised once all have ended."""
    reads = [stats.daily(flt), stats.by_agent(flt)]
    if overview:
        reads.append(stats.overview(flt))
    done = await asyncio.gather(*reads, return_exceptions=True)
    for result in done:
        if isinstance(result, BaseException):
            raise result
    # gather() of a list of different reads types each result as their join: object.
    return (
        cast(list[stats.Day], done[0]),
        cast(list[stats.Row], done[1]),
        cast(stats.Overview, done[2]) if overview else None,
    )


async def _charts(
    series: list[stats.Day], agents: list[stats.Row], language: str, t: Any = str
) -> dict[str, dict[str, Any]]:
    """Every chart as {kind, labels, datasets: [{label, data}]} (and stacked, integer,
    horizontal flags for the drawing)."""
    snapshot = await config.snapshot()
    labels = [d.day.isoformat() for d in series]
    statuses = sorted(
        {s for d in series for s, n in d.figures.by_status.items() if n},
        key=lambda s: (status.order if (status := snapshot.status(s)) else 0, s),
    )

    def status_name(status_id: int) -> str:
        status = snapshot.status(status_id)
        return status.name_in(language) if status else f"#{status_id}"

    return {
        "opened": {
            "kind": "bar",
            "integer": True,
            "stacked": True,
            "labels": labels,
            "datasets": [
                {
                    "label": status_name(s),
                    "data": [d.figures.by_status.get(s, 0) for d in series],
                }
                for s in statuses
            ],
        },
        "first_response": {
            "kind": "line",
            "unit": "min",
            "labels": labels,
            "datasets": [
                {
                    "label": t(N_("median")),
                    "data": [_minutes(d.figures.first_response_median) for d in series],
                },
                {
                    "label": t(N_("p90")),
                    "data": [_minutes(d.figures.first_response_p90) for d in series],
                },
            ],
        },
        "resolution": {
            "kind": "line",
            "unit": "h",
            "labels": labels,
            "datasets": [
                {
                    "label": t(N_("median")),
                    "data": [_hours(d.figures.resolution_median) for d in series],
                },
                {"label": t(N_("p90")), "data": [_hours(d.figures.resolution_p90) for d in series]},
            ],
        },
        "sla": {
            "kind": "bar",
            "integer": True,
            "labels": labels,
            "datasets": [
                {"label": t(N_("tracked")), "data": [d.figures.sla_tracked for d in series]},
                {"label": t(N_("warning")), "data": [d.sla_warning for d in series]},
                {"label": t(N_("breached")), "data": [d.figures.sla_breached for d in series]},
            ],
        },
        "csat": {
            "kind": "line",
            "labels": labels,
            "datasets": [
                {"label": t(N_("average")), "data": [d.figures.csat_average for d in series]},
                {"label": t(N_("ratings")), "data": [d.figures.csat_count for d in series]},
            ],
        },
        "ratings": {
            "kind": "bar",
            "integer": True,
            "stacked": True,
            "labels": labels,
            "datasets": [
                {"label": "👍", "data": [d.figures.answers_up for d in series]},
                {"label": "👎", "data": [d.figures.answers_down for d in series]},
                {
                    "label": t(N_("unrated")),
                    "data": [
                        d.figures.answers_sent - d.figures.answers_up - d.figures.answers_down
                        for d in series
                    ],
                },
            ],
        },
        "agents": {
            "kind": "bar",
            "horizontal": True,
            "labels": [row.name for row in agents],
            "datasets": [
                {"label": t(N_("tickets")), "data": [row.figures.count for row in agents]},
                {"label": t(N_("open")), "data": [row.figures.unprocessed for row in agents]},
                {"label": t(N_("answers")), "data": [row.figures.answers_sent for row in agents]},
            ],
        },
    }


async def _choices(request: web.Request) -> tuple[list[Any], list[Any]]:
    scope = await tokens.read_scope(principal(request))
    snapshot = await config.snapshot()
    departments = [
        d for d in snapshot.departments if scope.departments is None or d.id in scope.departments
    ]
    agents = [
        a
        for a in snapshot.agents
        if scope.departments is None
        or a.id == scope.agent_id
        or snapshot.departments_of(a.id) & scope.departments
    ]
    return departments, agents


async def dashboard(request: web.Request) -> web.Response:
    filters = Filters(request.query)
    departments, agents = await _choices(request)
    context: dict[str, Any] = {
        "filters": filters,
        "departments": departments,
        "agents": agents,
        "overview": None,
        "charts": {},
        "tags": [],
    }
    status = 200
    if filters.query is not None:
        flt = await _stats_filter(request, filters.query)
        try:
            series, agents, overview = await _figures(flt, overview=True)
        except stats.PeriodTooLong as exc:
            filters.errors["from"] = exc.message
        else:
            language = request[LANGUAGE]
            translate = request.app[RENDERER].gettext(language)
            context["charts"] = await _charts(series, agents, language, translate)
            context["overview"] = overview
            # Tickets the FAQ saved in the period (GET /api/v1/stats/deflections).
            context["deflections"] = await faq.deflection_stats(
                flt.created_from,
                flt.created_to,
                department_id=flt.department_id,
                departments=flt.departments,
            )
            context["tags"] = await tagging.stats_by_tag(flt)
    if filters.errors:
        status = 422
    return request.app[RENDERER].page(request, "dashboard.html", context, status=status)


async def dashboard_csv(request: web.Request) -> web.Response:
    name = request.query.get("chart", "")
    if name not in CHARTS:
        raise web.HTTPNotFound(reason="no such chart")
    filters = Filters(request.query)
    if filters.query is None:
        raise web.HTTPUnprocessableEntity(reason="; ".join(filters.errors.values()))
    flt = await _stats_filter(request, filters.query)
    try:
        series, agents, _ = await _figures(flt, overview=False)
    except stats.PeriodTooLong as exc:
        raise web.HTTPUnprocessableEntity(reason=exc.message) from None
    language = request[LANGUAGE]
    charts = await _charts(series, agents, language, request.app[RENDERER].gettext(language))
    chart = charts[name]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    first = N_("agent") if name == "agents" else N_("day")
    first = request.app[RENDERER].gettext(request[LANGUAGE])(first)
    writer.writerow([first, *(csv_cell(d["label"]) for d in chart["datasets"])])
    for i, label in enumerate(chart["labels"]):
        writer.writerow([csv_cell(label), *(csv_cell(d["data"][i]) for d in chart["datasets"])])
    filename = f"helpdesk-{name}-{filters.values['from']}-{filters.values['to']}.csv"
    return web.Response(
        body=buffer.getvalue().encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def register(app: web.Application) -> None:
    app.router.add_get("/dashboard", dashboard)
    app.router.add_get("/dashboard.csv", dashboard_csv)
