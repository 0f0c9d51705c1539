"""Rendering of the customer's ticket list and ticket view (text + inline keyboard)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiogram.types import InlineKeyboardButton as Button
from aiogram.types import InlineKeyboardMarkup

from bot.services import lifecycle
from bot.ui import texts
from bot.ui.callbacks import (
    MenuAction,
    MenuCb,
    TicketAction,
    TicketCb,
    TicketListCb,
    TicketStatusCb,
)
from bot.ui.html import MESSAGE_LIMIT, escape, trim_html, visible_length
from bot.ui.keyboards import as_payload
from models import Message, Status, Ticket
from models.enums import MessageKind

PER_PAGE = 5
SUBJECT_IN_BUTTON = 32
VIEW_LIMIT = MESSAGE_LIMIT - 10
# The customer's description is shortened to this when the conversation fills the view.
FIRST_MESSAGE_ROOM = 1000


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def ticket_list(
    rows: list[Ticket], total: int, page: int, archived: bool, language: str | None
) -> tuple[str, dict[str, Any]]:
    lines = [f"<b>{texts.my_tickets_title(total, archived)}</b>"]
    if not rows:
        lines.append(texts.no_tickets(archived))
    keyboard: list[list[Button]] = []
    for ticket in rows:
        unread = f" · ✉️ {texts.unread_marker()}" if ticket.customer_unread else ""
        lines.append(
            f"{ticket.status.color} #{ticket.number} · {escape(_short(ticket.subject, 60))}"
            f" — {escape(ticket.status.name_in(language))}{unread}"
        )
        label = (
            f"{ticket.status.color} #{ticket.number} {_short(ticket.subject, SUBJECT_IN_BUTTON)}"
        )
        if ticket.customer_unread:
            label = "✉️ " + label
        keyboard.append(
            [
                Button(
                    text=label,
                    callback_data=TicketCb(id=ticket.id, action=TicketAction.OPEN).pack(),
                )
            ]
        )
    pages = max(1, (total + PER_PAGE - 1) // PER_PAGE)
    navigation = []
    if page > 0:
        navigation.append(
            Button(text="◀️", callback_data=TicketListCb(page=page - 1, archived=archived).pack())
        )
    if page + 1 < pages:
        navigation.append(
            Button(text="▶️", callback_data=TicketListCb(page=page + 1, archived=archived).pack())
        )
    if navigation:
        keyboard.append(navigation)
        lines.append(f"{page + 1}/{pages}")
    toggle = texts.button_open_tickets() if archived else texts.button_archived()
    keyboard.append(
        [
            Button(text=toggle, callback_data=TicketListCb(page=0, archived=not archived).pack()),
            Button(text=texts.button_menu(), callback_data=MenuCb(action=MenuAction.MENU).pack()),
        ]
    )
    return "\n".join(lines), as_payload(InlineKeyboardMarkup(inline_keyboard=keyboard))


def _line(message: Message) -> str:
    when = message.created_at.strftime("%d.%m %H:%M")
    if message.kind == MessageKind.CUSTOMER:
        who = texts.author_you()
    elif message.kind == MessageKind.AGENT:
        who = message.author_agent.name if message.author_agent else texts.support_team()
    else:
        who = "ℹ️"
    body = escape(message.text) if message.text else ""
    files = len(message.attachments)
    if files:
        body += f" 📎×{files}"
    return f"<b>{escape(who)}</b>, {when}:\n{body}"


def _fitting(lines: list[str], header: str) -> list[str]:
    """What fits one message under `header`: the first message (the customer's
    description, shortened if need be) stays at the top, then the newest ones; "…"
    stands for those left out between."""
    room = VIEW_LIMIT - visible_length(header)
    if sum(visible_length(line) + 2 for line in lines) <= room:
        return lines
    first = trim_html(lines[0], FIRST_MESSAGE_ROOM)
    room -= visible_length(first) + 2 + len("\n\n…")
    newest: list[str] = []
    for line in reversed(lines[1:]):
        cost = visible_length(line) + 2
        if cost > room:
            if not newest:  # the newest answer alone is too long: shortened, still shown
                newest.append(trim_html(line, room - 2))
            break
        newest.append(line)
        room -= cost
    newest.reverse()
    gap = ["…"] if len(newest) < len(lines) - 1 else []
    return [first, *gap, *newest]


def ticket_view(
    ticket: Ticket,
    messages: list[Message],
    language: str | None,
    statuses: Sequence[Status] = (),
) -> tuple[str, dict[str, Any]]:
    """The conversation and what the customer may do; `statuses`: those they may set
    themselves (an admin's own, settable by customers), a button each."""
    header = texts.ticket_header(ticket.number, ticket.subject, ticket.status.name_in(language))
    text = "\n\n".join([header, *_fitting([_line(m) for m in messages], header)])
    actions: list[Button] = []
    can = lifecycle.customer_actions(ticket.status, archived=ticket.archived)
    if can.reply:
        actions.append(
            Button(
                text=texts.button_reply(),
                callback_data=TicketCb(id=ticket.id, action=TicketAction.REPLY).pack(),
            )
        )
    if can.close:
        actions.append(
            Button(
                text=texts.button_close_ticket(),
                callback_data=TicketCb(id=ticket.id, action=TicketAction.CLOSE).pack(),
            )
        )
    if can.reopen:
        actions.append(
            Button(
                text=texts.button_reopen_ticket(),
                callback_data=TicketCb(id=ticket.id, action=TicketAction.REOPEN).pack(),
            )
        )
    if can.archive:
        actions.append(
            Button(
                text=texts.button_archive_ticket(),
                callback_data=TicketCb(id=ticket.id, action=TicketAction.ARCHIVE).pack(),
            )
        )
    keyboard = [actions] if actions else []
    keyboard += [
        [
            Button(
                text=texts.button_set_status(f"{status.color} {status.name_in(language)}".strip()),
                callback_data=TicketStatusCb(t=ticket.id, s=status.id).pack(),
            )
        ]
        for status in statuses
    ]
    keyboard.append(
        [
            Button(
                text=texts.button_back_to_list(),
                callback_data=TicketListCb(page=0, archived=ticket.archived).pack(),
            )
        ]
    )
    return text, as_payload(InlineKeyboardMarkup(inline_keyboard=keyboard))
