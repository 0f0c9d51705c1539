"""The flags on statuses drive the desk (SPEC §2; LANBilling's status settings): the
status flagged `is_new` is the one new tickets get and unclaimed ones go back to, and
statuses not `shown_by_default` stay out of the lists nobody filtered (the staff
queues here; the admin API's ticket list in tests/api/test_status_flags.py)."""

from __future__ import annotations

from bot.i18n import create_i18n
from bot.services import directory, tickets
from models import Status
from models.enums import SettableBy, StatusRole
from tests.handlers.wizard_support import STAFF, last
from tests.staff.helpers import card_of, fresh, new_ticket, staff_desk, tap


async def _triage_is_new() -> Status:
    """An admin's own "triage" status made the one new tickets get (as PATCH
    /statuses/{id} with is_new: true does)."""
    triage = await directory.create_status(
        name="triage", color="🧐", settable_by=SettableBy.AGENTS, order=5
    )
    return await directory.update_status(triage.id, is_new=True)


async def test_new_tickets_take_the_status_flagged_is_new_and_return_to_it(env):
    people = await staff_desk(env)
    triage = await _triage_is_new()
    assert not (await Status.get(role=StatusRole.NEW)).is_new
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    assert (await fresh(ticket.id)).status_id == triage.id
    assert "🧐 triage" in (await card_of(env, ticket.id))["text"]
    assert "I'll answer" in str((await card_of(env, ticket.id))["reply_markup"])
    # Claimed: in progress, as from the seeded "new".
    await tap(env, people.ann, await card_of(env, ticket.id), "I'll answer")
    assert (await fresh(ticket.id)).status.role == StatusRole.IN_PROGRESS
    # Transferred to another department's queue: back to triage, not to "new".
    with create_i18n("en").context():
        ann = await tickets.agent_actor(people.desk.ann)
        await tickets.transfer(ticket.id, people.desk.tech.id, None, ann)
    await env.step()
    moved = await fresh(ticket.id)
    assert moved.status_id == triage.id and moved.assignee_id is None
    # Resolved and reopened with nobody on it: triage again.
    with create_i18n("en").context():
        root = await tickets.agent_actor(people.desk.root)
        resolved = await Status.get(role=StatusRole.RESOLVED)
        await tickets.set_status(ticket.id, resolved.id, root)
    await env.step()
    with create_i18n("en").context():
        await tickets.reopen(ticket.id, root)
    await env.step()
    assert (await fresh(ticket.id)).status_id == triage.id
    # The customer's answer to a resolved ticket brings it back the same way.
    with create_i18n("en").context():
        await tickets.set_status(ticket.id, resolved.id, root)
    await env.step()
    with create_i18n("en").context():
        alice = tickets.Actor(tickets.ActorType.CUSTOMER, "Alice", id=people.desk.alice.id)
        await tickets.add_customer_message(ticket.id, "Still broken", [], alice)
    await env.step()
    assert (await fresh(ticket.id)).status_id == triage.id
    assert env.api.calls(ok=False) == []


async def test_statuses_hidden_by_default_stay_out_of_the_staff_queues(env):
    people = await staff_desk(env)
    on_hold = await directory.create_status(
        name="on hold (vendor)", settable_by=SettableBy.AGENTS, shown_by_default=False
    )
    waiting_vendor = await new_ticket(people.desk.alice, people.desk.billing, "Vendor")
    await new_ticket(people.desk.alice, people.desk.billing, "Printer")
    with create_i18n("en").context():
        root = await tickets.agent_actor(people.desk.root)
        await tickets.set_status(waiting_vendor.id, on_hold.id, root)
    await env.step()
    people.ann.send_text("/queue", chat_id=STAFF)
    await env.step()
    queue = last(env, STAFF)["text"]
    assert "Printer" in queue and "Vendor" not in queue
    # Shown again once it leaves the hidden status.
    with create_i18n("en").context():
        await tickets.set_status(waiting_vendor.id, (await _new()).id, root)
    people.ann.send_text("/queue", chat_id=STAFF)
    await env.step()
    assert "Vendor" in last(env, STAFF)["text"]
    assert env.api.calls(ok=False) == []


async def _new() -> Status:
    return await Status.get(role=StatusRole.NEW)
