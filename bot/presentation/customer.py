"""What the customer gets in their private chat from the desk."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bot.delivery import outbox
from bot.i18n import speaking
from models import Attachment, Message, Ticket
from models.enums import Side


async def tell_customer(
    ticket: Ticket,
    render: Callable[[], str],
    *,
    message_id: int | None = None,
    buttons: Callable[[], Any] | None = None,
) -> None:
    """`render` (and `buttons`, a keyboard factory) run in the customer's language."""
    customer = ticket.customer
    if customer.banned:
        return
    with speaking(customer.language):
        text = render()
        markup = buttons() if buttons is not None else None
    await outbox.send_text(
        customer.telegram_id,
        text,
        reply_markup=markup,
        ticket_id=ticket.id,
        message_id=message_id,
        side=Side.CUSTOMER,
    )


async def send_files(ticket: Ticket, message: Message, stored: Sequence[Attachment]) -> None:
    """An answer's files, by their Telegram file ids."""
    customer = ticket.customer
    if customer.banned:
        return
    for attachment in stored:
        if not attachment.file_id:
            continue
        await outbox.send_media(
            customer.telegram_id,
            attachment.kind.value,
            attachment.file_id,
            ticket_id=ticket.id,
            message_id=message.id,
            side=Side.CUSTOMER,
        )


async def upload_files(
    ticket: Ticket, message: Message, stored: Sequence[Attachment], attachments_dir: Path
) -> None:
    """An alert's files, uploaded from where they are stored."""
    for attachment in stored:
        if attachment.stored_path is None:
            continue
        await outbox.send_upload(
            ticket.customer.telegram_id,
            str((attachments_dir / attachment.stored_path).resolve()),
            attachment.file_name,
            attachment_id=attachment.id,
            ticket_id=ticket.id,
            message_id=message.id,
            side=Side.CUSTOMER,
        )
