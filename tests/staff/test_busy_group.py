"""A busy staff group (its 20 messages a minute used up): what queues meanwhile is
sent once the group has room again - and no call is wasted on an edit Telegram would
refuse as "message is not modified" (SPEC §8)."""

from __future__ import annotations

from models import Agent, Customer, OutboxMessage
from models.enums import OutboxStatus
from tests.handlers.wizard_support import STAFF, last
from tests.staff.helpers import card_of, new_ticket, staff_desk, tap, texts_in
from tests.support import wait_until


async def _customers_settled() -> bool:
    waiting = [OutboxStatus.PENDING, OutboxStatus.SENDING]
    return not await OutboxMessage.filter(chat_id__gt=0, status__in=waiting).exists()


async def _relay_desk(env):
    """Ten customers with a ticket each, claimed by one of four agents."""
    people = await staff_desk(env)
    desk = people.desk
    dan = await Agent.create(telegram_id=9004, name="Dan")
    await dan.departments.add(desk.billing, desk.tech)
    people.group.add_member(env.api.add_user(9004, "Dan"))
    agents = [
        (people.ann, desk.billing),
        (people.bob, desk.tech),
        (people.root, desk.billing),
        (env.api.user(9004), desk.tech),
    ]
    pairs = []
    for n in range(10):
        user = env.api.add_user(600 + n, f"Cust{n}")
        customer = await Customer.create(telegram_id=user.id, first_name=f"Cust{n}")
        agent, department = agents[n % 4]
        ticket = await new_ticket(customer, department, f"Issue {n}", f"Details {n}")
        pairs.append((user, ticket, agent))
    await env.step()
    for _, ticket, agent in pairs:
        await tap(env, agent, await card_of(env, ticket.id), "I'll answer")
    return pairs


async def test_a_relay_run_in_a_busy_group_wastes_no_call_on_unchanged_edits(env):
    """10 customers x 2 follow-ups, 4 agents answering, while the staff group is busy:
    each answer queues a card edit (waiting for the customer) and the follow-up turns it
    back (in progress) before it could be sent - an edit that would change nothing."""
    pairs = await _relay_desk(env)
    for round_ in range(2):
        with env.hold(STAFF):
            for _, ticket, agent in pairs:
                card = await card_of(env, ticket.id)
                agent.send_text(
                    f"Answer {round_}", chat_id=STAFF, reply_to_message_id=card["message_id"]
                )
            await env.handled_all()
            # (Delivered and recorded: a Telegram reply to it is routed by that record.)
            await wait_until(_customers_settled)
            for user, _, _ in pairs:
                assert last(env, user.id)["text"].endswith(f"Answer {round_}")
                user.send_text(
                    f"Follow-up {round_} of {user.first_name}",
                    reply_to_message_id=last(env, user.id)["message_id"],
                )
            await env.handled_all()
        await env.step()
    assert env.api.calls(ok=False) == []
    # The skipped edits are counted (the sender's stats feed /metrics).
    assert env.sender.stats["unchanged"] >= len(pairs)
    staff = texts_in(env, STAFF)
    for user, ticket, _ in pairs:
        card = await card_of(env, ticket.id)
        assert "in progress" in card["text"].splitlines()[0]
        for round_ in range(2):
            assert any(t.endswith(f"Follow-up {round_} of {user.first_name}") for t in staff)
