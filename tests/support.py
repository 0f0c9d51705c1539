"""Helpers shared by the test packages (fixtures live in tests/conftest.py)."""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

from aiogram import Bot

from bot.delivery.limits import Limits, RateLimiter
from bot.delivery.sender import Sender
from models import OutboxMessage
from models.enums import OutboxStatus

TOKEN = "123456789:AAHfakeTokenForTestsOnly0123456789abc"
ENV_EXAMPLE = Path(__file__).resolve().parents[1] / ".env.example"


def copied_env_example(**values: str) -> str:
    """.env.example as a user copies it (`cp .env.example .env`), with only the given
    lines filled in; every other line stays as shipped, empty ones included."""
    lines = []
    for line in ENV_EXAMPLE.read_text().splitlines():
        name = line.split("=", 1)[0]
        lines.append(f"{name}={values.pop(name)}" if name in values else line)
    assert not values, f"not in .env.example: {sorted(values)}"
    return "\n".join(lines) + "\n"


@asynccontextmanager
async def running_sender(
    bot: Bot, limits: Limits | None = None, *, limiter: object = None, **kwargs: object
) -> AsyncIterator[Sender]:
    """A sender working in the background; `limiter` replaces the one built of `limits`."""
    sender = Sender(
        bot,
        limiter or RateLimiter(limits or Limits.unlimited()),  # type: ignore[arg-type]
        poll_interval=0.05,
        backoff=lambda attempts: 0.05,
        **kwargs,  # type: ignore[arg-type]
    )
    task = asyncio.create_task(sender.run())
    try:
        yield sender
    finally:
        await sender.stop()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def wait_until(predicate: Callable[[], object], timeout: float = 10.0) -> None:
    """Polls an async or sync predicate until true; fails with a clear message."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = predicate()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(0.02)


async def all_settled() -> bool:
    return not await OutboxMessage.filter(
        status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING]
    ).exists()


def file_mode(path: Path) -> int:
    """A file's or directory's permission bits (0o600, 0o755...)."""
    return stat.S_IMODE(path.stat().st_mode)


def button_texts(message: dict) -> list[str]:
    """The labels of a Bot API message's inline keyboard, row by row."""
    markup = message.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


# Redis database indexes a test may have to itself (FLUSHDB'd), so that test runs and
# xdist workers sharing one Redis do not see each other's keys.
def redis_db_url(base: str, db: int) -> str:
    """The same Redis server, another database index (a key space of our own)."""
    return urlsplit(base)._replace(path=f"/{db}").geturl()


OWNER_KEY = "hd-test:fleet-owner"


async def claim_redis_db(base: str, first: int = 9, last: int = 15) -> str:
    """A Redis database index no other test session is using, emptied: the first one
    without an owner mark is marked ours (the mark expires if a run is killed)."""
    from redis.asyncio import Redis

    owner = f"{os.getpid()}-{id(asyncio.current_task())}"
    for db in range(first, last + 1):
        url = redis_db_url(base, db)
        client = Redis.from_url(url)
        try:
            if await client.set(OWNER_KEY, owner, nx=True, ex=900):
                async with client.pipeline(transaction=True) as pipe:
                    await pipe.flushdb().set(OWNER_KEY, owner, ex=900).execute()
                return url
        finally:
            await client.aclose()
    raise RuntimeError(f"Redis databases {first}-{last} are all in use by other test runs")


async def release_redis_db(url: str) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(url)
    try:
        await client.flushdb()
    finally:
        await client.aclose()
