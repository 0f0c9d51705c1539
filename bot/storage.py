"""FSM storage in the database, so a half-filled wizard survives a restart.

Redis (aiogram's RedisStorage) replaces it when REDIS_URL is set (bot.app decides).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, KeyBuilder, StorageKey
from redis.exceptions import RedisError

from models import FsmRecord

log = logging.getLogger(__name__)


def _state_name(state: str | State | None) -> str | None:
    return state.state if isinstance(state, State) else state


class DatabaseStorage(BaseStorage):
    def __init__(self, key_builder: KeyBuilder | None = None) -> None:
        self.key_builder = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    def _key(self, key: StorageKey) -> str:
        return self.key_builder.build(key)

    async def set_state(self, key: StorageKey, state: str | State | None = None) -> None:
        name = self._key(key)
        updated = await FsmRecord.filter(key=name).update(state=_state_name(state))
        if not updated and state is not None:
            await FsmRecord.update_or_create(key=name, defaults={"state": _state_name(state)})

    async def get_state(self, key: StorageKey) -> str | None:
        row = await FsmRecord.get_or_none(key=self._key(key)).only("state")
        return row.state if row else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        name = self._key(key)
        updated = await FsmRecord.filter(key=name).update(data=dict(data))
        if not updated and data:
            await FsmRecord.update_or_create(key=name, defaults={"data": dict(data)})

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await FsmRecord.get_or_none(key=self._key(key)).only("data")
        return dict(row.data) if row and row.data else {}

    async def close(self) -> None:
        """Connections belong to the ORM, which the application closes."""


UNAVAILABLE = "storage:unavailable"


# Writes to Redis made while an update is handled wait here until its database
# transaction has committed: a handler that fails half-way leaves the wizard where the
# re-delivered update expects it (all or nothing, like the database side).
_pending: ContextVar[dict[str, tuple[StorageKey, str, Any]] | None] = ContextVar(
    "fsm_pending", default=None
)


@asynccontextmanager
async def deferred_fsm_writes(storage: BaseStorage) -> AsyncIterator[None]:
    """Buffers `storage`'s writes for the block; they are applied when it succeeds."""
    if not isinstance(storage, ResilientStorage):
        yield
        return
    pending: dict[str, tuple[StorageKey, str, Any]] = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    try:
        for key, kind, value in pending.values():
            if kind == "state":
                await storage.inner.set_state(key, value)
            else:
                await storage.inner.set_data(key, value)
    except RedisError as exc:
        log.warning("FSM state could not be saved (Redis unavailable): %s", exc)


class ResilientStorage(BaseStorage):
    """Redis FSM storage that degrades clearly: while Redis is down every customer is
    in the UNAVAILABLE state (a handler says "try again in a minute"), writes fail into
    the error handler, and nothing crashes; when Redis is back all works again."""

    def __init__(self, inner: BaseStorage) -> None:
        self.inner = inner

    @staticmethod
    def _buffered(key: StorageKey, kind: str) -> tuple[bool, Any]:
        pending = _pending.get()
        name = f"{kind}:{key}"
        if pending is not None and name in pending:
            return True, pending[name][2]
        return False, None

    @staticmethod
    def _buffer(key: StorageKey, kind: str, value: Any) -> bool:
        pending = _pending.get()
        if pending is None:
            return False
        pending[f"{kind}:{key}"] = (key, kind, value)
        return True

    async def get_state(self, key: StorageKey) -> str | None:
        found, value = self._buffered(key, "state")
        if found:
            return value
        try:
            return await self.inner.get_state(key)
        except RedisError as exc:
            log.warning("FSM storage unavailable: %s", exc)
            return UNAVAILABLE

    async def set_state(self, key: StorageKey, state: str | State | None = None) -> None:
        if not self._buffer(key, "state", _state_name(state)):
            await self.inner.set_state(key, state)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        found, value = self._buffered(key, "data")
        if found:
            return dict(value)
        try:
            return await self.inner.get_data(key)
        except RedisError as exc:
            log.warning("FSM storage unavailable: %s", exc)
            return {}

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        if not self._buffer(key, "data", dict(data)):
            await self.inner.set_data(key, data)

    async def close(self) -> None:
        with contextlib.suppress(RedisError):
            await self.inner.close()
