"""Tickets, their messages and events, actions and alerts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from admin_api.schemas.common import Id, Input, Output, UtcDatetime
from bot.services.ticket_queries import SEARCH_TOTAL_LIMIT, TOTAL_LIMIT

ActionText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)
]
Subject = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
Sort = Literal["-updated_at", "updated_at", "-created_at", "created_at", "-number", "number"]
SlaStateName = Literal["ok", "warning", "breached"]
TagName = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^#?[^\W][\w-]{0,31}$")]
RoleName = Literal["new", "in_progress", "waiting", "resolved", "closed"]


class TicketQuery(Input):
    status_id: list[Id] = Field(
        default_factory=list, max_length=50, description="Repeat for several statuses"
    )
    status_role: RoleName | None = None
    all_statuses: bool = Field(
        False,
        description="Without status_id, status_role or q only tickets whose status is"
        " shown_by_default are listed (closed ones are hidden by default); true lists all",
    )
    department_id: Id | None = None
    category_id: Id | None = None
    priority_id: Id | None = None
    assignee_id: Id | None = None
    unassigned: bool | None = Field(None, description="true: only tickets nobody has taken")
    customer_id: Id | None = None
    sla_state: SlaStateName | None = None
    source: Literal["telegram", "api", "alert"] | None = None
    created_from: UtcDatetime | None = None
    created_to: UtcDatetime | None = None
    updated_from: UtcDatetime | None = None
    updated_to: UtcDatetime | None = None
    archived: bool | None = None
    snoozed: bool | None = Field(
        None, description="true: only snoozed tickets (waiting until a time); false: none"
    )
    tag: list[TagName] = Field(
        default_factory=list,
        max_length=20,
        description="Only tickets with this tag (by name, letter case ignored); repeated:"
        " with all of them. An unknown tag is 422",
    )
    q: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
        | None
    ) = Field(
        None,
        description="A substring of the subject or of any message, letter case ignored in"
        " every alphabet, every character literal (and #number)",
    )
    sort: Sort = "-updated_at"
    limit: int = Field(50, ge=1, le=200)
    cursor: Annotated[str, StringConstraints(max_length=200)] | None = Field(
        None, description="next_cursor of the previous page"
    )
    with_total: bool = Field(
        True,
        description=f"Count the matching tickets (up to {TOTAL_LIMIT:,}; {SEARCH_TOTAL_LIMIT:,}"
        " with q)",
    )

    @model_validator(mode="after")
    def _periods(self) -> TicketQuery:
        for start, end in (("created_from", "created_to"), ("updated_from", "updated_to")):
            a, b = getattr(self, start), getattr(self, end)
            if a and b and a > b:
                raise ValueError(f"{start} is after {end}")
        return self


class Ref(Output):
    id: int
    name: str


class StatusRef(Ref):
    role: str | None


class PriorityRef(Ref):
    level: int


class CustomerRef(Output):
    id: int
    telegram_id: int
    first_name: str
    last_name: str
    username: str | None


class TicketDetail(Output):
    key: str
    label: dict[str, str]
    kind: str
    value: str = Field(description="Empty for a screenshot (the files are the ticket's)")


class TagRef(Output):
    id: int
    name: str
    color: str


class TicketOut(Output):
    id: int
    number: int
    subject: str
    status_id: int
    status: StatusRef
    priority_id: int
    priority: PriorityRef
    department_id: int
    department: Ref
    category_id: int | None
    assignee_id: int | None
    customer_id: int
    customer: CustomerRef
    source: str
    alert_kind: str | None
    sla_state: str
    first_response_due: datetime | None
    resolution_due: datetime | None
    snoozed_until: datetime | None = Field(
        description="Snoozed (out of the staff chat's queues) until then; null when not"
    )
    created_at: datetime
    updated_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    last_customer_message_at: datetime | None
    last_agent_message_at: datetime | None
    csat: int | None
    csat_comment: str | None
    archived: bool
    staff_chat_id: int | None
    staff_message_id: int | None
    staff_topic_id: int | None
    tags: list[TagRef] = Field(default_factory=list, description="Its tags, by name")
    details: list[TicketDetail] = Field(
        default_factory=list,
        description="The category's required fields as the customer answered them in the wizard",
    )

    @field_validator("details", mode="before")
    @classmethod
    def _stored_list(cls, value: Any) -> Any:
        return value or []


class TicketPage(Output):
    items: list[TicketOut]
    next_cursor: str | None
    total: int | None = Field(
        description=f"Matching tickets, counted up to {TOTAL_LIMIT:,} ({SEARCH_TOTAL_LIMIT:,}"
        " with q); null when with_total=false"
    )
    total_exact: bool | None = Field(
        description="false: more tickets match than total (the cap); null without total"
    )


class AttachmentOut(Output):
    id: int
    kind: str
    file_name: str
    mime_type: str
    size: int
    sha256: str | None
    missing: bool
    download_url: str


class Author(Output):
    type: Literal["customer", "agent", "system"]
    id: int | None
    name: str


class MessageOut(Output):
    id: int
    kind: str
    text: str
    author: Author
    rating: int | None
    created_at: datetime
    edited_at: datetime | None
    attachments: list[AttachmentOut]


class EventOut(Output):
    id: int
    kind: str
    actor_type: str
    actor_id: int | None
    actor_name: str
    data: dict
    created_at: datetime


class ReplyIn(Input):
    text: ActionText
    as_agent_id: Id | None = Field(None, description="Admin tokens: answer as this agent")


class AssignIn(Input):
    agent_id: Id | None = Field(..., description="null releases the ticket")


class TransferIn(Input):
    department_id: Id
    agent_id: Id | None = None


class TicketStatusIn(Input):
    status_id: Id


class TicketPriorityIn(Input):
    priority_id: Id


class AlertFile(Input):
    file_name: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    mime_type: Annotated[str, StringConstraints(pattern=r"^[\w.+-]+/[\w.+-]+$", max_length=128)] = (
        "application/octet-stream"
    )
    content_base64: Annotated[str, StringConstraints(min_length=1, max_length=28_000_000)] = Field(
        ..., description="The file's bytes, base64 (at most 20 MB decoded)"
    )


class AlertIn(Input):
    customer_id: Id
    kind: Literal["information", "complaint", "suspicious_activity"]
    subject: Subject
    text: ActionText
    department_id: Id | None = None
    priority_id: Id | None = None
    as_agent_id: Id | None = None
    files: list[AlertFile] = Field(default_factory=list, max_length=5)


class CustomerHistoryOut(Output):
    customer_id: int
    total: int = Field(description="Their tickets the caller may see")
    open_count: int = Field(description="Of them not in a final status")
    open: list[TicketOut] = Field(description="Open tickets, newest activity first (up to 5)")
    recent: list[TicketOut] = Field(description="Their latest tickets, any status (up to 5)")
    csat_average: float | None = Field(description="Average rating (1-5) of rated tickets")
    csat_count: int
    answers_liked: int = Field(description="Agents' answers rated 👍")
    answers_disliked: int = Field(description="Agents' answers rated 👎")


SnoozeDuration = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)
]


class SnoozeIn(Input):
    until: UtcDatetime | None = Field(
        None, description="ISO 8601; without an offset it is UTC. A minute to 365 days ahead"
    )
    duration: SnoozeDuration | None = Field(
        None, description="From now, as in the staff chat: 30m, 3h, 2d, 1w (or 1d 12h)"
    )

    @model_validator(mode="after")
    def _one(self) -> SnoozeIn:
        if (self.until is None) == (self.duration is None):
            raise ValueError("give either until or duration")
        return self


class MergeIn(Input):
    target_id: Id = Field(description="The ticket that lives on (same customer, open)")


class SplitIn(Input):
    message_ids: list[Id] = Field(
        min_length=1, max_length=500, description="Customer messages of the ticket to move"
    )
    department_id: Id | None = Field(None, description="null: the ticket's department")
    subject: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
        | None
    ) = Field(None, description="null: the first message's first line")
