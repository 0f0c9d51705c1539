"""Departments, categories, priorities, statuses, SLA policies, templates."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import Field

from admin_api.schemas.common import Input, LongText, Name, Output, PageQuery, TelegramId


class DepartmentIn(Input):
    name: Name
    description: LongText = ""
    visible: bool = True
    staff_chat_id: TelegramId | None = Field(
        None, description="Own staff chat; null: the global one"
    )
    order: int = Field(0, ge=-10_000, le=10_000)
    active: bool = True


class DepartmentPatch(Input):
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"staff_chat_id"})

    name: Name | None = None
    description: LongText | None = None
    visible: bool | None = None
    staff_chat_id: TelegramId | None = None
    order: int | None = Field(None, ge=-10_000, le=10_000)
    active: bool | None = None


class DepartmentOut(Output):
    id: int
    name: str
    description: str
    visible: bool
    staff_chat_id: int | None
    order: int
    active: bool
    created_at: datetime
    updated_at: datetime


class DepartmentQuery(PageQuery):
    active: bool | None = None
    visible: bool | None = None
