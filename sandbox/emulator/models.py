"""Plain data records used by the fake Bot API."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Literal

from .errors import ApiError, too_many_requests

# Methods whose success creates chat messages: rate limits and faults apply to these by default.
MESSAGE_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendVideo",
        "sendVoice",
        "sendAudio",
        "sendAnimation",
        "sendSticker",
        "sendMediaGroup",
        "copyMessage",
        "forwardMessage",
    }
)

FaultKind = Literal["error", "drop", "drop_after", "slow"]


@dataclass
class Request:
    """One Bot API call as the fake saw and answered it."""

    index: int
    method: str
    params: dict[str, Any]
    chat_id: int | str | None
    time: float
    response: dict[str, Any] | None
    ok: bool
    status: int
    source: Literal["http", "webhook_response"] = "http"
    fault: Fault | None = None
    # Snapshots of the messages this call created (one per media group item).
    created: list[dict[str, Any]] = field(default_factory=list)

    @property
    def result(self) -> Any:
        return None if self.response is None else self.response.get("result")

    @property
    def description(self) -> str | None:
        return None if self.response is None else self.response.get("description")

    def summary(self) -> str:
        if self.response is None:
            outcome = "connection dropped"
        elif self.ok:
            outcome = "ok"
        else:
            outcome = f"{self.status} {self.description}"
        text = self.params.get("text") or self.params.get("caption")
        shown = f" text={text[:60]!r}" if isinstance(text, str) else ""
        return f"#{self.index} {self.method} chat_id={self.chat_id}{shown} -> {outcome}"


_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass
class Fault:
    """An injected failure for matching incoming requests.

    kind:
      * ``"error"``: answer ``status`` (429 gets ``retry_after``) without touching any state.
      * ``"drop"``: close the connection without answering; nothing is created.
      * ``"drop_after"``: process the call (the message IS created), then drop the connection,
        i.e. the classic "request succeeded but the response was lost".
      * ``"slow"``: sleep ``delay`` seconds, then process normally.
    ``delay`` also applies before the other kinds.  ``methods=None`` matches message-creating
    methods only; name methods explicitly to fault anything else (e.g. ``{"getUpdates"}``).
    ``times`` is how many requests it affects; ``None`` means until removed.
    ``raw_body`` sends a non-JSON body (e.g. the HTML page nginx returns for a real 502).
    """

    kind: FaultKind = "error"
    status: int = 502
    retry_after: int | None = None
    description: str | None = None
    delay: float = 0.0
    methods: frozenset[str] | None = None
    chat_id: int | None = None
    times: int | None = 1
    raw_body: str | None = None

    def matches(self, method: str, chat_id: int | str | None) -> bool:
        if self.times is not None and self.times <= 0:
            return False
        if self.methods is None:
            if method not in MESSAGE_METHODS:
                return False
        elif method not in self.methods:
            return False
        return self.chat_id is None or self.chat_id == chat_id

    def error(self) -> ApiError:
        if self.status == 429:
            return too_many_requests(self.retry_after or 1)
        description = self.description or _DEFAULT_DESCRIPTIONS.get(self.status)
        if description is None:
            try:
                description = HTTPStatus(self.status).phrase
            except ValueError:
                description = "Error"
        return ApiError(self.status, description, retry_after=self.retry_after)

    @classmethod
    def build(
        cls,
        status: int | Literal["drop", "drop_after", "slow"] = 502,
        *,
        retry_after: int | None = None,
        methods: str | Iterable[str] | None = None,
        chat_id: int | None = None,
        times: int | None = 1,
        delay: float = 0.0,
        description: str | None = None,
        raw_body: str | None = None,
    ) -> Fault:
        method_set: frozenset[str] | None
        if methods is None:
            method_set = None
        elif isinstance(methods, str):
            method_set = frozenset({methods})
        else:
            method_set = frozenset(methods)
        if isinstance(status, str):
            return cls(
                kind=status,
                methods=method_set,
                chat_id=chat_id,
                times=times,
                delay=delay,
            )
        return cls(
            kind="error",
            status=status,
            retry_after=retry_after if status != 429 else (retry_after or 1),
            description=description,
            delay=delay,
            methods=method_set,
            chat_id=chat_id,
            times=times,
            raw_body=raw_body,
        )


# A callable fault hook: (method, decoded params) -> Fault to apply now, or None.
FaultHook = Callable[[str, dict[str, Any]], "Fault | None"]


@dataclass
class RateLimits:
    """Telegram's documented broadcast limits (enforced only when ``enforce_limits`` is on)."""

    global_per_second: int = 30
    private_interval: float = 1.0
    group_per_minute: int = 20


@dataclass
class Stats:
    """Counters tests can assert on (e.g. that a retry happened after a 429)."""

    requests: Counter[str] = field(default_factory=Counter)
    too_many_requests: int = 0
    server_errors: int = 0
    drops: int = 0
    faults_injected: int = 0
    updates_filtered: int = 0
    webhook_deliveries: int = 0
    webhook_failures: int = 0
    webhook_dropped_updates: int = 0


@dataclass
class StoredFile:
    """A file known to the fake, downloadable after getFile assigns a path."""

    file_id: str
    file_unique_id: str
    kind: str
    content: bytes
    size: int
    mime_type: str | None = None
    file_name: str | None = None
    file_path: str | None = None


@dataclass
class Topic:
    thread_id: int
    name: str
    icon_color: int
    icon_custom_emoji_id: str | None = None
    closed: bool = False
    deleted: bool = False

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "message_thread_id": self.thread_id,
            "name": self.name,
            "icon_color": self.icon_color,
        }
        if self.icon_custom_emoji_id:
            result["icon_custom_emoji_id"] = self.icon_custom_emoji_id
        return result


@dataclass
class PendingUpdate:
    """An update waiting for getUpdates confirmation or webhook delivery."""

    update_id: int
    data: dict[str, Any]
    queue: Any
    fail_count: int = 0
    wakeup_at: float = 0.0
    in_flight: bool = False


@dataclass
class QueryState:
    """A callback or inline query the bot may answer exactly once."""

    query_id: str
    user_id: int
    created: float
    kind: Literal["callback_query", "inline_query"]
    answered: bool = False
    answer: dict[str, Any] | None = None


@dataclass
class WebhookConfig:
    url: str
    secret_token: str = ""
    max_connections: int = 40
    ip_address: str = ""


@dataclass
class Answer:
    """A handler result that also carries the optional success ``description``."""

    result: Any
    description: str | None = None
