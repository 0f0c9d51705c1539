"""Driving the private chat in handler tests: press a button by its label, read screens."""

from __future__ import annotations

import json
from typing import Any

from bot.i18n import create_i18n
from bot.services.settings import update_settings
from tests.factories import make_desk
from tests.support import button_texts

STAFF = -1001000000001


async def desk_with_staff_chat(env):
    """The factories' desk, with the staff group known to the fake and configured."""
    with create_i18n("en").context():
        desk = await make_desk()
    env.api.add_group(STAFF, "Support staff")
    await update_settings({"staff_chat_id": STAFF})
    return desk


def button(message: dict[str, Any], label: str) -> str:
    """The callback data of the button whose label contains `label`."""
    for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
        for b in row:
            if label in b["text"]:
                return b["callback_data"]
    raise AssertionError(f"no button {label!r} in {button_texts(message)}")


def last(env, chat_id: int) -> dict[str, Any]:
    """The newest message in the chat sent by the bot."""
    return env.api.bot_messages(chat_id)[-1]


def transcript(env, chat_id: int) -> str:
    """The chat as a reader sees it now: who, text, buttons."""
    lines = []
    for m in env.api.chat_messages(chat_id):
        who = "bot" if m.get("from", {}).get("id") == env.api.bot_id else "customer"
        body = m.get("text") or m.get("caption") or ""
        if "photo" in m:
            body = "[photo] " + body
        if "document" in m:
            body = f"[file {m['document'].get('file_name', '')}] " + body
        lines.append(f"{who}: {body}".rstrip())
        labels = button_texts(m)
        if labels:
            lines.append("    [" + "] [".join(labels) + "]")
    return "\n".join(lines)


async def press(env, user, chat_id: int, message: dict[str, Any], label: str) -> dict[str, Any]:
    """Presses a button and returns the same message as it is after the bot answered."""
    user.press(message, button(message, label))
    await env.step()
    return current(env, chat_id, message["message_id"])


def current(env, chat_id: int, message_id: int) -> dict[str, Any]:
    return next(m for m in env.api.chat_messages(chat_id) if m["message_id"] == message_id)


def screens(env, chat_id: int) -> str:
    """Every message the bot sent or edited in the chat, in order (what the customer
    saw step by step), with the customer's own messages and button presses between."""
    customer = [
        m for m in env.api.chat_messages(chat_id) if m.get("from", {}).get("id") != env.api.bot_id
    ]
    shown: set[int] = set()
    lines: list[str] = []

    def customer_until(message_id: int) -> None:
        for m in customer:
            if m["message_id"] < message_id and m["message_id"] not in shown:
                shown.add(m["message_id"])
                body = m.get("text") or m.get("caption") or ""
                kind = "[photo] " if "photo" in m else "[file] " if "document" in m else ""
                lines.append(f"customer: {kind}{body[:120]}{'…' if len(body) > 120 else ''}")

    for call in env.api.requests:
        if str(call.chat_id) != str(chat_id) or not call.ok:
            continue
        if call.method not in ("sendMessage", "editMessageText"):
            continue
        created = [m["message_id"] for m in call.created]
        customer_until(created[0] if created else _latest(call))
        verb = "bot (edits the screen)" if call.method == "editMessageText" else "bot"
        lines.append(f"{verb}: {call.params.get('text', '')}")
        markup = call.params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        labels = [b["text"] for row in markup.get("inline_keyboard", []) for b in row]
        if labels:
            lines.append("    [" + "] [".join(labels) + "]")
    customer_until(10**12)
    return "\n".join(lines)


def _latest(call) -> int:
    """An edit happens after the customer's latest message at that time: approximated
    by the edited message's id plus one (edits follow presses, not typing)."""
    return int(call.params.get("message_id", 0)) + 1
