"""Tickets as the customer sees them in the private chat (SPEC §3).

Every function takes the customer and re-checks ownership: callback data from a
button is never trusted, so a crafted one shows or changes nothing of anyone else's.
"""

from __future__ import annotations

from datetime import timedelta

from tortoise.transactions import in_transaction

from bot.services import tickets
from bot.services.errors import Conflict, NotFound
from bot.services.settings import runtime_settings
from models import Category, Customer, Department, Message, Priority, Ticket
from models.enums import ActorType, MessageKind, StatusRole


class ReopenWindowPassed(Conflict):
    code = "reopen_window_passed"


def customer_actor(customer: Customer) -> tickets.Actor:
    return tickets.Actor(ActorType.CUSTOMER, customer.display_name, id=customer.id)


async def visible_departments() -> list[Department]:
    return await Department.filter(active=True, visible=True).order_by("order", "id")


async def categories_of(department_id: int) -> list[Category]:
    return await Category.filter(
        department_id=department_id,
        department__visible=True,
        department__active=True,
        active=True,
    ).order_by("order", "id")


async def priorities() -> list[Priority]:
    return await Priority.filter(active=True).order_by("level")


async def my_tickets(
    customer: Customer, *, page: int = 0, per_page: int = 5, archived: bool = False
) -> tuple[list[Ticket], int]:
    """Newest activity first; archived ones only when asked for."""
    query = Ticket.filter(customer_id=customer.id, archived=archived)
    total = await query.count()
    rows = (
        await query.order_by("-updated_at", "-id")
        .offset(max(page, 0) * per_page)
        .limit(per_page)
        .select_related("status")
    )
    return rows, total


async def own_ticket(ticket_id: int, customer: Customer) -> Ticket:
    ticket = await Ticket.get_or_none(id=ticket_id, customer_id=customer.id).select_related(
        "status", "priority", "department", "category", "customer", "assignee"
    )
    if ticket is None:
        raise NotFound("ticket not found")
    return ticket


async def open_conversation(ticket_id: int, customer: Customer) -> tuple[Ticket, list[Message]]:
    """The ticket and what the customer may read of it (never notes); marks it read."""
    ticket = await own_ticket(ticket_id, customer)
    messages = (
        await Message.filter(ticket_id=ticket.id)
        .exclude(kind=MessageKind.NOTE)
        .order_by("created_at", "id")
        .prefetch_related("attachments", "author_agent")
    )
    if ticket.customer_unread:
        await Ticket.filter(id=ticket.id).update(customer_unread=0)
        ticket.customer_unread = 0
    return ticket, messages


async def close(ticket_id: int, customer: Customer) -> Ticket:
    """Customers may close their ticket at any time."""
    ticket = await own_ticket(ticket_id, customer)
    return await tickets.close(ticket.id, customer_actor(customer))


async def reopen(ticket_id: int, customer: Customer) -> Ticket:
    """A resolved ticket, or a closed one within the reopen window."""
    ticket = await own_ticket(ticket_id, customer)
    if ticket.status.is_final:
        window = timedelta(days=(await runtime_settings()).reopen_window_days)
        if ticket.closed_at is None or tickets.now() - ticket.closed_at > window:
            raise ReopenWindowPassed("this ticket was closed too long ago to reopen")
    elif ticket.status.role != StatusRole.RESOLVED:
        raise Conflict("this ticket is still open")
    return await tickets.reopen(ticket.id, customer_actor(customer))


async def set_archived(ticket_id: int, customer: Customer, archived: bool = True) -> Ticket:
    """Hides a ticket from the customer's list (only their view: staff still see it)."""
    async with in_transaction():
        ticket = await own_ticket(ticket_id, customer)
        if archived and not ticket.status.is_final:
            raise Conflict("only closed tickets can be archived")
        await Ticket.filter(id=ticket.id).update(archived=archived)
        ticket.archived = archived
    return ticket
