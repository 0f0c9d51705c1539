"""A customer opens a ticket with a screenshot through the real process and finds it
in My tickets; the admin API shows the ticket and serves the stored file."""

from __future__ import annotations

import hashlib

import aiohttp

from tests.support import button_texts

STAFF = -1001000000777
ADMIN = "e2e-admin-secret"
SCREENSHOT = b"\x89PNG\r\n\x1a\n e2e screenshot " + bytes(range(256)) * 20


def _button(message: dict, label: str) -> str:
    for row in message["reply_markup"]["inline_keyboard"]:
        for b in row:
            if label in b["text"]:
                return b["callback_data"]
    raise AssertionError(f"no {label!r} in {button_texts(message)}")


async def _bot_says(api, chat_id: int, predicate, timeout: float = 30.0) -> dict:
    """Waits until a bot message in the chat (as edited now) satisfies `predicate`."""

    def match(_request) -> bool:
        return any(predicate(m) for m in api.bot_messages(chat_id))

    if not match(None):
        await api.wait_for(lambda r: match(r), timeout=timeout)
    return next(m for m in reversed(api.bot_messages(chat_id)) if predicate(m))


async def test_customer_opens_a_ticket_with_a_screenshot_and_sees_it(api, bot_process):
    bot_process.env.update(ADMIN_TOKEN=ADMIN, STAFF_CHAT_ID=str(STAFF))
    api.add_group(STAFF, "Support staff")  # before start: the process reads it (getChat)
    await bot_process.start()
    base = f"http://127.0.0.1:{bot_process.port}/api/v1"
    headers = {"Authorization": f"Bearer {ADMIN}"}
    async with aiohttp.ClientSession(headers=headers) as http:
        async with http.post(f"{base}/departments", json={"name": "Billing"}) as response:
            assert response.status == 201, await response.text()

        alice = api.add_user(501, "Alice", username="alice", language_code="en")
        alice.send_text("/start")
        menu = await _bot_says(api, 501, lambda m: "Hello, Alice" in m.get("text", ""))
        alice.press(menu, _button(menu, "New ticket"))
        screen = await _bot_says(api, 501, lambda m: "Which department" in m.get("text", ""))
        alice.press(screen, _button(screen, "Billing"))
        screen = await _bot_says(api, 501, lambda m: "How urgent" in m.get("text", ""))
        alice.press(screen, _button(screen, "normal"))
        await _bot_says(api, 501, lambda m: "Write the subject" in m.get("text", ""))
        alice.send_text("Payment page shows an error")
        await _bot_says(api, 501, lambda m: "describe the problem" in m.get("text", ""))
        alice.send_text("After pressing Pay I get error 500, see the screenshot.")
        await _bot_says(api, 501, lambda m: "Attach" in m.get("text", ""))
        alice.send_photo(content=SCREENSHOT)
        files = await _bot_says(api, 501, lambda m: "Files attached: 1" in m.get("text", ""))
        alice.press(files, _button(files, "Done"))
        summary = await _bot_says(api, 501, lambda m: "Your ticket" in m.get("text", ""))
        alice.press(summary, _button(summary, "Send"))
        ack = await _bot_says(api, 501, lambda m: "is registered" in m.get("text", ""))
        assert "#1001" in ack["text"]
        alice.press(ack, _button(ack, "My tickets"))
        listing = await _bot_says(api, 501, lambda m: "Your tickets: 1" in m.get("text", ""))
        assert "#1001" in listing["text"] and "Payment page shows an error" in listing["text"]

        # The staff chat got the card and the screenshot.
        card = await _bot_says(api, STAFF, lambda m: "#1001" in m.get("text", ""))
        assert "Alice (@alice)" in card["text"]
        await _bot_says(api, STAFF, lambda m: "photo" in m)

        async with http.get(f"{base}/tickets", params={"q": "#1001"}) as response:
            [ticket] = (await response.json())["items"]
        async with http.get(f"{base}/tickets/{ticket['id']}/messages") as response:
            [first] = await response.json()
        [attachment] = first["attachments"]
        assert attachment["sha256"] == hashlib.sha256(SCREENSHOT).hexdigest()
        download = f"http://127.0.0.1:{bot_process.port}{attachment['download_url']}"
        async with http.get(download) as response:
            assert response.status == 200 and await response.read() == SCREENSHOT
    assert api.calls(ok=False) == []
    assert await bot_process.terminate() == 0
