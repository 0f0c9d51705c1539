"""PostgreSQL restarting under load: a transaction whose BEGIN fails on a connection
the server has just killed must give that connection back to the pool. tortoise's own
client kept it; after a few restarts an instance's pool was empty and every query
waited for ever (bot/db_engines/postgres.py)."""

from __future__ import annotations

import asyncio

import pytest
from tortoise.backends.asyncpg.client import TransactionWrapper
from tortoise.transactions import in_transaction

from bot.db import connection
from models import Department

pytestmark = pytest.mark.postgres


# The pool is the PostgreSQL client's.
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_failed_begins_do_not_drain_the_pool(
    db: str, monkeypatch: pytest.MonkeyPatch
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
