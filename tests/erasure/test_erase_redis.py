"""Erasure with REDIS_URL set (issue 12, point 19): the customer's wizard draft in Redis,
the FSM journals of their processed updates and the draft's files are gone too; when
Redis cannot be reached nothing is erased."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from redis.asyncio import Redis

from admin_api import create_admin_app
from bot.config import Settings
from models import Customer
from tests.api.conftest import ADMIN_TOKEN, ApiClient
from tests.erasure.helpers import (
    DRAFT_FILE_BYTES,
    DRAFT_FILE_NAME,
    DRAFT_TEXT,
    FIRST_NAME,
    TELEGRAM_ID,
    database_dump,
    files_under,
    traces,
    wizard_until_files,
)
from tests.handlers.conftest import Env, running_dispatcher
from tests.handlers.wizard_support import desk_with_staff_chat, last
from tests.support import TOKEN, claim_redis_db, release_redis_db


@pytest.fixture
async def own_redis(redis_url: str) -> AsyncIterator[str]:
    url = await claim_redis_db(redis_url)
    try:
        yield url
    finally:
        await release_redis_db(url)


def _settings(db: str, api, tmp_path, redis_url: str) -> Settings:
    return Settings(
        bot_token=TOKEN,
        telegram_api_url=api.base_url,
        database_url=db,
        redis_url=redis_url,
        admin_token=ADMIN_TOKEN,
        attachments_dir=tmp_path / "files",
        _env_file=None,
    )


async def _api_client(aiohttp_client, settings: Settings) -> ApiClient:
    root = web.Application()
    root.add_subapp("/api", create_admin_app(settings, wake_outbox=lambda: None))
    return ApiClient(await aiohttp_client(root))


@pytest.fixture
async def redis_env(db, api, own_redis, tmp_path) -> AsyncIterator[Env]:
    """The real dispatcher with its FSM in Redis (a fleet's set-up)."""
    async with running_dispatcher(_settings(db, api, tmp_path, own_redis), api) as environment:
        yield environment


async def _redis_contents(url: str) -> dict[str, str]:
    client = Redis.from_url(url)
    try:
        found = {}
        async for key in client.scan_iter(count=1000):
            value = await client.get(key) if await client.type(key) == b"string" else b""
            found[key.decode()] = (value or b"").decode("utf-8", "replace")
        return found
    finally:
        await client.aclose()


async def test_a_draft_in_redis_and_its_journals_are_erased(
    redis_env, own_redis, aiohttp_client, db, tmp_path
):
    env = redis_env
    await desk_with_staff_chat(env)
    user = env.api.add_user(TELEGRAM_ID, FIRST_NAME)
    await wizard_until_files(env, user, "Tech", "Subject QUAX-DRAFT-SUBJECT", DRAFT_TEXT)
    user.send_document(DRAFT_FILE_NAME, content=DRAFT_FILE_BYTES)
    await env.step()
    assert "Files attached: 1" in last(env, TELEGRAM_ID)["text"]
    before = await _redis_contents(own_redis)
    assert any(DRAFT_TEXT in value for value in before.values())
    assert any(str(TELEGRAM_ID) in key for key in before)
    # The processed updates' FSM journals hold the draft too.
    assert "processed_update" in traces(await database_dump(db))
    assert list(files_under(tmp_path / "files").values()) == [DRAFT_FILE_BYTES]

    client = await _api_client(aiohttp_client, _settings(db, env.api, tmp_path, own_redis))
    customer = await Customer.get(telegram_id=TELEGRAM_ID)
    status, summary = await client.post(f"/api/v1/customers/{customer.id}/erase", {})
    assert status == 200, summary
    assert summary["drafts_removed"] == 1 and summary["files_deleted"] == 1

    after = await _redis_contents(own_redis)
    assert [key for key in after if str(TELEGRAM_ID) in key] == []
    assert [key for key, value in after.items() if "QUAX" in value or FIRST_NAME in value] == []
    assert traces(await database_dump(db)) == {}
    assert files_under(tmp_path / "files") == {}
    # The same Telegram user starts with an empty wizard.
    screen = await wizard_until_files(env, user, "Tech", "Again", "Fresh text")
    assert "Files attached" not in screen["text"]


async def test_nothing_is_erased_while_redis_is_unreachable(env, aiohttp_client, db, tmp_path):
    await desk_with_staff_chat(env)
    user = env.api.add_user(TELEGRAM_ID, FIRST_NAME)
    user.send_text("/start")
    await env.step()
    dead = "redis://127.0.0.1:1/0"  # nothing listens there
    client = await _api_client(aiohttp_client, _settings(db, env.api, tmp_path, dead))
    customer = await Customer.get(telegram_id=TELEGRAM_ID)
    status, body = await client.post(f"/api/v1/customers/{customer.id}/erase", {})
    assert status == 503
    assert body["error"]["code"] == "fsm_storage_unavailable"
    assert "nothing was erased" in body["error"]["message"]
    unchanged = await Customer.get(id=customer.id)
    assert unchanged.first_name == FIRST_NAME and unchanged.erased_at is None
