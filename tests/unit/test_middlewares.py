"""One customer's updates run one at a time; different customers run in parallel; with
Redis two instances (two isolation objects) exclude each other too."""

import asyncio
import uuid

from aiogram.fsm.storage.base import StorageKey
from redis.asyncio import Redis

from bot.middlewares import UserIsolation


def _key(user_id: int) -> StorageKey:
    return StorageKey(bot_id=1, chat_id=user_id, user_id=user_id)


async def _race(first: UserIsolation, second: UserIsolation) -> tuple[list[str], int]:
    log: list[str] = []
    running = 0
    peak = 0

    async def handle(isolation: UserIsolation, update_id: int, user_id: int) -> None:
        nonlocal running, peak
        async with isolation.lock(_key(user_id)):
            running += 1
            peak = max(peak, running)
            log.append(f"start {update_id}")
            await asyncio.sleep(0.05)
            log.append(f"end {update_id}")
            running -= 1

    await asyncio.gather(handle(first, 1, 7), handle(second, 2, 7), handle(first, 3, 8))
    return log, peak


async def test_same_user_is_serialized_and_others_are_not():
    isolation = UserIsolation()
    log, peak = await _race(isolation, isolation)
    assert log.index("end 1") < log.index("start 2")  # user 7 in order
    assert peak == 2  # user 8 ran alongside
    assert isolation._locks == {}  # nothing kept for idle users


async def test_two_instances_sharing_redis_serialize_the_same_user(redis_url):
    first, second = Redis.from_url(redis_url), Redis.from_url(redis_url)
    try:
        a, b = UserIsolation(first), UserIsolation(second)
        # Unique keys per run: a key builder prefix is not configurable, the bot id is.
        bot_id = uuid.uuid4().int % 10**9

        def key(user_id: int) -> StorageKey:
            return StorageKey(bot_id=bot_id, chat_id=user_id, user_id=user_id)

        log: list[str] = []

        async def handle(isolation: UserIsolation, update_id: int) -> None:
            async with isolation.lock(key(7)):
                log.append(f"start {update_id}")
                await asyncio.sleep(0.1)
                log.append(f"end {update_id}")

        await asyncio.gather(handle(a, 1), handle(b, 2))
        assert log in (
            ["start 1", "end 1", "start 2", "end 2"],
            ["start 2", "end 2", "start 1", "end 1"],
        )
    finally:
        await first.aclose()
        await second.aclose()


async def test_the_fleet_lock_is_renewed_while_held_and_freed_soon_after_a_kill(redis_url):
    """A short lock (2 s here) is kept by its living holder however long the update
    takes; an instance killed mid-update (its lock neither renewed nor released)
    holds the customer up only until the lock expires."""
    first, second, third = (Redis.from_url(redis_url) for _ in range(3))
    bot_id = uuid.uuid4().int % 10**9
    key = StorageKey(bot_id=bot_id, chat_id=7, user_id=7)
    try:
        a = UserIsolation(first, lock_seconds=2.0)
        b = UserIsolation(second, lock_seconds=2.0, wait_seconds=10.0)
        log: list[str] = []

        async def slow() -> None:
            async with a.lock(key):
                log.append("a start")
                await asyncio.sleep(3.5)  # longer than the lock's 2 s
                log.append("a end")

        async def other() -> None:
            await asyncio.sleep(0.2)
            async with b.lock(key):
                log.append("b")

        await asyncio.gather(slow(), other())
        assert log == ["a start", "a end", "b"]

        # A holder killed -9: its renewing stops with it and nothing releases the lock.
        dead = UserIsolation(third, lock_seconds=2.0)
        holder = dead.lock(key)
        await holder.__aenter__()
        for task in asyncio.all_tasks():
            if task.get_coro().__qualname__.endswith("UserIsolation._renew"):
                task.cancel()
        loop = asyncio.get_running_loop()
        started = loop.time()
        async with b.lock(key):
            waited = loop.time() - started
        assert 1.0 < waited < 3.0, waited
    finally:
        for client in (first, second, third):
            await client.aclose()
