"""Helpers shared by the test packages (fixtures live in tests/conftest.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from aiogram import Bot

from bot.delivery.limits import Limits, RateLimiter
from bot.delivery.sender import Sender
from models import OutboxMessage
from models.enums import OutboxStatus

TOKEN = "123456789:AAHfakeTokenForTestsOnly0123456789abc"


@asynccontextmanager
async def running_sender(
    bot: Bot, limits: Limits | None = None, **kwargs: object
) -> AsyncIterator[Sender]:
    sender = Sender(
        bot,
        RateLimiter(limits or Limits.unlimited()),
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


def button_texts(message: dict) -> list[str]:
    """The labels of a Bot API message's inline keyboard, row by row."""
    markup = message.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]
