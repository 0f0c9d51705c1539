"""The admin API at scale: a generator seeds realistic tickets and messages straight in
SQL (1,000,000 tickets / 5,000,000 messages on PostgreSQL, 200,000 / 1,000,000 on
SQLite), then the API (in process, real HTTP) is timed on the common reads."""

from __future__ import annotations

import re
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from tortoise import Tortoise, connections

from admin_api import create_admin_app
from bench.common import TOKEN, Timer, database, summary_ms
from bot.config import Settings
from bot.db import connection, tortoise_config
from bot.services import rollups, stats
from bot.services.ticket_queries import TicketFilter, encode_cursor, list_statements
from bot.services.tickets import Actor
from console import create_console_app
from models.enums import ActorType

ADMIN = "bench-admin"
TIMEOUT_SECONDS = 30
# The same indexes as migrations/postgres/models/3_*_search_trigram.py.
TRIGRAM_INDEXES = """
    CREATE INDEX IF NOT EXISTS "idx_message_text_trgm" ON "message"
        USING gin ((UPPER(CAST("text" AS VARCHAR))) gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "idx_ticket_subject_trgm" ON "ticket"
        USING gin ((UPPER(CAST("subject" AS VARCHAR))) gin_trgm_ops);
"""
PHRASES = [
    "Invoice charged twice",
    "Payment not credited",
    "VPN drops every hour",
    "Cannot log in to the account",
    "Refund request",
    "Router shows red light",
    "Slow internet in the evening",
    "Change of tariff",
    "Wrong address on the bill",
    "Email bounces back",
    "Password reset link expired",
    "Website is down",
    "SSL certificate renewal",
    "Domain transfer",
    "Backup restore request",
    "Phone line crackles",
]


def _seed_sql(dialect: str, tickets: int, messages_per_ticket: int) -> list[str]:
    """Departments, categories, agents, customers, then tickets and messages."""
    if dialect == "postgres":
        rnd = "random()"
        series = "generate_series(1, {n}) AS g(i)"
        ago = "now() - (random() * interval '730 days')"
    else:
        rnd = "(abs(random()) / 9223372036854775807.0)"
        series = (
            "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) "
            "SELECT i FROM s) AS g"
        )
        ago = "datetime('now', '-' || (abs(random()) % 63072000) || ' seconds')"

    def choose(items: list[str]) -> str:
        """One of the quoted phrases, uniformly (a CASE works in both dialects)."""
        index = (
            f"floor(random() * {len(items)})::int"
            if dialect == "postgres"
            else f"(abs(random()) % {len(items)})"
        )
        cases = " ".join(f"WHEN {n} THEN '{item}'" for n, item in enumerate(items))
        return f"(CASE {index} {cases} END)"

    departments = [f"Department {i}" for i in range(1, 9)]
    sql = [
        'INSERT INTO department (name, description, visible, "order", active, created_at, '
        "updated_at) VALUES "
        + ", ".join(
            f"('{d}', '', TRUE, {n}, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            for n, d in enumerate(departments)
        ),
        'INSERT INTO category (department_id, name, color, "order", active, created_at) '
        "SELECT d.id, 'Category ' || c.n, '', c.n, TRUE, CURRENT_TIMESTAMP FROM department d, "
        "(SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) c",
        "INSERT INTO agent (telegram_id, name, role, active, on_duty, created_at) SELECT "
        "900000 + i, 'Agent ' || i, 'agent', TRUE, TRUE, CURRENT_TIMESTAMP FROM "
        + series.format(n=40),
        "INSERT INTO customer (telegram_id, first_name, last_name, active, support_level, "
        "blocked_bot, banned, ban_reason, created_at, updated_at) SELECT 1000000 + i, "
        "'Customer', '' || i, TRUE, 'standard', FALSE, FALSE, '', CURRENT_TIMESTAMP, "
        "CURRENT_TIMESTAMP FROM " + series.format(n=max(tickets // 5, 10)),
    ]
    ticket_sql = f"""
        INSERT INTO ticket (number, customer_id, department_id, category_id, priority_id,
            status_id, subject, assignee_id, source, created_at, updated_at,
            first_response_at, resolved_at, closed_at, sla_state, archived, customer_unread,
            csat)
        SELECT x.i + 1000, x.customer, x.department,
            (SELECT min(c.id) FROM category c WHERE c.department_id = x.department),
            x.priority, x.status, x.subject || ' #' || x.i, x.agent, 'telegram',
            x.created, x.created + interval_hours,
            x.created + interval_first,
            CASE WHEN x.i % 5 >= 3 THEN x.created + interval_resolution END,
            CASE WHEN x.i % 5 = 4 THEN x.created + interval_closed END,
            'ok', FALSE, 0, x.csat
        FROM (
            SELECT i,
                (SELECT min(id) FROM customer) + (i % {max(tickets // 5, 10)}) AS customer,
                (SELECT min(id) FROM department) + (i % 8) AS department,
                (SELECT min(id) FROM priority) + (i % 4) AS priority,
                (SELECT min(id) FROM status) + (i % 5) AS status,
                {choose(PHRASES)} AS subject,
                CASE WHEN i % 3 = 0 THEN NULL
                    ELSE (SELECT min(id) FROM agent) + (i % 40) END AS agent,
                {ago} AS created,
                CASE WHEN i % 4 = 0 THEN NULL ELSE 1 + (i % 5) END AS csat
            FROM {series.format(n=tickets)}
        ) x
    """
    if dialect == "postgres":
        ticket_sql = (
            ticket_sql.replace("interval_hours", f"({rnd} * interval '48 hours')")
            .replace("interval_first", f"({rnd} * interval '8 hours')")
            .replace("interval_resolution", f"({rnd} * interval '72 hours')")
            .replace("interval_closed", f"({rnd} * interval '96 hours')")
        )
    else:
        ticket_sql = ticket_sql.replace(
            "x.created + interval_hours",
            "datetime(x.created, '+' || (abs(random()) % 172800) || ' seconds')",
        ).replace(
            "x.created + interval_first",
            "datetime(x.created, '+' || (abs(random()) % 28800) || ' seconds')",
        )
        for name, seconds in (("interval_resolution", 259200), ("interval_closed", 345600)):
            ticket_sql = ticket_sql.replace(
                f"x.created + {name}",
                f"datetime(x.created, '+' || (abs(random()) % {seconds}) || ' seconds')",
            )
    sql.append(ticket_sql)
    kinds = "CASE WHEN k % 2 = 1 THEN 'customer' ELSE 'agent' END"
    if dialect == "postgres":
        later = "t.created_at + k * interval '1 hour'"
        rows = f"generate_series(1, {messages_per_ticket}) AS m(k)"
    else:
        later = "datetime(t.created_at, '+' || k || ' hours')"
        rows = (
            "(WITH RECURSIVE s(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s "
            f"WHERE k < {messages_per_ticket}) SELECT k FROM s) m"
        )
    messages = f"""
        INSERT INTO message (ticket_id, kind, author_customer_id, author_agent_id, text,
            created_at)
        SELECT t.id, {kinds},
            CASE WHEN k % 2 = 1 THEN t.customer_id END,
            CASE WHEN k % 2 = 0 THEN t.assignee_id END,
            {choose(PHRASES)} || ' — details ' || t.number || '/' || k,
            {later}
        FROM ticket t, {rows}
    """
    sql.append(messages)
    sql.append(f"UPDATE counter SET value = {tickets + 1000} WHERE name = 'ticket'")
    return sql


async def _timed(client: TestClient, path: str, runs: int) -> dict[str, Any]:
    """Latencies of `runs` requests; a request cut by the statement timeout ends the
    series and is reported as such."""
    headers = {"Authorization": f"Bearer {ADMIN}"}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        async with client.get(path, headers=headers) as response:
            await response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                return {
                    "timeout": True,
                    "p50": elapsed * 1000,
                    "p95": elapsed * 1000,
                    "p99": elapsed * 1000,
                    "mean": elapsed * 1000,
                }
        times.append(elapsed)
    return summary_ms(times)


async def _console_sign_in(client: TestClient) -> None:
    """A console session in the client's cookie jar (the bootstrap admin token)."""
    async with client.get("/console/login") as page:
        csrf = re.search(r'name="csrf" value="([^"]+)"', await page.text())
    assert csrf is not None
    form = {"token": ADMIN, "csrf": csrf.group(1), "next": "/console/dashboard"}
    async with client.post("/console/login", data=form) as response:
        assert response.status == 200, response.status


async def measure(backend: str, tickets: int, messages_per_ticket: int = 5, runs: int = 30):
    with tempfile.TemporaryDirectory() as workdir:
        async with database(backend, workdir) as url:
            db = connection()
            dialect = "postgres" if backend == "postgres" else "sqlite"
            with Timer() as seeding:
                if dialect == "postgres":
                    # Bulk loads build big indexes once at the end, as a DBA would.
                    await db.execute_script(
                        'DROP INDEX IF EXISTS "idx_message_text_trgm"; '
                        'DROP INDEX IF EXISTS "idx_ticket_subject_trgm";'
                    )
                for statement in _seed_sql(dialect, tickets, messages_per_ticket):
                    await db.execute_script(statement)
                # Rows written straight in SQL: the statistics' roll-ups are counted by
                # the migration's own backfill, as for a database upgraded to them.
                with Timer() as counting:
                    await db.execute_script(rollups.backfill_sql(dialect))
                if dialect == "postgres":
                    # VACUUM as well: autovacuum would soon mark the loaded pages
                    # all-visible (index-only scans) anyway; here it is done, not raced.
                    await db.execute_script(TRIGRAM_INDEXES)
                    await db.execute_script("VACUUM ANALYZE")
            if dialect == "postgres":
                # A query that goes wrong at this scale is reported, not waited for.
                name = url.rsplit("/", 1)[1]
                await db.execute_script(
                    f"ALTER DATABASE \"{name}\" SET statement_timeout = '{TIMEOUT_SECONDS}s'"
                )
                await connections.close_all()
                await Tortoise.init(config=tortoise_config(url))
                db = connection()
            settings = Settings(
                bot_token=TOKEN,
                database_url=url,
                admin_token=ADMIN,
                attachments_dir=f"{workdir}/files",
                _env_file=None,
            )
            root = web.Application()
            root.add_subapp("/api", create_admin_app(settings, wake_outbox=lambda: None))
            root.add_subapp("/console", create_console_app(settings, wake_outbox=lambda: None))
            client = TestClient(TestServer(root))
            await client.start_server()
            try:
                await _console_sign_in(client)
                # 10,000 pages of 50 deep when there are that many, else half-way.
                deep_offset = 500_000 if tickets > 500_000 else tickets // 2
                _, rows = await db.execute_query(
                    "SELECT updated_at, id FROM ticket ORDER BY updated_at DESC, id DESC "
                    f"LIMIT 1 OFFSET {deep_offset}"
                )
                deep = dict(rows[0])
                updated = deep["updated_at"]
                if isinstance(updated, str):
                    from datetime import datetime

                    updated = datetime.fromisoformat(updated)
                cursor = encode_cursor(updated, deep["id"])
                _, one = await db.execute_query(
                    "SELECT id FROM ticket ORDER BY id LIMIT 1 OFFSET 777"
                )
                ticket_id = dict(one[0])["id"]
                _, dep = await db.execute_query("SELECT min(id) AS id FROM department")
                department = dict(dep[0])["id"]
                depth = "10,000" if tickets > 500_000 else "half-way"
                tickets_url = "/api/v1/tickets?limit=50"
                year_ago = "2025-11-23T00:00:00Z"
                # Bounds inside months at a time of day: the parts of a day from the
                # tickets, whole days from the daily rows, and the durations of the two
                # partial months from the tickets (the heaviest period to read).
                inside = "created_from=2026-01-02T12:00:00Z&created_to=2026-03-30T12:00:00Z"
                cases = {
                    "list, first page (department + open)": (
                        f"{tickets_url}&department_id={department}&status_role=new"
                    ),
                    "list, first page (no filter)": tickets_url,
                    f"list, page {depth} deep (cursor)": f"{tickets_url}&cursor={cursor}",
                    "search: a rare token (#number)": f"{tickets_url}&q=%23{tickets // 3}",
                    "search: a phrase in messages": f"{tickets_url}&q=certificate%20renewal",
                    # Rare, in capitals: one message of one ticket.
                    "search: one message's text": (
                        f"{tickets_url}&q=DETAILS%20{1000 + tickets // 7}/3"
                    ),
                    # Under three characters no trigram index serves; nothing matches.
                    "search: two characters": f"{tickets_url}&q=zq",
                    "ticket detail": f"/api/v1/tickets/{ticket_id}",
                    "ticket messages": f"/api/v1/tickets/{ticket_id}/messages",
                    "stats overview (all time)": "/api/v1/stats",
                    "stats overview over a year": f"/api/v1/stats?created_from={year_ago}",
                    "stats by agent over a year": f"/api/v1/stats/by-agent?created_from={year_ago}",
                    "stats by status over a year": (
                        f"/api/v1/stats/by-status?created_from={year_ago}"
                    ),
                    "stats by agent, Jan 2 noon to Mar 30 noon": (
                        f"/api/v1/stats/by-agent?{inside}"
                    ),
                    "stats by agent of one department, all time": (
                        f"/api/v1/stats/by-agent?department_id={department}"
                    ),
                }
                # The console's pages, server-side (the HTML, not the browser's drawing):
                # the dashboard of the last 30 days is stats.overview, stats.daily and
                # stats.by_agent; the list is the API's list; the page one ticket's.
                cases.update(
                    {
                        "console: dashboard, last 30 days": "/console/dashboard",
                        "console: dashboard, 30 days, one department": (
                            f"/console/dashboard?department_id={department}"
                        ),
                        "console: ticket list": "/console/tickets",
                        "console: ticket list, a search": "/console/tickets?q=certificate",
                        "console: ticket page": f"/console/tickets/{ticket_id}",
                    }
                )
                results: dict[str, Any] = {}
                for name, path in cases.items():
                    heavy = name.startswith("search: two")
                    results[name] = await _timed(client, path, max(3, runs // 6) if heavy else runs)
                side_by_side = await _side_by_side(year_ago, inside, max(3, runs // 6), runs)
                explain = await _explain(db, dialect)
                rollup_rows = {}
                for table in ("stats_count", "stats_histogram"):
                    _, counted = await db.execute_query(f"SELECT COUNT(*) AS n FROM {table}")
                    rollup_rows[table] = dict(counted[0])["n"]
            finally:
                await client.close()
            return {
                "backend": backend,
                "tickets": tickets,
                "seed_seconds": seeding.seconds,
                "rollup_seconds": counting.seconds,
                "rollup_rows": rollup_rows,
                "results": results,
                "stats_side_by_side": side_by_side,
                "explain": explain,
            }


async def _side_by_side(
    year_ago: str, inside: str, runs_counted: int, runs: int
) -> dict[str, dict[str, Any]]:
    """Reports in process, read from the roll-ups and counted from the tickets as the
    endpoints did before them (the service's own path for one customer's reports,
    given every report here): p50 / p95 ms of each, measured in the same run."""
    since = datetime.fromisoformat(year_ago)
    bounds = dict(part.split("=") for part in inside.split("&"))
    period = {k: datetime.fromisoformat(v) for k, v in bounds.items()}
    reports: dict[str, tuple[Any, stats.StatsFilter]] = {
        "overview (all time)": (stats.overview, stats.StatsFilter()),
        "overview over a year": (stats.overview, stats.StatsFilter(created_from=since)),
        "by agent over a year": (stats.by_agent, stats.StatsFilter(created_from=since)),
        "by status over a year": (stats.by_status, stats.StatsFilter(created_from=since)),
        "by agent, Jan 2 noon to Mar 30 noon": (stats.by_agent, stats.StatsFilter(**period)),
    }

    async def timed(report: Any, flt: stats.StatsFilter, n: int) -> dict[str, float]:
        times = []
        for _ in range(n):
            started = time.perf_counter()
            await report(flt)
            times.append(time.perf_counter() - started)
        return summary_ms(times)

    out: dict[str, dict[str, Any]] = {}
    for name, (report, flt) in reports.items():
        out[name] = {"rollups": await timed(report, flt, runs)}
    rolled = stats._collect

    async def from_tickets(
        flt: stats.StatsFilter, group: str | None, *, answers: bool = False
    ) -> dict[Any, stats.Figures]:
        figures: dict[Any, stats.Figures] = defaultdict(stats.Figures)
        await stats._from_tickets(flt, group, figures, answers=answers)
        return figures

    stats._collect = from_tickets  # (this benchmark's process only)
    try:
        for name, (report, flt) in reports.items():
            out[name]["tickets"] = await timed(report, flt, runs_counted)
    finally:
        stats._collect = rolled
    return out


async def _explain(db: Any, dialect: str) -> str:
    """The plans of the free-text search, the slowest list request: every statement
    list_tickets sends for `q=certificate renewal` (a phrase in about a quarter of the
    tickets' messages and a sixteenth of their subjects), as the code builds them."""
    actor = Actor(ActorType.API, "bench", departments=None)
    statements = await list_statements(TicketFilter(q="certificate renewal"), actor)
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if dialect == "postgres" else "EXPLAIN QUERY PLAN "
    out = []
    for name, (sql, params) in statements.items():
        out.append(f"-- {name}")
        plan = ""
        for attempt in (prefix, "EXPLAIN "):
            try:
                _, rows = await db.execute_query(attempt + sql, params)
            except Exception as exc:
                plan = f"({attempt.strip()} failed: {exc})"
                continue
            plan = "\n".join(" | ".join(str(v) for v in dict(r).values()) for r in rows)
            break
        out.append(plan)
    return "\n".join(out)
