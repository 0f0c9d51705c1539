"""Redis going away under a running dispatcher: customers are told to try again,
nothing crashes, and everything works again once Redis is back."""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import urlsplit

import pytest

from bot.app import create_bot, create_dispatcher
from bot.config import Settings
from bot.delivery.limits import Limits, RateLimiter
from bot.delivery.sender import Sender
from tests.support import TOKEN, all_settled, claim_redis_db, release_redis_db, wait_until


class Switch:
    """A TCP proxy to Redis that the test can cut and restore."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.up = True
        self.server: asyncio.Server | None = None
        self.pipes: set[asyncio.Task] = set()
        self.writers: list[asyncio.StreamWriter] = []

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        return self.server.sockets[0].getsockname()[1]

    async def _client(self, reader, writer) -> None:
        self.writers.append(writer)
        if not self.up:
            writer.close()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(self.host, self.port)
        except OSError:
            writer.close()
            return
        self.writers.append(up_writer)

        async def pipe(src, dst) -> None:
            with contextlib.suppress(Exception):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        for task in (pipe(reader, up_writer), pipe(up_reader, writer)):
            t = asyncio.create_task(task)
            self.pipes.add(t)
            t.add_done_callback(self.pipes.discard)

    def cut(self) -> None:
        """Redis stops answering: open connections hang, new ones are refused."""
        self.up = False
        for task in list(self.pipes):
            task.cancel()

    async def close(self) -> None:
        self.cut()
        for writer in self.writers:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()


@pytest.fixture
async def own_redis(redis_url):
    """A Redis database of this test's own: the customers' FSM keys are the same in the
    SQLite and PostgreSQL runs, which may run at once (xdist)."""
    url = await claim_redis_db(redis_url)
    try:
        yield url
    finally:
        await release_redis_db(url)


@pytest.fixture
async def outage_env(db, api, own_redis, tmp_path):
    target = urlsplit(own_redis)
    switch = Switch(target.hostname or "127.0.0.1", target.port or 6379)
    port = await switch.start()
    settings = Settings(
        bot_token=TOKEN,
        telegram_api_url=api.base_url,
        database_url=db,
        redis_url=f"redis://127.0.0.1:{port}/{(target.path or '/0').lstrip('/') or 0}",
        attachments_dir=tmp_path / "files",
        _env_file=None,
    )
    bot = create_bot(settings)
    sender = Sender(bot, RateLimiter(Limits.unlimited()), poll_interval=0.05)
    dp = create_dispatcher(settings, wake_outbox=sender.wake)
    tasks = [
        asyncio.create_task(sender.run()),
        asyncio.create_task(
            dp.start_polling(bot, handle_signals=False, close_bot_session=False, polling_timeout=1)
        ),
    ]
    try:
        yield switch
    finally:
        await dp.stop_polling()
        await dp.storage.close()
        await sender.stop()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await bot.session.close()
        await switch.close()


async def test_customers_are_told_to_retry_while_redis_is_down_and_it_recovers(outage_env, api):
    switch = outage_env
    user = api.add_user(8801, "Olga")
    user.send_text("/start")
    await api.wait_for(lambda r: r.method == "sendMessage" and "Hello" in r.params["text"])
    switch.cut()
    user.send_text("/start")
    await api.wait_for(
        lambda r: r.method == "sendMessage" and "briefly unavailable" in r.params["text"],
        timeout=15,
    )
    switch.up = True
    await wait_until(all_settled)
    user.send_text("/start")
    await api.wait_for(
        lambda r: r.method == "sendMessage" and "Hello" in r.params["text"], timeout=15
    )
    assert api.calls(ok=False) == []
