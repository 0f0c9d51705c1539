"""A customer's burst into a busy staff group (issue 13, point 6): Telegram lets a bot
post about 20 messages a minute into a group, so while the ticket's last staff copy
still waits in the outbox, the customer's next texts join it - one send instead of
several, the thread reading as it would have. Files, anything said in between, a long
text or a pause end the run; a copy already sent is never touched."""

from __future__ import annotations

from datetime import timedelta

import pytest

from models import Message, OutboxMessage
from models.enums import MessageKind, OutboxStatus
from tests.handlers.wizard_support import STAFF, last
from tests.staff.helpers import card_of, new_ticket, staff_desk, tap


async def _answered(env, *, forum: bool = False):
    """A claimed and answered ticket of Alice's; returns the people, the ticket and the
    answer as Alice received it (her messages reply to it, so they join the ticket)."""
    people = await staff_desk(env, forum=forum)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    card = await card_of(env, ticket.id)
    await tap(env, people.ann, card, "I'll answer")
    thread = {"message_thread_id": card["message_thread_id"]} if forum else {}
    people.ann.send_text(
        "Which invoice?", chat_id=STAFF, reply_to_message_id=card["message_id"], **thread
    )
    await env.step()
    return people, ticket, last(env, 501)


def _relays(env, before: int) -> list[dict]:
    return [m for m in env.api.bot_messages(STAFF)[before:] if "💬" in m.get("text", "")]


async def test_a_burst_while_the_group_is_busy_goes_out_as_one_message(env):
    people, ticket, answer = await _answered(env)
    before = len(env.api.bot_messages(STAFF))
    with env.hold(STAFF):
        for text in ("Invoice 1042", "from March", "paid <twice> & more"):
            people.alice.send_text(text, reply_to_message_id=answer["message_id"])
            await env.handled_all()
        queued = await OutboxMessage.filter(
            chat_id=STAFF, status=OutboxStatus.PENDING, ticket_id=ticket.id
        )
        assert len([r for r in queued if r.method == "sendMessage"]) == 1
    await env.step()
    relays = _relays(env, before)
    assert len(relays) == 1
    lines = relays[0]["text"].split("\n")
    assert lines[0].startswith(f"💬 #{ticket.number} · Alice (@alice)")
    assert lines[1:] == ["Invoice 1042", "", "from March", "", "paid <twice> & more"], repr(lines)
    # Every message is stored on its own, in order.
    stored = await Message.filter(ticket_id=ticket.id, kind=MessageKind.CUSTOMER).order_by("id")
    assert [m.text for m in stored][-3:] == ["Invoice 1042", "from March", "paid <twice> & more"]
    # An agent's reply to the combined copy reaches the customer.
    people.ann.send_text("Refunded", chat_id=STAFF, reply_to_message_id=relays[0]["message_id"])
    await env.step()
    assert "Refunded" in last(env, 501)["text"]


async def test_texts_sent_one_by_one_stay_separate_messages(env):
    people, _ticket, answer = await _answered(env)
    before = len(env.api.bot_messages(STAFF))
    for text in ("first", "second"):
        people.alice.send_text(text, reply_to_message_id=answer["message_id"])
        await env.step()
    assert [r["text"].split("\n")[1:] for r in _relays(env, before)] == [["first"], ["second"]]


async def test_a_file_or_an_agents_word_in_between_ends_the_run(env):
    people, ticket, answer = await _answered(env)
    before = len(env.api.bot_messages(STAFF))
    with env.hold(STAFF):
        people.alice.send_text("one", reply_to_message_id=answer["message_id"])
        await env.handled_all()
        people.alice.send_photo("screenshot", reply_to_message_id=answer["message_id"])
        await env.handled_all()
        people.alice.send_text("two", reply_to_message_id=answer["message_id"])
        await env.handled_all()
        card = await card_of(env, ticket.id)
        people.ann.send_text("Looking", chat_id=STAFF, reply_to_message_id=card["message_id"])
        await env.handled_all()
        people.alice.send_text("three", reply_to_message_id=answer["message_id"])
        await env.handled_all()
    await env.step()
    sent = env.api.bot_messages(STAFF)[before:]
    kinds = [
        "photo" if "photo" in m else m["text"].split("\n", 1)[1]
        for m in sent
        if "photo" in m or "💬" in m.get("text", "")
    ]
    # (The photo's caption goes first, the photo replying to it.)
    assert kinds == ["one", "screenshot", "photo", "two", "three"]


async def test_a_long_run_starts_a_new_message_before_4096_characters(env):
    people, _ticket, answer = await _answered(env)
    before = len(env.api.bot_messages(STAFF))
    chunk = "x" * 1500
    with env.hold(STAFF):
        for n in range(4):
            people.alice.send_text(f"{n}{chunk}", reply_to_message_id=answer["message_id"])
            await env.handled_all()
    await env.step()
    relays = _relays(env, before)
    bodies = [r["text"].split("\n", 1)[1].split("\n\n") for r in relays]
    assert [[part[0] for part in body] for body in bodies] == [["0", "1"], ["2", "3"]]
    assert all(len(r["text"]) <= 4096 for r in relays)


async def test_a_pause_longer_than_the_window_starts_a_new_message(env):
    people, ticket, answer = await _answered(env)
    before = len(env.api.bot_messages(STAFF))
    with env.hold(STAFF):
        people.alice.send_text("before lunch", reply_to_message_id=answer["message_id"])
        await env.handled_all()
        earlier = await Message.filter(ticket_id=ticket.id).order_by("-id").first()
        await Message.filter(id=earlier.id).update(
            created_at=earlier.created_at - timedelta(minutes=6)
        )
        people.alice.send_text("after lunch", reply_to_message_id=answer["message_id"])
        await env.handled_all()
    await env.step()
    assert [r["text"].split("\n")[1:] for r in _relays(env, before)] == [
        ["before lunch"],
        ["after lunch"],
    ]


@pytest.mark.parametrize("sent", [False, True], ids=["queued", "sent"])
async def test_editing_a_coalesced_message_rerenders_the_whole_copy(env, sent):
    people, _ticket, answer = await _answered(env)
    before = len(env.api.bot_messages(STAFF))
    with env.hold(STAFF):
        people.alice.send_text("Invoice 1042", reply_to_message_id=answer["message_id"])
        await env.handled_all()
        second = people.alice.send_text("from Marhc", reply_to_message_id=answer["message_id"])
        await env.handled_all()
        if not sent:
            people.alice.edit_text(second, "from March")
            await env.handled_all()
    await env.step()
    if sent:
        people.alice.edit_text(second, "from March")
        await env.step()
    relays = _relays(env, before)
    assert len(relays) == 1
    shown = env.api.bot_messages(STAFF)
    now = next(m for m in shown if m["message_id"] == relays[0]["message_id"])
    lines = now["text"].split("\n")
    assert "(edited)" in lines[0]
    assert lines[1:] == ["Invoice 1042", "", "from March"]
    if sent:
        assert env.api.calls("editMessageText", ok=True, chat_id=STAFF)


async def test_a_burst_coalesces_inside_the_tickets_forum_topic(env):
    people, ticket, answer = await _answered(env, forum=True)
    before = len(env.api.bot_messages(STAFF))
    with env.hold(STAFF):
        for text in ("a", "b"):
            people.alice.send_text(text, reply_to_message_id=answer["message_id"])
            await env.handled_all()
    await env.step()
    relays = _relays(env, before)
    assert len(relays) == 1 and relays[0]["text"].split("\n")[1:] == ["a", "", "b"]
    card = await card_of(env, ticket.id)
    assert relays[0]["message_thread_id"] == card["message_thread_id"]
