"""Admin API tokens: secrets are shown once and stored only as SHA-256 hashes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from bot.services.errors import Invalid, NotFound, Unauthorized
from models import Agent, ApiToken
from models.enums import AgentRole, TokenRole

TOKEN_PREFIX = "hd_"  # noqa: S105 - a marker, not a secret


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling the API."""

    name: str
    role: TokenRole
    token_id: int | None = None
    agent_id: int | None = None


@dataclass(frozen=True, slots=True)
class Scope:
    """What a caller reads: `departments` None means every department; `agent_id` is
    the agent an agent token acts as (it always sees its own record)."""

    departments: frozenset[int] | None = None
    agent_id: int | None = None


EVERYTHING = Scope()


async def read_scope(principal: Principal) -> Scope:
    """An agent token reads what its agent works on: its departments' tickets,
    customers, agents and templates (an admin agent: every department, as in the staff
    chat). Admin and readonly tokens read everything. An agent token without an agent
    sees nothing rather than everything."""
    if principal.role != TokenRole.AGENT:
        return EVERYTHING
    agent = None
    if principal.agent_id is not None:
        agent = await Agent.get_or_none(id=principal.agent_id)
    if agent is None:
        return Scope(departments=frozenset())
    if agent.role == AgentRole.ADMIN:
        return Scope(agent_id=agent.id)
    departments = cast(list[int], await agent.departments.all().values_list("id", flat=True))
    return Scope(departments=frozenset(departments), agent_id=agent.id)


async def department_scope(principal: Principal) -> frozenset[int] | None:
    """The departments a token reads (None: all of them)."""
    return (await read_scope(principal)).departments


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
    await _check_agent(token_role, agent_id)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = await ApiToken.create(
        name=name,
        role=token_role,
        agent_id=agent_id,
        token_hash=hash_secret(secret),
        prefix=secret[:10],
    )
    return token, secret


async def _check_agent(role: TokenRole, agent_id: int | None) -> None:
    # An agent token acts as one agent (their departments); other roles act as nobody.
    if role is TokenRole.AGENT and agent_id is None:
        raise _agent_error("an agent token needs agent_id", "missing")
    if role is not TokenRole.AGENT and agent_id is not None:
        raise _agent_error("agent_id is only for agent tokens", "unexpected")
    if agent_id is not None and not await Agent.filter(id=agent_id).exists():
        raise _agent_error(f"agent {agent_id} does not exist", "unknown_reference")


def _agent_error(message: str, kind: str) -> Invalid:
    return Invalid(message, [{"loc": ["agent_id"], "msg": message, "type": kind}])


async def list_tokens(
    limit: int, offset: int, *, revoked: bool | None = None, role: TokenRole | None = None
) -> tuple[list[ApiToken], int]:
    query = ApiToken.all().order_by("id")
    if revoked is not None:
        query = query.filter(revoked_at__isnull=not revoked)
    if role is not None:
        query = query.filter(role=role)
    total = await query.count()
    return await query.offset(offset).limit(limit), total


async def get_token(token_id: int) -> ApiToken:
    token = await ApiToken.get_or_none(id=token_id)
    if token is None:
        raise NotFound(f"token {token_id} does not exist")
    return token


async def revoke_token(token_id: int) -> ApiToken:
    """Revokes at once (the next request with it gets 401); revoking twice keeps the
    first time."""
    await get_token(token_id)
    await ApiToken.filter(id=token_id, revoked_at=None).update(revoked_at=datetime.now(UTC))
    return await get_token(token_id)


async def authenticate(secret: str, bootstrap_admin: str | None) -> Principal:
    # The bootstrap token is compared in constant time; stored ones are found by hash,
    # which reveals nothing about the secret through timing.
    if bootstrap_admin and hmac.compare_digest(secret.encode(), bootstrap_admin.encode()):
        return Principal(name="bootstrap admin", role=TokenRole.ADMIN)
    token = await ApiToken.get_or_none(
        token_hash=hash_secret(secret), revoked_at=None
    ).select_related("agent")
    if token is None:
        raise Unauthorized("invalid or revoked token")
    # An agent token is that agent: deactivating the agent stops it on every endpoint
    # (deleting the agent deletes its tokens).
    if token.agent is not None and not token.agent.active:
        raise Unauthorized("the token's agent is deactivated")
    await ApiToken.filter(id=token.id).update(last_used_at=datetime.now(UTC))
    return Principal(name=token.name, role=token.role, token_id=token.id, agent_id=token.agent_id)
