"""The audit log: every successful write through the admin API (and the console)
records who, what, when and from where; failed requests record nothing; admins read
it with filters, other roles get 403; secrets never appear."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from ipaddress import ip_network

from aiohttp import web
from aiohttp.test_utils import TestClient

from admin_api import create_admin_app
from bot.clock import CLOCK
from bot.config import Settings
from models import AuditEntry, Department
from tests.api.conftest import ADMIN_TOKEN, ApiClient
from tests.factories import make_desk, open_ticket

V1 = "/api/v1"


async def test_writes_are_recorded_without_values_or_secrets(client: ApiClient, make_token, db):
    desk = await make_desk()
    ticket = await open_ticket(desk.alice, desk.billing)
    assert (await client.get(f"{V1}/departments"))[0] == 200  # reads are not recorded
    assert await AuditEntry.all().count() == 0

    status, _ = await client.patch(f"{V1}/settings", {"auto_close_hours": 48})
    assert status == 200
    status, token = await client.post(f"{V1}/tokens", {"name": "CI", "role": "admin"})
    assert status == 201
    ci = client.as_(token["secret"])
    status, hook = await ci.post(
        f"{V1}/webhooks",
        {"name": "CRM", "url": "https://crm.example/in", "events": ["ticket.rated"]},
    )
    assert status == 201
    status, _ = await ci.post(f"{V1}/tickets/{ticket.id}/reply", {"text": "My private answer"})
    assert status in (200, 201)

    status, page = await client.get(f"{V1}/audit")
    assert status == 200 and page["total"] == 4
    reply, webhook, created, settings = page["items"]  # newest first
    assert settings["token_id"] is None and settings["token_name"] == "bootstrap admin"
    assert (settings["method"], settings["resource"], settings["via"]) == (
        "PATCH",
        "settings",
        "api",
    )
    assert settings["action"] == "PATCH /v1/settings" and settings["object_id"] is None
    assert settings["fields_changed"] == ["auto_close_hours"] and settings["status_code"] == 200
    assert settings["address"] == "127.0.0.1" and settings["role"] == "admin"
    assert created["resource"] == "tokens" and created["object_id"] == str(token["id"])
    assert created["fields_changed"] == ["name", "role"]
    assert webhook["token_id"] == token["id"] and webhook["token_name"] == "CI"
    assert webhook["object_id"] == str(hook["id"]) and webhook["status_code"] == 201
    assert reply["action"] == "POST /v1/tickets/{ticket_id}/reply"
    assert (reply["resource"], reply["object_id"]) == ("tickets", str(ticket.id))
    assert reply["fields_changed"] == ["text"]
    shown = str(page)
    for secret in (token["secret"], hook["secret"], "My private answer", ADMIN_TOKEN):
        assert secret not in shown
    stored = str(await AuditEntry.all().values())
    assert token["secret"] not in stored and hook["secret"] not in stored


async def test_failed_and_refused_requests_record_nothing(client: ApiClient, make_token, db):
    desk = await make_desk()
    readonly = client.as_(await make_token("readonly"))
    for call in (
        client.patch(f"{V1}/settings", {"auto_close_hours": -1}),  # 422
        client.post(f"{V1}/departments", {"name": "Billing"}),  # 409: exists
        client.post(f"{V1}/tickets/999/reply", {"text": "x"}),  # 404
        client.post(f"{V1}/departments", data=b"{", headers={"Content-Type": "application/json"}),
        readonly.post(f"{V1}/departments", {"name": "New"}),  # 403
        client.as_("wrong").post(f"{V1}/departments", {"name": "New"}),  # 401
    ):
        status, _ = await call
        assert status >= 400
    assert await AuditEntry.all().count() == 0
    assert await Department.filter(name="New").count() == 0
    assert await Department.filter(name="Billing").count() == 1
    assert await Department.filter(id=desk.tech.id).exists()


async def test_filters_paging_and_roles(client: ApiClient, make_token, db):
    desk = await make_desk()
    CLOCK.reset()
    CLOCK.freeze()
    try:
        first = client.as_(await make_token("admin"))
        made = []
        for n in range(3):
            status, department = await first.post(f"{V1}/departments", {"name": f"D{n}"})
            assert status == 201
            made.append(department["id"])
        CLOCK.advance(timedelta(hours=1))
        middle = CLOCK.now()
        assert (await client.patch(f"{V1}/settings", {"round_robin": True}))[0] == 200
        CLOCK.advance(timedelta(hours=1))
        assert (await client.delete(f"{V1}/departments/{made[0]}"))[0] == 200
    finally:
        CLOCK.reset()
    mine = (await first.get(f"{V1}/tokens"))[1]["items"][-1]["id"]

    async def listed(**params) -> tuple[int, list]:
        status, page = await client.get(f"{V1}/audit", params=params)
        assert status == 200
        return page["total"], [item["action"] for item in page["items"]]

    total, actions = await listed()
    assert total == 5 and actions[0] == "DELETE /v1/departments/{department_id}"
    assert (await listed(token_id=mine))[0] == 3
    assert (await listed(resource="settings"))[1] == ["PATCH /v1/settings"]
    assert (await listed(resource="departments", token_id=mine))[0] == 3
    since = middle.isoformat()
    assert (await listed(since=since, resource="settings"))[0] == 1
    assert (await listed(until=since))[0] == 3
    assert (await listed(since=since))[0] == total - 3
    status, page = await client.get(f"{V1}/audit", params={"limit": 2, "offset": 1})
    assert (page["total"], len(page["items"]), page["offset"]) == (total, 2, 1)
    for bad in ({"token_id": "x"}, {"since": "yesterday"}, {"limit": 0}, {"who": "me"}):
        assert (await client.get(f"{V1}/audit", params=bad))[0] == 422, bad

    for role in ("readonly", "agent"):
        secret = await make_token(role, desk.ann.id if role == "agent" else None)
        status, body = await client.as_(secret).get(f"{V1}/audit")
        assert status == 403 and body["error"]["code"] == "forbidden"


async def test_the_address_behind_a_trusted_proxy(
    api_settings: Settings,
    aiohttp_client: Callable[[web.Application], Awaitable[TestClient]],
    db,
):
    forwarded = {"X-Forwarded-For": "198.51.100.7, 203.0.113.9"}
    for trusted, expected in (((), "127.0.0.1"), ((ip_network("127.0.0.1/32"),), "203.0.113.9")):
        settings = api_settings.model_copy(update={"trusted_proxies": trusted})
        root = web.Application()
        root.add_subapp("/api", create_admin_app(settings, wake_outbox=lambda: None))
        api = ApiClient(await aiohttp_client(root))
        name = f"From {expected}"
        status, _ = await api.post(f"{V1}/departments", {"name": name}, headers=forwarded)
        assert status == 201
        entry = await AuditEntry.filter(resource="departments").order_by("-id").first()
        assert entry is not None and entry.address == expected
