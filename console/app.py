"""The web console, mounted at /console: sessions, CSRF, security headers, pages.

Everything a page shows or changes goes through bot.services, as the admin API
does: one source of truth for the figures, the same lifecycle for every action.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from aiogram.utils.i18n import I18n
from aiohttp import web

from admin_api.audit import audited
from admin_api.auth import parse_address
from bot.config import Settings
from bot.i18n import LANGUAGES
from bot.services import audit, console_sessions
from bot.services.errors import DomainError
from console.i18n import N_
from console.keys import LANGUAGE, RENDERER, SESSION, SETTINGS, WAKE_OUTBOX
from console.render import Renderer
from models.enums import TokenRole

log = logging.getLogger(__name__)

MOUNT = "/console"
COOKIE = "hd_console"
STATIC = Path(__file__).resolve().parent / "static"
# No inline script or style anywhere: the pages load their code and styles from here.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
PUBLIC = (f"{MOUNT}/login", f"{MOUNT}/static/")
# What a readonly session may still post: leaving, and its own language.
READONLY_POSTS = (f"{MOUNT}/logout", f"{MOUNT}/language")


def _security_headers(response: web.StreamResponse, path: str) -> None:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if not path.startswith(f"{MOUNT}/static/"):
        response.headers["Cache-Control"] = "no-store"


def error_page(request: web.Request, status: int, message: str) -> web.Response:
    return request.app[RENDERER].page(
        request, "error.html", {"status": status, "message": message}, status=status
    )


@web.middleware
async def headers_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            _security_headers(exc, request.path)
            raise
        response = error_page(request, exc.status, exc.reason)
    except DomainError as exc:
        response = error_page(request, exc.status, exc.message)
    except Exception:
        log.exception("console %s %s failed", request.method, request.path)
        response = error_page(request, 500, N_("internal error"))
    _security_headers(response, request.path)
    return response


def pick_language(request: web.Request, default: str) -> str:
    for part in request.headers.get("Accept-Language", "").split(","):
        base = part.split(";")[0].strip().split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return default


def _from_trusted_proxy(request: web.Request) -> bool:
    peer = parse_address(request.remote or "")
    proxies = request.app[SETTINGS].trusted_proxies
    return peer is not None and any(peer in network for network in proxies)


def _same_origin(request: web.Request) -> bool:
    """A browser names the page a POST comes from; another site's page is refused even
    before the CSRF token is looked at (no Origin: an old browser or a script). Behind
    a trusted proxy (TRUSTED_PROXIES) the host the browser used may be the proxy's
    X-Forwarded-Host."""
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return origin is None
    hosts = {request.host}
    if _from_trusted_proxy(request):
        forwarded = request.headers.get("X-Forwarded-Host", "").split(",")[0].strip()
        if forwarded:
            hosts.add(forwarded)
    return urlsplit(origin).netloc in hosts


def is_https(request: web.Request) -> bool:
    """Whether the browser speaks HTTPS to us (directly, or to a trusted proxy that says
    so): then the session cookie is Secure."""
    if request.secure:
        return True
    proto = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return proto == "https" and _from_trusted_proxy(request)


async def check_csrf(request: web.Request, expected: str) -> bool:
    form = await request.post()
    sent = form.get("csrf")
    return (
        isinstance(sent, str)
        and bool(expected)
        and hmac.compare_digest(sent.encode(), expected.encode())
    )


@web.middleware
async def session_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    settings = request.app[SETTINGS]
    request[LANGUAGE] = pick_language(request, settings.default_language)
    posting = request.method not in ("GET", "HEAD")
    if posting and not _same_origin(request):
        return error_page(request, 403, N_("the form comes from another site"))
    if request.path.startswith(PUBLIC):
        return await handler(request)
    session = await console_sessions.session_for(request.cookies.get(COOKIE))
    if session is None:
        if posting:
            return error_page(request, 401, N_("the session has ended: sign in again"))
        target = request.path_qs if request.path != f"{MOUNT}/" else f"{MOUNT}/dashboard"
        raise web.HTTPSeeOther(f"{MOUNT}/login?next={quote(target, safe='')}")
    request[SESSION] = session
    request[LANGUAGE] = session.language
    if posting:
        if not await check_csrf(request, session.csrf_token):
            return error_page(request, 403, N_("the form's security token is missing or stale"))
        readonly = session.principal.role == TokenRole.READONLY
        if readonly and request.path not in READONLY_POSTS:
            return error_page(request, 403, N_("a readonly token changes nothing"))
    # Services render what they send to customers in the customer's language.
    with request.app[RENDERER].i18n.context():
        if posting and request.path not in READONLY_POSTS:
            return await audited(
                request,
                handler,
                principal=session.principal,
                via=audit.VIA_CONSOLE,
                trusted=settings.trusted_proxies,
                wake=request.app[WAKE_OUTBOX],
            )
        return await handler(request)


def create_console_app(
    settings: Settings, *, wake_outbox: Callable[[], None], i18n: I18n | None = None
) -> web.Application:
    from bot import presentation
    from bot.i18n import create_i18n
    from console.views import audit as audit_views
    from console.views import auth, dashboard, directory, tickets, webhooks

    presentation.install(settings)  # the services it calls emit notices
    app = web.Application(middlewares=[headers_middleware, session_middleware])
    app[SETTINGS] = settings
    app[WAKE_OUTBOX] = wake_outbox
    app[RENDERER] = Renderer(i18n or create_i18n(settings.default_language))
    for module in (auth, dashboard, tickets, directory, audit_views, webhooks):
        module.register(app)
    app.router.add_static("/static", path=STATIC, append_version=True, name="static")
    return app
