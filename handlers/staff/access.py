"""Who is acting in the staff chat: the agent record (None for anyone else)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from bot.i18n import speaking
from bot.presentation import staff_thread
from bot.services import staff


class AgentMiddleware(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or user.is_bot:
            return None
        chat = data.get("event_chat")
        if chat is not None:
            await staff_thread.remember_chat(chat.id, bool(chat.is_forum))
        data["agent"] = await staff.agent_for(user.id)
        # The staff chat is one room: its texts are in the desk's default language.
        with speaking(None):
            return await handler(event, data)
