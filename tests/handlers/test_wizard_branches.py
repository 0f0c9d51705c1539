"""Every branch of the new-ticket wizard off its happy path (those are in test_wizard.py):
Back and Cancel, /cancel, albums, file limits, bad input, stale buttons, Send racing an
album, a restart in the middle, banned and inactive customers, a department switched
off before Send - through the real dispatcher and the strict fake Bot API."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import create_bot, create_dispatcher
from bot.i18n import create_i18n
from models import Attachment, Category, Customer, Department, Message, Priority, Ticket
from tests.factories import open_ticket
from tests.handlers.conftest import track_handled
from tests.handlers.wizard_support import STAFF, button, current, desk_with_staff_chat, last, press
from tests.support import button_texts, wait_until

BIG = 25 * 1024 * 1024
SUBJECT = "Payment not credited"
DESCRIPTION = "I paid on Monday and the balance is still zero."

# The labels a customer presses, per language.
LABELS = {
    "en": {
        "new": "New ticket",
        "normal": "normal",
        "skip": "Skip",
        "done": "Done",
        "edit": "Edit",
    },
    "ru": {
        "new": "Новая",
        "normal": "обычный",
        "skip": "Пропустить",
        "done": "Готово",
        "edit": "Изменить",
    },
}
USERS = {501: ("Alice", "en"), 502: ("Carl", "ru")}


# -- helpers ------------------------------------------------------------------------------


def _user(env, chat: int):
    name, language = USERS[chat]
    return env.api.add_user(chat, name, username=name.lower(), language_code=language)


def _label(chat: int, key: str) -> str:
    return LABELS[USERS[chat][1]][key]


def _stored(env) -> list[Path]:
    """The files kept under the attachments directory."""
    root = Path(env.dp["settings"].attachments_dir)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def _state(env, chat: int) -> tuple[str | None, dict[str, Any]]:
    context = env.dp.fsm.get_context(env.bot, chat_id=chat, user_id=chat)
    return await context.get_state(), await context.get_data()


def _answer(env, query: dict[str, Any]) -> dict[str, Any]:
    """The answerCallbackQuery the bot gave to a pressed button."""
    answers = [
        r.params
        for r in env.api.calls("answerCallbackQuery")
        if r.params.get("callback_query_id") == query["id"]
    ]
    assert len(answers) == 1, answers
    return answers[0]


def _is_alert(answer: dict[str, Any]) -> bool:
    return str(answer.get("show_alert")).lower() in ("true", "1")


async def _tickets() -> int:
    return await Ticket.all().count()


async def _attachments_of(ticket: Ticket) -> list[Attachment]:
    return await Attachment.filter(message__ticket_id=ticket.id).order_by("id")


async def _open_wizard(env, user, chat: int) -> dict[str, Any]:
    user.send_text("/start")
    await env.step()
    await press(env, user, chat, last(env, chat), _label(chat, "new"))
    return last(env, chat)


async def _type(env, user, chat: int, text: str) -> dict[str, Any]:
    user.send_text(text)
    await env.step()
    return last(env, chat)


async def _wizard_to(
    env, user, chat: int, step: str, *, department: str = "Billing", photos: int = 0
) -> dict[str, Any]:
    """Runs the wizard up to `step` and returns its screen; `photos` are attached in the
    files step."""
    screen = await _open_wizard(env, user, chat)
    if step == "department":
        return screen
    screen = await press(env, user, chat, screen, department)
    if department == "Billing":
        if step == "category":
            return screen
        screen = await press(env, user, chat, screen, "Invoices")
    if step == "priority":
        return screen
    screen = await press(env, user, chat, screen, _label(chat, "normal"))
    if step == "subject":
        return screen
    screen = await _type(env, user, chat, SUBJECT)
    if step == "description":
        return screen
    screen = await _type(env, user, chat, DESCRIPTION)
    for _ in range(photos):
        user.send_photo()
        await env.step()
    screen = last(env, chat)
    if step == "files":
        return screen
    screen = await press(env, user, chat, screen, _label(chat, "done" if photos else "skip"))
    if step == "summary":
        return screen
    assert step == "edit"
    return await press(env, user, chat, screen, _label(chat, "edit"))


def _new_bot_messages(env, chat: int, before: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen = {m["message_id"] for m in before}
    return [m for m in env.api.bot_messages(chat) if m["message_id"] not in seen]


# -- 1. Back and Cancel ---------------------------------------------------------------------


async def test_back_at_every_step_goes_to_the_previous_one(env):
    desk = await desk_with_staff_chat(env)
    alice = _user(env, 501)
    screen = await _open_wizard(env, alice, 501)
    assert "⬅️ Back" not in button_texts(screen)  # the first step has nowhere to go back
    mid = screen["message_id"]

    screen = await press(env, alice, 501, screen, "Billing")
    assert "step 2 of 6" in screen["text"]
    screen = await press(env, alice, 501, screen, "Back")
    assert "step 1 of 6" in screen["text"] and "Which department" in screen["text"]
    assert screen["message_id"] == mid  # edited in place

    screen = await press(env, alice, 501, screen, "Billing")
    screen = await press(env, alice, 501, screen, "Invoices")
    assert "How urgent" in screen["text"]
    screen = await press(env, alice, 501, screen, "Back")
    assert "step 2 of 6" in screen["text"] and "What is it about?" in screen["text"]

    screen = await press(env, alice, 501, screen, "Invoices")
    screen = await press(env, alice, 501, screen, "normal")
    assert "Write the subject" in screen["text"]
    screen = await press(env, alice, 501, screen, "Back")
    assert "How urgent" in screen["text"]
    assert "🔵 normal ✓" in button_texts(screen)  # the earlier choice is marked
    screen = await press(env, alice, 501, screen, "normal")

    description_prompt = await _type(env, alice, 501, "First subject")
    assert "describe the problem" in description_prompt["text"]
    screen = await press(env, alice, 501, description_prompt, "Back")
    assert screen["message_id"] == description_prompt["message_id"]
    assert "Write the subject" in screen["text"] and "Now: First subject" in screen["text"]
    await _type(env, alice, 501, "Second subject")

    files_prompt = await _type(env, alice, 501, "What happened")
    assert "Attach" in files_prompt["text"]
    screen = await press(env, alice, 501, files_prompt, "Back")
    assert "describe the problem" in screen["text"] and "Now: What happened" in screen["text"]
    files_prompt = await _type(env, alice, 501, "What really happened")

    summary = await press(env, alice, 501, files_prompt, "Skip")
    assert "Your ticket" in summary["text"]
    # From the edit menu and from a step opened there, Back returns to the summary.
    menu = await press(env, alice, 501, summary, "Edit")
    screen = await press(env, alice, 501, menu, "Back to summary")
    assert "Your ticket" in screen["text"]
    menu = await press(env, alice, 501, screen, "Edit")
    screen = await press(env, alice, 501, menu, "Priority")
    screen = await press(env, alice, 501, screen, "Back")
    assert "Your ticket" in screen["text"]
    menu = await press(env, alice, 501, screen, "Edit")
    screen = await press(env, alice, 501, menu, "Department")
    assert button_texts(screen) == ["Billing", "Tech", "⬅️ Back", "✖️ Cancel"]
    screen = await press(env, alice, 501, screen, "Back")
    assert "Your ticket" in screen["text"] and "Billing" in screen["text"]

    await press(env, alice, 501, screen, "Send")
    ticket = await Ticket.get()
    assert ticket.subject == "Second subject" and ticket.category_id == desk.invoices.id
    first = await Message.get(ticket_id=ticket.id)
    assert first.text == "What really happened"
    assert env.api.calls(ok=False) == []


async def test_back_skips_the_category_step_of_a_department_without_categories(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    screen = await _wizard_to(env, alice, 501, "priority", department="Tech")
    assert "step 3 of 6" in screen["text"]
    screen = await press(env, alice, 501, screen, "Back")
    assert "Which department" in screen["text"]
    # And an edit menu of such a draft offers no category.
    screen = await press(env, alice, 501, screen, "Tech")
    await press(env, alice, 501, screen, "normal")
    await _type(env, alice, 501, SUBJECT)
    files_prompt = await _type(env, alice, 501, DESCRIPTION)
    summary = await press(env, alice, 501, files_prompt, "Skip")
    menu = await press(env, alice, 501, summary, "Edit")
    assert "🏷 Category" not in button_texts(menu)
    assert env.api.calls(ok=False) == []


STEPS = ("department", "category", "priority", "subject", "description", "files", "summary")


@pytest.mark.parametrize("step", STEPS)
async def test_cancel_at_a_step_drops_the_draft_and_its_files(env, step):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    with_files = step in ("files", "summary")
    screen = await _wizard_to(env, alice, 501, step, photos=2 if with_files else 0)
    if step == "description":
        alice.send_document(file_name="log.txt", mime_type="text/plain", content=b"error 42")
        await env.step()
        assert "File saved" in last(env, 501)["text"]
        screen = current(env, 501, screen["message_id"])
    has_files = with_files or step == "description"
    assert len(_stored(env)) == (2 if with_files else 1 if has_files else 0)

    before = env.api.bot_messages(501)
    screen = await press(env, alice, 501, screen, "Cancel")
    assert screen["text"] == "The new ticket was cancelled; nothing was sent."
    assert button_texts(screen) == ["🆕 New ticket", "📋 My tickets", "❓ Help", "🌐 Language"]
    assert _new_bot_messages(env, 501, before) == []
    assert await _tickets() == 0
    assert _stored(env) == []
    assert await _state(env, 501) == (None, {})
    assert env.api.bot_messages(STAFF) == []
    assert env.api.calls(ok=False) == []


# -- 2. /cancel -------------------------------------------------------------------------


async def test_cancel_command_during_the_wizard(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    screen = await _wizard_to(env, alice, 501, "files", photos=1)
    assert len(_stored(env)) == 1
    done = button(screen, "Done")

    reply = await _type(env, alice, 501, "/cancel")
    assert reply["text"] == "The new ticket was cancelled; nothing was sent."
    assert "🆕 New ticket" in button_texts(reply)
    assert button_texts(current(env, 501, screen["message_id"])) == []  # buttons removed
    assert _stored(env) == []
    assert await _state(env, 501) == (None, {})

    # The old screen's Done (an old client still shows it) finds no draft.
    query = alice.press(screen, done, forged=True)
    await env.step()
    answer = _answer(env, query)
    assert _is_alert(answer) and "no longer active" in answer["text"]
    reply = await _type(env, alice, 501, "/cancel")
    assert "nothing to cancel" in reply["text"]
    assert await _tickets() == 0
    assert env.api.calls(ok=False) == []


# -- 3. albums --------------------------------------------------------------------------


async def test_each_file_updates_the_one_files_prompt_in_place(env):
    """Like the button steps: the prompt is edited, not posted again after every file."""
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    prompt = await _wizard_to(env, alice, 501, "files")
    assert "Attach screenshots or files" in prompt["text"]
    before, mark = env.api.bot_messages(501), env.api.mark()
    for n, send in enumerate(
        (alice.send_photo, lambda: alice.send_document(file_name="log.txt"), alice.send_photo),
        start=1,
    ):
        send()
        await env.step()
        assert _new_bot_messages(env, 501, before) == []
        shown = current(env, 501, prompt["message_id"])
        assert f"Files attached: {n}." in shown["text"]
        assert button_texts(shown) == ["✅ Done", "🗑 Remove files", "⬅️ Back", "✖️ Cancel"]
    edits = [r for r in env.api.requests[mark:] if r.method == "editMessageText"]
    assert [int(e.params["message_id"]) for e in edits] == [prompt["message_id"]] * 3
    summary = await press(env, alice, 501, current(env, 501, prompt["message_id"]), "Done")
    assert "Files: 3" in summary["text"] and summary["message_id"] == prompt["message_id"]
    assert env.api.calls(ok=False) == []


async def test_an_album_in_the_files_step_is_acknowledged_once(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    prompt = await _wizard_to(env, alice, 501, "files")
    before, mark = env.api.bot_messages(501), env.api.mark()
    sends_before = len(env.api.calls("sendMessage", 501))

    # Captions on the first and the last photo: both go into the description.
    photos = alice.send_album([{"caption": "the error screens"}, {}, {"caption": "and the log"}])
    await env.step()
    assert _new_bot_messages(env, 501, before) == []  # the prompt is updated in place
    assert len(env.api.calls("sendMessage", 501)) == sends_before
    screen = current(env, 501, prompt["message_id"])
    assert "Files attached: 3" in screen["text"]
    assert button_texts(screen) == ["✅ Done", "🗑 Remove files", "⬅️ Back", "✖️ Cancel"]
    # One edit for the whole album, not one per photo.
    [edit] = [r for r in env.api.requests[mark:] if r.method == "editMessageText"]
    assert int(edit.params["message_id"]) == prompt["message_id"]
    assert "<b>3</b>" in edit.params["text"]
    _, data = await _state(env, 501)
    assert len(data["draft"]["files"]) == 3 and len(_stored(env)) == 3

    summary = await press(env, alice, 501, screen, "Done")
    assert "Files: 3" in summary["text"]
    assert summary["text"].count("the error screens") == 1  # each caption, once
    assert summary["text"].count("and the log") == 1
    await press(env, alice, 501, summary, "Send")

    ticket = await Ticket.get()
    attachments = await _attachments_of(ticket)
    assert len(attachments) == 3
    assert {a.file_unique_id for a in attachments} == {
        p["photo"][-1]["file_unique_id"] for p in photos
    }
    staff = env.api.bot_messages(STAFF)
    assert len(staff) == 4 and "#1001" in staff[0]["text"]
    for reply in staff[1:]:
        assert "photo" in reply
        assert reply["reply_to_message"]["message_id"] == staff[0]["message_id"]
    assert env.api.calls(ok=False) == []


async def test_an_album_in_the_description_step_is_acknowledged_once(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    await _wizard_to(env, alice, 501, "description")
    before = env.api.bot_messages(501)
    alice.send_album(3)
    await env.step()
    new = _new_bot_messages(env, 501, before)
    assert [m["text"] for m in new] == ["📎 File saved. Now please describe the problem in words."]
    state, data = await _state(env, 501)
    assert state == "NewTicket:description" and len(data["draft"]["files"]) == 3
    files_prompt = await _type(env, alice, 501, DESCRIPTION)
    assert "Files attached: 3" in files_prompt["text"]
    assert env.api.calls(ok=False) == []


async def test_an_album_with_a_caption_in_the_description_step(env):
    """The caption is the description; the album's files land on one files screen."""
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    await _wizard_to(env, alice, 501, "description")
    before = env.api.bot_messages(501)
    alice.send_album(3, caption=DESCRIPTION)
    await env.step()
    new = _new_bot_messages(env, 501, before)
    assert len(new) == 1 and "Files attached: 3" in new[0]["text"]
    state, data = await _state(env, 501)
    assert state == "NewTicket:files" and data["draft"]["description"] == DESCRIPTION
    assert len(data["draft"]["files"]) == 3
    assert env.api.calls(ok=False) == []


# -- 4. file limits ---------------------------------------------------------------------


async def test_an_oversize_file_is_refused(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    await _wizard_to(env, alice, 501, "description")
    dump = alice.send_document(file_name="dump.zip", mime_type="application/zip", size=BIG)
    await env.step()
    assert last(env, 501)["text"].startswith("«dump.zip» is larger than 20 MB")
    state, data = await _state(env, 501)
    assert state == "NewTicket:description" and data["draft"]["files"] == []

    files_prompt = await _type(env, alice, 501, DESCRIPTION)
    video = alice.send_document(file_name="video.mkv", mime_type="video/x-matroska", size=BIG)
    await env.step()
    assert last(env, 501)["text"].startswith("«video.mkv» is larger than 20 MB")
    # The files prompt stays as it was (edited in place, it shows no files still).
    shown = current(env, 501, files_prompt["message_id"])
    assert "Attach" in shown["text"] and "⏭ Skip" in button_texts(shown)
    _, data = await _state(env, 501)
    assert data["draft"]["files"] == [] and _stored(env) == []
    # Not even tried: Telegram would refuse to hand a bot a file this big.
    asked = {r.params.get("file_id") for r in env.api.calls("getFile")}
    assert not asked & {dump["document"]["file_id"], video["document"]["file_id"]}
    assert env.api.calls(ok=False) == []


async def test_more_than_twenty_files_are_refused_politely(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    await _wizard_to(env, alice, 501, "files")
    alice.send_album(10)
    await env.step()
    alice.send_album([{"type": "document", "file_name": f"f{i}.pdf"} for i in range(10)])
    await env.step()
    screen = last(env, 501)
    assert "Files attached: 20" in screen["text"]

    before = env.api.bot_messages(501)
    alice.send_photo()
    await env.step()
    new = _new_bot_messages(env, 501, before)
    assert [m["text"] for m in new] == ["A ticket takes at most 20 files; this one was not added."]
    assert "Files attached: 20" in current(env, 501, screen["message_id"])["text"]

    # An album over the limit is refused once, not once per file.
    before = env.api.bot_messages(501)
    alice.send_album(4)
    await env.step()
    new = _new_bot_messages(env, 501, before)
    assert [m["text"] for m in new] == ["A ticket takes at most 20 files; this one was not added."]
    assert "Files attached: 20" in current(env, 501, screen["message_id"])["text"]
    _, data = await _state(env, 501)
    assert len(data["draft"]["files"]) == 20 and len(_stored(env)) == 20

    summary = await press(env, alice, 501, current(env, 501, screen["message_id"]), "Done")
    await press(env, alice, 501, summary, "Send")
    assert len(await _attachments_of(await Ticket.get())) == 20
    assert env.api.calls(ok=False) == []


async def test_a_description_over_the_limit_is_refused_and_kept_whole(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    await _wizard_to(env, alice, 501, "subject")
    await _type(env, alice, 501, SUBJECT)
    parts = [c * 4000 for c in "abcd"] + ["e" * 3980]  # 19,988 characters joined
    for part in parts:
        await _type(env, alice, 501, part)
    _, data = await _state(env, 501)
    assert len(data["draft"]["description"]) == 19_988
    before = env.api.bot_messages(501)
    alice.send_text("f" * 20)
    await env.step()
    new = _new_bot_messages(env, 501, before)
    assert [m["text"] for m in new] == ["This text is too long: at most 20000 characters, please."]
    # A caption over the limit is refused the same way; its photo is kept.
    alice.send_photo(caption="g" * 20)
    await env.step()
    assert env.api.bot_messages(501)[-2]["text"].startswith("This text is too long")
    _, data = await _state(env, 501)
    assert data["draft"]["description"] == "\n\n".join(parts)
    assert len(data["draft"]["files"]) == 1

    prompt = [m for m in env.api.bot_messages(501) if button_texts(m)][-1]
    summary = await press(env, alice, 501, prompt, "Done")
    assert "Files: 1" in summary["text"]
    await press(env, alice, 501, summary, "Send")
    ticket = await Ticket.get()
    assert (await Message.get(ticket_id=ticket.id)).text == "\n\n".join(parts)
    assert env.api.calls(ok=False) == []


async def test_a_summary_shortened_to_fit_says_so_and_the_whole_text_is_sent(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    await _wizard_to(env, alice, 501, "description")
    parts = ["Step one: " + "a" * 3900, "Step two: " + "b" * 3900, "The end of it."]
    for part in parts:
        await _type(env, alice, 501, part)  # a long paste, split by Telegram, is joined
    summary = await press(env, alice, 501, last(env, 501), "Skip")
    note = "(shortened here; the whole text is kept and will be sent)"
    assert note in summary["text"]
    assert summary["text"].index("Step one") < summary["text"].index(note)
    assert "The end of it." not in summary["text"]
    assert button_texts(summary) == ["📨 Send", "✏️ Edit", "✖️ Cancel"]
    sent = await press(env, alice, 501, summary, "Send")
    assert note in sent["text"] and sent["text"].endswith("📨 Sent.")
    ticket = await Ticket.get()
    assert (await Message.get(ticket_id=ticket.id)).text == "\n\n".join(parts)
    assert env.api.calls(ok=False) == []


# -- 5. content the step cannot take ----------------------------------------------------


async def test_unsupported_content_in_text_steps_changes_nothing(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    await _wizard_to(env, alice, 501, "subject")
    for step, what in (("subject", "subject"), ("description", "description")):
        before_state = await _state(env, 501)
        assert before_state[0] == f"NewTicket:{step}"
        for send in (alice.send_sticker, alice.send_location):
            before = env.api.bot_messages(501)
            send()
            await env.step()
            new = _new_bot_messages(env, 501, before)
            assert [m["text"] for m in new] == [
                f"I can only take text here. Please write the {what}."
            ]
            assert await _state(env, 501) == before_state
        await _type(env, alice, 501, SUBJECT if step == "subject" else DESCRIPTION)

    before_state = await _state(env, 501)
    assert before_state[0] == "NewTicket:files"
    alice.send_sticker()
    await env.step()
    assert last(env, 501)["text"].startswith("Sorry, I cannot take this kind of message.")
    assert await _state(env, 501) == before_state
    assert env.api.calls(ok=False) == []


async def test_text_at_a_button_step_shows_the_step_again(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    screen = await _wizard_to(env, alice, 501, "department")
    before = env.api.bot_messages(501)
    alice.send_text("Billing please")
    await env.step()
    new = _new_bot_messages(env, 501, before)
    assert len(new) == 2 and new[0]["text"] == "Please choose with the buttons."
    again = new[1]
    assert "Which department" in again["text"]
    assert button_texts(again) == ["Billing", "Tech", "✖️ Cancel"]
    assert button_texts(current(env, 501, screen["message_id"])) == []  # old one stripped
    state, data = await _state(env, 501)
    assert state == "NewTicket:department" and "department_id" not in data["draft"]
    # The repeated screen works; the old one's buttons are stale.
    stale = alice.press(screen, button(screen, "Billing"), forged=True)
    await env.step()
    assert _is_alert(_answer(env, stale))
    assert (await _state(env, 501))[0] == "NewTicket:department"
    screen = await press(env, alice, 501, again, "Billing")
    assert "What is it about?" in screen["text"]
    assert env.api.calls(ok=False) == []


# -- 6. subject limits and markup ---------------------------------------------------------


async def test_subject_limit(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    prompt = await _wizard_to(env, alice, 501, "subject")
    assert "up to 100 characters" in prompt["text"]
    reply = await _type(env, alice, 501, "x" * 101)
    assert reply["text"].startswith("The subject is too long (101 characters).")
    assert "within 100" in reply["text"]
    state, data = await _state(env, 501)
    assert state == "NewTicket:subject" and "subject" not in data["draft"]
    # Spaces are squeezed before counting; exactly 100 is fine.
    reply = await _type(env, alice, 501, "y" * 50 + "    " + "z" * 49)
    assert "describe the problem" in reply["text"]
    _, data = await _state(env, 501)
    assert data["draft"]["subject"] == "y" * 50 + " " + "z" * 49
    assert env.api.calls(ok=False) == []


async def test_a_subject_or_description_of_only_invisible_characters_is_empty(env):
    """Zero-width spaces and joiners, a byte-order mark, direction marks: nothing a
    reader sees, so no subject (or description) at all."""
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    await _wizard_to(env, alice, 501, "subject")
    for step, invisible in (
        ("subject", "\u200b\u200c\u200d"),
        ("subject", "\ufeff \u200e\u200f"),
        ("description", "\u2060\u200b"),
    ):
        before_state = await _state(env, 501)
        assert before_state[0] == f"NewTicket:{step}"
        reply = await _type(env, alice, 501, invisible)
        assert reply["text"] == (
            f"There is no visible text in your message. Please write the {step}."
        )
        assert await _state(env, 501) == before_state
        if step == "subject" and invisible.startswith("\ufeff"):
            # Around a real subject they are dropped before its length is counted.
            await _type(env, alice, 501, "\u200b" * 10 + "x" * 100 + "\u200f" * 10)
    state, data = await _state(env, 501)
    assert state == "NewTicket:description" and data["draft"]["subject"] == "x" * 100
    assert env.api.calls(ok=False) == []


async def test_markup_is_shown_literally_and_stored_verbatim(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    await _wizard_to(env, alice, 501, "subject")
    subject = "<b>Bold</b> & <script>alert(1)</script>"
    description = "Tom & Jerry's <i>invoice</i> <a href='x'>link</a> &amp; 5 < 6"
    await _type(env, alice, 501, subject)
    prompt = await _type(env, alice, 501, description)
    summary = await press(env, alice, 501, prompt, "Skip")
    assert subject in summary["text"] and description in summary["text"]
    sent = env.api.calls("editMessageText", 501)[-1].params["text"]
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;" in sent
    assert "&amp;amp; 5 &lt; 6" in sent
    # The text steps show the value back escaped too.
    menu = await press(env, alice, 501, summary, "Edit")
    prompt = await press(env, alice, 501, menu, "Subject")
    assert f"Now: {subject}" in prompt["text"]
    summary = await press(env, alice, 501, prompt, "Back")
    await press(env, alice, 501, summary, "Send")

    ticket = await Ticket.get()
    assert ticket.subject == subject
    assert (await Message.get(ticket_id=ticket.id)).text == description
    card = env.api.bot_messages(STAFF)[0]["text"]
    assert subject in card
    assert env.api.calls(ok=False) == []


# -- 7. stale buttons ---------------------------------------------------------------------


async def test_a_button_of_a_cancelled_draft(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    screen = await _wizard_to(env, alice, 501, "priority")
    normal = button(screen, "normal")
    cancelled = await press(env, alice, 501, screen, "Cancel")

    query = alice.press(screen, normal, forged=True)
    await env.step()
    answer = _answer(env, query)
    assert _is_alert(answer) and answer["text"].startswith("This draft is no longer active")
    assert current(env, 501, screen["message_id"]) == cancelled
    assert await _state(env, 501) == (None, {})

    # With a new draft open, the old draft's buttons still change nothing.
    await press(env, alice, 501, cancelled, "New ticket")
    fresh = last(env, 501)
    state = await _state(env, 501)
    query = alice.press(screen, normal, forged=True)
    await env.step()
    assert _answer(env, query)["text"].startswith("This draft is no longer active")
    assert await _state(env, 501) == state
    assert current(env, 501, fresh["message_id"]) == fresh
    assert await _tickets() == 0
    assert env.api.calls(ok=False) == []


async def test_a_button_of_an_earlier_step(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    screen = await _open_wizard(env, alice, 501)
    billing = button(screen, "Billing")
    screen = await press(env, alice, 501, screen, "Billing")
    invoices = button(screen, "Invoices")
    screen = await press(env, alice, 501, screen, "Invoices")
    screen = await press(env, alice, 501, screen, "normal")
    assert "Write the subject" in screen["text"]
    state = await _state(env, 501)

    for data in (billing, invoices):
        query = alice.press(screen, data, forged=True)
        await env.step()
        answer = _answer(env, query)
        assert _is_alert(answer) and answer["text"] == "This button is no longer available."
        assert current(env, 501, screen["message_id"]) == screen
        assert await _state(env, 501) == state

    # Back on a screen the wizard has left (its buttons were removed) changes nothing.
    description_prompt = await _type(env, alice, 501, SUBJECT)
    files_prompt = await _type(env, alice, 501, DESCRIPTION)
    state = await _state(env, 501)
    query = alice.press(description_prompt, button(screen, "Back"), forged=True)
    await env.step()
    assert _answer(env, query)["text"] == "This button is no longer available."
    assert await _state(env, 501) == state
    assert button_texts(current(env, 501, description_prompt["message_id"])) == []
    assert current(env, 501, files_prompt["message_id"]) == files_prompt
    assert env.api.calls(ok=False) == []


async def test_send_tapped_twice_creates_one_ticket(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    summary = await _wizard_to(env, alice, 501, "summary")
    send = button(summary, "Send")
    first = alice.press(summary, send)
    second = alice.press(summary, send, forged=True)
    await env.step()
    sent = current(env, 501, summary["message_id"])
    assert "Sent." in sent["text"] and button_texts(sent) == []
    # One tap sent it (the first, unless the two were handled the other way round);
    # the other was told so.
    answers = [_answer(env, first), _answer(env, second)]
    assert sorted(_is_alert(a) for a in answers) == [False, True]
    (answer,) = [a for a in answers if _is_alert(a)]
    assert answer["text"] == "This ticket has already been sent."

    third = alice.press(summary, send, forged=True)
    await env.step()
    assert _answer(env, third)["text"] == "This ticket has already been sent."
    assert current(env, 501, summary["message_id"]) == sent
    assert await _tickets() == 1
    registered = [m for m in env.api.bot_messages(501) if "is registered" in m["text"]]
    assert len(registered) == 1
    assert len(env.api.bot_messages(STAFF)) == 1
    assert env.api.calls(ok=False) == []


# -- 8. Send racing an album -------------------------------------------------------------


async def test_send_racing_an_album(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    summary = await _wizard_to(env, alice, 501, "summary", photos=1)
    alice.press(summary, button(summary, "Send"))
    photos = alice.send_album(3, caption="and these")
    await env.step()

    assert await _tickets() == 1
    ticket = await Ticket.get()
    attachments = await _attachments_of(ticket)
    assert len(attachments) == 4  # the draft's photo and the album, none twice
    assert {p["photo"][-1]["file_unique_id"] for p in photos} < {
        a.file_unique_id for a in attachments
    }
    assert len({a.file_unique_id for a in attachments}) == 4
    texts = await Message.filter(ticket_id=ticket.id).values_list("text", flat=True)
    assert sum(text.count("and these") for text in texts) == 1
    # The album, added after Send, is acknowledged once (as the ticket's follow-up).
    acknowledged = [m for m in env.api.bot_messages(501) if "Added to ticket #1001" in m["text"]]
    assert len(acknowledged) <= 1
    if acknowledged:
        assert len(await Message.filter(ticket_id=ticket.id)) > 1
    assert len(_stored(env)) == 4
    staff_photos = [m for m in env.api.bot_messages(STAFF) if "photo" in m]
    assert len(staff_photos) == 4
    assert env.api.calls(ok=False) == []


async def test_send_pressed_while_the_first_file_of_an_album_is_handled(env):
    """The album's first photo re-sends the summary just before Send on the old one is
    handled: Send still works, once, and no file is lost or doubled."""
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    summary = await _wizard_to(env, alice, 501, "summary")
    group = "123456789012345678"
    first = alice.send_photo(media_group_id=group)
    alice.press(summary, button(summary, "Send"))
    rest = [alice.send_photo(media_group_id=group) for _ in range(2)]
    await env.step()

    assert await _tickets() == 1
    ticket = await Ticket.get()
    attachments = await _attachments_of(ticket)
    assert sorted(a.file_unique_id for a in attachments) == sorted(
        p["photo"][-1]["file_unique_id"] for p in [first, *rest]
    )
    # No screen is left with live buttons of the sent draft.
    for message in env.api.bot_messages(501):
        assert not any(label in button_texts(message) for label in ("📨 Send", "✖️ Cancel"))
    assert env.api.calls(ok=False) == []


# -- 9. a restart in the middle -----------------------------------------------------------


async def _stop(env, dp) -> None:
    """Stops polling and waits for its last long poll to end at the fake (a new poller
    meanwhile would end it with 409 Conflict, like Telegram)."""
    await dp.stop_polling()
    api = env.api
    await wait_until(lambda: api._poll_generation == len(api.calls("getUpdates")))


async def _poll(env, dp, bot) -> asyncio.Task:
    task = asyncio.create_task(
        dp.start_polling(bot, handle_signals=False, close_bot_session=False, polling_timeout=1)
    )
    await wait_until(lambda: dp._running_lock.locked() and dp._stop_signal is not None)
    return task


async def test_a_draft_survives_a_restart(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    screen = await _wizard_to(env, alice, 501, "priority")
    high = await Priority.get(level=4)
    screen = await press(env, alice, 501, screen, high.name)
    prompt = await _type(env, alice, 501, SUBJECT)
    alice.send_document(file_name="log.txt", mime_type="text/plain", content=b"trace")
    await env.step()

    await _stop(env, env.dp)  # the process stops...
    settings = env.dp["settings"]
    bot = create_bot(settings)
    dp = create_dispatcher(settings, wake_outbox=env.sender.wake)  # ...and starts again
    track_handled(dp, env.handled)
    polling = await _poll(env, dp, bot)
    try:
        files_prompt = await _type(env, alice, 501, DESCRIPTION)
        assert "Files attached: 1" in files_prompt["text"]
        assert button_texts(current(env, 501, prompt["message_id"])) == []
        summary = await press(env, alice, 501, files_prompt, "Done")
        assert SUBJECT in summary["text"] and "Files: 1" in summary["text"]
        await press(env, alice, 501, summary, "Send")
    finally:
        await _stop(env, dp)
        await asyncio.gather(polling, return_exceptions=True)
        await bot.session.close()
    await _poll(env, env.dp, env.bot)  # the fixture stops the first dispatcher

    ticket = await Ticket.get().select_related("category", "priority", "department")
    assert ticket.department.name == "Billing" and ticket.category.name == "Invoices"
    assert ticket.priority_id == high.id and ticket.subject == SUBJECT
    first = await Message.get(ticket_id=ticket.id)
    assert first.text == DESCRIPTION
    (attachment,) = await _attachments_of(ticket)
    assert attachment.file_name == "log.txt"
    assert env.api.calls(ok=False) == []


# -- 10. banned and inactive customers -------------------------------------------------


async def test_a_banned_customer_cannot_open_a_ticket(env):
    await desk_with_staff_chat(env)
    alice = _user(env, 501)
    alice.send_text("/start")
    await env.step()
    menu = last(env, 501)
    await Customer.filter(telegram_id=501).update(banned=True, ban_reason="abuse <spam>")

    before = env.api.bot_messages(501)
    query = alice.press(menu, button(menu, "New ticket"))
    await env.step()
    assert not _is_alert(_answer(env, query))
    reply = await _type(env, alice, 501, "/new")
    new = _new_bot_messages(env, 501, before)
    assert len(new) == 2
    for message in new:
        assert message["text"].startswith("Your access to support has been blocked.")
        assert "Reason: abuse <spam>" in message["text"]
    assert current(env, 501, menu["message_id"]) == menu
    assert reply == new[-1] and button_texts(reply) == []
    assert await _state(env, 501) == (None, {})
    assert await _tickets() == 0
    assert env.api.calls(ok=False) == []


@pytest.mark.parametrize("how", ["inactive", "plan ended"])
async def test_an_inactive_customer_is_told_how_to_renew(env, how):
    desk = await desk_with_staff_chat(env)
    alice = _user(env, 501)
    with create_i18n("en").context():
        await open_ticket(desk.alice, desk.billing, "Old question")
    await env.settle()
    if how == "inactive":
        await Customer.filter(telegram_id=501).update(active=False)
        head = "Support access is not active for your account."
    else:
        ended = date.today() - timedelta(days=3)
        await Customer.filter(telegram_id=501).update(support_until=ended)
        head = f"Your support plan ended on {ended:%d.%m.%Y}."
    alice.send_text("/start")
    await env.step()
    menu = last(env, 501)
    assert "Hello" in menu["text"]  # reading is allowed

    before = env.api.bot_messages(501)
    alice.press(menu, button(menu, "New ticket"))
    await env.step()
    await _type(env, alice, 501, "/new")
    new = _new_bot_messages(env, 501, before)
    assert len(new) == 2
    for message in new:
        assert message["text"].startswith(head) and "renew your support plan" in message["text"]
    assert await _state(env, 501) == (None, {})

    listing = await press(env, alice, 501, menu, "My tickets")
    assert "Your tickets: 1" in listing["text"] and "Old question" in listing["text"]
    assert await _tickets() == 1
    assert env.api.calls(ok=False) == []


# -- 11. a choice switched off before Send ---------------------------------------------------


@pytest.mark.parametrize("change", ["hidden", "inactive"])
async def test_a_department_switched_off_before_send(env, change):
    desk = await desk_with_staff_chat(env)
    alice = _user(env, 501)
    summary = await _wizard_to(env, alice, 501, "summary", photos=1)
    field = {"hidden": "visible", "inactive": "active"}[change]
    await Department.filter(id=desk.billing.id).update(**{field: False})

    query = alice.press(summary, button(summary, "Send"))
    await env.step()
    answer = _answer(env, query)
    assert _is_alert(answer) and answer["text"].startswith("What you chose is no longer available")
    screen = current(env, 501, summary["message_id"])
    assert "Which department" in screen["text"]
    assert button_texts(screen) == ["Tech", "⬅️ Back", "✖️ Cancel"]
    assert await _tickets() == 0 and env.api.bot_messages(STAFF) == []

    # Choosing again returns to the summary with everything else kept.
    screen = await press(env, alice, 501, screen, "Tech")
    assert "Your ticket" in screen["text"] and SUBJECT in screen["text"]
    assert "Files: 1" in screen["text"] and "Category: —" in screen["text"]
    await press(env, alice, 501, screen, "Send")
    ticket = await Ticket.get()
    assert ticket.department_id == desk.tech.id and ticket.category_id is None
    assert len(await _attachments_of(ticket)) == 1
    assert env.api.calls(ok=False) == []


async def test_a_category_switched_off_before_send(env):
    desk = await desk_with_staff_chat(env)
    await Category.create(department=desk.billing, name="Refunds", color="🟥")
    alice = _user(env, 501)
    summary = await _wizard_to(env, alice, 501, "summary")
    await Category.filter(id=desk.invoices.id).update(active=False)

    query = alice.press(summary, button(summary, "Send"))
    await env.step()
    assert _answer(env, query)["text"].startswith("What you chose is no longer available")
    screen = current(env, 501, summary["message_id"])
    assert "What is it about?" in screen["text"] and "🟦 Invoices" not in button_texts(screen)
    screen = await press(env, alice, 501, screen, "Refunds")
    assert "Your ticket" in screen["text"] and "Refunds" in screen["text"]
    await press(env, alice, 501, screen, "Send")
    ticket = await Ticket.get().select_related("category")
    assert ticket.category.name == "Refunds" and ticket.subject == SUBJECT
    assert env.api.calls(ok=False) == []


# -- 12. the branch messages in Russian ---------------------------------------------------


async def test_branch_messages_in_russian(env):
    await desk_with_staff_chat(env)
    carl = _user(env, 502)
    prompt = await _wizard_to(env, carl, 502, "subject")
    assert "до 100 символов" in prompt["text"]

    carl.send_sticker()
    await env.step()
    assert last(env, 502)["text"] == "Здесь я принимаю только текст. Пожалуйста, напишите тему."
    reply = await _type(env, carl, 502, "т" * 101)
    assert reply["text"].startswith("Тема слишком длинная (101 символов).")
    assert (await _state(env, 502))[0] == "NewTicket:subject"
    await _type(env, carl, 502, "<b>Не работает</b> & VPN")

    carl.send_location()
    await env.step()
    assert last(env, 502)["text"] == "Здесь я принимаю только текст. Пожалуйста, напишите описание."
    carl.send_document(file_name="архив.zip", size=BIG)
    await env.step()
    assert last(env, 502)["text"].startswith("«архив.zip» больше 20 МБ")
    files_prompt = await _type(env, carl, 502, "С утра")

    carl.send_sticker()
    await env.step()
    assert last(env, 502)["text"].startswith("Извините, такие сообщения я не принимаю.")
    summary = await press(env, carl, 502, files_prompt, "Пропустить")
    assert "<b>Не работает</b> & VPN" in summary["text"]
    menu = await press(env, carl, 502, summary, "Изменить")
    screen = await press(env, carl, 502, menu, "Отдел")
    carl.send_text("Tech")
    await env.step()
    messages = env.api.bot_messages(502)
    assert messages[-2]["text"] == "Пожалуйста, выберите вариант кнопками."
    assert "Какой отдел" in messages[-1]["text"]
    assert button_texts(current(env, 502, screen["message_id"])) == []
    summary = await press(env, carl, 502, messages[-1], "Назад")
    assert "Ваша заявка" in summary["text"]
    await Department.filter(name="Billing").update(visible=False)
    query = carl.press(summary, button(summary, "Отправить"))
    await env.step()
    assert _answer(env, query)["text"].startswith("Выбранный вариант больше недоступен")
    assert await _tickets() == 0
    assert env.api.calls(ok=False) == []
