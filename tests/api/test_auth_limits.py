"""Guessing admin API tokens: failed authentications are limited per client address."""

from __future__ import annotations

import pytest
from aiohttp import web

from admin_api import create_admin_app
from tests.api.conftest import ADMIN_TOKEN


@pytest.fixture
async def limited(api_settings, aiohttp_client):
    settings = api_settings.model_copy(update={"auth_failures_per_minute": 5})
    root = web.Application()
    root.add_subapp("/api", create_admin_app(settings, wake_outbox=lambda: None))
    return await aiohttp_client(root)


async def test_too_many_wrong_tokens_get_429_with_retry_after(limited):
    for attempt in range(5):
        response = await limited.get(
            "/api/v1/departments", headers={"Authorization": f"Bearer guess-{attempt}"}
        )
        assert response.status == 401
    response = await limited.get("/api/v1/departments", headers={"Authorization": "Bearer guess-6"})
    assert response.status == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert (await response.json())["error"]["code"] == "too_many_failures"
    # Even the right token waits: the address is refused before any secret is checked.
    response = await limited.get(
        "/api/v1/departments", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
    )
    assert response.status == 429


async def test_successful_requests_do_not_count(limited):
    for _ in range(20):
        response = await limited.get(
            "/api/v1/departments", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
        )
        assert response.status == 200
