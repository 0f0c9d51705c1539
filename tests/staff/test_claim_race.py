""" "I'll answer" is a compare-and-set (SPEC §4): of many agents claiming at once exactly
one wins and the others learn who has the ticket — on every database backend, and
through the dispatcher when two agents press the same card."""

from __future__ import annotations

import asyncio

import pytest

from bot.i18n import create_i18n
from bot.services import staff
from bot.services.settings import update_settings
from models import Agent, OutboxMessage, Ticket, TicketEvent
from models.enums import StatusRole
from tests.factories import make_desk, open_ticket
from tests.handlers.wizard_support import STAFF, button
from tests.staff.helpers import card_of, fresh, new_ticket, staff_desk

AGENTS = 8


@pytest.fixture
async def crowd(db):
    """A billing ticket and eight billing agents (on the backend `db` is parametrised with)."""
    with create_i18n("en").context():
        desk = await make_desk()
        await update_settings({"staff_chat_id": STAFF})
        agents = []
        for n in range(AGENTS):
            agent = await Agent.create(telegram_id=9100 + n, name=f"Agent {n}")
            await agent.departments.add(desk.billing)
            agents.append(agent)
        ticket = await open_ticket(desk.alice, desk.billing, "Refund", "Please refund")
        yield ticket, agents


async def _claim_all(ticket: Ticket, agents: list[Agent]) -> list[object]:
    with create_i18n("en").context():
        return await asyncio.gather(
            *(staff.claim(ticket.id, agent) for agent in agents), return_exceptions=True
        )


async def test_eight_agents_claim_at_once_and_exactly_one_wins(crowd):
    ticket, agents = crowd
    results = await _claim_all(ticket, agents)
    won = [r for r in results if isinstance(r, Ticket)]
    lost = [r for r in results if isinstance(r, staff.AlreadyClaimed)]
    assert len(won) == 1, results
    assert len(lost) == AGENTS - 1, results
    t = await Ticket.get(id=ticket.id).select_related("assignee", "status")
    winner = t.assignee
    assert winner is not None and won[0].assignee_id == winner.id
    assert {e.assignee for e in lost} == {winner.name}
    assert all(winner.name in str(e) for e in lost)
    assert t.status.role == StatusRole.IN_PROGRESS
    [claimed] = await TicketEvent.filter(ticket_id=ticket.id, kind="claimed")
    assert claimed.actor_id == winner.id and claimed.data == {"agent_id": winner.id}
    # No sender runs here: the queued card post was re-rendered with the winner, once.
    [post] = await OutboxMessage.filter(ticket_id=ticket.id, method="sendMessage")
    assert f"Assignee: {winner.name}" in post.payload["text"]
    assert not await OutboxMessage.filter(ticket_id=ticket.id, method="editMessageText").exists()
    # The winner pressing again keeps it; a loser trying again still loses.
    loser = next(a for a in agents if a.id != winner.id)
    again = await _claim_all(ticket, [winner, loser])
    assert isinstance(again[0], Ticket) and isinstance(again[1], staff.AlreadyClaimed)
    assert await TicketEvent.filter(ticket_id=ticket.id, kind="claimed").count() == 1


async def test_claims_race_over_many_tickets_without_double_assignment(crowd):
    ticket, agents = crowd
    with create_i18n("en").context():
        desk_customer = (await Ticket.get(id=ticket.id).select_related("customer")).customer
        department = (await Ticket.get(id=ticket.id).select_related("department")).department
        others = [await open_ticket(desk_customer, department, f"T{n}", "x") for n in range(3)]
    everything = [ticket, *others]

    async def grab(agent: Agent) -> list[int]:
        got = []
        for t in everything:
            try:
                await staff.claim(t.id, agent)
            except staff.AlreadyClaimed:
                continue
            got.append(t.id)
        return got

    with create_i18n("en").context():
        wins = await asyncio.gather(*(grab(a) for a in agents))
    taken = [t for w in wins for t in w]
    assert sorted(taken) == sorted(t.id for t in everything)
    for t in everything:
        assert await TicketEvent.filter(ticket_id=t.id, kind="claimed").count() == 1


async def test_two_agents_press_ill_answer_on_the_same_card_before_the_bot_answers(env):
    people = await staff_desk(env)
    desk = people.desk
    dan = await Agent.create(telegram_id=9004, name="Dan")
    await dan.departments.add(desk.billing)
    dan_user = env.api.add_user(9004, "Dan")
    ticket = await new_ticket(desk.alice, desk.billing)
    await env.step()
    shown = await card_of(env, ticket.id)
    data = button(shown, "I'll answer")
    # Both see the unclaimed card and press before anything is handled.
    ann_query = people.ann.press(shown, data, chat_id=STAFF)
    dan_query = dan_user.press(shown, data, chat_id=STAFF)
    await env.step()
    answers = {
        r.params["callback_query_id"]: r.params for r in env.api.calls("answerCallbackQuery")
    }
    t = await fresh(ticket.id)
    assert t.assignee is not None and t.assignee.name in ("Ann", "Dan")
    winner_query, loser_query = (
        (ann_query, dan_query) if t.assignee.name == "Ann" else (dan_query, ann_query)
    )
    assert answers[winner_query["id"]]["text"] == (
        f"You are answering this ticket now, {t.assignee.name}."
    )
    lost = answers[loser_query["id"]]
    assert lost["text"] == f"{t.assignee.name} is already answering this ticket."
    assert lost["show_alert"] is True
    assert await TicketEvent.filter(ticket_id=ticket.id, kind="claimed").count() == 1
    assert f"Assignee: {t.assignee.name}" in (await card_of(env, ticket.id))["text"]
    assert env.api.calls(ok=False) == []
