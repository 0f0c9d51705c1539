"""What the customer does to a ticket is told in its thread (SPEC §4): rating an answer,
closing, confirming, reopening (the assignee is mentioned), CSAT and its comment; in a
forum the ticket's topic follows its status (closed, reopened, renamed when solved)."""

from __future__ import annotations

from models import Agent
from models.enums import StatusRole
from tests.handlers.wizard_support import STAFF, button, current, last
from tests.staff.helpers import (
    card_of,
    claimed,
    fresh,
    new_ticket,
    role,
    staff_desk,
    tap,
    where,
)
from tests.support import button_texts


async def _answered(env, people, **kw):
    """Alice's billing ticket, claimed and answered by Ann; returns (ticket, Ann's
    message in the staff chat, the answer as Alice got it)."""
    ticket, shown = await claimed(env, people, **kw)
    mine = people.ann.send_text("Refunded", chat_id=STAFF, **where(ticket, shown))
    await env.step()
    return ticket, mine, last(env, 501)


async def _press(env, user, message: dict, label: str) -> None:
    user.press(message, button(message, label))
    await env.step()


def _with_button(env, label: str) -> dict:
    """The newest message in Alice's chat (as edited now) with a button `label`."""
    return next(
        m for m in reversed(env.api.bot_messages(501)) if any(label in b for b in button_texts(m))
    )


def _staff_notice(env) -> dict:
    """The bot's newest text in the staff chat (not a topic's service message)."""
    return [m for m in env.api.bot_messages(STAFF) if "text" in m][-1]


async def test_ratings_closing_reopening_and_csat_are_told_in_the_thread(env):
    people = await staff_desk(env)
    alice = people.alice
    ticket, mine, answer = await _answered(env, people)
    card_id = (await fresh(ticket.id)).staff_message_id
    await _press(env, alice, answer, "👍")
    notice = _staff_notice(env)
    assert notice["text"] == "👍 #1001: Alice liked the answer by Ann. → Ann"
    # The answer's author is mentioned (notified).
    [mention] = [e for e in notice["entities"] if e["type"] == "text_mention"]
    assert mention["user"]["id"] == people.ann.id
    assert notice["reply_to_message"]["message_id"] == mine["message_id"]
    await _press(env, alice, _with_button(env, "👎"), "👎")
    assert _staff_notice(env)["text"] == "👎 #1001: Alice did not like the answer by Ann. → Ann"
    before = len(env.api.bot_messages(STAFF))
    await _press(env, alice, _with_button(env, "👎"), "👎")  # the same again: nothing new
    assert len(env.api.bot_messages(STAFF)) == before

    # Resolved; Alice says no: Ann is mentioned (a real mention, so she is notified).
    await tap(env, people.ann, await card_of(env, ticket.id), "Resolve")
    await _press(env, alice, _with_button(env, "No, reopen"), "No, reopen")
    assert await role(ticket.id) == StatusRole.IN_PROGRESS
    notice = _staff_notice(env)
    assert notice["text"] == "🔓 #1001: Alice reopened the ticket. Ann, it is yours again."
    [mention] = [e for e in notice["entities"] if e["type"] == "text_mention"]
    assert mention["user"]["id"] == people.ann.id
    assert notice["reply_to_message"]["message_id"] == card_id
    # Resolved again; Alice confirms, rates 4 and comments.
    await tap(env, people.ann, await card_of(env, ticket.id), "Resolve")
    await _press(env, alice, _with_button(env, "Yes, solved"), "Yes, solved")
    assert _staff_notice(env)["text"] == (
        "✅ #1001: Alice confirmed the solution; the ticket is closed."
    )
    await _press(env, alice, _with_button(env, "4 ⭐"), "4 ⭐")
    rated = _staff_notice(env)
    assert rated["text"] == "⭐ #1001: Alice rated the support 4 of 5. → Ann"
    assert [e["user"]["id"] for e in rated["entities"] if e["type"] == "text_mention"] == [
        people.ann.id
    ]
    alice.send_text("Quick, but <b>two</b> days & a call")
    await env.step()
    assert _staff_notice(env)["text"] == (
        "💬 #1001: Alice's comment on the rating: «Quick, but <b>two</b> days & a call»"
    )
    # Closed within the reopen window, Alice reopens from her tickets.
    alice.send_text("/tickets")
    await env.step()
    await _press(env, alice, last(env, 501), "#1001")
    screen = last(env, 501)["message_id"]  # the ticket's view, edited in place
    await _press(env, alice, current(env, 501, screen), "Reopen")
    assert await role(ticket.id) == StatusRole.IN_PROGRESS
    assert _staff_notice(env)["text"] == (
        "🔓 #1001: Alice reopened the ticket. Ann, it is yours again."
    )
    # And closes it herself.
    await _press(env, alice, current(env, 501, screen), "Close")
    assert _staff_notice(env)["text"] == "🔒 #1001: Alice closed the ticket."
    assert env.api.calls(ok=False) == []


async def test_a_reopened_ticket_without_assignee_waits_for_ill_answer(env):
    people = await staff_desk(env)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    await tap(env, people.root, await card_of(env, ticket.id), "Status")
    await tap(env, people.root, await card_of(env, ticket.id), "resolved")
    await _press(env, people.alice, _with_button(env, "No, reopen"), "No, reopen")
    assert await role(ticket.id) == StatusRole.NEW
    notice = _staff_notice(env)
    assert notice["text"] == "🔓 #1001: Alice reopened the ticket. It waits for «I'll answer»."
    assert not [e for e in notice.get("entities", []) if e["type"] == "text_mention"]
    # Writing to a resolved ticket reopens it too, and the assignee is told.
    shown = await card_of(env, ticket.id)
    await tap(env, people.ann, shown, "I'll answer")
    people.ann.send_text("Try now", chat_id=STAFF, reply_to_message_id=shown["message_id"])
    await env.step()
    answer = last(env, 501)
    await tap(env, people.ann, await card_of(env, ticket.id), "Resolve")
    people.alice.send_text("Still broken", reply_to_message_id=answer["message_id"])
    await env.step()
    assert _staff_notice(env)["text"] == (
        "🔓 #1001: Alice reopened the ticket. Ann, it is yours again."
    )
    assert env.api.calls(ok=False) == []


async def test_the_forum_topic_follows_the_status(env):
    people = await staff_desk(env, forum=True)
    await Agent.filter(id=people.desk.ann.id).update(name="Ann <A>")
    ticket, _, _ = await _answered(env, people, subject="Refund")
    topic_id = (await fresh(ticket.id)).staff_topic_id
    topic = people.group.topics[topic_id]
    assert topic.name == "#1001 Refund" and not topic.closed
    await tap(env, people.ann, await card_of(env, ticket.id), "Resolve")
    assert topic.name == "✅ #1001 Refund" and not topic.closed
    await _press(env, people.alice, _with_button(env, "No, reopen"), "No, reopen")
    assert topic.name == "#1001 Refund" and not topic.closed
    notice = _staff_notice(env)
    assert notice["text"] == "🔓 #1001: Alice reopened the ticket. Ann <A>, it is yours again."
    assert notice["message_thread_id"] == topic_id
    await tap(env, people.ann, await card_of(env, ticket.id), "Resolve")
    await _press(env, people.alice, _with_button(env, "Yes, solved"), "Yes, solved")
    assert topic.name == "✅ #1001 Refund" and topic.closed
    # Rated after closing: still told in the (closed) topic.
    await _press(env, people.alice, _with_button(env, "5 ⭐"), "5 ⭐")
    assert _staff_notice(env)["message_thread_id"] == topic_id
    await tap(env, people.ann, await card_of(env, ticket.id), "Reopen")
    assert topic.name == "#1001 Refund" and not topic.closed
    await tap(env, people.ann, await card_of(env, ticket.id), "Close")
    assert topic.name == "✅ #1001 Refund" and topic.closed
    # Only real changes were asked for: a rename when the name changes, one close or
    # reopen per change (Telegram refuses the rest as TOPIC_NOT_MODIFIED).
    edits = [r.params["name"] for r in env.api.calls("editForumTopic")]
    done, open_ = "✅ #1001 Refund", "#1001 Refund"
    assert edits == [done, open_, done, open_, done]
    assert len(env.api.calls("closeForumTopic")) == 2
    assert len(env.api.calls("reopenForumTopic")) == 1
    assert env.api.calls(ok=False) == []
