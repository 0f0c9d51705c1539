"""Outgoing webhooks (admin tokens): the API's /api/v1/webhooks with its delivery log.

The same schemas and services as the API: a refused form changes nothing and shows
the messages next to the fields. The signing secret is in the answer to the create
form only (never in a URL, never on another page; pages are not cached)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from admin_api.schemas.integrations import WebhookIn, WebhookPatch
from bot.services import webhooks
from bot.services.errors import DomainError, Forbidden
from console.i18n import N_
from console.keys import RENDERER
from console.views.common import domain_errors, parse, principal
from models import Webhook
from models.enums import DeliveryStatus, TokenRole

PAGE = 50
DELIVERY_PAGE = 20
FIELDS = ("name", "url")


def _may(request: web.Request) -> None:
    if principal(request).role != TokenRole.ADMIN:
        raise Forbidden(N_("webhooks are for admin tokens"))


def _number(text: str | None, limit: int) -> int | None:
    if text and text.isascii() and text.isdigit() and len(text) <= 10 and int(text) <= limit:
        return int(text)
    return None


def _webhook_id(request: web.Request) -> int:
    found = _number(request.match_info["webhook_id"], 2**31 - 1)
    if found is None:
        raise web.HTTPNotFound()
    return found


async def _posted(request: web.Request) -> tuple[dict[str, Any], dict[str, Any]]:
    """(what the form showed, what the schema reads): events are checkboxes (all their
    values), active a checkbox (absent: off)."""
    posted = await request.post()
    shown: dict[str, Any] = {k: str(posted.get(k, "")) for k in FIELDS}
    shown["events"] = [str(v) for v in posted.getall("events", []) if isinstance(v, str)]
    shown["active"] = posted.get("active") == "on"
    return shown, dict(shown)


async def _list_page(
    request: web.Request,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    created: Webhook | None = None,
    secret: str = "",
    status: int = 200,
) -> web.Response:
    offset = _number(request.query.get("offset"), 1_000_000) or 0
    items, total = await webhooks.list_webhooks(PAGE, offset)
    context = {
        "webhooks": items,
        "total": total,
        "last": await webhooks.last_deliveries(w.id for w in items),
        "events": webhooks.EVENTS,
        "values": values or {"name": "", "url": "", "events": [], "active": True},
        "errors": errors or {},
        "created": created,
        "secret": secret,
        "notice": request.query.get("done", ""),
        "newer": f"?offset={max(0, offset - PAGE)}" if offset else "",
        "older": f"?offset={offset + PAGE}" if offset + PAGE < total else "",
    }
    return request.app[RENDERER].page(request, "webhooks.html", context, status=status)


async def list_page(request: web.Request) -> web.Response:
    _may(request)
    return await _list_page(request)


async def create(request: web.Request) -> web.Response:
    _may(request)
    shown, data = await _posted(request)
    data["active"] = True
    body, errors = parse(WebhookIn, data)
    if body is None:
        return await _list_page(request, values=shown, errors=errors, status=422)
    try:
        webhook, secret = await webhooks.create_webhook(
            body.name, body.url, body.events, active=body.active
        )
    except DomainError as exc:
        return await _list_page(request, values=shown, errors=domain_errors(exc), status=exc.status)
    # Shown in this answer only, as the API does; a reload shows the list without it.
    return await _list_page(request, created=webhook, secret=secret, status=201)


async def _webhook_page(
    request: web.Request,
    webhook: Webhook,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> web.Response:
    offset = _number(request.query.get("offset"), 1_000_000) or 0
    wanted = request.query.get("status", "")
    chosen = DeliveryStatus(wanted) if wanted in {s.value for s in DeliveryStatus} else None
    rows, total = await webhooks.list_deliveries(webhook.id, DELIVERY_PAGE, offset, status=chosen)
    kept = [("status", chosen.value)] if chosen else []
    pending = (DeliveryStatus.PENDING, DeliveryStatus.SENDING)
    context = {
        "webhook": webhook,
        "events": webhooks.EVENTS,
        "values": values
        or {
            "name": webhook.name,
            "url": webhook.url,
            "events": list(webhook.events or []),
            "active": webhook.active,
        },
        "errors": errors or {},
        "deliveries": [(row, row.due_at if row.status in pending else None) for row in rows],
        "total": total,
        "statuses": [s.value for s in DeliveryStatus],
        "status": chosen.value if chosen else "",
        "notice": request.query.get("done", ""),
        "newer": (
            "?" + urlencode([*kept, ("offset", max(0, offset - DELIVERY_PAGE))]) if offset else ""
        ),
        "older": (
            "?" + urlencode([*kept, ("offset", offset + DELIVERY_PAGE)])
            if offset + DELIVERY_PAGE < total
            else ""
        ),
    }
    return request.app[RENDERER].page(request, "webhook.html", context, status=status)


async def webhook_page(request: web.Request) -> web.Response:
    _may(request)
    return await _webhook_page(request, await webhooks.get_webhook(_webhook_id(request)))


async def update(request: web.Request) -> web.StreamResponse:
    _may(request)
    webhook_id = _webhook_id(request)
    webhook = await webhooks.get_webhook(webhook_id)
    shown, data = await _posted(request)
    body, errors = parse(WebhookPatch, data)
    if body is None:
        return await _webhook_page(request, webhook, values=shown, errors=errors, status=422)
    try:
        await webhooks.update_webhook(webhook_id, body.model_dump())
    except DomainError as exc:
        return await _webhook_page(
            request, webhook, values=shown, errors=domain_errors(exc), status=exc.status
        )
    raise web.HTTPSeeOther(f"/console/webhooks/{webhook_id}?done=saved")


async def delete_page(request: web.Request) -> web.Response:
    """Asks before deleting: the webhook goes with its delivery log."""
    _may(request)
    webhook = await webhooks.get_webhook(_webhook_id(request))
    _, total = await webhooks.list_deliveries(webhook.id, 1, 0)
    context = {"webhook": webhook, "total": total}
    return request.app[RENDERER].page(request, "webhook_delete.html", context)


async def delete(request: web.Request) -> web.StreamResponse:
    _may(request)
    await webhooks.delete_webhook(_webhook_id(request))
    raise web.HTTPSeeOther("/console/webhooks?done=deleted")


async def redeliver(request: web.Request) -> web.StreamResponse:
    _may(request)
    webhook_id = _webhook_id(request)
    delivery_id = _number(request.match_info["delivery_id"], 2**63 - 1)
    if delivery_id is None:
        raise web.HTTPNotFound()
    await webhooks.redeliver(webhook_id, delivery_id)
    raise web.HTTPSeeOther(f"/console/webhooks/{webhook_id}?done=redelivered")


def register(app: web.Application) -> None:
    app.router.add_get("/webhooks", list_page)
    app.router.add_post("/webhooks", create)
    app.router.add_get("/webhooks/{webhook_id}", webhook_page)
    app.router.add_post("/webhooks/{webhook_id}", update)
    app.router.add_get("/webhooks/{webhook_id}/delete", delete_page)
    app.router.add_post("/webhooks/{webhook_id}/delete", delete)
    app.router.add_post("/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver", redeliver)
