"""Inline keyboards as Bot API dicts (they are stored in outbox rows as JSON)."""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.ui import texts
from bot.ui.callbacks import LanguageCb, MenuCb, TicketListCb


def as_payload(markup: InlineKeyboardMarkup) -> dict[str, Any]:
    return markup.model_dump(mode="json", exclude_none=True)


def main_menu() -> dict[str, Any]:
    return as_payload(
        InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(
                        text=texts.button_my_tickets(),
                        callback_data=TicketListCb(page=0).pack(),
                    )
                ],
                [
                    InlineKeyboardButton(
                        text=texts.button_help(), callback_data=MenuCb(action="help").pack()
                    ),
                    InlineKeyboardButton(
                        text=texts.button_language(), callback_data=MenuCb(action="lang").pack()
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
