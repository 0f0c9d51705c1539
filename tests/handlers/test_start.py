"""/start, /help, /language in the private chat, through real polling and delivery."""

from __future__ import annotations

import asyncio

from aiogram.types import Update

from models import Customer, ProcessedUpdate
from tests.support import button_texts


async def test_start_greets_in_english_with_the_menu(env):
    user = env.api.add_user(111, "Alice", username="alice", language_code="en")
    user.send_text("/start")
    request = await env.api.wait_for("sendMessage")
    assert request.params["chat_id"] == 111
    [message] = env.api.sent_messages(111)
    assert message["text"].startswith("👋 Hello, Alice!")
    assert button_texts(message) == ["🆕 New ticket", "📋 My tickets", "❓ Help", "🌐 Language"]
    customer = await Customer.get(telegram_id=111)
    assert customer.username == "alice" and customer.first_name == "Alice"


async def test_start_greets_in_russian_for_a_russian_telegram(env):
    env.api.add_user(112, "Борис", language_code="ru-RU").send_text("/start")
    await env.api.wait_for("sendMessage")
    [message] = env.api.sent_messages(112)
    assert message["text"].startswith("👋 Здравствуйте, Борис!")
    assert button_texts(message) == ["🆕 Новая заявка", "📋 Мои заявки", "❓ Помощь", "🌐 Язык"]


async def test_a_name_with_markup_is_shown_literally(env):
    env.api.add_user(113, "<b>Evil</b> & co").send_text("/start")
    await env.api.wait_for("sendMessage")
    [message] = env.api.sent_messages(113)
    assert "<b>Evil</b> & co" in message["text"]  # escaped by us, decoded by Telegram


async def test_language_switch_is_remembered(env):
    user = env.api.add_user(114, "Carl", language_code="en")
    user.send_text("/language")
    await env.api.wait_for("sendMessage")
    [prompt] = env.api.sent_messages(114)
    assert button_texts(prompt) == ["✓ English", "Русский"]
    user.press(prompt, "lg:ru")
    await env.api.wait_for("editMessageText")
    await env.settle()
    assert env.api.chat_messages(114)[-1]["text"] == "Язык изменён: русский."
    assert (await Customer.get(telegram_id=114)).language == "ru"
    user.send_text("/start")
    greeting = await env.api.wait_for("sendMessage")
    assert greeting.params["text"].startswith("👋 Здравствуйте")


async def test_help_button_answers(env):
    user = env.api.add_user(115, "Dora")
    user.send_text("/start")
    await env.api.wait_for("sendMessage")
    [menu] = env.api.sent_messages(115)
    user.press(menu, "m:help")
    help_message = await env.api.wait_for("sendMessage")
    assert "How support works" in help_message.params["text"]
    assert env.api.calls("answerCallbackQuery")


async def test_forged_language_callback_changes_nothing(env):
    user = env.api.add_user(116, "Eli")
    user.send_text("/language")
    await env.api.wait_for("sendMessage")
    [prompt] = env.api.sent_messages(116)
    user.press(prompt, "lg:xx", forged=True)
    answer = await env.api.wait_for("answerCallbackQuery")
    assert answer.params.get("show_alert") in (True, "true")
    assert (await Customer.get(telegram_id=116)).language == "en"  # as detected, unchanged


async def test_group_messages_get_no_customer_answer(env):
    env.api.add_group(-100777, "Staff")
    user = env.api.add_user(117, "Fred")
    user.send_text("/start", chat_id=-100777)
    user.send_text("/start")
    await env.api.wait_for("sendMessage")
    await asyncio.sleep(0.3)
    assert not env.api.sent_messages(-100777)


async def test_a_redelivered_update_is_handled_once(env):
    env.api.add_user(118, "Gil")
    update = Update.model_validate(
        {
            "update_id": 990001,
            "message": {
                "message_id": 1,
                "date": 1700000000,
                "chat": {"id": 118, "type": "private", "first_name": "Gil"},
                "from": {"id": 118, "is_bot": False, "first_name": "Gil"},
                "text": "/start",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        }
    )
    await env.dp.feed_update(env.bot, update)
    await env.dp.feed_update(env.bot, update)
    await env.settle()
    assert len(env.api.sent_messages(118)) == 1
    assert await ProcessedUpdate.filter(update_id=990001).exists()
