"""tortoise's asyncpg client with one fault fixed: a transaction whose BEGIN fails
(the pooled connection was killed a moment before - a PostgreSQL restart) gave its
connection back to nobody. Each such failure shrank the pool for good; after a few
restarts under load an instance waited for a connection for ever."""

from __future__ import annotations

from typing import Any

from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper
from tortoise.backends.base.client import TransactionContext, TransactionContextPooled
from tortoise.connection import get_connections


class _PooledTransaction(TransactionContextPooled):
    async def __aenter__(self) -> Any:
        await self.ensure_connection()
        pool = self.client._parent._pool
        self.client._connection = await pool.acquire()
        self.token = get_connections().set(self.connection_name, self.client)
        try:
            await self.client.begin()
        except BaseException:
            get_connections().reset(self.token)
            await pool.release(self.client._connection)
            raise
        return self.client


class PostgresClient(AsyncpgDBClient):
    def _in_transaction(self) -> TransactionContext:
        return _PooledTransaction(TransactionWrapper(self), self._pool_init_lock)


client_class = PostgresClient
