"""My tickets: the list, a ticket's conversation, close / reopen / archive."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message, User
from aiogram.utils.i18n import I18n

from bot.delivery import outbox
from bot.services import customer_tickets, customers
from bot.services.errors import Conflict, NotFound
from bot.ui import my_tickets, texts
from bot.ui.callbacks import TicketCb, TicketListCb
from handlers.customer.start import contact_of
from models import Customer


async def _customer(user: User) -> Customer:
    return await customers.touch(contact_of(user))


async def _render_list(customer: Customer, page: int, archived: bool, language: str):
    rows, total = await customer_tickets.my_tickets(
        customer, page=page, per_page=my_tickets.PER_PAGE, archived=archived
    )
    return my_tickets.ticket_list(rows, total, page, archived, language)


async def list_command(message: Message, i18n: I18n) -> None:
    assert message.from_user is not None
    customer = await _customer(message.from_user)
    text, keyboard = await _render_list(customer, 0, False, i18n.current_locale)
    await outbox.send_text(message.chat.id, text, reply_markup=keyboard)


async def list_page(query: CallbackQuery, callback_data: TicketListCb, i18n: I18n) -> None:
    if not isinstance(query.message, Message) or callback_data.page < 0:
        await query.answer(texts.not_available(), show_alert=True)
        return
    customer = await _customer(query.from_user)
    text, keyboard = await _render_list(
        customer, callback_data.page, callback_data.archived, i18n.current_locale
    )
    await outbox.edit_text(
        query.message.chat.id, query.message.message_id, text, reply_markup=keyboard
    )
    await query.answer()


async def ticket_action(query: CallbackQuery, callback_data: TicketCb, i18n: I18n) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    customer = await _customer(query.from_user)
    notice = None
    try:
        if callback_data.action == "close":
            await customer_tickets.close(callback_data.id, customer)
        elif callback_data.action == "reopen":
            await customer_tickets.reopen(callback_data.id, customer)
        elif callback_data.action == "archive":
            ticket = await customer_tickets.set_archived(callback_data.id, customer)
            notice = texts.ticket_archived(ticket.number)
        elif callback_data.action != "open":
            raise NotFound("unknown action")
        ticket, messages = await customer_tickets.open_conversation(callback_data.id, customer)
    except customer_tickets.ReopenWindowPassed:
        await query.answer(texts.reopen_window_passed(), show_alert=True)
        return
    except NotFound:
        await query.answer(texts.ticket_not_found(), show_alert=True)
        return
    except Conflict:
        await query.answer(texts.action_not_possible(), show_alert=True)
        return
    text, keyboard = my_tickets.ticket_view(ticket, messages, i18n.current_locale)
    await outbox.edit_text(
        query.message.chat.id, query.message.message_id, text, reply_markup=keyboard
    )
    await query.answer(notice)


def router() -> Router:
    r = Router(name="customer.tickets")
    r.message.register(list_command, Command("tickets", "mytickets"))
    r.callback_query.register(list_page, TicketListCb.filter())
    r.callback_query.register(ticket_action, TicketCb.filter())
    return r
