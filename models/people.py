"""Customers (private chat) and agents (staff chat)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from models.enums import AgentRole, NotifyBy

if TYPE_CHECKING:
    from models.directory import Department


class Customer(Model):
    id = fields.IntField(primary_key=True)
    telegram_id = fields.BigIntField(unique=True)
    first_name = fields.CharField(max_length=128, default="")
    last_name = fields.CharField(max_length=128, default="")
    username = fields.CharField(max_length=64, null=True)
    language = fields.CharField(max_length=8, null=True)
    # Support access (site tech-support: access on/off and an end date).
    active = fields.BooleanField(default=True)
    support_level = fields.CharField(max_length=32, default="standard")
    support_until = fields.DateField(null=True)
    blocked_bot = fields.BooleanField(default=False)
    banned = fields.BooleanField(default=False)
    ban_reason = fields.CharField(max_length=255, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    last_seen_at = fields.DatetimeField(null=True)
    # Set when the customer's personal data was erased (bot.services.erasure): the row
    # stays, anonymised, so their tickets still count in the statistics.
    erased_at = fields.DatetimeField(null=True)

    class Meta:
        table = "customer"

    @property
    def display_name(self) -> str:
        if self.erased_at is not None:
            return "erased customer"
        name = f"{self.first_name} {self.last_name}".strip()
        return name or (f"@{self.username}" if self.username else str(self.telegram_id))


class Agent(Model):
    id = fields.IntField(primary_key=True)
    telegram_id = fields.BigIntField(unique=True)
    name = fields.CharField(max_length=128)
    username = fields.CharField(max_length=64, null=True)
    role = fields.CharEnumField(AgentRole, default=AgentRole.AGENT, max_length=16)
    active = fields.BooleanField(default=True)
    on_duty = fields.BooleanField(default=True)
    language = fields.CharField(max_length=8, null=True)
    # Notices about their tickets: mentioned in the thread, or told privately - once
    # they have started the bot in a private chat (`private_chat`), else mentioned.
    notify_by = fields.CharEnumField(NotifyBy, default=NotifyBy.GROUP, max_length=16)
    private_chat = fields.BooleanField(default=False)
    # Round-robin picks the on-duty agent assigned longest ago.
    last_assigned_at = fields.DatetimeField(null=True)
    departments: fields.ManyToManyRelation[Department] = fields.ManyToManyField(
        "models.Department", related_name="agents", through="agent_department"
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "agent"
