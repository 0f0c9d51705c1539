"""Reading tickets: filtered lists with keyset pagination, conversation, history."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from bot.services.errors import Invalid, NotFound
from bot.services.tickets import Actor, get_ticket
from models import Attachment, Message, Ticket, TicketEvent
from models.enums import MessageKind

SORTS = {
    "-updated_at": ("updated_at", True),
    "updated_at": ("updated_at", False),
    "-created_at": ("created_at", True),
    "created_at": ("created_at", False),
    "-number": ("number", True),
    "number": ("number", False),
}


@dataclass(frozen=True, slots=True)
class TicketFilter:
    status_ids: tuple[int, ...] = ()
    status_role: str | None = None
    department_id: int | None = None
    category_id: int | None = None
    priority_id: int | None = None
    assignee_id: int | None = None
    unassigned: bool | None = None
    customer_id: int | None = None
    sla_state: str | None = None
    source: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    updated_from: datetime | None = None
    updated_to: datetime | None = None
    archived: bool | None = None
    q: str | None = None


def _filtered(f: TicketFilter, actor: Actor) -> QuerySet[Ticket]:
    query = Ticket.all()
    if actor.departments is not None:
        query = query.filter(department_id__in=list(actor.departments))
    if f.status_ids:
        query = query.filter(status_id__in=list(f.status_ids))
    if f.status_role:
        query = query.filter(status__role=f.status_role)
    for name in (
        "department_id",
        "category_id",
        "priority_id",
        "assignee_id",
        "customer_id",
        "sla_state",
        "source",
        "archived",
    ):
        value = getattr(f, name)
        if value is not None:
            query = query.filter(**{name: value})
    if f.unassigned is not None:
        query = query.filter(assignee_id__isnull=f.unassigned)
    if f.created_from:
        query = query.filter(created_at__gte=f.created_from)
    if f.created_to:
        query = query.filter(created_at__lt=f.created_to)
    if f.updated_from:
        query = query.filter(updated_at__gte=f.updated_from)
    if f.updated_to:
        query = query.filter(updated_at__lt=f.updated_to)
    if f.q:
        words = f.q.strip()
        in_messages = Message.filter(text__icontains=words).values("ticket_id")
        number = words.lstrip("#")
        condition = Q(subject__icontains=words) | Q(id__in=Subquery(in_messages))
        if number.isdigit() and len(number) < 10:
            condition |= Q(number=int(number))
        query = query.filter(condition)
    return query


def encode_cursor(value: Any, ticket_id: int) -> str:
    raw = json.dumps([value.isoformat() if isinstance(value, datetime) else value, ticket_id])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, field: str) -> tuple[Any, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, ticket_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(ticket_id, int):
            raise ValueError
        if field == "number":
            if not isinstance(value, int):
                raise ValueError
            return value, ticket_id
        return datetime.fromisoformat(value), ticket_id
    except (ValueError, TypeError, json.JSONDecodeError):
        raise Invalid("the cursor is not one this API gave out", {"field": "cursor"}) from None


async def list_tickets(
    f: TicketFilter,
    actor: Actor,
    *,
    sort: str = "-updated_at",
    limit: int = 50,
    cursor: str | None = None,
    with_total: bool = True,
) -> tuple[list[Ticket], str | None, int | None]:
    """A page of tickets and the cursor of the next one (keyset: fast at any depth)."""
    if sort not in SORTS:
        raise Invalid(f"sort must be one of {', '.join(SORTS)}", {"field": "sort"})
    field, descending = SORTS[sort]
    base = _filtered(f, actor)
    query = base
    if cursor:
        value, last_id = _decode_cursor(cursor, field)
        op = "lt" if descending else "gt"
        # The redundant first bound lets the database walk the (field, id) index from
        # the cursor instead of testing the OR on every row before it.
        query = query.filter(
            Q(**{f"{field}__{op}e": value}),
            Q(**{f"{field}__{op}": value}) | (Q(**{field: value}) & Q(**{f"id__{op}": last_id})),
        )
    order = [f"-{field}", "-id"] if descending else [field, "id"]
    rows = (
        await query.order_by(*order)
        .limit(limit + 1)
        .select_related("status", "priority", "department", "category", "customer", "assignee")
    )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(getattr(last, field), last.id)
    total = await base.count() if with_total else None
    return rows, next_cursor, total


async def conversation(
    ticket_id: int, actor: Actor, *, include_notes: bool
) -> tuple[Ticket, list[Message]]:
    ticket = await get_ticket(ticket_id, actor)
    query = Message.filter(ticket_id=ticket.id)
    if not include_notes:
        query = query.exclude(kind=MessageKind.NOTE)
    messages = await query.order_by("created_at", "id").prefetch_related(
        "attachments", "author_agent", "author_customer"
    )
    return ticket, messages


async def history(ticket_id: int, actor: Actor) -> list[TicketEvent]:
    ticket = await get_ticket(ticket_id, actor)
    return await TicketEvent.filter(ticket_id=ticket.id).order_by("created_at", "id")


async def attachment_for(attachment_id: int, actor: Actor) -> Attachment:
    attachment = await Attachment.get_or_none(id=attachment_id).select_related("message")
    if attachment is None:
        raise NotFound(f"attachment {attachment_id} does not exist")
    await get_ticket(attachment.message.ticket_id, actor)  # same scoping as its ticket
    return attachment


def stored_file(attachments_dir: str | Path, attachment: Attachment) -> Path:
    """The stored copy of an attachment; a path leading outside the directory is refused."""
    root = Path(attachments_dir).resolve()
    if not attachment.stored_path or attachment.missing:
        raise NotFound("the file of this attachment is not stored")
    path = (root / attachment.stored_path).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise NotFound("the file of this attachment is not stored")
    return path
