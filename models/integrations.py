"""Outgoing webhooks (their deliveries are an outbox of their own) and the audit log."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.enums import DeliveryStatus


class Webhook(Model):
    """An integration's endpoint: the ticket events it subscribed to are POSTed there,
    signed with its secret (HMAC-SHA256 of the body)."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=128)
    url = fields.CharField(max_length=2048)
    events: fields.JSONField[list[str]] = fields.JSONField(default=list)
    # Needed in the clear to sign each delivery; shown to the API once, on create.
    secret = fields.CharField(max_length=128)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "webhook"


class WebhookDelivery(Model):
    """One event for one webhook: written in the transaction of the change that caused
    it, POSTed by bot.delivery.webhooks until the receiver takes it or attempts run out.
    `key` is the delivery's id on the wire (X-Helpdesk-Delivery): the same on every
    attempt and redelivery, so a receiver drops what it has seen."""

    id = fields.BigIntField(primary_key=True)
    key = fields.CharField(max_length=36, unique=True)
    webhook: fields.ForeignKeyRelation[Webhook] = fields.ForeignKeyField(
        "models.Webhook", related_name="deliveries", on_delete=fields.CASCADE
    )
    webhook_id: int
    event = fields.CharField(max_length=32)
    ticket_id = fields.IntField(null=True)
    payload: fields.JSONField[dict[str, Any]] = fields.JSONField()
    status = fields.CharEnumField(DeliveryStatus, default=DeliveryStatus.PENDING, max_length=16)
    attempts = fields.IntField(default=0)
    # The next attempt is not before this time.
    due_at = fields.DatetimeField()
    # A sender owns a row in SENDING until this time; past it the row is taken back.
    lease_until = fields.DatetimeField(null=True)
    last_status_code = fields.IntField(null=True)
    last_error = fields.TextField(null=True)
    created_at = fields.DatetimeField()
    delivered_at = fields.DatetimeField(null=True)

    class Meta:
        table = "webhook_delivery"
        indexes = (("status", "due_at"), ("webhook_id", "id"))


class AuditEntry(Model):
    """One write through the admin API or the console that succeeded: who, what, when,
    from where. Written in the request's transaction: a refused or failed request
    leaves no entry (its change was rolled back with it)."""

    id = fields.BigIntField(primary_key=True)
    created_at = fields.DatetimeField(db_index=True)
    # No foreign key: the entry outlives the token (the bootstrap token has no row).
    token_id = fields.IntField(null=True, db_index=True)
    token_name = fields.CharField(max_length=128)
    role = fields.CharField(max_length=16)
    via = fields.CharField(max_length=16)  # api or console
    method = fields.CharField(max_length=8)
    resource = fields.CharField(max_length=64, db_index=True)
    object_id = fields.CharField(max_length=64, null=True)
    action = fields.CharField(max_length=255)  # the route, e.g. POST /v1/tickets/{ticket_id}/reply
    status_code = fields.IntField()
    # The names of the fields sent (never their values: secrets, texts, personal data).
    fields_changed: fields.JSONField[list[str]] = fields.JSONField(default=list)
    address = fields.CharField(max_length=64)

    class Meta:
        table = "audit_entry"
