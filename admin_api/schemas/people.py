"""Agents and customers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, Field, StringConstraints

from admin_api.schemas.common import Id, Name, Output, TelegramId
from admin_api.schemas.directory import Input, Language, PageQuery, Search, SupportLevel
from models.enums import AgentRole, NotifyBy

PersonName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=128)]
# Telegram usernames: 5-32 of A-Z a-z 0-9 _ (older and bot-side ones can be shorter).
Username = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^@?[A-Za-z0-9_]{1,32}$"),
    AfterValidator(lambda value: value.removeprefix("@")),
]
DepartmentIds = Annotated[list[Id], Field(max_length=200)]
BanReason = Annotated[str, StringConstraints(strip_whitespace=True, max_length=255)]


# -- agents -------------------------------------------------------------------------------


class AgentIn(Input):
    telegram_id: TelegramId
    name: Name
    username: Username | None = None
    department_ids: DepartmentIds = Field(default_factory=list)
    role: AgentRole = AgentRole.AGENT
    active: bool = True
    on_duty: bool = True
    language: Language | None = None
    notify_by: NotifyBy = Field(
        NotifyBy.GROUP,
        description="Notices about their tickets: a mention in the thread (group) or a "
        "private message (private; a mention until they have started the bot privately)",
    )


class AgentPatch(Input):
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"username", "language"})

    telegram_id: TelegramId | None = None
    name: Name | None = None
    username: Username | None = None
    department_ids: DepartmentIds | None = Field(
        None, description="Replaces the agent's departments"
    )
    role: AgentRole | None = None
    active: bool | None = None
    on_duty: bool | None = None
    language: Language | None = None
    notify_by: NotifyBy | None = None


class AgentOut(Output):
    id: int
    telegram_id: int
    name: str
    username: str | None
    department_ids: list[int]
    role: AgentRole
    active: bool
    on_duty: bool
    language: str | None
    notify_by: NotifyBy
    private_chat: bool = Field(description="Has started the bot privately (read-only)")
    created_at: datetime

    @classmethod
    def of(cls, agent: Any) -> AgentOut:
        """From an Agent whose departments are fetched."""
        data = {name: getattr(agent, name) for name in cls.model_fields if name != "department_ids"}
        return cls(**data, department_ids=sorted(d.id for d in agent.departments))


class AgentQuery(PageQuery):
    department_id: Id | None = None
    role: AgentRole | None = None
    active: bool | None = None
    on_duty: bool | None = None
    q: Search | None = Field(None, description="Search in name and username")


# -- customers ----------------------------------------------------------------------------


class CustomerIn(Input):
    telegram_id: TelegramId
    first_name: PersonName = ""
    last_name: PersonName = ""
    username: Username | None = None
    language: Language | None = None
    active: bool = Field(True, description="Support access")
    support_level: SupportLevel = "standard"
    support_until: date | None = None
    banned: bool = False
    ban_reason: BanReason = ""


class CustomerPatch(Input):
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"username", "language", "support_until"})

    telegram_id: TelegramId | None = Field(None, description="Only while they have no tickets")
    first_name: PersonName | None = None
    last_name: PersonName | None = None
    username: Username | None = None
    language: Language | None = None
    active: bool | None = None
    support_level: SupportLevel | None = None
    support_until: date | None = None
    banned: bool | None = None
    ban_reason: BanReason | None = None


class CustomerOut(Output):
    id: int
    telegram_id: int
    first_name: str
    last_name: str
    username: str | None
    language: str | None
    active: bool
    support_level: str
    support_until: date | None
    banned: bool
    ban_reason: str
    blocked_bot: bool = Field(description="The customer blocked the bot (read-only)")
    created_at: datetime
    updated_at: datetime
    last_seen_at: datetime | None
    erased_at: datetime | None = Field(
        description="When their personal data was erased (POST …/erase); null if never"
    )


class CustomerQuery(PageQuery):
    active: bool | None = None
    banned: bool | None = None
    support_level: SupportLevel | None = None
    q: Search | None = Field(None, description="Search in names, username, Telegram id")


class EraseIn(Input):
    force: bool = Field(
        False,
        description="Close the customer's open tickets first (each with an event) instead "
        "of refusing with 409",
    )


class ErasureOut(Output):
    customer_id: int
    tickets_anonymised: int = Field(description="Kept for the statistics, without personal data")
    tickets_closed: int = Field(description="Open tickets closed first (with force)")
    messages_wiped: int = Field(description="Messages of their tickets whose text was removed")
    attachments_removed: int
    files_deleted: int = Field(description="Stored files deleted, drafts' included")
    files_not_deleted: list[str] = Field(
        description="Stored files (relative paths) that could not be deleted: remove by hand"
    )
    drafts_removed: int = Field(description="Wizard drafts and pending messages (FSM records)")
    outbox_rows_removed: int = Field(description="Queued or sent Telegram messages forgotten")
