"""My tickets: the list, a ticket's conversation, close / reopen / archive."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import I18n

from bot.delivery import outbox
from bot.services import customer_tickets
from bot.services.customer_tickets import Access, access_of
from bot.ui import keyboards, my_tickets, texts
from bot.ui.callbacks import TicketAction, TicketCb, TicketListCb, TicketStatusCb
from handlers.customer.refusals import Refusal, flags
from models import Customer


async def _render_list(customer: Customer, page: int, archived: bool, language: str):
    rows, total = await customer_tickets.my_tickets(
        customer, page=page, per_page=my_tickets.PER_PAGE, archived=archived
    )
    return my_tickets.ticket_list(rows, total, page, archived, language)


async def list_command(message: Message, i18n: I18n, customer: Customer) -> None:
    text, keyboard = await _render_list(customer, 0, False, i18n.current_locale)
    await outbox.send_text(message.chat.id, text, reply_markup=keyboard)


async def list_page(
    query: CallbackQuery, callback_data: TicketListCb, i18n: I18n, customer: Customer
) -> None:
    if not isinstance(query.message, Message) or callback_data.page < 0:
        await query.answer(texts.not_available(), show_alert=True)
        return
    text, keyboard = await _render_list(
        customer, callback_data.page, callback_data.archived, i18n.current_locale
    )
    await outbox.edit_text(
        query.message.chat.id, query.message.message_id, text, reply_markup=keyboard
    )
    await query.answer()


async def open_ticket(
    query: CallbackQuery, callback_data: TicketCb, i18n: I18n, customer: Customer
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    await _show_ticket(query, callback_data.id, customer, i18n, None)


async def close_ticket(
    query: CallbackQuery, callback_data: TicketCb, i18n: I18n, customer: Customer
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    closed = await customer_tickets.close(callback_data.id, customer)
    if closed.csat is None:
        await outbox.send_text(
            query.message.chat.id, texts.csat_question(), reply_markup=keyboards.csat(closed.id)
        )
    await _show_ticket(query, callback_data.id, customer, i18n, None)


async def reopen_ticket(
    query: CallbackQuery, callback_data: TicketCb, i18n: I18n, customer: Customer
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    if access_of(customer) != Access.OK:
        await query.answer()
        await outbox.send_text(query.message.chat.id, texts.inactive(customer.support_until))
        return
    await customer_tickets.reopen(callback_data.id, customer)
    await _show_ticket(query, callback_data.id, customer, i18n, None)


async def archive_ticket(
    query: CallbackQuery, callback_data: TicketCb, i18n: I18n, customer: Customer
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    ticket = await customer_tickets.set_archived(callback_data.id, customer)
    notice = texts.ticket_archived(ticket.number)
    await _show_ticket(query, callback_data.id, customer, i18n, notice)


async def _show_ticket(
    query: CallbackQuery, ticket_id: int, customer: Customer, i18n: I18n, notice: str | None
) -> None:
    """The ticket's conversation and actions, in the pressed message."""
    assert isinstance(query.message, Message)
    ticket, messages = await customer_tickets.open_conversation(ticket_id, customer)
    statuses = await customer_tickets.statuses_to_choose(ticket)
    text, keyboard = my_tickets.ticket_view(ticket, messages, i18n.current_locale, statuses)
    await outbox.edit_text(
        query.message.chat.id, query.message.message_id, text, reply_markup=keyboard
    )
    await query.answer(notice)


async def status_choice(
    query: CallbackQuery, callback_data: TicketStatusCb, i18n: I18n, customer: Customer
) -> None:
    """A status the customer gives their ticket (one an admin made theirs to set)."""
    if not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    await customer_tickets.set_status(callback_data.t, callback_data.s, customer)
    await _show_ticket(query, callback_data.t, customer, i18n, None)


def router() -> Router:
    r = Router(name="customer.tickets")
    r.message.register(list_command, Command("tickets", "mytickets"))
    r.callback_query.register(list_page, TicketListCb.filter())
    ticket = flags(Refusal.TICKET)
    pressed = TicketCb.filter
    query = r.callback_query
    query.register(open_ticket, pressed(F.action == TicketAction.OPEN), flags=ticket)
    query.register(close_ticket, pressed(F.action == TicketAction.CLOSE), flags=ticket)
    query.register(reopen_ticket, pressed(F.action == TicketAction.REOPEN), flags=ticket)
    query.register(archive_ticket, pressed(F.action == TicketAction.ARCHIVE), flags=ticket)
    r.callback_query.register(status_choice, TicketStatusCb.filter(), flags=flags(Refusal.STATUS))
    return r
