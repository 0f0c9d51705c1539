"""The admin API application, mounted at /api: /api/v1/..., /api/openapi.json, /api/docs."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiogram.utils.i18n import I18n
from aiohttp import web

from admin_api.audit import audit_middleware_factory
from admin_api.auth import BOOTSTRAP_TOKEN, FAILED_LOGINS, FailedLogins, auth_middleware_factory
from admin_api.errors import error_middleware
from admin_api.keys import PROCESS_SETTINGS, WAKE_OUTBOX
from admin_api.registry import Registry
from admin_api.views import access, directory, faq, integrations, people, stats, tags, tickets
from bot.config import Settings

REGISTRY = web.AppKey("registry", Registry)
MOUNT = "/api"
API_VERSION = "1.0.0"
VIEW_MODULES = (directory, faq, people, access, tickets, stats, integrations, tags)


def build_registry() -> Registry:
    registry = Registry(prefix="/v1")
    for module in VIEW_MODULES:
        module.register(registry)
    return registry


def openapi_document(registry: Registry) -> dict[str, Any]:
    return registry.openapi(
        title="Telegram helpdesk admin API", version=API_VERSION, server_prefix=MOUNT
    )


class OpenAPIDocument:
    """The document, built on its first request: building it (the JSON schema of every
    model) costs memory that a process nobody asks for its document would keep."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry
        self._document: dict[str, Any] | None = None

    def get(self) -> dict[str, Any]:
        if self._document is None:
            self._document = openapi_document(self._registry)
        return self._document


OPENAPI = web.AppKey("openapi", OpenAPIDocument)


async def openapi_json(request: web.Request) -> web.Response:
    return web.json_response(request.app[OPENAPI].get())


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
    from bot import presentation
    from bot.i18n import create_i18n

    presentation.install(settings)  # the services it calls emit notices
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
            audit_middleware_factory(settings.trusted_proxies),
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
    app[OPENAPI] = OpenAPIDocument(registry)
    app.router.add_get("/openapi.json", openapi_json)
    _install_docs(app)
    return app


def _swagger_ui_static() -> Path:
    # Found without importing the package (jinja2 and yaml come with it).
    spec = importlib.util.find_spec("swagger_ui")
    assert spec is not None and spec.origin is not None, "swagger-ui-py is not installed"
    return Path(spec.origin).parent / "static"


def _install_docs(app: web.Application) -> None:
    """Swagger UI from the package's own files: the page works with no network.

    swagger-ui-py writes its URLs from one prefix, but this application is mounted
    at /api: the page must say /api/docs/... while the routes here are /docs/...
    The package (with jinja2 and yaml, about 2 MB) is imported on the page's first
    request, not at start-up.
    """
    page_html: list[str] = []

    async def page(request: web.Request) -> web.Response:
        if not page_html:
            from swagger_ui.core import ApplicationDocument

            doc = ApplicationDocument(
                request.app,
                config=request.app[OPENAPI].get(),
                url_prefix=f"{MOUNT}/docs",
                title="Helpdesk admin API",
            )
            page_html.append(doc.doc_html)
        return web.Response(text=page_html[0], content_type="text/html")

    async def config(request: web.Request) -> web.Response:
        return web.json_response(request.app[OPENAPI].get())

    app.router.add_get("/docs", page)
    app.router.add_get("/docs/", page)
    app.router.add_get("/docs/swagger.json", config)
    app.router.add_static("/docs/static", path=_swagger_ui_static())
