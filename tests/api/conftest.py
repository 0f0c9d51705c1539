"""The admin API through aiohttp's test client, on a migrated database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from admin_api import create_admin_app
from bot.config import Settings
from bot.services.tokens import create_token
from tests.support import TOKEN

ADMIN_TOKEN = "bootstrap-admin-secret-for-tests"


class ApiClient:
    """Thin helper: JSON calls with a bearer token; returns (status, json)."""

    def __init__(self, client: TestClient, token: str | None = ADMIN_TOKEN) -> None:
        self.client = client
        self.token = token
        self.woken = 0

    def as_(self, token: str | None) -> ApiClient:
        other = ApiClient(self.client, token)
        return other

    async def call(
        self, method: str, path: str, json: Any = None, **kwargs: Any
    ) -> tuple[int, Any]:
        headers = dict(kwargs.pop("headers", {}))
        if self.token is not None:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        response = await self.client.request(method, path, json=json, headers=headers, **kwargs)
        body = (
            await response.json()
            if response.content_type == "application/json"
            else await response.read()
        )
        return response.status, body

    async def get(self, path: str, **kwargs: Any) -> tuple[int, Any]:
        return await self.call("GET", path, **kwargs)

    async def post(self, path: str, json: Any = None, **kwargs: Any) -> tuple[int, Any]:
        return await self.call("POST", path, json=json, **kwargs)

    async def patch(self, path: str, json: Any = None, **kwargs: Any) -> tuple[int, Any]:
        return await self.call("PATCH", path, json=json, **kwargs)

    async def delete(self, path: str, **kwargs: Any) -> tuple[int, Any]:
        return await self.call("DELETE", path, **kwargs)


@pytest.fixture
def api_settings(db: str, tmp_path) -> Settings:
    return Settings(
        bot_token=TOKEN,
        database_url=db,
        admin_token=ADMIN_TOKEN,
        attachments_dir=tmp_path / "files",
        # The suites send thousands of deliberately bad credentials from one address;
        # tests/api/test_auth_limits.py checks the limit itself.
        auth_failures_per_minute=100_000,
        _env_file=None,
    )


@pytest.fixture
async def client(
    api_settings: Settings, aiohttp_client: Callable[[web.Application], Awaitable[TestClient]]
) -> ApiClient:
    root = web.Application()
    wakes: list[int] = []
    root.add_subapp("/api", create_admin_app(api_settings, wake_outbox=lambda: wakes.append(1)))
    test_client = await aiohttp_client(root)
    api_client = ApiClient(test_client)
    return api_client


@pytest.fixture
def make_token(db: str) -> Callable[..., Awaitable[str]]:
    async def make(role: str, agent_id: int | None = None) -> str:
        _, secret = await create_token(f"{role} token", role, agent_id)
        return secret

    return make
