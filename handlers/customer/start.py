"""/start, /menu, /help, /language."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import I18n

from bot.delivery import outbox
from bot.delivery.outbox import transaction
from bot.i18n import LANGUAGES
from bot.services import customers, staff
from bot.ui import keyboards, texts
from bot.ui.callbacks import LanguageCb, MenuAction, MenuCb


async def show_menu(message: Message) -> None:
    assert message.from_user is not None
    async with transaction():
        # An agent starting the bot privately can be told about their tickets here.
        await staff.opened_private_chat(message.from_user.id)
        await outbox.send_text(
            message.chat.id,
            texts.greeting(message.from_user.first_name),
            reply_markup=keyboards.main_menu(),
        )


async def show_help(message: Message) -> None:
    await outbox.send_text(message.chat.id, texts.help_text(), reply_markup=keyboards.main_menu())


async def ask_language(message: Message, i18n: I18n) -> None:
    await outbox.send_text(
        message.chat.id,
        texts.choose_language(),
        reply_markup=keyboards.languages(i18n.current_locale),
    )


async def help_button(query: CallbackQuery) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    await show_help(query.message)
    await query.answer()


async def menu_button(query: CallbackQuery) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    await outbox.edit_text(
        query.message.chat.id,
        query.message.message_id,
        texts.greeting(query.from_user.first_name),
        reply_markup=keyboards.main_menu(),
    )
    await query.answer()


async def language_button(query: CallbackQuery, i18n: I18n) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    await ask_language(query.message, i18n)
    await query.answer()


async def language_chosen(query: CallbackQuery, callback_data: LanguageCb, i18n: I18n) -> None:
    if callback_data.code not in LANGUAGES or not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    await customers.set_language(query.from_user.id, callback_data.code)
    with i18n.use_locale(callback_data.code):
        await outbox.edit_text(
            query.message.chat.id,
            query.message.message_id,
            texts.language_set(),
            reply_markup=keyboards.main_menu(),
        )
        await query.answer()


def router() -> Router:
    r = Router(name="customer.start")
    r.message.register(show_menu, CommandStart())
    r.message.register(show_menu, Command("menu"))
    r.message.register(show_help, Command("help"))
    r.message.register(ask_language, Command("language"))
    r.callback_query.register(help_button, MenuCb.filter(F.action == MenuAction.HELP))
    r.callback_query.register(menu_button, MenuCb.filter(F.action == MenuAction.MENU))
    r.callback_query.register(language_button, MenuCb.filter(F.action == MenuAction.LANGUAGE))
    r.callback_query.register(language_chosen, LanguageCb.filter())
    return r
