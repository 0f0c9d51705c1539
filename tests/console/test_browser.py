"""The console in a real Chromium (Debian's chromium through Playwright): each role
signs in, charts draw the seeded days, the dashboard's totals equal the API's, an
answer typed in the console reaches the customer at the fake Bot API, readonly and
forged forms change nothing, a subject holding a script is shown as text.

In CI (CI set) a missing chromium fails these tests instead of skipping them.
Screenshots go to $CONSOLE_SHOTS when it is set (the README's page descriptions).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from bot.services import rollups
from models import Message, Priority, Status, Ticket, Webhook, WebhookDelivery
from models.enums import DeliveryStatus, MessageKind, StatusRole
from tests.console.conftest import ADMIN_TOKEN, build_app
from tests.factories import make_desk, open_ticket
from tests.support import all_settled, running_sender, wait_until

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = os.environ.get("CONSOLE_SHOTS")


def _chromium() -> str:
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if path is None:
        message = "chromium is not installed (apt-get install chromium; .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    executable = _chromium()
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        instance = await playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield instance
        finally:
            await instance.close()


@pytest.fixture
async def served(api_settings, aiohttp_server) -> tuple[str, list[int]]:
    wakes: list[int] = []
    server = await aiohttp_server(build_app(api_settings, wakes))
    return str(server.make_url("")).rstrip("/"), wakes


def _shot_path(name: str) -> str:
    folder = Path(SHOTS or ".")
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / f"{name}.png")


async def shot(page: Any, name: str) -> None:
    if SHOTS:
        await page.screenshot(path=_shot_path(name), full_page=True)


async def sign_in(browser: Any, base: str, token: str, *, width: int = 1280) -> Any:
    context = await browser.new_context(viewport={"width": width, "height": 900})
    page = await context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    await page.goto(f"{base}/console/")
    await page.fill("#token", token)
    await page.keyboard.press("Enter")
    await page.wait_for_selector("[data-role]")
    return page


@pytest.fixture
async def desk(db):
    return await make_desk()


# One backend is enough for what the browser does; the figures are checked on both.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@SQLITE_ONLY
async def test_each_role_signs_in_and_readonly_cannot_submit(browser, served, desk, make_token):
    base, _ = served
    ticket = await open_ticket(desk.alice, desk.billing, "Invoice is wrong", "Amount 100 vs 90")
    secrets = {
        "admin": ADMIN_TOKEN,
        "agent": await make_token("agent", desk.ann.id),
        "readonly": await make_token("readonly"),
    }
    page = await browser.new_page()
    await page.goto(f"{base}/console/")
    await shot(page, "01-sign-in")
    await page.close()
    for role, secret in secrets.items():
        page = await sign_in(browser, base, secret, width=360 if role == "agent" else 1280)
        assert await page.get_attribute("[data-role]", "data-role") == role
        await page.goto(f"{base}/console/tickets/{ticket.id}")
        send = page.locator("#reply-form button[type=submit]")
        if role == "readonly":
            assert await send.is_disabled()
            assert await page.locator("#reply-text").is_disabled()
            await shot(page, "07-readonly-ticket")
            # Even forced past the disabled controls, the server refuses it.
            await page.evaluate(
                "() => { const f = document.getElementById('reply-form');"
                " f.querySelectorAll('[disabled]').forEach(e => e.disabled = false);"
                " f.querySelector('textarea').value = 'sneaky'; f.submit(); }"
            )
            await page.wait_for_selector("[data-error]")
            assert "readonly" in await page.inner_text("[data-error]")
            page.errors.remove(
                "Failed to load resource: the server responded with a status of 403 (Forbidden)"
            )
        else:
            assert await send.is_enabled()
        if role == "admin":
            # A template's preview fills the placeholders as one types.
            await page.goto(f"{base}/console/config/templates")
            await page.fill("#f-title", "Greeting")
            await page.fill("#f-shortcut", "hello")
            await page.fill("#f-text", "Hello {customer_name}, about #{ticket_number}")
            assert await page.inner_text("#preview") == "Hello Alice Smith, about #1042"
            await shot(page, "08-config-templates")
            await page.click("#item-form button[type=submit]")
            await page.wait_for_selector("[data-done=created]")
            await page.goto(f"{base}/console/config/tokens")
            await shot(page, "09-config-tokens")
        if role == "agent":
            # 360 px wide: nothing wider than the screen
            width = await page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360
            await shot(page, "06-ticket-phone")
        assert page.errors == []
        await page.context.close()
    assert await Message.filter(ticket_id=ticket.id).count() == 1


async def _seed_days(desk: Any) -> date:
    """Tickets created on five days, 1..5 a day, a few closed; roll-ups counted."""
    first = datetime.now(UTC).date() - timedelta(days=6)
    normal = await Priority.filter(level=3).first() or await Priority.first()
    new = await Status.get(role=StatusRole.NEW)
    closed = await Status.get(role=StatusRole.CLOSED)
    number = 5000
    for day in range(5):
        for i in range(day + 1):
            created = datetime.combine(first + timedelta(day), datetime.min.time(), UTC)
            created += timedelta(hours=9 + i)
            done = i % 2 == 1
            ticket = await Ticket.create(
                number=number,
                customer=desk.alice,
                department=desk.billing,
                priority=normal,
                status=closed if done else new,
                subject=f"seeded {number}",
                assignee=desk.ann if done else None,
                created_at=created,
                first_response_at=created + timedelta(minutes=10 * (i + 1)),
                closed_at=created + timedelta(hours=2) if done else None,
                csat=5 if done else None,
            )
            await Message.create(
                ticket=ticket, kind=MessageKind.AGENT, author_agent=desk.ann, text="a", rating=1
            )
            number += 1
    await rollups.rebuild()
    return first


async def test_charts_draw_the_seeded_days_and_totals_equal_the_api(
    browser, served, desk, aiohttp_client
):
    base, _ = served
    first = await _seed_days(desk)
    last = first + timedelta(days=4)
    page = await sign_in(browser, base, ADMIN_TOKEN)
    await page.goto(f"{base}/console/dashboard?from={first}&to={last}")
    await page.wait_for_selector("canvas[data-chart=opened][data-rendered]")
    points = await page.evaluate(
        "() => { const c = Chart.getChart(document.querySelector('canvas[data-chart=opened]'));"
        " return { labels: c.data.labels.length,"
        " drawn: c.getDatasetMeta(0).data.length,"
        " totals: c.data.labels.map((_, i) => c.data.datasets.reduce("
        "   (s, d) => s + (d.data[i] || 0), 0)) }; }"
    )
    assert points["labels"] == 5 and points["drawn"] == 5
    assert points["totals"] == [1, 2, 3, 4, 5]
    drawn = await page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-chart]')]"
        ".map(c => [c.dataset.chart, !!Chart.getChart(c)])"
    )
    assert all(ok for _, ok in drawn) and len(drawn) == 7
    shown = await page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-total]')]"
        ".map(e => [e.dataset.total, e.textContent.trim()]))"
    )
    response = await page.request.get(
        f"{base}/api/v1/stats?created_from={first}T00:00:00Z"
        f"&created_to={last + timedelta(1)}T00:00:00Z",
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    api = await response.json()
    assert int(shown["total"]) == api["total"] == 15
    assert int(shown["processed"]) == api["processed"]
    assert int(shown["unprocessed"]) == api["unprocessed"]
    assert int(shown["sla_breached"]) == api["sla"]["breached"]
    assert int(shown["sla_tracked"]) == api["sla"]["tracked"]
    assert int(shown["csat_count"]) == api["csat"]["count"]
    assert float(shown["csat_average"]) == api["csat"]["average"]
    assert int(shown["answers_sent"]) == api["answers"]["sent"] == 15
    assert int(shown["answers_up"]) == api["answers"]["up"]
    assert page.errors == []
    await shot(page, "02-dashboard")
    # The same page with an agent filter, at phone width.
    await page.set_viewport_size({"width": 360, "height": 800})
    await page.select_option("#agent_id", str(desk.ann.id))
    await page.click("#dashboard-filters button[type=submit]")
    await page.wait_for_selector("canvas[data-chart=opened][data-rendered]")
    assert await page.inner_text("[data-total=total]") == "6"
    assert await page.evaluate("document.documentElement.scrollWidth") <= 360
    await shot(page, "03-dashboard-phone")


@SQLITE_ONLY
async def test_an_answer_typed_in_the_console_reaches_the_customer(
    browser, served, desk, make_token, api, bot
):
    base, wakes = served
    api.add_user(501, "Alice")
    ticket = await open_ticket(desk.alice, desk.billing, "Invoice is wrong", "Amount 100 vs 90")
    page = await sign_in(browser, base, await make_token("agent", desk.ann.id))
    await page.goto(f"{base}/console/tickets")
    await shot(page, "04-tickets")
    await page.click(f"tr[data-ticket='{ticket.id}'] td.subject a")
    await page.click("#claim")
    await page.wait_for_selector("[data-done=claim]")
    assert await page.inner_text("[data-field=assignee]") == "Ann"
    await page.fill("#reply-text", "Fixed: the amount is 90 <b>now</b>")
    await page.click("#reply-form button[type=submit]")
    await page.wait_for_selector("[data-done=reply]")
    assert "the amount is 90 <b>now</b>" in await page.inner_text(".message.agent .text")
    await page.fill("#note-text", "VIP customer")
    await page.click("#note-form button[type=submit]")
    await page.wait_for_selector(".message.note")
    await shot(page, "05-ticket")
    assert wakes
    async with running_sender(bot):
        await wait_until(all_settled)
    sent = api.sent_messages(501)
    assert any("the amount is 90 <b>now</b>" in m["text"] for m in sent)
    assert not any("VIP customer" in m.get("text", "") for m in sent)
    assert page.errors == []


@SQLITE_ONLY
async def test_forged_form_and_a_script_subject(browser, served, desk, aiohttp_server):
    base, _ = served
    ticket = await open_ticket(
        desk.alice,
        desk.billing,
        "<script>window.pwned = 1</script>",
        "<img src=x onerror=alert(1)>",
    )
    page = await sign_in(browser, base, ADMIN_TOKEN)
    await page.goto(f"{base}/console/tickets/{ticket.id}")
    assert "<script>window.pwned = 1</script>" in await page.inner_text("#ticket-subject")
    assert await page.evaluate("window.pwned") is None
    assert page.errors == []

    # Another site's page posting to the console with the victim's cookie.
    async def evil(request: web.Request) -> web.Response:
        html = (
            f'<form id="f" method="post" action="{base}/console/tickets/{ticket.id}/note">'
            '<input name="text" value="forged"></form>'
            '<script>document.getElementById("f").submit()</script>'
        )
        return web.Response(text=html, content_type="text/html")

    other = web.Application()
    other.router.add_get("/", evil)
    evil_server = await aiohttp_server(other)
    await page.goto(str(evil_server.make_url("/")))
    await page.wait_for_url(f"{base}/console/tickets/{ticket.id}/note")
    assert "403" in await page.inner_text("h1")
    assert not await Message.filter(ticket_id=ticket.id, kind=MessageKind.NOTE).exists()


@SQLITE_ONLY
async def test_the_audit_page_shows_a_change_made_in_the_browser(browser, served, desk):
    base, _ = served
    ticket = await open_ticket(desk.alice, desk.billing, "Invoice is wrong", "Amount 100 vs 90")
    page = await sign_in(browser, base, ADMIN_TOKEN, width=360)
    await page.goto(f"{base}/console/tickets/{ticket.id}")
    await page.fill("#note-text", "Checked the invoice")
    await page.click("#note-form button[type=submit]")
    await page.wait_for_selector(".message.note")
    await page.click("a[href='/console/audit']")
    await page.wait_for_selector("#audit tr[data-entry]")
    row = await page.inner_text("#audit tr[data-entry]")
    assert "POST /tickets/{ticket_id}/note" in row and f"#{ticket.id}" in row
    assert "bootstrap admin" in row and "Checked the invoice" not in row
    await page.select_option("#resource", "settings")
    await page.click("#audit-filters button[type=submit]")
    await page.wait_for_selector("#audit tbody tr:not([data-entry])")
    await shot(page, "09-audit")
    assert page.errors == []


@SQLITE_ONLY
async def test_webhooks_in_the_browser(browser, served, desk):
    """An admin creates a webhook from the menu (the secret shown once), a bad address
    is answered next to its field, a ticket's delivery is redelivered, and the webhook
    is deleted after the confirmation page; in Russian the menu says so."""
    base, _ = served
    page = await sign_in(browser, base, ADMIN_TOKEN, width=360)
    await page.click("a[href='/console/webhooks']")
    await page.wait_for_selector("#webhook-form")
    await page.fill("#w-name", "CRM")
    await page.fill("#w-url", "crm.example/hook")
    await page.check("input[name=events][value='ticket.created']")
    await page.click("#webhook-form button[type=submit]")
    await page.wait_for_selector("#w-url-error")
    assert await page.input_value("#w-name") == "CRM"
    assert await page.is_checked("input[name=events][value='ticket.created']")
    assert await Webhook.all().count() == 0

    await page.fill("#w-url", "https://crm.example/hook")
    await page.click("#webhook-form button[type=submit]")
    secret = (await page.inner_text("#secret")).strip()
    [webhook] = await Webhook.all()
    assert secret == webhook.secret and webhook.events == ["ticket.created"]
    await shot(page, "10-webhooks")
    await page.reload()
    await page.wait_for_selector(f"#webhooks tr[data-webhook='{webhook.id}']")
    assert await page.locator("#secret").count() == 0 and secret not in await page.content()

    ticket = await open_ticket(desk.alice, desk.billing, "Invoice is wrong", "Amount 100 vs 90")
    delivery = await WebhookDelivery.get(webhook_id=webhook.id)
    await WebhookDelivery.filter(id=delivery.id).update(
        status=DeliveryStatus.FAILED, attempts=8, last_status_code=500, last_error="HTTP 500"
    )
    await page.click(f"#webhooks tr[data-webhook='{webhook.id}'] a")
    row = page.locator(f"#deliveries tr[data-delivery='{delivery.id}']")
    text = await row.inner_text()
    assert "failed" in text and "500" in text and f"#{ticket.id}" in text
    await row.locator("button[type=submit]").click()
    await page.wait_for_selector("[data-done='redelivered']")
    assert "pending" in await row.inner_text()
    await delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)

    await page.click("#delete-link")
    await page.wait_for_selector("#delete-form")
    assert await Webhook.filter(id=webhook.id).exists()
    await page.click("#delete-form button[type=submit]")
    await page.wait_for_selector("[data-done='deleted']")
    assert not await Webhook.all().exists()
    await page.select_option("#language", "ru")
    await page.wait_for_selector("html[lang=ru]")
    assert await page.inner_text("a[href='/console/webhooks']") == "Вебхуки"
    # Chromium logs the refused form's answer (422); nothing else went wrong.
    assert len(page.errors) == 1 and "422" in page.errors[0]
