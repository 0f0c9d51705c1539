"""The /sandbox page and the JSON endpoints it drives the emulated people with.

Mounted only by `helpdesk sandbox` on the desk's own aiohttp application. The page acts
as the customers and the agents would in their Telegram clients: it makes the emulator's
users send messages, press buttons and upload files, and shows the chats as the emulator
holds them (what the bot sent, edits applied). It reaches the desk only through the
emulator (the Bot API, as Telegram would), except for the two things a Telegram client
cannot do: move the desk's clock and switch the staff chat (an admin's setting).
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from aiohttp import BodyPartReader, web
from pydantic import BaseModel, Field, ValidationError

from bot.app import AUTOMATION
from bot.clock import CLOCK
from sandbox.demo import AGENTS, World
from sandbox.emulator import FakeChat, FakeUser
from sandbox.render import to_html

log = logging.getLogger(__name__)

WORLD = web.AppKey("sandbox_world", World)
STATE: web.AppKey[SandboxState] = web.AppKey("sandbox_state")

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A POST must carry this header: a cross-site form cannot, so nothing but the page acts.
ACTION_HEADER = "X-Sandbox"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
STATIC_DIR = Path(__file__).parent / "static"
STATIC = ("index.html", "sandbox.js", "sandbox.css")
CONTENT_TYPES = {"html": "text/html", "js": "text/javascript", "css": "text/css"}


class SandboxState:
    """What the page switched: which staff group the desk uses."""

    def __init__(self) -> None:
        self.forum = False
        self.stopping = asyncio.Event()


# -- errors -------------------------------------------------------------------------------


class SandboxError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def _error(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message}}, status=status)


@web.middleware
async def _errors(request: web.Request, handler: Any) -> web.StreamResponse:
    """Bad input to the sandbox's endpoints is a JSON 4xx and changes nothing."""
    if not request.path.startswith("/sandbox/api/"):
        return await handler(request)
    if request.method == "POST" and request.headers.get(ACTION_HEADER) != "1":
        return _error(403, "forbidden", f"the {ACTION_HEADER} header is required")
    try:
        return await handler(request)
    except SandboxError as exc:
        return _error(exc.status, exc.code, exc.message)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        return _error(422, "invalid", f"{where}: {first['msg']}")
    except web.HTTPRequestEntityTooLarge:
        return _error(413, "too_large", f"uploads are limited to {MAX_UPLOAD_BYTES} bytes")
    except (LookupError, ValueError, RuntimeError) as exc:
        # The emulator refuses what a Telegram client could not do (a button that is no
        # longer there, an empty message): the person's action did not happen.
        return _error(409, "refused", str(exc))
    except web.HTTPException:
        raise
    except Exception:
        log.exception("sandbox: %s %s failed", request.method, request.path)
        return _error(500, "internal", "the sandbox failed to do that; see its log")


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        data = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise SandboxError(400, "malformed", "the body is not JSON") from None
    if not isinstance(data, dict):
        raise SandboxError(400, "malformed", "a JSON object is expected")
    return data


# -- who acts where -----------------------------------------------------------------------


def _customer(world: World, user_id: int) -> FakeUser:
    for user in world.customers:
        if user.id == user_id:
            return user
    raise SandboxError(404, "unknown_actor", f"there is no customer {user_id}")


def _agent(world: World, user_id: int) -> FakeUser:
    for user in world.agents:
        if user.id == user_id:
            return user
    raise SandboxError(404, "unknown_actor", f"there is no agent {user_id}")


def _actor(world: World, user_id: int, chat_id: int) -> tuple[FakeUser, FakeChat]:
    """A customer acts in their private chat, an agent in a staff group; nobody else."""
    if chat_id in (world.reply_group.id, world.forum_group.id):
        return _agent(world, user_id), world.api.chat(chat_id)
    customer = _customer(world, user_id)
    if chat_id != customer.id:
        raise SandboxError(403, "not_your_chat", "a customer writes only in their own chat")
    return customer, customer.chat


# -- state shown by the page --------------------------------------------------------------


def _name(sender: dict[str, Any]) -> str:
    return " ".join(filter(None, (sender.get("first_name"), sender.get("last_name"))))


def _file_url(file_id: str) -> str:
    return f"/sandbox/api/files/{file_id}"


def _snippet(message: dict[str, Any]) -> str:
    text = message.get("text") or message.get("caption") or ""
    if not text:
        text = (
            "📷 Photo"
            if "photo" in message
            else "📄 " + ((message.get("document") or {}).get("file_name") or "File")
        )
    return text if len(text) <= 80 else text[:79] + "…"


def _message(message: dict[str, Any], bot_id: int) -> dict[str, Any]:
    sender = message.get("from") or {}
    text = message.get("text")
    entities = message.get("entities")
    if text is None:
        text, entities = message.get("caption") or "", message.get("caption_entities")
    shown: dict[str, Any] = {
        "id": message["message_id"],
        "from_id": sender.get("id"),
        "from_name": _name(sender),
        "is_bot": sender.get("id") == bot_id,
        "date": message.get("date"),
        "html": to_html(text, entities),
        "edited": "edit_date" in message,
        "thread_id": message.get("message_thread_id") if message.get("is_topic_message") else None,
        "keyboard": [
            [
                {
                    "text": button.get("text", ""),
                    "data": button.get("callback_data"),
                    "url": button.get("url"),
                }
                for button in row
            ]
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
        ],
    }
    if message.get("photo"):
        shown["photo"] = _file_url(message["photo"][-1]["file_id"])
    if message.get("document"):
        document = message["document"]
        shown["document"] = {
            "name": document.get("file_name") or "file",
            "size": document.get("file_size"),
            "url": _file_url(document["file_id"]),
        }
    created = message.get("forum_topic_created")
    if created:
        shown["service"] = f"Topic created: {created.get('name', '')}"
    edited = message.get("forum_topic_edited")
    if edited:
        shown["service"] = f"Topic renamed: {edited.get('name', '')}"
    if message.get("forum_topic_closed") is not None:
        shown["service"] = "Topic closed"
    if message.get("forum_topic_reopened") is not None:
        shown["service"] = "Topic reopened"
    reply = message.get("reply_to_message")
    # In a forum every message "replies" to its topic's creation: not a reply to show.
    if reply and not reply.get("forum_topic_created"):
        shown["reply_to"] = {
            "id": reply["message_id"],
            "from_name": _name(reply.get("from") or {}),
            "snippet": _snippet(reply),
        }
    return shown


def _notices(world: World) -> list[dict[str, Any]]:
    """What the bot answered to button presses (Telegram shows it as a toast or alert)."""
    notices = []
    for request in world.api.calls("answerCallbackQuery", ok=True):
        text = request.params.get("text")
        if not text:
            continue
        try:
            user_id = world.api.query_state(str(request.params.get("callback_query_id"))).user_id
        except KeyError:
            continue
        notices.append(
            {
                "index": request.index,
                "user_id": user_id,
                "text": str(text),
                "alert": bool(request.params.get("show_alert")),
            }
        )
    return notices[-20:]


def _group(chat: FakeChat, bot_id: int, *, staff: bool) -> dict[str, Any]:
    return {
        "id": chat.id,
        "title": chat.title,
        "is_forum": chat.is_forum,
        "staff": staff,
        "topics": [
            {"id": topic.thread_id, "name": topic.name, "closed": topic.closed}
            for topic in chat.topics.values()
            if not topic.deleted
        ],
        "messages": [_message(m, bot_id) for m in chat.messages()],
    }


def state(app: web.Application) -> dict[str, Any]:
    world, switched = app[WORLD], app[STATE]
    api = world.api
    group = world.group(switched.forum)
    now = CLOCK.now()
    return {
        "version": api.version,
        "clock": {
            "now": now.isoformat(timespec="seconds"),
            "offset_minutes": int(CLOCK.offset.total_seconds() // 60),
        },
        "forum": switched.forum,
        "bot": {"id": api.bot_id, "name": api.bot_first_name},
        "agents": [
            {
                "id": user.id,
                "name": user.first_name,
                "role": spec.role,
                "departments": list(spec.departments),
            }
            for user, spec in zip(world.agents, AGENTS, strict=True)
        ],
        "customers": [
            {
                "id": user.id,
                "name": user.first_name,
                "language": user.language_code,
                "messages": [_message(m, api.bot_id) for m in user.chat.messages()],
            }
            for user in world.customers
        ],
        # The desk's staff chat; "groups" also has the other one, where the tickets
        # opened before a switch of mode still live (and can still be worked on).
        "group": _group(group, api.bot_id, staff=True),
        "groups": [
            _group(chat, api.bot_id, staff=chat is group)
            for chat in (world.reply_group, world.forum_group)
        ],
        "notices": _notices(world),
    }


# -- views --------------------------------------------------------------------------------


def _static(name: str) -> bytes:
    return (STATIC_DIR / name).read_bytes()


async def page(request: web.Request) -> web.Response:
    return _static_response("index.html")


async def static_file(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in STATIC:
        return _error(404, "not_found", "no such file")
    return _static_response(name)


def _static_response(name: str) -> web.Response:
    response = web.Response(
        body=_static(name), content_type=CONTENT_TYPES[name.rsplit(".", 1)[1]], charset="utf-8"
    )
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


async def get_state(request: web.Request) -> web.Response:
    return web.json_response(state(request.app))


async def events(request: web.Request) -> web.StreamResponse:
    """Server-sent events: the whole state whenever the emulated world changed."""
    app = request.app
    api, stopping = app[WORLD].api, app[STATE].stopping
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
    )
    await response.prepare(request)
    seen = -1
    try:
        while not stopping.is_set():
            version = await api.wait_change(seen, 15.0)
            if version == seen:
                await response.write(b": keep-alive\n\n")
                continue
            # Let a burst (a card and its attachments) settle into one event.
            await asyncio.sleep(0.05)
            seen = api.version
            body = json.dumps(state(app), ensure_ascii=False)
            await response.write(f"data: {body}\n\n".encode())
    except ConnectionResetError:
        pass  # the page went away
    return response


class SendBody(BaseModel):
    user_id: int
    chat_id: int
    text: str = Field(min_length=1, max_length=4096)
    reply_to: int | None = None
    thread_id: int | None = None


async def send(request: web.Request) -> web.Response:
    world = request.app[WORLD]
    body = SendBody.model_validate(await _json(request))
    user, chat = _actor(world, body.user_id, body.chat_id)
    sent = user.send_text(
        body.text,
        chat.id,
        reply_to_message_id=body.reply_to,
        message_thread_id=body.thread_id,
    )
    return web.json_response({"message_id": sent["message_id"]})


class PressBody(BaseModel):
    user_id: int
    chat_id: int
    message_id: int
    data: str = Field(min_length=1, max_length=64)


async def press(request: web.Request) -> web.Response:
    world = request.app[WORLD]
    body = PressBody.model_validate(await _json(request))
    user, chat = _actor(world, body.user_id, body.chat_id)
    user.press(body.message_id, body.data, chat_id=chat.id)
    return web.json_response({"pressed": True})


def _int_field(fields: dict[str, str], name: str, *, required: bool = False) -> int | None:
    value = fields.get(name, "").strip()
    if not value:
        if required:
            raise SandboxError(422, "invalid", f"{name}: field required")
        return None
    try:
        return int(value)
    except ValueError:
        raise SandboxError(422, "invalid", f"{name}: not a number") from None


async def upload(request: web.Request) -> web.Response:
    """A photo (an image) or a document from the person's disk, as a Telegram client sends."""
    world = request.app[WORLD]
    if not request.content_type.startswith("multipart/"):
        raise SandboxError(415, "unsupported", "a multipart/form-data upload is expected")
    if (request.content_length or 0) > MAX_UPLOAD_BYTES + 64 * 1024:
        raise SandboxError(413, "too_large", f"uploads are limited to {MAX_UPLOAD_BYTES} bytes")
    fields: dict[str, str] = {}
    content: bytes | None = None
    file_name, mime_type = "file", "application/octet-stream"
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader):
            raise SandboxError(400, "malformed", "nested multipart is not accepted")
        if part.name == "file":
            file_name = part.filename or "file"
            mime_type = part.headers.get("Content-Type", mime_type)
            chunks, size = [], 0
            while chunk := await part.read_chunk():
                size += len(chunk)
                if size > MAX_UPLOAD_BYTES:
                    raise SandboxError(
                        413, "too_large", f"uploads are limited to {MAX_UPLOAD_BYTES} bytes"
                    )
                chunks.append(chunk)
            content = b"".join(chunks)
        elif part.name:
            fields[part.name] = (await part.text())[:2048]
    if not content:
        raise SandboxError(422, "invalid", "file: an empty or missing file")
    user, chat = _actor(
        world,
        _int_field(fields, "user_id", required=True) or 0,
        _int_field(fields, "chat_id", required=True) or 0,
    )
    caption = fields.get("caption") or None
    options: dict[str, Any] = {
        "reply_to_message_id": _int_field(fields, "reply_to"),
        "message_thread_id": _int_field(fields, "thread_id"),
    }
    if mime_type in ("image/png", "image/jpeg", "image/gif", "image/webp"):
        sent = user.send_photo(caption, chat.id, content=content, **options)
    else:
        sent = user.send_document(
            file_name[:255], mime_type, None, content, caption, chat.id, **options
        )
    return web.json_response({"message_id": sent["message_id"]})


# Shown inline only as one of these pictures, told by its first bytes; anything else
# (an SVG, an HTML file sent as a document) is a download.
_PICTURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
)


def _picture_type(content: bytes) -> str | None:
    for magic, content_type in _PICTURES:
        if content.startswith(magic):
            return content_type
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    return None


async def file(request: web.Request) -> web.Response:
    stored = request.app[WORLD].api.file(request.match_info["file_id"])
    if stored is None:
        raise SandboxError(404, "not_found", "no such file")
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'",
        # A file id always names the same bytes: a re-render need not fetch it again.
        "Cache-Control": "private, max-age=86400, immutable",
    }
    picture = _picture_type(stored.content)
    if picture is None:
        name = stored.file_name or "file"
        plain = "".join(c for c in name if c.isascii() and c.isprintable() and c not in '"\\')
        headers["Content-Disposition"] = (
            f"attachment; filename=\"{plain or 'file'}\"; filename*=UTF-8''{quote(name, safe='')}"
        )
    return web.Response(
        body=stored.content,
        content_type=picture or "application/octet-stream",
        headers=headers,
    )


class TimeBody(BaseModel):
    minutes: int = Field(ge=1, le=60 * 24 * 30)


async def advance_time(request: web.Request) -> web.Response:
    """The desk's clock moves forward; the timers look at once (SLA, auto-close)."""
    body = TimeBody.model_validate(await _json(request))
    CLOCK.advance(timedelta(minutes=body.minutes))
    request.app[AUTOMATION].wake()
    request.app[WORLD].api.touch()
    return web.json_response(state(request.app)["clock"])


class ForumBody(BaseModel):
    forum: bool


async def switch_forum(request: web.Request) -> web.Response:
    """Forum or reply mode: the desk's staff chat becomes the group with topics or the
    plain one (the admin's `staff_chat_id` setting). Tickets keep the chat they started in."""
    from bot.services.settings import update_settings

    body = ForumBody.model_validate(await _json(request))
    app = request.app
    group = app[WORLD].group(body.forum)
    await update_settings({"staff_chat_id": group.id})
    app[STATE].forum = body.forum
    app[WORLD].api.touch()
    return web.json_response({"forum": body.forum, "chat_id": group.id})


class CustomerBody(BaseModel):
    first_name: str = Field(min_length=1, max_length=64)
    language: Literal["en", "ru"] = "en"


async def add_customer(request: web.Request) -> web.Response:
    world = request.app[WORLD]
    body = CustomerBody.model_validate(await _json(request))
    if len(world.customers) >= 10:
        raise SandboxError(409, "refused", "the sandbox holds at most 10 customers")
    user = world.add_customer(body.first_name.strip() or "Customer", body.language)
    world.api.touch()
    return web.json_response({"id": user.id, "name": user.first_name}, status=201)


class LanguageBody(BaseModel):
    user_id: int
    language: Literal["en", "ru"]


async def set_language(request: web.Request) -> web.Response:
    """The language of the customer's Telegram app (what Telegram tells the bot)."""
    world = request.app[WORLD]
    body = LanguageBody.model_validate(await _json(request))
    user = _customer(world, body.user_id)
    user.language_code = body.language
    world.api.touch()
    return web.json_response({"id": user.id, "language": user.language_code})


async def _stop_streams(app: web.Application) -> None:
    app[STATE].stopping.set()
    app[WORLD].api.touch()


def setup_sandbox(app: web.Application, world: World) -> None:
    """Adds /sandbox to the desk's application (only `helpdesk sandbox` calls this)."""
    app[WORLD] = world
    app[STATE] = SandboxState()
    app.middlewares.append(_errors)
    app.on_shutdown.append(_stop_streams)
    router = app.router
    router.add_get("/sandbox", page)
    router.add_get("/sandbox/static/{name}", static_file)
    router.add_get("/sandbox/api/state", get_state)
    router.add_get("/sandbox/api/events", events)
    router.add_get("/sandbox/api/files/{file_id}", file)
    router.add_post("/sandbox/api/send", send)
    router.add_post("/sandbox/api/press", press)
    router.add_post("/sandbox/api/upload", upload)
    router.add_post("/sandbox/api/time", advance_time)
    router.add_post("/sandbox/api/forum", switch_forum)
    router.add_post("/sandbox/api/customers", add_customer)
    router.add_post("/sandbox/api/language", set_language)
    # Unknown /sandbox/api paths answer JSON too, not the default HTML 404.
    router.add_route("*", "/sandbox/api/{tail:.*}", _unknown)


async def _unknown(request: web.Request) -> web.Response:
    return _error(404, "not_found", f"no sandbox endpoint {request.method} {request.path}")
