"""Messages in a ticket's thread (its forum topic, or replies to its card or to any of
its relayed messages): the assignee's answers go to the customer, `/note` or `!` makes
an internal note, anyone else's message stays in the staff chat with a short notice.
Edits of an answer are mirrored to the customer's copy."""

from __future__ import annotations

from pathlib import Path

from aiogram import Bot, Router
from aiogram.types import Message

from bot import telegram_files
from bot.delivery import outbox
from bot.presentation import mirror
from bot.services import staff, tickets
from bot.services.errors import DomainError
from bot.services.settings import runtime_settings
from bot.ui import staff as ui
from bot.ui import texts
from models import Agent, Ticket
from models.enums import Side


def _note_text(text: str) -> str | None:
    """The note in `/note text` or `!text`, else None."""
    if text.startswith("!"):
        return text[1:].strip()
    head, _, rest = text.partition(" ")
    if head.split("@", 1)[0].lower() == "/note":
        return rest.strip()
    return None


async def _ticket_of(message: Message) -> Ticket | None:
    topic = message.message_thread_id if message.is_topic_message else None
    reply_to = message.reply_to_message.message_id if message.reply_to_message else None
    # In a forum, a message in a topic "replies" to the topic's first message.
    return await staff.ticket_in_chat(message.chat.id, topic, reply_to)


async def _notice(message: Message, text: str, markup: dict | None = None) -> None:
    """`text` in reply to `message` (in its forum topic), with buttons if given."""
    await outbox.send_text(
        message.chat.id,
        text,
        reply_markup=markup,
        reply_to=message.message_id,
        message_thread_id=message.message_thread_id if message.is_topic_message else None,
    )


async def _confirm(message: Message, emoji: str) -> None:
    """A reaction tells the agent what became of their message; an album gets one."""
    album = message.media_group_id
    await outbox.set_reaction(
        message.chat.id,
        message.message_id,
        emoji,
        dedupe_key=f"react:{message.chat.id}:{album}" if album else None,
    )


async def _link(message: Message, ticket: Ticket, stored_id: int) -> None:
    await tickets.link_copies(
        message.chat.id, [message.message_id], stored_id, ticket.id, Side.STAFF
    )


async def in_thread(message: Message, bot: Bot, agent: Agent | None) -> None:
    ticket = await _ticket_of(message)
    if ticket is None:
        return  # ordinary chatter in the staff chat
    if agent is None:
        return  # not an agent: never relayed, no noise either
    text = (message.text or message.caption or "").strip()
    actor = await tickets.agent_actor(agent)
    if not actor.may_act_on(ticket):
        await _notice(message, ui.wrong_department())
        return
    note = _note_text(text) if message.text else None
    try:
        if note is not None:
            if not note:
                await _notice(message, ui.note_empty())
                return
            stored = await tickets.add_note(ticket.id, note, actor)
            await _link(message, ticket, stored.id)
            await _confirm(message, ui.NOTE_REACTION)
            return
        if not staff.may_answer(ticket, agent):
            if await staff.is_own(ticket, agent):
                await _notice(message, ui.own_ticket())
                return
            assignee = (
                await Agent.get_or_none(id=ticket.assignee_id) if ticket.assignee_id else None
            )
            await _notice(message, ui.only_assignee(assignee.name if assignee else None))
            return
        files = []
        incoming = telegram_files.file_of(message)
        if incoming is not None:
            if incoming.too_big:
                await _notice(message, texts.file_too_big(incoming.file_name))
                return
            root = Path((await runtime_settings()).attachments_dir)
            files.append(await telegram_files.keep(bot, incoming, root))
        elif not text:
            await _notice(message, texts.unsupported_content())
            return
        stored = await tickets.reply(ticket.id, text, actor, files)
        await _link(message, ticket, stored.id)
        await _confirm(message, ui.SENT_REACTION)
    except tickets.OwnTicket:
        await _notice(message, ui.own_ticket())
    except DomainError as exc:
        await _notice(message, ui.not_possible(exc.message))


async def edited(message: Message, agent: Agent | None) -> None:
    if agent is None:
        return
    text = (message.text or message.caption or "").strip()
    if text:
        await mirror.staff_edited(message.chat.id, message.message_id, text, agent)


def router() -> Router:
    r = Router(name="staff.messages")
    r.message.register(in_thread)
    r.edited_message.register(edited)
    return r
