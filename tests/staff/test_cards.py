"""The ticket card in the staff chat (SPEC §4): what it shows, that it is edited in place
and never re-posted, and every button on it, pressed by agents, admins and outsiders."""

from __future__ import annotations

from bot.ui.callbacks import StaffCb
from models import (
    Agent,
    Category,
    Customer,
    Department,
    Message,
    Priority,
    SlaPolicy,
    Status,
    Template,
    Ticket,
    TicketEvent,
)
from models.enums import MessageKind, SettableBy, StatusRole
from tests.handlers.wizard_support import STAFF, current, last
from tests.staff.helpers import (
    card,
    card_of,
    card_posts,
    events,
    fresh,
    messages,
    new_ticket,
    role,
    staff_desk,
    tap,
    texts_in,
)
from tests.support import button_texts

MAIN_KEYBOARD = [
    "🙋 I'll answer",
    "↪️ Transfer",
    "⚡ Priority",
    "🏷 Status",
    "💤 Snooze",
    "📋 Templates",
    "👤 History",
    "🔗 Merge",
    "🏷 Tags",
    "⚡ Macros",
]
CLAIMED_KEYBOARD = [
    "✅ Resolve",
    "🔓 Release",
    "🔒 Close",
    "↪️ Transfer",
    "⚡ Priority",
    "🏷 Status",
    "💤 Snooze",
    "📋 Templates",
    "👤 History",
    "🔗 Merge",
    "🛟 Take over",
    "🏷 Tags",
    "⚡ Macros",
]
OTHER_STAFF = -1001000000002


def _card_edits(env, message_id: int, chat_id: int = STAFF) -> list:
    return [
        r
        for r in env.api.calls("editMessageText", chat_id)
        if r.params.get("message_id") == message_id
    ]


async def test_the_card_shows_the_ticket_and_trims_a_long_description(env):
    people = await staff_desk(env)
    desk = people.desk
    high = await Priority.get(name="high")
    await SlaPolicy.create(
        name="high", priority=high, first_response_minutes=60, resolution_minutes=480
    )
    await Customer.filter(id=desk.alice.id).update(support_level="gold")
    desk.alice.support_level = "gold"
    description = "".join(f"line {i:05d} of the story; " for i in range(400))[:-1] + "!"
    assert len(description) == 10_000
    ticket = await new_ticket(
        desk.alice,
        desk.billing,
        "Invoice <wrong> & late",
        description,
        category=desk.invoices,
        priority=high,
    )
    await env.step()
    t = await fresh(ticket.id)
    shown = card(env, t)
    text = shown["text"]
    lines = text.splitlines()
    assert lines[0] == "🎫 #1001 · 🆕 new"
    assert lines[1] == "🏢 Billing · 🏷 🟦 Invoices · 🟠 high"
    first_due = t.first_response_due.strftime("%d.%m %H:%M UTC")
    resolution_due = t.resolution_due.strftime("%d.%m %H:%M UTC")
    assert lines[2] == (f"⏱ SLA 🟢: first answer by {first_due}, resolution by {resolution_due}")
    assert lines[3] == "👤 Alice (@alice), id 501, level gold"
    assert lines[4] == "👷 Assignee: nobody yet"
    assert lines[6] == "Invoice <wrong> & late"  # typed text is escaped, shown as typed
    assert "line 00000 of the story" in text
    # Trimmed in the card, marked as cut; the whole description follows the card.
    assert "line 00399" not in text
    assert text.endswith("…\n✂️ Shortened: the full text is below the card.")
    assert len(text) <= 4096
    [first] = await messages(ticket.id, MessageKind.CUSTOMER)
    assert first.text == description
    below = [m for m in env.api.bot_messages(STAFF) if m["message_id"] > shown["message_id"]]
    assert len(below) == 3  # 10,000 characters: three messages
    assert below[0]["reply_to_message"]["message_id"] == shown["message_id"]
    assert below[0]["text"].startswith("📄 #1001 · the full description:\n\nline 00000")
    # (Telegram trims the space at each cut between the parts.)
    joined = " ".join([below[0]["text"].split("\n\n", 1)[1], *(m["text"] for m in below[1:])])
    assert joined.split() == description.split()
    # A reply to the full text is in the ticket's thread.
    people.ann.send_text(
        "/note read it all", chat_id=STAFF, reply_to_message_id=below[2]["message_id"]
    )
    await env.step()
    assert [n.text for n in await messages(ticket.id, MessageKind.NOTE)] == ["read it all"]
    # The request was valid HTML within Telegram's limit (the fake would have refused).
    [post] = card_posts(env)
    assert post.params["parse_mode"] == "HTML" and post.ok
    assert button_texts(shown) == MAIN_KEYBOARD
    assert [len(row) for row in shown["reply_markup"]["inline_keyboard"]] == [1, 4, 3, 2]
    assert env.api.calls(ok=False) == []


async def test_the_card_is_edited_in_place_through_a_whole_life(env):
    people = await staff_desk(env)
    desk = people.desk
    ticket = await new_ticket(desk.alice, desk.billing, "Refund", "x" * 10_000)
    await env.step()
    message_id = (await fresh(ticket.id)).staff_message_id
    steps = [
        ("I'll answer", "Assignee: Ann"),
        ("Release", "Assignee: nobody yet"),
        ("I'll answer", "🛠 in progress"),
        ("Resolve", "✅ resolved"),
    ]
    for label, expected in steps:
        await tap(env, people.ann, card(env, await fresh(ticket.id)), label)
        assert expected in (await card_of(env, ticket.id))["text"], label
    # Reopen is offered only once the ticket is final.
    await tap(env, people.ann, await card_of(env, ticket.id), "Close")
    shown = await card_of(env, ticket.id)
    assert shown["text"].startswith("🎫 #1001 · 🔒 closed")
    assert button_texts(shown) == ["🔓 Reopen"]
    await tap(env, people.ann, shown, "Reopen")
    shown = await card_of(env, ticket.id)
    assert "🛠 in progress" in shown["text"] and button_texts(shown) == CLAIMED_KEYBOARD
    # The customer writes: the card stays where it is.
    people.alice.send_text("Any news?", reply_to_message_id=last(env, 501)["message_id"])
    await env.step()
    assert (await fresh(ticket.id)).staff_message_id == message_id
    assert len(card_posts(env)) == 1, "the card must never be re-posted"
    edits = _card_edits(env, message_id)
    assert len(edits) >= 6
    assert all(len(e.params["text"]) <= 4096 and e.ok for e in edits)
    assert env.api.calls(ok=False) == []


async def test_ill_answer_names_the_claimer_and_moves_the_ticket_to_in_progress(env):
    people = await staff_desk(env)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    answered = await tap(env, people.ann, await card_of(env, ticket.id), "I'll answer")
    assert answered["text"] == "You are answering this ticket now, Ann."
    t = await fresh(ticket.id)
    assert t.assignee_id == people.desk.ann.id and t.status.role == StatusRole.IN_PROGRESS
    shown = card(env, t)
    assert "👷 Assignee: Ann" in shown["text"] and "🛠 in progress" in shown["text"]
    assert button_texts(shown) == CLAIMED_KEYBOARD
    claimed = await TicketEvent.get(ticket_id=ticket.id, kind="claimed")
    assert claimed.actor_id == people.desk.ann.id and claimed.data["agent_id"] == t.assignee_id
    assert env.api.calls(ok=False) == []


async def test_release_gives_the_ticket_back_and_only_the_assignee_may(env):
    people = await staff_desk(env)
    desk = people.desk
    dan = await Agent.create(telegram_id=9004, name="Dan")
    await dan.departments.add(desk.billing)
    dan_user = env.api.add_user(9004, "Dan")
    ticket = await new_ticket(desk.alice, desk.billing)
    await env.step()
    await tap(env, people.ann, await card_of(env, ticket.id), "I'll answer")
    # A colleague may not release Ann's ticket.
    refused = await tap(env, dan_user, await card_of(env, ticket.id), "Release")
    assert refused["show_alert"] is True
    assert refused["text"] == "Only the agent answering this ticket or an admin can release it."
    assert (await fresh(ticket.id)).assignee_id == desk.ann.id
    await tap(env, people.ann, await card_of(env, ticket.id), "Release")
    t = await fresh(ticket.id)
    assert t.assignee_id is None
    shown = card(env, t)
    assert "Assignee: nobody yet" in shown["text"] and button_texts(shown) == MAIN_KEYBOARD
    released = await TicketEvent.get(ticket_id=ticket.id, kind="released")
    assert released.data == {"agent_id": desk.ann.id} and released.actor_name == "Ann"
    # Now Dan can take it.
    await tap(env, dan_user, shown, "I'll answer")
    assert (await fresh(ticket.id)).assignee_id == dan.id
    assert env.api.calls(ok=False) == []


async def test_resolve_asks_the_customer_to_confirm_or_reopen(env):
    people = await staff_desk(env)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    await tap(env, people.ann, await card_of(env, ticket.id), "I'll answer")
    await tap(env, people.ann, await card_of(env, ticket.id), "Resolve")
    assert await role(ticket.id) == StatusRole.RESOLVED
    told = last(env, 501)
    assert "Ticket #1001 is resolved" in told["text"]
    assert button_texts(told) == ["✅ Yes, solved", "🔓 No, reopen"]
    shown = await card_of(env, ticket.id)
    assert "✅ resolved" in shown["text"]
    # Resolved waits for the customer: the card offers to close it or work on it again.
    # (No Snooze: it waits for the customer's confirmation, not for a time.)
    resolved_keyboard = [b for b in CLAIMED_KEYBOARD[3:] if b != "💤 Snooze"]
    assert button_texts(shown) == ["🔒 Close", "🔓 Reopen", *resolved_keyboard]
    assert (await events(ticket.id))[-1] == "status_changed"
    assert (await fresh(ticket.id)).resolved_at is not None
    await tap(env, people.ann, shown, "Reopen")
    t = await fresh(ticket.id)
    assert t.status.role == StatusRole.IN_PROGRESS and t.resolved_at is None
    assert "open again" in last(env, 501)["text"]
    assert button_texts(card(env, t)) == CLAIMED_KEYBOARD
    assert env.api.calls(ok=False) == []


async def test_close_and_reopen_from_the_card(env):
    people = await staff_desk(env)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    await tap(env, people.ann, await card_of(env, ticket.id), "I'll answer")
    await tap(env, people.ann, await card_of(env, ticket.id), "Close")
    t = await fresh(ticket.id)
    assert t.status.is_final and t.closed_at is not None
    assert "Ticket #1001 is closed" in last(env, 501)["text"]
    assert button_texts(last(env, 501)) == ["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"]
    shown = card(env, t)
    assert button_texts(shown) == ["🔓 Reopen"]
    await tap(env, people.ann, shown, "Reopen")
    t = await fresh(ticket.id)
    assert t.status.role == StatusRole.IN_PROGRESS and t.closed_at is None
    assert "open again" in last(env, 501)["text"]
    assert (await events(ticket.id))[-2:] == ["closed", "reopened"]
    assert env.api.calls(ok=False) == []


async def test_transfer_to_an_agent_of_another_department(env):
    people = await staff_desk(env)
    desk = people.desk
    ticket = await new_ticket(desk.alice, desk.billing, category=desk.invoices)
    await env.step()
    await tap(env, people.ann, await card_of(env, ticket.id), "I'll answer")
    menu = await card_of(env, ticket.id)
    await tap(env, people.ann, menu, "Transfer")
    menu = await card_of(env, ticket.id)
    assert button_texts(menu) == ["Billing", "Tech", "⬅️ Back"]
    await tap(env, people.ann, menu, "Tech")
    menu = await card_of(env, ticket.id)
    # Admins are not offered: they work everywhere and are not queue members.
    assert button_texts(menu) == ["👥 Anyone there", "Bob", "⬅️ Back"]
    await tap(env, people.ann, menu, "Bob")
    t = await fresh(ticket.id)
    assert t.department_id == desk.tech.id and t.assignee_id == desk.bob.id
    assert t.category_id is None  # Invoices belongs to Billing
    shown = card(env, t)
    assert "🏢 Tech" in shown["text"] and "Assignee: Bob" in shown["text"]
    assert button_texts(shown) == CLAIMED_KEYBOARD
    [system] = await messages(ticket.id, MessageKind.SYSTEM)
    assert system.text == "transferred to Tech (Bob)"
    # The thread says what changed and why.
    notice = env.api.bot_messages(STAFF)[-1]
    assert notice["text"] == (
        "↪️ #1001: Ann transferred the ticket from Billing to Tech.\n"
        "🏷 Category «🟦 Invoices» cleared: it belongs to Billing.\n"
        "👷 Now answered by Bob."
    )
    assert notice["reply_to_message"]["message_id"] == shown["message_id"]
    moved = await TicketEvent.get(ticket_id=ticket.id, kind="transferred")
    assert moved.data == {
        "from_department_id": desk.billing.id,
        "to_department_id": desk.tech.id,
        "agent_id": desk.bob.id,
    }
    assert "was passed to <b>Tech</b>" in env.api.calls("sendMessage", 501)[-1].params["text"]
    # Same chat for both departments: the card moved with it, nothing re-posted.
    assert len(card_posts(env)) == 1
    # Ann no longer works on it: her buttons are refused.
    refused = await tap(env, people.ann, shown, "Resolve")
    assert "department you do not work in" in refused["text"]
    assert env.api.calls(ok=False) == []


async def test_transfer_to_anyone_there_posts_a_card_in_the_departments_own_chat(env):
    people = await staff_desk(env)
    desk = people.desk
    env.api.add_group(OTHER_STAFF, "Tech staff", members={people.bob: "member"})
    await Department.filter(id=desk.tech.id).update(staff_chat_id=OTHER_STAFF)
    ticket = await new_ticket(desk.alice, desk.billing, "Printer", "It jams")
    await env.step()
    old_card_id = (await fresh(ticket.id)).staff_message_id
    await tap(env, people.ann, await card_of(env, ticket.id), "I'll answer")
    await tap(env, people.ann, await card_of(env, ticket.id), "Transfer")
    await tap(env, people.ann, await card_of(env, ticket.id), "Tech")
    await tap(env, people.ann, await card_of(env, ticket.id), "Anyone there")
    t = await fresh(ticket.id)
    assert t.department_id == desk.tech.id and t.assignee_id is None
    assert t.status.role == StatusRole.NEW
    assert t.staff_chat_id == OTHER_STAFF
    posted = card(env, t, OTHER_STAFF)
    assert "🏢 Tech" in posted["text"] and "It jams" in posted["text"]
    assert button_texts(posted) == MAIN_KEYBOARD
    assert len(card_posts(env, OTHER_STAFF)) == 1
    # The old card keeps its last state (the edit before the move); nothing new there.
    old = current(env, STAFF, old_card_id)
    assert "🏢 Tech" in old["text"] and "Assignee: nobody yet" in old["text"]
    assert len(card_posts(env)) == 1
    # Both threads say what changed and why: the ticket left the chat, and arrived.
    why = (
        "↪️ #1001: Ann transferred the ticket from Billing to Tech.\n"
        "👷 Ann no longer answers it; it waits for «I'll answer».\n"
        "🏷 Status: 🛠 in progress → 🆕 new."
    )
    left = env.api.bot_messages(STAFF)[-1]
    assert left["text"] == why and left["reply_to_message"]["message_id"] == old_card_id
    arrived = env.api.bot_messages(OTHER_STAFF)[-1]
    assert arrived["text"] == why
    assert arrived["reply_to_message"]["message_id"] == posted["message_id"]
    # Bob answers there, the customer gets it.
    await tap(env, people.bob, posted, "I'll answer")
    people.bob.send_text("Fixed", chat_id=OTHER_STAFF, reply_to_message_id=posted["message_id"])
    await env.step()
    assert "Fixed" in last(env, 501)["text"]
    assert env.api.calls(ok=False) == []


async def test_priority_menu_changes_the_priority(env):
    people = await staff_desk(env)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    await tap(env, people.ann, await card_of(env, ticket.id), "Priority")
    menu = await card_of(env, ticket.id)
    assert button_texts(menu) == [
        "🟢 low",
        "🔵 normal ✓",
        "🟠 high",
        "🔴 urgent",
        "⬅️ Back",
    ]
    # Picking the current one changes nothing but closes the menu.
    await tap(env, people.ann, menu, "normal")
    assert button_texts(await card_of(env, ticket.id)) == MAIN_KEYBOARD
    assert await events(ticket.id) == ["created"]
    await tap(env, people.ann, await card_of(env, ticket.id), "Priority")
    await tap(env, people.ann, await card_of(env, ticket.id), "urgent")
    t = await fresh(ticket.id)
    assert t.priority.name == "urgent"
    shown = card(env, t)
    assert "🔴 urgent" in shown["text"].splitlines()[1]
    assert button_texts(shown) == MAIN_KEYBOARD
    changed = await TicketEvent.get(ticket_id=ticket.id, kind="priority_changed")
    assert changed.data["new"] == t.priority_id and changed.actor_name == "Ann"
    assert env.api.calls(ok=False) == []


async def test_status_menu_offers_only_what_agents_may_set(env):
    people = await staff_desk(env)
    await Status.create(name="customer says ok", settable_by=SettableBy.CUSTOMERS, order=60)
    await Status.create(name="retired", available=False, order=70)
    await Status.create(name="on hold", color="⏸", settable_by=SettableBy.AGENTS, order=35)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    await tap(env, people.ann, await card_of(env, ticket.id), "Status")
    menu = await card_of(env, ticket.id)
    assert button_texts(menu) == [
        "🆕 new ✓",
        "🛠 in progress",
        "⏳ waiting for customer",
        "⏸ on hold",
        "✅ resolved",
        "🔒 closed",
        "⬅️ Back",
    ]
    await tap(env, people.ann, menu, "new")  # the current one: nothing but the menu closes
    assert button_texts(await card_of(env, ticket.id)) == MAIN_KEYBOARD
    assert await events(ticket.id) == ["created"]
    await tap(env, people.ann, await card_of(env, ticket.id), "Status")
    await tap(env, people.ann, await card_of(env, ticket.id), "on hold")
    t = await fresh(ticket.id)
    assert t.status.name == "on hold"
    assert "⏸ on hold" in card(env, t)["text"]
    assert (
        "the status is now <b>on hold</b>" in env.api.calls("sendMessage", 501)[-1].params["text"]
    )
    assert (await events(ticket.id))[-1] == "status_changed"
    # A forged press for a customers-only status changes nothing.
    customers_only = await Status.get(name="customer says ok")
    people.ann.press(
        card(env, t),
        StaffCb(t=ticket.id, a="status", v=customers_only.id).pack(),
        chat_id=STAFF,
        forged=True,
    )
    await env.step()
    assert env.api.calls("answerCallbackQuery")[-1].params["show_alert"] is True
    assert (await fresh(ticket.id)).status.name == "on hold"
    assert env.api.calls(ok=False) == []


async def test_templates_menu_sends_the_filled_template_and_back_returns(env):
    people = await staff_desk(env)
    desk = people.desk
    await Template.create(
        title="Refund done",
        shortcut="refund",
        text="Hello {customer_name}, ticket #{ticket_number} is refunded. — {agent_name}",
        department=desk.billing,
    )
    await Template.create(title="Greeting", shortcut="hi", text="Hi {customer_name}!")
    await Template.create(title="Reboot", shortcut="reboot", text="Reboot", department=desk.tech)
    await Template.create(title="По-русски", shortcut="ru", text="Привет", language="ru")
    ticket = await new_ticket(desk.alice, desk.billing)
    await env.step()
    await tap(env, people.ann, await card_of(env, ticket.id), "Templates")
    menu = await card_of(env, ticket.id)
    assert button_texts(menu) == ["/hi · Greeting", "/refund · Refund done", "⬅️ Back"]
    await tap(env, people.ann, menu, "Back")
    assert button_texts(await card_of(env, ticket.id)) == MAIN_KEYBOARD
    await tap(env, people.ann, await card_of(env, ticket.id), "Templates")
    await tap(env, people.ann, await card_of(env, ticket.id), "Refund done")
    answer = last(env, 501)
    assert answer["text"] == (
        "💬 Ticket #1001 — answer from Ann:\n\nHello Alice, ticket #1001 is refunded. — Ann"
    )
    assert button_texts(answer) == ["↩️ Reply", "👍", "👎"]
    t = await fresh(ticket.id)
    assert t.assignee_id == desk.ann.id and t.status.role == StatusRole.WAITING
    [stored] = await messages(ticket.id, MessageKind.AGENT)
    assert stored.text == "Hello Alice, ticket #1001 is refunded. — Ann"
    # Answering an unclaimed ticket with a template claims it (compare-and-set) first.
    assert await events(ticket.id) == ["created", "claimed", "replied"]
    shown = card(env, t)
    assert button_texts(shown) == CLAIMED_KEYBOARD and "Assignee: Ann" in shown["text"]
    # Dan (same department) may not send templates into Ann's ticket.
    dan = await Agent.create(telegram_id=9004, name="Dan")
    await dan.departments.add(desk.billing)
    dan_user = env.api.add_user(9004, "Dan")
    await tap(env, dan_user, shown, "Templates")
    refused = await tap(env, dan_user, await card_of(env, ticket.id), "Greeting")
    assert refused["text"] == "Ann is already answering this ticket."
    assert refused["show_alert"] is True
    assert len(await messages(ticket.id, MessageKind.AGENT)) == 1
    await tap(env, dan_user, await card_of(env, ticket.id), "Back")
    # A second template leaves the card's text as it was: the menu is still closed.
    await tap(env, people.ann, await card_of(env, ticket.id), "Templates")
    await tap(env, people.ann, await card_of(env, ticket.id), "Greeting")
    assert last(env, 501)["text"].endswith("Hi Alice!")
    assert button_texts(await card_of(env, ticket.id)) == CLAIMED_KEYBOARD
    assert env.api.calls(ok=False) == []


async def test_back_from_every_menu_returns_to_the_main_keyboard(env):
    people = await staff_desk(env)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    for label in ("Transfer", "Priority", "Status", "Templates"):
        await tap(env, people.ann, await card_of(env, ticket.id), label)
        assert button_texts(await card_of(env, ticket.id)) != MAIN_KEYBOARD
        await tap(env, people.ann, await card_of(env, ticket.id), "Back")
        assert button_texts(await card_of(env, ticket.id)) == MAIN_KEYBOARD
    await tap(env, people.ann, await card_of(env, ticket.id), "Transfer")
    await tap(env, people.ann, await card_of(env, ticket.id), "Tech")
    await tap(env, people.ann, await card_of(env, ticket.id), "Back")
    assert button_texts(await card_of(env, ticket.id)) == MAIN_KEYBOARD
    assert await events(ticket.id) == ["created"]
    assert env.api.calls(ok=False) == []


async def test_a_non_agent_pressing_any_button_is_told_and_nothing_changes(env):
    people = await staff_desk(env)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    shown = await card_of(env, ticket.id)
    for label in ("I'll answer", "Transfer", "Priority", "Templates", "History"):
        alert = await tap(env, people.eve, shown, label)
        assert alert["text"] == "Only registered agents can do this."
        assert alert["show_alert"] is True
    assert button_texts(await card_of(env, ticket.id)) == MAIN_KEYBOARD
    assert await events(ticket.id) == ["created"]
    assert (await fresh(ticket.id)).assignee_id is None
    # An inactive agent is no agent.
    await Agent.filter(id=people.desk.ann.id).update(active=False)
    alert = await tap(env, people.ann, shown, "I'll answer")
    assert alert["text"] == "Only registered agents can do this."
    assert env.api.calls(ok=False) == []


async def test_an_agent_of_another_department_is_told_and_nothing_changes(env):
    people = await staff_desk(env)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    shown = await card_of(env, ticket.id)
    for label in ("I'll answer", "Priority", "Templates", "History"):
        alert = await tap(env, people.bob, shown, label)
        assert alert["text"] == "This ticket belongs to a department you do not work in."
        assert alert["show_alert"] is True
    assert button_texts(await card_of(env, ticket.id)) == MAIN_KEYBOARD
    # Forged presses of the menus' choices are refused the same way.
    urgent = await Priority.get(name="urgent")
    for data in (
        StaffCb(t=ticket.id, a="prio", v=urgent.id),
        StaffCb(t=ticket.id, a="agent", v=people.desk.bob.id, w=people.desk.tech.id),
        StaffCb(t=ticket.id, a="close"),
    ):
        people.bob.press(shown, data.pack(), chat_id=STAFF, forged=True)
        await env.step()
        alert = env.api.calls("answerCallbackQuery")[-1].params
        assert alert["text"] == "This ticket belongs to a department you do not work in."
    t = await fresh(ticket.id)
    assert t.priority.name == "normal" and t.department_id == people.desk.billing.id
    assert not t.status.is_final
    assert await events(ticket.id) == ["created"]
    assert env.api.calls(ok=False) == []


async def test_an_admin_may_act_on_every_ticket_and_take_one_over(env):
    people = await staff_desk(env)
    desk = people.desk
    billing = await new_ticket(desk.alice, desk.billing, "Refund")
    tech = await new_ticket(desk.carl, desk.tech, "Printer")
    await env.step()
    await tap(env, people.ann, await card_of(env, billing.id), "I'll answer")
    # Only admins take over; Bob is not even of the department, Ann has it already.
    taken = await tap(env, people.ann, await card_of(env, billing.id), "Take over")
    assert taken["text"] == "Only admins can take a ticket over from another agent."
    taken = await tap(env, people.root, await card_of(env, billing.id), "Take over")
    assert taken["text"] == "You are answering this ticket now, Root."
    t = await fresh(billing.id)
    assert t.assignee_id == desk.root.id and "Assignee: Root" in card(env, t)["text"]
    assigned = await TicketEvent.filter(ticket_id=billing.id, kind="assigned").first()
    assert assigned.actor_name == "Root" and assigned.data == {"agent_id": desk.root.id}
    # Now Ann's messages are not relayed; Root's are.
    people.ann.send_text("Let me check", chat_id=STAFF, reply_to_message_id=t.staff_message_id)
    await env.step()
    assert "Root is answering this ticket" in texts_in(env, STAFF)[-1]
    # Root releases and resolves tickets of any department.
    await tap(env, people.root, await card_of(env, billing.id), "Release")
    assert (await fresh(billing.id)).assignee_id is None
    await tap(env, people.root, await card_of(env, tech.id), "Status")
    await tap(env, people.root, await card_of(env, tech.id), "resolved")
    assert await role(tech.id) == StatusRole.RESOLVED
    tech_card = await card_of(env, tech.id)
    people.root.send_text(
        "Looking into it", chat_id=STAFF, reply_to_message_id=tech_card["message_id"]
    )
    await env.step()
    assert "Looking into it" in texts_in(env, 502)[-1]
    # Answering an unassigned ticket makes Root its assignee, recorded as such.
    events = await TicketEvent.filter(ticket_id=tech.id).order_by("id")
    assert [(e.kind, e.actor_name) for e in events][1:] == [
        ("status_changed", "Root"),
        ("assigned", "Root"),
        ("replied", "Root"),
    ]
    assert env.api.calls(ok=False) == []


async def test_buttons_of_a_vanished_ticket_or_unknown_action_are_refused(env):
    people = await staff_desk(env)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    shown = await card_of(env, ticket.id)
    people.ann.press(shown, StaffCb(t=ticket.id + 50, a="claim").pack(), chat_id=STAFF, forged=True)
    await env.step()
    assert env.api.calls("answerCallbackQuery")[-1].params["show_alert"] is True
    # An action no card has is not even parsed: a stale button (handlers/stale.py).
    people.ann.press(shown, f"s:{ticket.id}:explode:0:0", chat_id=STAFF, forged=True)
    await env.step()
    alert = env.api.calls("answerCallbackQuery")[-1].params
    assert alert["show_alert"] is True and alert["text"] == "This button is no longer available."
    assert await events(ticket.id) == ["created"]
    assert not await Message.filter(ticket_id=ticket.id, kind=MessageKind.AGENT).exists()
    assert await Ticket.filter(assignee_id__isnull=False).count() == 0
    assert env.api.calls(ok=False) == []


async def test_forged_buttons_with_out_of_range_ids_are_refused(env):
    people = await staff_desk(env)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    shown = await card_of(env, ticket.id)
    # Forged by hand: the factory itself refuses to build such buttons.
    for data in (
        f"s:{10**27}:claim:0:0",
        f"s:{ticket.id}:prio:{2**40}:0",
        f"s:{ticket.id}:agent:{-(2**63)}:{people.desk.tech.id}",
        f"s:{ticket.id}:dep:{10**30}:0",
    ):
        people.ann.press(shown, data, chat_id=STAFF, forged=True)
        await env.step()
        alert = env.api.calls("answerCallbackQuery")[-1].params
        # Refused as it is parsed (bot/ui/callbacks.py), answered by the stale handler.
        assert alert["text"] == "This button is no longer available." and alert["show_alert"]
    assert await events(ticket.id) == ["created"]
    assert env.api.calls(ok=False) == []


async def test_admin_typed_names_and_colours_are_shown_as_typed(env):
    people = await staff_desk(env)
    await Priority.create(name="p<1>", level=9, color="<b>", is_default=False)
    await Status.filter(role=StatusRole.NEW).update(color="<i>")
    await Category.filter(id=people.desk.invoices.id).update(color="&", name="A & <B>")
    ticket = await new_ticket(
        people.desk.alice,
        people.desk.billing,
        category=people.desk.invoices,
        priority=await Priority.get(name="p<1>"),
    )
    await env.step()
    text = (await card_of(env, ticket.id))["text"]
    assert text.splitlines()[0] == "🎫 #1001 · <i> new"
    assert text.splitlines()[1] == "🏢 Billing · 🏷 & A & <B> · <b> p<1>"
    people.ann.send_text("/queue", chat_id=STAFF)
    await env.step()
    assert texts_in(env, STAFF)[-1].splitlines()[1].startswith("<b> #1001 · Refund")
    assert env.api.calls(ok=False) == []
