"""Files kept under the attachments directory: safe generated names, hashes, sizes."""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.services.errors import DomainError, Invalid

MAX_FILE_BYTES = 20 * 1024 * 1024  # what the Bot API lets a bot upload or download


class StorageError(DomainError):
    code = "storage_error"
    status = 507


@dataclass(frozen=True, slots=True)
class StoredFile:
    path: str  # relative to the attachments directory
    file_name: str
    mime_type: str
    size: int
    sha256: str


def safe_file_name(name: str) -> str:
    """The name to show: no directories, no control characters, at most 255 chars."""
    name = os.path.basename(name.replace("\\", "/"))
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    return name[:255] or "file"


def _write(root: Path, content: bytes, suffix: str) -> str:
    now = datetime.now(UTC)
    relative = Path(f"{now:%Y}", f"{now:%m}", f"{uuid.uuid4().hex}{suffix}")
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(target.suffix + ".part")
    try:
        temporary.write_bytes(content)
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
