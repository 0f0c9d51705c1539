"""Bearer-token authentication; the principal reaches views through request[PRINCIPAL]."""

from __future__ import annotations

import math
import time
from collections import deque
from typing import Any

from aiohttp import web

from admin_api.errors import error_response
from bot.services import tokens
from bot.services.errors import Forbidden, Unauthorized
from models.enums import TokenRole

PRINCIPAL = web.RequestKey("principal", tokens.Principal)
BOOTSTRAP_TOKEN = web.AppKey("bootstrap_token", str)


class FailedLogins:
    """Failed authentications per client address in a sliding minute: past the limit
    the address gets 429 until the minute has passed, so secrets cannot be guessed
    at speed."""

    def __init__(self, per_minute: int, clock=time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}

    def _window(self, address: str) -> deque[float]:
        now = self._clock()
        window = self._seen.setdefault(address, deque())
        while window and window[0] <= now - 60:
            window.popleft()
        return window

    def retry_after(self, address: str) -> int:
        window = self._window(address)
        if len(window) < self.per_minute:
            return 0
        return max(1, math.ceil(window[0] + 60 - self._clock()))

    def failed(self, address: str) -> None:
        self._window(address).append(self._clock())
        if len(self._seen) > 10_000:
            self._seen = {k: v for k, v in self._seen.items() if v}


FAILED_LOGINS = web.AppKey("failed_logins", FailedLogins)


def auth_middleware_factory(
    public_paths: frozenset[str] = frozenset(), public_prefixes: tuple[str, ...] = ()
) -> Any:
    @web.middleware
    async def auth_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path in public_paths or request.path.startswith(public_prefixes):
            return await handler(request)
        failures = request.app[FAILED_LOGINS]
        address = request.remote or "unknown"
        wait = failures.retry_after(address)
        if wait:
            response = error_response(
                429, "too_many_failures", "too many failed authentications; retry later"
            )
            response.headers["Retry-After"] = str(wait)
            return response
        header = request.headers.get("Authorization", "")
        scheme, _, secret = header.partition(" ")
        try:
            if scheme.lower() != "bearer" or not secret.strip():
                raise Unauthorized("send Authorization: Bearer <token>")
            bootstrap = request.app.get(BOOTSTRAP_TOKEN) or None
            request[PRINCIPAL] = await tokens.authenticate(secret.strip(), bootstrap)
        except Unauthorized:
            failures.failed(address)
            raise
        return await handler(request)

    return auth_middleware


def require(request: web.Request, *roles: TokenRole) -> tokens.Principal:
    principal: tokens.Principal = request[PRINCIPAL]
    if principal.role not in roles:
        raise Forbidden(f"this needs one of the roles: {', '.join(r.value for r in roles)}")
    return principal
