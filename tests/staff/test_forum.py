"""A forum staff chat (SPEC §4): every message of a ticket lives in the ticket's own
topic, including files, relayed messages and notices; a chat not yet known to be a
forum is asked first, so the first ticket gets its topic too."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.i18n import create_i18n
from bot.services import automation, tickets
from bot.services.settings import runtime_settings, update_settings
from models import OutboxMessage, Priority, Setting, SlaPolicy, Ticket
from models.enums import OutboxStatus
from tests.handlers.wizard_support import STAFF, last
from tests.staff.helpers import (
    card_of,
    card_posts,
    claimed,
    fresh,
    new_ticket,
    staff_desk,
    where,
)

REPORT = b"%PDF-1.4\n% the invoice\n"
SENDS = ("sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "copyMessage")


def _staff_sends(env) -> list:
    return [r for r in env.api.calls(chat_id=STAFF) if r.method in SENDS]


async def test_everything_of_a_ticket_goes_into_its_topic(env):
    people = await staff_desk(env, forum=True)
    desk = people.desk
    normal = await Priority.get(is_default=True)
    await SlaPolicy.create(
        name="normal", priority=normal, first_response_minutes=60, resolution_minutes=600
    )
    await update_settings({"sla_pause_while_waiting": False})
    # An alert with a file: the staff copy is uploaded from the attachments directory.
    root = Path((await runtime_settings(env.dp["settings"])).attachments_dir)
    with create_i18n("en").context():
        alert = await tickets.send_alert(
            customer_id=desk.carl.id,
            kind="information",
            subject="Your invoice",
            text="It is attached.",
            department_id=desk.billing.id,
            priority_id=None,
            actor=await tickets.agent_actor(desk.root),
            files=[("invoice.pdf", "application/pdf", REPORT)],
            attachments_dir=root,
        )
    ticket, shown = await claimed(env, people)
    topic = ticket.staff_topic_id
    people.ann.send_text("Which card?", chat_id=STAFF, **where(ticket, shown))
    await env.step()
    answer = last(env, 501)
    # The customer's screenshot, and a file the server could not keep a copy of.
    people.alice.send_photo("screenshot", reply_to_message_id=answer["message_id"])
    await env.step()
    env.api.fail_next(method="getFile", status=400, description="Bad Request: file is gone")
    people.alice.send_document("statement.pdf", reply_to_message_id=answer["message_id"])
    await env.step()
    # The customer blocks and unblocks the bot; the SLA warns.
    people.alice.block_bot()
    await env.step()
    people.alice.unblock_bot()
    await env.step()
    # Carl answers the alert (its SLA clock starts then) and Root answers him.
    people.carl.send_text("Got it", reply_to_message_id=last(env, 502)["message_id"])
    await env.step()
    with create_i18n("en").context():
        await tickets.reply(alert.id, "Good", await tickets.agent_actor(desk.root))
    await env.step()
    t = await fresh(ticket.id)
    with create_i18n("en").context():
        assert (await automation.run_due(t.created_at + timedelta(minutes=490))).warnings == 2
    await env.settle()
    # Someone deletes the card: what follows still goes into the topic, not to General.
    env.api.chat(STAFF).delete(t.staff_message_id)
    people.alice.send_photo("another one", reply_to_message_id=answer["message_id"])
    await env.step()

    topics = {
        ticket.id: topic,
        alert.id: (await fresh(alert.id)).staff_topic_id,
    }
    sends = _staff_sends(env)
    assert {r.method for r in sends} >= {"sendMessage", "sendPhoto", "sendDocument"}
    for request in sends:
        assert request.params.get("message_thread_id") in topics.values(), request.summary()
        assert request.created[0]["message_thread_id"] in topics.values()
    texts = [r.params.get("text") or "" for r in sends]
    assert any("could not keep a copy" in t for t in texts)
    assert any("blocked the bot" in t for t in texts)
    assert sum("is due at" in t for t in texts) == 2
    uploads = [r for r in sends if r.method == "sendDocument" and "invoice" in str(r.params)]
    assert [r.params["message_thread_id"] for r in uploads] == [topics[alert.id]]
    [refused] = env.api.calls(ok=False)
    assert refused.method == "getFile"


async def test_the_first_ticket_in_a_forum_not_yet_known_gets_its_topic(env):
    """The start-up getChat failed and nobody wrote in the chat yet: before the first
    card the bot asks Telegram (once), then opens the ticket's topic."""
    people = await staff_desk(env, forum=True)
    await Setting.filter(key__in=["forum_chats", "plain_chats"]).delete()
    env.api.fail_next(method="getChat", status=502)  # Telegram hiccups: asked again
    first = await new_ticket(people.desk.alice, people.desk.billing, "Printer jams")
    await env.step()
    t = await fresh(first.id)
    assert t.staff_topic_id is not None
    assert people.group.topics[t.staff_topic_id].name == "#1001 Printer jams"
    card = await card_of(env, first.id)
    assert card["message_thread_id"] == t.staff_topic_id
    assert [r.ok for r in env.api.calls("getChat", STAFF)] == [False, True]
    second = await new_ticket(people.desk.alice, people.desk.billing, "Scanner too")
    await env.step()
    assert (await fresh(second.id)).staff_topic_id is not None
    assert len(env.api.calls("getChat", STAFF)) == 2  # now it is known
    assert len(env.api.calls("createForumTopic", STAFF)) == 2
    assert [r.status for r in env.api.calls(ok=False)] == [502]


async def test_a_plain_group_not_yet_known_gets_cards_in_the_main_chat(env):
    people = await staff_desk(env)
    await Setting.filter(key__in=["forum_chats", "plain_chats"]).delete()
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    t = await fresh(ticket.id)
    assert t.staff_topic_id is None and t.staff_message_id is not None
    [post] = card_posts(env)
    assert "message_thread_id" not in post.params
    assert env.api.calls("createForumTopic") == []
    # The topic queued on the chance it was a forum is dropped; the probe, answered,
    # leaves the outbox too: what is left there is what was delivered.
    assert await OutboxMessage.filter(method__in=["createForumTopic", "getChat"]).count() == 0
    assert {r.status for r in await OutboxMessage.all()} == {OutboxStatus.SENT}
    await new_ticket(people.desk.alice, people.desk.billing, "Second")
    await env.step()
    assert len(env.api.calls("getChat", STAFF)) == 1
    assert await OutboxMessage.filter(method__in=["createForumTopic", "getChat"]).count() == 0
    assert await Ticket.filter(staff_topic_id__isnull=False).count() == 0
    assert env.api.calls(ok=False) == []


async def test_a_ticket_closed_before_its_group_is_known_makes_no_topic_calls(env):
    """The ticket is closed while its topic is still queued on the chance of a forum
    (the group's 20 a minute used up): when the group turns out to be plain, the close
    and rename of that topic are not made, and nothing Telegram would refuse is sent."""
    people = await staff_desk(env)
    await Setting.filter(key__in=["forum_chats", "plain_chats"]).delete()
    with env.hold(STAFF):
        ticket = await new_ticket(people.desk.alice, people.desk.billing)
        with create_i18n("en").context():
            await tickets.close(ticket.id, await tickets.agent_actor(people.desk.root))
        await env.handled_all()
        topic_calls = await OutboxMessage.filter(
            method__in=["closeForumTopic", "editForumTopic"]
        ).count()
        assert topic_calls >= 1  # queued for the topic that may come
    await env.step()
    assert env.api.calls("closeForumTopic") == env.api.calls("editForumTopic") == []
    assert await OutboxMessage.filter(method__startswith="createForumTopic").count() == 0
    assert {r.status for r in await OutboxMessage.all()} == {OutboxStatus.SENT}
    assert "🔒 closed" in (await card_of(env, ticket.id))["text"]
    assert env.api.calls(ok=False) == []
