"""Talking to the Bot API outside the outbox: calls made directly from handlers, and
reading the updates Telegram sends (long polling and webhook)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import ClientDecodeError, TelegramAPIError, TelegramNetworkError
from aiogram.methods import AnswerCallbackQuery, GetUpdates, Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from pydantic import ValidationError

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
        # A flag, not isinstance() in the `if`: narrowing `method` to AnswerCallbackQuery
        # would no longer match make_request's TelegramType for mypy.
        answer = isinstance(method, AnswerCallbackQuery)
        if not answer:
            return await make_request(bot, method)
        try:
            return await make_request(bot, method)
        except (TelegramAPIError, TelegramNetworkError, TimeoutError, OSError) as exc:
            log.warning("answerCallbackQuery failed (%s); the press is handled anyway", exc)
            return Response[Any](ok=True, result=True)


def read_update(bot: Bot, raw: Any) -> Update:
    """An update aiogram cannot read (a newer Bot API, a malformed field) becomes a bare
    update the dispatcher skips, with one log line - instead of failing again and again:
    in long polling every later update would wait behind it, and a webhook refusing it
    would have Telegram re-deliver it for hours."""
    try:
        return Update.model_validate(raw, context={"bot": bot})
    except ValidationError as exc:
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            raise
        problem: Mapping[str, Any] = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in problem.get("loc", ()))
        log.error(
            "update %s could not be read and is skipped (%s: %s)",
            update_id,
            where or "update",
            problem.get("msg", "invalid"),
        )
        return Update(update_id=update_id)


class HelpdeskSession(AiohttpSession):
    """aiogram's session, except that one unreadable update in a getUpdates answer does
    not make the whole answer fail (see `read_update`)."""

    def check_response(
        self, bot: Bot, method: TelegramMethod[TelegramType], status_code: int, content: str
    ) -> Response[TelegramType]:
        try:
            return super().check_response(bot, method, status_code, content)
        except ClientDecodeError:
            if not isinstance(method, GetUpdates):
                raise
            data = self.json_loads(content)
            if not (isinstance(data, dict) and data.get("ok") is True):
                raise
            if not isinstance(data.get("result"), list):
                raise
            updates = [read_update(bot, raw) for raw in data["result"]]
            return Response[list[Update]](ok=True, result=updates)  # type: ignore[return-value]


class HelpdeskWebhookHandler(SimpleRequestHandler):
    """The webhook: a body that is not JSON is refused (it did not come from Telegram);
    an update aiogram cannot read is acknowledged and skipped (see `read_update`)."""

    async def _handle_request(self, bot: Bot, request: web.Request) -> web.Response:
        try:
            raw = await request.json(loads=bot.session.json_loads)
            update = read_update(bot, raw)
        except (ValueError, ValidationError) as exc:
            log.warning("webhook request refused: not an update (%s)", type(exc).__name__)
            return web.json_response({"error": "not a Telegram update"}, status=400)
        result: TelegramMethod[Any] | None = await self.dispatcher.feed_webhook_update(
            bot, update, **self.data
        )
        return web.Response(body=self._build_response_writer(bot=bot, result=result))
