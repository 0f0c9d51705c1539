"""An update's FSM writes (in Redis) are applied only after its database transaction
committed. When they are lost after the commit (the connection failed after COMMIT,
the process died, Redis blinked), the update is re-delivered, found handled, and its
writes are applied again from its journal - unless something newer was written."""

from __future__ import annotations

import random
from typing import Any

import pytest
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from aiogram.types import Update
from redis.exceptions import ConnectionError as RedisConnectionError

from bot.middlewares import DedupeUpdatesMiddleware
from bot.storage import FsmWrites, ResilientStorage
from models import Customer, ProcessedUpdate

pytestmark = pytest.mark.redis


@pytest.fixture
async def storage(redis_url: str):
    inner = RedisStorage.from_url(redis_url)
    yield ResilientStorage(inner)
    await inner.close()


def _update(update_id: int, user_id: int) -> Update:
    return Update.model_validate(
        {
            "update_id": update_id,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": user_id, "type": "private"},
                "from": {"id": user_id, "is_bot": False, "first_name": "C"},
                "text": "hello",
            },
        }
    )


def _handler(storage: ResilientStorage, key: StorageKey, state: str):
    """What a wizard step does: a database change and an FSM write."""

    async def handle(event: Any, data: dict[str, Any]) -> str:
        await Customer.create(telegram_id=key.user_id + event.update_id, first_name=state)
        await storage.set_state(key, state)
        await storage.set_data(key, {"step": state})
        return state

    return handle


def _customer(storage: ResilientStorage):
    """A customer of this test's own, the middleware and the data aiogram passes."""
    user = random.randint(10**9, 2 * 10**9)
    key = StorageKey(bot_id=1, chat_id=user, user_id=user)
    return user, key, DedupeUpdatesMiddleware(), {"fsm_storage": storage}


async def _lose_writes_once(monkeypatch: pytest.MonkeyPatch) -> None:
    real = FsmWrites.apply
    calls = {"n": 0}

    async def flaky(self: FsmWrites, writes: Any = None) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RedisConnectionError("Connection reset by peer")
        await real(self, writes)

    monkeypatch.setattr(FsmWrites, "apply", flaky)


async def test_writes_lost_after_the_commit_are_applied_when_the_update_returns(
    db: str, storage: ResilientStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, key, middleware, data = _customer(storage)
    await _lose_writes_once(monkeypatch)

    result = await middleware(_handler(storage, key, "subject"), _update(501, user), data)

    # The transaction committed, the write to Redis did not happen.
    assert result == "subject"
    assert await Customer.filter(first_name="subject").count() == 1
    assert await storage.get_state(key) is None
    journal = await ProcessedUpdate.get(update_id=501)
    assert journal.fsm is not None and len(journal.fsm["writes"]) == 2

    # Telegram delivers the update again: it is not handled twice, the state returns.
    again = await middleware(_handler(storage, key, "subject"), _update(501, user), data)
    assert again is None
    assert await Customer.filter(first_name="subject").count() == 1
    assert await storage.get_state(key) == "subject"
    assert await storage.get_data(key) == {"step": "subject"}

    # A third delivery changes nothing either.
    await middleware(_handler(storage, key, "subject"), _update(501, user), data)
    assert await storage.get_state(key) == "subject"


async def test_a_late_redelivery_does_not_overwrite_a_newer_state(
    db: str, storage: ResilientStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, key, middleware, data = _customer(storage)
    await _lose_writes_once(monkeypatch)
    await middleware(_handler(storage, key, "subject"), _update(601, user), data)
    assert await storage.get_state(key) is None

    # The customer goes on (the next update is handled and written) before the first
    # one comes back: the old writes must not win.
    await middleware(_handler(storage, key, "description"), _update(602, user), data)
    assert await storage.get_state(key) == "description"
    await middleware(_handler(storage, key, "subject"), _update(601, user), data)
    assert await storage.get_state(key) == "description"
    assert await storage.get_data(key) == {"step": "description"}


async def test_a_handler_that_fails_leaves_neither_the_update_nor_the_state(
    db: str, storage: ResilientStorage
) -> None:
    user = random.randint(10**9, 2 * 10**9)
    key = StorageKey(bot_id=1, chat_id=user, user_id=user)
    middleware = DedupeUpdatesMiddleware()

    async def breaks(event: Any, data: dict[str, Any]) -> None:
        await Customer.create(telegram_id=user, first_name="half")
        await storage.set_state(key, "subject")
        raise OSError("the database went away")

    with pytest.raises(OSError):
        await middleware(breaks, _update(701, user), {"fsm_storage": storage})
    assert not await ProcessedUpdate.exists(update_id=701)
    assert not await Customer.exists(telegram_id=user)
    assert await storage.get_state(key) is None
