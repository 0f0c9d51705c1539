"""The new-ticket wizard, step by step, through the real dispatcher and the fake Bot API."""

from __future__ import annotations

import hashlib

from models import Attachment, Message, Priority, Ticket
from models.enums import AttachmentKind, StatusRole
from tests.handlers.wizard_support import STAFF, current, desk_with_staff_chat, last, press, screens
from tests.support import button_texts

SCREENSHOT = b"\x89PNG\r\n\x1a\n fake screenshot bytes"


async def _open_wizard(env, user, chat_id: int) -> dict:
    user.send_text("/start")
    await env.step()
    menu = last(env, chat_id)
    await press(env, user, chat_id, menu, "New ticket" if chat_id == 501 else "Новая")
    return last(env, chat_id)


async def test_a_full_run_with_a_screenshot_in_english(env, tmp_path):
    desk = await desk_with_staff_chat(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    screen = await _open_wizard(env, alice, 501)
    assert "step 1 of 6" in screen["text"] and "Which department" in screen["text"]
    assert button_texts(screen) == ["Billing", "Tech", "✖️ Cancel"]

    screen = await press(env, alice, 501, screen, "Billing")
    assert "step 2 of 6" in screen["text"] and "What is it about?" in screen["text"]
    assert button_texts(screen) == ["🟦 Invoices", "Other / not sure", "⬅️ Back", "✖️ Cancel"]

    screen = await press(env, alice, 501, screen, "Invoices")
    assert "How urgent" in screen["text"]
    high = await Priority.get(level=4)
    screen = await press(env, alice, 501, screen, high.name)
    # Each pressed step edited the same message: the chat holds the menu-turned-wizard.
    assert "Write the <b>subject</b>" not in screen["text"]  # entities, not tags
    assert "Write the subject" in screen["text"]

    alice.send_text("Invoice <b>twice</b> & charged")
    await env.step()
    prompt = last(env, 501)
    assert "describe the problem" in prompt["text"]
    # The subject prompt lost its buttons when the next one was sent.
    assert button_texts(current(env, 501, screen["message_id"])) == []

    long_description = "The March invoice was charged twice. " * 300  # ~11,000 characters
    alice.send_text(long_description[:4096])
    await env.step()
    alice.send_text(long_description[4096:8192])  # Telegram splits a long paste
    await env.step()
    files_prompt = last(env, 501)
    assert "Added to the description" in env.api.bot_messages(501)[-2]["text"]
    assert button_texts(files_prompt) == ["⏭ Skip", "⬅️ Back", "✖️ Cancel"]

    alice.send_photo(content=SCREENSHOT)
    await env.step()
    files_prompt = last(env, 501)
    assert "Files attached: 1" in files_prompt["text"]
    screen = await press(env, alice, 501, files_prompt, "Done")
    assert "Your ticket" in screen["text"]
    assert "Invoice <b>twice</b> & charged" in screen["text"]  # shown literally, escaped
    assert "Files: 1" in screen["text"] and "Billing" in screen["text"]
    assert button_texts(screen) == ["📨 Send", "✏️ Edit", "✖️ Cancel"]

    screen = await press(env, alice, 501, screen, "Send")
    assert button_texts(screen) == [] and "Sent." in screen["text"]
    ack = last(env, 501)
    assert "Your ticket <b>#1001</b>" not in ack["text"] and "#1001 is registered" in ack["text"]
    assert button_texts(ack) == ["📋 My tickets", "🆕 New ticket"]

    ticket = await Ticket.get(number=1001).select_related("status", "category", "priority")
    assert ticket.subject == "Invoice <b>twice</b> & charged"
    assert ticket.category_id == desk.invoices.id and ticket.priority_id == high.id
    assert ticket.status.role == StatusRole.NEW
    first = await Message.get(ticket_id=ticket.id)
    # The whole text, both parts, in order.
    assert first.text == (
        long_description[:4096].strip() + "\n\n" + long_description[4096:8192].strip()
    )
    attachment = await Attachment.get(message_id=first.id)
    assert attachment.kind == AttachmentKind.PHOTO and attachment.file_id
    assert attachment.sha256 == hashlib.sha256(SCREENSHOT).hexdigest()
    assert attachment.size == len(SCREENSHOT) and attachment.mime_type == "image/jpeg"
    stored = tmp_path / "files" / attachment.stored_path
    assert stored.read_bytes() == SCREENSHOT and ".." not in attachment.stored_path

    # The staff chat got the card, the long description in full below it, then the
    # screenshot as a reply to the card.
    staff = env.api.bot_messages(STAFF)
    assert "#1001" in staff[0]["text"] and "Alice (@alice)" in staff[0]["text"]
    assert staff[1]["text"].startswith("📄 #1001 · the full description:")
    assert "photo" in staff[-1]
    for below in (staff[1], staff[-1]):
        assert below["reply_to_message"]["message_id"] == staff[0]["message_id"]
    assert (await Ticket.get(id=ticket.id)).staff_message_id == staff[0]["message_id"]
    assert env.api.calls(ok=False) == []
    # My tickets lists it.
    screen = await press(env, alice, 501, ack, "My tickets")
    assert "#1001" in screen["text"]
    print(screens(env, 501))


async def test_russian_run_and_texts(env):
    await desk_with_staff_chat(env)
    carl = env.api.add_user(502, "Карл", language_code="ru")
    screen = await _open_wizard(env, carl, 502)
    assert "шаг 1 из 6" in screen["text"] and "Какой отдел" in screen["text"]
    screen = await press(env, carl, 502, screen, "Tech")  # no categories: straight to priority
    assert "шаг 3 из 6" in screen["text"] and "Насколько это срочно" in screen["text"]
    screen = await press(env, carl, 502, screen, "⬅️")
    assert "Какой отдел" in screen["text"]  # back skips the empty category step
    screen = await press(env, carl, 502, screen, "Tech")
    assert "🔵 обычный" in button_texts(screen)  # seeded priorities are translated
    screen = await press(env, carl, 502, screen, "обычный")
    carl.send_text("Не работает VPN")
    await env.step()
    carl.send_text("С утра отключается каждые 5 минут")
    await env.step()
    screen = await press(env, carl, 502, last(env, 502), "Пропустить")
    assert "Ваша заявка" in screen["text"] and "Файлы: 0" in screen["text"]
    assert "Приоритет: 🔵 обычный" in screen["text"]
    assert button_texts(screen) == ["📨 Отправить", "✏️ Изменить", "✖️ Отмена"]
    await press(env, carl, 502, screen, "Отправить")
    assert "зарегистрирована" in last(env, 502)["text"]
    assert await Ticket.filter(subject="Не работает VPN").count() == 1
    assert env.api.calls(ok=False) == []
    print(screens(env, 502))


async def test_edit_jumps_back_to_a_step_and_returns_to_the_summary(env):
    desk = await desk_with_staff_chat(env)
    alice = env.api.add_user(501, "Alice")
    screen = await _open_wizard(env, alice, 501)
    screen = await press(env, alice, 501, screen, "Billing")
    screen = await press(env, alice, 501, screen, "Other")
    screen = await press(env, alice, 501, screen, (await Priority.get(level=2)).name)
    alice.send_text("Old subject")
    await env.step()
    alice.send_text("Details")
    await env.step()
    summary = await press(env, alice, 501, last(env, 501), "Skip")
    menu = await press(env, alice, 501, summary, "Edit")
    assert "What do you want to change?" in menu["text"]
    assert "🏷 Category" in button_texts(menu)
    prompt = await press(env, alice, 501, menu, "Subject")
    assert "Now: Old subject" in prompt["text"]
    alice.send_text("New subject")
    await env.step()
    summary = last(env, 501)
    assert "New subject" in summary["text"] and "Details" in summary["text"]
    # Change the department: the category of the old one is dropped and asked again.
    menu = await press(env, alice, 501, summary, "Edit")
    screen = await press(env, alice, 501, menu, "Department")
    screen = await press(env, alice, 501, screen, "Tech")
    assert "Your ticket" in screen["text"] and "Tech" in screen["text"]
    assert "Category: —" in screen["text"]
    await press(env, alice, 501, screen, "Send")
    ticket = await Ticket.get(subject="New subject")
    assert ticket.department_id == desk.tech.id and ticket.category_id is None
