"""The ticket's thread in the staff chat: the card, then everything the customer sends.

The card goes to the department's staff chat (else the global one); the customer's
messages and files follow as replies to it. Every copy is recorded as a message link
when it is sent, so replies in the staff chat are routed by id, never by parsing text.
Staff texts are rendered in the desk's default language.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from bot.delivery import outbox
from bot.delivery.outbox import CARD_POST
from bot.i18n import speaking
from bot.services.settings import runtime_settings
from bot.ui import cards, texts
from models import Attachment, Department, Message, OutboxMessage, Ticket
from models.enums import OutboxStatus, Side

log = logging.getLogger(__name__)


async def staff_chat_for(department: Department) -> int | None:
    if department.staff_chat_id is not None:
        return department.staff_chat_id
    return (await runtime_settings()).staff_chat_id


async def card_target(ticket: Ticket) -> int | OutboxMessage | None:
    """The card's Telegram message id, or its outbox row while it is on its way."""
    if ticket.staff_chat_id is None:
        return None
    if ticket.staff_message_id is not None:
        return ticket.staff_message_id
    return (
        await OutboxMessage.filter(ticket_id=ticket.id, purpose=CARD_POST)
        .exclude(status=OutboxStatus.FAILED)
        .order_by("-id")
        .first()
    )


async def _files(
    chat_id: int, ticket: Ticket, message: Message, files: Sequence[Attachment], reply_to
) -> None:
    for attachment in files:
        meta = {"ticket_id": ticket.id, "message_id": message.id, "side": Side.STAFF}
        if attachment.file_id:
            await outbox.send_media(
                chat_id,
                attachment.kind.value,
                attachment.file_id,
                reply_to=reply_to,
                **meta,
            )
        elif attachment.stored_path:
            root = Path((await runtime_settings()).attachments_dir)
            await outbox.send_upload(
                chat_id,
                str((root / attachment.stored_path).resolve()),
                attachment.file_name,
                attachment_id=attachment.id,
                **meta,
            )


async def post_card(ticket: Ticket, first: Message, files: Sequence[Attachment]) -> None:
    """`ticket` with its relations loaded; inside the creating transaction."""
    chat_id = await staff_chat_for(ticket.department)
    if chat_id is None:
        log.warning("ticket #%s: no staff chat is configured; no card posted", ticket.number)
        return
    with speaking(None):
        html = cards.render_card(ticket, first.text)
    rows = await outbox.send_text(
        chat_id,
        html,
        ticket_id=ticket.id,
        message_id=first.id,
        side=Side.STAFF,
        purpose=CARD_POST,
    )
    ticket.staff_chat_id = chat_id
    await Ticket.filter(id=ticket.id).update(staff_chat_id=chat_id)
    await _files(chat_id, ticket, first, files, rows[0])


async def relay_customer_message(
    ticket: Ticket, message: Message, files: Sequence[Attachment]
) -> None:
    """A customer's follow-up into the ticket's thread, with who and when."""
    target = await card_target(ticket)
    if target is None or ticket.staff_chat_id is None:
        return
    with speaking(None):
        header = texts.staff_customer_message(
            ticket.number, ticket.customer.display_name, ticket.customer.username, message
        )
    reply_to = target
    if message.text:
        rows = await outbox.send_text(
            ticket.staff_chat_id,
            header + "\n" + texts.quote_text(message.text),
            reply_to=target,
            ticket_id=ticket.id,
            message_id=message.id,
            side=Side.STAFF,
        )
        reply_to = rows[0]
    elif files:
        await outbox.send_text(
            ticket.staff_chat_id,
            header,
            reply_to=target,
            ticket_id=ticket.id,
            message_id=message.id,
            side=Side.STAFF,
        )
    await _files(ticket.staff_chat_id, ticket, message, files, reply_to)
