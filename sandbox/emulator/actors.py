"""Users and chats of the fake Telegram world; users act, the bot receives updates."""

from __future__ import annotations

import copy
import secrets
import struct
import time
import zlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .formatting import MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH, detect_entities, utf16_len
from .models import QueryState, Topic

if TYPE_CHECKING:
    from .server import FakeBotAPI

MessageRef = Mapping[str, Any] | int


def _png(width: int, height: int) -> bytes:
    """A valid (black) PNG so image-sniffing code paths see real image bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x00" * (width * 3) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


TINY_PNG = _png(2, 2)


class FakeChat:
    """A private chat or a supergroup, holding its messages, topics and members."""

    def __init__(
        self,
        api: FakeBotAPI,
        chat_id: int,
        chat_type: str,
        *,
        title: str | None = None,
        username: str | None = None,
        is_forum: bool = False,
        user: FakeUser | None = None,
    ) -> None:
        self.api = api
        self.id = chat_id
        self.type = chat_type
        self.title = title
        self.username = username
        self.is_forum = is_forum
        self.user = user
        # "administrator" by default: an admin bot sees all group messages despite privacy mode.
        self.bot_status = "member" if chat_type == "private" else "administrator"
        self.members: dict[int, str] = {}
        self.topics: dict[int, Topic] = {}
        self.pinned: list[int] = []
        # The bot's reactions by message id (setMessageReaction); None allows every emoji
        # Telegram has, a list only those (a group admin's choice; [] turns them off).
        self.reactions: dict[int, list[dict[str, Any]]] = {}
        self.available_reactions: list[str] | None = None
        self.menu_button: dict[str, Any] | None = None
        self.chat_instance = str(secrets.randbelow(10**18) - 5 * 10**17)
        self._messages: dict[int, dict[str, Any]] = {}
        self._deleted: set[int] = set()
        # In supergroups id 1 is the (unstored) creation service message, i.e. the General topic.
        self._next_message_id = 1 if chat_type == "private" else 2

    def __repr__(self) -> str:
        return f"FakeChat(id={self.id}, type={self.type!r}, title={self.title!r})"

    def to_dict(self) -> dict[str, Any]:
        """The Chat object embedded in messages."""
        if self.type == "private":
            assert self.user is not None
            result: dict[str, Any] = {"id": self.id, "type": "private"}
            result["first_name"] = self.user.first_name
            if self.user.last_name:
                result["last_name"] = self.user.last_name
            if self.user.username:
                result["username"] = self.user.username
            return result
        result = {"id": self.id, "type": self.type, "title": self.title}
        if self.username:
            result["username"] = self.username
        if self.is_forum:
            result["is_forum"] = True
        return result

    # Message store -------------------------------------------------------------------------

    def allocate_message_id(self) -> int:
        message_id = self._next_message_id
        self._next_message_id += 1
        return message_id

    def store(self, message: dict[str, Any]) -> None:
        self._messages[message["message_id"]] = message

    def get(self, message_id: int) -> dict[str, Any] | None:
        """The live (mutable) stored message, or None if missing or deleted."""
        if message_id in self._deleted:
            return None
        return self._messages.get(message_id)

    def delete(self, message_id: int) -> None:
        self._deleted.add(message_id)
        if message_id in self.pinned:
            self.pinned.remove(message_id)

    def message(self, message_id: int) -> dict[str, Any] | None:
        """A copy of the current state of a message (edits applied), or None."""
        found = self.get(message_id)
        return copy.deepcopy(found) if found is not None else None

    def messages(self) -> list[dict[str, Any]]:
        """Copies of all current messages, oldest first."""
        return [
            copy.deepcopy(message)
            for message_id, message in sorted(self._messages.items())
            if message_id not in self._deleted
        ]

    # Membership ----------------------------------------------------------------------------

    def add_member(self, user: FakeUser, status: str = "member") -> None:
        """Put a user into the group with status member/administrator/creator/restricted."""
        if self.type == "private":
            raise ValueError("private chats have fixed members")
        self.members[user.id] = status

    def member_status(self, user_id: int) -> str:
        if self.type == "private":
            return "member" if self.user is not None and user_id == self.user.id else "left"
        if user_id == self.api.bot_id:
            return self.bot_status
        return self.members.get(user_id, "left")

    def set_bot_status(self, status: str, *, by: FakeUser | None = None) -> dict[str, Any]:
        """Change the bot's own membership (e.g. "kicked") and emit my_chat_member."""
        if self.type == "private":
            raise ValueError("use FakeUser.block_bot()/unblock_bot() for private chats")
        old = self.bot_status
        self.bot_status = status
        actor = by.to_dict() if by is not None else self._any_admin()
        return self.api._push_my_chat_member(self, actor, old, status)

    def kick_bot(self, *, by: FakeUser | None = None) -> dict[str, Any]:
        return self.set_bot_status("kicked", by=by)

    def _any_admin(self) -> dict[str, Any]:
        for user_id, status in self.members.items():
            if status in ("creator", "administrator") and user_id in self.api.users:
                return self.api.users[user_id].to_dict()
        return {"id": 777000, "is_bot": False, "first_name": "Telegram"}


class FakeUser:
    """A Telegram user; its methods produce the updates a real client's actions would."""

    def __init__(
        self,
        api: FakeBotAPI,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        is_premium: bool = False,
        started: bool = True,
    ) -> None:
        self.api = api
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code
        self.is_premium = is_premium
        # False until the user writes to the bot: Telegram forbids the bot to start a dialog.
        self.started = started
        self.blocked = False
        self.chat = FakeChat(api, user_id, "private", user=self)

    def __repr__(self) -> str:
        return f"FakeUser(id={self.id}, first_name={self.first_name!r})"

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            result["last_name"] = self.last_name
        if self.username:
            result["username"] = self.username
        if self.language_code:
            result["language_code"] = self.language_code
        if self.is_premium:
            result["is_premium"] = True
        return result

    # Messages ------------------------------------------------------------------------------

    def send_text(
        self,
        text: str,
        chat_id: int | None = None,
        *,
        reply_to_message_id: int | None = None,
        message_thread_id: int | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Send a text message; commands, mentions, URLs get entities like in Telegram."""
        if not text.strip():
            raise ValueError("Telegram clients cannot send an empty message")
        if utf16_len(text) > MAX_TEXT_LENGTH:
            raise ValueError("Telegram clients split texts longer than 4096 UTF-16 units")
        content: dict[str, Any] = {"text": text}
        found = entities if entities is not None else detect_entities(text, [])
        if found:
            content["entities"] = found
        return self._send(content, chat_id, reply_to_message_id, message_thread_id)

    def send_photo(
        self,
        caption: str | None = None,
        chat_id: int | None = None,
        *,
        width: int = 1280,
        height: int = 720,
        content: bytes | None = None,
        reply_to_message_id: int | None = None,
        message_thread_id: int | None = None,
        media_group_id: str | None = None,
    ) -> dict[str, Any]:
        """Send a photo; every size is a downloadable file with its own file_id."""
        data = content if content is not None else TINY_PNG
        sizes: list[dict[str, Any]] = []
        for limit in (90, 320, 800, max(width, height)):
            scale = min(1.0, limit / max(width, height))
            w, h = max(1, round(width * scale)), max(1, round(height * scale))
            if sizes and (w, h) == (sizes[-1]["width"], sizes[-1]["height"]):
                continue
            stored = self.api._register_file("photo", data, mime_type="image/jpeg")
            sizes.append(self.api._photo_size(stored, w, h))
        message: dict[str, Any] = {"photo": sizes}
        self._add_caption(message, caption)
        return self._send(message, chat_id, reply_to_message_id, message_thread_id, media_group_id)

    def send_document(
        self,
        file_name: str = "document.pdf",
        mime_type: str = "application/pdf",
        size: int | None = None,
        content: bytes = b"%PDF-1.4\n% fake document\n",
        caption: str | None = None,
        chat_id: int | None = None,
        *,
        reply_to_message_id: int | None = None,
        message_thread_id: int | None = None,
        media_group_id: str | None = None,
    ) -> dict[str, Any]:
        """Send a document; ``size`` may exceed ``len(content)`` to simulate big files."""
        stored = self.api._register_file(
            "document", content, mime_type=mime_type, file_name=file_name, size=size
        )
        message: dict[str, Any] = {"document": self.api._document(stored)}
        self._add_caption(message, caption)
        return self._send(message, chat_id, reply_to_message_id, message_thread_id, media_group_id)

    def send_voice(
        self,
        duration: int = 3,
        content: bytes = b"OggS fake voice",
        chat_id: int | None = None,
        *,
        caption: str | None = None,
    ) -> dict[str, Any]:
        stored = self.api._register_file("voice", content, mime_type="audio/ogg")
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": stored.size,
        }
        message: dict[str, Any] = {"voice": voice}
        self._add_caption(message, caption)
        return self._send(message, chat_id, None, None)

    def send_video(
        self,
        caption: str | None = None,
        chat_id: int | None = None,
        *,
        width: int = 1280,
        height: int = 720,
        duration: int = 5,
        content: bytes = b"\x00\x00\x00\x18ftypmp42 fake video",
        media_group_id: str | None = None,
    ) -> dict[str, Any]:
        stored = self.api._register_file("video", content, mime_type="video/mp4")
        video = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": width,
            "height": height,
            "duration": duration,
            "mime_type": "video/mp4",
            "file_size": stored.size,
        }
        message: dict[str, Any] = {"video": video}
        self._add_caption(message, caption)
        return self._send(message, chat_id, None, None, media_group_id)

    def send_album(
        self,
        items: Sequence[Mapping[str, Any]] | int = 2,
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> list[dict[str, Any]]:
        """Send 2-10 photos/videos or 2-10 documents sharing one media_group_id.

        ``items`` is a count of photos or a list like ``[{"type": "photo"},
        {"type": "document", "file_name": "a.pdf", ...}]`` (extra keys go to send_photo/
        send_document).  ``caption`` goes on the first item, as clients do.
        """
        specs = [{"type": "photo"}] * items if isinstance(items, int) else list(items)
        if not 2 <= len(specs) <= 10:
            raise ValueError("an album has 2-10 items")
        kinds = {spec.get("type", "photo") for spec in specs}
        if len(kinds) > 1 and ("document" in kinds or "audio" in kinds):
            raise ValueError("documents/audio can't be mixed with other media in an album")
        group_id = str(secrets.randbelow(10**17) + 10**17)
        sent = []
        for position, spec in enumerate(specs):
            options = {k: v for k, v in spec.items() if k != "type"}
            item_caption = options.pop("caption", caption if position == 0 else None)
            kind = spec.get("type", "photo")
            if kind == "photo":
                sent.append(
                    self.send_photo(item_caption, chat_id, media_group_id=group_id, **options)
                )
            elif kind == "video":
                sent.append(
                    self.send_video(item_caption, chat_id, media_group_id=group_id, **options)
                )
            elif kind == "document":
                sent.append(
                    self.send_document(
                        caption=item_caption, chat_id=chat_id, media_group_id=group_id, **options
                    )
                )
            else:
                raise ValueError(f"unsupported album item type {kind!r}")
        return sent

    def send_sticker(self, emoji: str = "👍", chat_id: int | None = None) -> dict[str, Any]:
        stored = self.api._register_file("sticker", b"RIFF fake webp", mime_type="image/webp")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": stored.size,
        }
        return self._send({"sticker": sticker}, chat_id, None, None)

    def send_location(
        self, latitude: float = 52.52, longitude: float = 13.405, chat_id: int | None = None
    ) -> dict[str, Any]:
        return self._send(
            {"location": {"latitude": latitude, "longitude": longitude}}, chat_id, None, None
        )

    def send_contact(
        self, phone_number: str = "+10000000000", first_name: str = "Contact"
    ) -> dict[str, Any]:
        contact = {"phone_number": phone_number, "first_name": first_name}
        return self._send({"contact": contact}, None, None, None)

    def send_raw(
        self,
        content: Mapping[str, Any],
        chat_id: int | None = None,
        *,
        reply_to_message_id: int | None = None,
        message_thread_id: int | None = None,
    ) -> dict[str, Any]:
        """Send a message with arbitrary content fields (poll, dice, venue, ...)."""
        return self._send(dict(content), chat_id, reply_to_message_id, message_thread_id)

    def edit_text(self, message: MessageRef, new_text: str) -> dict[str, Any]:
        """Edit one of this user's text messages; the bot gets an edited_message update."""
        chat, stored = self._lookup(message)
        if stored["from"]["id"] != self.id:
            raise ValueError("users can only edit their own messages")
        if "text" not in stored:
            raise ValueError("only text messages can be edited with edit_text")
        stored["text"] = new_text
        stored.pop("entities", None)
        found = detect_entities(new_text, [])
        if found:
            stored["entities"] = found
        stored["edit_date"] = int(time.time())
        edited = copy.deepcopy(stored)
        if self.api._bot_sees(chat, edited):
            self.api._push({"edited_message": edited})
        return edited

    # Buttons and queries -------------------------------------------------------------------

    def press(
        self,
        message: MessageRef,
        callback_data: str,
        *,
        chat_id: int | None = None,
        forged: bool = False,
    ) -> dict[str, Any]:
        """Press an inline button; returns the callback_query sent to the bot.

        Raises LookupError if no button with this callback_data is on the message's current
        keyboard (e.g. it was edited away), because a real user could not press it. With
        ``forged=True`` the check is skipped: a modified client, or an old client still
        showing a keyboard the bot has since replaced, sends whatever data it likes.
        """
        chat, stored = self._lookup(message, chat_id)
        keyboard = (stored.get("reply_markup") or {}).get("inline_keyboard", [])
        available = [
            button.get("callback_data")
            for row in keyboard
            for button in row
            if "callback_data" in button
        ]
        if callback_data not in available and not forged:
            raise LookupError(
                f"message {stored['message_id']} in chat {chat.id} has no button with "
                f"callback_data={callback_data!r}; current buttons: {available!r}"
            )
        query_id = self.api._new_query_id()
        callback_query = {
            "id": query_id,
            "from": self.to_dict(),
            "message": copy.deepcopy(stored),
            "chat_instance": chat.chat_instance,
            "data": callback_data,
        }
        self.api._queries[query_id] = QueryState(
            query_id, self.id, time.monotonic(), "callback_query"
        )
        self.api._push({"callback_query": callback_query})
        return callback_query

    def send_inline_query(self, query: str = "", offset: str = "") -> dict[str, Any]:
        """Type ``@bot query``; returns the inline_query sent to the bot."""
        query_id = self.api._new_query_id()
        inline_query = {
            "id": query_id,
            "from": self.to_dict(),
            "query": query,
            "offset": offset,
            "chat_type": "sender",
        }
        self.api._queries[query_id] = QueryState(
            query_id, self.id, time.monotonic(), "inline_query"
        )
        self.api._push({"inline_query": inline_query})
        return inline_query

    # Blocking ------------------------------------------------------------------------------

    def block_bot(self, *, unnoticed: bool = False) -> dict[str, Any] | None:
        """Block the bot: my_chat_member member→kicked; sends to this user then get 403.

        ``unnoticed=True``: the bot never gets the my_chat_member update (it was down
        and its pending updates were dropped) and learns of the block from a 403."""
        if self.blocked:
            raise ValueError("the bot is already blocked by this user")
        self.blocked = True
        self.chat.bot_status = "kicked"
        if unnoticed:
            return None
        return self.api._push_my_chat_member(self.chat, self.to_dict(), "member", "kicked")

    def unblock_bot(self) -> dict[str, Any]:
        """Unblock (restart) the bot: my_chat_member kicked→member."""
        if not self.blocked:
            raise ValueError("the bot is not blocked by this user")
        self.blocked = False
        self.started = True
        self.chat.bot_status = "member"
        return self.api._push_my_chat_member(self.chat, self.to_dict(), "kicked", "member")

    # Internals -----------------------------------------------------------------------------

    def _add_caption(self, message: dict[str, Any], caption: str | None) -> None:
        if not caption:
            return
        if utf16_len(caption) > MAX_CAPTION_LENGTH:
            raise ValueError("captions are limited to 1024 UTF-16 units")
        message["caption"] = caption
        found = detect_entities(caption, [])
        if found:
            message["caption_entities"] = found

    def _lookup(
        self, message: MessageRef, chat_id: int | None = None
    ) -> tuple[FakeChat, dict[str, Any]]:
        if isinstance(message, int):
            chat = self.api.chat(chat_id if chat_id is not None else self.id)
            message_id = message
        else:
            chat = self.api.chat(message["chat"]["id"])
            message_id = message["message_id"]
        if chat.type == "private" and chat.id != self.id:
            raise ValueError(f"{self!r} cannot see messages of another user's private chat")
        stored = chat.get(message_id)
        if stored is None:
            raise LookupError(f"message {message_id} does not exist (or was deleted) in {chat!r}")
        return chat, stored

    def _send(
        self,
        content: dict[str, Any],
        chat_id: int | None,
        reply_to_message_id: int | None,
        message_thread_id: int | None,
        media_group_id: str | None = None,
    ) -> dict[str, Any]:
        chat = self.chat if chat_id is None or chat_id == self.id else self.api.chat(chat_id)
        return self.api._user_message(
            self,
            chat,
            content,
            reply_to_message_id=reply_to_message_id,
            message_thread_id=message_thread_id,
            media_group_id=media_group_id,
        )
