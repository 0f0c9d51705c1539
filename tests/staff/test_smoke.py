"""A ticket's life in the staff chat (reply mode), end to end through the dispatcher."""

from __future__ import annotations

from bot.i18n import create_i18n
from bot.services.settings import update_settings
from models import Message, Ticket
from models.enums import MessageKind, StatusRole
from tests.factories import make_desk, open_ticket
from tests.handlers.wizard_support import STAFF, button, current, last
from tests.support import button_texts


async def test_claim_answer_note_and_customer_reply_in_reply_mode(env):
    with create_i18n("en").context():
        desk = await make_desk()
    ann_user = env.api.add_user(9001, "Ann")
    bob_user = env.api.add_user(9002, "Bob")
    alice = env.api.add_user(501, "Alice")
    env.api.add_group(STAFF, "Support staff", members={ann_user: "member", bob_user: "member"})
    await update_settings({"staff_chat_id": STAFF})
    with create_i18n("en").context():
        ticket = await open_ticket(desk.alice, desk.billing, "Refund", "Please refund")
    await env.step()
    card = env.api.bot_messages(STAFF)[0]
    assert button_texts(card)[0] == "🙋 I'll answer"
    # Bob (tech) may not claim a billing ticket.
    bob_user.press(card, button(card, "I'll answer"), chat_id=STAFF)
    await env.step()
    answers = env.api.calls("answerCallbackQuery")
    assert "department you do not work in" in answers[-1].params["text"]
    ann_user.press(card, button(card, "I'll answer"), chat_id=STAFF)
    await env.step()
    card = current(env, STAFF, card["message_id"])
    assert "Assignee: Ann" in card["text"] and "✅ Resolve" in button_texts(card)
    ann_user.send_text(
        "We will refund today", chat_id=STAFF, reply_to_message_id=card["message_id"]
    )
    await env.step()
    answer = last(env, 501)
    assert "answer from Ann" in answer["text"] and "We will refund today" in answer["text"]
    ann_user.send_text(
        "!checked with finance", chat_id=STAFF, reply_to_message_id=card["message_id"]
    )
    await env.step()
    assert await Message.filter(ticket_id=ticket.id, kind=MessageKind.NOTE).count() == 1
    assert "finance" not in last(env, 501)["text"]
    alice.send_text("Thanks, waiting", reply_to_message_id=answer["message_id"])
    await env.step()
    relay = env.api.bot_messages(STAFF)[-1]
    assert "Thanks, waiting" in relay["text"]
    assert relay["reply_to_message"]["message_id"] == card["message_id"]
    t = await Ticket.get(id=ticket.id).select_related("status")
    assert t.status.role == StatusRole.IN_PROGRESS
    assert env.api.calls(ok=False) == []


async def test_forum_mode_topic_per_ticket_and_recreated_after_deletion(env):
    from bot.presentation import staff_thread

    with create_i18n("en").context():
        desk = await make_desk()
    ann_user = env.api.add_user(9001, "Ann")
    alice = env.api.add_user(501, "Alice")
    forum = env.api.add_group(STAFF, "Support", is_forum=True, members={ann_user: "member"})
    await update_settings({"staff_chat_id": STAFF})
    await staff_thread.remember_chat(STAFF, True)
    with create_i18n("en").context():
        ticket = await open_ticket(desk.alice, desk.billing, "Refund", "Please refund")
    await env.step()
    t = await Ticket.get(id=ticket.id)
    assert t.staff_topic_id is not None
    assert forum.topics[t.staff_topic_id].name == "#1001 Refund"
    card = current(env, STAFF, t.staff_message_id)
    assert card["message_thread_id"] == t.staff_topic_id
    ann_user.press(card, button(card, "I'll answer"), chat_id=STAFF)
    await env.step()
    ann_user.send_text("On it", chat_id=STAFF, message_thread_id=t.staff_topic_id)
    await env.step()
    answer = last(env, 501)
    assert "On it" in answer["text"]
    # The topic is deleted; the customer's next message opens a new one with a new card.
    forum.topics[t.staff_topic_id].deleted = True
    alice.send_text("Any news?", reply_to_message_id=answer["message_id"])
    await env.step()
    t2 = await Ticket.get(id=ticket.id)
    assert t2.staff_topic_id not in (None, t.staff_topic_id)
    relay = env.api.bot_messages(STAFF)[-1]
    assert "Any news?" in relay["text"] and relay["message_thread_id"] == t2.staff_topic_id
    # The one refused call is the send into the deleted topic, answered by a new topic.
    [refused] = env.api.calls(ok=False)
    assert "thread not found" in refused.response["description"]
