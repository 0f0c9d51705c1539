"""The minimum detail gate: a category's required fields asked in the new-ticket wizard
after the description, each re-asked until valid, stored with the ticket and shown on
the staff card; through the real dispatcher, on both databases."""

from __future__ import annotations

from models import Category, Ticket
from tests.handlers.wizard_support import STAFF, desk_with_staff_chat, last, press
from tests.support import button_texts

SCREENSHOT = b"\x89PNG\r\n\x1a\n fake screenshot bytes"
FIELDS = [
    {
        "key": "contract",
        "label": {"en": "Contract number", "ru": "Номер договора"},
        "kind": "text",
        "pattern": r"[A-Z]{2}-\d{4}",
        "max_length": 7,
        "hint": {"en": "It looks like AB-1234.", "ru": "Он выглядит как AB-1234."},
    },
    {"key": "amount", "label": {"en": "Amount <EUR>", "ru": "Сумма"}, "kind": "number"},
    {"key": "shot", "label": {"en": "Screenshot", "ru": "Скриншот"}, "kind": "screenshot"},
]


async def _to_description(env, user, chat_id: int, new: str, priority: str) -> None:
    user.send_text("/start")
    await env.step()
    await press(env, user, chat_id, last(env, chat_id), new)
    screen = await press(env, user, chat_id, last(env, chat_id), "Billing")
    screen = await press(env, user, chat_id, screen, "Invoices")
    await press(env, user, chat_id, screen, priority)
    user.send_text("Invoice 12")
    await env.step()


async def _said(env, user, chat_id: int, text: str) -> str:
    user.send_text(text)
    await env.step()
    return last(env, chat_id)["text"]


async def test_fields_are_asked_checked_and_stored_in_english(env):
    desk = await desk_with_staff_chat(env)
    await Category.filter(id=desk.invoices.id).update(required_fields=FIELDS)
    alice = env.api.add_user(501, "Alice", username="alice")
    await _to_description(env, alice, 501, "New ticket", "normal")

    text = await _said(env, alice, 501, "The invoice is wrong")
    assert "Please send <b>Contract number</b>" not in text  # entities, not tags
    assert "Please send Contract number." in text
    # Wrong format: said why (with the admin's hint), asked again; nothing kept.
    assert "does not look right" in await _said(env, alice, 501, "ab 1234")
    assert "It looks like AB-1234." in last(env, 501)["text"]
    assert "too long: at most 7" in await _said(env, alice, 501, "AB-12345678")
    alice.send_photo(content=SCREENSHOT)
    await env.step()
    assert "I can only take text here" in last(env, 501)["text"]
    text = await _said(env, alice, 501, "AB-1234")
    assert "Amount <EUR> (a number)" in text  # the label escaped, shown literally
    assert "must be a number" in await _said(env, alice, 501, "twelve")
    text = await _said(env, alice, 501, "12,50")
    assert "please attach a screenshot" in text
    assert "a screenshot is required here" in await _said(env, alice, 501, "I have none")
    alice.send_photo(content=SCREENSHOT)
    await env.step()
    files = last(env, 501)
    assert "Files attached: 1" in files["text"]
    screen = await press(env, alice, 501, files, "Done")
    screen = await press(env, alice, 501, screen, "Send")

    ticket = await Ticket.get()
    assert ticket.details == [
        {"key": "contract", "label": FIELDS[0]["label"], "kind": "text", "value": "AB-1234"},
        {"key": "amount", "label": FIELDS[1]["label"], "kind": "number", "value": "12,50"},
        {"key": "shot", "label": FIELDS[2]["label"], "kind": "screenshot", "value": ""},
    ]
    card = env.api.bot_messages(STAFF)[0]["text"]
    assert "📋 Contract number: AB-1234" in card
    assert "📋 Amount <EUR>: 12,50" in card
    assert "📋 Screenshot: attached" in card
    assert env.api.calls(ok=False) == []


async def test_russian_and_a_screenshot_sent_with_the_description(env):
    desk = await desk_with_staff_chat(env)
    await Category.filter(id=desk.invoices.id).update(required_fields=[FIELDS[2], FIELDS[0]])
    carl = env.api.add_user(502, "Карл", language_code="ru")
    await _to_description(env, carl, 502, "Новая", "обычный")
    # The screenshot comes with the description: that field is not asked.
    carl.send_photo(content=SCREENSHOT, caption="Счёт неверный")
    await env.step()
    assert "Пожалуйста, отправьте: Номер договора." in last(env, 502)["text"]
    text = await _said(env, carl, 502, "12345")
    assert "значение не подходит" in text and "Он выглядит как AB-1234." in text
    await _said(env, carl, 502, "XY-0042")
    screen = await press(env, carl, 502, last(env, 502), "Готово")
    # Files cleared in Edit after the fact: Send asks for the screenshot again.
    screen = await press(env, carl, 502, screen, "Изменить")
    screen = await press(env, carl, 502, screen, "Файлы")
    screen = await press(env, carl, 502, screen, "Убрать")
    screen = await press(env, carl, 502, screen, "Пропустить")
    screen = await press(env, carl, 502, screen, "Отправить")
    assert await Ticket.all().count() == 0
    alert = env.api.calls("answerCallbackQuery")[-1].params
    assert alert["show_alert"] and "Не хватает обязательных сведений" in alert["text"]
    assert "приложите скриншот" in screen["text"]
    carl.send_photo(content=SCREENSHOT)
    await env.step()
    summary = last(env, 502)
    assert "📨 Отправить" in button_texts(summary)
    await press(env, carl, 502, summary, "Отправить")
    ticket = await Ticket.get()
    assert [(d["key"], d["value"]) for d in ticket.details] == [
        ("shot", ""),
        ("contract", "XY-0042"),
    ]


async def test_cancel_while_asked_and_a_category_without_fields(env):
    desk = await desk_with_staff_chat(env)
    await Category.filter(id=desk.invoices.id).update(required_fields=[FIELDS[1]])
    alice = env.api.add_user(501, "Alice", username="alice")
    await _to_description(env, alice, 501, "New ticket", "normal")
    assert "(a number)" in await _said(env, alice, 501, "Wrong total")
    assert "must be a number" in await _said(env, alice, 501, "many")
    assert "cancelled" in await _said(env, alice, 501, "/cancel")
    assert await Ticket.all().count() == 0
    # No fields: the wizard goes from the description straight to the files.
    await Category.filter(id=desk.invoices.id).update(required_fields=None)
    await _to_description(env, alice, 501, "New ticket", "normal")
    assert "Attach" in await _said(env, alice, 501, "Wrong total")


async def test_back_walks_through_the_fields_and_edit_asks_for_a_new_categorys(env):
    desk = await desk_with_staff_chat(env)
    await Category.filter(id=desk.invoices.id).update(required_fields=FIELDS[:2])
    alice = env.api.add_user(501, "Alice", username="alice")
    await _to_description(env, alice, 501, "New ticket", "normal")
    await _said(env, alice, 501, "Wrong total")
    await _said(env, alice, 501, "AB-1234")
    await _said(env, alice, 501, "42")
    files = last(env, 501)
    assert "Attach" in files["text"]
    # Back: the last field (its answer shown), the one before, then the description.
    screen = await press(env, alice, 501, files, "Back")
    assert "Amount <EUR> (a number)" in screen["text"] and "42" in screen["text"]
    screen = await press(env, alice, 501, screen, "Back")
    assert "Contract number" in screen["text"] and "AB-1234" in screen["text"]
    screen = await press(env, alice, 501, screen, "Back")
    assert "describe the problem" in screen["text"]
    # Changed answers replace the kept ones.
    await _said(env, alice, 501, "Wrong total, really")
    await _said(env, alice, 501, "CD-9876")
    await _said(env, alice, 501, "43")
    screen = await press(env, alice, 501, last(env, 501), "Skip")
    assert "Your ticket" in screen["text"]
    # Another category in Edit: no fields there, the answers are not sent with it.
    other = await Category.create(
        department=desk.billing,
        name="Refunds",
        required_fields=[{"key": "iban", "label": {"en": "IBAN", "ru": "IBAN"}, "kind": "text"}],
    )
    screen = await press(env, alice, 501, screen, "Edit")
    screen = await press(env, alice, 501, screen, "Category")
    screen = await press(env, alice, 501, screen, "Refunds")
    assert "Your ticket" in screen["text"]
    screen = await press(env, alice, 501, screen, "Send")
    assert await Ticket.all().count() == 0
    assert "Please send IBAN." in screen["text"]
    await _said(env, alice, 501, "DE00 1234")
    await press(env, alice, 501, last(env, 501), "Send")
    ticket = await Ticket.get()
    assert ticket.category_id == other.id
    assert [(d["key"], d["value"]) for d in ticket.details] == [("iban", "DE00 1234")]


async def test_an_album_for_the_screenshot_keeps_all_its_files(env):
    desk = await desk_with_staff_chat(env)
    await Category.filter(id=desk.invoices.id).update(required_fields=[FIELDS[2], FIELDS[1]])
    alice = env.api.add_user(501, "Alice", username="alice")
    await _to_description(env, alice, 501, "New ticket", "normal")
    assert "please attach a screenshot" in await _said(env, alice, 501, "Wrong total")
    alice.send_album(3, caption="the error")
    await env.step()
    # Asked for the amount once; the album's other photos are not refused as text.
    texts = [m["text"] for m in env.api.bot_messages(501) if "text" in m]
    assert sum("Amount <EUR> (a number)" in t for t in texts) == 1
    assert not any("I can only take text here" in t for t in texts)
    text = await _said(env, alice, 501, "10")
    assert "Files attached: 3" in text
    screen = await press(env, alice, 501, last(env, 501), "Done")
    assert "the error" in screen["text"]  # the caption joined the description
    await press(env, alice, 501, screen, "Send")
    ticket = await Ticket.get().prefetch_related("messages__attachments")
    first = next(iter(ticket.messages))
    assert len(list(first.attachments)) == 3
    assert [(d["key"], d["value"]) for d in ticket.details] == [("shot", ""), ("amount", "10")]
