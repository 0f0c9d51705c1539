"""Files customers and agents send through Telegram: what they are and their stored copy.

A file is kept twice: Telegram's `file_id` (to send it on without uploading) and a
copy under the attachments directory with a generated name, its size, MIME type and
sha256. A copy that cannot be made (Telegram unreachable, disk full) leaves the file
marked missing; the file_id still carries it to the other side.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypedDict

from aiogram import Bot
from aiogram.types import Animation, Audio, Document, Message, PhotoSize, Video, VideoNote, Voice

from bot.services import attachments
from bot.services.attachments import MAX_FILE_BYTES, StoredFile
from bot.services.errors import DomainError
from models.enums import AttachmentKind

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IncomingFile:
    kind: AttachmentKind
    file_id: str
    file_unique_id: str
    file_name: str
    mime_type: str
    size: int | None

    @property
    def too_big(self) -> bool:
        return self.size is not None and self.size > MAX_FILE_BYTES


_DEFAULT_NAMES = {
    AttachmentKind.PHOTO: ("photo.jpg", "image/jpeg"),
    AttachmentKind.VIDEO: ("video.mp4", "video/mp4"),
    AttachmentKind.VOICE: ("voice.ogg", "audio/ogg"),
    AttachmentKind.AUDIO: ("audio.mp3", "audio/mpeg"),
    AttachmentKind.ANIMATION: ("animation.mp4", "video/mp4"),
    AttachmentKind.VIDEO_NOTE: ("video_note.mp4", "video/mp4"),
    AttachmentKind.DOCUMENT: ("file", "application/octet-stream"),
}


def file_of(message: Message) -> IncomingFile | None:
    """The one file a message carries (the largest size of a photo), if any."""
    media: PhotoSize | Document | Video | Animation | Audio | Voice | VideoNote
    if message.photo:
        media = message.photo[-1]
        kind = AttachmentKind.PHOTO
    else:
        for kind in (
            AttachmentKind.DOCUMENT,
            AttachmentKind.VIDEO,
            AttachmentKind.ANIMATION,
            AttachmentKind.AUDIO,
            AttachmentKind.VOICE,
            AttachmentKind.VIDEO_NOTE,
        ):
            media = getattr(message, kind.value)
            if media is not None:
                break
        else:
            return None
        # An animation also arrives as a document: it is the animation.
        if kind == AttachmentKind.DOCUMENT and message.animation is not None:
            kind, media = AttachmentKind.ANIMATION, message.animation
    default_name, default_mime = _DEFAULT_NAMES[kind]
    return IncomingFile(
        kind=kind,
        file_id=media.file_id,
        file_unique_id=media.file_unique_id,
        file_name=getattr(media, "file_name", None) or default_name,
        mime_type=getattr(media, "mime_type", None) or default_mime,
        size=media.file_size,
    )


def unsupported(message: Message) -> bool:
    """Content that is neither text nor a file we keep: stickers, locations, polls..."""
    return message.text is None and file_of(message) is None


class _TelegramFile(TypedDict):
    kind: AttachmentKind
    file_id: str
    file_unique_id: str


async def keep(bot: Bot, incoming: IncomingFile, root: Path) -> StoredFile:
    """Downloads the file and stores a copy; on failure the file is kept as missing."""
    if incoming.too_big:
        raise DomainError("the file is over the Bot API's 20 MB limit")
    telegram: _TelegramFile = {
        "kind": incoming.kind,
        "file_id": incoming.file_id,
        "file_unique_id": incoming.file_unique_id,
    }
    try:
        buffer = io.BytesIO()
        await bot.download(incoming.file_id, destination=buffer)
        stored = await attachments.store(
            root, incoming.file_name, incoming.mime_type, buffer.getvalue()
        )
    except Exception as exc:
        log.warning("file %s could not be stored: %s", incoming.file_unique_id, exc)
        return StoredFile(
            path=None,
            file_name=attachments.safe_file_name(incoming.file_name),
            mime_type=incoming.mime_type,
            size=incoming.size or 0,
            sha256=None,
            **telegram,
        )
    return replace(stored, **telegram)
