"""Callback data factories: short prefixes keep every button under Telegram's 64 bytes."""

from aiogram.filters.callback_data import CallbackData


class MenuCb(CallbackData, prefix="m"):
    action: str  # help | lang


class LanguageCb(CallbackData, prefix="lg"):
    code: str
