"""gettext catalogs read from the .po sources at start-up (no compiled .mo in git).

aiogram's I18n wants .mo files; compiling the .po in memory with Babel keeps the
repository free of binaries and the build free of an extra step, and finds the
catalogs next to the code whatever the working directory.
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path
from typing import Any

from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
LANGUAGES = ("en", "ru")


class PoI18n(I18n):
    def find_locales(self) -> dict[str, gettext.GNUTranslations]:
        translations: dict[str, gettext.GNUTranslations] = {}
        for po_path in sorted(Path(self.path).glob(f"*/LC_MESSAGES/{self.domain}.po")):
            locale = po_path.parent.parent.name
            with po_path.open("rb") as source:
                catalog = read_po(source, locale=locale, domain=self.domain)
            compiled = io.BytesIO()
            write_mo(compiled, catalog)
            compiled.seek(0)
            translations[locale] = gettext.GNUTranslations(compiled)
        return translations


def create_i18n(default_language: str) -> PoI18n:
    return PoI18n(path=LOCALES_DIR, default_locale=default_language, domain=DOMAIN)


def pick_language(language_code: str | None, default: str) -> str:
    """Telegram sends e.g. "ru", "ru-RU" or "en-GB"; we speak the base language."""
    base = (language_code or "").split("-", 1)[0].lower()
    return base if base in LANGUAGES else default


class LanguageMiddleware(I18nMiddleware):
    """The customer's chosen language, else their Telegram language, else the default."""

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        chosen = data.get("customer_language")
        if chosen in LANGUAGES:
            return chosen
        user: User | None = data.get("event_from_user")
        return pick_language(user.language_code if user else None, self.i18n.default_locale)
