"""The console's webhooks page (admin tokens): create with the secret shown once, the
API's validation next to the fields, edit, delete after a confirmation page, the
delivery log written by the service with paging and redelivery; other tokens refused."""

from __future__ import annotations

import re

import pytest
from aiohttp import web

from bot.delivery.webhooks import WebhookSender
from bot.services import webhooks
from models import AuditEntry, Webhook, WebhookDelivery
from tests.console.conftest import Console
from tests.factories import make_desk, open_ticket

GOOD = {"name": "CRM", "url": "https://crm.example/hook", "events": ["ticket.created"]}


@pytest.fixture
async def desk(db):
    return await make_desk()


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


def rows(page: str, name: str) -> list[str]:
    return re.findall(rf'<tr data-{name}="(\d+)"', page)


def error(page: str, field: str) -> str | None:
    found = re.search(rf'id="w-{field}-error" role="alert">([^<]+)<', page)
    return found.group(1) if found else None


async def test_create_shows_the_secret_once_and_validates(admin: Console, desk):
    status, page = await admin.get("/console/webhooks")
    assert status == 200 and rows(page, "webhook") == []
    assert 'href="/console/webhooks"' in page  # in the admin's menu

    for bad, field in (
        ({**GOOD, "url": "ftp://crm.example/hook"}, "url"),
        ({**GOOD, "url": "crm.example/hook"}, "url"),
        ({**GOOD, "url": "https://"}, "url"),  # the service's check: no host
        ({**GOOD, "url": ""}, "url"),
        ({**GOOD, "events": []}, "events"),
        ({**GOOD, "events": ["ticket.deleted"]}, "events"),
        ({**GOOD, "name": " "}, "name"),
    ):
        status, page = await admin.post("/console/webhooks", bad)
        assert status == 422, bad
        assert error(page, field), (bad, page)
        assert 'id="secret"' not in page
        if field != "url":  # what was typed stays in the form
            assert f'value="{bad["url"]}"' in page
    assert await Webhook.all().count() == 0
    assert await AuditEntry.all().count() == 0

    status, page = await admin.post(
        "/console/webhooks", {**GOOD, "events": ["ticket.created", "ticket.answered"]}
    )
    assert status == 201
    secret = re.search(r'id="secret">([^<]+)<', page).group(1)
    [webhook] = await Webhook.all()
    assert secret == webhook.secret and secret.startswith("whsec_")
    assert (webhook.name, webhook.url, webhook.active) == ("CRM", GOOD["url"], True)
    assert webhook.events == ["ticket.created", "ticket.answered"]
    assert rows(page, "webhook") == [str(webhook.id)]

    status, page = await admin.get("/console/webhooks")  # a reload
    assert status == 200 and rows(page, "webhook") == [str(webhook.id)]
    assert secret not in page and 'id="secret"' not in page
    status, page = await admin.get(f"/console/webhooks/{webhook.id}")
    assert status == 200 and secret not in page
    [entry] = await AuditEntry.all()
    assert (entry.via, entry.resource, entry.action) == ("console", "webhooks", "POST /webhooks")
    assert secret not in str(await AuditEntry.all().values())


async def test_edit_and_delete(admin: Console, desk):
    await admin.get("/console/webhooks")
    await admin.post("/console/webhooks", GOOD)
    [webhook] = await Webhook.all()
    url = f"/console/webhooks/{webhook.id}"

    status, page = await admin.get(url)
    assert status == 200 and f'value="{GOOD["url"]}"' in page
    assert re.search(r'name="active" id="w-active" checked', page)

    before = (webhook.url, webhook.events, webhook.active)
    for bad, field in (
        ({**GOOD, "url": "mailto:x"}, "url"),
        ({**GOOD, "events": []}, "events"),
        ({**GOOD, "name": ""}, "name"),
    ):
        status, page = await admin.post(url, {**bad, "active": "on"})
        assert status == 422 and error(page, field), bad
    await webhook.refresh_from_db()
    assert (webhook.url, webhook.events, webhook.active) == before

    changed = {"name": "CRM 2", "url": "http://crm.example/v2", "events": ["ticket.rated"]}
    status, page = await admin.post(url, changed)  # "active" unchecked
    assert status == 200 and 'data-done="saved"' in page
    await webhook.refresh_from_db()
    assert (webhook.name, webhook.url, webhook.events, webhook.active) == (
        "CRM 2",
        "http://crm.example/v2",
        ["ticket.rated"],
        False,
    )
    status, page = await admin.get("/console/webhooks")
    assert re.search(rf'data-webhook="{webhook.id}">.*?<td>ticket.rated</td><td>–</td>', page, re.S)
    status, page = await admin.post(url, {**changed, "active": "on"})
    await webhook.refresh_from_db()
    assert status == 200 and webhook.active is True

    status, page = await admin.get(f"{url}/delete")  # the confirmation
    assert status == 200 and 'id="delete-form"' in page and "http://crm.example/v2" in page
    assert await Webhook.filter(id=webhook.id).exists()
    status, page = await admin.post(f"{url}/delete")
    assert status == 200 and 'data-done="deleted"' in page and rows(page, "webhook") == []
    assert not await Webhook.filter(id=webhook.id).exists()
    assert (await admin.get(url))[0] == 404
    assert (await admin.post(f"{url}/delete"))[0] == 404
    assert (await admin.get("/console/webhooks/x"))[0] == 404


async def test_delivery_log_paging_and_redelivery(admin: Console, desk, receiver):
    answers, seen, address = receiver
    await admin.get("/console/webhooks")
    await admin.post("/console/webhooks", {**GOOD, "url": address})
    [webhook] = await Webhook.all()
    url = f"/console/webhooks/{webhook.id}"
    status, page = await admin.get(url)
    assert rows(page, "delivery") == [] and "Nothing delivered yet." in page

    tickets = [await open_ticket(desk.alice, desk.billing) for _ in range(21)]
    deliveries = await WebhookDelivery.filter(webhook_id=webhook.id).order_by("-id")
    assert len(deliveries) == 21 and {d.ticket_id for d in deliveries} == {t.id for t in tickets}
    status, page = await admin.get(url)
    assert status == 200 and rows(page, "delivery") == [str(d.id) for d in deliveries[:20]]
    assert 'data-status="pending"' in page and "ticket.created" in page
    older = re.search(r'href="([^"]+)" rel="next" id="next-page"', page).group(1)
    status, page = await admin.get(older.replace("&amp;", "&"))
    assert rows(page, "delivery") == [str(deliveries[20].id)]
    assert 'id="next-page"' not in page and 'id="newer-page"' in page

    # The sender: the first one it sends is refused for good (410), the others taken.
    answers.append(410)
    sender = WebhookSender(jitter=lambda: 1.0, batch=25)
    try:
        assert await sender.deliver_due() == 21
        refused = await WebhookDelivery.get(status="failed")
        assert refused.last_status_code == 410
        status, page = await admin.get(f"{url}?status=failed")
        assert rows(page, "delivery") == [str(refused.id)]
        row = re.search(rf'<tr data-delivery="{refused.id}">(.*?)</tr>', page, re.S).group(1)
        assert 'data-status="failed"' in row and "410" in row
        status, page = await admin.get("/console/webhooks")
        assert re.search(rf'data-webhook="{webhook.id}">.*?data-status="(\w+)"', page, re.S)

        redeliver = f"{url}/deliveries/{refused.id}/redeliver"
        status, page = await admin.post(redeliver)
        assert status == 200 and 'data-done="redelivered"' in page
        await refused.refresh_from_db()
        assert (refused.status.value, refused.attempts) == ("pending", 0)
        assert await sender.deliver_due() == 1
        await refused.refresh_from_db()
        assert (refused.status.value, refused.last_status_code) == ("delivered", 204)
        assert seen.count(refused.key) == 2  # the same delivery id both times
    finally:
        await sender.close()
    assert (await admin.post(f"{url}/deliveries/99999/redeliver"))[0] == 404
    assert (await admin.post(f"/console/webhooks/99999/deliveries/{refused.id}/redeliver"))[
        0
    ] == 404


async def test_the_webhooks_pages_are_for_admins(console: Console, desk, make_token):
    webhook, secret = await webhooks.create_webhook("CRM", GOOD["url"], GOOD["events"])
    await open_ticket(desk.alice, desk.billing)
    delivery = await WebhookDelivery.get(webhook_id=webhook.id)
    for token in (await make_token("readonly"), await make_token("agent", desk.ann.id)):
        await console.sign_in(token)
        status, page = await console.get("/console/dashboard")
        assert status == 200 and 'href="/console/webhooks"' not in page
        for path in ("/console/webhooks", f"/console/webhooks/{webhook.id}"):
            status, page = await console.get(path)
            assert status == 403 and 'data-webhook="' not in page and secret not in page
        for path, data in (
            ("/console/webhooks", GOOD),
            (f"/console/webhooks/{webhook.id}", {**GOOD, "url": "https://evil.example/"}),
            (f"/console/webhooks/{webhook.id}/delete", {}),
            (f"/console/webhooks/{webhook.id}/deliveries/{delivery.id}/redeliver", {}),
        ):
            status, _ = await console.post(path, data)
            assert status == 403, path
        await console.post("/console/logout")
    assert await Webhook.all().count() == 1
    await webhook.refresh_from_db()
    assert webhook.url == GOOD["url"]
    assert await AuditEntry.all().count() == 0
