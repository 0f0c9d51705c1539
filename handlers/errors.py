"""The one place an unexpected handler error becomes a polite answer."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import ErrorEvent

from bot.delivery import outbox
from bot.ui import texts

log = logging.getLogger(__name__)


async def on_error(event: ErrorEvent) -> bool:
    update = event.update
    log.error("update %s failed: %s", update.update_id, event.exception, exc_info=event.exception)
    chat = None
    if update.message is not None:
        chat = update.message.chat
    elif update.callback_query is not None and update.callback_query.message is not None:
        chat = update.callback_query.message.chat
    if chat is not None and chat.type == "private":
        try:
            await outbox.send_text(chat.id, texts.something_went_wrong())
        except Exception:
            log.exception("could not tell chat %s about the error", chat.id)
    return True


def router() -> Router:
    r = Router(name="errors")
    r.errors.register(on_error)
    return r
