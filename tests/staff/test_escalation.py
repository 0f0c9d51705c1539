"""The SLA policy's breach rule (issue 16, point 3): when a ticket breaches, besides
the notice, the policy tells a lead (its own agent, else the department's lead),
passes the ticket to an agent, or sends it back to the queue - in the automation pass
that records the breach, once per breach, on the desk's clock."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import create_i18n
from bot.services import automation
from models import Agent, Department, Priority, SlaPolicy, Ticket, TicketEvent
from models.enums import BreachAction, NotifyBy
from tests.handlers.wizard_support import STAFF
from tests.staff.helpers import card_of, claimed, fresh, staff_desk


def _mentioned(message: dict) -> list[int]:
    return [e["user"]["id"] for e in message.get("entities", []) if e["type"] == "text_mention"]


async def _policy(action: BreachAction, agent: Agent | None = None) -> None:
    normal = await Priority.get(is_default=True)
    await SlaPolicy.create(
        name="normal",
        priority=normal,
        first_response_minutes=60,
        resolution_minutes=600,
        breach_action=action,
        breach_agent=agent,
    )


async def _breach(env, ticket: Ticket, minutes: int = 61) -> automation.Done:
    started = (await Ticket.get(id=ticket.id)).sla_started_at
    with create_i18n("en").context():
        done = await automation.run_due(started + timedelta(minutes=minutes))
    await env.step()
    return done


def _escalations(env) -> list[dict]:
    return [m for m in env.api.bot_messages(STAFF) if m["text"].startswith("⏫")]


async def _escalated(ticket: Ticket) -> list[dict]:
    return list(
        await TicketEvent.filter(ticket_id=ticket.id, kind="sla_escalated").values_list(
            "data", flat=True
        )
    )


async def test_the_departments_lead_is_told_once(env):
    people = await staff_desk(env)
    await Department.filter(id=people.desk.billing.id).update(lead_id=people.desk.root.id)
    await _policy(BreachAction.NOTIFY_LEAD)
    ticket, _ = await claimed(env, people)
    done = await _breach(env, ticket)
    assert done.breaches == 1
    [told] = _escalations(env)
    assert told["text"] == "⏫ #1001: the SLA is breached; Root, please take a look."
    assert _mentioned(told) == [people.root.id]
    # After the breach notice, which still names Ann.
    breach = next(m for m in env.api.bot_messages(STAFF) if m["text"].startswith("🔴"))
    assert breach["message_id"] < told["message_id"] and breach["text"].endswith(" → Ann")
    assert await _escalated(ticket) == [
        {"deadline": "first_response", "action": "notify_lead", "agent_id": people.desk.root.id}
    ]
    # The next passes (same moment, later) do not tell again; the ticket stays Ann's.
    await _breach(env, ticket)
    await _breach(env, ticket, 62)
    assert len(_escalations(env)) == 1 and len(await _escalated(ticket)) == 1
    assert (await fresh(ticket.id)).assignee_id == people.desk.ann.id


async def test_the_policys_lead_goes_first_and_may_be_told_privately(env):
    people = await staff_desk(env)
    await Department.filter(id=people.desk.billing.id).update(lead_id=people.desk.root.id)
    await Agent.filter(id=people.desk.bob.id).update(
        notify_by=NotifyBy.PRIVATE, private_chat=True, language="ru"
    )
    await _policy(BreachAction.NOTIFY_LEAD, people.desk.bob)
    ticket, _ = await claimed(env, people)
    await _breach(env, ticket)
    [told] = _escalations(env)
    assert told["text"] == "⏫ #1001: the SLA is breached; Bob, please take a look."
    assert _mentioned(told) == []  # told privately instead
    [private] = env.api.bot_messages(people.bob.id)
    assert private["text"].startswith("⏫ #1001: SLA нарушен; Bob, посмотрите, пожалуйста.")


async def test_without_a_lead_nothing_more_happens(env):
    people = await staff_desk(env)
    await _policy(BreachAction.NOTIFY_LEAD)
    ticket, _ = await claimed(env, people)
    assert (await _breach(env, ticket)).breaches == 1
    assert _escalations(env) == [] and await _escalated(ticket) == []


async def test_reassigned_to_the_policys_agent_once(env):
    people = await staff_desk(env)
    await _policy(BreachAction.REASSIGN, people.desk.root)
    ticket, _ = await claimed(env, people)
    # The first response's breach passes it to Root; the resolution's finds it his.
    await _breach(env, ticket, 601)
    now = await fresh(ticket.id)
    assert now.assignee_id == people.desk.root.id
    [told] = _escalations(env)
    assert told["text"] == "⏫ #1001: the SLA is breached; the ticket passes to Root."
    assert _mentioned(told) == [people.root.id]
    assert "Root" in (await card_of(env, ticket.id))["text"]
    assert len(await _escalated(ticket)) == 1
    kinds = await TicketEvent.filter(ticket_id=ticket.id).values_list("kind", flat=True)
    assert kinds.count("sla_breached") == 2 and kinds.count("assigned") == 1


async def test_an_agent_who_cannot_take_it_leaves_it_as_it_is(env):
    people = await staff_desk(env)
    await _policy(BreachAction.REASSIGN, people.desk.bob)  # Bob works in Tech only
    ticket, _ = await claimed(env, people)
    assert (await _breach(env, ticket)).breaches == 1
    [told] = _escalations(env)
    assert told["text"] == (
        "⏫ #1001: Not done: the agent does not work in the ticket's department"
    )
    assert (await fresh(ticket.id)).assignee_id == people.desk.ann.id
    assert await _escalated(ticket) == []


async def test_unassigned_back_to_the_queue(env):
    people = await staff_desk(env)
    await _policy(BreachAction.UNASSIGN)
    ticket, _ = await claimed(env, people)
    await _breach(env, ticket)
    assert (await fresh(ticket.id)).assignee_id is None
    [told] = _escalations(env)
    assert told["text"] == "⏫ #1001: the SLA is breached; the ticket goes back to the queue."
    people.ann.send_text("/queue", chat_id=STAFF)
    await env.step()
    assert "#1001" in env.api.bot_messages(STAFF)[-1]["text"]


async def test_nothing_is_the_default(env):
    people = await staff_desk(env)
    normal = await Priority.get(is_default=True)
    await SlaPolicy.create(
        name="normal", priority=normal, first_response_minutes=60, resolution_minutes=600
    )
    ticket, _ = await claimed(env, people)
    assert (await _breach(env, ticket, 601)).breaches == 2
    assert _escalations(env) == []
    assert (await fresh(ticket.id)).assignee_id == people.desk.ann.id
