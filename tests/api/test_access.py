"""API tokens (secret shown once, revocation) and runtime settings."""

from __future__ import annotations

import dataclasses

import pytest
from aiohttp import web

from admin_api import create_admin_app
from admin_api.views.access import PROCESS_SETTINGS
from bot.services.settings import RuntimeSettings, runtime_settings
from models import Agent, ApiToken, Department, Setting
from tests.api.conftest import ApiClient

V1 = "/api/v1"
TOKEN_FIELDS = {
    "id",
    "name",
    "role",
    "agent_id",
    "prefix",
    "created_at",
    "last_used_at",
    "revoked_at",
}


def locs(body: dict) -> set[tuple[str, ...]]:
    return {tuple(d["loc"]) for d in body["error"]["details"]}


# -- tokens -------------------------------------------------------------------------------


async def test_token_secret_is_shown_once_and_works(client):
    status, created = await client.post(f"{V1}/tokens", {"name": "CI", "role": "readonly"})
    assert status == 201
    secret = created["secret"]
    assert set(created) == TOKEN_FIELDS | {"secret"}
    assert secret.startswith(created["prefix"]) and len(secret) > 30
    assert created["revoked_at"] is None and created["last_used_at"] is None
    row = await ApiToken.get(id=created["id"])
    assert secret not in (row.token_hash, row.prefix)

    ci = client.as_(secret)
    assert (await ci.get(f"{V1}/departments"))[0] == 200
    status, page = await client.get(f"{V1}/tokens")
    assert status == 200 and page["total"] == 1
    (listed,) = page["items"]
    assert set(listed) == TOKEN_FIELDS and secret not in str(page)
    assert listed["last_used_at"] is not None
    status, one = await client.get(f"{V1}/tokens/{created['id']}")
    assert status == 200 and set(one) == TOKEN_FIELDS


async def test_revoked_token_gets_401(client):
    status, created = await client.post(f"{V1}/tokens", {"name": "ops", "role": "admin"})
    ops = client.as_(created["secret"])
    assert (await ops.get(f"{V1}/tokens"))[0] == 200
    status, revoked = await client.delete(f"{V1}/tokens/{created['id']}")
    assert status == 200 and revoked["revoked_at"] is not None
    assert (await ApiToken.get(id=created["id"])).revoked_at is not None
    status, body = await ops.get(f"{V1}/departments")
    assert status == 401 and body["error"]["code"] == "unauthorized"
    # Revoking again keeps the first time.
    status, again = await client.delete(f"{V1}/tokens/{created['id']}")
    assert status == 200 and again["revoked_at"] == revoked["revoked_at"]
    status, page = await client.get(f"{V1}/tokens?revoked=true")
    assert [t["id"] for t in page["items"]] == [created["id"]]
    status, page = await client.get(f"{V1}/tokens?revoked=false")
    assert page["total"] == 0
    assert (await client.delete(f"{V1}/tokens/9999"))[0] == 404


async def test_agent_tokens_need_an_existing_agent(client):
    agent = await Agent.create(telegram_id=1, name="A")
    status, body = await client.post(f"{V1}/tokens", {"name": "a", "role": "agent"})
    assert status == 422 and locs(body) == {("agent_id",)}
    status, body = await client.post(
        f"{V1}/tokens", {"name": "a", "role": "agent", "agent_id": 999}
    )
    assert status == 422 and body["error"]["details"][0]["type"] == "unknown_reference"
    status, body = await client.post(
        f"{V1}/tokens", {"name": "r", "role": "readonly", "agent_id": agent.id}
    )
    assert status == 422 and locs(body) == {("agent_id",)}
    assert await ApiToken.all().count() == 0
    status, created = await client.post(
        f"{V1}/tokens", {"name": "a", "role": "agent", "agent_id": agent.id}
    )
    assert status == 201 and created["agent_id"] == agent.id and created["role"] == "agent"
    status, page = await client.get(f"{V1}/tokens?role=agent")
    assert [t["id"] for t in page["items"]] == [created["id"]]


async def test_token_validation(client):
    status, body = await client.post(f"{V1}/tokens", {"role": "admin"})
    assert status == 422 and locs(body) == {("name",)}
    status, body = await client.post(f"{V1}/tokens", {"name": "x", "role": "root"})
    assert status == 422 and locs(body) == {("role",)}
    status, body = await client.post(f"{V1}/tokens", {"name": "x" * 129, "role": "admin"})
    assert status == 422 and locs(body) == {("name",)}
    status, body = await client.post(
        f"{V1}/tokens", {"name": "x", "role": "admin", "agent_id": "a"}
    )
    assert status == 422 and locs(body) == {("agent_id",)}
    status, body = await client.post(
        f"{V1}/tokens", {"name": "x", "role": "admin", "secret": "chosen"}
    )
    assert status == 422 and locs(body) == {("secret",)}
    assert await ApiToken.all().count() == 0


async def test_token_roles(client, make_token):
    agent = await Agent.create(telegram_id=1, name="A")
    readonly_secret = await make_token("readonly")
    readonly_id = (await ApiToken.get(role="readonly")).id
    for secret in (readonly_secret, await make_token("agent", agent.id)):
        caller = client.as_(secret)
        for status, body in [
            await caller.get(f"{V1}/tokens"),
            await caller.get(f"{V1}/tokens/{readonly_id}"),
            await caller.post(f"{V1}/tokens", {"name": "mine", "role": "admin"}),
            await caller.delete(f"{V1}/tokens/{readonly_id}"),
        ]:
            assert status == 403 and body["error"]["code"] == "forbidden"
    anonymous = client.as_(None)
    assert (await anonymous.get(f"{V1}/tokens"))[0] == 401
    assert (await anonymous.post(f"{V1}/tokens", {"name": "x", "role": "admin"}))[0] == 401
    assert (await anonymous.delete(f"{V1}/tokens/{readonly_id}"))[0] == 401
    assert await ApiToken.filter(revoked_at=None).count() == 2


# -- settings -----------------------------------------------------------------------------


async def test_settings_defaults_and_patch(client, api_settings):
    status, current = await client.get(f"{V1}/settings")
    assert status == 200
    assert current == {
        "staff_chat_id": None,
        "auto_close_hours": 24,
        "reopen_window_days": 7,
        "round_robin": False,
        "sla_pause_while_waiting": True,
        # Nothing stored: the process configuration's ATTACHMENTS_DIR.
        "attachments_dir": str(api_settings.attachments_dir),
    }
    status, changed = await client.patch(
        f"{V1}/settings",
        {"auto_close_hours": 48, "round_robin": True, "staff_chat_id": -1001234567890},
    )
    assert status == 200
    assert changed == {
        **current,
        "auto_close_hours": 48,
        "round_robin": True,
        "staff_chat_id": -1001234567890,
    }
    assert (await Setting.get(key="auto_close_hours")).value == 48
    assert (await client.get(f"{V1}/settings"))[1] == changed

    status, changed = await client.patch(
        f"{V1}/settings", {"attachments_dir": "/srv/helpdesk/files", "reopen_window_days": 0}
    )
    assert changed["attachments_dir"] == "/srv/helpdesk/files"
    assert changed["reopen_window_days"] == 0 and changed["auto_close_hours"] == 48
    assert (await Setting.get(key="attachments_dir")).value == "/srv/helpdesk/files"
    # A path that looks like a number stays a string.
    status, changed = await client.patch(f"{V1}/settings", {"attachments_dir": "2024"})
    assert status == 200 and (await client.get(f"{V1}/settings"))[1]["attachments_dir"] == "2024"
    status, changed = await client.patch(
        f"{V1}/settings", {"attachments_dir": None, "staff_chat_id": None}
    )
    assert status == 200 and changed["attachments_dir"] == str(api_settings.attachments_dir)
    assert changed["staff_chat_id"] is None


async def test_settings_validation(client):
    for field, value in [
        ("auto_close_hours", 0),
        ("auto_close_hours", 8761),
        ("auto_close_hours", "a day"),
        ("auto_close_hours", None),
        ("reopen_window_days", -1),
        ("reopen_window_days", 366),
        ("round_robin", "maybe"),
        ("sla_pause_while_waiting", None),
        ("staff_chat_id", "the group"),
        ("attachments_dir", ""),
        ("attachments_dir", "x" * 256),
        ("attachments_dir", 42),
        ("language", "en"),
    ]:
        status, body = await client.patch(f"{V1}/settings", {field: value})
        assert status == 422, (field, value)
        assert field in str(body["error"]["details"]), (field, value)
    assert (await client.get(f"{V1}/settings"))[1]["auto_close_hours"] == 24
    assert await Setting.filter(key="attachments_dir").count() == 0


async def test_settings_roles(client, make_token):
    agent = await Agent.create(telegram_id=1, name="A")
    readonly = client.as_(await make_token("readonly"))
    status, body = await readonly.get(f"{V1}/settings")
    assert status == 200 and body["auto_close_hours"] == 24
    # The process' set-up is not an agent's business (README: token roles).
    status, body = await client.as_(await make_token("agent", agent.id)).get(f"{V1}/settings")
    assert status == 403 and body["error"]["code"] == "forbidden"
    for secret in (await make_token("readonly"), await make_token("agent", agent.id)):
        caller = client.as_(secret)
        status, body = await caller.patch(f"{V1}/settings", {"auto_close_hours": 1})
        assert status == 403 and body["error"]["code"] == "forbidden"
    assert (await client.as_(None).get(f"{V1}/settings"))[0] == 401
    assert (await client.as_(None).patch(f"{V1}/settings", {"round_robin": True}))[0] == 401
    assert (await Setting.get(key="auto_close_hours")).value == 24


@pytest.fixture
async def configured(api_settings, aiohttp_client) -> ApiClient:
    """The admin API of a process configured with STAFF_CHAT_ID."""
    settings = api_settings.model_copy(update={"staff_chat_id": -100500})
    admin = create_admin_app(settings, wake_outbox=lambda: None)
    admin[PROCESS_SETTINGS] = settings
    root = web.Application()
    root.add_subapp("/api", admin)
    return ApiClient(await aiohttp_client(root))


async def test_settings_fall_back_to_the_process_configuration(configured):
    status, current = await configured.get(f"{V1}/settings")
    assert status == 200 and current["staff_chat_id"] == -100500
    status, changed = await configured.patch(f"{V1}/settings", {"staff_chat_id": -100777})
    assert changed["staff_chat_id"] == -100777
    status, changed = await configured.patch(f"{V1}/settings", {"staff_chat_id": None})
    assert changed["staff_chat_id"] == -100500


async def test_runtime_settings_are_typed_and_survive_bad_rows(db, api_settings):
    await Setting.filter(key="auto_close_hours").update(value='"soon"')
    await Setting.filter(key="round_robin").update(value=True)
    current = await runtime_settings(api_settings)
    assert isinstance(current, RuntimeSettings)
    assert current.auto_close_hours == 24 and current.round_robin is True
    assert current.attachments_dir == str(api_settings.attachments_dir)
    with pytest.raises(dataclasses.FrozenInstanceError):
        current.round_robin = False  # type: ignore[misc]


async def test_a_deactivated_or_deleted_agents_tokens_stop_everywhere(client, make_token):
    department = await Department.create(name="Support")
    agent = await Agent.create(telegram_id=1, name="A")
    await agent.departments.add(department)
    token = client.as_(await make_token("agent", agent.id))
    reads = (
        "/departments",
        "/customers",
        "/stats",
        "/stats/by-status",
        "/tickets",
        f"/agents/{agent.id}",
    )
    for path in reads:
        assert (await token.get(V1 + path))[0] == 200, path

    assert (await client.patch(f"{V1}/agents/{agent.id}", {"active": False}))[0] == 200
    for path in reads:
        status, body = await token.get(V1 + path)
        assert status == 401, path
        assert body["error"] == {
            "code": "unauthorized",
            "message": "the token's agent is deactivated",
            "details": None,
        }
    assert (await token.post(f"{V1}/tickets/1/notes", {"text": "x"}))[0] == 401

    # Not revoked: it works again once the agent is active again.
    assert (await client.patch(f"{V1}/agents/{agent.id}", {"active": True}))[0] == 200
    assert (await token.get(f"{V1}/stats"))[0] == 200

    assert (await client.delete(f"{V1}/agents/{agent.id}"))[0] == 200
    assert await ApiToken.filter(agent_id=agent.id).count() == 0
    for path in reads:
        status, body = await token.get(V1 + path)
        assert status == 401 and body["error"]["message"] == "invalid or revoked token", path
