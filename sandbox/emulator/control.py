"""HTTP control endpoints under /_fake/ for driving a fake running in another process.

Only mounted when ``FakeBotAPI(control_api=True)`` (the ``python -m sandbox.emulator`` default),
so in-process tests never expose paths that api.telegram.org does not have.

    POST /_fake/users                    {"id", "first_name", "username"?, "started"?}
    POST /_fake/groups                   {"id", "title", "is_forum"?, "username"?}
    POST /_fake/users/{id}/send_text     {"text", "chat_id"?, "reply_to_message_id"?, ...}
    POST /_fake/users/{id}/send_document {"file_name", "mime_type", "content_base64", ...}
    POST /_fake/users/{id}/press         {"chat_id", "message_id", "callback_data"}
    POST /_fake/users/{id}/block_bot | unblock_bot
    POST /_fake/updates                  raw update JSON
    POST /_fake/faults                   {"n", "status", "retry_after"?, "method"?}
    POST /_fake/config                   {"enforce_limits"?: bool}
    GET  /_fake/requests?method=&chat_id=
    GET  /_fake/chats/{id}/messages
"""

from __future__ import annotations

import base64
import dataclasses
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from .server import FakeBotAPI


def add_control_routes(app: web.Application, api: FakeBotAPI) -> None:
    async def body(request: web.Request) -> dict[str, Any]:
        data = await request.json() if request.can_read_body else {}
        if not isinstance(data, dict):
            raise web.HTTPBadRequest(text="JSON object expected")
        return data

    def reply(result: Any, status: int = 200) -> web.Response:
        return web.json_response({"ok": status == 200, "result": result}, status=status)

    async def guarded(request: web.Request, action: Any) -> web.Response:
        # Misuse of the fake (unknown user, missing button) is a 400 for the driving test.
        try:
            return reply(await action(request))
        except (KeyError, LookupError, ValueError, RuntimeError, TypeError) as exc:
            return reply(f"{type(exc).__name__}: {exc}", 400)

    async def add_user(request: web.Request) -> Any:
        data = await body(request)
        user = api.add_user(
            int(data["id"]),
            str(data["first_name"]),
            data.get("username"),
            data.get("language_code", "en"),
            started=bool(data.get("started", True)),
        )
        return user.to_dict()

    async def add_group(request: web.Request) -> Any:
        data = await body(request)
        chat = api.add_group(
            int(data["id"]),
            str(data["title"]),
            bool(data.get("is_forum", False)),
            username=data.get("username"),
        )
        return chat.to_dict()

    async def user_action(request: web.Request) -> Any:
        user = api.user(int(request.match_info["user_id"]))
        action = request.match_info["action"]
        data = await body(request)
        if action == "send_text":
            return user.send_text(
                data["text"],
                data.get("chat_id"),
                reply_to_message_id=data.get("reply_to_message_id"),
                message_thread_id=data.get("message_thread_id"),
            )
        if action == "send_document":
            content = base64.b64decode(data.get("content_base64", "")) or b"fake"
            return user.send_document(
                data.get("file_name", "document.pdf"),
                data.get("mime_type", "application/pdf"),
                data.get("size"),
                content,
                data.get("caption"),
                data.get("chat_id"),
            )
        if action == "send_photo":
            return user.send_photo(data.get("caption"), data.get("chat_id"))
        if action == "press":
            return user.press(
                int(data["message_id"]),
                data["callback_data"],
                chat_id=data.get("chat_id", user.id),
            )
        if action == "block_bot":
            return user.block_bot()
        if action == "unblock_bot":
            return user.unblock_bot()
        raise ValueError(f"unknown action {action!r}")

    async def push_update(request: web.Request) -> Any:
        return api.push_update(await body(request))

    async def add_fault(request: web.Request) -> Any:
        data = await body(request)
        fault = api.fail_next(
            int(data.get("n", 1)),
            data.get("status", 502),
            retry_after=data.get("retry_after"),
            method=data.get("method"),
            delay=float(data.get("delay", 0.0)),
        )
        return dataclasses.asdict(fault) | {"methods": sorted(fault.methods or [])}

    async def configure(request: web.Request) -> Any:
        data = await body(request)
        if "enforce_limits" in data:
            api.enforce_limits = bool(data["enforce_limits"])
        return {"enforce_limits": api.enforce_limits}

    async def list_requests(request: web.Request) -> Any:
        chat_id = request.query.get("chat_id")
        found = api.calls(
            request.query.get("method") or None,
            int(chat_id) if chat_id else None,
        )
        return [
            {
                "index": r.index,
                "method": r.method,
                "params": r.params,
                "chat_id": r.chat_id,
                "ok": r.ok,
                "status": r.status,
                "response": r.response,
            }
            for r in found
        ]

    async def chat_messages(request: web.Request) -> Any:
        return api.chat_messages(int(request.match_info["chat_id"]))

    def route(handler: Any) -> Any:
        async def wrapped(request: web.Request) -> web.Response:
            return await guarded(request, handler)

        return wrapped

    app.router.add_post("/_fake/users", route(add_user))
    app.router.add_post("/_fake/groups", route(add_group))
    app.router.add_post("/_fake/users/{user_id}/{action}", route(user_action))
    app.router.add_post("/_fake/updates", route(push_update))
    app.router.add_post("/_fake/faults", route(add_fault))
    app.router.add_post("/_fake/config", route(configure))
    app.router.add_get("/_fake/requests", route(list_requests))
    app.router.add_get("/_fake/chats/{chat_id}/messages", route(chat_messages))
