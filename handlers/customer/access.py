"""Who is writing: the customer record for every private update, and the access rule.

Banned customers are told why and nothing else happens. Inactive ones (support access
off or its end date passed) may read their tickets; handlers flagged `writes` (new
tickets, messages to tickets) tell them how to regain access instead.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.flags import get_flag
from aiogram.types import CallbackQuery, Message, TelegramObject, User

from bot.delivery import outbox
from bot.services import customers
from bot.services.customer_tickets import Access, access_of
from bot.ui import texts


def contact_of(user: User) -> customers.Contact:
    return customers.Contact(
        telegram_id=user.id,
        first_name=user.first_name or "",
        last_name=user.last_name or "",
        username=user.username,
        language_code=user.language_code,
    )


class CustomerMiddleware(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or user.is_bot:
            return None
        customer = await customers.touch(contact_of(user))
        data["customer"] = customer
        access = access_of(customer)
        if access == Access.BANNED:
            refusal = texts.banned(customer.ban_reason)
        elif access == Access.INACTIVE and get_flag(data, "writes"):
            refusal = texts.inactive(customer.support_until)
        else:
            return await handler(event, data)
        if isinstance(event, CallbackQuery):
            await event.answer()
        chat_id = event.chat.id if isinstance(event, Message) else user.id
        await outbox.send_text(chat_id, refusal)
        return None
