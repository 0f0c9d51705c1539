"""The console through aiohttp's test client: sign-in and sessions, CSRF, roles and
scope, escaping, the actions' effects, the dashboard's figures against the API's."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.services import tokens
from models import ApiToken, ConsoleSession, Message, OutboxMessage, Ticket, TicketEvent
from models.enums import MessageKind
from tests.console.conftest import ADMIN_TOKEN, Console
from tests.factories import make_desk, open_ticket


@pytest.fixture
async def desk(db):
    desk = await make_desk()
    desk.tickets = [
        await open_ticket(desk.alice, desk.billing, "Invoice is wrong", "Amount 100 vs 90"),
        await open_ticket(desk.carl, desk.tech, "VPN drops", "Since Monday"),
    ]
    return desk


def _session_cookie(console: Console):
    return next((c for c in console.client.session.cookie_jar if c.key == "hd_console"), None)


async def test_sign_in_gives_a_strict_http_only_cookie_and_a_strict_csp(console, desk):
    status, _ = await console.get("/console/tickets", allow_redirects=False)
    assert status == 303  # to the sign-in page
    status, text = await console.get("/console/tickets")
    assert status == 200 and 'name="token"' in text
    await console.get("/console/login")
    response = await console.client.post(
        "/console/login",
        data={"token": ADMIN_TOKEN, "csrf": console.csrf, "next": "/console/tickets"},
        allow_redirects=False,
    )
    assert response.status == 303 and response.headers["Location"] == "/console/tickets"
    cookie = response.cookies["hd_console"]
    assert cookie["httponly"] is True and cookie["samesite"] == "Strict"
    assert cookie["path"] == "/console" and int(cookie["max-age"]) > 0
    # The database keeps only the key's hash.
    [row] = await ConsoleSession.all()
    assert row.key_hash != cookie.value and len(row.key_hash) == 64
    page = await console.client.get("/console/tickets")
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["Cache-Control"] == "no-store"
    assert "<script>" not in await page.text()  # no inline script at all


async def test_wrong_token_open_redirect_and_login_csrf(console, desk):
    status, text = await console.sign_in("hd_not-a-token")
    assert status == 401 and "invalid or revoked token" in text
    assert _session_cookie(console) is None and await ConsoleSession.all().count() == 0
    # the login form's own CSRF token is required
    status, _ = await console.post("/console/login", {"token": ADMIN_TOKEN, "csrf": "forged"})
    assert status == 403 and await ConsoleSession.all().count() == 0
    # `next` never leads off the console
    await console.get("/console/login")
    response = await console.client.post(
        "/console/login",
        data={"token": ADMIN_TOKEN, "csrf": console.csrf, "next": "//evil.example/x"},
        allow_redirects=False,
    )
    assert response.headers["Location"] == "/console/dashboard"


@pytest.mark.parametrize("role", ["admin", "agent", "readonly"])
async def test_each_role_signs_in_and_out(console, desk, make_token, role):
    secret = await make_token(role, desk.ann.id if role == "agent" else None)
    status, text = await console.sign_in(secret)
    assert status == 200 and f'data-role="{role}"' in text
    status, _ = await console.post("/console/logout")
    assert status == 200 and await ConsoleSession.all().count() == 0
    status, _ = await console.get("/console/dashboard", allow_redirects=False)
    assert status == 303


async def test_revoking_the_token_ends_the_session(console, desk, make_token):
    secret = await make_token("admin")
    await console.sign_in(secret)
    token = await ApiToken.get(prefix=secret[:10])
    await tokens.revoke_token(token.id)
    status, _ = await console.get("/console/tickets", allow_redirects=False)
    assert status == 303


async def test_an_expired_session_is_over(admin, desk):
    await ConsoleSession.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    status, _ = await admin.get("/console/tickets", allow_redirects=False)
    assert status == 303


async def test_a_forged_post_without_the_csrf_token_changes_nothing(admin, desk):
    ticket = desk.tickets[0]
    await admin.get(f"/console/tickets/{ticket.id}")
    for form in ({}, {"csrf": "forged"}):
        status, text = await admin.post(
            f"/console/tickets/{ticket.id}/note", {"text": "forged", **form}, csrf=False
        )
        assert status == 403 and "security token" in text
    # another site's page, even with the token
    status, _ = await admin.post(
        f"/console/tickets/{ticket.id}/note",
        {"text": "forged"},
        headers={"Origin": "https://evil.example"},
    )
    assert status == 403
    assert not await Message.filter(ticket_id=ticket.id, kind=MessageKind.NOTE).exists()
    status, _ = await admin.post(f"/console/tickets/{ticket.id}/note", {"text": "real"})
    assert status == 200
    assert await Message.filter(ticket_id=ticket.id, kind=MessageKind.NOTE).count() == 1


async def test_readonly_sees_everything_and_changes_nothing(console, desk, make_token):
    await console.sign_in(await make_token("readonly"))
    ticket = desk.tickets[1]
    status, text = await console.get(f"/console/tickets/{ticket.id}")
    assert status == 200 and "VPN drops" in text
    assert re.search(r'<button type="submit" disabled>\s*Send answer', text)
    outbox = await OutboxMessage.all().count()
    for action, form in (("reply", {"text": "hi"}), ("note", {"text": "n"}), ("close", {})):
        status, text = await console.post(f"/console/tickets/{ticket.id}/{action}", form)
        assert status == 403 and "readonly" in text
    assert await Message.filter(ticket_id=ticket.id).count() == 1
    assert await OutboxMessage.all().count() == outbox
    status, text = await console.get("/console/tickets")
    assert "Invoice is wrong" in text and "VPN drops" in text


async def test_an_agent_sees_its_departments_only(console, desk, make_token):
    await console.sign_in(await make_token("agent", desk.ann.id))  # Billing
    status, text = await console.get("/console/tickets")
    assert "Invoice is wrong" in text and "VPN drops" not in text
    status, _ = await console.get(f"/console/tickets/{desk.tickets[1].id}")
    assert status == 404
    status, _ = await console.post(f"/console/tickets/{desk.tickets[1].id}/note", {"text": "x"})
    assert status == 404
    assert await Message.filter(ticket_id=desk.tickets[1].id).count() == 1
    status, text = await console.get("/console/dashboard")
    assert status == 200 and "Billing" in text and ">Tech<" not in text


async def test_what_people_type_is_shown_as_text(admin, desk):
    ticket = await open_ticket(
        desk.alice, desk.billing, "<script>alert(1)</script>", '"><img src=x onerror=alert(2)>'
    )
    for path in (f"/console/tickets/{ticket.id}", "/console/tickets"):
        status, text = await admin.get(path)
        assert status == 200
        assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        assert "<img src=x" not in text
    status, text = await admin.get("/console/tickets?q=%3Cscript%3E")
    assert status == 200 and "&lt;script&gt;" in text


async def test_answer_from_the_console_goes_through_the_outbox(admin, desk, console_app):
    _, wakes = console_app
    ticket = desk.tickets[0]
    await admin.get(f"/console/tickets/{ticket.id}")
    status, text = await admin.post(f"/console/tickets/{ticket.id}/reply", {"text": "Fixed <b>"})
    assert status == 200 and 'data-done="reply"' in text and "Fixed &lt;b&gt;" in text
    assert wakes
    [row] = await OutboxMessage.filter(chat_id=desk.alice.telegram_id, method="sendMessage")
    assert "Fixed &lt;b&gt;" in row.payload["text"] or "Fixed <b>" in row.payload["text"]
    kinds = await TicketEvent.filter(ticket_id=ticket.id).values_list("kind", flat=True)
    assert list(kinds) == ["created", "replied"]


async def test_bad_input_is_answered_next_to_the_field_and_changes_nothing(admin, desk):
    ticket = desk.tickets[0]
    await admin.get(f"/console/tickets/{ticket.id}")
    status, text = await admin.post(f"/console/tickets/{ticket.id}/reply", {"text": "   "})
    assert status == 422 and 'id="reply-text-error"' in text
    status, text = await admin.post(
        f"/console/tickets/{ticket.id}/transfer", {"department_id": "abc"}
    )
    assert status == 422 and 'id="transfer-department_id-error"' in text
    status, text = await admin.post(
        f"/console/tickets/{ticket.id}/assign", {"agent_id": str(desk.bob.id)}
    )
    assert status == 422 and "does not work in the ticket" in text
    refreshed = await Ticket.get(id=ticket.id)
    assert refreshed.assignee_id is None and refreshed.department_id == desk.billing.id
    for path in (
        "/console/tickets/abc",
        "/console/tickets/99999999999",
        "/console/tickets?department_id=x",
        "/console/dashboard?from=yesterday",
        "/console/dashboard.csv?chart=nope",
        "/console/attachments/1",
    ):
        status, _ = await admin.get(path)
        assert 400 <= status < 500, path


async def test_dashboard_totals_equal_the_api_and_csv(admin, desk):
    today = datetime.now(UTC).date()
    status, text = await admin.get(f"/console/dashboard?from={today}&to={today}")
    assert status == 200
    shown = dict(re.findall(r'data-total="(\w+)"[^>]*>([^<]*)<', text))
    since = f"{today}T00:00:00Z"
    until = f"{today + timedelta(1)}T00:00:00Z"
    response = await admin.client.get(
        f"/api/v1/stats?created_from={since}&created_to={until}",
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    api = await response.json()
    assert int(shown["total"]) == api["total"] == 2
    assert int(shown["processed"]) == api["processed"]
    assert int(shown["sla_tracked"]) == api["sla"]["tracked"]
    assert int(shown["answers_sent"]) == api["answers"]["sent"]
    response = await admin.client.get(
        f"/console/dashboard.csv?chart=opened&from={today}&to={today}"
    )
    assert response.status == 200 and response.content_type == "text/csv"
    lines = (await response.text()).splitlines()
    assert lines[0].startswith("day,") and lines[1].startswith(today.isoformat())


async def test_english_and_russian_from_the_bot_catalogs(console, desk):
    status, text = await console.get("/console/login", headers={"Accept-Language": "ru-RU,ru"})
    assert status == 200 and "Войти" in text and 'lang="ru"' in text
    assert '<input type="hidden" name="language" value="ru">' in text
    await console.post("/console/login", {"token": ADMIN_TOKEN, "language": "ru"})
    status, text = await console.get("/console/dashboard")
    assert "Сводка" in text and "Скачать CSV" in text and "медиана" in text
    status, text = await console.post(
        "/console/language", {"language": "en", "next": "/console/tickets"}
    )
    assert status == 200 and ">Tickets</h1>" in text and 'lang="en"' in text
    # a language that is not offered changes nothing; `next` stays on the console
    status, text = await console.post(
        "/console/language", {"language": "xx", "next": "https://evil.example/"}
    )
    assert status == 200 and 'lang="en"' in text and ">Dashboard</h1>" in text


async def test_behind_a_trusted_proxy_the_forwarded_host_and_https_count(
    api_settings, aiohttp_client, desk
):
    from ipaddress import ip_network

    from tests.console.conftest import build_app

    settings = api_settings.model_copy(update={"trusted_proxies": (ip_network("127.0.0.0/8"),)})
    proxied = Console(await aiohttp_client(build_app(settings, [])))
    headers = {"X-Forwarded-Host": "desk.example", "X-Forwarded-Proto": "https"}
    # (Over the test's plain HTTP: a Secure login cookie would not come back.)
    await proxied.get("/console/login", headers={"X-Forwarded-Host": "desk.example"})
    response = await proxied.client.post(
        "/console/login",
        data={"token": ADMIN_TOKEN, "csrf": proxied.csrf},
        headers={**headers, "Origin": "https://desk.example"},
        allow_redirects=False,
    )
    assert response.status == 303 and response.cookies["hd_console"]["secure"] is True
    # Not from a trusted proxy: the forwarded host proves nothing.
    status, _ = await Console(await aiohttp_client(build_app(api_settings, []))).post(
        "/console/login",
        {"token": ADMIN_TOKEN},
        headers={**headers, "Origin": "https://desk.example"},
    )
    assert status == 403


async def test_attachments_images_inline_others_downloaded_within_scope(
    console, desk, make_token, api_settings
):
    import hashlib

    from models import Attachment

    root = api_settings.attachments_dir
    root.mkdir(parents=True, exist_ok=True)
    files = {
        "a.png": (b"\x89PNG\r\n\x1a\nfake", "image/png"),
        "b.svg": (b"<svg onload=alert(1)></svg>", "image/svg+xml"),
        "c.pdf": (b"%PDF-1.4", "application/pdf"),
    }
    made = {}
    for ticket in desk.tickets:  # Billing, Tech
        message = await Message.filter(ticket_id=ticket.id).first()
        for name, (content, mime) in files.items():
            (root / f"{ticket.id}-{name}").write_bytes(content)
            made[(ticket.id, name)] = await Attachment.create(
                message=message,
                kind="photo" if name.endswith("png") else "document",
                file_id=f"f-{ticket.id}-{name}",
                file_unique_id=f"u-{ticket.id}-{name}",
                file_name=name,
                mime_type=mime,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                stored_path=f"{ticket.id}-{name}",
            )
    await console.sign_in(await make_token("agent", desk.ann.id))  # Billing
    billing = desk.tickets[0].id
    _, text = await console.get(f"/console/tickets/{billing}")
    png = made[(billing, "a.png")]
    assert f'<img src="/console/attachments/{png.id}"' in text
    assert f'href="/console/attachments/{made[(billing, "c.pdf")].id}?download=1"' in text
    response = await console.client.get(f"/console/attachments/{png.id}")
    assert response.status == 200 and response.headers["Content-Type"] == "image/png"
    assert response.headers["Content-Disposition"].startswith("inline")
    for name in ("b.svg", "c.pdf"):  # an SVG can carry script: never shown inline
        response = await console.client.get(f"/console/attachments/{made[(billing, name)].id}")
        assert response.headers["Content-Type"] == "application/octet-stream"
        assert response.headers["Content-Disposition"].startswith("attachment")
    other = made[(desk.tickets[1].id, "a.png")]
    assert (await console.client.get(f"/console/attachments/{other.id}")).status == 404
