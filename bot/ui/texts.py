"""User-visible texts; translated through the gettext catalogs in bot/locales."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.ui.html import escape

LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


def greeting(first_name: str) -> str:
    return _(
        "👋 Hello, <b>{name}</b>!\n\n"
        "This is the support desk. Describe a problem here and our team will answer "
        "you in this chat."
    ).format(name=escape(first_name or _("there")))


def help_text() -> str:
    return _(
        "<b>How support works</b>\n\n"
        "• Write to us here; every request gets a ticket number.\n"
        "• Our agents answer in this chat, and you can reply to them.\n"
        "• /menu shows the main menu, /language changes the language."
    )


def choose_language() -> str:
    return _("Choose your language:")


def language_set() -> str:
    return _("Language changed: English.")


def button_help() -> str:
    return _("❓ Help")


def button_language() -> str:
    return _("🌐 Language")


def something_went_wrong() -> str:
    return _("Sorry, something went wrong on our side. Please try again in a moment.")


def not_available() -> str:
    return _("This button is no longer available.")
