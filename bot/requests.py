"""Bot API calls made directly from handlers (not through the outbox)."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from aiogram.methods import AnswerCallbackQuery, Response, TelegramMethod
from aiogram.methods.base import TelegramType

log = logging.getLogger(__name__)


class ForgivingCallbackAnswers(BaseRequestMiddleware):
    """Answering a button press is a courtesy (it stops the client's spinner): when
    Telegram fails it (5xx, timeout, an expired query) the handler's work must still
    be committed, not rolled back and redone on re-delivery."""

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if not isinstance(method, AnswerCallbackQuery):
            return await make_request(bot, method)
        try:
            return await make_request(bot, method)
        except (TelegramAPIError, TelegramNetworkError, TimeoutError, OSError) as exc:
            log.warning("answerCallbackQuery failed (%s); the press is handled anyway", exc)
            return Response[Any](ok=True, result=True)  # type: ignore[return-value]
