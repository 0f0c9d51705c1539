"""Outgoing webhooks, their deliveries, and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from admin_api.schemas.common import Id, Input, Name, Output, PageQuery, UtcDatetime
from models.enums import DeliveryStatus, TokenRole

WebhookEvent = Literal["ticket.created", "ticket.status_changed", "ticket.answered", "ticket.rated"]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2048, pattern=r"^https?://"),
]


class WebhookIn(Input):
    name: Name
    url: Url = Field(description="http:// or https:// address the events are POSTed to")
    events: list[WebhookEvent] = Field(min_length=1, max_length=4)
    active: bool = True


class WebhookPatch(Input):
    name: Name | None = None
    url: Url | None = None
    events: list[WebhookEvent] | None = Field(None, min_length=1, max_length=4)
    active: bool | None = None


class WebhookOut(Output):
    id: int
    name: str
    url: str
    events: list[str]
    active: bool
    created_at: datetime
    updated_at: datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(
        description="Signs every delivery (X-Helpdesk-Signature); shown only in this response"
    )


class WebhookQuery(PageQuery):
    active: bool | None = None


class DeliveryQuery(PageQuery):
    status: DeliveryStatus | None = None


class DeliveryOut(Output):
    id: int
    key: str = Field(description="The delivery's id on the wire (X-Helpdesk-Delivery)")
    event: str
    ticket_id: int | None
    status: DeliveryStatus
    attempts: int
    last_status_code: int | None = Field(description="The receiver's last HTTP status")
    last_error: str | None
    next_attempt_at: datetime | None = Field(description="While pending: not before then")
    created_at: datetime
    delivered_at: datetime | None


class AuditQuery(PageQuery):
    token_id: Id | None = Field(None, description="Entries of this API token")
    resource: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = Field(
        None, description="e.g. tickets, departments, tokens, settings, webhooks"
    )
    since: UtcDatetime | None = Field(None, description="From this time (inclusive)")
    until: UtcDatetime | None = Field(None, description="Before this time")


class AuditOut(Output):
    id: int
    created_at: datetime
    token_id: int | None = Field(description="null for the bootstrap token (ADMIN_TOKEN)")
    token_name: str
    role: TokenRole
    via: Literal["api", "console"]
    method: str
    resource: str
    object_id: str | None
    action: str = Field(description="The route, e.g. PATCH /v1/departments/{department_id}")
    status_code: int
    fields_changed: list[str] = Field(description="Names of the fields sent, never values")
    address: str = Field(description="The client's address (TRUSTED_PROXIES respected)")
