"""`helpdesk stats rebuild`: the real CLI recounts the statistics' roll-ups of rows
written around the services (an import), and what it counts is what they count."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from tortoise import Tortoise, connections

from bot.db import migrate, tortoise_config
from bot.i18n import create_i18n
from bot.services import stats, tickets
from models import Customer, Department, Message, Priority, Status, Ticket
from models.enums import MessageKind, StatusRole, TicketSource
from tests.e2e.conftest import run_cli


async def _overview(url: str) -> tuple[int, int, int]:
    """Tickets, closed ones and answers: counted from the roll-ups."""
    await Tortoise.init(config=tortoise_config(url))
    try:
        overview = await stats.overview(stats.StatsFilter())
        return overview.total, overview.processed, overview.figures.answers_sent
    finally:
        await connections.close_all()


async def test_stats_rebuild_counts_imported_rows(tmp_path):
    url = f"sqlite://{tmp_path / 'helpdesk.sqlite3'}"
    await migrate(url)
    await Tortoise.init(config=tortoise_config(url))
    try:
        billing = await Department.create(name="Billing")
        dora = await Customer.create(telegram_id=4_242_000_001, first_name="Dora")
        with create_i18n("en").context():
            await tickets.open_ticket(
                customer=dora,
                department_id=billing.id,
                category_id=None,
                priority_id=None,
                subject="Through the desk",
                text="Hello",
                source=TicketSource.TELEGRAM,
                actor=tickets.SYSTEM,
            )
        # Imported: written straight into the tables.
        created = datetime(2025, 5, 2, 9, tzinfo=UTC)
        imported = await Ticket.create(
            number=90001,
            customer=dora,
            department=billing,
            priority=await Priority.get(is_default=True),
            status=await Status.get(role=StatusRole.CLOSED),
            subject="Imported",
            created_at=created,
            first_response_at=created + timedelta(minutes=7),
            closed_at=created + timedelta(hours=2),
        )
        await Message.create(ticket=imported, kind=MessageKind.AGENT, text="Done", rating=1)
    finally:
        await connections.close_all()
    assert await _overview(url) == (1, 0, 0)  # the desk counted its own ticket only

    env = dict(os.environ, DATABASE_URL=url)
    env.pop("REDIS_URL", None)
    code, out, err = await run_cli(env, "stats", "rebuild")
    assert (code, out, err) == (0, "statistics recounted from the tickets and messages", "")
    assert await _overview(url) == (2, 1, 1)
