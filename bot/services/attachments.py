"""Files kept under the attachments directory: safe generated names, hashes, sizes."""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import uuid
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.private_files import make_private_dirs, write_private
from bot.services.errors import DomainError, Invalid
from models.enums import AttachmentKind

MAX_FILE_BYTES = 20 * 1024 * 1024  # what the Bot API lets a bot upload or download


class StorageError(DomainError):
    code = "storage_error"
    status = 507


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A file of a message: the stored copy (`path`, relative to the attachments
    directory; None when it could not be kept) and, for files that came through
    Telegram, the ids to send it again without uploading."""

    path: str | None
    file_name: str
    mime_type: str
    size: int
    sha256: str | None
    kind: AttachmentKind = AttachmentKind.DOCUMENT
    file_id: str = ""
    file_unique_id: str = ""

    def as_json(self) -> dict[str, Any]:
        """For FSM data (a draft's files survive a restart)."""
        return {**asdict(self), "kind": self.kind.value}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StoredFile:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["kind"] = AttachmentKind(values.get("kind", AttachmentKind.DOCUMENT))
        return cls(**values)


def safe_file_name(name: str) -> str:
    """The name to show: no directories, no control characters, at most 255 chars."""
    name = os.path.basename(name.replace("\\", "/"))
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    return name[:255] or "file"


def _write(root: Path, content: bytes, suffix: str) -> str:
    now = datetime.now(UTC)
    relative = Path(f"{now:%Y}", f"{now:%m}", f"{uuid.uuid4().hex}{suffix}")
    target = root / relative
    make_private_dirs(target.parent)  # 0700, files 0600: customers' files are private
    temporary = target.with_suffix(target.suffix + ".part")
    try:
        write_private(temporary, content)
        temporary.replace(target)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    return relative.as_posix()


async def store(root: Path, file_name: str, mime_type: str, content: bytes) -> StoredFile:
    """Writes the bytes under a generated name (never the sender's path)."""
    if len(content) > MAX_FILE_BYTES:
        raise Invalid(f"files are limited to {MAX_FILE_BYTES // (1024 * 1024)} MB")
    shown = safe_file_name(file_name)
    suffix = Path(shown).suffix.lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix) else ""
    try:
        relative = await asyncio.to_thread(_write, root, content, suffix)
    except OSError as exc:
        raise StorageError(f"the file could not be stored ({exc.strerror or exc})") from None
    return StoredFile(
        path=relative,
        file_name=shown,
        mime_type=mime_type or "application/octet-stream",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


def discard(root: Path, files: list[StoredFile]) -> None:
    """Removes the stored copies of files nobody will need (a cancelled draft)."""
    base = root.resolve()
    for file in files:
        if not file.path:
            continue
        target = (base / file.path).resolve()
        if target.is_relative_to(base):
            target.unlink(missing_ok=True)
