"""What each message the bot sent shows now, so that an edit which would change nothing
is never sent: Telegram refuses it ("message is not modified"), and in a group it would
spend one of the 20 sends a minute. This covers edits merged while queued, edits made
twice and edits delivered again alike: each is compared, when its turn comes, with what
the message shows at that moment."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from bot.delivery.outbox import MEDIA_METHODS, now_utc
from models import ShownMessage

EDITS = frozenset({"editMessageText", "editMessageCaption", "editMessageReplyMarkup"})
_TEXT = ("text", "parse_mode", "entities", "link_preview_options")
_CAPTION = ("caption", "parse_mode", "caption_entities", "show_caption_above_media")
_CAPTIONED = frozenset({"editMessageCaption", *MEDIA_METHODS.values()})


def _digest(value: Any) -> str:
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _body(method: str, payload: dict[str, Any]) -> str | None:
    """The digest of the text or caption a send or edit sets; None when not known here
    (copies, albums)."""
    if method in ("sendMessage", "editMessageText"):
        return _digest(["text", *(payload.get(key) for key in _TEXT)])
    if method in _CAPTIONED:
        return _digest(["caption", *(payload.get(key) for key in _CAPTION)])
    return None


def _markup(payload: dict[str, Any]) -> str:
    # Telegram's edits replace the buttons: an edit without reply_markup removes them.
    return _digest(payload.get("reply_markup"))


async def unchanged(chat_id: int, message_id: int, method: str, payload: dict[str, Any]) -> bool:
    """Whether the edit `method(payload)` of the message would leave it as it is."""
    seen = await ShownMessage.get_or_none(chat_id=chat_id, message_id=message_id)
    if seen is None or seen.markup != _markup(payload):
        return False
    if method == "editMessageReplyMarkup":
        return True
    return seen.body is not None and seen.body == _body(method, payload)


async def remember(chat_id: int, method: str, payload: dict[str, Any], ids: list[int]) -> None:
    """Records what a delivered send or edit (`payload` with its references resolved)
    shows; in the transaction that marks its row sent."""
    values: dict[str, Any] = {"markup": _markup(payload)}
    if method in EDITS:
        target = payload.get("message_id")
        if method != "editMessageReplyMarkup":
            values["body"] = _body(method, payload)
    else:
        target = ids[0] if len(ids) == 1 else None
        values["body"] = _body(method, payload)
        if values["body"] is None:
            return
    if not isinstance(target, int):
        return
    values["updated_at"] = now_utc()
    await ShownMessage.bulk_create(
        [ShownMessage(chat_id=chat_id, message_id=target, **values)],
        on_conflict=("chat_id", "message_id"),
        update_fields=tuple(values),
    )


async def forget_before(moment: Any) -> int:
    """Messages not sent or edited since `moment` (housekeeping): an edit of one of them
    is simply sent."""
    return await ShownMessage.filter(updated_at__lt=moment).delete()
