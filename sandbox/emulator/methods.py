"""Bot API method implementations with Telegram's validation order and error texts."""

from __future__ import annotations

import copy
import mimetypes
import re
import secrets
import struct
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .actors import FakeChat
from .errors import NOT_MODIFIED, QUERY_TOO_OLD, ApiError, bad_request
from .formatting import (
    MAX_CAPTION_LENGTH,
    MAX_TEXT_LENGTH,
    checked_link,
    parse_formatted_text,
    utf16_len,
)
from .models import Answer, StoredFile, Topic, WebhookConfig
from .params import Query

if TYPE_CHECKING:
    from .server import Call, FakeBotAPI

Method = Callable[["FakeBotAPI", "Call"], Awaitable[Any]]
METHODS: dict[str, Method] = {}
_BY_LOWER: dict[str, str] = {}


def method(name: str) -> Callable[[Method], Method]:
    def register(func: Method) -> Method:
        METHODS[name] = func
        _BY_LOWER[name.lower()] = name
        return func

    return register


def canonical_method(name: str) -> str | None:
    """Bot API method names are case-insensitive."""
    return _BY_LOWER.get(name.lower())


# Text and markup ---------------------------------------------------------------------------


def _resolve_text_mentions(api: FakeBotAPI, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    resolved = []
    for entity in entities:
        if entity["type"] == "text_mention":
            user = api.users.get(entity["user"]["id"])
            if user is None:
                continue  # Telegram drops mentions of users the bot can't see
            entity = {**entity, "user": user.to_dict()}
        resolved.append(entity)
    return resolved


def _message_text(api: FakeBotAPI, query: Query) -> tuple[str, list[dict[str, Any]]]:
    raw = query.get_str("text")
    if not raw:
        raise bad_request("message text is empty")
    entities_value = query.get_json("entities", "Can't parse entities JSON object")
    text, entities = parse_formatted_text(
        raw,
        query.get_str("parse_mode"),
        entities_value,
        strict_ampersand=api.strict_html_ampersand,
    )
    if not text:
        raise bad_request("message text is empty")
    if utf16_len(text) > MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    return text, _resolve_text_mentions(api, entities)


def _caption(api: FakeBotAPI, query: Query) -> tuple[str, list[dict[str, Any]]]:
    raw = query.get_str("caption")
    if not raw:
        return "", []
    entities_value = query.get_json("caption_entities", "Can't parse entities JSON object")
    return _parse_caption(api, raw, query.get_str("parse_mode"), entities_value)


def _parse_caption(
    api: FakeBotAPI, raw: str, parse_mode: str, entities_value: Any
) -> tuple[str, list[dict[str, Any]]]:
    text, entities = parse_formatted_text(
        raw, parse_mode, entities_value, strict_ampersand=api.strict_html_ampersand
    )
    if utf16_len(text) > MAX_CAPTION_LENGTH:
        raise bad_request("message caption is too long")
    return text, _resolve_text_mentions(api, entities)


def _text_content(text: str, entities: list[dict[str, Any]], key: str = "text") -> dict[str, Any]:
    content: dict[str, Any] = {}
    if text:
        content[key] = text
        if entities:
            content["entities" if key == "text" else "caption_entities"] = entities
    return content


_INLINE_ACTIONS = (
    "url",
    "callback_data",
    "callback_game",
    "pay",
    "switch_inline_query",
    "switch_inline_query_chosen_chat",
    "switch_inline_query_current_chat",
    "login_url",
    "web_app",
    "copy_text",
)


def _button_error(description: str) -> ApiError:
    return bad_request(f"can't parse inline keyboard button: {description}")


def _inline_button(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise _button_error("InlineKeyboardButton must be an Object")
    if "text" not in raw:
        raise _button_error('Can\'t find field "text"')
    if not isinstance(raw["text"], str):
        raise _button_error('Field "text" must be of type String')
    if not raw["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [
        key
        for key in _INLINE_ACTIONS
        if key in raw
        and raw[key] is not None
        and not (key in ("url", "callback_data") and raw[key] == "")
    ]
    if not actions:
        raise _button_error("Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        # Telegram silently picks the first action; the docs require exactly one, so be strict.
        raise _button_error(f"exactly one of the optional fields must be used, got {actions}")
    action = actions[0]
    value = raw[action]
    button: dict[str, Any] = {"text": raw["text"]}
    if action == "url":
        if not isinstance(value, str):
            raise _button_error('Field "url" must be of type String')
        if not checked_link(value):
            raise bad_request("BUTTON_URL_INVALID")
    elif action == "callback_data":
        if not isinstance(value, str):
            raise _button_error('Field "callback_data" must be of type String')
        if len(value.encode()) > 64:
            raise bad_request("BUTTON_DATA_INVALID")
    elif action in ("switch_inline_query", "switch_inline_query_current_chat"):
        if not isinstance(value, str):
            raise _button_error(f'Field "{action}" must be of type String')
    elif action in ("login_url", "web_app"):
        if not isinstance(value, dict) or not isinstance(value.get("url"), str):
            raise _button_error('Can\'t find field "url"')
        # Web apps must be served over HTTPS.
        if action == "web_app" and not value["url"].startswith("https://"):
            raise bad_request("BUTTON_URL_INVALID")
    elif action == "copy_text" and (
        not isinstance(value, dict) or not isinstance(value.get("text"), str)
    ):
        raise _button_error('Can\'t find field "text"')
    button[action] = value
    for extra in ("style", "icon_custom_emoji_id"):
        if raw.get(extra) is not None:
            button[extra] = raw[extra]
    return button


def _reply_markup(query: Query, *, inline_only: bool = False) -> tuple[bool, dict[str, Any] | None]:
    """Parse reply_markup. Returns (given, inline markup to store on the message or None)."""
    value = query.get_json("reply_markup", "Can't parse reply keyboard markup JSON object")
    if value is None:
        return False, None
    if not isinstance(value, dict):
        raise bad_request("Object expected as reply markup")
    if "keyboard" in value and not inline_only:
        rows = value["keyboard"]
        if not isinstance(rows, list):
            raise bad_request('Field "keyboard" must be of type Array')
        for row in rows:
            if not isinstance(row, list):
                raise bad_request('Field "keyboard" must be an Array of Arrays')
            for button in row:
                if isinstance(button, str):
                    continue
                if not isinstance(button, dict):
                    raise bad_request(
                        "can't parse keyboard button: KeyboardButton must be a String or an Object"
                    )
                if not isinstance(button.get("text"), str):
                    raise bad_request("can't parse keyboard button: Can't find field \"text\"")
        if any(rows):
            return True, None  # reply keyboards are not part of the Message object
    inline_rows: list[list[dict[str, Any]]] = []
    if "inline_keyboard" in value:
        rows = value["inline_keyboard"]
        if not isinstance(rows, list):
            raise bad_request('Field "inline_keyboard" must be of type Array')
        total = 0
        for row in rows:
            if not isinstance(row, list):
                raise bad_request(
                    'Field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
                )
            parsed = [_inline_button(button) for button in row]
            total += len(parsed)
            if parsed:
                inline_rows.append(parsed)
        if total > 100:
            raise bad_request("reply markup is too long")
    if inline_rows:
        return True, {"inline_keyboard": inline_rows}
    if inline_only and ("keyboard" in value or "force_reply" in value):
        raise bad_request("inline keyboard expected")
    return True, None


# Chats, replies, topics --------------------------------------------------------------------


def _reply_target(api: FakeBotAPI, query: Query, chat: FakeChat) -> dict[str, Any] | None:
    if query.has("reply_parameters"):
        value = query.get_json("reply_parameters", "Can't parse reply parameters JSON object")
        if not isinstance(value, dict):
            raise bad_request("Object expected as reply parameters")
        if not value:
            return None
        message_id = value.get("message_id")
        if message_id is None:
            raise bad_request('Can\'t find field "message_id"')
        if not isinstance(message_id, int) or isinstance(message_id, bool):
            raise bad_request('Field "message_id" must be of type Number')
        allow_missing = bool(value.get("allow_sending_without_reply"))
        target_chat = chat
        if value.get("chat_id") not in (None, "", chat.id, str(chat.id)):
            target_chat = api._resolve_chat(str(value["chat_id"]))
    else:
        message_id = query.get_int("reply_to_message_id")
        allow_missing = query.get_bool("allow_sending_without_reply")
        target_chat = chat
    if message_id <= 0:
        return None
    target = target_chat.get(message_id)
    if target is None:
        if allow_missing:
            return None
        raise bad_request("message to be replied not found")
    return target


def _prepare_send(
    api: FakeBotAPI, call: Call
) -> tuple[FakeChat, Topic | None, dict[str, Any] | None]:
    """Chat, topic and reply checks shared by all message-creating methods."""
    query = call.query
    chat = api._resolve_chat(query.get_str("chat_id"))
    topic = api._resolve_topic(chat, query.get_int("message_thread_id"))
    reply_to = _reply_target(api, query, chat)
    api._check_writable(chat)
    return chat, topic, reply_to


def _send_options(query: Query) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if query.get_bool("protect_content"):
        extra["has_protected_content"] = True
    if query.get_bool("show_caption_above_media"):
        extra["show_caption_above_media"] = True
    if query.get_bool("has_spoiler"):
        extra["has_media_spoiler"] = True
    return extra


async def _send(
    api: FakeBotAPI,
    call: Call,
    content: dict[str, Any],
    *,
    allow_markup: bool = True,
) -> dict[str, Any]:
    _, markup = _reply_markup(call.query) if allow_markup else (False, None)
    chat, topic, reply_to = _prepare_send(api, call)
    api._check_flood(chat, 1)
    message = api._create_message(
        chat,
        api.bot_user,
        content,
        reply_to=reply_to,
        topic=topic,
        reply_markup=markup,
        extra=_send_options(call.query),
    )
    call.created.append(message)
    return message


# Files -------------------------------------------------------------------------------------

_KIND_NAMES = {
    "photo": "Photo",
    "document": "Document",
    "video": "Video",
    "voice": "VoiceNote",
    "audio": "Audio",
    "animation": "Animation",
    "sticker": "Sticker",
    "video_note": "VideoNote",
}


def _image_size(data: bytes) -> tuple[int, int] | None:
    """Width/height of PNG, GIF, JPEG, WEBP or BMP data; None if it is not an image."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        index = 2
        while index + 9 < len(data):
            if data[index] != 0xFF:
                index += 1
                continue
            marker = data[index + 1]
            length = struct.unpack(">H", data[index + 2 : index + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[index + 5 : index + 9])
                return int(width), int(height)
            index += 2 + length
        return 800, 600
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return 512, 512
    if data.startswith(b"BM") and len(data) >= 26:
        width, height = struct.unpack("<ii", data[18:26])
        return abs(int(width)), abs(int(height))
    return None


def _input_file(api: FakeBotAPI, query: Query, value: str, field: str, kind: str) -> StoredFile:
    """Resolve an InputFile: attach://, a direct upload, a file_id or an HTTP URL."""
    upload = query.file_for(value) if value else query.files.get(field)
    if value.startswith("attach://") and upload is None:
        raise bad_request(f"there is no {field} in the request")
    if upload is not None:
        if not upload.data:
            raise bad_request("file must be non-empty")
        if kind == "photo":
            size = _image_size(upload.data)
            if size is None:
                raise bad_request("IMAGE_PROCESS_FAILED")
            width, height = size
            if width + height > 10000 or max(width, height) > 20 * max(min(width, height), 1):
                raise bad_request("PHOTO_INVALID_DIMENSIONS")
        mime = mimetypes.guess_type(upload.filename)[0] or upload.content_type
        return api._register_file(kind, upload.data, mime_type=mime, file_name=upload.filename)
    if not value:
        raise bad_request(f"there is no {field} in the request")
    if re.match(r"https?://", value, re.IGNORECASE):
        name = urlsplit(value).path.rsplit("/", 1)[-1] or kind
        return api._register_file(
            kind,
            f"fake content downloaded from {value}".encode(),
            mime_type=mimetypes.guess_type(name)[0],
            file_name=name,
        )
    stored = api._files.get(value)
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    if stored.kind != kind:
        raise bad_request(
            f"wrong remote file identifier specified: can't use file of type "
            f"{_KIND_NAMES.get(stored.kind, stored.kind)} as {_KIND_NAMES.get(kind, kind)}"
        )
    return stored


def _photo_sizes(api: FakeBotAPI, stored: StoredFile) -> list[dict[str, Any]]:
    width, height = _image_size(stored.content) or (1280, 720)
    sizes: list[dict[str, Any]] = []
    for limit in (90, 320, 800, 1280):
        scale = min(1.0, limit / max(width, height, 1))
        w, h = max(1, round(width * scale)), max(1, round(height * scale))
        if sizes and (w, h) == (sizes[-1]["width"], sizes[-1]["height"]):
            continue
        # Each size is a separate file in Telegram; the largest reuses the stored one.
        size_file = (
            stored
            if scale == 1.0
            else api._register_file("photo", stored.content, mime_type=stored.mime_type)
        )
        sizes.append(api._photo_size(size_file, w, h))
    return sizes


def _media_content(
    api: FakeBotAPI,
    query: Query,
    kind: str,
    stored: StoredFile,
    *,
    source: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The Message fields for a media object of ``kind``."""
    options = source if source is not None else query.args
    base = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
    }

    def number(name: str, default: int) -> int:
        raw = options.get(name)
        try:
            return int(raw) if raw not in (None, "") else default
        except (TypeError, ValueError):
            return default

    if kind == "photo":
        return {"photo": _photo_sizes(api, stored)}
    if kind == "document":
        return {"document": api._document(stored)}
    if kind == "video":
        video = {
            **base,
            "width": number("width", 1280),
            "height": number("height", 720),
            "duration": number("duration", 1),
            "mime_type": stored.mime_type or "video/mp4",
        }
        if stored.file_name:
            video["file_name"] = stored.file_name
        return {"video": video}
    if kind == "voice":
        return {"voice": {**base, "duration": number("duration", 1), "mime_type": "audio/ogg"}}
    if kind == "audio":
        audio = {
            **base,
            "duration": number("duration", 1),
            "mime_type": stored.mime_type or "audio/mpeg",
        }
        for name in ("performer", "title"):
            if options.get(name):
                audio[name] = options[name]
        if stored.file_name:
            audio["file_name"] = stored.file_name
        return {"audio": audio}
    if kind == "animation":
        animation = {
            **base,
            "width": number("width", 320),
            "height": number("height", 240),
            "duration": number("duration", 1),
            "mime_type": stored.mime_type or "video/mp4",
        }
        # Telegram also sets "document" for animations, for old clients.
        return {"animation": animation, "document": api._document(stored)}
    if kind == "sticker":
        return {
            "sticker": {
                **base,
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            }
        }
    raise AssertionError(kind)


def _media_method(kind: str) -> Method:
    async def send_media(api: FakeBotAPI, call: Call) -> dict[str, Any]:
        query = call.query
        stored = _input_file(api, query, query.get_str(kind), kind, kind)
        content = _media_content(api, query, kind, stored)
        if kind != "sticker":
            content.update(_text_content(*_caption(api, query), key="caption"))
        return await _send(api, call, content)

    return send_media


for _kind, _name in (
    ("photo", "sendPhoto"),
    ("document", "sendDocument"),
    ("video", "sendVideo"),
    ("voice", "sendVoice"),
    ("audio", "sendAudio"),
    ("animation", "sendAnimation"),
    ("sticker", "sendSticker"),
):
    method(_name)(_media_method(_kind))


# Bot, updates and webhook ------------------------------------------------------------------


@method("getMe")
async def get_me(api: FakeBotAPI, call: Call) -> dict[str, Any]:
    return {
        **api.bot_user,
        "can_join_groups": True,
        "can_read_all_group_messages": not api.privacy_mode,
        "supports_inline_queries": True,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@method("logOut")
async def log_out(api: FakeBotAPI, call: Call) -> bool:
    return True


@method("close")
async def close(api: FakeBotAPI, call: Call) -> bool:
    return True


@method("getUpdates")
async def get_updates(api: FakeBotAPI, call: Call) -> list[dict[str, Any]]:
    return await api._long_poll(call.query)


@method("setWebhook")
async def set_webhook(api: FakeBotAPI, call: Call) -> Answer:
    query = call.query
    url = query.get_str("url")
    drop = query.get_bool("drop_pending_updates")
    if not url:
        return await delete_webhook(api, call)
    api._check_set_webhook_flood()
    parts = urlsplit(url if "://" in url else f"https://{url}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise bad_request("invalid webhook URL specified")
    secret = query.get_str("secret_token")
    if len(secret) > 256:
        raise bad_request("secret token is too long")
    if not re.fullmatch(r"[A-Za-z0-9_-]*", secret):
        raise bad_request("secret token contains unallowed characters")
    max_connections = min(max(query.get_int("max_connections", 40), 1), 100)
    config = WebhookConfig(
        url=url,
        secret_token=secret,
        max_connections=max_connections,
        ip_address=query.get_str("ip_address"),
    )
    api._set_allowed_updates(query)
    if api.webhook == config and not drop:
        return Answer(True, "Webhook is already set")
    api._set_webhook(config, drop)
    return Answer(True, "Webhook was set")


@method("deleteWebhook")
async def delete_webhook(api: FakeBotAPI, call: Call) -> Answer:
    was_set = api.webhook is not None
    api._set_webhook(None, call.query.get_bool("drop_pending_updates"))
    return Answer(True, "Webhook was deleted" if was_set else "Webhook is already deleted")


@method("getWebhookInfo")
async def get_webhook_info(api: FakeBotAPI, call: Call) -> dict[str, Any]:
    return api._webhook_info()


# Sending -----------------------------------------------------------------------------------


@method("sendMessage")
async def send_message(api: FakeBotAPI, call: Call) -> dict[str, Any]:
    text, entities = _message_text(api, call.query)
    content = _text_content(text, entities)
    preview = call.query.get_json(
        "link_preview_options", "Can't parse link preview options JSON object"
    )
    if preview is not None and not isinstance(preview, dict):
        raise bad_request("Object expected as link preview options")
    return await _send(api, call, content)


_ALBUM_KINDS = ("photo", "video", "document", "audio")


@method("sendMediaGroup")
async def send_media_group(api: FakeBotAPI, call: Call) -> list[dict[str, Any]]:
    query = call.query
    query.required("media")
    items = query.get_json("media", "Can't parse media JSON object")
    if not isinstance(items, list):
        raise bad_request("Expected an Array of InputMedia")
    if not items:
        raise bad_request("there are no messages to send")
    if len(items) > 10:
        raise bad_request("too many messages to send as an album")
    contents: list[dict[str, Any]] = []
    kinds: list[str] = []
    for item in items:
        if not isinstance(item, dict):
            raise bad_request("can't parse InputMedia: expected an Object")
        kind = item.get("type")
        if not isinstance(kind, str):
            raise bad_request("can't parse InputMedia: Can't find field \"type\"")
        if kind == "animation":
            raise bad_request(
                "can't parse InputMedia: type \"animation\" can't be used in sendMediaGroup"
            )
        if kind not in _ALBUM_KINDS:
            raise bad_request(f'can\'t parse InputMedia: type "{kind}" is unsupported')
        media = item.get("media")
        if not isinstance(media, str) or not media:
            raise bad_request("can't parse InputMedia: media not found")
        if media.startswith("attach://") and query.file_for(media) is None:
            raise bad_request("can't parse InputMedia: media not found")
        stored = _input_file(api, query, media, kind, kind)
        options = {k: str(v) for k, v in item.items() if isinstance(v, int | str)}
        content = _media_content(api, query, kind, stored, source=options)
        caption = item.get("caption")
        if isinstance(caption, str) and caption:
            parse_mode = item.get("parse_mode")
            text, entities = _parse_caption(
                api,
                caption,
                parse_mode if isinstance(parse_mode, str) else "",
                item.get("caption_entities"),
            )
            content.update(_text_content(text, entities, key="caption"))
        if item.get("has_spoiler"):
            content["has_media_spoiler"] = True
        contents.append(content)
        kinds.append(kind)
    for special in ("document", "audio"):
        if special in kinds and any(k != special for k in kinds):
            raise bad_request(f"{special} can't be mixed with other media types")
    if len(items) < 2:
        # Documented as 2-10 items; Telegram may accept one, the fake holds to the docs.
        raise bad_request("media group must contain 2-10 items")
    chat, topic, reply_to = _prepare_send(api, call)
    api._check_flood(chat, len(contents))
    group_id = str(secrets.randbelow(10**17) + 10**17)
    extra = _send_options(query)
    messages = []
    for content in contents:
        message = api._create_message(
            chat,
            api.bot_user,
            content,
            reply_to=reply_to,
            topic=topic,
            media_group_id=group_id,
            extra=extra,
        )
        call.created.append(message)
        messages.append(message)
    return messages


_CONTENT_KEYS = (
    "text",
    "entities",
    "photo",
    "document",
    "video",
    "voice",
    "audio",
    "animation",
    "sticker",
    "video_note",
    "caption",
    "caption_entities",
    "location",
    "venue",
    "contact",
    "poll",
    "dice",
    "has_media_spoiler",
    "show_caption_above_media",
)


def _source_message(api: FakeBotAPI, query: Query, purpose: str) -> dict[str, Any]:
    from_chat = api._resolve_chat(query.required("from_chat_id"))
    message_id = query.get_int("message_id")
    source = from_chat.get(message_id) if message_id > 0 else None
    if source is None:
        raise bad_request(f"message to {purpose} not found")
    if source.get("has_protected_content"):
        raise bad_request("message has protected content and can't be forwarded")
    return source


@method("copyMessage")
async def copy_message(api: FakeBotAPI, call: Call) -> dict[str, int]:
    query = call.query
    source = _source_message(api, query, "copy")
    content = {k: copy.deepcopy(v) for k, v in source.items() if k in _CONTENT_KEYS}
    if not any(k in content for k in _CONTENT_KEYS if k not in ("entities", "caption_entities")):
        raise bad_request("message can't be copied")
    if "text" not in content and query.has("caption"):
        content.pop("caption", None)
        content.pop("caption_entities", None)
        content.update(_text_content(*_caption(api, query), key="caption"))
    message = await _send(api, call, content)
    return {"message_id": message["message_id"]}


@method("forwardMessage")
async def forward_message(api: FakeBotAPI, call: Call) -> dict[str, Any]:
    query = call.query
    source = _source_message(api, query, "forward")
    content = {k: copy.deepcopy(v) for k, v in source.items() if k in _CONTENT_KEYS}
    if not content:
        raise bad_request("message can't be forwarded")
    # A forwarded forward keeps the original origin, like in Telegram.
    content["forward_origin"] = copy.deepcopy(source.get("forward_origin")) or {
        "type": "user",
        "sender_user": copy.deepcopy(source["from"]),
        "date": source["date"],
    }
    return await _send(api, call, content, allow_markup=False)


@method("sendChatAction")
async def send_chat_action(api: FakeBotAPI, call: Call) -> bool:
    actions = {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
    if call.query.get_str("action") not in actions:
        raise bad_request("wrong parameter action in request")
    chat = api._resolve_chat(call.query.get_str("chat_id"))
    api._check_writable(chat)
    return True


# Editing -----------------------------------------------------------------------------------


def _edit_target(api: FakeBotAPI, query: Query) -> tuple[FakeChat, dict[str, Any]]:
    if not query.has("chat_id") and query.get_int("message_id") <= 0:
        if query.has("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        raise bad_request("message identifier is not specified")
    chat = api._resolve_chat(query.get_str("chat_id"))
    message_id = query.get_int("message_id")
    message = chat.get(message_id) if message_id > 0 else None
    if message is None:
        raise bad_request("message to edit not found")
    if message.get("from", {}).get("id") != api.bot_id:
        raise bad_request("message can't be edited")
    return chat, message


def _apply_edit(
    message: dict[str, Any],
    changes: dict[str, Any],
    removed: tuple[str, ...],
    markup: dict[str, Any] | None,
) -> dict[str, Any]:
    current = {k: message.get(k) for k in (*changes, *removed, "reply_markup")}
    proposed = {**{k: None for k in removed}, **changes, "reply_markup": markup}
    if current == proposed:
        raise bad_request(NOT_MODIFIED)
    for key in removed:
        message.pop(key, None)
    message.update(copy.deepcopy(changes))
    if markup is None:
        message.pop("reply_markup", None)
    else:
        message["reply_markup"] = copy.deepcopy(markup)
    message["edit_date"] = int(time.time())
    return copy.deepcopy(message)


@method("editMessageText")
async def edit_message_text(api: FakeBotAPI, call: Call) -> dict[str, Any]:
    text, entities = _message_text(api, call.query)
    _, markup = _reply_markup(call.query, inline_only=True)
    _, message = _edit_target(api, call.query)
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    changes: dict[str, Any] = {"text": text}
    removed: tuple[str, ...] = ("entities",)
    if entities:
        changes["entities"] = entities
        removed = ()
    return _apply_edit(message, changes, removed, markup)


@method("editMessageCaption")
async def edit_message_caption(api: FakeBotAPI, call: Call) -> dict[str, Any]:
    caption, entities = _caption(api, call.query)
    _, markup = _reply_markup(call.query, inline_only=True)
    _, message = _edit_target(api, call.query)
    if "text" in message:
        raise bad_request("there is no caption in the message to edit")
    changes: dict[str, Any] = {}
    removed: list[str] = []
    if caption:
        changes["caption"] = caption
    else:
        removed.append("caption")
    if entities:
        changes["caption_entities"] = entities
    else:
        removed.append("caption_entities")
    return _apply_edit(message, changes, tuple(removed), markup)


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(api: FakeBotAPI, call: Call) -> dict[str, Any]:
    _, markup = _reply_markup(call.query, inline_only=True)
    _, message = _edit_target(api, call.query)
    return _apply_edit(message, {}, (), markup)


@method("deleteMessage")
async def delete_message(api: FakeBotAPI, call: Call) -> bool:
    query = call.query
    if not query.has("chat_id"):
        raise bad_request("Chat identifier is not specified")
    if query.get_int("message_id") <= 0:
        raise bad_request("Message identifier is not specified")
    chat = api._resolve_chat(query.get_str("chat_id"))
    message = chat.get(query.get_int("message_id"))
    if message is None:
        raise bad_request("message to delete not found")
    is_own = message.get("from", {}).get("id") == api.bot_id
    if (
        not is_own
        and chat.type != "private"
        and chat.bot_status not in ("administrator", "creator")
    ):
        raise bad_request("message can't be deleted")
    chat.delete(message["message_id"])
    return True


# Queries -----------------------------------------------------------------------------------


def _take_query(api: FakeBotAPI, query_id: str, kind: str) -> Any:
    state = api._queries.get(query_id)
    if state is None or state.kind != kind or state.answered:
        raise bad_request(QUERY_TOO_OLD)
    ttl = api.callback_query_ttl
    if ttl is not None and time.monotonic() - state.created > ttl:
        raise bad_request(QUERY_TOO_OLD)
    return state


@method("answerCallbackQuery")
async def answer_callback_query(api: FakeBotAPI, call: Call) -> bool:
    query = call.query
    text = query.get_str("text")
    state = _take_query(api, query.get_str("callback_query_id"), "callback_query")
    if len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    state.answered = True
    state.answer = {
        "text": text,
        "show_alert": query.get_bool("show_alert"),
        "url": query.get_str("url"),
        "cache_time": query.get_int("cache_time"),
    }
    return True


@method("answerInlineQuery")
async def answer_inline_query(api: FakeBotAPI, call: Call) -> bool:
    query = call.query
    results = query.get_json("results", "Can't parse JSON object")
    if not isinstance(results, list):
        raise bad_request("Expected an Array of inline query results")
    if len(results) > 50:
        raise bad_request("Too many inline query results specified")
    seen: set[str] = set()
    for result in results:
        if not isinstance(result, dict):
            raise bad_request("Inline query result must be an object")
        result_id = result.get("id")
        if not isinstance(result_id, str) or not 1 <= len(result_id.encode()) <= 64:
            raise bad_request("RESULT_ID_INVALID")
        if result_id in seen:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen.add(result_id)
    state = _take_query(api, query.get_str("inline_query_id"), "inline_query")
    state.answered = True
    state.answer = {"results": results, "cache_time": query.get_int("cache_time", 300)}
    return True


# Files -------------------------------------------------------------------------------------

_FOLDERS = {
    "photo": ("photos", ".jpg"),
    "document": ("documents", ""),
    "video": ("videos", ".mp4"),
    "voice": ("voice", ".oga"),
    "audio": ("music", ".mp3"),
    "animation": ("animations", ".mp4"),
    "sticker": ("stickers", ".webp"),
    "video_note": ("video_notes", ".mp4"),
}


@method("getFile")
async def get_file(api: FakeBotAPI, call: Call) -> dict[str, Any]:
    file_id = call.query.get_str("file_id")
    stored = api._files.get(file_id)
    if stored is None:
        raise bad_request("invalid file_id")
    if stored.size > 20 * 1024 * 1024:
        raise bad_request("file is too big")
    if stored.file_path is None:
        folder, extension = _FOLDERS.get(stored.kind, ("documents", ""))
        if stored.file_name and "." in stored.file_name:
            extension = "." + stored.file_name.rsplit(".", 1)[1]
        stored.file_path = f"{folder}/file_{len(api._file_paths)}{extension}"
        api._file_paths[stored.file_path] = stored
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
        "file_path": stored.file_path,
    }


# Chat information --------------------------------------------------------------------------


def _accepted_gift_types() -> dict[str, bool]:
    return {
        "unlimited_gifts": True,
        "limited_gifts": True,
        "unique_gifts": True,
        "premium_subscription": True,
        "gifts_from_channels": True,
    }


@method("getChat")
async def get_chat(api: FakeBotAPI, call: Call) -> dict[str, Any]:
    chat = api._resolve_chat(call.query.get_str("chat_id"))
    info = chat.to_dict()
    info.update(
        {
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": _accepted_gift_types(),
        }
    )
    if chat.available_reactions is not None:
        info["available_reactions"] = [
            {"type": "emoji", "emoji": emoji} for emoji in chat.available_reactions
        ]
    if chat.type != "private":
        info["permissions"] = {
            "can_send_messages": True,
            "can_send_photos": True,
            "can_send_documents": True,
            "can_invite_users": True,
            "can_pin_messages": False,
            "can_manage_topics": False,
        }
    if chat.pinned:
        pinned = chat.get(chat.pinned[-1])
        if pinned is not None:
            info["pinned_message"] = copy.deepcopy(pinned)
    return info


def _member(api: FakeBotAPI, user: dict[str, Any], status: str) -> dict[str, Any]:
    from .server import _admin_rights

    if status == "creator":
        return {"status": "creator", "user": user, "is_anonymous": False}
    if status == "administrator":
        return {"status": "administrator", "user": user, **_admin_rights(can_be_edited=False)}
    if status == "kicked":
        return {"status": "kicked", "user": user, "until_date": 0}
    if status == "restricted":
        return {
            "status": "restricted",
            "user": user,
            "is_member": True,
            "can_send_messages": False,
            "can_send_audios": False,
            "can_send_documents": False,
            "can_send_photos": False,
            "can_send_videos": False,
            "can_send_video_notes": False,
            "can_send_voice_notes": False,
            "can_send_polls": False,
            "can_send_other_messages": False,
            "can_add_web_page_previews": False,
            "can_change_info": False,
            "can_invite_users": False,
            "can_pin_messages": False,
            "can_manage_topics": False,
            "until_date": 0,
        }
    return {"status": status, "user": user}


@method("getChatMember")
async def get_chat_member(api: FakeBotAPI, call: Call) -> dict[str, Any]:
    chat = api._resolve_chat(call.query.get_str("chat_id"))
    user_id = call.query.get_int("user_id")
    if user_id <= 0:
        raise bad_request("Invalid user_id specified")
    if user_id == api.bot_id:
        return _member(api, api.bot_user, chat.member_status(user_id))
    user = api.users.get(user_id)
    if user is None:
        raise bad_request("user not found")
    return _member(api, user.to_dict(), chat.member_status(user_id))


@method("getChatAdministrators")
async def get_chat_administrators(api: FakeBotAPI, call: Call) -> list[dict[str, Any]]:
    chat = api._resolve_chat(call.query.get_str("chat_id"))
    if chat.type == "private":
        raise bad_request("there are no administrators in the private chat")
    result = [
        _member(api, api.users[user_id].to_dict(), status)
        for user_id, status in chat.members.items()
        if status in ("creator", "administrator") and user_id in api.users
    ]
    if chat.bot_status == "administrator":
        result.append(_member(api, api.bot_user, "administrator"))
    return result


@method("getChatMemberCount")
async def get_chat_member_count(api: FakeBotAPI, call: Call) -> int:
    chat = api._resolve_chat(call.query.get_str("chat_id"))
    if chat.type == "private":
        return 2
    present = [s for s in chat.members.values() if s not in ("left", "kicked")]
    return len(present) + (1 if chat.bot_status in ("member", "administrator") else 0)


# Forum topics ------------------------------------------------------------------------------

_DEFAULT_TOPIC_COLOR = 7322096


def _forum(api: FakeBotAPI, query: Query) -> FakeChat:
    chat = api._resolve_chat(query.get_str("chat_id"))
    api._check_writable(chat)
    if chat.type == "private" or not chat.is_forum:
        raise bad_request("the chat is not a forum")
    return chat


def _topic(chat: FakeChat, query: Query) -> Topic:
    topic = chat.topics.get(query.get_int("message_thread_id"))
    if topic is None or topic.deleted:
        raise bad_request("TOPIC_ID_INVALID")
    return topic


def _topic_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise bad_request("title must be non-empty")
    if len(name) > 128:
        raise bad_request("topic name is too long")
    return name


def _service_message(
    api: FakeBotAPI, chat: FakeChat, topic: Topic, content: dict[str, Any]
) -> None:
    api._create_message(chat, api.bot_user, content, topic=topic)


@method("createForumTopic")
async def create_forum_topic(api: FakeBotAPI, call: Call) -> dict[str, Any]:
    query = call.query
    name = _topic_name(query.get_str("name"))
    chat = _forum(api, query)
    topic = Topic(
        thread_id=0,
        name=name,
        icon_color=query.get_int("icon_color") or _DEFAULT_TOPIC_COLOR,
        icon_custom_emoji_id=query.get_str("icon_custom_emoji_id") or None,
    )
    created = {"name": topic.name, "icon_color": topic.icon_color}
    if topic.icon_custom_emoji_id:
        created["icon_custom_emoji_id"] = topic.icon_custom_emoji_id
    # The topic id is the id of its creation service message, like in Telegram.
    service = api._create_message(chat, api.bot_user, {"forum_topic_created": created})
    topic.thread_id = service["message_id"]
    stored = chat.get(topic.thread_id)
    assert stored is not None
    stored["message_thread_id"] = topic.thread_id
    stored["is_topic_message"] = True
    chat.topics[topic.thread_id] = topic
    return topic.to_dict()


@method("editForumTopic")
async def edit_forum_topic(api: FakeBotAPI, call: Call) -> bool:
    query = call.query
    chat = _forum(api, query)
    topic = _topic(chat, query)
    changes: dict[str, Any] = {}
    if query.has("name"):
        name = _topic_name(query.get_str("name"))
        if name != topic.name:
            changes["name"] = name
    if "icon_custom_emoji_id" in query.args:
        emoji = query.get_str("icon_custom_emoji_id") or None
        if emoji != topic.icon_custom_emoji_id:
            changes["icon_custom_emoji_id"] = emoji or ""
    if not changes:
        raise bad_request("TOPIC_NOT_MODIFIED")
    topic.name = changes.get("name", topic.name)
    if "icon_custom_emoji_id" in changes:
        topic.icon_custom_emoji_id = changes["icon_custom_emoji_id"] or None
    _service_message(api, chat, topic, {"forum_topic_edited": changes})
    return True


async def _toggle_topic(api: FakeBotAPI, call: Call, closed: bool) -> bool:
    chat = _forum(api, call.query)
    topic = _topic(chat, call.query)
    if topic.closed == closed:
        raise bad_request("TOPIC_NOT_MODIFIED")
    topic.closed = closed
    _service_message(
        api, chat, topic, {"forum_topic_closed" if closed else "forum_topic_reopened": {}}
    )
    return True


@method("closeForumTopic")
async def close_forum_topic(api: FakeBotAPI, call: Call) -> bool:
    return await _toggle_topic(api, call, True)


@method("reopenForumTopic")
async def reopen_forum_topic(api: FakeBotAPI, call: Call) -> bool:
    return await _toggle_topic(api, call, False)


@method("deleteForumTopic")
async def delete_forum_topic(api: FakeBotAPI, call: Call) -> bool:
    chat = _forum(api, call.query)
    topic = _topic(chat, call.query)
    topic.deleted = True
    for message in chat.messages():
        if message.get("message_thread_id") == topic.thread_id:
            chat.delete(message["message_id"])
    return True


# Commands and menu -------------------------------------------------------------------------


def _command_scope(api: FakeBotAPI, query: Query) -> str:
    scope = query.get_json("scope", "Can't parse BotCommandScope JSON object")
    if scope is None:
        return "default"
    if not isinstance(scope, dict):
        raise bad_request("can't parse BotCommandScope: BotCommandScope must be an Object")
    kind = scope.get("type")
    if not isinstance(kind, str):
        raise bad_request("can't parse BotCommandScope: Can't find field \"type\"")
    if kind in ("default", "all_private_chats", "all_group_chats", "all_chat_administrators"):
        return kind
    if kind not in ("chat", "chat_administrators", "chat_member"):
        raise bad_request("can't parse BotCommandScope: Unsupported type specified")
    chat = api._resolve_chat(str(scope.get("chat_id", "")))
    if kind == "chat_member":
        user_id = scope.get("user_id")
        if not isinstance(user_id, int) or user_id <= 0:
            raise bad_request("can't parse BotCommandScope: Invalid user_id specified")
        return f"{kind}:{chat.id}:{user_id}"
    return f"{kind}:{chat.id}"


@method("setMyCommands")
async def set_my_commands(api: FakeBotAPI, call: Call) -> bool:
    query = call.query
    commands = query.get_json("commands", "Can't parse commands JSON object")
    if commands is None:
        commands = []
    if not isinstance(commands, list):
        raise bad_request("Expected an Array of BotCommand")
    parsed = []
    for item in commands:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand: expected an Object")
        for field in ("command", "description"):
            if not isinstance(item.get(field), str):
                raise bad_request(f"can't parse BotCommand: Can't find field \"{field}\"")
        command = item["command"].removeprefix("/")
        if not re.fullmatch(r"[a-z0-9_]{1,32}", command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(item["description"].strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        parsed.append({"command": command, "description": item["description"]})
    if len(parsed) > 100:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    scope = _command_scope(api, query)
    api.commands[(scope, query.get_str("language_code"))] = parsed
    return True


@method("deleteMyCommands")
async def delete_my_commands(api: FakeBotAPI, call: Call) -> bool:
    scope = _command_scope(api, call.query)
    api.commands.pop((scope, call.query.get_str("language_code")), None)
    return True


@method("getMyCommands")
async def get_my_commands(api: FakeBotAPI, call: Call) -> list[dict[str, str]]:
    scope = _command_scope(api, call.query)
    return copy.deepcopy(api.commands.get((scope, call.query.get_str("language_code")), []))


def _menu_button(query: Query) -> dict[str, Any]:
    value = query.get_json("menu_button", "Can't parse menu button JSON object")
    if value is None:
        return {"type": "default"}
    if not isinstance(value, dict):
        raise bad_request("can't parse menu button: MenuButton must be an Object")
    kind = value.get("type")
    if kind in ("default", "commands"):
        return {"type": kind}
    if kind == "web_app":
        web_app = value.get("web_app")
        if not isinstance(value.get("text"), str):
            raise bad_request("can't parse menu button: Can't find field \"text\"")
        if not isinstance(web_app, dict) or not isinstance(web_app.get("url"), str):
            raise bad_request("can't parse menu button: Can't find field \"url\"")
        return {"type": "web_app", "text": value["text"], "web_app": {"url": web_app["url"]}}
    raise bad_request("can't parse menu button: MenuButton has unsupported type")


@method("setChatMenuButton")
async def set_chat_menu_button(api: FakeBotAPI, call: Call) -> bool:
    button = _menu_button(call.query)
    if call.query.has("chat_id"):
        chat = api._resolve_chat(call.query.get_str("chat_id"))
        if chat.type != "private":
            raise bad_request("chat not found")
        chat.menu_button = button
    else:
        api.default_menu_button = button
    return True


@method("getChatMenuButton")
async def get_chat_menu_button(api: FakeBotAPI, call: Call) -> dict[str, Any]:
    if call.query.has("chat_id"):
        chat = api._resolve_chat(call.query.get_str("chat_id"))
        if chat.menu_button is not None:
            return copy.deepcopy(chat.menu_button)
    return copy.deepcopy(api.default_menu_button)


# Reactions ---------------------------------------------------------------------------------

# ReactionTypeEmoji: the only emoji Telegram accepts as a reaction (Bot API documentation).
REACTION_EMOJI = frozenset(
    [
        "❤",
        "👍",
        "👎",
        "🔥",
        "🥰",
        "👏",
        "😁",
        "🤔",
        "🤯",
        "😱",
        "🤬",
        "😢",
        "🎉",
        "🤩",
        "🤮",
        "💩",
        "🙏",
        "👌",
        "🕊",
        "🤡",
        "🥱",
        "🥴",
        "😍",
        "🐳",
        "❤\u200d🔥",
        "🌚",
        "🌭",
        "💯",
        "🤣",
        "⚡",
        "🍌",
        "🏆",
        "💔",
        "🤨",
        "😐",
        "🍓",
        "🍾",
        "💋",
        "🖕",
        "😈",
        "😴",
        "😭",
        "🤓",
        "👻",
        "👨\u200d💻",
        "👀",
        "🎃",
        "🙈",
        "😇",
        "😨",
        "🤝",
        "✍",
        "🤗",
        "🫡",
        "🎅",
        "🎄",
        "☃",
        "💅",
        "🤪",
        "🗿",
        "🆒",
        "💘",
        "🙉",
        "🦄",
        "😘",
        "💊",
        "🙊",
        "😎",
        "👾",
        "🤷\u200d♂",
        "🤷",
        "🤷\u200d♀",
        "😡",
    ]
)


def _reaction_type(value: Any) -> dict[str, Any]:
    """One ReactionType as telegram-bot-api parses it (`get_reaction_type`)."""
    if not isinstance(value, dict):
        raise bad_request("Can't parse ReactionType: expected an Object")
    kind = value.get("type")
    if kind is None:
        raise bad_request("Can't parse ReactionType: Can't find field \"type\"")
    if not isinstance(kind, str | int | float) or isinstance(kind, bool):
        raise bad_request('Can\'t parse ReactionType: Field "type" must be of type String')
    if kind == "emoji":
        emoji = value.get("emoji")
        if emoji is None:
            raise bad_request("Can't parse ReactionType: Can't find field \"emoji\"")
        if not isinstance(emoji, str):
            raise bad_request('Can\'t parse ReactionType: Field "emoji" must be of type String')
        return {"type": "emoji", "emoji": emoji}
    if kind == "custom_emoji":
        custom = value.get("custom_emoji_id")
        if custom is None:
            raise bad_request("Can't parse ReactionType: Can't find field \"custom_emoji_id\"")
        if not isinstance(custom, str | int | float) or isinstance(custom, bool):
            raise bad_request('Can\'t parse ReactionType: Field "custom_emoji_id" must be a Number')
        if not re.fullmatch(r"-?\d+", str(custom)):
            raise bad_request(
                'Can\'t parse ReactionType: Field "custom_emoji_id" must be a valid Number'
            )
        return {"type": "custom_emoji", "custom_emoji_id": str(custom)}
    # Paid reactions are for channels and not settable by bots: no such type here.
    raise bad_request("Can't parse ReactionType: invalid reaction type specified")


def _reaction_types(query: Query) -> list[dict[str, Any]]:
    value = query.get_json("reaction", "Can't parse reaction types JSON object")
    if value is None:
        return []
    if not isinstance(value, list):
        raise bad_request("Expected an Array of ReactionType")
    return [_reaction_type(item) for item in value]


def _reaction_target(chat: FakeChat, message: dict[str, Any]) -> dict[str, Any]:
    """In an album the reaction goes to its first message that is not deleted."""
    group = message.get("media_group_id")
    if group is None:
        return message
    return next(m for m in chat.messages() if m.get("media_group_id") == group)


@method("setMessageReaction")
async def set_message_reaction(api: FakeBotAPI, call: Call) -> bool:
    query = call.query
    # Like telegram-bot-api: the reaction list is parsed before the chat and message.
    reactions = _reaction_types(query)
    chat = api._resolve_chat(query.get_str("chat_id"))
    if chat.type != "private":
        api._check_writable(chat)
    message_id = query.get_int("message_id")
    message = chat.get(message_id) if message_id > 0 else None
    if message is None:
        raise bad_request("message to react not found")
    # Telegram's server: a bot is not a Premium user, so it sets at most one reaction.
    if len(reactions) > 1:
        raise bad_request("REACTIONS_TOO_MANY")
    allowed = chat.available_reactions
    for reaction in reactions:
        # A custom emoji is accepted only when already on the message, which no fake
        # user can do; an emoji must be one of Telegram's and allowed in the chat.
        if reaction["type"] != "emoji" or reaction["emoji"] not in REACTION_EMOJI:
            raise bad_request("REACTION_INVALID")
        if allowed is not None and reaction["emoji"] not in allowed:
            raise bad_request("REACTION_INVALID")
    target = _reaction_target(chat, message)
    if reactions:
        chat.reactions[target["message_id"]] = reactions
    else:
        chat.reactions.pop(target["message_id"], None)
    # The bot's own reactions produce no message_reaction update (as in Telegram).
    return True


# Pins --------------------------------------------------------------------------------------


@method("pinChatMessage")
async def pin_chat_message(api: FakeBotAPI, call: Call) -> bool:
    chat = api._resolve_chat(call.query.get_str("chat_id"))
    api._check_writable(chat)
    message_id = call.query.get_int("message_id")
    if message_id <= 0 or chat.get(message_id) is None:
        raise bad_request("message to pin not found")
    if message_id in chat.pinned:
        chat.pinned.remove(message_id)
    chat.pinned.append(message_id)
    return True


@method("unpinChatMessage")
async def unpin_chat_message(api: FakeBotAPI, call: Call) -> bool:
    chat = api._resolve_chat(call.query.get_str("chat_id"))
    api._check_writable(chat)
    message_id = call.query.get_int("message_id")
    if message_id <= 0:
        if not chat.pinned:
            raise bad_request("message to unpin not found")
        chat.pinned.pop()
        return True
    if chat.get(message_id) is None:
        raise bad_request("message to unpin not found")
    if message_id in chat.pinned:
        chat.pinned.remove(message_id)
    return True


@method("unpinAllChatMessages")
async def unpin_all_chat_messages(api: FakeBotAPI, call: Call) -> bool:
    chat = api._resolve_chat(call.query.get_str("chat_id"))
    api._check_writable(chat)
    chat.pinned.clear()
    return True
