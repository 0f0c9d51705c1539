"""Driving the staff chat in handler tests: a desk with its people in the fake Telegram,
the card of a ticket, the alerts and notices the bot answers with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.i18n import create_i18n
from bot.presentation import staff_thread
from bot.services import tickets
from bot.services.settings import update_settings
from models import Category, Customer, Department, Message, Priority, Ticket, TicketEvent
from models.enums import ActorType, MessageKind, StatusRole, TicketSource
from tests.factories import Desk, make_desk, open_ticket
from tests.fakebotapi.actors import FakeChat, FakeUser
from tests.handlers.wizard_support import STAFF, button, current

CARD_MARK = "🎫 <b>#"  # how a card's HTML starts


@dataclass
class People:
    desk: Desk
    ann: FakeUser  # billing agent
    bob: FakeUser  # tech agent
    root: FakeUser  # admin agent
    alice: FakeUser  # customer, en
    carl: FakeUser  # customer, ru
    eve: FakeUser  # in the staff chat, not an agent
    group: FakeChat


async def staff_desk(env, *, forum: bool = False) -> People:
    """make_desk() with its agents, two customers and an outsider in the fake Telegram,
    and the staff chat configured (a forum when `forum`)."""
    with create_i18n("en").context():
        desk = await make_desk()
    api = env.api
    ann = api.add_user(9001, "Ann")
    bob = api.add_user(9002, "Bob")
    root = api.add_user(9003, "Root")
    eve = api.add_user(9009, "Eve")
    alice = api.add_user(501, "Alice", username="alice")
    carl = api.add_user(502, "Carl", language_code="ru")
    members = {ann: "member", bob: "member", root: "administrator", eve: "member"}
    group = api.add_group(STAFF, "Support staff", is_forum=forum, members=members)
    await update_settings({"staff_chat_id": STAFF})
    # What the start-up getChat learns (unless Telegram failed to answer it).
    await staff_thread.remember_chat(STAFF, forum)
    return People(desk, ann, bob, root, alice, carl, eve, group)


async def new_ticket(
    customer: Customer,
    department: Department,
    subject: str = "Refund",
    text: str = "Please refund",
    *,
    category: Category | None = None,
    priority: Priority | None = None,
) -> Ticket:
    """A ticket as the customer's wizard opens it (card posted through the outbox)."""
    with create_i18n("en").context():
        if priority is None:
            return await open_ticket(customer, department, subject, text, category)
        return await tickets.open_ticket(
            customer=customer,
            department_id=department.id,
            category_id=category.id if category else None,
            priority_id=priority.id,
            subject=subject,
            text=text,
            source=TicketSource.TELEGRAM,
            actor=tickets.Actor(ActorType.CUSTOMER, customer.display_name, id=customer.id),
        )


async def claimed(env, people: People, customer: Customer | None = None, **kw: Any):
    """A billing ticket of Alice (or `customer`) claimed by Ann; returns (ticket as
    it is now, its card)."""
    ticket = await new_ticket(customer or people.desk.alice, people.desk.billing, **kw)
    await env.step()
    await tap(env, people.ann, await card_of(env, ticket.id), "I'll answer")
    return await fresh(ticket.id), await card_of(env, ticket.id)


def where(ticket: Ticket, card: dict[str, Any]) -> dict[str, int]:
    """Where an agent writes to be in the ticket's thread: its topic in a forum, else a
    reply to its card."""
    if ticket.staff_topic_id is not None:
        return {"message_thread_id": ticket.staff_topic_id}
    return {"reply_to_message_id": card["message_id"]}


async def fresh(ticket_id: int) -> Ticket:
    return await Ticket.get(id=ticket_id).select_related(
        "status", "priority", "department", "category", "customer", "assignee"
    )


def card(env, ticket: Ticket, chat_id: int = STAFF) -> dict[str, Any]:
    """The ticket's card as it is now in the staff chat."""
    assert ticket.staff_message_id is not None, "the card was not posted"
    return current(env, chat_id, ticket.staff_message_id)


async def card_of(env, ticket_id: int, chat_id: int = STAFF) -> dict[str, Any]:
    return card(env, await fresh(ticket_id), chat_id)


def card_posts(env, chat_id: int = STAFF) -> list[Any]:
    """sendMessage requests that posted a card (not edits) into the chat."""
    return [
        r
        for r in env.api.calls("sendMessage", chat_id)
        if r.params.get("text", "").startswith(CARD_MARK)
    ]


async def tap(env, user: FakeUser, message: dict[str, Any], label: str) -> dict[str, Any]:
    """Presses a card button by label; returns the callback answer's parameters."""
    user.press(message, button(message, label), chat_id=message["chat"]["id"])
    await env.step()
    return env.api.calls("answerCallbackQuery")[-1].params


def notices(env, chat_id: int = STAFF) -> list[str]:
    """Texts the bot sent into the chat that are not cards."""
    return [
        m.get("text") or m.get("caption") or ""
        for m in env.api.bot_messages(chat_id)
        if not (m.get("text") or "").startswith("🎫")
    ]


def texts_in(env, chat_id: int) -> list[str]:
    return [m.get("text") or m.get("caption") or "" for m in env.api.bot_messages(chat_id)]


async def events(ticket_id: int) -> list[str]:
    return [e.kind for e in await TicketEvent.filter(ticket_id=ticket_id).order_by("id").all()]


async def messages(ticket_id: int, kind: MessageKind) -> list[Message]:
    return await Message.filter(ticket_id=ticket_id, kind=kind).order_by("id").all()


async def role(ticket_id: int) -> StatusRole | None:
    return (await Ticket.get(id=ticket_id).select_related("status")).status.role
