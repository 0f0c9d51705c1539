"""The real dispatcher polling the fake Bot API, with the sender delivering its outbox."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from aiogram import Bot, Dispatcher

from bot.app import create_bot, create_dispatcher
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

    async def settle(self) -> None:
        await wait_until(all_settled)


@pytest.fixture
async def env(db: str, api: FakeBotAPI, tmp_path) -> AsyncIterator[Env]:
    settings = Settings(
        bot_token=TOKEN,
        telegram_api_url=api.base_url,
        database_url=db,
        attachments_dir=tmp_path / "files",
        _env_file=None,
    )
    bot = create_bot(settings)
    sender = Sender(bot, RateLimiter(Limits.unlimited()), poll_interval=0.05)
    dp = create_dispatcher(settings, wake_outbox=sender.wake)
    sender_task = asyncio.create_task(sender.run())
    polling = asyncio.create_task(
        dp.start_polling(bot, handle_signals=False, close_bot_session=False, polling_timeout=1)
    )
    try:
        yield Env(api, bot, dp, sender)
    finally:
        await dp.stop_polling()
        await asyncio.gather(polling, return_exceptions=True)
        await sender.stop()
        sender_task.cancel()
        await asyncio.gather(sender_task, return_exceptions=True)
        await bot.session.close()
