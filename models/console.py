"""Sessions of the web console (console/): a sign-in with an API token, kept server-side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from models.enums import TokenRole

if TYPE_CHECKING:
    from models.auth import ApiToken


class ConsoleSession(Model):
    """The cookie holds a random key; only its SHA-256 is stored (a database leak gives
    no session away). `token` is the API token the person signed in with (null for
    the bootstrap admin token): revoking it, or deactivating its agent, ends the
    session on its next request; deleting it deletes the session."""

    id = fields.IntField(primary_key=True)
    key_hash = fields.CharField(max_length=64, unique=True)
    token: fields.ForeignKeyNullableRelation[ApiToken] = fields.ForeignKeyField(
        "models.ApiToken", related_name="console_sessions", null=True, on_delete=fields.CASCADE
    )
    token_id: int | None
    name = fields.CharField(max_length=128)
    role = fields.CharEnumField(TokenRole, max_length=16)
    agent_id = fields.IntField(null=True)
    csrf_token = fields.CharField(max_length=64)
    language = fields.CharField(max_length=8, default="en")
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "console_session"
