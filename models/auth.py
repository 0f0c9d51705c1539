"""Admin API tokens: only a hash of the secret is stored."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from models.enums import TokenRole

if TYPE_CHECKING:
    from models.people import Agent


class ApiToken(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=128)
    role = fields.CharEnumField(TokenRole, max_length=16)
    # An agent-role token acts within this agent's departments.
    agent: fields.ForeignKeyNullableRelation[Agent] = fields.ForeignKeyField(
        "models.Agent", related_name="api_tokens", null=True, on_delete=fields.CASCADE
    )
    agent_id: int | None
    token_hash = fields.CharField(max_length=64, unique=True)
    # First characters of the secret, to recognise a token in listings.
    prefix = fields.CharField(max_length=12)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"
