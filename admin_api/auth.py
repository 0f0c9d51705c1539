"""Bearer-token authentication; the principal reaches views through request[PRINCIPAL]."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.services import tokens
from bot.services.errors import Forbidden, Unauthorized
from models.enums import TokenRole

PRINCIPAL = web.RequestKey("principal", tokens.Principal)
BOOTSTRAP_TOKEN = web.AppKey("bootstrap_token", str)


def auth_middleware_factory(
    public_paths: frozenset[str] = frozenset(), public_prefixes: tuple[str, ...] = ()
) -> Any:
    @web.middleware
    async def auth_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path in public_paths or request.path.startswith(public_prefixes):
            return await handler(request)
        header = request.headers.get("Authorization", "")
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Unauthorized("send Authorization: Bearer <token>")
        bootstrap = request.app.get(BOOTSTRAP_TOKEN) or None
        request[PRINCIPAL] = await tokens.authenticate(secret.strip(), bootstrap)
        return await handler(request)

    return auth_middleware


def require(request: web.Request, *roles: TokenRole) -> tokens.Principal:
    principal: tokens.Principal = request[PRINCIPAL]
    if principal.role not in roles:
        raise Forbidden(f"this needs one of the roles: {', '.join(r.value for r in roles)}")
    return principal
