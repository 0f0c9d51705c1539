"""Customers as seen from Telegram: registration on contact, language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.i18n import pick_language
from models import Customer


@dataclass(frozen=True, slots=True)
class Contact:
    """Who wrote to the bot, as Telegram reported them (no Telegram types here)."""

    telegram_id: int
    first_name: str = ""
    last_name: str = ""
    username: str | None = None
    language_code: str | None = None


# "Last seen" is kept to the minute.
LAST_SEEN_PRECISION = timedelta(minutes=1)


async def touch(contact: Contact) -> Customer:
    """Creates the customer on first contact; keeps name and username current."""
    fields = {
        "first_name": contact.first_name[:128],
        "last_name": contact.last_name[:128],
        "username": contact.username[:64] if contact.username else None,
        "last_seen_at": datetime.now(UTC),
    }
    # Telegram's language until the customer picks one with /language.
    detected = pick_language(contact.language_code, "") or None
    customer, created = await Customer.get_or_create(
        telegram_id=contact.telegram_id, defaults={**fields, "language": detected}
    )
    if not created:
        changed = {k: v for k, v in fields.items() if getattr(customer, k) != v}
        seen = customer.last_seen_at
        if seen is not None and fields["last_seen_at"] - seen < LAST_SEEN_PRECISION:
            changed.pop("last_seen_at", None)  # a write per update buys nothing
        if changed:
            await Customer.filter(id=customer.id).update(**changed)
            for key, value in changed.items():
                setattr(customer, key, value)
    return customer


async def preferred_language(telegram_id: int) -> str | None:
    rows = await Customer.filter(telegram_id=telegram_id).values_list("language", flat=True)
    return rows[0] if rows else None


async def set_language(telegram_id: int, language: str) -> None:
    await Customer.filter(telegram_id=telegram_id).update(language=language)
