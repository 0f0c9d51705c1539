"""The last word on any button press no handler took: forged or malformed callback
data, a button of a keyboard this version no longer knows. Answered, so the client's
spinner stops, and nothing else happens."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import CallbackQuery

from bot.ui import texts

log = logging.getLogger(__name__)


async def stale_button(query: CallbackQuery) -> None:
    log.debug("button data %r from %s matched nothing", (query.data or "")[:64], query.from_user.id)
    await query.answer(texts.not_available(), show_alert=True)


def router() -> Router:
    r = Router(name="stale")
    r.callback_query.register(stale_button)
    return r
