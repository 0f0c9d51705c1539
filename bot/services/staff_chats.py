"""Which staff chat a department's tickets go to."""

from __future__ import annotations

from typing import cast

from bot.config import Settings
from bot.services.settings import runtime_settings
from models import Department


async def staff_chat_for(department: Department, process: Settings) -> int | None:
    """The department's own staff chat, else the one in force (stored, else the
    process configuration `process`'s)."""
    if department.staff_chat_id is not None:
        return department.staff_chat_id
    return (await runtime_settings(process)).staff_chat_id


async def staff_chat_ids(process: Settings) -> set[int]:
    """Every staff chat in use: the global one and the departments' own."""
    chats = Department.filter(staff_chat_id__isnull=False).values_list("staff_chat_id", flat=True)
    ids = set(cast(list[int], await chats))
    configured = (await runtime_settings(process)).staff_chat_id
    if configured is not None:
        ids.add(configured)
    return ids
