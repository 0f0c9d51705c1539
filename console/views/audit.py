"""The audit log's page (admin tokens): the API's GET /api/v1/audit, filtered and paged."""

from __future__ import annotations

from urllib.parse import urlencode

from aiohttp import web

from bot.services import audit, tokens
from bot.services.errors import Forbidden
from console.i18n import N_
from console.keys import RENDERER
from console.views.common import principal
from models.enums import TokenRole

PAGE = 50
RESOURCES = (
    "tickets",
    "customers",
    "agents",
    "departments",
    "categories",
    "priorities",
    "statuses",
    "sla-policies",
    "templates",
    "tokens",
    "settings",
    "webhooks",
    "alerts",
)


def _number(text: str | None, limit: int) -> int | None:
    if text and text.isascii() and text.isdigit() and len(text) <= 10 and int(text) <= limit:
        return int(text)
    return None


async def audit_page(request: web.Request) -> web.Response:
    if principal(request).role != TokenRole.ADMIN:
        raise Forbidden(N_("the audit log is for admin tokens"))
    query = request.query
    token_id = _number(query.get("token_id"), 2**31 - 1)
    resource = query.get("resource") if query.get("resource") in RESOURCES else None
    offset = _number(query.get("offset"), 1_000_000) or 0
    entries, total = await audit.list_entries(PAGE, offset, token_id=token_id, resource=resource)
    kept = [(k, str(v)) for k, v in (("token_id", token_id), ("resource", resource)) if v]
    context = {
        "entries": entries,
        "total": total,
        "resources": RESOURCES,
        "tokens": (await tokens.list_tokens(200, 0))[0],
        "values": {"token_id": str(token_id or ""), "resource": resource or ""},
        "newer": "?" + urlencode([*kept, ("offset", max(0, offset - PAGE))]) if offset else "",
        "older": (
            "?" + urlencode([*kept, ("offset", offset + PAGE)]) if offset + PAGE < total else ""
        ),
    }
    return request.app[RENDERER].page(request, "audit.html", context)


def register(app: web.Application) -> None:
    app.router.add_get("/audit", audit_page)
