"""Signing in with an API token, signing out, the language."""

from __future__ import annotations

import hmac
import secrets

from aiohttp import web

from admin_api.auth import FailedLogins, client_address
from bot.i18n import LANGUAGES
from bot.services import console_sessions
from bot.services.errors import Unauthorized
from console.i18n import N_
from console.keys import LANGUAGE, RENDERER, SESSION, SETTINGS
from console.views.common import form

LOGIN_COOKIE = "hd_console_login"
FAILURES = web.AppKey("console_failed_logins", FailedLogins)


def _safe_next(target: str | None) -> str:
    # Only a page of the console: never another site (an open redirect).
    if target and target.startswith("/console/") and not target.startswith("/console//"):
        return target
    return "/console/dashboard"


def _cookie_flags(request: web.Request) -> dict:
    from console.app import is_https

    return {"httponly": True, "samesite": "Strict", "secure": is_https(request), "path": "/console"}


async def login_page(request: web.Request) -> web.Response:
    token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
    response = request.app[RENDERER].page(
        request,
        "login.html",
        {"login_csrf": token, "next": _safe_next(request.query.get("next")), "error": None},
    )
    response.set_cookie(LOGIN_COOKIE, token, max_age=3600, **_cookie_flags(request))
    return response


async def login(request: web.Request) -> web.StreamResponse:
    from console.app import COOKIE, error_page

    data = await form(request)
    sent = (await request.post()).get("csrf")
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not (
        isinstance(sent, str) and expected and hmac.compare_digest(sent.encode(), expected.encode())
    ):
        return error_page(request, 403, N_("the form's security token is missing or stale"))
    settings = request.app[SETTINGS]
    failures = request.app[FAILURES]
    address = client_address(request, settings.trusted_proxies)
    next_page = _safe_next(data.get("next"))
    secret = data.get("token", "").strip()
    try:
        if not secret or len(secret) > 512:
            raise Unauthorized(N_("enter an API token"))
        bootstrap = settings.admin_token.get_secret_value() if settings.admin_token else None
        chosen = data.get("language")
        language = chosen if chosen in LANGUAGES else request[LANGUAGE]
        key, session = await console_sessions.sign_in(secret, bootstrap, language=language)
    except Unauthorized as exc:
        wait = failures.retry_after(address)
        status = 429 if wait else 401
        if not wait:
            failures.failed(address)
        message = N_("too many failed sign-ins; retry in a minute") if wait else exc.message
        return request.app[RENDERER].page(
            request,
            "login.html",
            {"login_csrf": expected, "next": next_page, "error": message},
            status=status,
        )
    response = web.HTTPSeeOther(next_page)
    max_age = int(console_sessions.SESSION_HOURS * 3600)
    response.set_cookie(COOKIE, key, max_age=max_age, **_cookie_flags(request))
    response.del_cookie(LOGIN_COOKIE, path="/console")
    del session
    raise response


async def logout(request: web.Request) -> web.StreamResponse:
    from console.app import COOKIE

    await console_sessions.sign_out(request.cookies.get(COOKIE))
    response = web.HTTPSeeOther("/console/login")
    response.del_cookie(COOKIE, path="/console")
    raise response


async def language(request: web.Request) -> web.StreamResponse:
    data = await form(request)
    chosen = data.get("language")
    if chosen in LANGUAGES:
        await console_sessions.set_language(request[SESSION].id, chosen)
    raise web.HTTPSeeOther(_safe_next(data.get("next")))


async def home(request: web.Request) -> web.StreamResponse:
    raise web.HTTPSeeOther("/console/dashboard")


def register(app: web.Application) -> None:
    settings = app[SETTINGS]
    app[FAILURES] = FailedLogins(settings.auth_failures_per_minute)
    app.router.add_get("/", home)
    app.router.add_get("/login", login_page)
    app.router.add_post("/login", login)
    app.router.add_post("/logout", logout)
    app.router.add_post("/language", language)
