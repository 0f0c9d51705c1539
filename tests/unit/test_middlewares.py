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
