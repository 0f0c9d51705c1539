"""The real dispatcher polling the fake Bot API, with the sender delivering its outbox."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field

import pytest
from aiogram import BaseMiddleware, Bot, Dispatcher

from bot.app import create_bot, create_dispatcher, create_sender
from bot.config import Settings
from bot.delivery.limits import Limits, RateLimiter
from bot.delivery.sender import Sender
from tests.fakebotapi import FakeBotAPI
from tests.support import TOKEN, all_settled, wait_until


@dataclass
class Env:
    api: FakeBotAPI
    bot: Bot
    dp: Dispatcher
    sender: Sender
    handled: set[int] = field(default_factory=set)

    async def settle(self) -> None:
        await wait_until(all_settled)

    async def step(self) -> None:
        """Waits until every update delivered so far is handled and its messages sent."""
        await self.handled_all()
        await self.settle()

    async def handled_all(self) -> None:
        """Waits until every update delivered so far is handled (its messages may still
        be queued, e.g. in a chat that is held)."""

        def all_handled() -> bool:
            if self.api.pending_updates:
                return False
            delivered = {
                update["update_id"]
                for call in self.api.calls("getUpdates", ok=True)
                for update in (call.response or {}).get("result", [])
            }
            return delivered <= self.handled

        await wait_until(all_handled)

    @contextmanager
    def hold(self, *chat_ids: int) -> Iterator[None]:
        """Nothing is sent to these chats meanwhile, as in a group whose 20 messages a
        minute are used up: their rows stay queued in the outbox."""
        held = _Held(self.sender.limiter, set(chat_ids))
        self.sender.limiter = held
        try:
            yield
        finally:
            self.sender.limiter = held.inner
            self.sender.wake()


class _Held:
    """The sender's limiter, saying "not yet" for the held chats."""

    def __init__(self, inner, chats: set[int]) -> None:
        self.inner = inner
        self.chats = chats

    async def wait_time(self, chat_id: int) -> float:
        if chat_id in self.chats:
            return 0.05
        return await self.inner.wait_time(chat_id)

    async def take(self, chat_id: int, count: int = 1) -> None:
        await self.inner.take(chat_id, count)

    async def punish(self, chat_id: int, seconds: float) -> None:
        await self.inner.punish(chat_id, seconds)


class _Handled(BaseMiddleware):
    def __init__(self, seen: set[int]) -> None:
        self.seen = seen

    async def __call__(self, handler, event, data):
        try:
            return await handler(event, data)
        finally:
            self.seen.add(event.update_id)


def track_handled(dp: Dispatcher, seen: set[int]) -> None:
    """Notes each update id once the dispatcher is done with it. Outermost, so an
    update counts as handled only after its transaction committed, and updates
    skipped as duplicates count too."""
    dp.update.outer_middleware._middlewares.insert(0, _Handled(seen))


@asynccontextmanager
async def running_dispatcher(settings: Settings, api: FakeBotAPI) -> AsyncIterator[Env]:
    """The dispatcher polling the fake Bot API and the sender delivering the outbox,
    as `settings` configure them (e.g. with REDIS_URL: the FSM in Redis)."""
    bot = create_bot(settings)
    sender = create_sender(settings, bot, RateLimiter(Limits.unlimited()), poll_interval=0.05)
    dp = create_dispatcher(settings, wake_outbox=sender.wake)
    environment = Env(api, bot, dp, sender)
    track_handled(dp, environment.handled)
    sender_task = asyncio.create_task(sender.run())
    polling = asyncio.create_task(
        dp.start_polling(bot, handle_signals=False, close_bot_session=False, polling_timeout=1)
    )
    try:
        yield environment
    finally:
        await dp.stop_polling()
        await asyncio.gather(polling, return_exceptions=True)
        # Updates still in hand finish before the session closes: a bot call after
        # close() would open a new session nobody closes.
        await asyncio.gather(*dp._handle_update_tasks, return_exceptions=True)
        await dp.storage.close()
        await sender.stop()
        sender_task.cancel()
        await asyncio.gather(sender_task, return_exceptions=True)
        await bot.session.close()


@pytest.fixture
async def env(db: str, api: FakeBotAPI, tmp_path) -> AsyncIterator[Env]:
    settings = Settings(
        bot_token=TOKEN,
        telegram_api_url=api.base_url,
        database_url=db,
        attachments_dir=tmp_path / "files",
        _env_file=None,
    )
    async with running_dispatcher(settings, api) as environment:
        yield environment
