"""Every private update touches the customer record: created on first contact, name
and username kept current, "last seen" kept to the minute without a write per update."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.services.customers import Contact, touch
from models import Customer


def _contact(**changes: object) -> Contact:
    fields = {
        "telegram_id": 4242,
        "first_name": "Alice",
        "last_name": "",
        "username": "alice",
        "language_code": "ru",
    }
    fields.update(changes)
    return Contact(**fields)  # type: ignore[arg-type]


async def test_touch_creates_then_keeps_the_record_current(db: str) -> None:
    first = await touch(_contact())
    assert (first.first_name, first.username, first.language) == ("Alice", "alice", "ru")
    seen = first.last_seen_at
    assert seen is not None

    # Within the minute: nothing to write, "last seen" stays.
    again = await touch(_contact())
    assert again.id == first.id
    assert (await Customer.get(id=first.id)).last_seen_at == seen

    # A renamed customer is written at once, whatever the minute.
    renamed = await touch(_contact(first_name="Alicia", username=None))
    stored = await Customer.get(id=first.id)
    assert (renamed.first_name, stored.first_name, stored.username) == ("Alicia", "Alicia", None)

    # Over a minute later "last seen" moves on.
    await Customer.filter(id=first.id).update(last_seen_at=seen - timedelta(minutes=5))
    await touch(_contact(first_name="Alicia", username=None))
    moved = (await Customer.get(id=first.id)).last_seen_at
    assert moved is not None and moved > seen - timedelta(seconds=1)
    assert moved <= datetime.now(UTC)
    assert await Customer.filter(telegram_id=4242).count() == 1
