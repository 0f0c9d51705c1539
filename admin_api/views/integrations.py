"""Outgoing webhooks with their delivery log, and the audit log."""

from __future__ import annotations

from admin_api.registry import ADMIN_ONLY, Call, Registry
from admin_api.schemas.common import Deleted, Page
from admin_api.schemas.integrations import (
    AuditOut,
    AuditQuery,
    DeliveryOut,
    DeliveryQuery,
    WebhookCreated,
    WebhookIn,
    WebhookOut,
    WebhookPatch,
    WebhookQuery,
)
from admin_api.views.crud import page_of, patch_fields
from bot.services import audit, webhooks
from models import WebhookDelivery
from models.enums import DeliveryStatus


def register(api: Registry) -> None:
    _webhooks(api)
    _audit(api)


def delivery_out(row: WebhookDelivery) -> DeliveryOut:
    pending = row.status in (DeliveryStatus.PENDING, DeliveryStatus.SENDING)
    return DeliveryOut.model_validate(
        {
            **{
                name: getattr(row, name)
                for name in DeliveryOut.model_fields
                if name != "next_attempt_at"
            },
            "next_attempt_at": row.due_at if pending else None,
        }
    )


def _webhooks(api: Registry) -> None:
    tag = "webhooks"

    @api.route(
        "GET",
        "/webhooks",
        summary="List outgoing webhooks (never their secrets)",
        tag=tag,
        roles=ADMIN_ONLY,
        query=WebhookQuery,
        response=Page[WebhookOut],
    )
    async def list_webhooks(call: Call) -> Page[WebhookOut]:
        q = call.query
        return page_of(
            WebhookOut, await webhooks.list_webhooks(q.limit, q.offset, active=q.active), q
        )

    @api.route(
        "POST",
        "/webhooks",
        summary="Create a webhook; the response holds its signing secret, shown only once",
        tag=tag,
        roles=ADMIN_ONLY,
        body=WebhookIn,
        response=WebhookCreated,
        status=201,
    )
    async def create_webhook(call: Call) -> WebhookCreated:
        b = call.body
        webhook, secret = await webhooks.create_webhook(b.name, b.url, b.events, active=b.active)
        return WebhookCreated.model_validate(
            {**WebhookOut.model_validate(webhook).model_dump(), "secret": secret}
        )

    @api.route(
        "GET",
        "/webhooks/{webhook_id}",
        summary="Get a webhook (without its secret)",
        tag=tag,
        roles=ADMIN_ONLY,
        response=WebhookOut,
    )
    async def get_webhook(call: Call) -> WebhookOut:
        return WebhookOut.model_validate(await webhooks.get_webhook(call.path["webhook_id"]))

    @api.route(
        "PATCH",
        "/webhooks/{webhook_id}",
        summary="Change a webhook's name, url, events or active flag",
        tag=tag,
        roles=ADMIN_ONLY,
        body=WebhookPatch,
        response=WebhookOut,
    )
    async def update_webhook(call: Call) -> WebhookOut:
        changed = await webhooks.update_webhook(call.path["webhook_id"], patch_fields(call.body))
        return WebhookOut.model_validate(changed)

    @api.route(
        "DELETE",
        "/webhooks/{webhook_id}",
        summary="Delete a webhook with its delivery log (queued deliveries are dropped)",
        tag=tag,
        roles=ADMIN_ONLY,
        response=Deleted,
    )
    async def delete_webhook(call: Call) -> Deleted:
        await webhooks.delete_webhook(call.path["webhook_id"])
        return Deleted(id=call.path["webhook_id"])

    @api.route(
        "GET",
        "/webhooks/{webhook_id}/deliveries",
        summary="A webhook's delivery log, newest first",
        tag=tag,
        roles=ADMIN_ONLY,
        query=DeliveryQuery,
        response=Page[DeliveryOut],
    )
    async def list_deliveries(call: Call) -> Page[DeliveryOut]:
        q = call.query
        result = await webhooks.list_deliveries(
            call.path["webhook_id"], q.limit, q.offset, status=q.status
        )
        return page_of(DeliveryOut, result, q, present=delivery_out)

    @api.route(
        "POST",
        "/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver",
        summary="Send a delivery again now (same delivery id, attempts counted afresh)",
        tag=tag,
        roles=ADMIN_ONLY,
        response=DeliveryOut,
        errors=(409,),
    )
    async def redeliver(call: Call) -> DeliveryOut:
        row = await webhooks.redeliver(call.path["webhook_id"], call.path["delivery_id"])
        return delivery_out(row)


def _audit(api: Registry) -> None:
    @api.route(
        "GET",
        "/audit",
        summary="The audit log: writes through the API and the console, newest first",
        tag="audit",
        roles=ADMIN_ONLY,
        query=AuditQuery,
        response=Page[AuditOut],
    )
    async def list_audit(call: Call) -> Page[AuditOut]:
        q = call.query
        result = await audit.list_entries(
            q.limit,
            q.offset,
            token_id=q.token_id,
            resource=q.resource,
            since=q.since,
            until=q.until,
        )
        return page_of(AuditOut, result, q)
