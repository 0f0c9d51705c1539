"""The admin API application, mounted at /api: /api/v1/..., /api/openapi.json, /api/docs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram.utils.i18n import I18n
from aiohttp import web

from admin_api.auth import BOOTSTRAP_TOKEN, FAILED_LOGINS, FailedLogins, auth_middleware_factory
from admin_api.errors import error_middleware
from admin_api.keys import PROCESS_SETTINGS, WAKE_OUTBOX
from admin_api.registry import Registry
from admin_api.views import access, directory, people, stats, tickets
from bot.config import Settings

REGISTRY = web.AppKey("registry", Registry)
OPENAPI = web.AppKey("openapi", dict)
MOUNT = "/api"
API_VERSION = "1.0.0"
VIEW_MODULES = (directory, people, access, tickets, stats)


def build_registry() -> Registry:
    registry = Registry(prefix="/v1")
    for module in VIEW_MODULES:
        module.register(registry)
    return registry


def openapi_document(registry: Registry) -> dict[str, Any]:
    return registry.openapi(
        title="Telegram helpdesk admin API", version=API_VERSION, server_prefix=MOUNT
    )


async def openapi_json(request: web.Request) -> web.Response:
    return web.json_response(request.app[OPENAPI])


def _i18n_middleware(i18n: I18n) -> Any:
    # Services render customer-facing texts (replies, alerts) in the customer's language.
    @web.middleware
    async def middleware(request: web.Request, handler: Any) -> web.StreamResponse:
        with i18n.context():
            return await handler(request)

    return middleware


def create_admin_app(
    settings: Settings, *, wake_outbox: Callable[[], None], i18n: I18n | None = None
) -> web.Application:
    from bot.i18n import create_i18n

    public = frozenset({f"{MOUNT}/openapi.json"})
    app = web.Application(
        middlewares=[
            error_middleware,
            auth_middleware_factory(
                public_paths=public,
                public_prefixes=(f"{MOUNT}/docs",),
                trusted_proxies=settings.trusted_proxies,
            ),
            _i18n_middleware(i18n or create_i18n(settings.default_language)),
        ],
        client_max_size=25 * 1024 * 1024,
    )
    if settings.admin_token is not None:
        app[BOOTSTRAP_TOKEN] = settings.admin_token.get_secret_value()
    app[WAKE_OUTBOX] = wake_outbox
    app[FAILED_LOGINS] = FailedLogins(settings.auth_failures_per_minute)
    app[PROCESS_SETTINGS] = settings
    registry = build_registry()
    registry.install(app)
    app[REGISTRY] = registry
    app[OPENAPI] = openapi_document(registry)
    app.router.add_get("/openapi.json", openapi_json)
    _install_docs(app)
    return app


def _install_docs(app: web.Application) -> None:
    """Swagger UI from the package's own files: the page works with no network.

    swagger-ui-py writes its URLs from one prefix, but this application is mounted
    at /api: the page must say /api/docs/... while the routes here are /docs/...
    """
    from swagger_ui.core import ApplicationDocument

    doc = ApplicationDocument(
        app, config=app[OPENAPI], url_prefix=f"{MOUNT}/docs", title="Helpdesk admin API"
    )

    async def page(request: web.Request) -> web.Response:
        return web.Response(text=doc.doc_html, content_type="text/html")

    async def config(request: web.Request) -> web.Response:
        return web.json_response(request.app[OPENAPI])

    app.router.add_get("/docs", page)
    app.router.add_get("/docs/", page)
    app.router.add_get("/docs/swagger.json", config)
    app.router.add_static("/docs/static", path=doc.static_dir)
