"""Edits mirrored across the two chats (SPEC §4): an agent editing an answer updates
the customer's copy, a customer editing a message updates the staff copy. Copies are
found through the stored id mappings and the outbox rows that created them."""

from __future__ import annotations

from bot.delivery import outbox
from bot.delivery.outbox import transaction
from bot.i18n import speaking
from bot.presentation import staff_thread
from bot.presentation.card import refresh_card
from bot.services.tickets import TEXT_LIMIT, now
from bot.ui import keyboards, texts
from models import Agent, Customer, Message, MessageLink, OutboxMessage, TicketEvent
from models.enums import ActorType, AgentRole, MessageKind, Side


async def _message_of(chat_id: int, telegram_message_id: int, side: Side) -> Message | None:
    link = await MessageLink.get_or_none(
        chat_id=chat_id, telegram_message_id=telegram_message_id, side=side
    )
    if link is None:
        return None
    return await Message.get(id=link.message_id).select_related(
        "ticket", "ticket__customer", "author_agent"
    )


async def _copies(message: Message, side: Side) -> list[OutboxMessage]:
    """The text message the bot sends or sent for `message` on `side` (its first part),
    whether still queued, being sent or sent."""
    await outbox.flush()
    return list(await staff_thread.text_copies(side).filter(message_id=message.id).limit(1))


async def _store(message: Message, text: str, actor_type: ActorType, actor_id: int, name: str):
    message.text = text[:TEXT_LIMIT]
    message.edited_at = now()
    await message.save(update_fields=["text", "edited_at"])
    await TicketEvent.create(
        ticket_id=message.ticket_id,
        kind="edited",
        actor_type=actor_type,
        actor_id=actor_id,
        actor_name=name[:128],
        data={"message_id": message.id},
    )


async def staff_edited(chat_id: int, telegram_message_id: int, text: str, agent: Agent) -> bool:
    """The author (or an admin) edited an answer in the staff chat."""
    message = await _message_of(chat_id, telegram_message_id, Side.STAFF)
    if message is None or message.kind != MessageKind.AGENT:
        return False
    if message.author_agent_id != agent.id and agent.role != AgentRole.ADMIN:
        return False
    ticket = message.ticket
    async with transaction():
        await _store(message, text, ActorType.AGENT, agent.id, agent.name)
        author = message.author_agent.name if message.author_agent else texts.support_team()
        with speaking(ticket.customer.language):
            html = texts.agent_answer(ticket.number, author, message.text)
            markup = keyboards.answer(ticket.id, message.id, rated=message.rating)
        for copy in await _copies(message, Side.CUSTOMER):
            # The edit wins: a copy still queued goes out with the new text.
            await outbox.replace_text(
                copy.chat_id, copy, html, reply_markup=markup, ticket_id=ticket.id
            )
    return True


async def customer_edited(
    chat_id: int, telegram_message_id: int, text: str, customer: Customer
) -> bool:
    """The customer edited a message that was added to a ticket."""
    message = await _message_of(chat_id, telegram_message_id, Side.CUSTOMER)
    if (
        message is None
        or message.kind != MessageKind.CUSTOMER
        or message.ticket.customer_id != customer.id
    ):
        return False
    ticket = message.ticket
    async with transaction():
        await _store(message, text, ActorType.CUSTOMER, customer.id, customer.display_name)
        copy = await staff_thread.staff_copy_of(message)
        if copy is not None:
            # Re-rendered whole: it may show the customer's next messages too (coalesced).
            together = await staff_thread.shown_together(copy)
            html = staff_thread.relay_text(ticket, together, await staff_thread.assignee_of(ticket))
            await outbox.replace_text(copy.chat_id, copy, html, ticket_id=ticket.id)
        first = await Message.filter(ticket_id=ticket.id).order_by("id").first()
        if first is not None and first.id == message.id:
            # The card shows the first message only; re-rendering it for any other edit
            # would be refused by Telegram as "message is not modified".
            await refresh_card(ticket)
    return True
