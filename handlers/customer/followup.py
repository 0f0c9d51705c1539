"""What customers send outside the wizard: follow-ups to their tickets (SPEC §3).

A message goes to a ticket when it is a Telegram reply to a message of that ticket,
or while the ticket's conversation is open (Reply was pressed). Anything else is kept
and the customer is asked which ticket it is for, or offered a new one - it is never
lost. Files are stored as they arrive; an album is acknowledged once.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot import telegram_files
from bot.config import Settings
from bot.delivery import outbox
from bot.services import attachments, customer_tickets, lifecycle
from bot.services.attachments import StoredFile
from bot.services.errors import Conflict, Invalid, NotFound
from bot.services.textclean import strip_invisible
from bot.services.tickets import TEXT_LIMIT
from bot.ui import keyboards, texts
from bot.ui.callbacks import PENDING_DISCARD, PENDING_NEW, PendingCb, TicketAction, TicketCb
from bot.ui.keyboards import as_payload
from bot.ui.wizard import MAX_FILES
from handlers.customer.common import WRITES, attachments_root, complain, not_a_command
from handlers.customer.refusals import Refusal, flags
from handlers.customer.screen import show, strip
from handlers.customer.states import Chat, Feedback, NewTicket
from models import Customer
from models import Message as TicketMessage
from models.enums import Side

SUBJECT_IN_BUTTON = 30


async def _content(
    message: Message, bot: Bot, settings: Settings
) -> tuple[str, list[StoredFile]] | str:
    """The message's text and stored file, or a polite refusal."""
    text = strip_invisible(message.text or message.caption or "")
    if len(text) > TEXT_LIMIT:
        return texts.text_too_long(TEXT_LIMIT)
    incoming = telegram_files.file_of(message)
    if incoming is None:
        if text:
            return text, []
        # Only invisible characters (zero-width, direction marks): said, not lost.
        return texts.empty_message() if message.text is not None else texts.unsupported_content()
    if incoming.too_big:
        return texts.file_too_big(incoming.file_name)
    return text, [await telegram_files.keep(bot, incoming, await attachments_root(settings))]


async def _acknowledge(message: Message, state: FSMContext, added: TicketMessage) -> None:
    """One acknowledgement per message, or per album; a Telegram reply to it goes to
    the same ticket."""
    group = message.media_group_id
    data = await state.get_data()
    if group is not None and data.get("ack_group") == group:
        return
    await state.update_data(ack_group=group)
    await outbox.send_text(
        message.chat.id,
        texts.added_to_ticket(customer_tickets.number_of(added)),
        ticket_id=added.ticket_id,
        message_id=added.id,
        side=Side.CUSTOMER,
    )


async def _add(
    message: Message,
    state: FSMContext,
    customer: Customer,
    settings: Settings,
    ticket_id: int,
    content: tuple[str, list[StoredFile]],
) -> None:
    text, files = content
    try:
        added = await customer_tickets.add_message(
            ticket_id, customer, text, files, telegram_ids=[message.message_id]
        )
    except (Conflict, NotFound, Invalid) as exc:
        attachments.discard(await attachments_root(settings), files)
        number = await customer_tickets.ticket_number(ticket_id, customer)
        data = await state.get_data()
        if await state.get_state() == Chat.ticket.state and data.get("chat") == ticket_id:
            # The open conversation's ticket takes no messages: leave it. (A refused
            # Telegram reply to another ticket leaves the conversation as it was.)
            await state.set_state(None)
        if isinstance(exc, Conflict) and number is not None:
            await outbox.send_text(
                message.chat.id,
                texts.ticket_takes_no_messages(number),
                reply_markup=keyboards.main_menu(),
            )
        else:
            await outbox.send_text(message.chat.id, texts.ticket_not_found())
        return
    await _acknowledge(message, state, added)


async def incoming(
    message: Message, state: FSMContext, bot: Bot, customer: Customer, settings: Settings
) -> None:
    """A message outside the wizard: to its ticket, or kept and asked about."""
    content = await _content(message, bot, settings)
    if isinstance(content, str):
        await outbox.send_text(message.chat.id, content)
        return
    ticket_id = await _ticket_of(message, state, customer)
    if ticket_id is not None:
        await _add(message, state, customer, settings, ticket_id, content)
        return
    await _ask_which(message, state, customer, settings, content)


async def _ticket_of(message: Message, state: FSMContext, customer: Customer) -> int | None:
    """The ticket a message goes to: the one of the message it replies to, else the
    open conversation's; None if neither."""
    if message.reply_to_message is not None:
        ticket_id = await customer_tickets.ticket_of_reply(
            message.chat.id, message.reply_to_message.message_id, customer
        )
        if ticket_id is not None:
            return ticket_id
    data = await state.get_data()
    if await state.get_state() == Chat.ticket.state and data.get("chat"):
        return int(data["chat"])
    return None


async def _ask_which(
    message: Message,
    state: FSMContext,
    customer: Customer,
    settings: Settings,
    content: tuple[str, list[StoredFile]],
) -> None:
    """Keeps the untied message and asks where it goes."""
    text, files = content
    data = await state.get_data()
    pending = data.get("pending") or {"text": "", "files": [], "screen": None}
    if text:
        pending["text"] = (pending["text"] + "\n\n" + text).strip()[:TEXT_LIMIT]
    # As many files as a ticket takes, as in the wizard; the rest is not kept.
    room = max(MAX_FILES - len(pending["files"]), 0)
    if len(files) > room:
        attachments.discard(await attachments_root(settings), files[room:])
        await complain(message.chat.id, message, pending, texts.too_many_files(MAX_FILES))
    pending["files"] += [f.as_json() for f in files[:room]]
    pending["ids"] = [*pending.get("ids", []), message.message_id]
    group = message.media_group_id
    same_album = group is not None and pending.get("group") == group
    pending["group"] = group
    if same_album:
        # The album's next files join the question already asked: nothing to show again
        # (an identical edit would be rejected by Telegram).
        await state.update_data(pending=pending)
        return
    open_tickets = await customer_tickets.writable_tickets(customer)
    rows = [
        [
            InlineKeyboardButton(
                text=f"#{t.number} {_short(t.subject)}",
                callback_data=PendingCb(t=t.id).pack(),
            )
        ]
        for t in open_tickets
    ]
    rows.append(
        [
            InlineKeyboardButton(
                text=texts.button_new_ticket_with_this(),
                callback_data=PendingCb(t=PENDING_NEW).pack(),
            ),
            InlineKeyboardButton(
                text=texts.button_discard(), callback_data=PendingCb(t=PENDING_DISCARD).pack()
            ),
        ]
    )
    question = texts.which_ticket() if open_tickets else texts.which_ticket_none()
    markup = as_payload(InlineKeyboardMarkup(inline_keyboard=rows))
    pending["screen"] = await show(message.chat.id, pending.get("screen"), question, markup)
    await state.update_data(pending=pending)


def _short(text: str) -> str:
    return text if len(text) <= SUBJECT_IN_BUTTON else text[: SUBJECT_IN_BUTTON - 1] + "…"


async def pending_of(query: CallbackQuery, state: FSMContext) -> dict[str, Any] | None:
    """The untied message a button of the question is about; None (the press answered)
    when there is none any more."""
    pending: dict[str, Any] | None = (await state.get_data()).get("pending")
    if not isinstance(query.message, Message) or not pending:
        await query.answer(texts.not_available(), show_alert=True)
        return None
    return pending


async def pending_to_ticket(
    query: CallbackQuery, callback_data: PendingCb, state: FSMContext, customer: Customer
) -> None:
    """The untied message goes to the ticket chosen."""
    pending = await pending_of(query, state)
    if pending is None:
        return
    assert isinstance(query.message, Message)
    here = query.message.message_id
    added = await _give(pending, callback_data.t, customer, here)
    await state.update_data(pending=None)
    number = customer_tickets.number_of(added)
    await outbox.edit_text(query.message.chat.id, here, texts.added_to_ticket(number))
    await query.answer()


async def _give(
    pending: dict[str, Any], ticket_id: int, customer: Customer, question: int
) -> TicketMessage:
    """The untied message added to the ticket."""
    return await customer_tickets.add_message(
        ticket_id,
        customer,
        pending.get("text", ""),
        [StoredFile.from_json(f) for f in pending.get("files", [])],
        # The customer's messages and the question, now the acknowledgement.
        telegram_ids=[*pending.get("ids", []), question],
    )


async def pending_discard(query: CallbackQuery, state: FSMContext, settings: Settings) -> None:
    """The untied message is dropped, with its files."""
    pending = await pending_of(query, state)
    if pending is None:
        return
    assert isinstance(query.message, Message)
    files = [StoredFile.from_json(f) for f in pending.get("files", [])]
    attachments.discard(await attachments_root(settings), files)
    await state.update_data(pending=None)
    await outbox.edit_text(
        query.message.chat.id, query.message.message_id, texts.message_discarded()
    )
    await query.answer()


async def start_reply(
    query: CallbackQuery, callback_data: TicketCb, state: FSMContext, customer: Customer
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    ticket = await customer_tickets.own_ticket(callback_data.id, customer)
    if not lifecycle.takes_customer_messages(ticket.status):
        await query.answer(texts.ticket_takes_no_messages(ticket.number), show_alert=True)
        return
    await _enter_conversation(query.message.chat.id, state, ticket.id, ticket.number)
    await query.answer()


async def _enter_conversation(chat_id: int, state: FSMContext, ticket_id: int, number: int) -> None:
    """Messages go to the ticket from now on; the earlier conversation's screen loses
    its button."""
    await strip(chat_id, (await state.get_data()).get("chat_screen"))
    rows = await outbox.send_text(
        chat_id, texts.writing_to(number), reply_markup=keyboards.writing(ticket_id)
    )
    await state.set_state(Chat.ticket)
    await state.update_data(chat=ticket_id, chat_screen={"row": rows[-1].id})


async def stop_reply(
    query: CallbackQuery, callback_data: TicketCb, state: FSMContext, customer: Customer
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    number = await customer_tickets.ticket_number(callback_data.id, customer)
    await leave_conversation(state, callback_data.id)
    if number is not None:
        text, menu = texts.stopped_writing(number), keyboards.main_menu()
        chat_id, here = query.message.chat.id, query.message.message_id
        await outbox.edit_text(chat_id, here, text, reply_markup=menu)
    await query.answer()


async def leave_conversation(state: FSMContext, ticket_id: int) -> None:
    """Messages no longer go to the ticket (if its conversation is the open one)."""
    data = await state.get_data()
    if await state.get_state() == Chat.ticket.state and data.get("chat") == ticket_id:
        await state.set_state(None)
        await state.update_data(chat=None, chat_screen=None)


async def unknown_command(message: Message) -> None:
    await outbox.send_text(
        message.chat.id, texts.unknown_command(), reply_markup=keyboards.main_menu()
    )


def router() -> Router:
    r = Router(name="customer.followup")
    r.callback_query.register(
        start_reply,
        TicketCb.filter(F.action == TicketAction.REPLY),
        flags=flags(Refusal.REPLY, **WRITES),
    )
    r.callback_query.register(stop_reply, TicketCb.filter(F.action == TicketAction.STOP))
    # (A new ticket with the message: handlers/customer/wizard.py.)
    r.callback_query.register(
        pending_to_ticket, PendingCb.filter(F.t > 0), flags=flags(Refusal.PENDING, **WRITES)
    )
    r.callback_query.register(
        pending_discard, PendingCb.filter(F.t == PENDING_DISCARD), flags=WRITES
    )
    r.message.register(
        incoming,
        ~StateFilter(NewTicket, Feedback),
        not_a_command,
        flags=WRITES,
    )
    r.message.register(unknown_command)
    return r
