"""An edit wins whether the copy it changes is still queued (a busy chat), being sent
or sent (SPEC §4 "Edits are mirrored", §8): the other side ends up showing the edited
text, with no refused call."""

from __future__ import annotations

import pytest

from models import OutboxMessage
from models.enums import MessageKind, OutboxStatus
from tests.handlers.wizard_support import STAFF, current, last
from tests.staff.helpers import card_of, messages, new_ticket, staff_desk, tap, texts_in
from tests.support import wait_until

STATES = ["queued", "in_flight", "sent"]


async def _claimed(env):
    people = await staff_desk(env)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    await tap(env, people.ann, await card_of(env, ticket.id), "I'll answer")
    return people, ticket, await card_of(env, ticket.id)


async def _copy_in(state: str, env, chat_id: int, send) -> dict:
    """Sends through `send()` a message whose copy goes to `chat_id`, then brings that
    copy into `state`; returns the message sent. The caller edits it and then calls
    `release()` (the returned context's exit) to let the chat go on."""
    if state == "in_flight":
        # Telegram takes a second to answer: the copy is being sent meanwhile.
        env.api.fail_next(status="slow", delay=1.5, method="sendMessage", chat_id=chat_id)
    sent = send()
    if state == "sent":
        await env.step()
    elif state == "in_flight":

        async def sending() -> bool:
            return await OutboxMessage.filter(chat_id=chat_id, status=OutboxStatus.SENDING).exists()

        await wait_until(sending)
    else:
        await env.handled_all()
    return sent


def _held(env, state: str, chat_id: int):
    return env.hold(chat_id) if state == "queued" else _nothing()


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


@pytest.mark.parametrize("state", STATES)
async def test_a_customers_edit_reaches_the_staff_copy_in_any_state(env, state):
    people, ticket, card = await _claimed(env)
    people.ann.send_text("Which invoice?", chat_id=STAFF, reply_to_message_id=card["message_id"])
    await env.step()
    answer = last(env, 501)
    before = len(env.api.bot_messages(STAFF))
    with _held(env, state, STAFF):
        mine = await _copy_in(
            state,
            env,
            STAFF,
            lambda: people.alice.send_text(
                "Invoice 1O42", reply_to_message_id=answer["message_id"]
            ),
        )
        people.alice.edit_text(mine, "Invoice 1042")
        await env.handled_all()
    await env.step()
    relays = env.api.bot_messages(STAFF)[before:]
    assert [r["text"].splitlines()[-1] for r in relays] == ["Invoice 1042"]
    assert "(edited)" in relays[0]["text"].splitlines()[0]
    assert not any("1O42" in t for t in texts_in(env, STAFF))
    edits = env.api.calls("editMessageText", STAFF)
    on_copy = [e for e in edits if e.params.get("message_id") == relays[0]["message_id"]]
    # Queued: the copy itself went out with the new text; otherwise one edit follows it.
    assert len(on_copy) == (0 if state == "queued" else 1)
    [_, followup] = await messages(ticket.id, MessageKind.CUSTOMER)
    assert followup.text == "Invoice 1042"
    assert env.api.calls(ok=False) == []


@pytest.mark.parametrize("state", STATES)
async def test_an_agents_edit_reaches_the_customers_copy_in_any_state(env, state):
    people, ticket, card = await _claimed(env)
    before = len(env.api.bot_messages(501))
    with _held(env, state, 501):
        sent = await _copy_in(
            state,
            env,
            501,
            lambda: people.ann.send_text(
                "Refund on Mondy", chat_id=STAFF, reply_to_message_id=card["message_id"]
            ),
        )
        people.ann.edit_text(sent, "Refund on Monday")
        await env.handled_all()
    await env.step()
    answers = env.api.bot_messages(501)[before:]
    assert [a["text"] for a in answers] == [
        "💬 Ticket #1001 — answer from Ann:\n\nRefund on Monday"
    ]
    assert current(env, 501, answers[0]["message_id"])["reply_markup"]["inline_keyboard"]
    on_copy = env.api.calls("editMessageText", 501)
    assert len(on_copy) == (0 if state == "queued" else 1)
    [stored] = await messages(ticket.id, MessageKind.AGENT)
    assert stored.text == "Refund on Monday"
    assert env.api.calls(ok=False) == []
