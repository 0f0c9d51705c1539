"""How the staff handlers answer in the chat, and which ticket a message is about."""

from __future__ import annotations

from aiogram.types import Message

from bot.delivery import outbox
from bot.services import staff
from models import Ticket


async def ticket_of(message: Message) -> Ticket | None:
    topic = message.message_thread_id if message.is_topic_message else None
    reply_to = message.reply_to_message.message_id if message.reply_to_message else None
    # In a forum, a message in a topic "replies" to the topic's first message.
    return await staff.ticket_in_chat(message.chat.id, topic, reply_to)


async def notice(message: Message, text: str, markup: dict | None = None) -> None:
    """`text` in reply to `message` (in its forum topic), with buttons if given."""
    await outbox.send_text(
        message.chat.id,
        text,
        reply_markup=markup,
        reply_to=message.message_id,
        message_thread_id=message.message_thread_id if message.is_topic_message else None,
    )
