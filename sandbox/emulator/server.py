"""The fake Telegram Bot API server: state, HTTP front end, update delivery and recording."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import inspect
import itertools
import json
import logging
import math
import re
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import aiohttp
from aiohttp import web

from .actors import FakeChat, FakeUser
from .errors import (
    BOT_BLOCKED,
    CANT_INITIATE,
    ApiError,
    bad_request,
    forbidden,
    not_found,
    too_many_requests,
    unauthorized,
)
from .models import (
    MESSAGE_METHODS,
    Answer,
    Fault,
    FaultHook,
    PendingUpdate,
    QueryState,
    RateLimits,
    Request,
    Stats,
    StoredFile,
    Topic,
    WebhookConfig,
)
from .params import MAX_UPLOAD_BYTES, Query, UploadedFile, query_from_mapping, read_query

logger = logging.getLogger(__name__)

DEFAULT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"  # noqa: S105 - the fake's own

ALL_UPDATE_TYPES = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
    "message_reaction",
    "message_reaction_count",
    "inline_query",
    "chosen_inline_result",
    "callback_query",
    "shipping_query",
    "pre_checkout_query",
    "purchased_paid_media",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_member",
    "chat_join_request",
    "chat_boost",
    "removed_chat_boost",
)
# Telegram's default when allowed_updates was never given (or given as []).
DEFAULT_ALLOWED_UPDATES = frozenset(ALL_UPDATE_TYPES) - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}

LONG_POLL_MAX_TIMEOUT = 50
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024

WebhookRouter = Callable[[dict[str, Any]], "str | Awaitable[str]"]


@dataclass
class Call:
    """Context of one method invocation handed to the method implementations."""

    query: Query
    created: list[dict[str, Any]] = field(default_factory=list)


Handler = Callable[["FakeBotAPI", Call], Awaitable[Any]]


class _Signal:
    """Broadcast wake-up for any number of waiters, usable from synchronous code."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, seconds: float | None) -> None:
        """Return on the next fire() or after ``seconds`` (None = no limit)."""
        event = self._event
        if seconds is not None and seconds <= 0:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), seconds)


class FakeBotAPI:
    """An in-process stand-in for api.telegram.org, as strict as the real one.

    Point aiogram at it with ``TelegramAPIServer.from_base(api.base_url)``.  Tests build the
    world (users, groups), act as users (their methods queue updates), and assert on the
    recorded calls (``requests``/``calls``/``wait_for``) and on per-chat message state.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "helpdesk_test_bot",
        bot_first_name: str = "Helpdesk Test Bot",
        enforce_limits: bool = False,
        limits: RateLimits | None = None,
        privacy_mode: bool = True,
        strict_html_ampersand: bool = True,
        webhook_retry_delay: float = 0.1,
        webhook_max_attempts: int = 5,
        webhook_timeout: float = 10.0,
        callback_query_ttl: float | None = None,
        control_api: bool = False,
    ) -> None:
        match = re.fullmatch(r"(\d+):[\w-]+", token)
        if match is None:
            raise ValueError(f"not a bot token: {token!r}")
        self.token = token
        self.bot_id = int(match.group(1))
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.enforce_limits = enforce_limits
        self.limits = limits or RateLimits()
        self.privacy_mode = privacy_mode
        self.strict_html_ampersand = strict_html_ampersand
        self.webhook_retry_delay = webhook_retry_delay
        self.webhook_max_attempts = webhook_max_attempts
        self.webhook_timeout = webhook_timeout
        self.callback_query_ttl = callback_query_ttl
        self.control_api = control_api

        self.users: dict[int, FakeUser] = {}
        self.groups: dict[int, FakeChat] = {}
        self.requests: list[Request] = []
        self.stats = Stats()
        # Faults are consulted in order; Fault objects are consumed, hooks are called each time.
        self.faults: list[Fault | FaultHook] = []
        # Optional load-balancer hook: update -> URL to POST it to instead of the webhook URL.
        self.webhook_override: WebhookRouter | None = None
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.default_menu_button: dict[str, Any] = {"type": "default"}

        self.host = "127.0.0.1"
        self.port: int | None = None
        self._app: web.Application | None = None
        self._runner: web.AppRunner | None = None
        self._client: aiohttp.ClientSession | None = None

        self._files: dict[str, StoredFile] = {}
        self._file_paths: dict[str, StoredFile] = {}
        self._file_counter = itertools.count(1)
        self._queries: dict[str, QueryState] = {}
        self._pending: list[PendingUpdate] = []
        self._next_update_id = secrets.randbelow(10**8) + 10**8
        self._allowed_updates: frozenset[str] = DEFAULT_ALLOWED_UPDATES
        self._allowed_updates_custom = False
        self._poll_generation = 0
        self._webhook: WebhookConfig | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._deliveries: set[asyncio.Task[None]] = set()
        self._webhook_last_error: tuple[int, str] | None = None
        self._last_set_webhook = 0.0
        self._closing = False
        self._updates_signal = _Signal()
        self._requests_signal = _Signal()
        # Grows on every recorded call and every queued update: a watcher (the sandbox
        # page) re-reads the world when it changes.
        self.version = 0
        self._changes = _Signal()
        self._consumed: set[int] = set()
        self._global_sends: deque[float] = deque()
        self._chat_sends: dict[int, deque[float]] = {}

    # Lifecycle -----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("FakeBotAPI is not started")
        return f"http://{self.host}:{self.port}"

    @property
    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def app(self) -> web.Application:
        """The aiohttp application (for aiohttp's test client or a custom runner)."""
        if self._app is None:
            from .control import add_control_routes

            app = web.Application(client_max_size=MAX_UPLOAD_BYTES + 10 * 1024 * 1024)
            app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
            app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_file)
            if self.control_api:
                add_control_routes(app, self)
            app.router.add_route("*", "/{tail:.*}", self._handle_unknown)
            app.on_shutdown.append(self._on_shutdown)
            self._app = app
        return self._app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Listen on host:port (0 = a free port); sets ``port`` and ``base_url``."""
        self._closing = False
        self._runner = web.AppRunner(self.app(), access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.host = host
        self.port = self._runner.addresses[0][1]
        logger.debug("fake Bot API listening on %s", self.base_url)

    async def stop(self) -> None:
        """Stop serving; pending long polls return, webhook delivery is cancelled."""
        await self._on_shutdown(None)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _on_shutdown(self, _app: web.Application | None) -> None:
        self._closing = True
        self._updates_signal.fire()
        tasks = [t for t in (self._webhook_task, *self._deliveries) if t is not None]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        self._webhook_task = None
        self._deliveries.clear()
        if self._client is not None:
            await self._client.close()
            self._client = None

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # World building ------------------------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        first_name: str,
        username: str | None = None,
        language_code: str | None = "en",
        *,
        last_name: str | None = None,
        is_premium: bool = False,
        started: bool = True,
    ) -> FakeUser:
        """Create a user; ``started=False`` means the bot may not message them yet (403)."""
        if user_id <= 0:
            raise ValueError("user ids are positive")
        if user_id in self.users or user_id == self.bot_id:
            raise ValueError(f"user {user_id} already exists")
        user = FakeUser(
            self,
            user_id,
            first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
            is_premium=is_premium,
            started=started,
        )
        self.users[user_id] = user
        return user

    def add_group(
        self,
        chat_id: int,
        title: str,
        is_forum: bool = False,
        *,
        username: str | None = None,
        members: dict[FakeUser, str] | None = None,
        bot_status: str = "administrator",
    ) -> FakeChat:
        """Create a supergroup (ids are negative, e.g. -1001234567890) with the bot in it."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        if chat_id in self.groups:
            raise ValueError(f"chat {chat_id} already exists")
        chat = FakeChat(
            self, chat_id, "supergroup", title=title, username=username, is_forum=is_forum
        )
        chat.bot_status = bot_status
        for user, status in (members or {}).items():
            chat.add_member(user, status)
        self.groups[chat_id] = chat
        return chat

    def user(self, user_id: int) -> FakeUser:
        return self.users[user_id]

    def chat(self, chat_id: int) -> FakeChat:
        """A chat by id (a user's private chat or a group); KeyError if unknown."""
        if chat_id in self.groups:
            return self.groups[chat_id]
        if chat_id in self.users:
            return self.users[chat_id].chat
        raise KeyError(f"unknown chat {chat_id}")

    # Inspection helpers --------------------------------------------------------------------

    def touch(self) -> None:
        """Something changed (a call, an update, a chat's settings): watchers wake up."""
        self.version += 1
        self._changes.fire()

    async def wait_change(self, version: int, seconds: float | None = None) -> int:
        """The version once it differs from ``version`` (or after ``seconds``)."""
        if self.version == version:
            await self._changes.wait(seconds)
        return self.version

    def file(self, file_id: str) -> StoredFile | None:
        """A file the emulator holds (sent by a user or uploaded by the bot)."""
        return self._files.get(file_id)

    def calls(
        self, method: str | None = None, chat_id: int | None = None, *, ok: bool | None = None
    ) -> list[Request]:
        """Recorded calls, optionally filtered by method, chat and success."""
        return [
            r
            for r in self.requests
            if (method is None or r.method == method)
            and (chat_id is None or r.chat_id == chat_id)
            and (ok is None or r.ok == ok)
        ]

    def sent_messages(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Messages created by successful bot calls, as returned at creation, oldest first."""
        result = []
        for request in self.requests:
            if request.ok and request.method in MESSAGE_METHODS:
                for message in request.created:
                    if chat_id is None or message["chat"]["id"] == chat_id:
                        result.append(copy.deepcopy(message))
        return result

    def chat_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """Current messages (bot and users, edits applied, deletions removed) of a chat."""
        return self.chat(chat_id).messages()

    def bot_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """Current messages of a chat that were sent by the bot."""
        return [
            m for m in self.chat_messages(chat_id) if m.get("from", {}).get("id") == self.bot_id
        ]

    def reactions(self, chat_id: int, message_id: int) -> list[str]:
        """The emoji the bot set on a message with setMessageReaction."""
        found = self.chat(chat_id).reactions.get(message_id, [])
        return [r["emoji"] for r in found if r["type"] == "emoji"]

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed (polling) or delivered (webhook)."""
        return [copy.deepcopy(u.data) for u in self._pending]

    @property
    def webhook(self) -> WebhookConfig | None:
        return self._webhook

    def query_state(self, query_id: str) -> QueryState:
        """State of a callback/inline query (answered? with what?)."""
        return self._queries[query_id]

    def unanswered_queries(self) -> list[QueryState]:
        return [q for q in self._queries.values() if not q.answered]

    def mark(self) -> int:
        """Index to pass as ``since=`` to only consider requests recorded after this point."""
        return len(self.requests)

    def clear_requests(self) -> None:
        self.requests.clear()
        self._consumed.clear()

    async def wait_for(
        self,
        match: str | Callable[[Request], bool],
        timeout: float = 5.0,
        *,
        chat_id: int | None = None,
        since: int | None = None,
        include_failed: bool = False,
    ) -> Request:
        """Wait for the next not-yet-returned successful request matching ``match``.

        ``match`` is a method name or a predicate.  Each request is returned at most once, so
        two ``wait_for("sendMessage")`` calls yield two different messages.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        start = since or 0

        def matches(request: Request) -> bool:
            if request.index in self._consumed or not (request.ok or include_failed):
                return False
            if chat_id is not None and request.chat_id != chat_id:
                return False
            return request.method == match if isinstance(match, str) else match(request)

        while True:
            for request in self.requests[start:]:
                if matches(request):
                    self._consumed.add(request.index)
                    return request
            remaining = deadline - loop.time()
            if remaining <= 0:
                wanted = (
                    match if isinstance(match, str) else getattr(match, "__name__", "predicate")
                )
                recent = "\n".join(f"  {r.summary()}" for r in self.requests[-15:]) or "  (none)"
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {wanted!r}"
                    f"{f' in chat {chat_id}' if chat_id is not None else ''}; "
                    f"recent requests:\n{recent}"
                )
            await self._requests_signal.wait(remaining)

    async def wait_until(
        self,
        condition: Callable[[], bool],
        timeout: float = 5.0,
    ) -> None:
        """Wait until ``condition()`` is true, re-checking after every request or update."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition():
            remaining = deadline - loop.time()
            if remaining <= 0:
                recent = "\n".join(f"  {r.summary()}" for r in self.requests[-15:]) or "  (none)"
                raise AssertionError(
                    f"condition not met within {timeout}s; recent requests:\n{recent}"
                )
            wait_requests = asyncio.ensure_future(self._requests_signal.wait(remaining))
            wait_updates = asyncio.ensure_future(self._updates_signal.wait(remaining))
            _, pending = await asyncio.wait(
                {wait_requests, wait_updates}, return_when=asyncio.FIRST_COMPLETED
            )
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

    # Fault injection -----------------------------------------------------------------------

    def fail_next(
        self,
        n: int = 1,
        status: int | str = 502,
        *,
        retry_after: int | None = None,
        method: str | list[str] | None = None,
        chat_id: int | None = None,
        delay: float = 0.0,
        description: str | None = None,
        raw_body: str | None = None,
    ) -> Fault:
        """Fail the next ``n`` matching requests (message-creating ones unless ``method``).

        ``status`` is an HTTP error code (429 uses ``retry_after``), ``"drop"`` (connection
        closed, nothing created), ``"drop_after"`` (message created, response lost) or
        ``"slow"`` (``delay`` seconds, then normal processing).
        """
        if isinstance(status, str) and status not in ("drop", "drop_after", "slow"):
            raise ValueError(f"unknown fault {status!r}")
        fault = Fault.build(
            status,  # type: ignore[arg-type]
            retry_after=retry_after,
            methods=method,
            chat_id=chat_id,
            times=n,
            delay=delay,
            description=description,
            raw_body=raw_body,
        )
        self.faults.append(fault)
        return fault

    def _take_fault(self, query: Query) -> Fault | None:
        chat_id = _chat_id_of(query)
        for entry in list(self.faults):
            if isinstance(entry, Fault):
                if entry.matches(query.method, chat_id):
                    if entry.times is not None:
                        entry.times -= 1
                        if entry.times <= 0:
                            self.faults.remove(entry)
                    return entry
            else:
                # Hooks see every call; the returned fault's own filters still apply.
                fault = entry(query.method, query.recorded_params())
                if fault is not None and fault.matches(query.method, chat_id):
                    return fault
        return None

    # HTTP front end ------------------------------------------------------------------------

    async def _handle_unknown(self, request: web.Request) -> web.Response:
        return _json_response(not_found().to_body(), 404)

    async def _handle_method(self, request: web.Request) -> web.StreamResponse:
        from .methods import canonical_method

        arrived = time.monotonic()
        name = request.match_info["method"]
        method = canonical_method(name) or name
        try:
            query = await read_query(request, method)
        except ApiError as exc:
            query = Query(method=method)
            self._record(query, exc.code, exc.to_body(), arrived)
            return _json_response(exc.to_body(), exc.code)
        if request.match_info["token"] != self.token:
            body = unauthorized().to_body()
            self._record(query, 401, body, arrived)
            return _json_response(body, 401)
        if canonical_method(name) is None:
            logger.warning("fake Bot API: unknown or unimplemented method %r", name)
            body = not_found().to_body()
            self._record(query, 404, body, arrived)
            return _json_response(body, 404)

        self.stats.requests[method] += 1
        fault = self._take_fault(query)
        if fault is not None:
            self.stats.faults_injected += 1
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.kind == "error":
                error = fault.error()
                self._count_error(error.code)
                if fault.raw_body is not None:
                    self._record(query, error.code, None, arrived, fault=fault)
                    return web.Response(
                        status=error.code, text=fault.raw_body, content_type="text/html"
                    )
                self._record(query, error.code, error.to_body(), arrived, fault=fault)
                return _json_response(error.to_body(), error.code)
            if fault.kind == "drop":
                self.stats.drops += 1
                self._record(query, 0, None, arrived, fault=fault)
                return _drop_connection(request)

        status, body, created = await self._execute(query)
        if fault is not None and fault.kind == "drop_after":
            self.stats.drops += 1
            self._record(query, status, body, arrived, created=created, fault=fault)
            return _drop_connection(request)
        self._record(query, status, body, arrived, created=created, fault=fault)
        return _json_response(body, status)

    async def _execute(self, query: Query) -> tuple[int, dict[str, Any], list[dict[str, Any]]]:
        from .methods import METHODS

        call = Call(query)
        try:
            outcome = await METHODS[query.method](self, call)
        except ApiError as exc:
            self._count_error(exc.code)
            return exc.code, exc.to_body(), []
        except Exception:
            logger.exception("fake Bot API crashed in %s", query.method)
            body = ApiError(500, "Internal Server Error: fake Bot API bug").to_body()
            return 500, body, []
        if isinstance(outcome, Answer):
            body = {"ok": True, "result": outcome.result}
            if outcome.description:
                body["description"] = outcome.description
        else:
            body = {"ok": True, "result": outcome}
        return 200, body, call.created

    def _count_error(self, code: int) -> None:
        if code == 429:
            self.stats.too_many_requests += 1
        elif code >= 500:
            self.stats.server_errors += 1

    def _record(
        self,
        query: Query,
        status: int,
        body: dict[str, Any] | None,
        arrived: float,
        *,
        created: list[dict[str, Any]] | None = None,
        fault: Fault | None = None,
        source: str = "http",
    ) -> Request:
        request = Request(
            index=len(self.requests),
            method=query.method,
            params=query.recorded_params(),
            chat_id=_chat_id_of(query),
            time=arrived,
            response=body,
            ok=bool(body and body.get("ok")),
            status=status,
            source="webhook_response" if source == "webhook_response" else "http",
            fault=fault,
            created=[copy.deepcopy(m) for m in created or []],
        )
        self.requests.append(request)
        self._requests_signal.fire()
        self.touch()
        return request

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _json_response(unauthorized().to_body(), 401)
        stored = self._file_paths.get(request.match_info["file_path"])
        if stored is None:
            return _json_response(not_found().to_body(), 404)
        return web.Response(
            body=stored.content, content_type=stored.mime_type or "application/octet-stream"
        )

    # Updates -------------------------------------------------------------------------------

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue a raw (possibly forged) update; ``update_id`` is assigned if missing."""
        update = copy.deepcopy(update)
        if "update_id" in update:
            self._next_update_id = max(self._next_update_id, int(update["update_id"]) + 1)
            return self._enqueue(update)
        return self._push(update)

    def _push(self, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": self._next_update_id, **copy.deepcopy(payload)}
        self._next_update_id += 1
        return self._enqueue(update)

    def _enqueue(self, update: dict[str, Any]) -> dict[str, Any]:
        kind = next((k for k in update if k != "update_id"), "")
        if kind not in self._allowed_updates:
            # Telegram drops such updates at creation time; say so, it's a classic test trap.
            self.stats.updates_filtered += 1
            logger.warning(
                "fake Bot API: %s update %s dropped (allowed_updates=%s)",
                kind,
                update["update_id"],
                sorted(self._allowed_updates),
            )
            return update
        self._pending.append(PendingUpdate(update["update_id"], update, _queue_key(update)))
        self._updates_signal.fire()
        self.touch()
        return update

    def _set_allowed_updates(self, query: Query) -> None:
        raw = query.get_str("allowed_updates")
        if not raw:
            return
        try:
            value = json.loads(raw)
        except ValueError:
            return
        if not isinstance(value, list):
            return
        names = {v for v in value if isinstance(v, str) and v in ALL_UPDATE_TYPES}
        self._allowed_updates = frozenset(names) if names else DEFAULT_ALLOWED_UPDATES
        self._allowed_updates_custom = bool(names)

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            self._pending = (
                self._pending[offset:] if -offset < len(self._pending) else self._pending
            )
        elif offset > 0:
            self._pending = [u for u in self._pending if u.update_id >= offset]

    async def _long_poll(self, query: Query) -> list[dict[str, Any]]:
        if self._webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = query.get_int("offset")
        limit = min(max(query.get_int("limit", 100), 1), 100)
        timeout = min(max(query.get_int("timeout"), 0), LONG_POLL_MAX_TIMEOUT)
        self._set_allowed_updates(query)
        self._poll_generation += 1
        generation = self._poll_generation
        self._updates_signal.fire()  # an older long poll must now end with 409
        self._confirm(offset)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if self._closing:
                return []
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            if self._webhook is not None:
                raise ApiError(409, "Conflict: terminated by setWebhook request")
            if self._pending:
                return [copy.deepcopy(u.data) for u in self._pending[:limit]]
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            await self._updates_signal.wait(remaining)

    # Webhook -------------------------------------------------------------------------------

    def _set_webhook(self, config: WebhookConfig | None, drop_pending: bool) -> None:
        if drop_pending:
            self._pending.clear()
        self._webhook = config
        self._webhook_last_error = None
        self._updates_signal.fire()
        if config is not None and (self._webhook_task is None or self._webhook_task.done()):
            self._webhook_task = asyncio.get_running_loop().create_task(self._webhook_loop())

    def _webhook_info(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self._webhook.url if self._webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self._webhook_last_error is not None:
            info["last_error_date"], info["last_error_message"] = self._webhook_last_error
        if self._webhook is not None:
            info["max_connections"] = self._webhook.max_connections
            info["ip_address"] = self._webhook.ip_address or "127.0.0.1"
        if self._allowed_updates_custom:
            info["allowed_updates"] = sorted(self._allowed_updates)
        return info

    async def _webhook_loop(self) -> None:
        """Deliver updates like Telegram: in order per chat, chats in parallel, with retries."""
        loop = asyncio.get_running_loop()
        while not self._closing and self._webhook is not None:
            config = self._webhook
            now = loop.time()
            next_wakeup: float | None = None
            seen: set[Any] = set()
            for pending in list(self._pending):
                if pending.queue in seen:
                    continue
                seen.add(pending.queue)
                if pending.in_flight:
                    continue
                if pending.wakeup_at > now:
                    next_wakeup = min(next_wakeup or pending.wakeup_at, pending.wakeup_at)
                    continue
                if len(self._deliveries) >= config.max_connections:
                    break
                pending.in_flight = True
                task = loop.create_task(self._deliver(pending, config))
                self._deliveries.add(task)
                task.add_done_callback(self._deliveries.discard)
            timeout = None if next_wakeup is None else max(next_wakeup - now, 0.001)
            await self._updates_signal.wait(timeout)

    async def _deliver(self, pending: PendingUpdate, config: WebhookConfig) -> None:
        if self._client is None:
            self._client = aiohttp.ClientSession()
        url = config.url
        if self.webhook_override is not None:
            routed = self.webhook_override(copy.deepcopy(pending.data))
            url = await routed if inspect.isawaitable(routed) else routed
        headers = {"Content-Type": "application/json"}
        if config.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = config.secret_token
        error: str | None = None
        retry_after = 0
        answer: Query | None = None
        try:
            async with self._client.post(
                url,
                data=json.dumps(pending.data, ensure_ascii=False).encode(),
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.webhook_timeout),
            ) as response:
                if 200 <= response.status <= 299:
                    answer = await _read_webhook_answer(response)
                else:
                    error = f"Wrong response from the webhook: {response.status} {response.reason}"
                    header = response.headers.get("Retry-After", "")
                    retry_after = int(header) if header.isdigit() else 0
        except (aiohttp.ClientError, TimeoutError) as exc:
            error = f"Webhook connection closed: {type(exc).__name__}"
        finally:
            pending.in_flight = False
        loop = asyncio.get_running_loop()
        if error is None:
            self.stats.webhook_deliveries += 1
            if pending in self._pending:
                self._pending.remove(pending)
            if answer is not None:
                await self._run_webhook_answer(answer)
        else:
            self.stats.webhook_failures += 1
            self._webhook_last_error = (int(time.time()), error)
            pending.fail_count += 1
            if pending.fail_count >= self.webhook_max_attempts:
                logger.warning("fake Bot API: dropping update %s: %s", pending.update_id, error)
                self.stats.webhook_dropped_updates += 1
                if pending in self._pending:
                    self._pending.remove(pending)
            else:
                delay = retry_after or self.webhook_retry_delay * 2 ** (pending.fail_count - 1)
                pending.wakeup_at = loop.time() + delay
        self._updates_signal.fire()

    async def _run_webhook_answer(self, query: Query) -> None:
        """Execute a method returned in the webhook response body, as Telegram does."""
        from .methods import canonical_method

        name = query.method.lower()
        method = canonical_method(name)
        if (
            method is None
            or name in ("deletewebhook", "setwebhook", "close", "logout")
            or name.startswith("get")
        ):
            return
        query.method = method
        self.stats.requests[method] += 1
        status, body, created = await self._execute(query)
        self._record(
            query, status, body, time.monotonic(), created=created, source="webhook_response"
        )

    # Shared state helpers used by methods and actors ---------------------------------------

    def _new_query_id(self) -> str:
        return str(secrets.randbelow(9 * 10**18) + 10**18)

    def _register_file(
        self,
        kind: str,
        content: bytes,
        *,
        mime_type: str | None = None,
        file_name: str | None = None,
        size: int | None = None,
    ) -> StoredFile:
        number = next(self._file_counter)
        stored = StoredFile(
            file_id=f"{kind[:2].upper()}AC{number:06d}{secrets.token_urlsafe(24)}",
            file_unique_id=f"AQAD{number:04d}{secrets.token_urlsafe(6)}",
            kind=kind,
            content=content,
            size=len(content) if size is None else size,
            mime_type=mime_type,
            file_name=file_name,
        )
        self._files[stored.file_id] = stored
        return stored

    def _photo_size(self, stored: StoredFile, width: int, height: int) -> dict[str, Any]:
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": width,
            "height": height,
            "file_size": stored.size,
        }

    def _document(self, stored: StoredFile) -> dict[str, Any]:
        document: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
        }
        if stored.file_name:
            document["file_name"] = stored.file_name
        if stored.mime_type:
            document["mime_type"] = stored.mime_type
        return document

    def _resolve_chat(self, raw: str) -> FakeChat:
        """Resolve chat_id like the Bot API (numeric id or @username)."""
        if not raw:
            raise bad_request("chat_id is empty")
        if raw.startswith("@"):
            name = raw[1:].lower()
            for chat in self.groups.values():
                if chat.username and chat.username.lower() == name:
                    return chat
            raise bad_request("chat not found")
        match = re.match(r"[+-]?\d+", raw.strip())
        chat_id = int(match.group()) if match else 0
        if chat_id in self.groups:
            return self.groups[chat_id]
        user = self.users.get(chat_id)
        if user is not None and (user.started or user.blocked or self._knows_user(user.id)):
            # Known but not started -> the 403 "can't initiate conversation" comes later.
            return user.chat
        raise bad_request("chat not found")

    def _knows_user(self, user_id: int) -> bool:
        """The bot "has seen" a user who is in one of its groups."""
        return any(
            user_id in chat.members and chat.bot_status not in ("kicked", "left")
            for chat in self.groups.values()
        )

    def _check_writable(self, chat: FakeChat) -> None:
        """403s Telegram returns when the bot may not post into a chat."""
        if chat.type == "private":
            assert chat.user is not None
            if chat.user.blocked:
                raise ApiError(403, BOT_BLOCKED)
            if not chat.user.started:
                raise ApiError(403, CANT_INITIATE)
            return
        if chat.bot_status == "kicked":
            raise forbidden("bot was kicked from the supergroup chat")
        if chat.bot_status == "left":
            raise forbidden("bot is not a member of the supergroup chat")

    def _check_flood(self, chat: FakeChat, count: int) -> None:
        """Apply the broadcast limits; raise 429 with the seconds until a send is allowed."""
        now = time.monotonic()
        while self._global_sends and now - self._global_sends[0] >= 1.0:
            self._global_sends.popleft()
        chat_sends = self._chat_sends.setdefault(chat.id, deque())
        window = self.limits.private_interval if chat.type == "private" else 60.0
        while chat_sends and now - chat_sends[0] >= window:
            chat_sends.popleft()
        if self.enforce_limits:
            waits: list[float] = []
            excess = len(self._global_sends) + count - self.limits.global_per_second
            if excess > 0:
                index = min(excess, len(self._global_sends)) - 1
                waits.append(self._global_sends[index] + 1.0 - now if index >= 0 else 1.0)
            if chat.type == "private":
                if chat_sends:
                    waits.append(chat_sends[-1] + self.limits.private_interval - now)
            else:
                excess = len(chat_sends) + count - self.limits.group_per_minute
                if excess > 0:
                    index = min(excess, len(chat_sends)) - 1
                    waits.append(chat_sends[index] + 60.0 - now if index >= 0 else 60.0)
            if waits:
                raise too_many_requests(max(1, math.ceil(max(waits))))
        for _ in range(count):
            self._global_sends.append(now)
        if chat.type == "private":
            chat_sends.append(now)
        else:
            chat_sends.extend([now] * count)

    def _check_set_webhook_flood(self) -> None:
        now = time.monotonic()
        if self.enforce_limits and now - self._last_set_webhook < 1.0:
            raise too_many_requests(1)
        self._last_set_webhook = now

    def _resolve_topic(self, chat: FakeChat, thread_id: int) -> Topic | None:
        """Validate message_thread_id like the Bot API (ignored outside forums/private)."""
        if thread_id <= 0:
            return None
        if chat.type == "private":
            raise bad_request("message thread not found")
        if not chat.is_forum:
            return None
        topic = chat.topics.get(thread_id)
        if thread_id == 1 or topic is None or topic.deleted:
            raise bad_request("message thread not found")
        return topic

    def _create_message(
        self,
        chat: FakeChat,
        sender: dict[str, Any],
        content: dict[str, Any],
        *,
        reply_to: dict[str, Any] | None = None,
        topic: Topic | None = None,
        reply_markup: dict[str, Any] | None = None,
        media_group_id: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Store a new message in ``chat`` and return a copy of it."""
        if topic is None and reply_to is not None and reply_to.get("is_topic_message"):
            topic = chat.topics.get(reply_to.get("message_thread_id", 0))
        message: dict[str, Any] = {
            "message_id": chat.allocate_message_id(),
            "from": copy.deepcopy(sender),
            "date": int(time.time()),
            "chat": chat.to_dict(),
        }
        if topic is not None:
            message["message_thread_id"] = topic.thread_id
            message["is_topic_message"] = True
            if reply_to is None:
                # Like Telegram: a topic message without an explicit reply "replies" to the
                # topic's creation service message.
                reply_to = chat.get(topic.thread_id)
        if reply_to is not None:
            message["reply_to_message"] = _without_reply(reply_to)
        if media_group_id is not None:
            message["media_group_id"] = media_group_id
        message.update(copy.deepcopy(content))
        if extra:
            message.update(copy.deepcopy(extra))
        if reply_markup is not None:
            message["reply_markup"] = copy.deepcopy(reply_markup)
        chat.store(message)
        return copy.deepcopy(message)

    def _bot_sees(self, chat: FakeChat, message: dict[str, Any]) -> bool:
        """Whether a user's message in ``chat`` produces an update for the bot."""
        if chat.type == "private":
            return not chat.user.blocked if chat.user is not None else True
        if chat.bot_status in ("kicked", "left"):
            return False
        if not self.privacy_mode or chat.bot_status in ("administrator", "creator"):
            return True
        # Privacy mode: only commands, replies to the bot and mentions of the bot.
        reply = message.get("reply_to_message") or {}
        if reply.get("from", {}).get("id") == self.bot_id and not message.get("is_topic_message"):
            return True
        text = message.get("text") or message.get("caption") or ""
        for entity in message.get("entities") or message.get("caption_entities") or []:
            fragment = text.encode("utf-16-le")[
                entity["offset"] * 2 : (entity["offset"] + entity["length"]) * 2
            ].decode("utf-16-le")
            if entity["type"] == "bot_command":
                target = fragment.partition("@")[2]
                if not target or target.lower() == self.bot_username.lower():
                    return True
            if entity["type"] == "mention" and fragment[1:].lower() == self.bot_username.lower():
                return True
        return False

    def _user_message(
        self,
        user: FakeUser,
        chat: FakeChat,
        content: dict[str, Any],
        *,
        reply_to_message_id: int | None,
        message_thread_id: int | None,
        media_group_id: str | None = None,
    ) -> dict[str, Any]:
        if chat.type == "private":
            if chat.user is not user:
                raise ValueError("a user can only write to the bot in their own private chat")
            if user.blocked:
                raise RuntimeError(f"{user!r} blocked the bot; call unblock_bot() first")
            user.started = True
        else:
            if chat.members.get(user.id) in ("kicked", "left"):
                raise RuntimeError(f"{user!r} is not a member of {chat!r}")
            chat.members.setdefault(user.id, "member")
        reply_to = None
        if reply_to_message_id is not None:
            reply_to = chat.get(reply_to_message_id)
            if reply_to is None:
                raise LookupError(f"message {reply_to_message_id} does not exist in {chat!r}")
        topic = None
        if message_thread_id is not None:
            topic = chat.topics.get(message_thread_id) if chat.is_forum else None
            if topic is None or topic.deleted:
                raise LookupError(f"topic {message_thread_id} does not exist in {chat!r}")
            if topic.closed and chat.members.get(user.id) not in ("administrator", "creator"):
                raise RuntimeError(f"topic {message_thread_id} is closed")
        message = self._create_message(
            chat,
            user.to_dict(),
            content,
            reply_to=reply_to,
            topic=topic,
            media_group_id=media_group_id,
        )
        if self._bot_sees(chat, message):
            self._push({"message": message})
        return message

    def _push_my_chat_member(
        self, chat: FakeChat, actor: dict[str, Any], old: str, new: str
    ) -> dict[str, Any]:
        def member(status: str) -> dict[str, Any]:
            result: dict[str, Any] = {"status": status, "user": self.bot_user}
            if status == "kicked":
                result["until_date"] = 0
            if status == "administrator":
                result.update(_admin_rights(can_be_edited=False))
            return result

        payload = {
            "chat": chat.to_dict(),
            "from": actor,
            "date": int(time.time()),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        self._push({"my_chat_member": payload})
        return payload


def _admin_rights(*, can_be_edited: bool) -> dict[str, Any]:
    return {
        "can_be_edited": can_be_edited,
        "is_anonymous": False,
        "can_manage_chat": True,
        "can_delete_messages": True,
        "can_manage_video_chats": True,
        "can_restrict_members": True,
        "can_promote_members": False,
        "can_change_info": True,
        "can_invite_users": True,
        "can_post_stories": True,
        "can_edit_stories": True,
        "can_delete_stories": True,
        "can_send_welcome_messages": True,
        "can_pin_messages": True,
        "can_manage_topics": True,
    }


def _without_reply(message: dict[str, Any]) -> dict[str, Any]:
    # Telegram embeds replied-to messages one level deep only.
    result = copy.deepcopy(message)
    result.pop("reply_to_message", None)
    return result


def _queue_key(update: dict[str, Any]) -> Any:
    """Telegram keeps per-chat order for webhooks; updates of different chats may interleave."""
    for value in update.values():
        if isinstance(value, dict):
            chat = value.get("chat") or (value.get("message") or {}).get("chat")
            if isinstance(chat, dict) and "id" in chat:
                return chat["id"]
            sender = value.get("from")
            if isinstance(sender, dict) and "id" in sender:
                return sender["id"]
    return update.get("update_id")


def _chat_id_of(query: Query) -> int | str | None:
    raw = query.args.get("chat_id")
    if not raw:
        return None
    return int(raw) if re.fullmatch(r"[+-]?\d+", raw.strip()) else raw


def _json_response(body: dict[str, Any], status: int) -> web.Response:
    return web.json_response(
        body, status=status, dumps=lambda obj: json.dumps(obj, ensure_ascii=False)
    )


def _drop_connection(request: web.Request) -> web.Response:
    # Closing the transport makes the client see a disconnect with no response at all.
    if request.transport is not None:
        request.transport.close()
    return web.Response(status=500)


async def _read_webhook_answer(response: aiohttp.ClientResponse) -> Query | None:
    """Parse a webhook reply that carries a method call (JSON or multipart, as aiogram sends)."""
    if response.content_type.startswith("multipart/"):
        reader = aiohttp.MultipartReader.from_response(response)
        args: dict[str, Any] = {}
        files: dict[str, UploadedFile] = {}
        while True:
            part = await reader.next()
            if part is None:
                break
            if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
                continue
            if part.filename:
                data = await part.read()
                files[part.name] = UploadedFile(
                    part.name,
                    part.filename,
                    part.headers.get("Content-Type", "application/octet-stream"),
                    bytes(data),
                )
            else:
                args[part.name] = await part.text()
        method = args.pop("method", "")
        return query_from_mapping(method, args, files) if method else None
    body = await response.read()
    if not body:
        return None
    try:
        decoded = json.loads(body)
    except ValueError:
        return None
    if isinstance(decoded, dict) and isinstance(decoded.get("method"), str):
        method = decoded.pop("method")
        return query_from_mapping(method, decoded, {})
    return None
