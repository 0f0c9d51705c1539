"""An agent who is also a customer (the same Telegram id in both tables) never handles
their own ticket: no claim, take-over, answer, template, transfer to them or automatic
assignment (a conflict of interest an audit would flag). Notes stay possible."""

from __future__ import annotations

from bot.services.settings import update_settings
from bot.ui.callbacks import StaffCb
from models import Agent, Category, Customer, Message, Template, TicketEvent
from models.enums import MessageKind
from tests.handlers.wizard_support import STAFF
from tests.staff.helpers import card_of, events, fresh, messages, new_ticket, staff_desk, tap

OWN = "This is your own ticket (you are its customer): another agent has to handle it."


async def _own_ticket(env, people, agent_telegram_id: int, **kw):
    """A billing ticket opened by the customer record of an agent."""
    me = await Customer.create(telegram_id=agent_telegram_id, first_name="Me")
    ticket = await new_ticket(me, people.desk.billing, **kw)
    await env.step()
    return ticket


async def test_an_agent_cannot_claim_answer_or_template_their_own_ticket(env):
    people = await staff_desk(env)
    desk = people.desk
    await Template.create(title="Done", shortcut="done", text="Done.", department=desk.billing)
    ticket = await _own_ticket(env, people, people.ann.id)
    shown = await card_of(env, ticket.id)
    refused = await tap(env, people.ann, shown, "I'll answer")
    assert refused == {**refused, "text": OWN, "show_alert": True}
    assert (await fresh(ticket.id)).assignee_id is None
    # Writing in the thread and /t: told why, nothing sent.
    people.ann.send_text("Fixed it myself", chat_id=STAFF, reply_to_message_id=shown["message_id"])
    await env.step()
    assert env.api.bot_messages(STAFF)[-1]["text"] == OWN
    people.ann.send_text("/t done", chat_id=STAFF, reply_to_message_id=shown["message_id"])
    await env.step()
    assert env.api.bot_messages(STAFF)[-1]["text"] == OWN
    await tap(env, people.ann, await card_of(env, ticket.id), "Templates")
    refused = await tap(env, people.ann, await card_of(env, ticket.id), "Done")
    assert refused["text"] == OWN
    # A note is fine (internal; no answer, no assignment).
    people.ann.send_text("!context: my own", chat_id=STAFF, reply_to_message_id=shown["message_id"])
    await env.step()
    assert [n.text for n in await messages(ticket.id, MessageKind.NOTE)] == ["context: my own"]
    assert not await Message.filter(ticket_id=ticket.id, kind=MessageKind.AGENT).exists()
    assert (await fresh(ticket.id)).assignee_id is None
    assert await events(ticket.id) == ["created", "noted"]
    assert env.api.calls(ok=False) == []


async def test_an_admin_cannot_take_over_answer_or_be_transferred_their_own_ticket(env):
    people = await staff_desk(env)
    desk = people.desk
    ticket = await _own_ticket(env, people, people.root.id)
    shown = await card_of(env, ticket.id)
    await tap(env, people.ann, shown, "I'll answer")
    refused = await tap(env, people.root, await card_of(env, ticket.id), "Take over")
    assert refused["text"] == OWN
    # Admins are relayed without claiming; not on their own ticket.
    people.root.send_text("I'll do it", chat_id=STAFF, reply_to_message_id=shown["message_id"])
    await env.step()
    assert env.api.bot_messages(STAFF)[-1]["text"] == OWN
    # Ann may not pass it to Root (forged: admins are not offered in the menu).
    people.ann.press(
        await card_of(env, ticket.id),
        StaffCb(t=ticket.id, a="agent", v=desk.root.id, w=desk.billing.id).pack(),
        chat_id=STAFF,
        forged=True,
    )
    await env.step()
    assert env.api.calls("answerCallbackQuery")[-1].params["text"] == OWN
    t = await fresh(ticket.id)
    assert t.assignee_id == desk.ann.id and t.department_id == desk.billing.id
    assert not await Message.filter(ticket_id=ticket.id, kind=MessageKind.AGENT).exists()
    # Nor send an alert to themselves.
    people.root.send_text(f"/alert {people.root.id} information Hello me", chat_id=STAFF)
    await env.step()
    assert env.api.bot_messages(STAFF)[-1]["text"] == OWN
    assert env.api.calls(ok=False) == []


async def test_automatic_assignment_skips_the_agent_who_opened_the_ticket(env):
    people = await staff_desk(env)
    desk = people.desk
    await update_settings({"round_robin": True})
    await Category.filter(id=desk.invoices.id).update(responsible_agent_id=desk.ann.id)
    # Ann is the category's responsible and the only agent on duty in Billing.
    by_category = await _own_ticket(env, people, people.ann.id, category=desk.invoices)
    assert (await fresh(by_category.id)).assignee_id is None
    dan = await Agent.create(telegram_id=9004, name="Dan")
    await dan.departments.add(desk.billing)
    me = await Customer.get(telegram_id=people.ann.id)
    round_robin = [await new_ticket(me, desk.billing, f"R{n}") for n in range(2)]
    assert [(await fresh(t.id)).assignee_id for t in round_robin] == [dan.id, dan.id]
    assigned = await TicketEvent.filter(ticket_id=round_robin[0].id, kind="assigned").first()
    assert assigned.data["reason"] == "round_robin"
    assert env.api.calls(ok=False) == []
