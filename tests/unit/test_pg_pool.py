"""PostgreSQL restarting under load: a transaction whose BEGIN fails on a connection
the server has just killed must give that connection back to the pool. tortoise's own
client kept it; after a few restarts an instance's pool was empty and every query
waited for ever (bot/db_engines/postgres.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from tortoise import Tortoise, connections
from tortoise.backends.asyncpg.client import TransactionWrapper
from tortoise.transactions import in_transaction

from bot.db import connection, tortoise_config
from models import Department
from tests.conftest import POSTGRES_URL, create_pg_database, drop_pg_database

pytestmark = pytest.mark.postgres


@pytest.fixture
async def pg_db(migrated_templates: dict[str, str]) -> AsyncIterator[str]:
    """PostgreSQL only (the pool is the PostgreSQL client's): a fresh migrated copy."""
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set (CI sets it)")
    url = await create_pg_database(template=migrated_templates["postgres"])
    await Tortoise.init(config=tortoise_config(url))
    try:
        yield url
    finally:
        await connections.close_all()
        await drop_pg_database(url)


async def test_failed_begins_do_not_drain_the_pool(
    pg_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await Department.all().count()  # the pool is made on first use
    pool = connection()._pool
    size = pool.get_max_size()
    real_begin = TransactionWrapper.begin

    async def killed(self: TransactionWrapper) -> None:
        raise ConnectionResetError("connection was closed in the middle of operation")

    monkeypatch.setattr(TransactionWrapper, "begin", killed)
    for _ in range(size * 2):
        with pytest.raises(ConnectionResetError):
            async with in_transaction():
                pass
    monkeypatch.setattr(TransactionWrapper, "begin", real_begin)

    async def work() -> int:
        async with in_transaction():
            await Department.create(name="After the restart")
        return await Department.filter(name="After the restart").count()

    # Every connection is back: this neither waits for one nor fails.
    assert await asyncio.wait_for(work(), timeout=10) == 1
    assert pool.get_idle_size() == pool.get_size()  # nothing is held by anyone
