"""Dispatcher middlewares: ordering, at-most-once updates, outbox wake-up."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any, cast

from aiogram import BaseMiddleware
from aiogram.fsm.storage.base import BaseEventIsolation, DefaultKeyBuilder, StorageKey
from aiogram.types import CallbackQuery, TelegramObject, Update
from aiogram.types.update import UpdateTypeLookupError
from tortoise.transactions import in_transaction

from bot.delivery import outbox
from bot.redis_errors import redis_error
from bot.services.scope import update_scope
from bot.storage import (
    DatabaseStorage,
    FsmWrites,
    ResilientStorage,
    deferred_fsm_writes,
    fsm_session,
)
from bot.ui import texts
from models import ProcessedUpdate

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class UserIsolation(BaseEventIsolation):
    """One customer's (one chat member's) updates run one after another, so a
    double-tap or an album is seen in order and cannot open two tickets at once.

    aiogram takes this lock before it reads the FSM state, so each update sees the
    state the previous one left. With Redis (a fleet) the lock is also a short Redis
    lock, so any instance may receive any update; if Redis is down the order is kept
    within this instance only, and serving goes on.
    """

    def __init__(
        self, redis: Any = None, lock_seconds: float = 10.0, wait_seconds: float = 60.0
    ) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._waiters: dict[str, int] = {}
        self._redis = redis
        # The Redis lock expires `lock_seconds` after its holder stops renewing it (an
        # instance killed mid-update); a waiter gives up after `wait_seconds` and goes
        # on unordered rather than fail the update.
        self._lock_seconds = lock_seconds
        self._wait_seconds = wait_seconds
        self._keys = DefaultKeyBuilder(with_bot_id=True)

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncIterator[None]:
        name = self._keys.build(key, "lock")
        local = self._locks.setdefault(name, asyncio.Lock())
        self._waiters[name] = self._waiters.get(name, 0) + 1
        try:
            async with local:
                if self._redis is None:
                    yield
                else:
                    async with self._fleet_lock(name):
                        yield
        finally:
            # (close() may have emptied the tables while an update was still in hand.)
            left = self._waiters.get(name, 1) - 1
            if left:
                self._waiters[name] = left
            else:
                self._waiters.pop(name, None)
                self._locks.pop(name, None)

    @asynccontextmanager
    async def _fleet_lock(self, name: str) -> AsyncIterator[None]:
        fleet_lock = self._redis.lock(
            f"hd:{name}",
            timeout=self._lock_seconds,
            blocking_timeout=self._wait_seconds,
            sleep=0.02,
        )
        try:
            acquired = await fleet_lock.acquire()
        except redis_error() as exc:
            log.warning("Redis unavailable for the user lock (%s); in-process order only", exc)
            acquired = False
        if not acquired:
            yield
            return
        renewing = asyncio.create_task(self._renew(fleet_lock))
        try:
            yield
        finally:
            renewing.cancel()
            with contextlib.suppress(redis_error()):
                await fleet_lock.release()

    async def _renew(self, fleet_lock: Any) -> None:
        """Keeps the lock while the update is handled (a file download may be slow)."""
        while True:
            await asyncio.sleep(self._lock_seconds / 3)
            try:
                await fleet_lock.reacquire()
            except redis_error() as exc:
                log.warning("user lock not renewed: %s", exc)

    async def close(self) -> None:
        self._locks.clear()
        self._waiters.clear()


def _known(update: Update) -> bool:
    try:
        update.event_type  # noqa: B018
    except UpdateTypeLookupError:
        log.info("update %s has no event this bot knows; skipped", update.update_id)
        return False
    return True


class _AlreadyHandled(Exception):
    """Another instance recorded the update first (its transaction is rolled back)."""


class DedupeUpdatesMiddleware(BaseMiddleware):
    """Each update is handled once, all or nothing.

    The update id is recorded in the same database transaction as everything the
    handlers change and queue (tickets, outbox rows), together with the FSM writes the
    update makes in Redis, which are applied only after the commit. A re-delivered
    update finds its id and is skipped - after applying again any of its FSM writes
    that were lost between the commit and Redis. A process killed mid-handler leaves
    nothing behind, not even the id, so the re-delivery handles it afresh.
    """

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        storage = data["fsm_storage"]
        update_id = event.update_id
        try:
            async with deferred_fsm_writes(storage) as fsm, in_transaction():
                # The id first: on PostgreSQL an instance handling the same update at
                # the same time waits here for the other's commit, then skips it.
                if not await _taken(update_id):
                    raise _AlreadyHandled
                # An update of no type aiogram knows (a newer Bot API, or one that
                # could not be read: bot.requests.read_update) is only recorded as taken.
                # What it queues is written in one statement at its end.
                with outbox.batched():
                    result = await handler(event, data) if _known(event) else None
                    await outbox.flush()
                if isinstance(storage, DatabaseStorage):
                    await storage.flush()
                journal = await fsm.journal() if fsm is not None else None
                if journal is not None:
                    await ProcessedUpdate.filter(update_id=update_id).update(fsm=journal)
                return result
        except _AlreadyHandled:
            log.info("update %s already handled; skipped", update_id)
            if isinstance(storage, ResilientStorage):
                seen = cast(
                    list[dict[str, Any] | None],
                    await ProcessedUpdate.filter(update_id=update_id).values_list("fsm", flat=True),
                )
                await FsmWrites(storage).replay(seen[0] if seen else None)
            return None


_TAKE = (
    'INSERT INTO "processed_update" ("update_id", "received_at") VALUES ({}, {}) '
    'ON CONFLICT ("update_id") DO NOTHING RETURNING "update_id"'
)
_TAKE_SQL = {"sqlite": _TAKE.format("?", "?"), "postgres": _TAKE.format("$1", "$2")}


async def _taken(update_id: int) -> bool:
    """Records the update as handled (in the update's transaction); False when it was
    recorded before."""
    db = ProcessedUpdate._meta.db
    sql = _TAKE_SQL[db.capabilities.dialect]
    # (execute_query counts an INSERT's rows wrongly on asyncpg; the rows returned tell.)
    return bool(await db.execute_query_dict(sql, [update_id, datetime.now(UTC)]))


class UpdateScopeMiddleware(BaseMiddleware):
    """Outermost but for aiogram's own (outside its FSM middleware, which reads the state
    first): what the update reads is read once (bot.services.scope), its FSM rows read
    once and written once (bot.storage.DatabaseStorage)."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        with update_scope(), fsm_session():
            return await handler(event, data)


class WakeOutboxMiddleware(BaseMiddleware):
    """After a handler committed, the sender looks at the outbox at once."""

    def __init__(self, wake: Callable[[], None]) -> None:
        self._wake = wake

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        try:
            return await handler(event, data)
        finally:
            self._wake()


class CustomerLanguageMiddleware(BaseMiddleware):
    """Puts the language a customer chose (/language) where the i18n middleware looks."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        from bot.services.customers import preferred_language

        user = data.get("event_from_user")
        chat = data.get("event_chat")
        if user is not None and (chat is None or chat.type == "private"):
            data["customer_language"] = await preferred_language(user.id)
        return await handler(event, data)


class FloodControlMiddleware(BaseMiddleware):
    """A customer sending too much in the private chat is slowed down: past `burst`
    updates in `window` seconds the rest are dropped for the window (told once), so
    neither the bot nor the staff chat is flooded. Counts are shared through Redis when
    a fleet has it. Staff chats are not limited."""

    def __init__(
        self, redis: Any = None, burst: int = 60, window: float = 60.0, clock=time.monotonic
    ) -> None:
        self.burst = burst
        self.window = window
        self._redis = redis
        self._clock = clock
        self._hits: dict[int, deque[float]] = {}

    async def _count(self, user_id: int) -> int:
        """Hits of the user in the current window, this one included."""
        if self._redis is not None:
            try:
                key = f"hd:flood:{user_id}:{int(time.time() // self.window)}"
                count = await self._redis.incr(key)
                if count == 1:
                    await self._redis.expire(key, int(self.window) + 1)
                return int(count)
            except redis_error() as exc:
                log.warning("Redis unavailable for flood control (%s); counting locally", exc)
        now = self._clock()
        hits = self._hits.setdefault(user_id, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        hits.append(now)
        if len(self._hits) > 50_000:
            self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > now - self.window}
        return len(hits)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        """On messages and callback queries (after the i18n middleware)."""
        if isinstance(event, CallbackQuery):
            chat = event.message.chat if event.message is not None else None
        else:
            chat = getattr(event, "chat", None)
        user = getattr(event, "from_user", None)
        if user is None or chat is None or chat.type != "private":
            return await handler(event, data)
        count = await self._count(user.id)
        if count <= self.burst:
            return await handler(event, data)
        if count == self.burst + 1:
            log.warning("user %s is flooding (%s updates); slowed down", user.id, count)
            await outbox.send_text(chat.id, texts.slow_down(int(self.window)))
        if isinstance(event, CallbackQuery):
            with contextlib.suppress(Exception):
                await event.answer()
        return None
