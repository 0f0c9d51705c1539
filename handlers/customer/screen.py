"""One message per interaction: a screen is edited in place, and when a new one has to
be sent (after the customer typed something) the old one loses its buttons."""

from __future__ import annotations

from typing import Any

from bot.delivery import outbox
from models import OutboxMessage
from models.enums import OutboxStatus


async def _target(screen: dict[str, Any] | None) -> OutboxMessage | int | None:
    if not screen:
        return None
    if "mid" in screen:
        return int(screen["mid"])
    await outbox.flush()
    row = await outbox.row(screen.get("row"))
    if row is None or row.status == OutboxStatus.FAILED:
        return None
    return row


async def message_of(screen: dict[str, Any] | None) -> int | None:
    """The Telegram message id of a screen; None while it is unknown (the screen is
    still on its way, or could not be sent)."""
    target = await _target(screen)
    return target.telegram_message_id if isinstance(target, OutboxMessage) else target


async def strip(chat_id: int, screen: dict[str, Any] | None) -> None:
    """Removes the buttons of a screen that is no longer current."""
    target = await _target(screen)
    if target is not None:
        await outbox.edit_markup(chat_id, target)


async def show(
    chat_id: int,
    screen: dict[str, Any] | None,
    text: str,
    markup: dict[str, Any] | None,
    *,
    edit: int | None = None,
    update: bool = False,
    settle: float = 0.0,
) -> dict[str, Any]:
    """Shows `text`: edits message `edit` (a pressed button's message), or updates
    the current screen when `update` (a file sent to it), or sends a new screen.
    Returns the screen to remember.

    An update changes the screen while it, or its last update, is still queued, and
    waits `settle` seconds for the next one (an album's files come one by one): however
    many arrive meanwhile, one edit goes out."""
    if edit is not None:
        await outbox.edit_text(chat_id, edit, text, reply_markup=markup)
        return {"mid": edit}
    if update:
        target = await _target(screen)
        if target is not None:
            assert screen is not None
            earlier = await outbox.row(screen["edit"]) if "edit" in screen else None
            row = await outbox.replace_text(
                chat_id, target, text, reply_markup=markup, queued_edit=earlier, delay=settle
            )
            if row is target:
                return dict(screen)
            return {**screen, "edit": await outbox.saved(row)}
    await strip(chat_id, screen)
    rows = await outbox.send_text(chat_id, text, reply_markup=markup)
    return {"row": await outbox.saved(rows[-1])}
