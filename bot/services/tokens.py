"""Admin API tokens: secrets are shown once and stored only as SHA-256 hashes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.services.errors import Invalid, Unauthorized
from models import ApiToken
from models.enums import TokenRole

TOKEN_PREFIX = "hd_"  # noqa: S105 - a marker, not a secret


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling the API."""

    name: str
    role: TokenRole
    token_id: int | None = None
    agent_id: int | None = None


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def create_token(name: str, role: str, agent_id: int | None = None) -> tuple[ApiToken, str]:
    name = name.strip()
    if not name or len(name) > 128:
        raise Invalid("token name must be 1-128 characters")
    try:
        token_role = TokenRole(role)
    except ValueError:
        raise Invalid(f"role must be one of {', '.join(r.value for r in TokenRole)}") from None
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = await ApiToken.create(
        name=name,
        role=token_role,
        agent_id=agent_id,
        token_hash=hash_secret(secret),
        prefix=secret[:10],
    )
    return token, secret


async def authenticate(secret: str, bootstrap_admin: str | None) -> Principal:
    # The bootstrap token is compared in constant time; stored ones are found by hash,
    # which reveals nothing about the secret through timing.
    if bootstrap_admin and hmac.compare_digest(secret.encode(), bootstrap_admin.encode()):
        return Principal(name="bootstrap admin", role=TokenRole.ADMIN)
    token = await ApiToken.get_or_none(token_hash=hash_secret(secret), revoked_at=None)
    if token is None:
        raise Unauthorized("invalid or revoked token")
    await ApiToken.filter(id=token.id).update(last_used_at=datetime.now(UTC))
    return Principal(name=token.name, role=token.role, token_id=token.id, agent_id=token.agent_id)
