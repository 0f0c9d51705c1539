"""Configuration pages: the forms write through the services, bad input is answered
next to its field with the API schemas' messages and changes nothing, tokens show
their secret once, settings; readonly looks, agents keep out."""

from __future__ import annotations

import re

import pytest

from bot.services.settings import runtime_settings
from models import Agent, ApiToken, Category, Customer, Department, Template
from tests.console.conftest import Console
from tests.factories import make_desk, open_ticket


@pytest.fixture
async def desk(db):
    return await make_desk()


def _error(text: str, name: str) -> str:
    found = re.search(rf'id="f-{name}-error"[^>]*>([^<]*)<', text)
    assert found, f"no error shown for {name}"
    return found.group(1)


async def test_every_section_renders_for_admin(admin, desk):
    for slug in (
        "templates",
        "agents",
        "departments",
        "categories",
        "priorities",
        "statuses",
        "sla-policies",
        "customers",
        "tokens",
        "settings",
    ):
        status, text = await admin.get(f"/console/config/{slug}")
        assert status == 200, slug
    status, text = await admin.get(f"/console/config/departments/{desk.billing.id}")
    assert status == 200 and 'value="Billing"' in text
    for path in (
        "/console/config/nope",
        "/console/config/departments/x",
        "/console/config/departments/999",
    ):
        assert (await admin.get(path))[0] == 404


async def test_create_and_edit_a_department_with_the_api_schema_checks(admin, desk):
    await admin.get("/console/config/departments")
    status, text = await admin.post(
        "/console/config/departments", {"name": "  ", "order": "x", "visible": "on"}
    )
    assert status == 422
    assert "at least 1 character" in _error(text, "name")
    assert "valid integer" in _error(text, "order")
    status, text = await admin.post("/console/config/departments", {"name": "Billing"})
    assert status == 409 or status == 422
    assert await Department.all().count() == 2
    status, text = await admin.post(
        "/console/config/departments", {"name": "Sales", "order": "5", "active": "on"}
    )
    assert status == 200 and 'data-done="created"' in text
    sales = await Department.get(name="Sales")
    assert sales.order == 5 and sales.active and not sales.visible
    status, text = await admin.post(
        f"/console/config/departments/{sales.id}",
        {"name": "Sales & <b>", "order": "5", "visible": "on", "active": "on"},
    )
    assert status == 200 and "Sales &amp; &lt;b&gt;" in text
    await sales.refresh_from_db()
    assert sales.name == "Sales & <b>" and sales.visible


async def test_a_category_refuses_a_responsible_agent_of_another_department(admin, desk):
    await admin.get("/console/config/categories")
    status, text = await admin.post(
        "/console/config/categories",
        {
            "name": "Refunds",
            "department_id": str(desk.billing.id),
            "responsible_agent_id": str(desk.bob.id),
            "active": "on",
        },
    )
    assert status == 422 and _error(text, "responsible_agent_id")
    assert not await Category.filter(name="Refunds").exists()


async def test_agents_with_departments_and_templates_with_a_preview(admin, desk):
    await admin.get("/console/config/agents")
    status, text = await admin.post(
        "/console/config/agents",
        {
            "telegram_id": "9100",
            "name": "Dora",
            "username": "@dora",
            "department_ids": [str(desk.billing.id), str(desk.tech.id)],
            "role": "agent",
            "active": "on",
        },
    )
    assert status == 200
    dora = await Agent.get(telegram_id=9100).prefetch_related("departments")
    assert dora.username == "dora" and {d.id for d in dora.departments} == {
        desk.billing.id,
        desk.tech.id,
    }
    status, text = await admin.post(
        "/console/config/templates",
        {"title": "Hello", "shortcut": "Bad Shortcut!", "text": "Hi {customer_name}"},
    )
    assert status == 422 and "pattern" in _error(text, "shortcut")
    status, text = await admin.post(
        "/console/config/templates",
        {"title": "Hello", "shortcut": "hi", "text": "Hi {customer_name}", "active": "on"},
    )
    assert status == 200 and 'data-preview="preview"' in text and "data-samples=" in text
    assert await Template.filter(shortcut="hi", active=True).exists()


async def test_customers_ban_and_erase(admin, desk):
    ticket = await open_ticket(desk.alice, desk.billing)
    base = f"/console/config/customers/{desk.alice.id}"
    await admin.get(base)
    status, text = await admin.post(
        base,
        {
            "telegram_id": str(desk.alice.telegram_id),
            "first_name": "Alice",
            "username": "alice",
            "support_level": "standard",
            "support_until": "not a date",
            "active": "on",
            "banned": "on",
        },
    )
    assert status == 422 and _error(text, "support_until")
    await desk.alice.refresh_from_db()
    assert not desk.alice.banned
    status, text = await admin.post(
        base,
        {
            "telegram_id": str(desk.alice.telegram_id),
            "first_name": "Alice",
            "username": "alice",
            "support_level": "standard",
            "support_until": "2030-01-31",
            "active": "on",
            "banned": "on",
            "ban_reason": "spam",
        },
    )
    assert status == 200
    await desk.alice.refresh_from_db()
    assert desk.alice.banned and desk.alice.ban_reason == "spam"
    assert str(desk.alice.support_until) == "2030-01-31"
    status, text = await admin.post(f"{base}/erase", {})
    assert status == 409  # an open ticket, without "close them first"
    status, text = await admin.post(f"{base}/erase", {"force": "on"})
    assert status == 200 and 'data-done="erased"' in text
    assert (await Customer.get(id=desk.alice.id)).erased_at is not None
    assert ticket.id


async def test_a_token_shows_its_secret_once_and_signs_in(admin, desk, console_app, aiohttp_client):
    await admin.get("/console/config/tokens")
    status, text = await admin.post("/console/config/tokens", {"name": "x", "role": "agent"})
    assert status == 422 and "agent_id" in text
    status, text = await admin.post("/console/config/tokens", {"name": "ops", "role": "readonly"})
    assert status == 201
    secret = re.search(r'id="secret">([^<]+)<', text).group(1)
    status, text = await admin.get("/console/config/tokens")
    assert secret not in text and "ops" in text
    other = Console(await aiohttp_client(console_app[0]))
    status, text = await other.sign_in(secret)
    assert status == 200 and 'data-role="readonly"' in text
    token = await ApiToken.get(name="ops")
    status, _ = await admin.post(f"/console/config/tokens/{token.id}/revoke")
    assert status == 200
    assert (await other.get("/console/dashboard", allow_redirects=False))[0] == 303


async def test_settings_are_checked_by_the_api_schema(admin, desk, api_settings):
    await admin.get("/console/config/settings")
    status, text = await admin.post(
        "/console/config/settings", {"auto_close_hours": "soon", "reopen_window_days": "7"}
    )
    assert status == 422 and "s-auto_close_hours-error" in text
    status, text = await admin.post(
        "/console/config/settings",
        {"auto_close_hours": "48", "reopen_window_days": "7", "round_robin": "on"},
    )
    assert status == 200 and 'data-done="saved"' in text
    current = await runtime_settings(api_settings)
    assert current.auto_close_hours == 48 and current.round_robin


async def test_readonly_looks_and_agents_keep_out(console, desk, make_token):
    await console.sign_in(await make_token("readonly"))
    status, text = await console.get("/console/config/departments")
    assert status == 200 and "Billing" in text
    assert re.search(r'<button type="submit" disabled>\s*Create', text)
    status, _ = await console.post("/console/config/departments", {"name": "Nope"})
    assert status == 403 and not await Department.filter(name="Nope").exists()
    await console.post("/console/logout")
    await console.sign_in(await make_token("agent", desk.ann.id))
    status, text = await console.get("/console/config/departments")
    assert status == 403
    status, _ = await console.post("/console/config/departments", {"name": "Nope"})
    assert status == 403 and not await Department.filter(name="Nope").exists()
