"""The one place an unexpected handler error becomes a polite answer."""

from __future__ import annotations

import logging
import sys
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, Chat, ErrorEvent, Message, Update
from tortoise.exceptions import DBConnectionError, TransactionManagementError

from bot.delivery import outbox
from bot.storage import UNAVAILABLE
from bot.ui import texts

log = logging.getLogger(__name__)


# The database went away mid-update (a restart, a failover): nothing was committed.
_DATABASE_DOWN: tuple[type[BaseException], ...] = (
    ConnectionError,
    DBConnectionError,
    TransactionManagementError,
)


def _database_down(exc: BaseException) -> bool:
    if isinstance(exc, _DATABASE_DOWN):
        return True
    # asyncpg (about 2 MB) is loaded by the ORM only for PostgreSQL: where it is not
    # loaded, none of its errors can have been raised.
    asyncpg = sys.modules.get("asyncpg")
    return asyncpg is not None and isinstance(
        exc,
        (
            asyncpg.exceptions.InterfaceError,
            asyncpg.exceptions.PostgresConnectionError,
            asyncpg.exceptions.ConnectionDoesNotExistError,
            asyncpg.exceptions.InternalClientError,  # a connection cut while in use
        ),
    )


def database_down(event: ErrorEvent) -> bool:
    """Filter: the update failed because the database went away."""
    return _database_down(event.exception)


async def on_database_down(event: ErrorEvent) -> Any:
    # Not handled: the webhook answers 500 and Telegram delivers the update again, when
    # the database is back; it left nothing behind, so it is handled afresh.
    log.warning("update %s: database unavailable (%s)", event.update.update_id, event.exception)
    return UNHANDLED


def _private_chat(update: Update) -> Chat | None:
    chat = None
    if update.message is not None:
        chat = update.message.chat
    elif update.callback_query is not None and update.callback_query.message is not None:
        chat = update.callback_query.message.chat
    return chat if chat is not None and chat.type == "private" else None


async def on_error(event: ErrorEvent) -> Any:
    update = event.update
    log.error("update %s failed: %s", update.update_id, event.exception, exc_info=event.exception)
    chat = _private_chat(update)
    if chat is not None:
        try:
            await outbox.send_text(chat.id, texts.something_went_wrong())
        except Exception:
            log.exception("could not tell chat %s about the error", chat.id)
    return True


async def storage_unavailable(event: Message | CallbackQuery) -> None:
    """Redis (the FSM storage of a fleet) is down: say so; nothing is changed."""
    chat = event.chat if isinstance(event, Message) else getattr(event.message, "chat", None)
    if isinstance(event, CallbackQuery):
        await event.answer(texts.temporarily_unavailable()[:200], show_alert=True)
        return
    if chat is not None and chat.type == "private":
        await outbox.send_text(chat.id, texts.temporarily_unavailable())


def router() -> Router:
    r = Router(name="errors")
    r.errors.register(on_database_down, database_down)
    r.errors.register(on_error)
    r.message.register(storage_unavailable, StateFilter(UNAVAILABLE))
    r.callback_query.register(storage_unavailable, StateFilter(UNAVAILABLE))
    return r
