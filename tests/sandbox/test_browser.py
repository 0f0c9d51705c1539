"""The /sandbox page in a real Chromium (Debian's, driven by Playwright): a ticket's life
as the customer and an agent, in reply mode and in forum mode, and the clock moved past
an SLA threshold. One `helpdesk sandbox` process serves the file's tests; each test
adds its own customer, so none depends on another's tickets."""

from __future__ import annotations

import os
import re
import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from sandbox.demo import AGENTS
from tests.sandbox.support import Sandbox

[BORIS] = [agent for agent in AGENTS if agent.first_name == "Boris"]

CHROMIUM = "/usr/bin/chromium"


def _png(width: int, height: int) -> bytes:
    """A real (striped) PNG: the page must show it as the picture it is."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(
        b"\x00" + b"".join(bytes((40 + x * 3 % 200, 90 + y * 4 % 150, 200)) for x in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        (b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", header), chunk(b"IDAT", zlib.compress(rows)))
    ) + chunk(b"IEND", b"")


SCREENSHOT = _png(96, 60)
TIMEOUT = 30_000  # ms: a bot answer goes through the outbox and the emulator

expect.set_options(timeout=TIMEOUT)


def _chromium() -> str:
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return CHROMIUM if Path(CHROMIUM).exists() else str(shutil.which("chromium"))
    message = "Debian's chromium is not installed (apt-get install chromium; .ci/run does)"
    if os.environ.get("CI"):
        pytest.fail(message)  # CI must run these, never skip them
    pytest.skip(message)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    server = Sandbox(tmp_path_factory.mktemp("sandbox"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = _chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser, sandbox: Sandbox) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(TIMEOUT)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(sandbox.url)
    expect(opened.get_by_test_id("live")).to_have_text("● live")
    try:
        yield opened
    finally:
        context.close()
    assert errors == [], errors


def _new_customer(page, sandbox: Sandbox, name: str) -> int:
    """Adds a customer from the page (the + customer button) and acts as them."""
    page.once("dialog", lambda dialog: dialog.accept(name))
    page.get_by_test_id("add-customer").click()
    expect(page.get_by_test_id("customer-tab").filter(has_text=name)).to_have_class(
        re.compile("active")
    )
    [customer] = [c for c in sandbox.state()["customers"] if c["name"] == name]
    return customer["id"]


def _bot_message(pane, text: str):
    """The newest message in the pane whose own text (not a quoted one) contains `text`."""
    return pane.get_by_test_id("message").filter(has=pane.page.locator(".text", has_text=text)).last


def _press(pane, message_text: str, button: str) -> None:
    line = pane.locator(".line").filter(has=pane.page.locator(".text", has_text=message_text))
    line.last.get_by_test_id("button").filter(has_text=button).click()


def _say(pane, prefix: str, text: str) -> None:
    pane.get_by_test_id(f"{prefix}-input").fill(text)
    pane.get_by_test_id(f"{prefix}-send").click()


def _open_ticket_with_photo(page, tmp_path: Path, subject: str) -> str:
    """The wizard as the customer, with a screenshot from disk; returns '#N'."""
    customer = page.get_by_test_id("customer-pane")
    _say(customer, "customer", "/start")
    _press(customer, "Hello", "New ticket")
    _press(customer, "Which department", "Technical")
    _press(customer, "What is it about", "Connection")
    _press(customer, "How urgent", "normal")
    expect(_bot_message(customer, "Write the subject")).to_be_visible()
    _say(customer, "customer", subject)
    expect(_bot_message(customer, "describe the problem")).to_be_visible()
    _say(customer, "customer", "Since this morning nothing loads. <b>Not bold</b> & co.")
    expect(_bot_message(customer, "Attach")).to_be_visible()
    screenshot = tmp_path / "screenshot.png"
    screenshot.write_bytes(SCREENSHOT)
    customer.get_by_test_id("customer-file").set_input_files(str(screenshot))
    photo = customer.get_by_test_id("photo").last
    expect(photo).to_be_visible()
    # The picture from disk is shown (decoded by the browser), not a broken image.
    assert photo.evaluate("img => img.decode().then(() => img.naturalWidth)") == 96
    _press(customer, "Files attached: 1", "Done")
    _press(customer, "Your ticket", "Send")
    registered = _bot_message(customer, "is registered")
    expect(registered).to_be_visible()
    number = re.search(r"#\d+", registered.inner_text())
    assert number is not None
    return number.group(0)


def _claim_answer_and_rate(page, number: str, *, forum: bool) -> None:
    staff = page.get_by_test_id("staff-pane")
    customer = page.get_by_test_id("customer-pane")
    page.get_by_test_id("agent-select").select_option(value=str(BORIS.telegram_id))
    if forum:
        topic = staff.get_by_test_id("topic").filter(has_text=number)
        topic.click()
        expect(topic).to_have_class(re.compile("active"))
    card = _bot_message(staff, f"🎫 {number}")
    expect(card).to_be_visible()
    # What the customer typed was escaped by the bot and shows as typed, not as markup.
    expect(card).to_contain_text("<b>Not bold</b> & co.")
    expect(card.locator(".text b").filter(has_text="Not bold")).to_have_count(0)
    staff_photo = staff.get_by_test_id("photo").last
    expect(staff_photo).to_be_visible()
    assert staff_photo.evaluate("img => img.decode().then(() => img.naturalWidth)") == 96
    _press(staff, f"🎫 {number}", "I'll answer")
    expect(card).to_contain_text("Assignee: Boris")
    expect(card.get_by_test_id("edited")).to_be_visible()
    if not forum:
        card.click()  # reply to the card: the answer threads under it
        expect(staff.locator(".replying")).to_contain_text("Reply to")
    _say(staff, "staff", "Please restart the router, then tell us.")
    answer = _bot_message(customer, "answer from Boris")
    expect(answer).to_contain_text(number)
    expect(answer).to_contain_text("Please restart the router, then tell us.")
    _press(customer, "answer from Boris", "👍")
    expect(page.get_by_test_id("toast").filter(has_text="Thank you for the rating")).to_be_visible()
    expect(_bot_message(staff, "liked the answer by Boris")).to_be_visible()


def test_reply_mode_ticket_with_photo_claimed_answered_rated_and_auto_closed(
    page, sandbox, tmp_path
):
    _new_customer(page, sandbox, "Rita")
    number = _open_ticket_with_photo(page, tmp_path, "No internet at home")
    _claim_answer_and_rate(page, number, forum=False)
    # Resolved, the customer does not react: a day later the desk closes it by itself.
    staff, customer = page.get_by_test_id("staff-pane"), page.get_by_test_id("customer-pane")
    _press(staff, f"🎫 {number}", "Resolve")
    expect(_bot_message(customer, "is resolved")).to_be_visible()
    page.get_by_test_id("time-controls").get_by_role("button", name="+1 day").click()
    expect(_bot_message(staff, f"🎫 {number}")).to_contain_text("🔒 closed")
    expect(_bot_message(customer, f"Ticket {number} is closed")).to_be_visible()


def test_forum_mode_ticket_gets_a_topic_and_the_same_life(page, sandbox, tmp_path):
    page.get_by_test_id("forum-switch").check()
    expect(page.get_by_test_id("topics")).to_be_visible()
    expect(page.locator("#staff-title")).to_contain_text("forum")
    # The desk's staff chat (★) is now the forum; the plain group stays one click away.
    tabs = page.get_by_test_id("group-tab")
    expect(tabs).to_have_count(2)
    expect(tabs.filter(has_text="★")).to_have_class(re.compile("active"))
    expect(tabs.filter(has_text="★")).to_contain_text("topics")
    try:
        _new_customer(page, sandbox, "Felix")
        number = _open_ticket_with_photo(page, tmp_path, "Wi-Fi drops every hour")
        expect(page.get_by_test_id("topic").filter(has_text=number)).to_be_visible()
        _claim_answer_and_rate(page, number, forum=True)
    finally:
        page.get_by_test_id("forum-switch").uncheck()
        expect(page.get_by_test_id("topics")).to_be_hidden()


def test_moving_time_past_the_first_response_threshold_shows_the_sla_warning(
    page, sandbox, tmp_path
):
    _new_customer(page, sandbox, "Sam")
    number = _open_ticket_with_photo(page, tmp_path, "Email does not arrive")
    staff = page.get_by_test_id("staff-pane")
    expect(_bot_message(staff, f"🎫 {number}")).to_be_visible()
    clock = page.get_by_test_id("clock")
    # (An earlier test of the file may have moved the clock by a day.)
    days = "1 d " if sandbox.state()["clock"]["offset_minutes"] else ""
    controls = page.get_by_test_id("time-controls")
    # Standard policy: first answer in 60 minutes, the warning at 80 % (48 minutes).
    for _ in range(3):
        controls.get_by_role("button", name="+15 min").click()
    expect(clock).to_contain_text(f"(+{days}45 min)")
    assert not staff.get_by_test_id("message").filter(has_text=f"🟡 {number}").count()
    controls.get_by_role("button", name="+5 min").click()
    expect(clock).to_contain_text(f"(+{days}50 min)")
    warning = _bot_message(staff, f"🟡 {number}")
    expect(warning).to_contain_text("is due at")
    # The card's semaphore follows.
    expect(_bot_message(staff, f"🎫 {number}")).to_contain_text("🟡")
