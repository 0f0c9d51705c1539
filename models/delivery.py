"""The outbox (every Bot API send), the processed-update log and FSM storage."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from models.enums import OutboxStatus, Side

if TYPE_CHECKING:
    from models.tickets import Message, Ticket


class OutboxMessage(Model):
    id = fields.BigIntField(primary_key=True)
    chat_id = fields.BigIntField()
    method = fields.CharField(max_length=32)
    payload: fields.JSONField[dict[str, Any]] = fields.JSONField()
    status = fields.CharEnumField(OutboxStatus, default=OutboxStatus.PENDING, max_length=16)
    due_at = fields.DatetimeField()
    attempts = fields.IntField(default=0)
    # Grows when a queued row's payload is changed (an edit that arrived before it was
    # sent): a worker claims a row only at the revision it read, never sending an old
    # payload.
    revision = fields.IntField(default=0)
    # A worker owns a row in SENDING until this time; past it the row is taken back.
    lease_until = fields.DatetimeField(null=True)
    ticket: fields.ForeignKeyNullableRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="outbox", null=True, on_delete=fields.SET_NULL
    )
    ticket_id: int | None
    # The domain message this send is a copy of: its Telegram id becomes a MessageLink.
    message: fields.ForeignKeyNullableRelation[Message] = fields.ForeignKeyField(
        "models.Message", related_name="outbox", null=True, on_delete=fields.SET_NULL
    )
    message_id: int | None
    side = fields.CharEnumField(Side, max_length=16, null=True)
    # A send that needs the Telegram id of an earlier one (edit it, reply to it):
    # `ref_param` of the payload is filled from `ref`'s message id at send time.
    ref: fields.ForeignKeyNullableRelation[OutboxMessage] = fields.ForeignKeyField(
        "models.OutboxMessage", related_name="dependents", null=True, on_delete=fields.SET_NULL
    )
    ref_id: int | None
    ref_param = fields.CharField(max_length=32, null=True)
    # What to do with the result (e.g. remember a card's message id).
    purpose = fields.CharField(max_length=32, null=True)
    # Idempotent enqueue for "once per ticket and threshold" notices.
    dedupe_key = fields.CharField(max_length=128, null=True, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True)
    telegram_message_id = fields.BigIntField(null=True)
    result: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)
    last_error = fields.TextField(null=True)

    class Meta:
        table = "outbox"
        # A ticket's rows still on their way (its card, topic, queued edits, the staff
        # copy a customer's text may join) and a message's copies are looked up by
        # nearly every update.
        indexes = (
            ("status", "due_at"),
            ("chat_id", "status"),
            ("ticket_id", "id"),
            ("message_id",),
        )


class ShownMessage(Model):
    """What a message the bot sent shows now: digests of its text (or caption) and of
    its buttons, written when its send or edit is delivered. An edit that would change
    neither is not sent - Telegram refuses it ("message is not modified") and in a group
    it would spend one of the 20 sends a minute."""

    id = fields.BigIntField(primary_key=True)
    chat_id = fields.BigIntField()
    message_id = fields.BigIntField()
    # None while the text is not known (a copied message; only its buttons were set).
    body = fields.CharField(max_length=64, null=True)
    markup = fields.CharField(max_length=64)
    updated_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "shown_message"
        unique_together = (("chat_id", "message_id"),)


class ProcessedUpdate(Model):
    """Update ids already taken, so a re-delivered update is not handled twice."""

    update_id = fields.BigIntField(primary_key=True, generated=False)
    received_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    # The FSM writes the update made in Redis (bot.storage.FsmWrites.journal), applied
    # again if the update returns after they were lost.
    fsm: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)

    class Meta:
        table = "processed_update"


class FsmRecord(Model):
    """aiogram FSM state and data, so a half-filled wizard survives a restart."""

    key = fields.CharField(max_length=255, primary_key=True)
    state = fields.CharField(max_length=255, null=True)
    data: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "fsm_record"
