"""Outgoing webhooks: integrations subscribe to ticket events.

`emit` runs inside the transaction of the change (bot.services.tickets records every
ticket event through it): the delivery rows are committed with the change or not at
all, and nothing is sent from the update path - bot.delivery.webhooks POSTs them
afterwards. The active webhooks come from the cached configuration, so a ticket event
nobody subscribed to costs no statement.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from tortoise.functions import Max

from bot import clock
from bot.services import config
from bot.services.errors import Conflict, Invalid, NotFound
from models import Ticket, Webhook, WebhookDelivery
from models.enums import DeliveryStatus

TICKET_CREATED = "ticket.created"
TICKET_STATUS_CHANGED = "ticket.status_changed"
TICKET_ANSWERED = "ticket.answered"
TICKET_RATED = "ticket.rated"
EVENTS = (TICKET_CREATED, TICKET_STATUS_CHANGED, TICKET_ANSWERED, TICKET_RATED)

# Ticket event kinds (models.TicketEvent.kind) and the webhook event each one is.
KIND_EVENTS = {
    "created": TICKET_CREATED,
    "status_changed": TICKET_STATUS_CHANGED,
    "closed": TICKET_STATUS_CHANGED,
    "reopened": TICKET_STATUS_CHANGED,
    "replied": TICKET_ANSWERED,
    "rated": TICKET_RATED,  # 👍/👎 on an answer
    "csat": TICKET_RATED,  # 1-5 for the ticket
}
SECRET_PREFIX = "whsec_"  # noqa: S105 - a marker, not a secret
URL_LIMIT = 2048


def check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if len(url) > URL_LIMIT or parts.scheme not in ("http", "https") or not parts.hostname:
        raise Invalid(
            "url must be an http or https address with a host",
            [{"loc": ["url"], "msg": "must be an http(s) URL", "type": "url"}],
        )
    return url


def check_events(events: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(events))
    unknown = [e for e in chosen if e not in EVENTS]
    if unknown or not chosen:
        message = f"events must be a non-empty subset of {', '.join(EVENTS)}"
        raise Invalid(message, [{"loc": ["events"], "msg": message, "type": "events"}])
    return chosen


async def create_webhook(
    name: str, url: str, events: Iterable[str], *, active: bool = True
) -> tuple[Webhook, str]:
    """A new webhook and its signing secret (returned here only; the API shows it once)."""
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    webhook = await Webhook.create(
        name=name.strip()[:128] or "webhook",
        url=check_url(url),
        events=check_events(events),
        secret=secret,
        active=active,
    )
    config.changed()
    return webhook, secret


async def list_webhooks(
    limit: int, offset: int, *, active: bool | None = None
) -> tuple[list[Webhook], int]:
    query = Webhook.all().order_by("id")
    if active is not None:
        query = query.filter(active=active)
    return await query.offset(offset).limit(limit), await query.count()


async def get_webhook(webhook_id: int) -> Webhook:
    webhook = await Webhook.get_or_none(id=webhook_id)
    if webhook is None:
        raise NotFound(f"webhook {webhook_id} does not exist")
    return webhook


async def update_webhook(webhook_id: int, changes: dict[str, Any]) -> Webhook:
    webhook = await get_webhook(webhook_id)
    if "url" in changes:
        webhook.url = check_url(changes["url"])
    if "events" in changes:
        webhook.events = check_events(changes["events"])
    if "name" in changes:
        webhook.name = changes["name"].strip()[:128] or webhook.name
    if "active" in changes:
        webhook.active = bool(changes["active"])
    await webhook.save()
    config.changed()
    return webhook


async def delete_webhook(webhook_id: int) -> None:
    """Deletes the webhook with its delivery log (undelivered rows are not sent)."""
    await get_webhook(webhook_id)
    await Webhook.filter(id=webhook_id).delete()
    config.changed()


async def list_deliveries(
    webhook_id: int, limit: int, offset: int, *, status: DeliveryStatus | None = None
) -> tuple[list[WebhookDelivery], int]:
    """A webhook's deliveries, newest first."""
    await get_webhook(webhook_id)
    query = WebhookDelivery.filter(webhook_id=webhook_id)
    if status is not None:
        query = query.filter(status=status)
    return await query.order_by("-id").offset(offset).limit(limit), await query.count()


async def last_deliveries(webhook_ids: Iterable[int]) -> dict[int, WebhookDelivery]:
    """The newest delivery of each of these webhooks (those with none are left out):
    two statements, whatever the number of webhooks."""
    ids = list(webhook_ids)
    if not ids:
        return {}
    newest = (
        await WebhookDelivery.filter(webhook_id__in=ids)
        .annotate(newest=Max("id"))
        .group_by("webhook_id")
        .values_list("newest", flat=True)
    )
    rows = await WebhookDelivery.filter(id__in=list(newest))
    return {row.webhook_id: row for row in rows}


async def get_delivery(webhook_id: int, delivery_id: int) -> WebhookDelivery:
    delivery = await WebhookDelivery.get_or_none(id=delivery_id, webhook_id=webhook_id)
    if delivery is None:
        raise NotFound(f"delivery {delivery_id} of webhook {webhook_id} does not exist")
    return delivery


async def redeliver(webhook_id: int, delivery_id: int) -> WebhookDelivery:
    """Queues a delivery again, now, with a fresh count of attempts; its id (the
    receiver's dedupe key) stays the same. One being sent right now is refused."""
    delivery = await get_delivery(webhook_id, delivery_id)
    changed = await WebhookDelivery.filter(
        id=delivery.id, status__not=DeliveryStatus.SENDING
    ).update(status=DeliveryStatus.PENDING, attempts=0, due_at=clock.now(), lease_until=None)
    if not changed:
        raise Conflict("the delivery is being sent right now; try again in a moment")
    return await get_delivery(webhook_id, delivery_id)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def ticket_body(ticket: Ticket, snapshot: config.Snapshot) -> dict[str, Any]:
    """What a receiver learns of the ticket: ids, number, subject, status, times - no
    conversation text and nothing of the customer beyond their id."""
    status = snapshot.status(ticket.status_id)
    return {
        "id": ticket.id,
        "number": ticket.number,
        "subject": ticket.subject,
        "status": {
            "id": ticket.status_id,
            "name": status.name if status else None,
            "role": status.role.value if status and status.role else None,
        },
        "department_id": ticket.department_id,
        "category_id": ticket.category_id,
        "priority_id": ticket.priority_id,
        "assignee_id": ticket.assignee_id,
        "customer_id": ticket.customer_id,
        "source": str(ticket.source),
        "created_at": _iso(ticket.created_at),
        "closed_at": _iso(ticket.closed_at),
        "csat": ticket.csat,
    }


async def emit(ticket: Ticket, kind: str, data: dict[str, Any]) -> list[WebhookDelivery]:
    """Queues the ticket event `kind` for each active webhook subscribed to it. Call it
    in the transaction of the change."""
    event = KIND_EVENTS.get(kind)
    if event is None:
        return []
    snapshot = await config.snapshot()
    subscribed = [w for w in snapshot.webhooks if event in (w.events or ())]
    if not subscribed:
        return []
    moment = clock.now()
    body = {"ticket": ticket_body(ticket, snapshot), "data": {"kind": kind, **data}}
    rows = []
    for webhook in subscribed:
        key = str(uuid.uuid4())
        payload = {"event": event, "id": key, "occurred_at": moment.isoformat(), **body}
        rows.append(
            await WebhookDelivery.create(
                key=key,
                webhook_id=webhook.id,
                event=event,
                ticket_id=ticket.id,
                payload=payload,
                due_at=moment,
                created_at=moment,
            )
        )
    return rows
