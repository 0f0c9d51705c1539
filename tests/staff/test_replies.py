"""Messages in a ticket's thread (SPEC §4): the assignee's text, photos, documents and
albums reach the customer; others get a short notice (admins are relayed); notes never
leave the staff chat; edits are mirrored both ways; a customer blocking the bot holds
delivery until they unblock."""

from __future__ import annotations

import pytest

from models import Agent, Attachment, Customer, Message, MessageLink, OutboxMessage, TicketEvent
from models.enums import AttachmentKind, MessageKind, OutboxStatus, Side, StatusRole
from tests.fakebotapi.actors import TINY_PNG
from tests.handlers.wizard_support import STAFF, current, last
from tests.staff.helpers import (
    card_of,
    claimed,
    events,
    fresh,
    messages,
    new_ticket,
    staff_desk,
    tap,
    texts_in,
    where,
)
from tests.support import button_texts

REPORT = b"%PDF-1.4\n% the refund confirmation\n"


def _answer_calls(env, method: str, chat_id: int = 501) -> list:
    return env.api.calls(method, chat_id)


async def test_the_assignees_text_reaches_the_customer_as_a_named_answer(env):
    people = await staff_desk(env)
    ticket, shown = await claimed(env, people)
    sent = people.ann.send_text(
        "We refund <today> & tomorrow", chat_id=STAFF, reply_to_message_id=shown["message_id"]
    )
    await env.step()
    answer = last(env, 501)
    assert answer["text"] == ("💬 Ticket #1001 — answer from Ann:\n\nWe refund <today> & tomorrow")
    assert button_texts(answer) == ["↩️ Reply", "👍", "👎"]
    [stored] = await messages(ticket.id, MessageKind.AGENT)
    assert stored.text == "We refund <today> & tomorrow" and stored.author_agent_id == (
        people.desk.ann.id
    )
    # Both copies are mapped to the stored message, never parsed back from text.
    links = {
        (link.side, link.chat_id, link.telegram_message_id)
        for link in await MessageLink.filter(message_id=stored.id)
    }
    assert links == {
        (Side.STAFF, STAFF, sent["message_id"]),
        (Side.CUSTOMER, 501, answer["message_id"]),
    }
    t = await fresh(ticket.id)
    assert t.status.role == StatusRole.WAITING and t.first_response_at is not None
    assert "⏳ waiting for customer" in (await card_of(env, ticket.id))["text"]
    assert (await events(ticket.id))[-1] == "replied"
    # The customer replies to the answer with Telegram's reply: it lands under the card.
    people.alice.send_text("Thank you!", reply_to_message_id=answer["message_id"])
    await env.step()
    relay = env.api.bot_messages(STAFF)[-1]
    assert relay["text"].startswith("💬 #1001 · Alice (@alice) · ")
    assert relay["text"].endswith("\nThank you!")
    assert relay["reply_to_message"]["message_id"] == shown["message_id"]
    assert (await fresh(ticket.id)).status.role == StatusRole.IN_PROGRESS
    # Ann answers that relayed message directly: routed by its stored link.
    people.ann.send_text("You're welcome", chat_id=STAFF, reply_to_message_id=relay["message_id"])
    await env.step()
    assert last(env, 501)["text"].endswith("You're welcome")
    assert env.api.calls(ok=False) == []


async def test_a_photo_a_document_and_an_album_reach_the_customer_by_file_id(env):
    people = await staff_desk(env)
    ticket, shown = await claimed(env, people)
    card_id = shown["message_id"]
    photo = people.ann.send_photo(
        "The receipt", chat_id=STAFF, reply_to_message_id=card_id, content=TINY_PNG
    )
    await env.step()
    [sent_photo] = _answer_calls(env, "sendPhoto")
    assert sent_photo.params["photo"] == photo["photo"][-1]["file_id"]
    assert last(env, 501)["photo"][-1]["file_unique_id"] == photo["photo"][-1]["file_unique_id"]
    header = env.api.bot_messages(501)[-2]
    assert header["text"] == "💬 Ticket #1001 — answer from Ann:\n\nThe receipt"
    assert button_texts(header) == ["↩️ Reply", "👍", "👎"]
    document = people.ann.send_document(
        "refund.pdf", content=REPORT, chat_id=STAFF, reply_to_message_id=card_id
    )
    await env.step()
    [sent_document] = _answer_calls(env, "sendDocument")
    assert sent_document.params["document"] == document["document"]["file_id"]
    assert last(env, 501)["document"]["file_name"] == "refund.pdf"
    # An album: every item replies to the card and shares one media_group_id.
    album = [
        people.ann.send_photo(
            "Before and after" if n == 0 else None,
            chat_id=STAFF,
            reply_to_message_id=card_id,
            media_group_id="4242",
        )
        for n in range(3)
    ]
    await env.step()
    photos = _answer_calls(env, "sendPhoto")[1:]
    assert [p.params["photo"] for p in photos] == [m["photo"][-1]["file_id"] for m in album]
    assert any("Before and after" in t for t in texts_in(env, 501))
    stored = await Attachment.filter(message__ticket_id=ticket.id).order_by("id")
    assert [a.kind for a in stored] == [AttachmentKind.PHOTO, AttachmentKind.DOCUMENT] + [
        AttachmentKind.PHOTO
    ] * 3
    assert all(a.sha256 and not a.missing for a in stored)
    assert [a.file_name for a in stored][1] == "refund.pdf"
    # The customer replies to a photo copy: it still belongs to the ticket.
    people.alice.send_text("Got them", reply_to_message_id=last(env, 501)["message_id"])
    await env.step()
    assert env.api.bot_messages(STAFF)[-1]["text"].endswith("Got them")
    assert env.api.calls(ok=False) == []


async def test_others_are_told_their_message_was_not_sent_and_admins_are_relayed(env):
    people = await staff_desk(env)
    desk = people.desk
    dan = await Agent.create(telegram_id=9004, name="Dan")
    await dan.departments.add(desk.billing)
    dan_user = env.api.add_user(9004, "Dan")
    ticket = await new_ticket(desk.alice, desk.billing)
    await env.step()
    shown = await card_of(env, ticket.id)
    card_id = shown["message_id"]
    # Nobody claimed it yet: Ann must press I'll answer first.
    mine = people.ann.send_text("Hello?", chat_id=STAFF, reply_to_message_id=card_id)
    await env.step()
    notice = env.api.bot_messages(STAFF)[-1]
    assert notice["text"].startswith("Not sent to the customer: press «I'll answer»")
    assert notice["reply_to_message"]["message_id"] == mine["message_id"]
    await tap(env, people.ann, shown, "I'll answer")
    # Dan (same department) is not the assignee.
    dans = dan_user.send_text("I know this one", chat_id=STAFF, reply_to_message_id=card_id)
    await env.step()
    notice = env.api.bot_messages(STAFF)[-1]
    assert notice["text"] == (
        "Not sent to the customer: Ann is answering this ticket. Use /note for an "
        "internal note, or ask an admin to take it over."
    )
    assert notice["reply_to_message"]["message_id"] == dans["message_id"]
    # Bob (another department) is told so.
    people.bob.send_text("Tech here", chat_id=STAFF, reply_to_message_id=card_id)
    await env.step()
    assert texts_in(env, STAFF)[-1] == "This ticket belongs to a department you do not work in."
    # Eve is no agent: not relayed, and no noise.
    before = len(env.api.bot_messages(STAFF))
    people.eve.send_text("lol", chat_id=STAFF, reply_to_message_id=card_id)
    await env.step()
    assert len(env.api.bot_messages(STAFF)) == before
    assert env.api.bot_messages(501) == []
    # Root (admin) is relayed although Ann has the ticket, which stays Ann's.
    people.root.send_text("Admin here", chat_id=STAFF, reply_to_message_id=card_id)
    await env.step()
    assert last(env, 501)["text"] == "💬 Ticket #1001 — answer from Root:\n\nAdmin here"
    assert (await fresh(ticket.id)).assignee_id == desk.ann.id
    [stored] = await messages(ticket.id, MessageKind.AGENT)
    assert stored.author_agent_id == desk.root.id
    # Chatter that belongs to no ticket is ignored.
    before = len(env.api.bot_messages(STAFF))
    people.ann.send_text("Coffee, anyone?", chat_id=STAFF)
    await env.step()
    assert len(env.api.bot_messages(STAFF)) == before
    assert env.api.calls(ok=False) == []


async def test_notes_are_stored_and_never_reach_the_customer(env):
    people = await staff_desk(env)
    dan = await Agent.create(telegram_id=9004, name="Dan")
    await dan.departments.add(people.desk.billing)
    dan_user = env.api.add_user(9004, "Dan")
    ticket, shown = await claimed(env, people)
    card_id = shown["message_id"]
    people.ann.send_text("/note checked with finance", chat_id=STAFF, reply_to_message_id=card_id)
    people.ann.send_text("!card ends with 4242", chat_id=STAFF, reply_to_message_id=card_id)
    await env.step()
    # Colleagues may add notes to a ticket they do not answer.
    dan_user.send_text("/note I had this one last week", chat_id=STAFF, reply_to_message_id=card_id)
    await env.step()
    notes = await messages(ticket.id, MessageKind.NOTE)
    assert sorted((n.text, n.author_agent_id) for n in notes) == sorted(
        [
            ("checked with finance", people.desk.ann.id),
            ("card ends with 4242", people.desk.ann.id),
            ("I had this one last week", dan.id),
        ]
    )
    assert (await events(ticket.id)).count("noted") == 3
    assert env.api.bot_messages(501) == []
    assert not await OutboxMessage.filter(chat_id=501).exists()
    assert not await Message.filter(ticket_id=ticket.id, kind=MessageKind.AGENT).exists()
    # A note does not change the status, the card or the assignee.
    t = await fresh(ticket.id)
    assert t.status.role == StatusRole.IN_PROGRESS and t.assignee_id == people.desk.ann.id
    # A reply to a note is still in the ticket's thread (the note's link routes it).
    note_msg = env.api.chat_messages(STAFF)[-1]
    people.ann.send_text("Refunded", chat_id=STAFF, reply_to_message_id=note_msg["message_id"])
    await env.step()
    assert last(env, 501)["text"].endswith("Refunded")
    assert "finance" not in " ".join(texts_in(env, 501))
    # An empty note is nothing.
    people.ann.send_text("!", chat_id=STAFF, reply_to_message_id=card_id)
    await env.step()
    assert len(await messages(ticket.id, MessageKind.NOTE)) == 3
    assert env.api.calls(ok=False) == []


async def test_notes_and_answers_in_a_forum_topic(env):
    people = await staff_desk(env, forum=True)
    ticket, shown = await claimed(env, people)
    topic = (await fresh(ticket.id)).staff_topic_id
    assert shown["message_thread_id"] == topic
    people.ann.send_text("!internal only", chat_id=STAFF, message_thread_id=topic)
    people.ann.send_text("Done, see the receipt", chat_id=STAFF, message_thread_id=topic)
    await env.step()
    assert [n.text for n in await messages(ticket.id, MessageKind.NOTE)] == ["internal only"]
    assert texts_in(env, 501) == ["💬 Ticket #1001 — answer from Ann:\n\nDone, see the receipt"]
    # The customer's reply and screenshot land in the topic.
    people.alice.send_text("Thanks", reply_to_message_id=last(env, 501)["message_id"])
    await env.step()
    people.alice.send_photo("screenshot", reply_to_message_id=last(env, 501)["message_id"])
    await env.step()
    relayed = [m for m in env.api.bot_messages(STAFF) if m["message_id"] > shown["message_id"]]
    assert relayed and all(m.get("message_thread_id") == topic for m in relayed)
    assert any("photo" in m for m in relayed)
    # General-topic chatter is no ticket's: nothing relayed, nothing answered.
    before = (len(env.api.bot_messages(STAFF)), len(env.api.bot_messages(501)))
    people.ann.send_text("Coffee?", chat_id=STAFF)
    await env.step()
    assert (len(env.api.bot_messages(STAFF)), len(env.api.bot_messages(501))) == before
    assert env.api.calls(ok=False) == []


async def test_an_agent_editing_an_answer_edits_the_customers_copy(env):
    people = await staff_desk(env)
    ticket, shown = await claimed(env, people)
    sent = people.ann.send_text(
        "Refund on Mondy", chat_id=STAFF, reply_to_message_id=shown["message_id"]
    )
    await env.step()
    copy_id = last(env, 501)["message_id"]
    people.ann.edit_text(sent, "Refund on Monday")
    await env.step()
    [edit] = env.api.calls("editMessageText", 501)
    assert edit.params["message_id"] == copy_id
    edited = current(env, 501, copy_id)
    assert edited["text"] == "💬 Ticket #1001 — answer from Ann:\n\nRefund on Monday"
    assert button_texts(edited) == ["↩️ Reply", "👍", "👎"]
    [stored] = await messages(ticket.id, MessageKind.AGENT)
    assert stored.text == "Refund on Monday" and stored.edited_at is not None
    event = await TicketEvent.get(ticket_id=ticket.id, kind="edited")
    assert event.actor_name == "Ann" and event.data == {"message_id": stored.id}
    # Someone else editing their own unrelated message changes nothing.
    chatter = people.bob.send_text("hello all", chat_id=STAFF)
    people.bob.edit_text(chatter, "hello everyone")
    await env.step()
    assert len(env.api.calls("editMessageText", 501)) == 1
    # Editing a note keeps it internal.
    note = people.ann.send_text(
        "!first try", chat_id=STAFF, reply_to_message_id=shown["message_id"]
    )
    await env.step()
    people.ann.edit_text(note, "!second try")
    await env.step()
    assert len(env.api.calls("editMessageText", 501)) == 1
    assert "second try" not in " ".join(texts_in(env, 501))
    assert env.api.calls(ok=False) == []


async def test_a_customer_editing_a_relayed_message_edits_the_staff_copy(env):
    people = await staff_desk(env)
    ticket, shown = await claimed(env, people)
    people.ann.send_text("Which invoice?", chat_id=STAFF, reply_to_message_id=shown["message_id"])
    await env.step()
    mine = people.alice.send_text("Invoice 1O42", reply_to_message_id=last(env, 501)["message_id"])
    await env.step()
    relay = env.api.bot_messages(STAFF)[-1]
    assert relay["text"].endswith("Invoice 1O42")
    people.alice.edit_text(mine, "Invoice 1042")
    await env.step()
    edits = [
        r
        for r in env.api.calls("editMessageText", STAFF)
        if r.params.get("message_id") == relay["message_id"]
    ]
    assert len(edits) == 1
    now = current(env, STAFF, relay["message_id"])
    assert now["text"].startswith("💬 #1001 · Alice (@alice) · ")
    assert "(edited)" in now["text"].splitlines()[0]
    assert now["text"].endswith("\nInvoice 1042")
    [_, followup] = await messages(ticket.id, MessageKind.CUSTOMER)
    assert followup.text == "Invoice 1042" and followup.edited_at is not None
    assert (await TicketEvent.get(ticket_id=ticket.id, kind="edited")).actor_name == "Alice"
    assert env.api.calls(ok=False) == []


async def test_a_second_answer_does_not_send_an_unchanged_card_edit(env):
    """The card shows nothing that a second answer changes: Telegram refuses an edit
    that changes nothing ("message is not modified"), so none must be sent."""
    people = await staff_desk(env)
    ticket, shown = await claimed(env, people)
    for text in ("First answer", "Second answer", "Third answer"):
        people.ann.send_text(text, chat_id=STAFF, reply_to_message_id=shown["message_id"])
        await env.step()
    assert [t.split("\n\n")[-1] for t in texts_in(env, 501)] == [
        "First answer",
        "Second answer",
        "Third answer",
    ]
    assert (await fresh(ticket.id)).status.role == StatusRole.WAITING
    assert env.api.calls(ok=False) == []


async def test_a_customer_blocking_the_bot_holds_delivery_until_unblocked(env):
    people = await staff_desk(env)
    ticket, shown = await claimed(env, people)
    other = await new_ticket(people.desk.alice, people.desk.billing, "Second issue")
    await env.step()
    people.alice.block_bot()
    await env.step()
    assert (await Customer.get(id=people.desk.alice.id)).blocked_bot is True
    notices = [
        m for m in env.api.bot_messages(STAFF) if "customer blocked the bot" in m.get("text", "")
    ]
    assert sorted(n["text"] for n in notices) == [
        "⛔️ #1001: the customer blocked the bot; messages to them are held.",
        "⛔️ #1002: the customer blocked the bot; messages to them are held.",
    ]
    threads = {n["text"][3:8]: n["reply_to_message"]["message_id"] for n in notices}
    assert threads == {
        "#1001": shown["message_id"],
        "#1002": (await fresh(other.id)).staff_message_id,
    }
    # Ann answers meanwhile: stored, held, not sent (no 403 from Telegram either).
    people.ann.send_text("Refund done", chat_id=STAFF, reply_to_message_id=shown["message_id"])
    await env.step()
    assert env.api.calls("sendMessage", 501) == []
    [held] = await OutboxMessage.filter(chat_id=501)
    assert held.status == OutboxStatus.BLOCKED and "Refund done" in held.payload["text"]
    assert len(await messages(ticket.id, MessageKind.AGENT)) == 1
    # A second block update changes nothing (no duplicate notices).
    people.alice.unblock_bot()
    await env.step()
    assert (await Customer.get(id=people.desk.alice.id)).blocked_bot is False
    unblocked = [m["text"] for m in env.api.bot_messages(STAFF) if "unblocked" in m.get("text", "")]
    assert sorted(unblocked) == [
        "✅ #1001: the customer unblocked the bot; held messages are sent.",
        "✅ #1002: the customer unblocked the bot; held messages are sent.",
    ]
    answer = last(env, 501)
    assert answer["text"] == "💬 Ticket #1001 — answer from Ann:\n\nRefund done"
    assert (await OutboxMessage.get(id=held.id)).status == OutboxStatus.SENT
    assert env.api.calls(ok=False) == []


async def test_a_block_found_by_a_refused_answer_is_told_in_the_thread(env):
    """The block's own update never came (the bot was down): Ann's answer is refused
    with 403; the answer is held, the thread is told once, and unblocking sends it."""
    people = await staff_desk(env)
    ticket, shown = await claimed(env, people)
    people.alice.block_bot(unnoticed=True)
    people.ann.send_text("Refund done", chat_id=STAFF, reply_to_message_id=shown["message_id"])
    await env.step()
    await env.settle()
    [refused] = env.api.calls("sendMessage", ok=False)
    assert (refused.chat_id, refused.status) == (501, 403)
    [held] = await OutboxMessage.filter(chat_id=501, status=OutboxStatus.BLOCKED)
    assert "Refund done" in held.payload["text"]
    assert (await Customer.get(id=people.desk.alice.id)).blocked_bot is True
    notices = [m for m in env.api.bot_messages(STAFF) if "blocked the bot" in m.get("text", "")]
    assert [(n["text"], n["reply_to_message"]["message_id"]) for n in notices] == [
        ("⛔️ #1001: the customer blocked the bot; messages to them are held.", shown["message_id"])
    ]
    # Another answer meanwhile: held without another attempt or another notice.
    people.ann.send_text("And a receipt", chat_id=STAFF, reply_to_message_id=shown["message_id"])
    await env.step()
    await env.settle()
    assert len(env.api.calls("sendMessage", 501)) == 1
    assert await OutboxMessage.filter(chat_id=501, status=OutboxStatus.BLOCKED).count() == 2
    people.alice.unblock_bot()
    await env.step()
    await env.settle()
    delivered = [m["text"] for m in env.api.bot_messages(501)][-2:]
    assert delivered == [
        "💬 Ticket #1001 — answer from Ann:\n\nRefund done",
        "💬 Ticket #1001 — answer from Ann:\n\nAnd a receipt",
    ]
    assert len(await messages(ticket.id, MessageKind.AGENT)) == 2


async def test_blocking_notices_only_for_open_tickets_and_known_customers(env):
    people = await staff_desk(env)
    _ticket, shown = await claimed(env, people)
    await tap(env, people.ann, shown, "Close")
    before = len(env.api.bot_messages(STAFF))
    people.alice.block_bot()
    await env.step()
    assert len(env.api.bot_messages(STAFF)) == before
    assert (await Customer.get(id=people.desk.alice.id)).blocked_bot is True
    # A stranger (no customer record) blocking the bot is nothing to tell.
    stranger = env.api.add_user(777, "Stranger")
    stranger.block_bot()
    await env.step()
    assert len(env.api.bot_messages(STAFF)) == before
    assert not await Customer.filter(telegram_id=777).exists()
    assert env.api.calls(ok=False) == []


@pytest.mark.parametrize("forum", [False, True], ids=["reply-mode", "forum-mode"])
async def test_the_agent_sees_each_answer_and_note_confirmed_by_a_reaction(env, forum):
    """👌 on what reached the customer, ✍ on a note: quiet, through the outbox; an
    album is confirmed once; a message that was not relayed gets no reaction."""
    people = await staff_desk(env, forum=forum)
    ticket, shown = await claimed(env, people)
    here = where(ticket, shown)
    answer = people.ann.send_text("Refunded", chat_id=STAFF, **here)
    note = people.ann.send_text("/note checked with finance", chat_id=STAFF, **here)
    short = people.ann.send_text("!card ends with 4242", chat_id=STAFF, **here)
    photo = people.ann.send_photo("The receipt", chat_id=STAFF, content=TINY_PNG, **here)
    await env.step()

    def reacted(message: dict) -> list[str]:
        return env.api.reactions(STAFF, message["message_id"])

    assert [reacted(m) for m in (answer, note, short, photo)] == [["👌"], ["✍"], ["✍"], ["👌"]]
    album = [
        people.ann.send_photo(None, chat_id=STAFF, media_group_id="77", **here) for _ in range(3)
    ]
    await env.step()
    assert reacted(album[0]) == ["👌"]
    assert len(env.api.calls("setMessageReaction", STAFF)) == 5
    assert len(await messages(ticket.id, MessageKind.AGENT)) == 5
    # Dan's message is not relayed: a notice says why, no reaction.
    dan = await Agent.create(telegram_id=9004, name="Dan")
    await dan.departments.add(people.desk.billing)
    dans = env.api.add_user(9004, "Dan").send_text("Me too", chat_id=STAFF, **here)
    await env.step()
    assert reacted(dans) == []
    assert texts_in(env, STAFF)[-1].startswith("Not sent to the customer: Ann is answering")
    # Like every send, the reactions went through the outbox.
    reactions = await OutboxMessage.filter(method="setMessageReaction").order_by("id")
    assert [r.status for r in reactions] == [OutboxStatus.SENT] * 5
    assert env.api.calls(ok=False) == []
