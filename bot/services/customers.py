"""Customers as seen from Telegram: registration on contact, language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.i18n import pick_language
from bot.services.scope import MISSING, recall, remember
from bot.services.scope import customer_key as _key
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


def keep(customer: Customer | None, telegram_id: int) -> Customer | None:
    """Keeps what the update read of the customer with this Telegram id (None: there is
    none), under their Telegram id and their own id."""
    remember(_key(telegram_id), customer)
    if customer is not None:
        remember(("customer_id", customer.id), customer)
    return customer


async def by_telegram_id(telegram_id: int) -> Customer | None:
    """The customer with this Telegram id (read once per update), or None."""
    known = recall(_key(telegram_id))
    if known is not MISSING:
        return known
    return keep(await Customer.get_or_none(telegram_id=telegram_id), telegram_id)


async def by_id(customer_id: int) -> Customer | None:
    """The customer (read once per update), or None."""
    known = recall(("customer_id", customer_id))
    if known is not MISSING:
        return known
    customer = await Customer.get_or_none(id=customer_id)
    return keep(customer, customer.telegram_id) if customer is not None else None


async def touch(contact: Contact) -> Customer:
    """Creates the customer on first contact; keeps name and username current."""
    fields: dict[str, Any] = {
        "first_name": contact.first_name[:128],
        "last_name": contact.last_name[:128],
        "username": contact.username[:64] if contact.username else None,
        "last_seen_at": datetime.now(UTC),
    }
    customer = await by_telegram_id(contact.telegram_id)
    if customer is None:
        # Telegram's language until the customer picks one with /language.
        detected = pick_language(contact.language_code, "") or None
        # (One update of a user at a time, fleet-wide: no other can create them now.)
        customer = await Customer.create(
            telegram_id=contact.telegram_id, **fields, language=detected
        )
        return keep(customer, contact.telegram_id)  # type: ignore[return-value]
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
    customer = await by_telegram_id(telegram_id)
    return customer.language if customer is not None else None


async def set_language(telegram_id: int, language: str) -> None:
    await Customer.filter(telegram_id=telegram_id).update(language=language)
    known = recall(_key(telegram_id))
    if known is not MISSING and known is not None:
        known.language = language
