"""Typed keys of what the console application and its requests carry."""

from collections.abc import Callable

from aiohttp import web

from bot.config import Settings
from bot.services.console_sessions import Session
from console.render import Renderer

SETTINGS = web.AppKey("console_settings", Settings)
WAKE_OUTBOX = web.AppKey[Callable[[], None]]("console_wake_outbox")
RENDERER = web.AppKey("console_renderer", Renderer)
SESSION = web.RequestKey("console_session", Session)
LANGUAGE = web.RequestKey("console_language", str)
