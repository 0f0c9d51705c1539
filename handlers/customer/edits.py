"""A customer editing a message that was added to a ticket: the staff copy follows."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.presentation import mirror
from models import Customer


async def edited(message: Message, customer: Customer) -> None:
    text = (message.text or message.caption or "").strip()
    if text:
        await mirror.customer_edited(message.chat.id, message.message_id, text, customer)


def router() -> Router:
    r = Router(name="customer.edits")
    r.edited_message.register(edited)
    return r
