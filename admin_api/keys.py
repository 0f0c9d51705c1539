"""Typed keys of what the admin API application carries."""

from collections.abc import Callable
from pathlib import Path

from aiohttp import web

WAKE_OUTBOX = web.AppKey("wake_outbox", Callable[[], None])
ATTACHMENTS_DIR = web.AppKey("attachments_dir", Path)
