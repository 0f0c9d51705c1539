"""Typed keys of what the admin API application carries."""

from collections.abc import Callable

from aiohttp import web

from bot.config import Settings

WAKE_OUTBOX = web.AppKey[Callable[[], None]]("wake_outbox")
# The process configuration: runtime settings fall back to it while none is stored.
PROCESS_SETTINGS = web.AppKey("process_settings", Settings)
