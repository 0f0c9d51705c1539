"""Admin API application factory."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from admin_api.auth import BOOTSTRAP_TOKEN, PRINCIPAL, auth_middleware_factory
from admin_api.errors import error_middleware
from bot.config import Settings

WAKE_OUTBOX = web.AppKey("wake_outbox", Callable[[], None])


async def whoami(request: web.Request) -> web.Response:
    principal = request[PRINCIPAL]
    return web.json_response({"name": principal.name, "role": principal.role.value})


def create_admin_app(settings: Settings, *, wake_outbox: Callable[[], None]) -> web.Application:
    app = web.Application(middlewares=[error_middleware, auth_middleware_factory()])
    if settings.admin_token is not None:
        app[BOOTSTRAP_TOKEN] = settings.admin_token.get_secret_value()
    app[WAKE_OUTBOX] = wake_outbox
    app.router.add_get("/whoami", whoami)
    return app
