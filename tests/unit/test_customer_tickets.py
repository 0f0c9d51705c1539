"""The customer's side of tickets: only their own, never notes, window for reopening."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.i18n import create_i18n
from bot.services import customer_tickets, tickets
from bot.services.errors import Conflict, NotFound
from models import Department, Message, Setting, Ticket
from models.enums import MessageKind, StatusRole
from tests.factories import make_desk, open_ticket


@pytest.fixture
async def desk(db):
    with create_i18n("en").context():
        desk = await make_desk()
        await Department.create(name="Hidden", visible=False)
        desk.tickets = [
            await open_ticket(desk.alice, desk.billing, "First"),
            await open_ticket(desk.alice, desk.tech, "Second"),
            await open_ticket(desk.carl, desk.tech, "Carl's"),
        ]
        yield desk


async def test_only_visible_departments_and_their_categories(desk):
    assert [d.name for d in await customer_tickets.visible_departments()] == ["Billing", "Tech"]
    assert [c.name for c in await customer_tickets.categories_of(desk.billing.id)] == ["Invoices"]
    hidden = await Department.get(name="Hidden")
    assert await customer_tickets.categories_of(hidden.id) == []
    assert [p.level for p in await customer_tickets.priorities()] == [2, 3, 4, 5]


async def test_my_tickets_newest_activity_first_and_only_mine(desk):
    first, second, _ = desk.tickets
    await Ticket.filter(id=first.id).update(updated_at=tickets.now() + timedelta(minutes=5))
    rows, total = await customer_tickets.my_tickets(desk.alice)
    assert total == 2 and [t.id for t in rows] == [first.id, second.id]
    rows, total = await customer_tickets.my_tickets(desk.alice, page=1, per_page=1)
    assert [t.id for t in rows] == [second.id]


async def test_another_customers_ticket_is_not_found(desk):
    carls = desk.tickets[2]
    with pytest.raises(NotFound):
        await customer_tickets.open_conversation(carls.id, desk.alice)
    with pytest.raises(NotFound):
        await customer_tickets.close(carls.id, desk.alice)
    assert (await Ticket.get(id=carls.id).select_related("status")).status.role == StatusRole.NEW


async def test_conversation_never_shows_notes_and_marks_read(desk):
    ticket = desk.tickets[0]
    actor = await tickets.agent_actor(desk.ann)
    await tickets.add_note(ticket.id, "VIP, be nice", actor)
    await tickets.reply(ticket.id, "We are on it", actor)
    assert (await Ticket.get(id=ticket.id)).customer_unread == 1
    _, messages = await customer_tickets.open_conversation(ticket.id, desk.alice)
    assert [m.kind for m in messages] == [MessageKind.CUSTOMER, MessageKind.AGENT]
    assert (await Ticket.get(id=ticket.id)).customer_unread == 0
    assert await Message.filter(ticket_id=ticket.id, kind=MessageKind.NOTE).count() == 1


async def test_close_reopen_within_window_and_archive(desk):
    ticket = desk.tickets[0]
    with pytest.raises(Conflict):
        await customer_tickets.reopen(ticket.id, desk.alice)  # still open
    with pytest.raises(Conflict):
        await customer_tickets.set_archived(ticket.id, desk.alice)  # not closed yet
    closed = await customer_tickets.close(ticket.id, desk.alice)
    assert closed.status.role == StatusRole.CLOSED
    reopened = await customer_tickets.reopen(ticket.id, desk.alice)
    assert reopened.status.role == StatusRole.NEW
    await customer_tickets.close(ticket.id, desk.alice)
    await Setting.filter(key="reopen_window_days").update(value=1)
    await Ticket.filter(id=ticket.id).update(closed_at=tickets.now() - timedelta(days=2))
    with pytest.raises(Conflict, match="too long ago"):
        await customer_tickets.reopen(ticket.id, desk.alice)
    await customer_tickets.set_archived(ticket.id, desk.alice)
    rows, total = await customer_tickets.my_tickets(desk.alice)
    assert total == 1 and ticket.id not in [t.id for t in rows]
    rows, total = await customer_tickets.my_tickets(desk.alice, archived=True)
    assert [t.id for t in rows] == [ticket.id]
