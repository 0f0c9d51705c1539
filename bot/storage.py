"""FSM storage in the database, so a half-filled wizard survives a restart.

Redis (aiogram's RedisStorage) replaces it when REDIS_URL is set (bot.app decides).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, KeyBuilder, StorageKey

from bot.redis_errors import redis_error
from models import FsmRecord

log = logging.getLogger(__name__)


def _state_name(state: str | State | None) -> str | None:
    return state.state if isinstance(state, State) else state


@dataclass(slots=True)
class _Record:
    """One FSM key's row as an update sees it: read once, written once at the end."""

    exists: bool
    state: str | None
    data: dict[str, Any]
    dirty: bool = False


# The FSM rows an update has read or written, by key; set for the span of one update
# (bot.middlewares.UpdateScopeMiddleware), None elsewhere (a timer's write goes to the
# table at once).
_session: ContextVar[dict[str, _Record] | None] = ContextVar("fsm_session", default=None)


class DatabaseStorage(BaseStorage):
    """State and data of a key live in one row: within an update it is read once (state
    and data together) and written once, inside the update's transaction (flush)."""

    def __init__(self, key_builder: KeyBuilder | None = None) -> None:
        self.key_builder = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    def _key(self, key: StorageKey) -> str:
        return self.key_builder.build(key)

    async def _record(self, name: str, key: StorageKey) -> _Record:
        session = _session.get()
        if session is not None and name in session:
            return session[name]
        if key.chat_id < 0:
            # Groups (the staff chats) keep no FSM state: nothing to read.
            return _Record(False, None, {})
        if session is not None and key.chat_id == key.user_id:
            # A private chat's first read in an update (the user's lock is held): the
            # row, the customer and the configuration's stamp in one statement.
            from bot.services.prefetch import read_private

            found = await read_private(name, key.user_id)
            record = _Record(found is not None, *(found or (None, {})))
        else:
            row = await FsmRecord.filter(key=name).limit(1).values_list("state", "data")
            record = (
                _Record(True, row[0][0], dict(row[0][1] or {})) if row else _Record(False, None, {})
            )
        if session is not None:
            session[name] = record
        return record

    async def _write(self, name: str, record: _Record) -> None:
        if record.exists:
            await FsmRecord.filter(key=name).update(state=record.state, data=record.data)
        elif record.state is not None or record.data:
            await FsmRecord.create(key=name, state=record.state, data=record.data)
            record.exists = True
        record.dirty = False

    async def _change(self, key: StorageKey, **values: Any) -> None:
        name = self._key(key)
        if key.chat_id < 0:
            if any(values.values()):
                raise ValueError("group chats (the staff chats) keep no FSM state")
            return
        record = await self._record(name, key)
        for field, value in values.items():
            setattr(record, field, value)
        if _session.get() is None:
            await self._write(name, record)
        else:
            record.dirty = True

    async def set_state(self, key: StorageKey, state: str | State | None = None) -> None:
        await self._change(key, state=_state_name(state))

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._record(self._key(key), key)).state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._change(key, data=dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return dict((await self._record(self._key(key), key)).data)

    async def flush(self) -> None:
        """Writes what the update changed (called inside its transaction)."""
        session = _session.get()
        for name, record in (session or {}).items():
            if record.dirty:
                await self._write(name, record)

    async def close(self) -> None:
        """Connections belong to the ORM, which the application closes."""


@contextlib.contextmanager
def fsm_session() -> Iterator[None]:
    """The span of one update for DatabaseStorage: its reads are kept, its writes held
    until flush(); what is not flushed (the update failed) is forgotten."""
    token = _session.set({})
    try:
        yield
    finally:
        _session.reset(token)


UNAVAILABLE = "storage:unavailable"


# Writes to Redis made while an update is handled wait here until its database
# transaction has committed: a handler that fails half-way leaves the wizard where the
# re-delivered update expects it (all or nothing, like the database side).
_pending: ContextVar[dict[str, tuple[StorageKey, str, Any]] | None] = ContextVar(
    "fsm_pending", default=None
)


# A counter per FSM key in Redis, raised after each update's writes are applied. An
# update's journal (kept in its ProcessedUpdate row) notes the counter it found; when
# the update comes again after its transaction committed but its writes were lost (the
# process died, or the connection failed after COMMIT), the writes are applied again
# only if the counter has not moved - nothing newer was written since.
FSM_SEQUENCE = "hd:fsmseq:"


def _key_to_json(key: StorageKey) -> dict[str, Any]:
    return {name: getattr(key, name) for name in StorageKey.__dataclass_fields__}


class FsmWrites:
    """The FSM writes of one update, held until its transaction has committed."""

    def __init__(self, storage: ResilientStorage) -> None:
        self.storage = storage
        self.pending: dict[str, tuple[StorageKey, str, Any]] = {}

    @property
    def _redis(self) -> Any:
        return getattr(self.storage.inner, "redis", None)

    def _sequence_key(self, key: StorageKey) -> str:
        builder = getattr(self.storage.inner, "key_builder", None) or DefaultKeyBuilder()
        return FSM_SEQUENCE + builder.build(key)

    async def journal(self) -> dict[str, Any] | None:
        """What to keep with the update so its writes can be applied again later."""
        if not self.pending or self._redis is None:
            return None
        keys = {self._sequence_key(key): key for key, _, _ in self.pending.values()}
        try:
            counters = await self._redis.mget(list(keys))
        except redis_error():
            return None  # the writes will fail too; nothing to replay
        return {
            "base": {name: int(value or 0) for name, value in zip(keys, counters, strict=True)},
            "writes": [[_key_to_json(k), kind, value] for k, kind, value in self.pending.values()],
        }

    async def apply(self, writes: list[tuple[StorageKey, str, Any]] | None = None) -> None:
        writes = list(self.pending.values()) if writes is None else writes
        inner = self.storage.inner
        for key, kind, value in writes:
            if kind == "state":
                await inner.set_state(key, value)
            else:
                await inner.set_data(key, value)
        if self._redis is not None and writes:
            for name in {self._sequence_key(key) for key, _, _ in writes}:
                await self._redis.incr(name)

    async def replay(self, journal: dict[str, Any] | None) -> int:
        """Applies again the writes of an update handled before whose keys nobody
        wrote since; returns how many were applied."""
        if not journal or self._redis is None:
            return 0
        writes = [(StorageKey(**key), kind, value) for key, kind, value in journal["writes"]]
        names = [self._sequence_key(key) for key, _, _ in writes]
        try:
            counters = await self._redis.mget(names)
            base = journal["base"]
            lost = [
                write
                for write, name, counter in zip(writes, names, counters, strict=True)
                if int(counter or 0) == base.get(name)
            ]
            await self.apply(lost)
        except redis_error() as exc:
            log.warning("FSM state could not be restored (Redis unavailable): %s", exc)
            return 0
        if lost:
            log.warning("FSM writes of an update handled before were lost; applied again")
        return len(lost)


@asynccontextmanager
async def deferred_fsm_writes(storage: BaseStorage) -> AsyncIterator[FsmWrites | None]:
    """Buffers `storage`'s writes for the block; they are applied when it succeeds."""
    if not isinstance(storage, ResilientStorage):
        yield None
        return
    writes = FsmWrites(storage)
    token = _pending.set(writes.pending)
    try:
        yield writes
    finally:
        _pending.reset(token)
    try:
        await writes.apply()
    except redis_error() as exc:
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
        except redis_error() as exc:
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
        except redis_error() as exc:
            log.warning("FSM storage unavailable: %s", exc)
            return {}

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        if not self._buffer(key, "data", dict(data)):
            await self.inner.set_data(key, data)

    async def close(self) -> None:
        with contextlib.suppress(redis_error()):
            await self.inner.close()
