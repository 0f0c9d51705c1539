"""Ratings: 👍/👎 on each agent answer, confirming a resolution, CSAT 1-5 with an
optional comment (SPEC §3)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.delivery import outbox
from bot.services import customer_tickets
from bot.services.textclean import strip_invisible
from bot.ui import keyboards, texts
from bot.ui.callbacks import CsatCb, RateCb, TicketAction, TicketCb
from handlers.customer.common import not_a_command
from handlers.customer.refusals import Refusal, flags
from handlers.customer.states import Feedback
from models import Customer

COMMENT_LIMIT = 2000


async def rate_answer(query: CallbackQuery, callback_data: RateCb, customer: Customer) -> None:
    message = await customer_tickets.rate_answer(callback_data.m, customer, callback_data.v)
    markup = keyboards.answer(message.ticket_id, message.id, rated=message.rating)
    shown = query.message.reply_markup if isinstance(query.message, Message) else None
    # The same thumb pressed again: the buttons already say so (Telegram rejects an
    # edit that changes nothing).
    if isinstance(query.message, Message) and (
        shown is None or keyboards.as_payload(shown) != markup
    ):
        await outbox.edit_markup(query.message.chat.id, query.message.message_id, markup)
    await query.answer(texts.thanks_for_rating())


async def confirm(query: CallbackQuery, callback_data: TicketCb, customer: Customer) -> None:
    """The customer confirms the resolution: the ticket closes and CSAT is asked."""
    if not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    closed = await customer_tickets.confirm_resolution(callback_data.id, customer)
    # The closing line is queued by the close; the rating question comes after it, as a
    # new message (editing the question into this one would put it above that line).
    chat_id = query.message.chat.id
    await outbox.edit_markup(chat_id, query.message.message_id)
    if closed.csat is None:
        await outbox.send_text(
            chat_id, texts.csat_question(), reply_markup=keyboards.csat(closed.id)
        )
    await query.answer()


async def csat(
    query: CallbackQuery, callback_data: CsatCb, state: FSMContext, customer: Customer
) -> None:
    """A score: thanked for, and the comment asked."""
    if not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    ticket, score, here = callback_data.t, callback_data.v, query.message.message_id
    await customer_tickets.rate_ticket(ticket, customer, score)
    text, skip = texts.csat_thanks_ask_comment(score), keyboards.skip_comment(ticket)
    await outbox.edit_text(query.message.chat.id, here, text, reply_markup=skip)
    await state.set_state(Feedback.comment)
    await state.update_data(csat={"ticket": ticket, "score": score, "screen": here})
    await query.answer()


async def skip_comment(
    query: CallbackQuery, callback_data: CsatCb, state: FSMContext, customer: Customer
) -> None:
    """Skip the comment of a ticket the customer has rated."""
    if not isinstance(query.message, Message) or not await customer_tickets.has_rated(
        callback_data.t, customer
    ):
        await query.answer(texts.not_available(), show_alert=True)
        return
    await _stop_waiting_for_comment(state, callback_data.t)
    await outbox.edit_text(query.message.chat.id, query.message.message_id, texts.csat_done())
    await query.answer()


async def _stop_waiting_for_comment(state: FSMContext, ticket_id: int) -> None:
    """The comment of the ticket is no longer awaited (if it is the one awaited)."""
    waiting = (await state.get_data()).get("csat") or {}
    if await state.get_state() == Feedback.comment.state and waiting.get("ticket") == ticket_id:
        await state.set_state(None)


def _comment_problem(message: Message, text: str) -> str | None:
    """Why the message is not taken as the comment, if it is not."""
    if not text:
        what = texts.what_comment()
        return texts.text_expected(what) if message.text is None else texts.nothing_visible(what)
    if len(text) > COMMENT_LIMIT:
        return texts.text_too_long(COMMENT_LIMIT)
    return None


async def comment(message: Message, state: FSMContext, customer: Customer) -> None:
    data = (await state.get_data()).get("csat") or {}
    text = strip_invisible(message.text or "")
    if (problem := _comment_problem(message, text)) is not None:
        await outbox.send_text(message.chat.id, problem)
        return
    await state.set_state(None)
    await customer_tickets.rate_ticket(
        int(data.get("ticket", 0)), customer, int(data.get("score", 0)), text
    )
    if data.get("screen"):
        await outbox.edit_markup(message.chat.id, int(data["screen"]))
    await outbox.send_text(message.chat.id, texts.comment_saved())


def router() -> Router:
    r = Router(name="customer.ratings")
    r.callback_query.register(rate_answer, RateCb.filter(), flags=flags(Refusal.RATE_ANSWER))
    r.callback_query.register(
        confirm,
        TicketCb.filter(F.action == TicketAction.CONFIRM),
        flags=flags(Refusal.CONFIRM),
    )
    r.callback_query.register(skip_comment, CsatCb.filter(F.v == 0))
    r.callback_query.register(csat, CsatCb.filter(F.v > 0), flags=flags(Refusal.CSAT))
    r.message.register(
        comment,
        StateFilter(Feedback.comment),
        not_a_command,
        flags=flags(Refusal.COMMENT),
    )
    return r
