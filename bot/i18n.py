"""gettext catalogs read from the .po sources at start-up (no compiled .mo in git).

aiogram's I18n wants .mo files; compiling the .po in memory with Babel keeps the
repository free of binaries and the build free of an extra step, and finds the
catalogs next to the code whatever the working directory.
"""

from __future__ import annotations

import gettext
import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
LANGUAGES = ("en", "ru")


def load_catalogs(
    path: Path = LOCALES_DIR, domain: str = DOMAIN
) -> dict[str, gettext.GNUTranslations]:
    translations: dict[str, gettext.GNUTranslations] = {}
    for po_path in sorted(path.glob(f"*/LC_MESSAGES/{domain}.po")):
        locale = po_path.parent.parent.name
        with po_path.open("rb") as source:
            catalog = read_po(source, locale=locale, domain=domain)
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        translations[locale] = gettext.GNUTranslations(compiled)
    return translations


def create_i18n(default_language: str) -> I18n:
    # A plain I18n, not a subclass: aiogram finds "the current I18n" through a
    # ContextVar of the I18n class itself, which a subclass would not share. Its own
    # loader only reads .mo files, so it starts on an empty folder and gets ours.
    with tempfile.TemporaryDirectory() as empty:
        i18n = I18n(path=empty, default_locale=default_language, domain=DOMAIN)
    i18n.path = LOCALES_DIR
    i18n.locales = load_catalogs()
    return i18n


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


@contextmanager
def speaking(language: str | None) -> Iterator[None]:
    """Renders texts in `language` (else the default) inside a running I18n context."""
    i18n = I18n.get_current(no_error=True)
    if i18n is None:
        raise RuntimeError("no I18n context: the caller must run inside i18n.context()")
    chosen = language if language in i18n.available_locales else i18n.default_locale
    with i18n.use_locale(chosen):
        yield
