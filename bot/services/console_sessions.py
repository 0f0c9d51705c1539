"""Sessions of the web console: an API token exchanged for a server-side session.

The browser holds only a random key (an HttpOnly cookie); the database holds its
SHA-256, who signed in (the token's name, role and agent), the session's CSRF token
and its expiry. Every request re-reads the token behind the session: a revoked token
or a deactivated agent ends the session at once, as it ends API access.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.services import tokens
from models import ApiToken, ConsoleSession

SESSION_HOURS = 12


@dataclass(frozen=True, slots=True)
class Session:
    """A live session: the principal it acts as, its CSRF token and its language."""

    id: int
    principal: tokens.Principal
    csrf_token: str
    language: str
    expires_at: datetime


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


async def sign_in(
    secret: str, bootstrap_admin: str | None, *, language: str, hours: int = SESSION_HOURS
) -> tuple[str, Session]:
    """Checks the API token (bot.services.tokens.authenticate: Unauthorized when it is
    wrong, revoked or its agent deactivated) and opens a session; returns the key for
    the cookie (never stored) and the session."""
    principal = await tokens.authenticate(secret.strip(), bootstrap_admin)
    key = secrets.token_urlsafe(32)
    expires = _now() + timedelta(hours=hours)
    row = await ConsoleSession.create(
        key_hash=_hash(key),
        token_id=principal.token_id,
        name=principal.name,
        role=principal.role,
        agent_id=principal.agent_id,
        csrf_token=secrets.token_urlsafe(32),
        language=language,
        expires_at=expires,
    )
    # Expired sessions go when someone signs in: no timer needed for a small table.
    await ConsoleSession.filter(expires_at__lt=_now()).delete()
    return key, _session(row, principal)


def _session(row: ConsoleSession, principal: tokens.Principal) -> Session:
    return Session(row.id, principal, row.csrf_token, row.language, row.expires_at)


async def session_for(key: str | None) -> Session | None:
    """The live session of a cookie's key; None when there is none, it expired, or the
    token behind it was revoked (or its agent deactivated)."""
    if not key or len(key) > 128:
        return None
    row = await ConsoleSession.get_or_none(key_hash=_hash(key), expires_at__gt=_now())
    if row is None:
        return None
    if row.token_id is not None:
        token = await ApiToken.get_or_none(id=row.token_id, revoked_at=None).select_related("agent")
        if token is None or (token.agent is not None and not token.agent.active):
            await ConsoleSession.filter(id=row.id).delete()
            return None
    principal = tokens.Principal(
        name=row.name, role=row.role, token_id=row.token_id, agent_id=row.agent_id
    )
    return _session(row, principal)


async def set_language(session_id: int, language: str) -> None:
    await ConsoleSession.filter(id=session_id).update(language=language)


async def sign_out(key: str | None) -> None:
    if key:
        await ConsoleSession.filter(key_hash=_hash(key)).delete()
