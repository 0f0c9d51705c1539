"""Dispatcher middlewares: ordering, at-most-once updates, outbox wake-up."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from tortoise.exceptions import IntegrityError

from models import ProcessedUpdate

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


def _actor_id(update: Update) -> int | None:
    """Whose updates must be handled in order: the user's (or the chat's) id."""
    event = update.event
    user = getattr(event, "from_user", None)
    if user is not None:
        return user.id
    chat = getattr(event, "chat", None)
    return chat.id if chat is not None else None


class SerializeByUserMiddleware(BaseMiddleware):
    """A customer's updates run one after another, so a double-tap or an album is
    seen in order and cannot open two tickets at once."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiters: dict[int, int] = {}

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        key = _actor_id(event)
        if key is None:
            return await handler(event, data)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiters[key] = self._waiters.get(key, 0) + 1
        try:
            async with lock:
                return await handler(event, data)
        finally:
            self._waiters[key] -= 1
            if not self._waiters[key]:
                del self._waiters[key]
                del self._locks[key]


class DedupeUpdatesMiddleware(BaseMiddleware):
    """Telegram re-delivers an update it thinks we missed: handle each id once."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        try:
            await ProcessedUpdate.create(update_id=event.update_id)
        except IntegrityError:
            log.info("update %s already handled; skipped", event.update_id)
            return None
        return await handler(event, data)


class WakeOutboxMiddleware(BaseMiddleware):
    """After a handler committed, the sender looks at the outbox at once."""

    def __init__(self, wake: Callable[[], None]) -> None:
        self._wake = wake

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        try:
            return await handler(event, data)
        finally:
            self._wake()


class CustomerLanguageMiddleware(BaseMiddleware):
    """Puts the language a customer chose (/language) where the i18n middleware looks."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        from bot.services.customers import preferred_language

        user = data.get("event_from_user")
        chat = data.get("event_chat")
        if user is not None and (chat is None or chat.type == "private"):
            data["customer_language"] = await preferred_language(user.id)
        return await handler(event, data)
