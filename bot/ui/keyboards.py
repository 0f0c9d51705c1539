"""Inline keyboards as Bot API dicts (they are stored in outbox rows as JSON)."""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.ui import texts
from bot.ui.callbacks import (
    CsatCb,
    LanguageCb,
    MenuAction,
    MenuCb,
    RateCb,
    TicketAction,
    TicketCb,
    TicketListCb,
)


def as_payload(markup: InlineKeyboardMarkup) -> dict[str, Any]:
    return markup.model_dump(mode="json", exclude_none=True)


def main_menu() -> dict[str, Any]:
    return as_payload(
        InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(
                        text=texts.button_new_ticket(),
                        callback_data=MenuCb(action=MenuAction.NEW).pack(),
                    ),
                    InlineKeyboardButton(
                        text=texts.button_my_tickets(),
                        callback_data=TicketListCb(page=0).pack(),
                    ),
                ],
                [
                    InlineKeyboardButton(
                        text=texts.button_help(),
                        callback_data=MenuCb(action=MenuAction.HELP).pack(),
                    ),
                    InlineKeyboardButton(
                        text=texts.button_language(),
                        callback_data=MenuCb(action=MenuAction.LANGUAGE).pack(),
                    ),
                ],
            ]
        )
    )


def languages(current: str) -> dict[str, Any]:
    row = [
        InlineKeyboardButton(
            text=("✓ " if code == current else "") + name,
            callback_data=LanguageCb(code=code).pack(),
        )
        for code, name in texts.LANGUAGE_NAMES.items()
    ]
    return as_payload(InlineKeyboardMarkup(inline_keyboard=[row]))


def _keyboard(*rows: list[tuple[str, str]]) -> dict[str, Any]:
    return as_payload(
        InlineKeyboardMarkup(
            inline_keyboard=[
                [InlineKeyboardButton(text=text, callback_data=data) for text, data in row]
                for row in rows
            ]
        )
    )


def answer(ticket_id: int, message_id: int, rated: int | None = None) -> dict[str, Any]:
    """Under an agent's answer: reply to it, rate it (the given rating is marked)."""
    return _keyboard(
        [
            (texts.button_reply(), TicketCb(id=ticket_id, action=TicketAction.REPLY).pack()),
            ("👍" + (" ✓" if rated == 1 else ""), RateCb(m=message_id, v=1).pack()),
            ("👎" + (" ✓" if rated == -1 else ""), RateCb(m=message_id, v=-1).pack()),
        ]
    )


def confirm_resolution(ticket_id: int) -> dict[str, Any]:
    return _keyboard(
        [
            (texts.confirm_resolved(), TicketCb(id=ticket_id, action=TicketAction.CONFIRM).pack()),
            (texts.not_resolved(), TicketCb(id=ticket_id, action=TicketAction.REOPEN).pack()),
        ]
    )


def csat(ticket_id: int) -> dict[str, Any]:
    return _keyboard(
        [(f"{score} ⭐", CsatCb(t=ticket_id, v=score).pack()) for score in range(1, 6)]
    )


def skip_comment(ticket_id: int) -> dict[str, Any]:
    return _keyboard([(texts.button_skip(), CsatCb(t=ticket_id, v=0).pack())])


def after_submit(ticket_id: int) -> dict[str, Any]:
    return _keyboard(
        [
            (texts.button_my_tickets(), TicketListCb(page=0).pack()),
            (texts.button_new_ticket(), MenuCb(action=MenuAction.NEW).pack()),
        ]
    )


def writing(ticket_id: int) -> dict[str, Any]:
    return _keyboard(
        [(texts.button_stop_reply(), TicketCb(id=ticket_id, action=TicketAction.STOP).pack())]
    )
