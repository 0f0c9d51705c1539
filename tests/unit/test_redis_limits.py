"""Telegram's limits shared by a fleet through Redis: two limiter instances (two
processes) see each other's sends, retry_after penalties and the global budget."""

import time
import uuid

import pytest
from redis.asyncio import Redis

from bot.delivery.limits import Limits, RedisRateLimiter


@pytest.fixture
async def pair(redis_url):
    prefix = f"hd:test:{uuid.uuid4().hex}"
    first, second = Redis.from_url(redis_url), Redis.from_url(redis_url)
    limits = Limits(global_per_second=5, private_interval=1.0, group_per_minute=3, margin=0.0)
    yield RedisRateLimiter(first, limits, prefix), RedisRateLimiter(second, limits, prefix)
    keys = [k async for k in first.scan_iter(f"{prefix}:*")]
    if keys:
        await first.delete(*keys)
    await first.aclose()
    await second.aclose()


async def test_a_private_chat_send_on_one_instance_holds_the_other(pair):
    a, b = pair
    assert await a.wait_time(501) == 0
    await a.take(501)
    wait = await b.wait_time(501)
    assert 0.8 < wait <= 1.0
    assert await b.wait_time(502) == 0  # other chats are free


async def test_a_group_allows_its_per_minute_count_fleet_wide(pair):
    a, b = pair
    await a.take(-100)
    await b.take(-100)
    await a.take(-100)
    assert await b.wait_time(-100) > 55  # the 4th waits for the window


async def test_retry_after_from_one_instance_holds_the_chat_everywhere(pair):
    a, b = pair
    await a.punish(777, 12)
    assert 11 < await b.wait_time(777) <= 12


async def test_the_global_budget_is_shared(pair):
    a, b = pair
    start = time.monotonic()
    for index in range(10):
        await (a if index % 2 else b).take(1000 + index)
    # 10 sends at 5/s across both instances need a second window.
    assert time.monotonic() - start >= 0.9
