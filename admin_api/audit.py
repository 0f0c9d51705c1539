"""Recording writes in the audit log (bot.services.audit), for the admin API and the
console alike: a write request runs in one transaction with its audit entry. A request
that fails - an exception, or an answer of 400 or more - is rolled back whole and leaves
no entry; one that succeeds is committed with it."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from tortoise.transactions import in_transaction

from admin_api.auth import PRINCIPAL, Network, client_address
from admin_api.keys import WAKE_OUTBOX
from bot.services import audit
from bot.services.tokens import Principal

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_MOUNTS = {"api", "console", "v1"}


class _Failed(Exception):
    """Leaves the transaction (rolled back) with the answer a failed request gave."""

    def __init__(self, response: web.StreamResponse) -> None:
        self.response = response


def _route(request: web.Request) -> tuple[str, str, str | None]:
    """(resource, action, object id) of the request: the route's template with its
    non-id parts filled in (a console section, a ticket action), the first id in it."""
    resource = request.match_info.route.resource
    canonical = resource.canonical if resource is not None else request.path
    filled, object_id = [], None
    for part in canonical.split("/"):
        if part.startswith("{") and part.endswith("}"):
            name = part[1:-1]
            if name.endswith("_id"):
                object_id = object_id or request.match_info.get(name)
            else:
                part = request.match_info.get(name, part)
        filled.append(part)
    segments = [p for p in filled if p and p not in _MOUNTS]
    # The console's configuration pages are /config/<section>/...
    if segments and segments[0] == "config" and len(segments) > 1:
        segments = segments[1:]
    name = segments[0] if segments else "unknown"
    path = "/".join(p for p in filled if p not in ("api", "console"))
    return name, f"{request.method} {path}", object_id


async def _fields(request: web.Request, via: str) -> list[str]:
    """The names of the fields sent: the keys of the API's JSON object, the console's
    form fields. (The API takes JSON only; whatever else came was not read.)"""
    try:
        if via == audit.VIA_API:
            if request.content_type != "application/json" or not request.body_exists:
                return []
            body = json.loads(await request.read())
            return list(body) if isinstance(body, dict) else []
        form = await request.post()
    except ValueError:  # malformed, yet the view succeeded without reading it
        return []
    return [k for k in form if k != "csrf"]


def _created_id(response: web.StreamResponse) -> str | None:
    if not isinstance(response, web.Response) or response.content_type != "application/json":
        return None
    try:
        body = json.loads(response.body) if isinstance(response.body, bytes) else None
    except ValueError:
        return None
    found = body.get("id") if isinstance(body, dict) else None
    return str(found) if isinstance(found, int) else None


async def audited(
    request: web.Request,
    handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    *,
    principal: Principal,
    via: str,
    trusted: tuple[Network, ...],
    wake: Callable[[], None],
) -> web.StreamResponse:
    """Runs a write `handler` in a transaction with its audit entry."""
    redirect: web.HTTPException | None = None
    try:
        async with in_transaction():
            try:
                response: web.StreamResponse = await handler(request)
            except web.HTTPException as exc:
                if exc.status >= 400:
                    raise
                redirect = response = exc  # the console's "done, see there"
            if response.status >= 400:
                raise _Failed(response)
            resource, action, object_id = _route(request)
            await audit.record(
                principal,
                via=via,
                method=request.method,
                resource=resource,
                object_id=object_id or _created_id(response),
                action=action,
                status_code=response.status,
                fields=await _fields(request, via),
                address=client_address(request, trusted),
            )
    except _Failed as failed:
        return failed.response
    # Outbox rows written by the request became visible only now.
    wake()
    if redirect is not None:
        raise redirect
    return response


def audit_middleware_factory(trusted: tuple[Network, ...]) -> Any:
    @web.middleware
    async def audit_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
        principal = request.get(PRINCIPAL)
        if request.method not in WRITES or principal is None:
            return await handler(request)
        return await audited(
            request,
            handler,
            principal=principal,
            via=audit.VIA_API,
            trusted=trusted,
            wake=request.app[WAKE_OUTBOX],
        )

    return audit_middleware
