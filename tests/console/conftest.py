"""The console through aiohttp's test client (and, for tests/console/test_browser.py, a
real Chromium), on a migrated database, with the admin API beside it."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from admin_api import create_admin_app
from bot.config import Settings
from console import create_console_app
from tests.api.conftest import ADMIN_TOKEN, api_settings, make_token  # noqa: F401
from tests.support import TOKEN

__all__ = ["ADMIN_TOKEN", "TOKEN"]


def build_app(settings: Settings, wakes: list[int]) -> web.Application:
    root = web.Application()
    root.add_subapp("/api", create_admin_app(settings, wake_outbox=lambda: wakes.append(1)))
    root.add_subapp("/console", create_console_app(settings, wake_outbox=lambda: wakes.append(1)))
    return root


class Console:
    """A browser-like client: follows redirects, keeps the session cookie, reads the
    CSRF token of the last page."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.csrf = ""
        self.last = ""

    async def get(self, path: str, **kwargs: Any) -> tuple[int, str]:
        response = await self.client.get(path, **kwargs)
        text = await response.text()
        self._remember(text)
        return response.status, text

    def _remember(self, text: str) -> None:
        self.last = text
        found = re.search(r'name="csrf" value="([^"]*)"', text)
        if found:
            self.csrf = found.group(1)

    async def post(
        self, path: str, data: dict[str, Any] | None = None, *, csrf: bool = True, **kwargs: Any
    ) -> tuple[int, str]:
        form = dict(data or {})
        if csrf:
            form.setdefault("csrf", self.csrf)
        response = await self.client.post(path, data=form, **kwargs)
        text = await response.text()
        self._remember(text)
        return response.status, text

    async def sign_in(self, token: str) -> tuple[int, str]:
        await self.get("/console/login")
        return await self.post("/console/login", {"token": token})


@pytest.fixture
async def console_app(api_settings: Settings) -> tuple[web.Application, list[int]]:  # noqa: F811
    wakes: list[int] = []
    return build_app(api_settings, wakes), wakes


@pytest.fixture
async def console(
    console_app, aiohttp_client: Callable[[web.Application], Awaitable[TestClient]]
) -> Console:
    app, _ = console_app
    return Console(await aiohttp_client(app))


@pytest.fixture
async def admin(console: Console) -> Console:
    status, _ = await console.sign_in(ADMIN_TOKEN)
    assert status == 200
    return console
