"""Composition root: the bot, the dispatcher and the one aiohttp application.

The process is a single aiohttp application; cleanup contexts start (and stop, in
reverse) the ORM, the bot's HTTP session, the background workers and the source
of updates (long polling, or the webhook route when WEBHOOK_URL is set).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import AsyncIterator, Callable
from functools import partial
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder
from aiogram.types import ChatFullInfo
from aiohttp import web
from tortoise import Tortoise, connections

import handlers
from admin_api import create_admin_app
from bot import presentation
from bot.config import Settings
from bot.db import connection as db_connection
from bot.db import tortoise_config
from bot.delivery.limits import Limits, RateLimiter, RedisRateLimiter
from bot.delivery.outbox import TOPIC_POST
from bot.delivery.sender import Sender
from bot.delivery.webhooks import WebhookSender
from bot.housekeeping import Housekeeper
from bot.i18n import LanguageMiddleware, create_i18n
from bot.metrics import Metrics, MetricsMiddleware
from bot.metrics import render as render_metrics
from bot.middlewares import (
    CustomerLanguageMiddleware,
    DedupeUpdatesMiddleware,
    FloodControlMiddleware,
    UpdateScopeMiddleware,
    UserIsolation,
    WakeOutboxMiddleware,
)
from bot.presentation import staff_thread
from bot.private_files import make_tree_private
from bot.requests import ForgivingCallbackAnswers, HelpdeskSession, HelpdeskWebhookHandler
from bot.services import staff_chats
from bot.services.automation import Automation
from bot.services.settings import runtime_settings
from bot.storage import DatabaseStorage, ResilientStorage
from console import create_console_app
from models import OutboxMessage

log = logging.getLogger(__name__)

SETTINGS = web.AppKey("settings", Settings)
METRICS = web.AppKey("metrics", Metrics)
BOT = web.AppKey("bot", Bot)
DISPATCHER = web.AppKey("dispatcher", Dispatcher)
SENDER = web.AppKey("sender", Sender)
HEALTH: web.AppKey[Health] = web.AppKey("health")
AUTOMATION = web.AppKey("automation", Automation)

# Telegram retries a webhook delivery that takes too long; ours answer well before.
SHUTDOWN_TIMEOUT = 5.0
POLLING_RETRY = 5.0


def create_bot(settings: Settings) -> Bot:
    assert settings.bot_token is not None
    session = HelpdeskSession(
        api=TelegramAPIServer.from_base(settings.telegram_api_url)
        if settings.telegram_api_url
        else TelegramAPIServer.from_base("https://api.telegram.org")
    )
    session.middleware(ForgivingCallbackAnswers())
    return Bot(settings.bot_token.get_secret_value(), session=session)


# A Redis that stops answering must not hang handlers: fail fast, degrade, retry later.
REDIS_TIMEOUTS: dict[str, Any] = {"socket_timeout": 3.0, "socket_connect_timeout": 3.0}


def _redis(settings: Settings) -> Any:
    if not settings.redis_url:
        return None
    from redis.asyncio import Redis

    return Redis.from_url(settings.redis_url, **REDIS_TIMEOUTS)


def create_limiter(settings: Settings, limits: Limits) -> RateLimiter | RedisRateLimiter:
    """Telegram's limits: shared through Redis by a fleet, else kept in this process."""
    redis = _redis(settings)
    return RedisRateLimiter(redis, limits) if redis is not None else RateLimiter(limits)


def create_storage(settings: Settings) -> BaseStorage:
    key_builder = DefaultKeyBuilder(with_bot_id=True, with_destiny=True)
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisStorage

        return ResilientStorage(
            RedisStorage.from_url(
                settings.redis_url, connection_kwargs=REDIS_TIMEOUTS, key_builder=key_builder
            )
        )
    return DatabaseStorage(key_builder)


def create_dispatcher(
    settings: Settings, *, wake_outbox: Any = None, metrics: Metrics | None = None
) -> Dispatcher:
    redis = _redis(settings)
    dp = Dispatcher(
        storage=create_storage(settings),
        events_isolation=UserIsolation(redis, lock_seconds=settings.user_lock_seconds),
        disable_fsm=True,  # registered below, inside the FSM session
    )
    dp.update.outer_middleware(UpdateScopeMiddleware())
    dp.update.outer_middleware(dp.fsm)
    dp["settings"] = settings
    presentation.install(settings)
    if metrics is not None:
        dp.update.outer_middleware(MetricsMiddleware(metrics))
    # Outermost first: wake the sender after everything inside has committed.
    if wake_outbox is not None:
        dp.update.outer_middleware(WakeOutboxMiddleware(wake_outbox))
    if redis is not None:

        async def close_redis() -> None:
            await redis.aclose()

        dp.shutdown.register(close_redis)
    dp.update.outer_middleware(DedupeUpdatesMiddleware())
    dp.update.outer_middleware(CustomerLanguageMiddleware())
    LanguageMiddleware(create_i18n(settings.default_language)).setup(dp)
    # After the language is known: the "slow down" notice is in the customer's.
    flood = FloodControlMiddleware(redis)
    dp.message.outer_middleware(flood)
    dp.callback_query.outer_middleware(flood)
    dp.include_routers(*handlers.routers())
    return dp


class Health:
    """What /healthz reports; Telegram is asked at most every `ttl` seconds."""

    def __init__(self, bot: Bot, ttl: float = 30.0) -> None:
        self.bot = bot
        self.ttl = ttl
        self._telegram: tuple[float, str] | None = None

    async def database(self) -> str:
        try:
            await asyncio.wait_for(db_connection().execute_query("SELECT 1"), 3)
        except Exception as exc:
            return f"error: {type(exc).__name__}"
        return "ok"

    async def telegram(self) -> str:
        now = time.monotonic()
        if self._telegram is None or now - self._telegram[0] > self.ttl:
            try:
                await asyncio.wait_for(self.bot.get_me(), 5)
                state = "ok"
            except Exception as exc:
                state = f"error: {type(exc).__name__}"
            self._telegram = (now, state)
        return self._telegram[1]


async def healthz(request: web.Request) -> web.Response:
    health = request.app[HEALTH]
    database, telegram = await asyncio.gather(health.database(), health.telegram())
    healthy = database == "ok" and telegram == "ok"
    return web.json_response(
        {"status": "ok" if healthy else "degraded", "database": database, "telegram": telegram},
        status=200 if healthy else 503,
    )


async def metrics_view(request: web.Request) -> web.Response:
    text = await render_metrics(request.app[METRICS], request.app[SENDER].stats)
    return web.Response(text=text, content_type="text/plain", charset="utf-8")


async def _database_ctx(app: web.Application) -> AsyncIterator[None]:
    await Tortoise.init(config=tortoise_config(app[SETTINGS].database_url))
    yield
    await connections.close_all()


async def _bot_session_ctx(app: web.Application) -> AsyncIterator[None]:
    yield
    await app[BOT].session.close()


async def _discover_staff_chats(bot: Bot, settings: Settings) -> None:
    """Learns which staff chats are forums (a topic per ticket) before the first card;
    updates from those chats keep it current afterwards. A chat this could not read is
    asked again, through the outbox, before its first card."""
    for chat_id in await staff_chats.staff_chat_ids(settings):
        try:
            chat = await bot.get_chat(chat_id)
        except Exception as exc:
            log.warning("staff chat %s could not be read: %s", chat_id, exc)
            continue
        await staff_thread.remember_chat(chat_id, bool(chat.is_forum))


async def _private_attachments(settings: Settings) -> None:
    """Stored files from before (or copied in by hand) lose group and other access."""
    try:
        root = Path((await runtime_settings(settings)).attachments_dir)
        await asyncio.to_thread(make_tree_private, root)
    except Exception as exc:
        log.warning("the attachments directory could not be made private: %s", exc)


async def _workers_ctx(app: web.Application) -> AsyncIterator[None]:
    sender = app[SENDER]
    housekeeper = Housekeeper()
    automation = app[AUTOMATION]
    hooks = WebhookSender()
    tasks = [
        asyncio.create_task(sender.run(), name="outbox-sender"),
        asyncio.create_task(housekeeper.run(), name="housekeeping"),
        asyncio.create_task(automation.run(), name="automation"),
        asyncio.create_task(hooks.run(), name="webhook-sender"),
        asyncio.create_task(_discover_staff_chats(app[BOT], app[SETTINGS]), name="staff-chats"),
        asyncio.create_task(_private_attachments(app[SETTINGS]), name="private-files"),
    ]
    yield
    await sender.stop(grace=SHUTDOWN_TIMEOUT)
    housekeeper.stop()
    automation.stop()
    hooks.stop()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await hooks.close()
    if isinstance(sender.limiter, RedisRateLimiter):
        await sender.limiter.redis.aclose()


async def _polling_supervisor(dp: Dispatcher, bot: Bot, stopping: asyncio.Event) -> None:
    """Polls until stopped; Telegram being unreachable at start is retried, not fatal."""
    while not stopping.is_set():
        try:
            # getUpdates fails with 409 while a webhook is set.
            await bot.delete_webhook(drop_pending_updates=False)
            await dp.start_polling(
                bot,
                handle_signals=False,
                close_bot_session=False,
                allowed_updates=dp.resolve_used_update_types(),
            )
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.error("polling stopped: %s; retrying in %ss", exc, POLLING_RETRY)
        if not stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), POLLING_RETRY)


async def _set_webhook(bot: Bot, dp: Dispatcher, settings: Settings) -> None:
    assert settings.webhook_url and settings.webhook_secret
    while True:
        try:
            await bot.set_webhook(
                settings.webhook_url,
                secret_token=settings.webhook_secret.get_secret_value(),
                allowed_updates=dp.resolve_used_update_types(),
                drop_pending_updates=False,
            )
            log.info("webhook set to %s", settings.webhook_url)
            return
        except Exception as exc:
            log.error("setWebhook failed: %s; retrying in %ss", exc, POLLING_RETRY)
            await asyncio.sleep(POLLING_RETRY)


async def _updates_ctx(app: web.Application) -> AsyncIterator[None]:
    settings, bot, dp = app[SETTINGS], app[BOT], app[DISPATCHER]
    stopping = asyncio.Event()
    if settings.webhook_url:
        task = asyncio.create_task(_set_webhook(bot, dp, settings), name="set-webhook")
    else:
        task = asyncio.create_task(_polling_supervisor(dp, bot, stopping), name="polling")
    yield
    stopping.set()
    if not settings.webhook_url:
        with contextlib.suppress(RuntimeError):  # polling was not running
            await dp.stop_polling()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    # Updates already taken are finished, not dropped.
    in_flight = list(getattr(dp, "_handle_update_tasks", ()))
    if in_flight:
        await asyncio.wait(in_flight, timeout=SHUTDOWN_TIMEOUT)


def create_sender(settings: Settings, bot: Bot, limiter: Any, **options: Any) -> Sender:
    """The outbox sender with the hooks that tell the staff chat what delivery found."""
    sender = Sender(
        bot,
        limiter,
        # SQLite means one process: whatever was in flight at start was ours.
        reclaim_all_on_start=settings.dialect == "sqlite",
        lease_seconds=settings.outbox_lease_seconds,
        **options,
    )
    i18n = create_i18n(settings.default_language)
    sender.on_thread_lost = staff_thread.with_texts(i18n, staff_thread.recreate_topic)
    sender.sent_hooks[TOPIC_POST] = staff_thread.topic_created

    async def chat_answered(probe: OutboxMessage, chat: ChatFullInfo) -> None:
        await staff_thread.chat_kind_learned(probe, bool(chat.is_forum))

    sender.result_hooks[staff_thread.CHAT_PROBE] = chat_answered
    sender.blocked_hooks.append(
        staff_thread.with_texts(i18n, partial(staff_thread.customer_blocked_bot, blocked=True))
    )
    return sender


def create_web_app(settings: Settings, *, limits: Limits | None = None) -> web.Application:
    settings.require_bot()
    presentation.install(settings)
    app = web.Application(client_max_size=25 * 1024 * 1024)
    bot = create_bot(settings)
    sender = create_sender(settings, bot, create_limiter(settings, limits or Limits()))
    metrics = Metrics()
    dp = create_dispatcher(settings, wake_outbox=sender.wake, metrics=metrics)
    app[METRICS] = metrics
    app[SETTINGS] = settings
    app[BOT] = bot
    app[DISPATCHER] = dp
    app[SENDER] = sender
    app[HEALTH] = Health(bot)
    app[AUTOMATION] = Automation(create_i18n(settings.default_language).context)
    app.cleanup_ctx.extend([_database_ctx, _bot_session_ctx, _workers_ctx, _updates_ctx])
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics_view)
    if settings.webhook_url:
        assert settings.webhook_secret is not None
        HelpdeskWebhookHandler(
            dispatcher=dp,
            bot=bot,
            handle_in_background=False,
            secret_token=settings.webhook_secret.get_secret_value(),
        ).register(app, path=settings.webhook_path)
    app.add_subapp("/api", create_admin_app(settings, wake_outbox=sender.wake))
    app.router.add_get("/console", _to_console)  # before the sub-application, which 404s it
    app.add_subapp("/console", create_console_app(settings, wake_outbox=sender.wake))
    return app


async def _to_console(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/console/")


async def serve(
    settings: Settings,
    *,
    limits: Limits | None = None,
    app: web.Application | None = None,
    on_started: Callable[[], None] | None = None,
) -> None:
    """Runs until SIGTERM/SIGINT, then stops within SHUTDOWN_TIMEOUT-ish seconds.
    `app` is one built by create_web_app and extended (the sandbox adds its page);
    `on_started` is called once the HTTP server listens."""
    app = app or create_web_app(settings, limits=limits)
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=SHUTDOWN_TIMEOUT)
    await runner.setup()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        site = web.TCPSite(runner, settings.admin_api_host, settings.admin_api_port)
        await site.start()
        mode = "webhook" if settings.webhook_url else "long polling"
        log.info(
            "helpdesk running (%s); HTTP on %s:%s",
            mode,
            settings.admin_api_host,
            settings.admin_api_port,
        )
        if on_started is not None:
            on_started()
        await stop.wait()
        log.info("stopping")
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
        await runner.cleanup()
    log.info("stopped")
