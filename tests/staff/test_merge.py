"""Merging a customer's duplicate into the ticket that lives on (issue 16, point 1):
`/merge N` in the duplicate's thread, or POST /tickets/{id}/merge. The conversation
(messages, files, the copies' links) and the events move, the duplicate is closed with
a link, the customer is told which number lives on, both threads are told, and the
statistics' roll-ups still equal a recount. Anything else is refused politely."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import create_i18n
from bot.services import snoozing, tagging, tickets
from models import Message, Ticket, TicketEvent, TicketTag
from models.enums import ActorType, StatusRole
from tests.handlers.wizard_support import STAFF, last
from tests.staff.helpers import card_of, claimed, fresh, new_ticket, staff_desk, tap
from tests.unit.test_rollups import recount, stored


async def _two_of_alices(env, people):
    """#1001 claimed and answered by Ann; #1002 a duplicate with a follow-up."""
    first, card = await claimed(env, people, subject="Refund", text="Please refund")
    people.ann.send_text("Which invoice?", chat_id=STAFF, reply_to_message_id=card["message_id"])
    await env.step()
    duplicate = await new_ticket(people.desk.alice, people.desk.billing, "Refund!!", "Still?")
    await env.step()
    return first, duplicate


async def test_merge_moves_the_conversation_and_closes_the_duplicate(env):
    people = await staff_desk(env)
    first, duplicate = await _two_of_alices(env, people)
    dup_card = await card_of(env, duplicate.id)
    people.ann.send_text(
        f"/merge {first.number}", chat_id=STAFF, reply_to_message_id=dup_card["message_id"]
    )
    await env.step()
    merged, kept = await fresh(duplicate.id), await fresh(first.id)
    assert merged.status.role == StatusRole.CLOSED and merged.closed_at is not None
    texts = [m.text for m in await Message.filter(ticket_id=kept.id).order_by("id")]
    assert texts == ["Please refund", "Which invoice?", "Still?"]
    assert await Message.filter(ticket_id=merged.id).count() == 0
    assert "merged_into" in await TicketEvent.filter(ticket_id=merged.id).values_list(
        "kind", flat=True
    )
    kinds = await TicketEvent.filter(ticket_id=kept.id).values_list("kind", flat=True)
    assert "merged" in kinds and kinds.count("created") == 2  # the duplicate's history too
    assert kept.answers == 1
    # The customer learns which number lives on.
    told = [m["text"] for m in env.api.bot_messages(501)]
    assert any(f"Ticket #{duplicate.number} is merged into #{first.number}" in t for t in told)
    # Both threads are told; the duplicate's card shows it closed.
    notices = [m["text"] for m in env.api.bot_messages(STAFF)]
    assert any(f"#{duplicate.number} is merged into #{first.number} by Ann" in t for t in notices)
    assert any(
        f"#{duplicate.number} «Refund!!» is merged into this ticket by Ann; messages moved here: 1."
        in t
        for t in notices
    )
    assert "closed" in (await card_of(env, duplicate.id))["text"].lower()
    assert await stored() == await recount()
    assert env.api.calls(ok=False) == []


async def test_merge_carries_the_tags_over_and_wakes_a_snoozed_target(env):
    people = await staff_desk(env)
    first, duplicate = await _two_of_alices(env, people)
    setup = tickets.Actor(ActorType.SYSTEM, "setup", is_admin=True)
    vip, refund, urgent = [await tagging.create_tag(name=n) for n in ("vip", "refund", "urgent")]
    with create_i18n("en").context():
        await tagging.change(first.id, setup, add=[vip, refund])
        await tagging.change(duplicate.id, setup, add=[refund, urgent])
        await snoozing.snooze(first.id, tickets.now() + timedelta(days=2), setup)
    await env.step()
    assert "💤 Snoozed until" in (await card_of(env, first.id))["text"]
    dup_card = await card_of(env, duplicate.id)
    people.ann.send_text(
        f"/merge {first.number}", chat_id=STAFF, reply_to_message_id=dup_card["message_id"]
    )
    await env.step()
    kept = await fresh(first.id)
    # The union, each tag once; the closed duplicate keeps its own.
    on_kept = await TicketTag.filter(ticket_id=first.id).values_list("tag_id", flat=True)
    assert sorted(on_kept) == sorted([vip.id, refund.id, urgent.id])
    on_dup = await TicketTag.filter(ticket_id=duplicate.id).values_list("tag_id", flat=True)
    assert sorted(on_dup) == sorted([refund.id, urgent.id])
    tagged = await TicketEvent.filter(ticket_id=first.id, kind="tagged").order_by("id")
    assert tagged[-1].data["tags"] == ["urgent"] and tagged[-1].actor_name == "Ann"
    # The snoozed target is back in the queue, and its thread says who ended the snooze.
    assert kept.snoozed_until is None
    woken = await TicketEvent.get(ticket_id=first.id, kind="unsnoozed")
    assert woken.data["reason"] == "merge"
    notices = [m["text"] for m in env.api.bot_messages(STAFF)]
    assert any(f"#{first.number}: Ann ended the snooze" in t for t in notices)
    assert "💤 Snoozed until" not in (await card_of(env, first.id))["text"]
    assert env.api.calls(ok=False) == []


async def test_merge_is_refused_politely(env):
    people = await staff_desk(env)
    first, duplicate = await _two_of_alices(env, people)
    carls = await new_ticket(people.desk.carl, people.desk.billing, "Carl's")
    tech = await new_ticket(people.desk.alice, people.desk.tech, "Tech")
    await env.step()
    dup_card = await card_of(env, duplicate.id)
    before = await Message.filter(ticket_id=duplicate.id).count()

    async def merge(text: str, where=None) -> str:
        people.ann.send_text(
            text, chat_id=STAFF, reply_to_message_id=(where or dup_card)["message_id"]
        )
        await env.step()
        return last(env, STAFF)["text"]

    assert "write /merge and the number" in await merge("/merge")
    assert "write /merge and the number" in await merge("/merge soon")
    assert "There is no ticket #4242" in await merge("/merge 4242")
    assert f"There is no ticket #{tech.number}" in await merge(f"/merge {tech.number}")
    assert "same customer" in await merge(f"/merge {carls.number}")
    assert "into itself" in await merge(f"/merge {duplicate.number}")
    people.ann.send_text(f"/merge {first.number}", chat_id=STAFF)  # outside any thread
    await env.step()
    assert "write /merge and the number" in last(env, STAFF)["text"]
    await tap(env, people.ann, await card_of(env, first.id), "Close")
    assert f"ticket #{first.number} is closed" in await merge(f"/merge {first.number}")
    assert await Message.filter(ticket_id=duplicate.id).count() == before
    assert (await fresh(duplicate.id)).status.role != StatusRole.CLOSED


async def test_the_cards_merge_menu_lists_the_customers_other_open_tickets(env):
    people = await staff_desk(env)
    first, duplicate = await _two_of_alices(env, people)
    await new_ticket(people.desk.carl, people.desk.billing, "Carl's")  # not Alice's
    await new_ticket(people.desk.alice, people.desk.tech, "Tech")  # not Ann's department
    await env.step()
    await tap(env, people.ann, await card_of(env, duplicate.id), "Merge")
    menu = await card_of(env, duplicate.id)
    labels = [b["text"] for row in menu["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == [f"→ #{first.number} · Refund", "⬅️ Back"]
    alert = await tap(env, people.ann, menu, f"#{first.number}")
    assert alert["text"] == "Merged: the conversation is in the other ticket now."
    assert (await fresh(duplicate.id)).status.role == StatusRole.CLOSED
    assert await Message.filter(ticket_id=first.id).count() == 3
    # The duplicate's card now offers only what a closed ticket allows.
    assert [
        b["text"]
        for row in (await card_of(env, duplicate.id))["reply_markup"]["inline_keyboard"]
        for b in row
    ] == ["🔓 Reopen"]


async def test_split_moves_a_customers_later_messages_into_a_new_ticket(env):
    people = await staff_desk(env)
    ticket, card = await claimed(env, people, subject="Refund", text="Please refund")
    people.ann.send_text("Which invoice?", chat_id=STAFF, reply_to_message_id=card["message_id"])
    await env.step()
    answer = last(env, 501)
    for text in ("Invoice 1042", "Also: my router is broken", "It blinks red"):
        people.alice.send_text(text, reply_to_message_id=answer["message_id"])
        await env.step()
    copy = next(m for m in env.api.bot_messages(STAFF) if "Also: my router" in m.get("text", ""))
    people.ann.send_text("/split", chat_id=STAFF, reply_to_message_id=copy["message_id"])
    await env.step()
    new = await Ticket.filter(customer_id=ticket.customer_id).exclude(id=ticket.id).get()
    new = await fresh(new.id)
    assert new.subject == "Also: my router is broken" and new.department_id == ticket.department_id
    moved = await Message.filter(ticket_id=new.id).order_by("id").values_list("text", flat=True)
    assert moved == ["Also: my router is broken", "It blinks red"]
    kept = await Message.filter(ticket_id=ticket.id).order_by("id").values_list("text", flat=True)
    assert kept == ["Please refund", "Which invoice?", "Invoice 1042"]
    # The new ticket's card, the old thread told, the customer told.
    new_card = await card_of(env, new.id)
    assert "Also: my router is broken" in new_card["text"]
    assert any(
        f"Split off into the new ticket #{new.number} by Ann; messages moved there: 2"
        in m.get("text", "")
        for m in env.api.bot_messages(STAFF)
    )
    assert any(
        f"Part of your ticket #{ticket.number} is a ticket of its own now: #{new.number}"
        in m.get("text", "")
        for m in env.api.bot_messages(501)
    )
    # An agent's reply to the old copy now answers in the new ticket.
    await tap(env, people.ann, new_card, "I'll answer")
    people.ann.send_text("Restart it", chat_id=STAFF, reply_to_message_id=copy["message_id"])
    await env.step()
    assert await Message.filter(ticket_id=new.id, text="Restart it").exists()
    assert await stored() == await recount()
    assert env.api.calls(ok=False) == []


async def test_split_is_refused_politely(env):
    people = await staff_desk(env)
    _, card = await claimed(env, people)
    asked = people.ann.send_text(
        "Which invoice?", chat_id=STAFF, reply_to_message_id=card["message_id"]
    )
    await env.step()
    before = await Ticket.all().count()
    for where, expected in (
        (None, "Reply with /split to a customer's message"),
        (asked["message_id"], "Reply with /split to a customer's message"),  # an agent's
        (card["message_id"], "the ticket's first message stays with it"),
    ):
        people.ann.send_text("/split", chat_id=STAFF, reply_to_message_id=where)
        await env.step()
        assert expected in last(env, STAFF)["text"]
    people.eve.send_text("/split", chat_id=STAFF, reply_to_message_id=card["message_id"])
    await env.step()
    assert "agent" in last(env, STAFF)["text"].lower()
    assert await Ticket.all().count() == before
