"""aerich migrations: in sync with the models, upgrade fresh and populated databases.

aerich keeps its state in class attributes, so generation runs in subprocesses.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tortoise import Tortoise, connections

from bot.db import DIALECTS, MIGRATIONS_DIR, migrate, tortoise_config
from tests.conftest import BACKENDS, create_pg_database, drop_pg_database

ROOT = Path(__file__).resolve().parents[2]


def _versions(dialect: str) -> list[Path]:
    folder = MIGRATIONS_DIR / dialect / "models"
    return sorted(folder.glob("[0-9]*_*.py"), key=lambda p: int(p.name.split("_", 1)[0]))


def test_every_dialect_has_the_same_steps():
    steps = {d: [p.name.split("_", 1)[0] for p in _versions(d)] for d in DIALECTS}
    assert steps["sqlite"], "no migrations"
    assert steps["sqlite"] == steps["postgres"]


def test_migrations_match_the_models():
    result = subprocess.run(
        [sys.executable, "-m", "bot", "makemigrations", "--check"],
        capture_output=True,
        text=True,
        cwd="/",  # the command must find its folders from anywhere
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "sqlite: migrations match the models" in result.stdout
    assert "postgres: migrations match the models" in result.stdout


def test_drift_is_detected(tmp_path):
    """Against a folder that lacks the models' tables, the check generates a migration."""
    script = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from bot.db import make_migration\n"
        "print(asyncio.run(make_migration('sqlite', 'x', root=Path(sys.argv[1]))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("0_")
    generated = next((tmp_path / "sqlite" / "models").glob("0_*.py")).read_text()
    assert (
        'CREATE TABLE IF NOT EXISTS "ticket"' in generated or 'CREATE TABLE "ticket"' in generated
    )


async def _url_for(backend: str, tmp_path: Path) -> str:
    if backend == "postgres":
        return await create_pg_database()
    return f"sqlite://{tmp_path / 'stairs.sqlite3'}"


SEED_SQL = [
    "INSERT INTO customer (telegram_id, first_name, last_name, active, support_level, blocked_bot,"
    " banned, ban_reason, created_at, updated_at) VALUES (501, 'Ann', '', {t}, 'standard', {f},"
    " {f}, '', {now}, {now})",
    'INSERT INTO department (name, description, visible, "order", active, created_at, updated_at)'
    " VALUES ('Billing', '', {t}, 0, {t}, {now}, {now})",
    "INSERT INTO priority (name, level, color, active) VALUES ('p9', 9, '', {t})",
    "INSERT INTO status (name, translations, color, settable_by, available, shown_by_default,"
    ' customer_can_reply, is_final, "order")'
    " VALUES ('s9', '{{}}', '', 'all', {t}, {t}, {t}, {f}, 0)",
    "INSERT INTO ticket (number, customer_id, department_id, priority_id, status_id, subject,"
    " source, created_at, updated_at, sla_state, archived, customer_unread)"
    " SELECT 77001, c.id, d.id, p.id, s.id, 'old ticket', 'telegram', {now}, {now}, 'ok', {f}, 0"
    " FROM customer c, department d, priority p, status s"
    " WHERE c.telegram_id = 501 AND d.name = 'Billing' AND p.level = 9 AND s.name = 's9'",
    "INSERT INTO message (ticket_id, kind, text, created_at)"
    " SELECT id, 'customer', 'it broke', {now} FROM ticket WHERE number = 77001",
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("first_steps", [1, None], ids=["from-first", "from-head"])
async def test_populated_database_upgrades_without_losing_rows(backend, first_steps, tmp_path):
    """Rows written at the first migration are all there after upgrading to head."""
    dialect = "sqlite" if backend == "sqlite" else "postgres"
    url = await _url_for(backend, tmp_path)
    versions = _versions(dialect)
    partial_root = tmp_path / "partial"
    target = partial_root / dialect / "models"
    target.mkdir(parents=True)
    for path in versions[: first_steps or len(versions)]:
        shutil.copy(path, target / path.name)
    try:
        await migrate(url, root=partial_root)
        await Tortoise.init(config=tortoise_config(url))
        conn = connections.get(dialect)
        true, false = ("1", "0") if dialect == "sqlite" else ("TRUE", "FALSE")
        now = "CURRENT_TIMESTAMP"
        for sql in SEED_SQL:
            await conn.execute_script(sql.format(t=true, f=false, now=now))
        tables = ["customer", "department", "ticket", "message", "status", "priority"]
        before = {
            t: (await conn.execute_query(f"SELECT COUNT(*) AS n FROM {t}"))[1][0]["n"]
            for t in tables
        }
        await connections.close_all()

        applied = await migrate(url)  # the real folder: upgrade to head
        assert len(applied) == len(versions) - (first_steps or len(versions))

        await Tortoise.init(config=tortoise_config(url))
        from models import Message, Ticket

        conn = connections.get(dialect)
        after = {
            t: (await conn.execute_query(f"SELECT COUNT(*) AS n FROM {t}"))[1][0]["n"]
            for t in tables
        }
        assert after == before
        ticket = await Ticket.get(number=77001).prefetch_related("customer", "messages")
        assert ticket.customer.telegram_id == 501
        assert [m.text for m in ticket.messages] == ["it broke"]
        assert await Message.filter(ticket=ticket).count() == 1
    finally:
        await connections.close_all()
        if backend == "postgres":
            await drop_pg_database(url)


async def test_sqlite_search_indexes_are_filled_from_the_rows_there(tmp_path):
    """Migration 10 (FTS5) indexes the subjects and messages written before it, and
    keeps the index in step from then on."""
    from bot.services.ticket_queries import TicketFilter, list_tickets
    from bot.services.tickets import Actor
    from models import Message, Ticket
    from models.enums import ActorType, MessageKind

    url = f"sqlite://{tmp_path / 'fts.sqlite3'}"
    partial_root = tmp_path / "partial"
    target = partial_root / "sqlite" / "models"
    target.mkdir(parents=True)
    earlier = [p for p in _versions("sqlite") if int(p.name.split("_", 1)[0]) < 10]
    for path in earlier:
        shutil.copy(path, target / path.name)
    actor = Actor(ActorType.API, "test", departments=None)

    async def found(q: str) -> list[int]:
        page = await list_tickets(TicketFilter(q=q), actor)
        return [ticket.number for ticket in page.rows]

    try:
        await migrate(url, root=partial_root)
        await Tortoise.init(config=tortoise_config(url))
        conn = connections.get("sqlite")
        for sql in SEED_SQL:
            await conn.execute_script(sql.format(t="1", f="0", now="CURRENT_TIMESTAMP"))
        await conn.execute_script(
            "INSERT INTO message (ticket_id, kind, text, created_at) SELECT id, 'agent',"
            " 'Старый ПРИНТЕР', CURRENT_TIMESTAMP FROM ticket WHERE number = 77001"
        )
        await connections.close_all()

        applied = await migrate(url)
        assert applied[0].startswith("10_")

        await Tortoise.init(config=tortoise_config(url))
        conn = connections.get("sqlite")
        assert await found("OLD tick") == [77001]  # the subject
        assert await found("It Broke") == [77001]
        assert await found("старый принтер") == [77001]
        assert await found("нет такого") == []
        ticket = await Ticket.get(number=77001)
        await Message.create(ticket=ticket, kind=MessageKind.NOTE, text="Новая заметка")
        assert await found("ЗАМЕТКА") == [77001]
        for table in ("ticket_subject_fts", "message_text_fts"):
            await conn.execute_script(
                f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)"
            )
    finally:
        await connections.close_all()
