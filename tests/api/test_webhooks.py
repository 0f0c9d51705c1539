"""/api/v1/webhooks: validation, the secret shown once, admin only, the delivery log and
redelivery, subscriptions taking effect at once."""

from __future__ import annotations

import pytest
from aiohttp import web

from bot.delivery.webhooks import WebhookSender
from models import Webhook, WebhookDelivery
from tests.api.conftest import ApiClient
from tests.factories import make_desk, open_ticket

V1 = "/api/v1"


@pytest.fixture
async def receiver(aiohttp_server) -> tuple[list[int], list[str], str]:
    answers: list[int] = []
    seen: list[str] = []

    async def handle(request: web.Request) -> web.Response:
        seen.append(request.headers["X-Helpdesk-Delivery"])
        return web.Response(status=answers.pop(0) if answers else 204)

    app = web.Application()
    app.router.add_post("/in", handle)
    server = await aiohttp_server(app)
    return answers, seen, str(server.make_url("/in"))


async def test_create_validates_and_shows_the_secret_once(client: ApiClient, make_token, db):
    good = {"name": "CRM", "url": "https://crm.example/hook", "events": ["ticket.created"]}
    for bad in (
        {**good, "url": "ftp://crm.example/hook"},
        {**good, "url": "crm.example/hook"},
        {**good, "url": ""},
        {**good, "events": []},
        {**good, "events": ["ticket.deleted"]},
        {**good, "name": " "},
        {**good, "secret": "mine"},  # the desk makes the secret
        {k: v for k, v in good.items() if k != "url"},
    ):
        status, body = await client.post(f"{V1}/webhooks", bad)
        assert status == 422, bad
        assert body["error"]["code"] == "invalid"
    assert await Webhook.all().count() == 0

    desk = await make_desk()
    for secret in (await make_token("readonly"), await make_token("agent", desk.ann.id)):
        other = client.as_(secret)
        assert (await other.post(f"{V1}/webhooks", good))[0] == 403
        assert (await other.get(f"{V1}/webhooks"))[0] == 403
    assert await Webhook.all().count() == 0

    status, created = await client.post(f"{V1}/webhooks", good)
    assert status == 201 and created["secret"].startswith("whsec_")
    assert created["events"] == ["ticket.created"] and created["active"] is True
    assert (await Webhook.get(id=created["id"])).secret == created["secret"]
    status, shown = await client.get(f"{V1}/webhooks/{created['id']}")
    assert status == 200 and "secret" not in shown and shown["url"] == good["url"]
    status, page = await client.get(f"{V1}/webhooks")
    assert page["total"] == 1 and "secret" not in page["items"][0]
    assert created["secret"] not in str(page)


async def test_delivery_log_redelivery_and_changes(client: ApiClient, receiver, db):
    answers, seen, url = receiver
    desk = await make_desk()
    status, hook = await client.post(
        f"{V1}/webhooks", {"name": "CRM", "url": url, "events": ["ticket.answered"]}
    )
    assert status == 201
    ticket = await open_ticket(desk.alice, desk.billing)
    log = f"{V1}/webhooks/{hook['id']}/deliveries"
    assert (await client.get(log))[1]["total"] == 0  # not subscribed to ticket.created

    status, _ = await client.post(f"{V1}/tickets/{ticket.id}/reply", {"text": "Done"})
    assert status in (200, 201)
    status, page = await client.get(log)
    assert status == 200 and page["total"] == 1
    [item] = page["items"]
    assert item["event"] == "ticket.answered" and item["ticket_id"] == ticket.id
    assert (item["status"], item["attempts"]) == ("pending", 0)
    assert item["next_attempt_at"] is not None and item["last_status_code"] is None

    answers.append(410)  # the receiver refuses it: final
    sender = WebhookSender(jitter=lambda: 1.0)
    try:
        assert await sender.deliver_due() == 1
        [item] = (await client.get(log))[1]["items"]
        assert (item["status"], item["attempts"], item["last_status_code"]) == ("failed", 1, 410)
        assert item["next_attempt_at"] is None and "410" in item["last_error"]
        assert (await client.get(log, params={"status": "failed"}))[1]["total"] == 1
        assert (await client.get(log, params={"status": "delivered"}))[1]["total"] == 0
        assert (await client.get(log, params={"status": "lost"}))[0] == 422

        redeliver = f"{log}/{item['id']}/redeliver"
        status, again = await client.post(redeliver)
        assert status == 200 and (again["status"], again["attempts"]) == ("pending", 0)
        assert await sender.deliver_due() == 1
        [item] = (await client.get(log))[1]["items"]
        assert (item["status"], item["last_status_code"]) == ("delivered", 204)
        assert seen == [item["key"], item["key"]]  # the same delivery id both times
    finally:
        await sender.close()
    assert (await client.post(f"{log}/999/redeliver"))[0] == 404
    assert (await client.post(f"{V1}/webhooks/999/deliveries/{item['id']}/redeliver"))[0] == 404

    # Subscriptions change at once (the cached configuration follows the table).
    status, changed = await client.patch(
        f"{V1}/webhooks/{hook['id']}", {"events": ["ticket.created"], "url": url + "?v=2"}
    )
    assert status == 200 and changed["events"] == ["ticket.created"]
    assert (await client.patch(f"{V1}/webhooks/{hook['id']}", {"url": "mailto:x"}))[0] == 422
    assert (await client.patch(f"{V1}/webhooks/{hook['id']}", {"events": None}))[0] == 422
    await open_ticket(desk.alice, desk.billing)
    events = await WebhookDelivery.all().order_by("id").values_list("event", flat=True)
    assert events == ["ticket.answered", "ticket.created"]
    assert (await client.patch(f"{V1}/webhooks/{hook['id']}", {"active": False}))[0] == 200
    await open_ticket(desk.alice, desk.billing)
    assert await WebhookDelivery.all().count() == 2

    status, body = await client.delete(f"{V1}/webhooks/{hook['id']}")
    assert status == 200 and body == {"deleted": True, "id": hook["id"]}
    assert (await client.get(f"{V1}/webhooks/{hook['id']}"))[0] == 404
    assert (await client.get(log))[0] == 404
    assert await WebhookDelivery.all().count() == 0
