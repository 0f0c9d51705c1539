"""Statuses an admin made settable by customers (`settable_by`, SPEC §2; LANBilling's
"only subscribers"): the customer sees each as a button on their open ticket, the
status changes and the staff thread is told; agents' menus never offer it, and an
agent-only status forged into the customer's button is refused."""

from __future__ import annotations

from bot.i18n import create_i18n
from bot.services import directory, tickets
from bot.ui.callbacks import TicketCb, TicketStatusCb
from models import Status, Ticket, TicketEvent
from models.enums import SettableBy, StatusRole
from tests.handlers.wizard_support import STAFF, current, last
from tests.staff.helpers import card_of, new_ticket, staff_desk, tap
from tests.support import button_texts


async def _statuses():
    """One status for customers, one for agents only, one unavailable."""
    visit = await directory.create_status(
        name="engineer visit booked",
        translations={"ru": "Визит инженера назначен"},
        color="🧰",
        settable_by=SettableBy.CUSTOMERS,
        order=25,
    )
    vendor = await directory.create_status(
        name="waiting for vendor", settable_by=SettableBy.AGENTS, order=26
    )
    await directory.create_status(
        name="retired", settable_by=SettableBy.CUSTOMERS, available=False, order=27
    )
    return visit, vendor


async def _open_view(env, user, ticket):
    """The customer opens the ticket in My tickets; returns the view message."""
    user.send_text("/tickets")
    await env.step()
    listing = last(env, user.id)
    user.press(listing, TicketCb(id=ticket.id, action="open").pack())
    await env.step()
    return current(env, user.id, listing["message_id"])


async def test_a_customer_sets_a_status_made_theirs_and_the_staff_is_told(env):
    people = await staff_desk(env)
    visit, _vendor = await _statuses()
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    view = await _open_view(env, people.alice, ticket)
    labels = button_texts(view)
    assert "🏷 Mark as: 🧰 engineer visit booked" in labels
    assert not any("vendor" in label or "retired" in label for label in labels)
    people.alice.press(view, TicketStatusCb(t=ticket.id, s=visit.id).pack())
    await env.step()
    assert (await Ticket.get(id=ticket.id)).status_id == visit.id
    shown = current(env, 501, view["message_id"])
    assert "engineer visit booked" in shown["text"]
    assert not any("Mark as" in label for label in button_texts(shown))  # it has it now
    notice = last(env, STAFF)["text"]
    assert notice == "🏷 #1001: Alice set the status to «engineer visit booked»."
    assert "🧰 engineer visit booked" in (await card_of(env, ticket.id))["text"]
    event = await TicketEvent.filter(ticket_id=ticket.id, kind="status_changed").first()
    assert event is not None and event.actor_type == "customer"
    # Agents are not offered it: the card's status menu lists agents' statuses only.
    menu = await tap(env, people.ann, await card_of(env, ticket.id), "Status")
    assert menu.get("show_alert") is not True
    statuses_menu = button_texts(await card_of(env, ticket.id))
    assert any("waiting for vendor" in b for b in statuses_menu)
    assert not any("engineer visit" in b and "✓" not in b for b in statuses_menu)
    assert env.api.calls(ok=False) == []


async def test_forged_status_buttons_are_refused_and_change_nothing(env):
    people = await staff_desk(env)
    visit, vendor = await _statuses()
    retired = await Status.get(name="retired")
    closed = await Status.get(role=StatusRole.CLOSED)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    carls = await new_ticket(people.desk.carl, people.desk.billing, "Carl's")
    await env.step()
    view = await _open_view(env, people.alice, ticket)
    before = (await Ticket.get(id=ticket.id)).status_id
    for forged in (
        TicketStatusCb(t=ticket.id, s=vendor.id),  # agents only
        TicketStatusCb(t=ticket.id, s=retired.id),  # not available
        TicketStatusCb(t=ticket.id, s=closed.id),  # a lifecycle status: Close does it
        TicketStatusCb(t=carls.id, s=visit.id),  # someone else's ticket
        TicketStatusCb(t=ticket.id, s=99_999),  # no such status
    ):
        people.alice.press(view, forged.pack(), forged=True)
        await env.step()
        answer = env.api.calls("answerCallbackQuery")[-1].params
        assert answer.get("show_alert") is True, forged
    assert (await Ticket.get(id=ticket.id)).status_id == before
    assert (await Ticket.get(id=carls.id)).status_id == before
    assert not any("set the status" in (m.get("text") or "") for m in env.api.bot_messages(STAFF))
    assert env.api.calls(ok=False) == []


async def test_the_customers_status_button_speaks_their_language(env):
    people = await staff_desk(env)
    await _statuses()
    ticket = await new_ticket(people.desk.carl, people.desk.billing)
    await env.step()
    view = await _open_view(env, people.carl, ticket)
    assert "🏷 Отметить: 🧰 Визит инженера назначен" in button_texts(view)
    # Once closed, the ticket offers Reopen, not statuses.
    with create_i18n("en").context():
        await tickets.close(ticket.id, await tickets.agent_actor(people.desk.root))
    await env.step()
    view = await _open_view(env, people.carl, ticket)
    assert not any("Отметить" in label for label in button_texts(view))
    assert env.api.calls(ok=False) == []
