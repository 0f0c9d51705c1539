"""Tags and macros from the staff chat (issue 16, point 6): `/tag`, `/untag` and the
card's 🏷 Tags toggles put tags on a ticket and the card shows them; `/macro name` and
the card's ⚡ Macros apply a macro's steps (answer, tags, assignee, status) through the
same services as by hand - or, when a step is refused, none of them."""

from __future__ import annotations

from models import Message, Status, Tag, Template, Ticket, TicketTag
from models.enums import MessageKind, SettableBy, StatusRole
from tests.handlers.wizard_support import STAFF, last
from tests.staff.helpers import card_of, claimed, events, fresh, new_ticket, staff_desk, tap
from tests.support import button_texts


async def _tags() -> dict[str, Tag]:
    return {
        t.name: t
        for t in [
            await Tag.create(name="billing", key="billing", color="💳"),
            await Tag.create(name="Urgent", key="urgent"),
            await Tag.create(name="vip", key="vip"),
        ]
    }


async def _names(ticket_id: int) -> list[str]:
    links = await TicketTag.filter(ticket_id=ticket_id).select_related("tag").order_by("tag__name")
    return sorted(link.tag.name for link in links)


async def test_tag_and_untag_in_the_thread_and_the_card_shows_them(env):
    people = await staff_desk(env)
    await _tags()
    ticket, card = await claimed(env, people)
    reply = {"chat_id": STAFF, "reply_to_message_id": card["message_id"]}

    people.ann.send_text("/tag billing URGENT", **reply)  # letter case ignored
    await env.step()
    assert await _names(ticket.id) == ["Urgent", "billing"]
    assert "🔖 Tags: 💳#billing #Urgent" in (await card_of(env, ticket.id))["text"]
    assert "🔖 Tagged by Ann: #billing #Urgent" in last(env, STAFF)["text"]
    assert "tagged" in await events(ticket.id)

    people.ann.send_text("/untag #billing", **reply)
    await env.step()
    assert await _names(ticket.id) == ["Urgent"]
    assert "🔖 Untagged by Ann: #billing" in last(env, STAFF)["text"]
    text = (await card_of(env, ticket.id))["text"]
    assert "🔖 Tags: #Urgent" in text and "billing" not in text

    # An unknown tag: a polite answer with the tags there are; nothing changes.
    people.ann.send_text("/tag urgent <b>nosuch</b>", **reply)
    await env.step()
    answer = last(env, STAFF)["text"]
    assert "No such tag: <b>nosuch</b>. Nothing was changed." in answer
    assert "The tags: #billing #Urgent #vip" in answer
    assert await _names(ticket.id) == ["Urgent"]
    # Tags it has already: no change, the answer lists the ticket's tags.
    people.ann.send_text("/tag urgent", **reply)
    await env.step()
    assert "The ticket's tags: #Urgent" in last(env, STAFF)["text"]
    # Outside a thread, or without names: how to use it.
    people.ann.send_text("/tag billing", chat_id=STAFF)
    await env.step()
    assert "write /tag and the tags" in last(env, STAFF)["text"]
    people.ann.send_text("/untag", **reply)
    await env.step()
    assert "write /tag and the tags" in last(env, STAFF)["text"]
    # Another department's agent: not their ticket.
    people.bob.send_text("/tag vip", **reply)
    await env.step()
    assert "department you do not work in" in last(env, STAFF)["text"]
    assert await _names(ticket.id) == ["Urgent"]
    assert env.api.calls(ok=False) == []


async def test_the_cards_tags_menu_toggles_tags(env):
    people = await staff_desk(env)
    await _tags()
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    await tap(env, people.ann, await card_of(env, ticket.id), "Tags")
    menu = await card_of(env, ticket.id)
    assert button_texts(menu) == ["💳 #billing", "#Urgent", "#vip", "⬅️ Back"]
    alert = await tap(env, people.ann, menu, "#vip")
    assert alert["text"] == "#vip is on the ticket."
    assert await _names(ticket.id) == ["vip"]
    menu = await card_of(env, ticket.id)  # the menu stays open, the tag ticked
    assert button_texts(menu) == ["💳 #billing", "#Urgent", "#vip ✓", "⬅️ Back"]
    assert "🔖 Tags: #vip" in menu["text"]
    alert = await tap(env, people.ann, menu, "#vip")
    assert alert["text"] == "#vip is off the ticket."
    assert await _names(ticket.id) == []
    assert "🔖" not in (await card_of(env, ticket.id))["text"]
    await tap(env, people.ann, await card_of(env, ticket.id), "Back")
    assert "⚡ Macros" in button_texts(await card_of(env, ticket.id))
    assert env.api.calls(ok=False) == []


async def _macro(client_free_status: Status | None = None, **fields):
    from bot.services import macros

    template = await Template.create(
        title="Refund sent",
        shortcut="refunded",
        text="Hello {customer_name}, the refund for #{ticket_number} is on its way.",
    )
    tags = await Tag.filter(name__in=["billing", "vip"])
    return await macros.create_macro(
        name=fields.pop("name", "Refund done"),
        template_id=template.id,
        status_id=(await Status.get(role=StatusRole.RESOLVED)).id,
        tag_ids=[t.id for t in tags],
        assign_to_me=True,
        **fields,
    )


async def test_a_macro_from_the_cards_menu_answers_tags_assigns_and_resolves(env):
    people = await staff_desk(env)
    await _tags()
    await _macro()
    ticket = await new_ticket(people.desk.alice, people.desk.billing, "Refund")
    await env.step()
    await tap(env, people.ann, await card_of(env, ticket.id), "Macros")
    menu = await card_of(env, ticket.id)
    assert button_texts(menu) == ["⚡ Refund done", "⬅️ Back"]
    alert = await tap(env, people.ann, menu, "Refund done")
    assert alert["text"] == "⚡ «Refund done» applied."
    after = await fresh(ticket.id)
    assert after.assignee_id == people.desk.ann.id
    assert after.status.role == StatusRole.RESOLVED
    assert await _names(ticket.id) == ["billing", "vip"]
    # The answer went the normal way: stored as Ann's, sent to Alice.
    answer = (await Message.filter(ticket_id=ticket.id, kind=MessageKind.AGENT).get()).text
    assert answer == f"Hello Alice, the refund for #{ticket.number} is on its way."
    told = [m["text"] for m in env.api.bot_messages(501)]
    assert any(answer in t for t in told)
    assert any("resolved" in t.lower() for t in told)
    staff_texts = [m.get("text", "") for m in env.api.bot_messages(STAFF)]
    assert any("⚡ Macro «Refund done» applied by Ann." in t for t in staff_texts)
    assert any("template /refunded" in t for t in staff_texts)
    card_text = (await card_of(env, ticket.id))["text"]
    assert "💳#billing #vip" in card_text and "Ann" in card_text
    kinds = await events(ticket.id)
    for kind in ("assigned", "tagged", "replied", "status_changed", "macro_applied"):
        assert kind in kinds
    assert env.api.calls(ok=False) == []


async def test_macro_command_and_a_refused_step_changes_nothing(env):
    people = await staff_desk(env)
    await _tags()
    macro = await _macro(name="Refund done")
    ticket, card = await claimed(env, people)
    reply = {"chat_id": STAFF, "reply_to_message_id": card["message_id"]}
    sent_before = len(env.api.bot_messages(501))
    events_before = await events(ticket.id)

    # The macro's status became one agents may not set: the last step is refused, so
    # the answer, the tags (earlier steps) are not done either.
    await Status.filter(id=macro.status_id).update(settable_by=SettableBy.CUSTOMERS)
    people.ann.send_text("/macro refund   DONE", **reply)
    await env.step()
    assert "The macro was not applied, nothing was changed" in last(env, STAFF)["text"]
    assert await _names(ticket.id) == []
    assert await Message.filter(ticket_id=ticket.id, kind=MessageKind.AGENT).count() == 0
    assert len(env.api.bot_messages(501)) == sent_before
    assert await events(ticket.id) == events_before
    assert (await fresh(ticket.id)).status.role == StatusRole.IN_PROGRESS

    # Another agent's ticket: the macro's answer is not theirs to send.
    await Status.filter(id=macro.status_id).update(settable_by=SettableBy.ALL)
    people.root.send_text("/macro nosuch", **reply)
    await env.step()
    assert "No macro «nosuch». Nothing was changed." in last(env, STAFF)["text"]
    assert "The macros: Refund done" in last(env, STAFF)["text"]
    people.ann.send_text("/macro", **reply)
    await env.step()
    assert "write /macro and a macro's name" in last(env, STAFF)["text"]

    people.ann.send_text("/macro refund done", **reply)
    await env.step()
    after = await fresh(ticket.id)
    assert after.status.role == StatusRole.RESOLVED
    assert await _names(ticket.id) == ["billing", "vip"]
    assert await Message.filter(ticket_id=ticket.id, kind=MessageKind.AGENT).count() == 1
    # A closed ticket: refused with a reason.
    await tap(env, people.ann, await card_of(env, ticket.id), "Close")
    people.ann.send_text("/macro refund done", **reply)
    await env.step()
    assert "is closed" in last(env, STAFF)["text"]
    assert await Ticket.filter(id=ticket.id).count() == 1
    assert env.api.calls(ok=False) == []


async def test_tag_and_macro_in_a_forum_topic(env):
    people = await staff_desk(env, forum=True)
    await _tags()
    await _macro()
    ticket = await new_ticket(people.desk.alice, people.desk.billing, "Refund")
    await env.step()
    ticket = await fresh(ticket.id)
    assert ticket.staff_topic_id is not None
    topic = {"chat_id": STAFF, "message_thread_id": ticket.staff_topic_id}
    people.ann.send_text("/tag vip", **topic)
    await env.step()
    assert await _names(ticket.id) == ["vip"]
    people.ann.send_text("/macro Refund done", **topic)
    await env.step()
    after = await fresh(ticket.id)
    assert after.status.role == StatusRole.RESOLVED and after.assignee_id == people.desk.ann.id
    assert await _names(ticket.id) == ["billing", "vip"]
    in_topic = [
        m.get("text", "")
        for m in env.api.bot_messages(STAFF)
        if m.get("message_thread_id") == ticket.staff_topic_id
    ]
    assert any("⚡ Macro «Refund done» applied by Ann." in t for t in in_topic)
    assert any("🔖 Tagged by Ann: #vip" in t for t in in_topic)
    assert env.api.calls(ok=False) == []
