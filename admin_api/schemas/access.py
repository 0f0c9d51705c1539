"""API tokens and runtime settings."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import Field

from admin_api.schemas.common import Id, Name, Output
from admin_api.schemas.directory import Input, PageQuery
from bot.services.settings import (
    AttachmentsDir,
    AutoCloseHours,
    ReopenWindowDays,
    StaffChatId,
)
from models.enums import TokenRole

# -- tokens -------------------------------------------------------------------------------


class TokenIn(Input):
    name: Name
    role: TokenRole
    agent_id: Id | None = Field(
        None, description="Required for (and only for) role agent: the agent it acts as"
    )


class TokenOut(Output):
    id: int
    name: str
    role: TokenRole
    agent_id: int | None
    prefix: str = Field(description="First characters of the secret, to recognise it")
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    secret: str = Field(description="Shown only in this response; store it now")


class TokenQuery(PageQuery):
    role: TokenRole | None = None
    revoked: bool | None = None


# -- settings -----------------------------------------------------------------------------


class SettingsOut(Output):
    staff_chat_id: int | None = Field(
        description="Global staff chat; null when neither stored nor STAFF_CHAT_ID is set"
    )
    auto_close_hours: int = Field(description="Resolved tickets close after this many hours")
    reopen_window_days: int = Field(description="Closed tickets may be reopened this long")
    round_robin: bool = Field(description="Assign new tickets round-robin to on-duty agents")
    sla_pause_while_waiting: bool = Field(description="SLA clock stops while waiting")
    attachments_dir: str = Field(description="Where attachments are stored")


class SettingsPatch(Input):
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"staff_chat_id", "attachments_dir"})

    staff_chat_id: StaffChatId | None = Field(None, description="null: STAFF_CHAT_ID")
    auto_close_hours: AutoCloseHours | None = None
    reopen_window_days: ReopenWindowDays | None = None
    round_robin: bool | None = None
    sla_pause_while_waiting: bool | None = None
    attachments_dir: AttachmentsDir | None = Field(None, description="null: ATTACHMENTS_DIR")
