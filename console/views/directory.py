"""Configuration pages (see SECTIONS)."""

from __future__ import annotations

from aiohttp import web

from console.keys import RENDERER


async def index(request: web.Request) -> web.Response:
    return request.app[RENDERER].page(request, "config.html", {})


def register(app: web.Application) -> None:
    app.router.add_get("/config", index)
