"""Tickets, their messages (with Telegram message-id mappings), attachments and events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from models.enums import ActorType, AttachmentKind, MessageKind, Side, SlaState, TicketSource

if TYPE_CHECKING:
    from models.directory import Category, Department, Priority, Status
    from models.people import Agent, Customer


class Ticket(Model):
    id = fields.IntField(primary_key=True)
    number = fields.IntField(unique=True)
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="tickets", on_delete=fields.RESTRICT
    )
    customer_id: int
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="tickets", on_delete=fields.RESTRICT
    )
    department_id: int
    category: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="tickets", null=True, on_delete=fields.SET_NULL
    )
    category_id: int | None
    priority: fields.ForeignKeyRelation[Priority] = fields.ForeignKeyField(
        "models.Priority", related_name="tickets", on_delete=fields.RESTRICT
    )
    priority_id: int
    status: fields.ForeignKeyRelation[Status] = fields.ForeignKeyField(
        "models.Status", related_name="tickets", on_delete=fields.RESTRICT
    )
    status_id: int
    subject = fields.CharField(max_length=255)
    assignee: fields.ForeignKeyNullableRelation[Agent] = fields.ForeignKeyField(
        "models.Agent", related_name="assigned_tickets", null=True, on_delete=fields.SET_NULL
    )
    assignee_id: int | None
    source = fields.CharEnumField(TicketSource, default=TicketSource.TELEGRAM, max_length=16)
    alert_kind = fields.CharField(max_length=32, null=True)

    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    first_response_at = fields.DatetimeField(null=True)
    resolved_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)
    last_customer_message_at = fields.DatetimeField(null=True)
    last_agent_message_at = fields.DatetimeField(null=True)

    first_response_due = fields.DatetimeField(null=True)
    resolution_due = fields.DatetimeField(null=True)
    sla_state = fields.CharEnumField(SlaState, default=SlaState.OK, max_length=16)
    # When the SLA clock started: the ticket's creation, or for an alert the customer's
    # first answer (None until then: an alert waits for the customer on no clock).
    sla_started_at = fields.DatetimeField(null=True)
    # The clock stands while the customer has the ball (waiting, when the setting says
    # so) and while the work is done (resolved, closed): since when, and how long it
    # stood in all (the due times are moved by it).
    sla_paused_at = fields.DatetimeField(null=True)
    sla_paused_seconds = fields.IntField(default=0)
    # Snoozed ("waiting until"): out of the active queues until then, or until the
    # customer writes (bot.services.snoozing); None when not snoozed.
    snoozed_until = fields.DatetimeField(null=True)

    csat = fields.SmallIntField(null=True)
    # Agent answers (messages of kind agent) on the ticket, kept with the statistics'
    # roll-ups: a ticket moved to another assignee or department moves its answers'
    # counts with it, and one without answers has none to look up.
    answers = fields.IntField(default=0)
    csat_comment = fields.TextField(null=True)

    # Where the staff card lives.
    staff_chat_id = fields.BigIntField(null=True)
    staff_message_id = fields.BigIntField(null=True)
    staff_topic_id = fields.BigIntField(null=True)

    archived = fields.BooleanField(default=False)
    # The category's required fields as answered in the wizard: [{"key", "label", "value"}]
    # (labels as the category had them then); NULL: none were asked.
    details: fields.JSONField[list[dict[str, Any]] | None] = fields.JSONField(null=True)
    # Agent messages the customer has not opened yet ("new messages" marker).
    customer_unread = fields.IntField(default=0)

    class Meta:
        table = "ticket"
        indexes = (
            ("customer_id", "updated_at"),
            ("department_id", "status_id"),
            ("assignee_id", "status_id"),
            ("status_id", "updated_at"),
            # Periods in lists and statistics filter on creation time.
            ("created_at",),
            ("department_id", "created_at"),
            # The default list order (newest activity first) walks this index.
            ("updated_at", "id"),
            # A staff chat message finds its ticket by the card it replies to, or by its
            # forum topic: every message in a staff chat.
            ("staff_chat_id", "staff_message_id"),
            ("staff_chat_id", "staff_topic_id"),
            # ... and this one within a department and status (the common list filter).
            ("department_id", "status_id", "updated_at", "id"),
            # The automation pass finds the snoozes that are due.
            ("snoozed_until",),
        )


class Message(Model):
    id = fields.IntField(primary_key=True)
    ticket: fields.ForeignKeyRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="messages", on_delete=fields.CASCADE
    )
    ticket_id: int
    kind = fields.CharEnumField(MessageKind, max_length=16)
    author_customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="messages", null=True, on_delete=fields.SET_NULL
    )
    author_customer_id: int | None
    author_agent: fields.ForeignKeyNullableRelation[Agent] = fields.ForeignKeyField(
        "models.Agent", related_name="messages", null=True, on_delete=fields.SET_NULL
    )
    author_agent_id: int | None
    text = fields.TextField(default="")
    # Per-answer rating by the customer: +1 / -1.
    rating = fields.SmallIntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    edited_at = fields.DatetimeField(null=True)
    # The reverse side of Attachment.message, declared for the type checker.
    attachments: fields.ReverseRelation[Attachment]

    class Meta:
        table = "message"
        indexes = (("ticket_id", "created_at"),)


class MessageLink(Model):
    """One Telegram copy of a message: routing replies never parses text."""

    id = fields.IntField(primary_key=True)
    message: fields.ForeignKeyRelation[Message] = fields.ForeignKeyField(
        "models.Message", related_name="links", on_delete=fields.CASCADE
    )
    message_id: int
    ticket: fields.ForeignKeyRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="links", on_delete=fields.CASCADE
    )
    ticket_id: int
    side = fields.CharEnumField(Side, max_length=16)
    chat_id = fields.BigIntField()
    telegram_message_id = fields.BigIntField()

    class Meta:
        table = "message_link"
        unique_together = (("chat_id", "telegram_message_id"),)
        # A message's copies (edits, deletes cascading) and a ticket's (erasure).
        indexes = (("message_id",), ("ticket_id",))


class Attachment(Model):
    id = fields.IntField(primary_key=True)
    message: fields.ForeignKeyRelation[Message] = fields.ForeignKeyField(
        "models.Message", related_name="attachments", on_delete=fields.CASCADE
    )
    message_id: int
    kind = fields.CharEnumField(AttachmentKind, max_length=16)
    file_id = fields.CharField(max_length=255)
    file_unique_id = fields.CharField(max_length=128, db_index=True)
    file_name = fields.CharField(max_length=255, default="")
    mime_type = fields.CharField(max_length=128, default="application/octet-stream")
    size = fields.BigIntField(default=0)
    sha256 = fields.CharField(max_length=64, null=True)
    # Relative to ATTACHMENTS_DIR; None until downloaded.
    stored_path = fields.CharField(max_length=512, null=True)
    missing = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "attachment"
        indexes = (("message_id",),)


class TicketEvent(Model):
    """Every change of a ticket (OTRS history)."""

    id = fields.IntField(primary_key=True)
    ticket: fields.ForeignKeyRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="events", on_delete=fields.CASCADE
    )
    ticket_id: int
    kind = fields.CharField(max_length=32)
    actor_type = fields.CharEnumField(ActorType, max_length=16)
    actor_id = fields.IntField(null=True)
    actor_name = fields.CharField(max_length=128, default="")
    data: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "ticket_event"
        indexes = (("ticket_id", "created_at"),)
