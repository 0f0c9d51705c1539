"""My tickets in the private chat: list, view, close, reopen, archive, foreign tickets."""

from __future__ import annotations

from bot.i18n import create_i18n
from bot.services import tickets
from models import Ticket
from models.enums import StatusRole
from tests.factories import make_desk, open_ticket
from tests.support import button_texts


def _current(env, chat_id: int, message_id: int) -> dict:
    return next(m for m in env.api.chat_messages(chat_id) if m["message_id"] == message_id)


def _data(message: dict, text_start: str) -> str:
    for row in message["reply_markup"]["inline_keyboard"]:
        for button in row:
            if button["text"].startswith(text_start) or text_start in button["text"]:
                return button["callback_data"]
    raise AssertionError(f"no button {text_start!r} in {button_texts(message)}")


async def _desk_with_tickets():
    with create_i18n("en").context():
        desk = await make_desk()
        first = await open_ticket(desk.alice, desk.billing, "Invoice <wrong>", "Amount 100")
        second = await open_ticket(desk.alice, desk.tech, "VPN", "Drops hourly")
        carls = await open_ticket(desk.carl, desk.tech, "Carl's", "private")
        await tickets.reply(first.id, "We fixed the invoice", await tickets.agent_actor(desk.ann))
        await tickets.add_note(
            first.id, "internal: refund approved", await tickets.agent_actor(desk.ann)
        )
    return desk, first, second, carls


async def test_list_view_close_reopen_archive(env):
    user = env.api.add_user(501, "Alice")
    _, first, _, _ = await _desk_with_tickets()
    await env.settle()
    user.send_text("/start")
    await env.api.wait_for(lambda r: r.method == "sendMessage" and "Hello" in r.params["text"])
    menu = env.api.chat_messages(501)[-1]
    screen = menu["message_id"]  # every step edits this one message in place
    user.press(menu, _data(menu, "My tickets"))
    await env.api.wait_for("editMessageText")
    await env.settle()
    listing = _current(env, 501, screen)
    assert "Your tickets: 2" in listing["text"]
    assert "✉️ new messages" in listing["text"]  # the answer not read yet
    assert "Invoice <wrong>" in listing["text"]  # escaped by us, shown literally
    assert "Carl's" not in listing["text"]
    user.press(listing, _data(listing, "#1001"))
    await env.api.wait_for("editMessageText")
    await env.settle()
    view = _current(env, 501, screen)
    assert "Ticket #1001" in view["text"] and "We fixed the invoice" in view["text"]
    assert "refund approved" not in view["text"]  # notes never reach the customer
    assert (await Ticket.get(id=first.id)).customer_unread == 0
    user.press(view, _data(view, "Close"))
    await env.api.wait_for("editMessageText")
    await env.settle()
    assert (await Ticket.get(id=first.id).select_related("status")).status.role == StatusRole.CLOSED
    view = _current(env, 501, screen)
    assert button_texts(view)[:2] == ["🔓 Reopen", "🗄 Archive"]
    closed_notice, rating = env.api.chat_messages(501)[-2:]
    assert "Ticket #1001 is closed" in closed_notice["text"]
    assert "rate our support" in rating["text"]  # CSAT asked after closing
    assert button_texts(rating) == ["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"]
    user.press(view, _data(view, "Archive"))
    await env.api.wait_for("editMessageText")
    await env.settle()
    assert (await Ticket.get(id=first.id)).archived
    view = _current(env, 501, screen)
    assert button_texts(view)[0] == "🔓 Reopen"  # archived: no second Archive
    user.press(view, _data(view, "My tickets"))
    await env.api.wait_for("editMessageText")
    await env.settle()
    # The archived ticket's "back" leads to the archive, where it is now listed alone.
    archive = _current(env, 501, screen)
    assert "Archived tickets: 1" in archive["text"] and "#1001" in archive["text"]
    user.press(archive, _data(archive, "Open tickets"))
    await env.api.wait_for("editMessageText")
    await env.settle()
    listing = _current(env, 501, screen)
    assert "Your tickets: 1" in listing["text"] and "#1001" not in listing["text"]


async def test_forged_button_for_another_customers_ticket_shows_nothing(env):
    user = env.api.add_user(501, "Alice")
    _, _, _, carls = await _desk_with_tickets()
    await env.settle()
    user.send_text("/tickets")
    await env.api.wait_for(lambda r: r.method == "sendMessage" and r.chat_id == 501)
    await env.settle()
    listing = env.api.chat_messages(501)[-1]
    for action in ("open", "close", "archive"):
        user.press(listing, f"tk:{carls.id}:{action}", forged=True)
        answer = await env.api.wait_for("answerCallbackQuery")
        assert answer.params["text"] == "This ticket is not available."
    ticket = await Ticket.get(id=carls.id).select_related("status")
    assert ticket.status.role == StatusRole.NEW and not ticket.archived
    assert all("Carl's" not in m.get("text", "") for m in env.api.chat_messages(501))


async def test_russian_list(env):
    user = env.api.add_user(502, "Карл", language_code="ru")
    await _desk_with_tickets()
    await env.settle()
    user.send_text("/tickets")
    request = await env.api.wait_for(lambda r: r.method == "sendMessage" and r.chat_id == 502)
    assert "Ваши заявки: 1" in request.params["text"]
    assert "Новая" in request.params["text"]


async def test_the_description_stays_at_the_top_when_answers_fill_the_screen(env):
    """Only the newest messages fit one Telegram message: the oldest in between are left
    out, never the customer's own description (shortened when long)."""
    user = env.api.add_user(501, "Alice")
    description = "My router reboots every night at 3:00. " + "It logs a kernel panic. " * 120
    with create_i18n("en").context():
        desk = await make_desk()
        ticket = await open_ticket(desk.alice, desk.billing, "Router reboots", description)
        ann = await tickets.agent_actor(desk.ann)
        for n in range(1, 5):
            await tickets.reply(ticket.id, f"Answer {n}: " + "please try this. " * 90, ann)
    await env.settle()
    user.send_text("/tickets")
    await env.step()
    listing = env.api.bot_messages(501)[-1]
    user.press(listing, _data(listing, "#1001"))
    await env.step()
    view = _current(env, 501, listing["message_id"])["text"]
    assert len(view) <= 4096
    header, first, *rest = view.split("\n\n")
    assert header.startswith("🎫 Ticket #1001 — Router reboots")
    assert first.startswith("You, ") and "My router reboots every night at 3:00." in first
    assert first.endswith("…")  # shortened: the whole of it does not fit
    assert rest[0] == "…"  # older answers left out here
    assert rest[-1].startswith("Ann, ") and "Answer 4: please try this." in rest[-1]
    assert "Answer 1:" not in view
    assert env.api.calls(ok=False) == []
