"""Messages in a ticket's thread (its forum topic, or replies to its card or to any of
its relayed messages): the assignee's answers go to the customer, `/note` or `!` makes
an internal note, anyone else's message stays in the staff chat with a short notice.
Edits of an answer are mirrored to the customer's copy."""

from __future__ import annotations

from pathlib import Path

from aiogram import Bot, Router
from aiogram.types import Message

from bot import telegram_files
from bot.config import Settings
from bot.delivery import outbox
from bot.presentation import mirror
from bot.services import staff, staff_desk, tickets
from bot.services.settings import runtime_settings
from bot.ui import staff as ui
from bot.ui import texts
from handlers.staff.refusals import FLAG
from handlers.staff.replies import notice, ticket_of
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


async def in_thread(message: Message, bot: Bot, agent: Agent | None, settings: Settings) -> None:
    ticket = await ticket_of(message)
    if ticket is None or agent is None:
        return  # ordinary chatter in the staff chat; or not an agent: never relayed, no noise
    actor = await tickets.agent_actor(agent)
    if not actor.may_act_on(ticket):
        await notice(message, ui.wrong_department())
        return
    note = _note_text((message.text or "").strip()) if message.text else None
    if note is not None:
        await _add_note(message, ticket, note, actor)
    elif await _may_answer(message, ticket, agent):
        await _answer(message, bot, ticket, actor, settings)


async def _add_note(message: Message, ticket: Ticket, note: str, actor: tickets.Actor) -> None:
    if not note:
        await notice(message, ui.note_empty())
        return
    stored = await tickets.add_note(ticket.id, note, actor)
    await _link(message, ticket, stored.id)
    await _confirm(message, ui.NOTE_REACTION)


async def _may_answer(message: Message, ticket: Ticket, agent: Agent) -> bool:
    """Whether the agent answers the ticket's customer; if not, they are told why."""
    if staff.may_answer(ticket, agent):
        return True
    if await staff.is_own(ticket, agent):
        await notice(message, ui.own_ticket())
    else:
        await notice(message, ui.only_assignee(await staff_desk.assignee_name(ticket)))
    return False


async def _answer(
    message: Message, bot: Bot, ticket: Ticket, actor: tickets.Actor, settings: Settings
) -> None:
    """The agent's message (text and/or a file) to the customer."""
    text = (message.text or message.caption or "").strip()
    files = []
    incoming = telegram_files.file_of(message)
    if incoming is not None:
        if incoming.too_big:
            await notice(message, texts.file_too_big(incoming.file_name))
            return
        root = Path((await runtime_settings(settings)).attachments_dir)
        files.append(await telegram_files.keep(bot, incoming, root))
    elif not text:
        await notice(message, texts.unsupported_content())
        return
    stored = await tickets.reply(ticket.id, text, actor, files)
    await _link(message, ticket, stored.id)
    await _confirm(message, ui.SENT_REACTION)


async def edited(message: Message, agent: Agent | None) -> None:
    if agent is None:
        return
    text = (message.text or message.caption or "").strip()
    if text:
        await mirror.staff_edited(message.chat.id, message.message_id, text, agent)


def router() -> Router:
    r = Router(name="staff.messages")
    r.message.register(in_thread, flags={FLAG: "thread"})
    r.edited_message.register(edited)
    return r
