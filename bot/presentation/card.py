"""The ticket's card in the staff chat: rendered from the ticket, edited in place."""

from __future__ import annotations

from bot.delivery import outbox
from bot.delivery.outbox import CARD_POST
from bot.i18n import speaking
from bot.presentation import staff_thread
from bot.services import config, tickets
from bot.ui import cards
from bot.ui import staff as staff_ui
from models import Message, Ticket
from models.enums import OutboxStatus

# Outbox purpose of an edit of the card.
CARD_PURPOSE = "card_edit"
# Outbox purpose of a card's keyboard swapped for a menu (transfer, priority, ...).
CARD_MENU = "card_menu"


async def _first_text(ticket: Ticket) -> str:
    first = await Message.filter(ticket_id=ticket.id).order_by("id").first()
    return first.text if first else ""


async def _tag_line(ticket: Ticket) -> str:
    """The ticket's tags as the card shows them: read only on a desk that has tags."""
    if not (await config.snapshot()).tags:
        return ""
    names = (await tickets.tags_of([ticket.id]))[ticket.id]
    return " ".join(f"{t.color}#{t.name}" if t.color else f"#{t.name}" for t in names)


async def refresh_card(ticket: Ticket) -> None:
    """Edits the staff card in place when it exists; queued edits are merged into one."""
    target = await staff_thread.card_target(ticket)
    if target is None or ticket.staff_chat_id is None:
        return
    await tickets.relate(ticket)
    tags = await _tag_line(ticket)
    with speaking(None):
        html = cards.render_card(ticket, await _first_text(ticket), tags)
        markup = staff_ui.card_keyboard(ticket)
    last = await outbox.latest(ticket_id=ticket.id, purpose__in=(CARD_PURPOSE, CARD_POST))
    unchanged = last is not None and (last.payload.get("text"), last.payload.get("reply_markup"))
    if unchanged == (html, markup):
        return  # Telegram refuses an edit that changes nothing
    # Queued edits are merged, so a card waiting to go is the newest of its rows.
    pending = last if last is not None and last.status == OutboxStatus.PENDING else None
    if pending is not None and await outbox.rewrite(pending, html, markup):
        return  # (claimed meanwhile: an edit follows it)
    await outbox.edit_text(
        ticket.staff_chat_id,
        target,
        html,
        reply_markup=markup,
        ticket_id=ticket.id,
        purpose=CARD_PURPOSE,
    )


async def menu_left_open(ticket_id: int) -> bool:
    """Whether the card still shows a menu: no card edit followed the last menu (an
    action that changes nothing on the card is not re-rendered)."""
    latest = await outbox.latest(
        ticket_id=ticket_id, purpose__in=(CARD_MENU, CARD_PURPOSE, CARD_POST)
    )
    return latest is not None and latest.purpose == CARD_MENU
