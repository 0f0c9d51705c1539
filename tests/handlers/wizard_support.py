"""Driving the private chat in handler tests: press a button by its label, read screens."""

from __future__ import annotations

from typing import Any

from tests.support import button_texts

STAFF = -1001000000001


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
