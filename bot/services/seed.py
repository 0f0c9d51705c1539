"""Default priorities, statuses, settings and counters, created idempotently.

Only missing rows are created: what an admin renamed or recoloured stays as it is.
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from models import Counter, Priority, Setting, Status
from models.enums import SettableBy, StatusRole

DEFAULT_PRIORITIES = (
    # name, OTRS level, emoji, default
    ("low", 2, "🟢", False),
    ("normal", 3, "🔵", True),
    ("high", 4, "🟠", False),
    ("urgent", 5, "🔴", False),
)

DEFAULT_STATUSES: tuple[dict, ...] = (
    {
        "role": StatusRole.NEW,
        "name": "new",
        "translations": {"en": "New", "ru": "Новая"},
        "color": "🆕",
        "settable_by": SettableBy.AGENTS,
        "shown_by_default": True,
        "customer_can_reply": True,
        "is_new": True,
        "is_final": False,
        "order": 10,
    },
    {
        "role": StatusRole.IN_PROGRESS,
        "name": "in progress",
        "translations": {"en": "In progress", "ru": "В работе"},
        "color": "🛠",
        "settable_by": SettableBy.AGENTS,
        "shown_by_default": True,
        "customer_can_reply": True,
        "is_final": False,
        "order": 20,
    },
    {
        "role": StatusRole.WAITING,
        "name": "waiting for customer",
        "translations": {"en": "Waiting for your reply", "ru": "Ожидает вашего ответа"},
        "color": "⏳",
        "settable_by": SettableBy.AGENTS,
        "shown_by_default": True,
        "customer_can_reply": True,
        "is_final": False,
        "order": 30,
    },
    {
        "role": StatusRole.RESOLVED,
        "name": "resolved",
        "translations": {"en": "Resolved", "ru": "Решена"},
        "color": "✅",
        "settable_by": SettableBy.AGENTS,
        "shown_by_default": True,
        "customer_can_reply": True,
        "is_final": False,
        "order": 40,
    },
    {
        "role": StatusRole.CLOSED,
        "name": "closed",
        "translations": {"en": "Closed", "ru": "Закрыта"},
        "color": "🔒",
        "settable_by": SettableBy.ALL,
        "shown_by_default": False,
        "customer_can_reply": False,
        "is_final": True,
        "order": 50,
    },
)

DEFAULT_SETTINGS: dict[str, object] = {
    # OTRS closes resolved tickets after one day without a customer reaction.
    "auto_close_hours": 24,
    "reopen_window_days": 7,
    "round_robin": False,
    "sla_pause_while_waiting": True,
    "staff_chat_id": None,
}

FIRST_TICKET_NUMBER = 1001


async def seed_defaults() -> None:
    async with in_transaction():
        for name, level, color, is_default in DEFAULT_PRIORITIES:
            if not await Priority.filter(level=level).exists():
                has_default = await Priority.filter(is_default=True).exists()
                await Priority.create(
                    name=name,
                    level=level,
                    color=color,
                    is_default=True if is_default and not has_default else None,
                )
        for spec in DEFAULT_STATUSES:
            if await Status.filter(role=spec["role"]).exists():
                continue
            fields = dict(spec)
            wants_new = fields.pop("is_new", False)
            # Never steal is_new from a status an admin chose; the unique index allows one.
            fields["is_new"] = (
                True if wants_new and not await Status.filter(is_new=True).exists() else None
            )
            if await Status.filter(name=fields["name"]).exists():
                fields["name"] = f"{fields['name']} ({fields['role']})"
            await Status.create(**fields)
        for key, value in DEFAULT_SETTINGS.items():
            await Setting.get_or_create(key=key, defaults={"value": value})
        await Counter.get_or_create(name="ticket", defaults={"value": FIRST_TICKET_NUMBER - 1})
