"""Told privately (issue 16, point 3): an agent who chose `/notify private` gets the
notices about their tickets - a customer's follow-up, a reopen, a rating, an SLA
warning or breach - as a private message from the bot, in their language, with a link
to the thread; the thread still names them, without a second notification. An agent
who never started the bot privately cannot be written to: they are told so and
mentioned until they do (and again after they block the bot)."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import create_i18n
from bot.presentation import staff_thread
from bot.services import automation
from models import Agent, Priority, SlaPolicy, Ticket
from models.enums import NotifyBy
from tests.handlers.wizard_support import STAFF, button, last
from tests.staff.helpers import claimed, staff_desk


def _mentioned(message: dict) -> list[int]:
    return [e["user"]["id"] for e in message.get("entities", []) if e["type"] == "text_mention"]


async def _command(env, user, text: str) -> str:
    user.send_text(text, chat_id=STAFF)
    await env.step()
    return last(env, STAFF)["text"]


async def _follow_up(env, people, text: str) -> dict:
    """Alice writes to her ticket; returns the thread's copy."""
    people.alice.send_text(text, reply_to_message_id=last(env, 501)["message_id"])
    await env.step()
    return last(env, STAFF)


async def test_private_notices_once_the_agent_has_started_the_bot(env):
    people = await staff_desk(env)
    ticket, card = await claimed(env, people)
    people.ann.send_text("Which invoice?", chat_id=STAFF, reply_to_message_id=card["message_id"])
    await env.step()

    # Not started privately yet: saved, told why it cannot work yet, mentioned meanwhile.
    answer = await _command(env, people.ann, "/notify private")
    assert answer == (
        "👌 Saved. I cannot write to you privately yet: please open a chat with me and "
        "press Start. Until then you will be mentioned here."
    )
    assert (await Agent.get(id=people.desk.ann.id)).notify_by == NotifyBy.PRIVATE
    relayed = await _follow_up(env, people, "Invoice 1042")
    assert _mentioned(relayed) == [people.ann.id]
    assert env.api.bot_messages(people.ann.id) == []

    # Ann starts the bot: from now on she is told privately, named without a mention.
    people.ann.send_text("/start")
    await env.step()
    assert (await Agent.get(id=people.desk.ann.id)).private_chat is True
    before = len(env.api.bot_messages(people.ann.id))
    relayed = await _follow_up(env, people, "It was <b>twice</b>")
    assert relayed["text"].split("\n")[0].endswith(" → Ann") and _mentioned(relayed) == []
    [private] = env.api.bot_messages(people.ann.id)[before:]
    assert private["text"].startswith("💬 #1001") and "It was <b>twice</b>" in private["text"]
    assert "Open the ticket's thread" in private["text"]
    [link] = [e["url"] for e in private["entities"] if e["type"] == "text_link"]
    assert link == f"https://t.me/c/1000000001/{ticket.staff_message_id}"

    # /notify alone says which is in force; nonsense changes nothing.
    assert "as a private message from me" in await _command(env, people.ann, "/notify")
    assert "/notify private" in await _command(env, people.ann, "/notify pigeons")
    assert (await Agent.get(id=people.desk.ann.id)).notify_by == NotifyBy.PRIVATE

    # Back to mentions.
    answer = await _command(env, people.ann, "/notify group")
    assert answer == "👌 Done: you will be mentioned here about your tickets."
    before = len(env.api.bot_messages(people.ann.id))
    relayed = await _follow_up(env, people, "Hello?")
    assert _mentioned(relayed) == [people.ann.id]
    assert len(env.api.bot_messages(people.ann.id)) == before


async def test_sla_and_reopen_notices_privately_in_the_agents_language(env):
    people = await staff_desk(env)
    await Agent.filter(id=people.desk.ann.id).update(
        language="ru", notify_by=NotifyBy.PRIVATE, private_chat=True
    )
    normal = await Priority.get(is_default=True)
    await SlaPolicy.create(
        name="normal", priority=normal, first_response_minutes=60, resolution_minutes=600
    )
    ticket, card = await claimed(env, people)
    # Her own answer in the staff chat, in Russian: she chose it in the desk.
    assert "личные сообщения" in await _command(env, people.ann, "/notify private")

    started = (await Ticket.get(id=ticket.id)).sla_started_at
    for minutes in (500, 601):
        with create_i18n("en").context():
            await automation.run_due(started + timedelta(minutes=minutes))
        await env.step()
    notices = [m for m in env.api.bot_messages(STAFF) if m["text"][:1] in ("🟡", "🔴")]
    # The first response (never given) breached, the resolution warned, then breached.
    assert [m["text"][:1] for m in notices] == ["🔴", "🟡", "🔴"]
    for notice in notices:  # the thread, in the desk's language, names her
        assert notice["text"].endswith(" → Ann") and _mentioned(notice) == []
    private = [m["text"] for m in env.api.bot_messages(people.ann.id)]
    assert [t[:1] for t in private if t[:1] in ("🟡", "🔴")] == ["🔴", "🟡", "🔴"]
    assert all("Открыть ветку заявки" in t for t in private if t[:1] in ("🟡", "🔴"))
    # Once: the next pass tells nobody again.
    with create_i18n("en").context():
        await automation.run_due(started + timedelta(minutes=700))
    await env.step()
    assert [m["text"] for m in env.api.bot_messages(people.ann.id)] == private

    # Resolved, Alice reopens: privately too.
    people.ann.send_text("Done", chat_id=STAFF, reply_to_message_id=card["message_id"])
    await env.step()
    people.ann.press(card, button(card, "Resolve"))
    await env.step()
    reopen = next(
        m for m in reversed(env.api.bot_messages(501)) if "reopen" in str(m.get("reply_markup"))
    )
    people.alice.press(reopen, button(reopen, "No, reopen"))
    await env.step()
    reopened = last(env, STAFF)
    assert reopened["text"] == "🔓 #1001: Alice reopened the ticket. Ann, it is yours again."
    assert _mentioned(reopened) == []
    assert last(env, people.ann.id)["text"].startswith("🔓 #1001")

    # She blocks the bot: mentioned again.
    with create_i18n("en").context():
        await staff_thread.customer_blocked_bot(people.ann.id, blocked=True)
    assert (await Agent.get(id=people.desk.ann.id)).private_chat is False
    people.alice.send_text("Still there?")
    await env.step()
    asked = last(env, 501)  # which ticket: Alice's chat shows her ticket's view
    people.alice.press(asked, button(asked, "#1001"))
    await env.step()
    relayed = last(env, STAFF)
    assert "Still there?" in relayed["text"]
    assert _mentioned(relayed) == [people.ann.id]


async def test_a_rating_of_the_answer_is_told_privately_to_its_author(env):
    people = await staff_desk(env)
    await Agent.filter(id=people.desk.ann.id).update(notify_by=NotifyBy.PRIVATE, private_chat=True)
    _, card = await claimed(env, people)
    people.ann.send_text("Refunded", chat_id=STAFF, reply_to_message_id=card["message_id"])
    await env.step()
    answer = last(env, 501)
    people.alice.press(answer, button(answer, "👍"))
    await env.step()
    rated = last(env, STAFF)
    assert rated["text"] == "👍 #1001: Alice liked the answer by Ann. → Ann"
    assert _mentioned(rated) == []
    private = last(env, people.ann.id)["text"]
    assert private.startswith("👍 #1001: Alice liked the answer by Ann.\n")
