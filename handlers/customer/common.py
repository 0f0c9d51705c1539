"""What several customer routers share: the `writes` flag, the plain-message filter,
where files are kept and the once-per-album complaint (kept here, not in one of the
routers, so the routers import it and not each other)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiogram.types import Message

from bot.config import Settings
from bot.delivery import outbox
from bot.services.settings import runtime_settings

WRITES = {"writes": True}


def not_a_command(message: Message) -> bool:
    return not (message.text or "").startswith("/")


async def attachments_root(settings: Settings) -> Path:
    """Where the files customers send are kept (a runtime setting, falling back to the
    process configuration)."""
    return Path((await runtime_settings(settings)).attachments_dir)


async def complain(chat_id: int, message: Message, draft: dict[str, Any], text: str) -> None:
    """Says why a file was refused - once per album, not once per file of it (`draft`:
    the dict that keeps what was said, saved by the caller)."""
    group = message.media_group_id
    said = draft.get("said") or {}
    if group is not None and said.get("group") == group:
        if text in said["texts"]:
            return
        said["texts"].append(text)
    else:
        said = {"group": group, "texts": [text]}
    draft["said"] = said
    await outbox.send_text(chat_id, text)
