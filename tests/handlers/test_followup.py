"""What customers send outside the wizard: follow-ups to their tickets, Telegram replies,
untied messages, status changes they cause, and input that is refused (SPEC §3)."""

from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager

from aiogram.fsm.storage.base import StorageKey

from bot.i18n import create_i18n
from bot.services import tickets
from bot.services.settings import update_settings
from models import Attachment, Message, MessageLink, Status, Ticket, TicketEvent
from models.enums import AttachmentKind, MessageKind, Side, StatusRole
from tests.factories import make_desk, open_ticket
from tests.handlers.wizard_support import STAFF, button, current, last, press
from tests.support import button_texts

SCREENSHOT = b"\x89PNG\r\n\x1a\n a screenshot of the error"
REPORT = b"%PDF-1.4\n% the monthly report\n"


@contextmanager
def english():
    with create_i18n("en").context():
        yield


async def _desk(env):
    with english():
        desk = await make_desk()
    env.api.add_group(STAFF, "Support staff")
    await update_settings({"staff_chat_id": STAFF})
    return desk


async def _ticket(customer, department, subject: str, text: str = "Please help") -> Ticket:
    with english():
        return await open_ticket(customer, department, subject, text)


async def _answer(ticket: Ticket, agent, text: str) -> Message:
    with english():
        return await tickets.reply(ticket.id, text, await tickets.agent_actor(agent))


async def _status(ticket_id: int) -> StatusRole | None:
    return (await Ticket.get(id=ticket_id).select_related("status")).status.role


def _alert(env) -> dict:
    """The parameters of the newest callback query answer."""
    return env.api.calls("answerCallbackQuery")[-1].params


def _texts(env, chat_id: int) -> list[str]:
    return [m.get("text") or m.get("caption") or "" for m in env.api.bot_messages(chat_id)]


async def _followups(ticket_id: int) -> list[Message]:
    """The ticket's customer messages after the first one, with their files."""
    rows = (
        await Message.filter(ticket_id=ticket_id, kind=MessageKind.CUSTOMER)
        .order_by("id")
        .prefetch_related("attachments")
    )
    return rows[1:]


async def _open_view(env, user, chat_id: int, number: int) -> dict:
    """My tickets → the ticket: its view."""
    user.send_text("/tickets")
    await env.step()
    listing = last(env, chat_id)
    return await press(env, user, chat_id, listing, f"#{number}")


def _card(env) -> dict:
    return env.api.bot_messages(STAFF)[0]


async def test_reply_button_adds_text_photo_document_and_album_to_the_ticket(env, tmp_path):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    ticket = await _ticket(desk.alice, desk.billing, "Invoice is wrong")
    await env.settle()
    card = _card(env)
    assert "#1001" in card["text"]

    view = await _open_view(env, alice, 501, 1001)
    assert "↩️ Reply" in button_texts(view)
    await press(env, alice, 501, view, "Reply")
    prompt = last(env, 501)
    assert "Write your message for ticket #1001" in prompt["text"]
    assert button_texts(prompt) == ["✖️ Stop replying"]

    alice.send_text("The amount is <b>doubled</b> & wrong")
    await env.step()
    alice.send_photo(content=SCREENSHOT)
    await env.step()
    alice.send_document(file_name="report.pdf", content=REPORT, caption="The report")
    await env.step()
    alice.send_album(2, caption="Two more screenshots")
    await env.step()

    acks = [t for t in _texts(env, 501) if "Added to ticket #1001" in t]
    assert len(acks) == 4  # text, photo, document, and ONE for the album

    text, photo, document, *album = await _followups(ticket.id)
    # The album's two messages, the captioned one first (they may be handled in either order).
    first, second = sorted(album, key=lambda m: m.text == "")
    assert text.text == "The amount is <b>doubled</b> & wrong" and not text.attachments
    assert photo.text == "" and len(photo.attachments) == 1
    assert document.text == "The report"
    assert first.text == "Two more screenshots" and second.text == ""
    (shot,) = photo.attachments
    assert shot.kind == AttachmentKind.PHOTO and shot.file_id
    assert shot.sha256 == hashlib.sha256(SCREENSHOT).hexdigest()
    assert (tmp_path / "files" / shot.stored_path).read_bytes() == SCREENSHOT
    (pdf,) = document.attachments
    assert pdf.kind == AttachmentKind.DOCUMENT and pdf.file_name == "report.pdf"
    assert pdf.mime_type == "application/pdf" and pdf.size == len(REPORT)
    assert pdf.sha256 == hashlib.sha256(REPORT).hexdigest()
    assert (tmp_path / "files" / pdf.stored_path).read_bytes() == REPORT
    assert all(len(m.attachments) == 1 for m in (first, second))
    assert all(a.stored_path for m in (first, second) for a in m.attachments)

    # Each message went to the staff chat as a reply to the card: a "who and when" header
    # (with the text, escaped and shown literally), its file as a reply to the thread.
    staff = {m["message_id"]: m for m in env.api.bot_messages(STAFF)}
    header = re.compile(r"^💬 #1001 · Alice \(@alice\) · \d\d\.\d\d \d\d:\d\d UTC")
    for message, kind in (
        (text, None),
        (photo, "photo"),
        (document, "document"),
        (first, "photo"),
        (second, "photo"),
    ):
        links = await MessageLink.filter(message_id=message.id, side=Side.STAFF).order_by(
            "telegram_message_id"
        )
        assert all(link.chat_id == STAFF and link.ticket_id == ticket.id for link in links)
        copies = [staff[link.telegram_message_id] for link in links]
        assert header.match(copies[0]["text"])
        assert copies[0]["reply_to_message"]["message_id"] == card["message_id"]
        if message.text:
            assert copies[0]["text"].endswith("\n" + message.text)
        if kind is None:
            assert len(copies) == 1
            continue
        assert len(copies) == 2 and kind in copies[1]
        assert copies[1]["reply_to_message"]["message_id"] in {
            card["message_id"],
            copies[0]["message_id"],
        }
    assert await MessageLink.filter(side=Side.STAFF, ticket_id=ticket.id).count() == len(staff)

    # Stop replying: the next plain message is not added, it asks which ticket.
    stopped = await press(env, alice, 501, prompt, "Stop replying")
    assert "no longer added to ticket #1001" in stopped["text"]
    alice.send_text("Unrelated question")
    await env.step()
    assert "Which ticket is this message for?" in last(env, 501)["text"]
    assert len(await _followups(ticket.id)) == 5
    assert env.api.calls(ok=False) == []


async def test_a_telegram_reply_to_an_answer_goes_to_that_ticket(env):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    invoice = await _ticket(desk.alice, desk.billing, "Invoice is wrong")
    vpn = await _ticket(desk.alice, desk.tech, "VPN drops")
    await _answer(invoice, desk.ann, "Which invoice number?")
    await _answer(vpn, desk.bob, "Since when?")
    await env.settle()
    invoice_answer, vpn_answer = env.api.bot_messages(501)
    assert "Ticket #1001" in invoice_answer["text"] and "Ticket #1002" in vpn_answer["text"]

    # The conversation of #1002 is open (Reply under its answer) ...
    await press(env, alice, 501, vpn_answer, "Reply")
    assert "Write your message for ticket #1002" in last(env, 501)["text"]
    # ... but a Telegram reply to #1001's answer goes to #1001.
    alice.send_text("INV-42", reply_to_message_id=invoice_answer["message_id"])
    await env.step()
    assert [m.text for m in await _followups(invoice.id)] == ["INV-42"]
    assert await _followups(vpn.id) == []
    assert "Added to ticket #1001" in last(env, 501)["text"]
    # A plain message still goes to the open conversation.
    alice.send_text("Since Monday")
    await env.step()
    assert [m.text for m in await _followups(vpn.id)] == ["Since Monday"]
    assert "Added to ticket #1002" in last(env, 501)["text"]
    # Routing is by the link the sender recorded for the answer's copy, not by its text.
    links = await MessageLink.filter(chat_id=501, ticket_id=invoice.id, side=Side.CUSTOMER)
    assert invoice_answer["message_id"] in {link.telegram_message_id for link in links}

    # The customer's own follow-ups and their acknowledgements are messages of the
    # ticket too: a reply to either goes there.
    own = next(m for m in env.api.chat_messages(501) if m.get("text") == "INV-42")
    alice.send_text("It is INV-42, not INV-24", reply_to_message_id=own["message_id"])
    await env.step()
    ack = last(env, 501)
    assert "Added to ticket #1001" in ack["text"]
    alice.send_text("Dated March", reply_to_message_id=ack["message_id"])
    await env.step()
    assert [m.text for m in await _followups(invoice.id)] == [
        "INV-42",
        "It is INV-42, not INV-24",
        "Dated March",
    ]
    assert [m.text for m in await _followups(vpn.id)] == ["Since Monday"]

    # A reply to a closed ticket is refused; the open conversation stays open.
    with english():
        await tickets.close(invoice.id, await tickets.agent_actor(desk.ann))
    await env.settle()
    alice.send_text("Thanks!", reply_to_message_id=invoice_answer["message_id"])
    await env.step()
    assert "Ticket #1001 is closed and takes no messages" in last(env, 501)["text"]
    alice.send_text("Still dropping")
    await env.step()
    assert "Added to ticket #1002" in last(env, 501)["text"]
    assert [m.text for m in await _followups(invoice.id)][-1] == "Dated March"
    assert [m.text for m in await _followups(vpn.id)] == ["Since Monday", "Still dropping"]
    assert env.api.calls(ok=False) == []


async def test_a_reply_is_never_routed_to_another_customers_ticket(env):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    env.api.add_user(502, "Карл", language_code="ru")
    await _ticket(desk.alice, desk.billing, "Invoice is wrong")
    carls = await _ticket(desk.carl, desk.tech, "Carl's secret")
    carls_answer = await _answer(carls, desk.bob, "Carl, your password is reset")
    alice.send_text("/start")
    await env.step()
    greeting = last(env, 501)
    # A link that claims a message in Alice's chat belongs to Carl's ticket (which Telegram
    # cannot produce: this is the service's ownership check at work).
    await MessageLink.create(
        message_id=carls_answer.id,
        ticket_id=carls.id,
        side=Side.CUSTOMER,
        chat_id=501,
        telegram_message_id=greeting["message_id"],
    )
    alice.send_text("Is this mine?", reply_to_message_id=greeting["message_id"])
    await env.step()
    assert await Message.filter(ticket_id=carls.id, kind=MessageKind.CUSTOMER).count() == 1
    question = last(env, 501)
    assert "Which ticket is this message for?" in question["text"]
    assert all("Carl" not in label for label in button_texts(question))
    assert button_texts(question)[0].startswith("#1001")
    assert all("Carl" not in t for t in _texts(env, 501))
    assert env.api.calls(ok=False) == []


def _stored(tmp_path) -> list:
    return sorted(p for p in (tmp_path / "files").rglob("*") if p.is_file())


async def test_an_untied_message_asks_which_ticket_and_goes_where_chosen(env, tmp_path):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    invoice = await _ticket(desk.alice, desk.billing, "Invoice is wrong")
    vpn = await _ticket(desk.alice, desk.tech, "VPN drops every hour, all day long, since Monday")
    await env.settle()

    alice.send_text("Here is more <i>detail</i>")
    await env.step()
    question = last(env, 501)
    assert question["text"] == "Which ticket is this message for?"
    assert button_texts(question) == [
        "#1002 VPN drops every hour, all day…",  # newest activity first, long subjects cut
        "#1001 Invoice is wrong",
        "🆕 New ticket with this",
        "🗑 Discard",
    ]
    # A photo sent next is kept with the text; the question moves down to it.
    alice.send_photo(content=SCREENSHOT)
    await env.step()
    assert button_texts(current(env, 501, question["message_id"])) == []
    question = last(env, 501)
    assert question["text"] == "Which ticket is this message for?"
    assert len(_stored(tmp_path)) == 1
    assert await _followups(invoice.id) == [] and await _followups(vpn.id) == []

    done = await press(env, alice, 501, question, "#1001")
    assert done["text"] == "✔️ Added to ticket #1001." and button_texts(done) == []
    (added,) = await _followups(invoice.id)
    assert added.text == "Here is more <i>detail</i>"
    (shot,) = added.attachments
    assert shot.sha256 == hashlib.sha256(SCREENSHOT).hexdigest()
    assert (tmp_path / "files" / shot.stored_path).read_bytes() == SCREENSHOT
    staff_copy = next(m for m in env.api.bot_messages(STAFF) if "detail" in m.get("text", ""))
    assert "Here is more <i>detail</i>" in staff_copy["text"]
    assert await _followups(vpn.id) == []
    # Its Telegram messages now belong to #1001: a reply to one of them goes there.
    own = next(m for m in env.api.chat_messages(501) if "detail" in m.get("text", ""))
    alice.send_text("And one more", reply_to_message_id=own["message_id"])
    await env.step()
    assert "Added to ticket #1001" in last(env, 501)["text"]
    assert [m.text for m in await _followups(invoice.id)][-1] == "And one more"
    # The kept message is gone: the old question's buttons do nothing now.
    alice.press(done, button(question, "#1002"), forged=True)
    await env.step()
    assert _alert(env)["text"] == "This button is no longer available."
    assert await _followups(vpn.id) == []
    assert env.api.calls(ok=False) == []


async def test_new_ticket_with_an_untied_message_starts_the_wizard_with_it(env, tmp_path):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    await _ticket(desk.alice, desk.billing, "Invoice is wrong")
    await env.settle()
    alice.send_photo(caption="My router shows a red light", content=SCREENSHOT)
    await env.step()
    question = last(env, 501)
    screen = await press(env, alice, 501, question, "New ticket with this")
    assert "Which department" in screen["text"]  # the question became the wizard
    data = await env.dp.storage.get_data(StorageKey(bot_id=env.bot.id, chat_id=501, user_id=501))
    draft = data["draft"]
    assert draft["description"] == "My router shows a red light"
    (kept,) = draft["files"]
    assert kept["sha256"] == hashlib.sha256(SCREENSHOT).hexdigest()
    assert (tmp_path / "files" / kept["path"]).read_bytes() == SCREENSHOT
    assert not data.get("pending")
    assert await Ticket.all().count() == 1
    assert env.api.calls(ok=False) == []


async def test_discard_drops_the_kept_message_and_its_files(env, tmp_path):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    invoice = await _ticket(desk.alice, desk.billing, "Invoice is wrong")
    await env.settle()
    alice.send_document(file_name="notes.txt", mime_type="text/plain", content=b"notes")
    await env.step()
    assert len(_stored(tmp_path)) == 1
    done = await press(env, alice, 501, last(env, 501), "Discard")
    assert done["text"] == "The message was discarded." and button_texts(done) == []
    assert _stored(tmp_path) == []
    assert await _followups(invoice.id) == []
    assert env.api.calls(ok=False) == []


async def test_without_open_tickets_an_untied_message_offers_a_new_one(env):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    closed = await _ticket(desk.alice, desk.billing, "Old one")
    with english():
        await tickets.close(closed.id, await tickets.agent_actor(desk.ann))
    await env.settle()
    alice.send_text("Hello?")
    await env.step()
    question = last(env, 501)
    assert question["text"].startswith("You have no open tickets")
    assert button_texts(question) == ["🆕 New ticket with this", "🗑 Discard"]
    assert await _followups(closed.id) == []
    assert env.api.calls(ok=False) == []


async def test_an_untied_album_asks_once(env, tmp_path):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    invoice = await _ticket(desk.alice, desk.billing, "Invoice is wrong")
    await env.settle()
    before = len(env.api.bot_messages(501))
    alice.send_album(3, caption="Three screenshots")
    await env.step()
    questions = [t for t in _texts(env, 501)[before:] if "Which ticket" in t]
    assert len(questions) == 1
    assert len(_stored(tmp_path)) == 3
    done = await press(env, alice, 501, last(env, 501), "#1001")
    assert "Added to ticket #1001" in done["text"]
    (added,) = await _followups(invoice.id)
    assert added.text == "Three screenshots" and len(added.attachments) == 3
    assert env.api.calls(ok=False) == []


async def test_messages_move_the_ticket_back_to_the_agents_and_closed_ones_take_none(env):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    env.api.add_user(502, "Карл", language_code="ru")
    ticket = await _ticket(desk.alice, desk.billing, "Invoice is wrong")
    carls = await _ticket(desk.carl, desk.tech, "Carl's")
    await _answer(ticket, desk.ann, "Which invoice?")
    await env.settle()
    assert await _status(ticket.id) == StatusRole.WAITING
    answer = last(env, 501)

    # Waiting for the customer → their message puts it back in progress.
    alice.send_text("INV-42", reply_to_message_id=answer["message_id"])
    await env.step()
    assert await _status(ticket.id) == StatusRole.IN_PROGRESS
    assert await TicketEvent.filter(ticket_id=ticket.id, kind="customer_replied").count() == 1

    # Resolved → a message reopens it.
    resolved = await Status.get(role=StatusRole.RESOLVED)
    with english():
        await tickets.set_status(ticket.id, resolved.id, await tickets.agent_actor(desk.ann))
    await env.settle()
    alice.send_text("Still wrong", reply_to_message_id=answer["message_id"])
    await env.step()
    assert await _status(ticket.id) == StatusRole.IN_PROGRESS  # Ann has it
    assert await TicketEvent.filter(ticket_id=ticket.id, kind="reopened").count() == 1
    assert any("#1001 is open again" in t for t in _texts(env, 501))

    # Closed → refused, nothing stored, the conversation is left.
    await press(env, alice, 501, answer, "Reply")
    with english():
        await tickets.close(ticket.id, await tickets.agent_actor(desk.ann))
    await env.settle()
    before = await Message.filter(ticket_id=ticket.id).count()
    alice.send_text("One more thing")
    await env.step()
    refusal = last(env, 501)
    assert "Ticket #1001 is closed and takes no messages" in refusal["text"]
    assert "📋 My tickets" in button_texts(refusal)
    assert await Message.filter(ticket_id=ticket.id).count() == before
    alice.send_text("Anyone?")
    await env.step()
    assert last(env, 501)["text"].startswith("You have no open tickets")  # no longer tied

    # A forged Reply button for Carl's ticket.
    alice.press(refusal, f"tk:{carls.id}:reply", forged=True)
    await env.step()
    assert _alert(env)["text"] == "This ticket is not available."
    assert _alert(env)["show_alert"] in (True, "true", "True")
    assert all("#1002" not in t for t in _texts(env, 501))
    data = await env.dp.storage.get_data(StorageKey(bot_id=env.bot.id, chat_id=501, user_id=501))
    assert data.get("chat") != carls.id
    assert env.api.calls(ok=False) == []


async def test_stickers_big_files_and_unknown_commands_are_refused(env):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    ticket = await _ticket(desk.alice, desk.billing, "Invoice is wrong")
    await env.settle()
    alice.send_sticker()
    await env.step()
    assert "cannot take this kind of message" in last(env, 501)["text"]
    alice.send_location()
    await env.step()
    assert "cannot take this kind of message" in last(env, 501)["text"]
    alice.send_document(file_name="dump.zip", size=25 * 1024 * 1024)
    await env.step()
    assert "«dump.zip» is larger than 20 MB" in last(env, 501)["text"]
    alice.send_text("/unknowncommand")
    await env.step()
    answer = last(env, 501)
    assert answer["text"].startswith("I do not know this command")
    assert "🆕 New ticket" in button_texts(answer) and "📋 My tickets" in button_texts(answer)
    assert await Message.filter(ticket_id=ticket.id).count() == 1
    assert await Attachment.all().count() == 0
    data = await env.dp.storage.get_data(StorageKey(bot_id=env.bot.id, chat_id=501, user_id=501))
    assert not data.get("pending")
    assert env.api.calls(ok=False) == []


async def test_untied_files_are_bounded_like_the_wizards(env, tmp_path):
    """At most 20 files wait for "which ticket?"; the others are refused politely (once
    per album) and not kept on disk."""
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    invoice = await _ticket(desk.alice, desk.billing, "Invoice is wrong")
    await env.settle()
    alice.send_album(10, caption="Screens")
    await env.step()
    alice.send_album([{"type": "document", "file_name": f"log{i}.txt"} for i in range(10)])
    await env.step()
    assert len(_stored(tmp_path)) == 20
    before = len(env.api.bot_messages(501))
    alice.send_album(3)
    await env.step()
    alice.send_document(file_name="one-more.pdf", caption="and the contract")
    await env.step()
    refusals = [t for t in _texts(env, 501)[before:] if "at most 20 files" in t]
    assert refusals == ["A ticket takes at most 20 files; this one was not added."] * 2
    assert len(_stored(tmp_path)) == 20  # what was downloaded over the bound is deleted
    data = await env.dp.storage.get_data(StorageKey(bot_id=env.bot.id, chat_id=501, user_id=501))
    assert len(data["pending"]["files"]) == 20
    done = await press(env, alice, 501, last(env, 501), "#1001")
    assert "Added to ticket #1001" in done["text"]
    (added,) = await _followups(invoice.id)
    assert len(added.attachments) == 20
    assert added.text == "Screens\n\nand the contract"  # the refused file's caption is kept
    assert env.api.calls(ok=False) == []


INVISIBLE = "\u200b\u200c\u200d\ufeff\u200e\u200f\u2060"


async def test_a_follow_up_of_only_invisible_characters_is_answered_not_lost(env):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    ticket = await _ticket(desk.alice, desk.billing, "Invoice is wrong")
    await env.settle()
    view = await _open_view(env, alice, 501, 1001)
    await press(env, alice, 501, view, "Reply")
    staff_before = len(env.api.bot_messages(STAFF))
    alice.send_text(INVISIBLE)
    await env.step()
    assert last(env, 501)["text"] == (
        "Your message has no visible text, so nothing was added. Please write it again."
    )
    assert await _followups(ticket.id) == []
    assert len(env.api.bot_messages(STAFF)) == staff_before
    # Invisible characters around a real text are dropped; the text is added.
    alice.send_text(f"{INVISIBLE} The amount is wrong {INVISIBLE}")
    await env.step()
    assert "Added to ticket #1001" in last(env, 501)["text"]
    assert [m.text for m in await _followups(ticket.id)] == ["The amount is wrong"]
    assert env.api.calls(ok=False) == []
