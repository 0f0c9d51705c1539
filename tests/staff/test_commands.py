"""Staff chat commands (SPEC §4): /t canned answers, /on and /off with round-robin
assignment, the category's responsible agent, /mytickets and /queue, /alert, and the
inline template search."""

from __future__ import annotations

import pytest

from bot.services.settings import update_settings
from models import Agent, Category, Customer, Message, Template, Ticket, TicketEvent
from models.enums import AgentRole, MessageKind, StatusRole, TicketSource
from tests.handlers.wizard_support import STAFF, last
from tests.staff.helpers import (
    card_of,
    fresh,
    messages,
    new_ticket,
    staff_desk,
    tap,
    texts_in,
    where,
)

REFUND = "Hello {customer_name}, ticket #{ticket_number} is refunded. {agent_name}, Billing"


async def _templates(desk) -> None:
    await Template.create(
        title="Refund done", shortcut="refund", text=REFUND, department=desk.billing
    )
    await Template.create(
        title="Reboot first", shortcut="reboot", text="Reboot", department=desk.tech
    )
    await Template.create(title="Greeting", shortcut="hi", text="Hi {customer_name}!")
    await Template.create(title="Retired refund", shortcut="old", text="x", active=False)


async def _dan(env, desk, *, on_duty: bool = True) -> tuple[Agent, object]:
    """A second billing agent, Dan."""
    dan = await Agent.create(telegram_id=9004, name="Dan", on_duty=on_duty)
    await dan.departments.add(desk.billing)
    return dan, env.api.add_user(9004, "Dan")


def _last_notice(env) -> dict:
    return env.api.bot_messages(STAFF)[-1]


async def test_t_sends_the_template_with_its_placeholders_filled(env):
    people = await staff_desk(env)
    await _templates(people.desk)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    shown = await card_of(env, ticket.id)
    # Not claimed yet: the template claims it for Ann (compare-and-set), then answers.
    sent = people.ann.send_text("/t refund", chat_id=STAFF, reply_to_message_id=shown["message_id"])
    await env.step()
    answer = last(env, 501)
    assert answer["text"] == (
        "💬 Ticket #1001 — answer from Ann:\n\nHello Alice, ticket #1001 is refunded. Ann, Billing"
    )
    [stored] = await messages(ticket.id, MessageKind.AGENT)
    assert stored.text == "Hello Alice, ticket #1001 is refunded. Ann, Billing"
    t = await fresh(ticket.id)
    assert t.status.role == StatusRole.WAITING and t.assignee_id == people.desk.ann.id
    claimed = await TicketEvent.get(ticket_id=ticket.id, kind="claimed")
    assert claimed.actor_name == "Ann"
    assert "Assignee: Ann" in (await card_of(env, ticket.id))["text"]
    # The command itself is not relayed as text; the thread shows what Alice got.
    assert "/t refund" not in answer["text"]
    [copy] = [
        m
        for m in env.api.bot_messages(STAFF)
        if m.get("reply_to_message", {}).get("message_id") == sent["message_id"]
    ]
    assert copy["text"] == (
        "✉️ Sent to the customer by Ann — template /refund «Refund done»:\n\n"
        "Hello Alice, ticket #1001 is refunded. Ann, Billing"
    )
    assert env.api.calls(ok=False) == []


@pytest.mark.parametrize("forum", [False, True], ids=["reply-mode", "forum-mode"])
async def test_the_thread_shows_the_filled_template_the_customer_received(env, forum):
    people = await staff_desk(env, forum=forum)
    await Template.create(
        title="Refund <done>",
        shortcut="refund",
        text="Hi {customer_name} & co, #{ticket_number} is refunded.",
        department=people.desk.billing,
    )
    await Customer.filter(id=people.desk.alice.id).update(first_name="Al <i>")
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    shown = await card_of(env, ticket.id)
    ticket = await fresh(ticket.id)
    topic = ticket.staff_topic_id
    sent = people.ann.send_text("/t refund", chat_id=STAFF, **where(ticket, shown))
    await env.step()
    got = "Hi Al <i> & co, #1001 is refunded."
    assert last(env, 501)["text"].endswith(got)
    copy = env.api.bot_messages(STAFF)[-1]
    assert copy["text"] == (
        f"✉️ Sent to the customer by Ann — template /refund «Refund <done>»:\n\n{got}"
    )
    assert copy["reply_to_message"]["message_id"] == sent["message_id"]
    if forum:
        assert copy["message_thread_id"] == topic
    # A reply to the copy is still in the ticket's thread (it is linked to the answer).
    people.ann.send_text(
        "/note the copy routes", chat_id=STAFF, reply_to_message_id=copy["message_id"]
    )
    await env.step()
    assert [n.text for n in await messages(ticket.id, MessageKind.NOTE)] == ["the copy routes"]
    # From the card's 📋 menu: a toast, and the copy under the card.
    await tap(env, people.ann, await card_of(env, ticket.id), "Templates")
    toast = await tap(env, people.ann, await card_of(env, ticket.id), "Refund <done>")
    assert toast["text"] == "✉️ Sent to the customer."
    copy = env.api.bot_messages(STAFF)[-1]
    assert copy["text"].startswith("✉️ Sent to the customer by Ann — template /refund")
    assert copy["reply_to_message"]["message_id"] == shown["message_id"]
    assert len(await messages(ticket.id, MessageKind.AGENT)) == 2
    assert env.api.calls(ok=False) == []


async def test_t_in_a_forum_topic(env):
    people = await staff_desk(env, forum=True)
    await _templates(people.desk)
    ticket = await new_ticket(people.desk.carl, people.desk.billing)
    await env.step()
    await tap(env, people.ann, await card_of(env, ticket.id), "I'll answer")
    topic = (await fresh(ticket.id)).staff_topic_id
    people.ann.send_text("/t refund", chat_id=STAFF, message_thread_id=topic)
    await env.step()
    # Carl reads Russian; the template text itself is sent as written.
    answer = last(env, 502)
    assert "Hello Carl, ticket #1001 is refunded. Ann, Billing" in answer["text"]
    assert "#1001" in answer["text"].splitlines()[0]
    assert env.api.calls(ok=False) == []


async def test_t_refusals_unknown_other_department_outside_and_not_yours(env):
    people = await staff_desk(env)
    desk = people.desk
    await _templates(desk)
    _, dan_user = await _dan(env, desk)
    ticket = await new_ticket(desk.alice, desk.billing)
    await env.step()
    shown = await card_of(env, ticket.id)
    card_id = shown["message_id"]
    for shortcut in ("nope", "reboot", "old"):  # unknown, Tech's, inactive
        people.ann.send_text(f"/t {shortcut}", chat_id=STAFF, reply_to_message_id=card_id)
        await env.step()
        notice = _last_notice(env)
        assert notice["text"] == (
            f"No template «{shortcut}» for this ticket. The card's 📋 button lists them."
        )
    people.ann.send_text("/t refund", chat_id=STAFF)
    await env.step()
    notice = _last_notice(env)
    assert notice["text"] == "Use this in a ticket's topic or as a reply to its card."
    people.bob.send_text("/t hi", chat_id=STAFF, reply_to_message_id=card_id)
    await env.step()
    assert _last_notice(env)["text"] == "This ticket belongs to a department you do not work in."
    await tap(env, people.ann, shown, "I'll answer")
    dan_user.send_text("/t refund", chat_id=STAFF, reply_to_message_id=card_id)
    await env.step()
    assert _last_notice(env)["text"].startswith("Not sent to the customer: Ann is answering")
    # Non-agents' commands are ignored.
    before = len(env.api.bot_messages(STAFF))
    people.eve.send_text("/t refund", chat_id=STAFF, reply_to_message_id=card_id)
    await env.step()
    assert len(env.api.bot_messages(STAFF)) == before
    # Nothing reached Alice but the acknowledgement-free silence: no answers at all.
    assert not await Message.filter(ticket_id=ticket.id, kind=MessageKind.AGENT).exists()
    assert env.api.bot_messages(501) == []
    assert env.api.calls(ok=False) == []


async def test_t_alone_lists_the_tickets_templates_with_their_placeholders(env):
    people = await staff_desk(env)
    desk = people.desk
    await _templates(desk)
    await Template.create(
        title="Thanks <3", shortcut="thx", text="Thank you!", department=desk.billing
    )
    ticket = await new_ticket(desk.alice, desk.billing)
    tech = await new_ticket(desk.carl, desk.tech, "Printer")
    await env.step()
    sent = people.ann.send_text(
        "/t", chat_id=STAFF, reply_to_message_id=(await card_of(env, ticket.id))["message_id"]
    )
    await env.step()
    notice = _last_notice(env)
    assert notice["reply_to_message"]["message_id"] == sent["message_id"]
    assert notice["text"] == (
        "📋 Templates for #1001 (send one with /t shortcut):\n"
        "/hi · Greeting — {customer_name}\n"
        "/refund · Refund done — {customer_name}, {ticket_number}, {agent_name}\n"
        "/thx · Thanks <3 — no placeholders"
    )
    # Nothing was sent to the customer.
    assert not await Message.filter(ticket_id=ticket.id, kind=MessageKind.AGENT).exists()
    # A department without templates of its own still has the common ones; with none
    # at all, it says so.
    await Template.filter(department_id=None).delete()
    await Template.filter(department_id=desk.tech.id).delete()
    people.bob.send_text(
        "/t", chat_id=STAFF, reply_to_message_id=(await card_of(env, tech.id))["message_id"]
    )
    await env.step()
    assert _last_notice(env)["text"] == (
        "No templates for #1002 yet: admins add them in the admin API (templates)."
    )
    assert env.api.calls(ok=False) == []


async def test_on_and_off_set_duty_and_round_robin_skips_who_is_off(env):
    people = await staff_desk(env)
    desk = people.desk
    dan, dan_user = await _dan(env, desk)
    await update_settings({"round_robin": True})
    opened = [await new_ticket(desk.alice, desk.billing, f"R{n}") for n in range(4)]
    await env.step()
    assignees = [(await fresh(t.id)).assignee.name for t in opened]
    assert assignees == ["Ann", "Dan", "Ann", "Dan"]
    for t in opened:
        ft = await fresh(t.id)
        assert ft.status.role == StatusRole.IN_PROGRESS
        assigned = await TicketEvent.get(ticket_id=t.id, kind="assigned")
        assert assigned.data["reason"] == "round_robin"
        assert f"Assignee: {ft.assignee.name}" in (await card_of(env, t.id))["text"]
    dan_user.send_text("/off", chat_id=STAFF)
    await env.step()
    assert _last_notice(env)["text"] == (
        "⚪️ You are off duty: no new tickets will be assigned to you."
    )
    assert (await Agent.get(id=dan.id)).on_duty is False
    later = [await new_ticket(desk.alice, desk.billing, f"S{n}") for n in range(2)]
    assert [(await fresh(t.id)).assignee.name for t in later] == ["Ann", "Ann"]
    dan_user.send_text("/on", chat_id=STAFF)
    await env.step()
    assert _last_notice(env)["text"] == "🟢 You are on duty: new tickets may be assigned to you."
    assert (await Agent.get(id=dan.id)).on_duty is True
    assert (await fresh((await new_ticket(desk.alice, desk.billing, "U")).id)).assignee.name == (
        "Dan"
    )
    # Everyone off: the ticket waits for "I'll answer".
    for user in (people.ann, dan_user):
        user.send_text("/off", chat_id=STAFF)
    await env.step()
    waiting = await fresh((await new_ticket(desk.alice, desk.billing, "V")).id)
    assert waiting.assignee_id is None and waiting.status.role == StatusRole.NEW
    # Admins are never picked by round-robin, Tech's Bob neither.
    assert {
        t.assignee.name
        for t in await Ticket.filter(assignee_id__isnull=False).select_related("assignee")
    } == {"Ann", "Dan"}
    people.eve.send_text("/on", chat_id=STAFF)
    await env.step()
    assert _last_notice(env)["text"] == "Only registered agents can do this."
    assert env.api.calls(ok=False) == []


async def test_without_round_robin_tickets_wait_for_ill_answer(env):
    people = await staff_desk(env)
    await _dan(env, people.desk)
    t = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    t = await fresh(t.id)
    assert t.assignee_id is None and t.status.role == StatusRole.NEW
    assert "Assignee: nobody yet" in (await card_of(env, t.id))["text"]
    assert env.api.calls(ok=False) == []


async def test_the_categorys_responsible_agent_gets_the_ticket_first(env):
    people = await staff_desk(env)
    desk = people.desk
    dan, _ = await _dan(env, desk, on_duty=False)
    await Category.filter(id=desk.invoices.id).update(responsible_agent_id=dan.id)
    await update_settings({"round_robin": True})
    with_category = await new_ticket(desk.alice, desk.billing, "Invoice", category=desk.invoices)
    without = await new_ticket(desk.alice, desk.billing, "Other")
    await env.step()
    first = await fresh(with_category.id)
    assert first.assignee.name == "Dan" and first.status.role == StatusRole.IN_PROGRESS
    reason = await TicketEvent.get(ticket_id=first.id, kind="assigned")
    assert reason.data == {"agent_id": dan.id, "reason": "category"}
    assert "Assignee: Dan" in (await card_of(env, first.id))["text"]
    # The other ticket goes round-robin to who is on duty.
    assert (await fresh(without.id)).assignee.name == "Ann"
    # An inactive responsible agent is skipped.
    await Agent.filter(id=dan.id).update(active=False)
    again = await new_ticket(desk.alice, desk.billing, "Invoice 2", category=desk.invoices)
    assert (await fresh(again.id)).assignee.name == "Ann"
    assert env.api.calls(ok=False) == []


async def test_mytickets_and_queue_list_the_right_tickets(env):
    people = await staff_desk(env)
    desk = people.desk
    mine = await new_ticket(desk.alice, desk.billing, "Mine <b>")
    waiting = await new_ticket(desk.carl, desk.billing, "Unclaimed billing")
    tech = await new_ticket(desk.alice, desk.tech, "Tech one")
    closed = await new_ticket(desk.alice, desk.billing, "Closed one")
    await env.step()
    await tap(env, people.ann, await card_of(env, mine.id), "I'll answer")
    await tap(env, people.ann, await card_of(env, closed.id), "I'll answer")
    await tap(env, people.ann, await card_of(env, closed.id), "Close")
    people.ann.send_text("/mytickets", chat_id=STAFF)
    await env.step()
    text = _last_notice(env)["text"]
    assert text.splitlines()[0] == "Your open tickets"
    assert f"#{mine.number} · Mine <b> — in progress" in text
    assert "Closed one" not in text and "Unclaimed" not in text
    people.ann.send_text("/queue", chat_id=STAFF)
    await env.step()
    text = _last_notice(env)["text"]
    assert text.splitlines() == [
        "Waiting for «I'll answer»",
        f"🔵 #{waiting.number} · Unclaimed billing — new",
    ]
    people.bob.send_text("/mytickets", chat_id=STAFF)
    await env.step()
    assert _last_notice(env)["text"].splitlines() == ["Your open tickets", "Nothing here."]
    people.bob.send_text("/queue", chat_id=STAFF)
    await env.step()
    assert f"#{tech.number} · Tech one" in _last_notice(env)["text"]
    assert "Unclaimed billing" not in _last_notice(env)["text"]
    # The admin's queue is every department's.
    people.root.send_text("/queue", chat_id=STAFF)
    await env.step()
    text = _last_notice(env)["text"]
    assert "Unclaimed billing" in text and "Tech one" in text and "Mine" not in text
    people.eve.send_text("/queue", chat_id=STAFF)
    await env.step()
    assert _last_notice(env)["text"] == "Only registered agents can do this."
    assert env.api.calls(ok=False) == []


async def test_alert_by_an_admin_agent_reaches_the_customer(env):
    people = await staff_desk(env)
    desk = people.desk
    people.root.send_text(
        "/alert @alice information Your invoice is ready\nIt is in your account.",
        chat_id=STAFF,
    )
    await env.step()
    ticket = await Ticket.get(source=TicketSource.ALERT).select_related("status", "assignee")
    assert ticket.alert_kind == "information" and ticket.customer_id == desk.alice.id
    assert ticket.subject == "Your invoice is ready"
    assert ticket.assignee.name == "Root" and ticket.status.role == StatusRole.WAITING
    told = last(env, 501)
    # The first line is the subject: shown once, then the rest of the text.
    assert told["text"] == (
        f"📣 Information — ticket #{ticket.number}\nYour invoice is ready\n\nIt is in your account."
    )
    assert texts_in(env, STAFF)[-1] == f"📣 Alert sent as ticket #{ticket.number}."
    card = await card_of(env, ticket.id)
    assert f"#{ticket.number}" in card["text"] and "Assignee: Root" in card["text"]
    assert card["text"].count("Your invoice is ready") == 1
    assert card["text"].endswith("Your invoice is ready\n\nIt is in your account.")
    created = await TicketEvent.get(ticket_id=ticket.id, kind="created")
    assert created.actor_name == "Root" and created.data["alert_kind"] == "information"
    # By Telegram id, to a Russian-speaking customer.
    people.root.send_text(f"/alert {desk.carl.telegram_id} complaint Late payment", chat_id=STAFF)
    await env.step()
    assert last(env, 502)["text"].startswith("📣 ")
    assert last(env, 502)["text"].endswith("\nLate payment")  # a one-line alert: once
    assert last(env, 502)["text"].count("Late payment") == 1
    one_line = await Ticket.filter(source=TicketSource.ALERT).order_by("-id").first()
    assert (await card_of(env, one_line.id))["text"].count("Late payment") == 1
    assert await Ticket.filter(source=TicketSource.ALERT).count() == 2
    assert env.api.calls(ok=False) == []


async def test_alert_refusals(env):
    people = await staff_desk(env)
    people.ann.send_text("/alert @alice information Hello", chat_id=STAFF)
    await env.step()
    assert _last_notice(env)["text"] == "Only admins can send alerts."
    people.eve.send_text("/alert @alice information Hello", chat_id=STAFF)
    await env.step()
    assert _last_notice(env)["text"] == "Only registered agents can do this."
    people.root.send_text("/alert @alice", chat_id=STAFF)
    await env.step()
    assert _last_notice(env)["text"].startswith("Usage: /alert <customer id or @username>")
    people.root.send_text("/alert @nobody information Hello", chat_id=STAFF)
    await env.step()
    assert _last_notice(env)["text"] == "No customer «nobody» (Telegram id or @username)."
    people.root.send_text("/alert @alice gossip Hello", chat_id=STAFF)
    await env.step()
    assert _last_notice(env)["text"].startswith("Unknown kind «gossip»: use one of")
    assert not await Ticket.exists()
    assert env.api.bot_messages(501) == []
    assert env.api.calls(ok=False) == []


async def test_alert_arguments_are_checked_and_echoed_safely(env):
    """Every argument gets a clear answer (HTML in it shown as typed, never breaking the
    message); nothing is created."""
    people = await staff_desk(env)
    cases = [
        (
            "/alert <b>x information Hello",
            "«<b>x» is not a customer: give their Telegram id (digits) or @username.",
        ),
        (
            "/alert --5 information Hello",
            "«--5» is not a customer: give their Telegram id (digits) or @username.",
        ),
        (
            "/alert 123456789012345678901234567 information Hello",
            "«123456789012345678901234567» is not a customer: give their Telegram id "
            "(digits) or @username.",
        ),
        ("/alert 4242 information Hello", "No customer «4242» (Telegram id or @username)."),
        ("/alert @nobody information Hello", "No customer «nobody» (Telegram id or @username)."),
        (
            "/alert @alice <i>gossip</i> Hello",
            "Unknown kind «<i>gossip</i>»: use one of information, complaint, suspicious_activity.",
        ),
        (
            "/alert @alice information " + "x" * 101 + "\nbody",
            "The first line of the text is the alert's subject: at most 100 characters.",
        ),
        ("/alert @alice information   ", "Usage: /alert <customer id or @username>"),
    ]
    for command, answer in cases:
        people.root.send_text(command, chat_id=STAFF)
        await env.step()
        assert _last_notice(env)["text"].startswith(answer), command
    # Not an admin: told in the desk's language, not the service's English.
    people.ann.send_text("/alert @alice information Hello", chat_id=STAFF)
    await env.step()
    assert _last_notice(env)["text"] == "Only admins can send alerts."
    assert not await Ticket.exists()
    assert env.api.bot_messages(501) == []
    assert env.api.calls(ok=False) == []


async def test_an_empty_note_and_an_unknown_long_shortcut_get_clear_answers(env):
    people = await staff_desk(env)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    card_id = (await card_of(env, ticket.id))["message_id"]
    for empty in ("!", "/note", "/note   "):
        people.ann.send_text(empty, chat_id=STAFF, reply_to_message_id=card_id)
        await env.step()
        assert _last_notice(env)["text"] == (
            "The note is empty: write it after /note or ! in the same message."
        )
    people.ann.send_text("/t " + "<b>" * 1000, chat_id=STAFF, reply_to_message_id=card_id)
    await env.step()
    notice = _last_notice(env)["text"]
    assert notice.startswith("No template «<b><b>") and len(notice) < 200
    assert not await Message.filter(ticket_id=ticket.id, kind=MessageKind.NOTE).exists()
    assert env.api.calls(ok=False) == []


async def test_inline_query_searches_templates_for_agents_only(env):
    people = await staff_desk(env)
    desk = people.desk
    await _templates(desk)
    await Template.create(title="Refund policy", shortcut="policy", text="30 days")
    people.ann.send_inline_query("refund")
    await env.step()
    [answer] = env.api.calls("answerInlineQuery")
    results = answer.params["results"]
    assert [r["title"] for r in results] == ["/refund · Refund done", "/policy · Refund policy"]
    assert results[0]["input_message_content"]["message_text"] == REFUND
    assert answer.params["is_personal"] is True
    # Bob (Tech) does not see Billing's; the inactive one is never offered.
    people.bob.send_inline_query("re")
    await env.step()
    titles = [r["title"] for r in env.api.calls("answerInlineQuery")[-1].params["results"]]
    assert "/reboot · Reboot first" in titles and "/refund · Refund done" not in titles
    assert "/old · Retired refund" not in titles
    # The admin sees every department's.
    people.root.send_inline_query("re")
    await env.step()
    titles = [r["title"] for r in env.api.calls("answerInlineQuery")[-1].params["results"]]
    assert {"/reboot · Reboot first", "/refund · Refund done"} <= set(titles)
    people.eve.send_inline_query("refund")
    await env.step()
    assert env.api.calls("answerInlineQuery")[-1].params["results"] == []
    assert await Agent.filter(role=AgentRole.ADMIN).count() == 1
    assert env.api.calls(ok=False) == []
