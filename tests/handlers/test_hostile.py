"""Hostile and broken input in the private chat: forged and replayed updates, unknown
update types, path-traversal file names, markup in every text a customer controls,
a disk that cannot take the file. Each is refused or contained; nothing crashes."""

from __future__ import annotations

from bot.services.settings import update_settings
from models import Attachment, Message, ProcessedUpdate, Ticket
from tests.handlers.wizard_support import STAFF, desk_with_staff_chat, last, press
from tests.support import button_texts


async def _ticket_with(env, user, chat_id: int, subject: str, description: str, send_file):
    user.send_text("/new")
    await env.step()
    screen = await press(env, user, chat_id, last(env, chat_id), "Tech")
    screen = await press(env, user, chat_id, screen, "normal")
    user.send_text(subject)
    await env.step()
    user.send_text(description)
    await env.step()
    send_file()
    await env.step()
    await press(env, user, chat_id, last(env, chat_id), "Done")
    await press(env, user, chat_id, last(env, chat_id), "Send")
    return await Ticket.get(customer__telegram_id=chat_id).order_by("-id").first()


async def test_markup_and_path_traversal_in_everything_the_customer_controls(env, tmp_path):
    await desk_with_staff_chat(env)
    evil = env.api.add_user(
        666, "<b>Eve</b> & <i>co", username="eve_", last_name="</a><script>x</script>"
    )
    subject = "<a href='javascript:x'>pay</a> & <b>now"
    description = "</pre><code>&amp;&#0;<tg-spoiler>{name}{0}%s</code>"
    ticket = await _ticket_with(
        env,
        evil,
        666,
        subject,
        description,
        lambda: evil.send_document(
            file_name="../../../etc/passwd\x00.pdf", content=b"%PDF-1.4 harmless"
        ),
    )
    assert ticket.subject == subject  # stored verbatim
    first = await Message.filter(ticket_id=ticket.id).first()
    assert first.text == description
    attachment = await Attachment.get(message_id=first.id)
    root = (tmp_path / "files").resolve()
    stored = (root / attachment.stored_path).resolve()
    assert stored.is_relative_to(root) and stored.read_bytes() == b"%PDF-1.4 harmless"
    assert "/" not in attachment.file_name and ".." not in attachment.file_name
    assert "\x00" not in attachment.file_name
    card = env.api.bot_messages(STAFF)[0]
    # The strict fake parsed every message as HTML: the markup arrived as text.
    assert "<b>Eve</b> & <i>co" in card["text"] and subject in card["text"]
    assert env.api.calls(ok=False) == []


async def test_unknown_update_types_and_odd_messages_change_nothing(env):
    await desk_with_staff_chat(env)
    user = env.api.add_user(667, "Uma")
    user.send_raw({"dice": {"emoji": "🎲", "value": 3}})
    user.send_sticker()
    user.send_location(55.75, 37.61)
    user.send_contact("+70000000000", "Uma")
    env.api.push_update(
        {"message_reaction": {"chat": {"id": 667, "type": "private"}, "message_id": 1}}
    )
    env.api.push_update({"chat_join_request": {"chat": {"id": -5, "type": "supergroup"}}})
    await env.step()
    replies = [m["text"] for m in env.api.bot_messages(667)]
    assert replies and all("cannot take this kind of message" in r for r in replies)
    assert await Ticket.all().count() == 0
    user.send_text("/start")
    await env.step()
    assert "Hello" in last(env, 667)["text"]  # still answering
    assert env.api.calls(ok=False) == []


async def test_an_update_the_bot_cannot_read_does_not_hold_up_the_next(env, caplog):
    """A newer Bot API (or a broken field) must not stop long polling: the unreadable
    update is logged and skipped, the customer's next message is answered."""
    await desk_with_staff_chat(env)
    user = env.api.add_user(670, "Pia")
    poison = env.api._next_update_id + 500
    env.api.push_update(
        {
            "update_id": poison,
            "message": {
                "message_id": 1,
                "date": "yesterday",
                "chat": {"id": 670, "type": "private"},
                "text": "/start",
            },
        }
    )
    user.send_text("/start")
    await env.step()
    assert "Hello" in last(env, 670)["text"]
    assert len(env.api.bot_messages(670)) == 1
    assert f"update {poison} could not be read and is skipped (message.date" in caplog.text
    assert await ProcessedUpdate.filter(update_id=poison).exists()
    assert env.api.calls(ok=False) == []


async def test_a_replayed_update_is_handled_once(env):
    await desk_with_staff_chat(env)
    user = env.api.add_user(668, "Rita")
    update_id = env.api._next_update_id + 1000
    update = {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1700000000,
            "chat": {"id": 668, "type": "private", "first_name": "Rita"},
            "from": {"id": 668, "is_bot": False, "first_name": "Rita"},
            "text": "/start",
        },
    }
    env.api.push_update(update)
    await env.step()
    env.api.push_update(update)
    await env.step()
    assert len(env.api.bot_messages(668)) == 1
    assert await ProcessedUpdate.filter(update_id=update_id).count() == 1
    del user


async def test_a_file_that_cannot_be_stored_keeps_the_ticket_and_tells_staff(env, tmp_path):
    await desk_with_staff_chat(env)
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the attachments directory should be")
    await update_settings({"attachments_dir": str(blocker / "files")})
    user = env.api.add_user(669, "Dora")
    ticket = await _ticket_with(
        env, user, 669, "Disk", "The disk is full", lambda: user.send_photo(content=b"\x89PNG")
    )
    attachment = await Attachment.get(message__ticket_id=ticket.id)
    assert attachment.missing and attachment.stored_path is None and attachment.file_id
    staff = env.api.bot_messages(STAFF)
    assert any("photo" in m for m in staff)  # Telegram's copy still reaches the agents
    assert any("could not keep a copy" in m.get("text", "") for m in staff)
    assert "is registered" in last(env, 669)["text"]
    assert button_texts(last(env, 669))
    assert not (blocker.parent / "files").exists()
    assert env.api.calls(ok=False) == []
