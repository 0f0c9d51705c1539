"""Bearer-token authentication; the principal reaches views through request[PRINCIPAL]."""

from __future__ import annotations

import math
import time
from collections import deque
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address
from typing import Any

from aiohttp import web

from admin_api.errors import error_response
from bot.services import tokens
from bot.services.errors import Unauthorized

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


Address = IPv4Address | IPv6Address
Network = IPv4Network | IPv6Network


def parse_address(text: str) -> Address | None:
    """An address as a proxy may write it: bare, `[v6]:port` or `v4:port`."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ip_address(text)
    except ValueError:
        return None
    # A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def client_address(request: web.Request, trusted: tuple[Network, ...]) -> str:
    """Who is calling: the peer, unless the peer is a trusted proxy. Then X-Forwarded-For
    is read from the right (each proxy appends the address it saw) and the first address
    that is not itself a trusted proxy is the client; what lies left of it was written
    by that client and proves nothing."""
    peer = request.remote or "unknown"
    hop = parse_address(peer)
    if hop is None or not any(hop in network for network in trusted):
        return peer
    forwarded = ",".join(request.headers.getall("X-Forwarded-For", ()))
    for entry in reversed(forwarded.split(",")):
        address = parse_address(entry)
        if address is None:
            break  # nothing a trusted proxy wrote: the last trusted hop is all we know
        hop = address
        if not any(address in network for network in trusted):
            break
    return str(hop)


def _too_many(wait: int) -> web.Response:
    response = error_response(
        429, "too_many_failures", "too many failed authentications; retry later"
    )
    response.headers["Retry-After"] = str(wait)
    return response


async def _principal(request: web.Request) -> tokens.Principal:
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthorized("send Authorization: Bearer <token>")
    bootstrap = request.app.get(BOOTSTRAP_TOKEN) or None
    return await tokens.authenticate(secret.strip(), bootstrap)


def auth_middleware_factory(
    public_paths: frozenset[str] = frozenset(),
    public_prefixes: tuple[str, ...] = (),
    trusted_proxies: tuple[Network, ...] = (),
) -> Any:
    @web.middleware
    async def auth_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path in public_paths or request.path.startswith(public_prefixes):
            return await handler(request)
        # The token is checked first: a valid one always passes, so a broken script (or
        # a guesser) sharing an address with the team cannot lock the team out. Only
        # failures are limited, per client address.
        try:
            request[PRINCIPAL] = await _principal(request)
        except Unauthorized:
            failures = request.app[FAILED_LOGINS]
            address = client_address(request, trusted_proxies)
            wait = failures.retry_after(address)
            if wait:
                return _too_many(wait)
            failures.failed(address)
            raise
        return await handler(request)

    return auth_middleware
