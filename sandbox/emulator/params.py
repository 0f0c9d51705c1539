"""Request parameter handling with the Bot API server's semantics.

The real server turns every parameter into a string first (JSON bodies included) and each method
then parses what it needs: integers via to_integer (garbage becomes 0), booleans via to_bool, and
objects/arrays via a JSON decode.  Mirroring that keeps edge cases (e.g. ``"chat_id": "abc"`` →
"chat not found") identical to Telegram.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from .errors import ApiError, bad_request

MAX_UPLOAD_BYTES = 50 * 1024 * 1024

_INT_RE = re.compile(r"[+-]?\d+")

# How recorded params are decoded for test assertions (not for validation).
_INT_FIELDS = frozenset(
    {
        "message_id",
        "message_thread_id",
        "reply_to_message_id",
        "offset",
        "limit",
        "timeout",
        "user_id",
        "max_connections",
        "icon_color",
        "cache_time",
        "duration",
        "width",
        "height",
        "direct_messages_topic_id",
        "video_start_timestamp",
    }
)
_CHAT_ID_FIELDS = frozenset({"chat_id", "from_chat_id"})
# Parameters whose values are JSON-serialized objects/arrays in the Bot API.
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "reply_parameters",
        "link_preview_options",
        "allowed_updates",
        "media",
        "commands",
        "scope",
        "menu_button",
        "results",
        "button",
        "permissions",
        "rights",
        "message_ids",
        "reaction",
        "options",
        "prices",
        "suggested_post_parameters",
    }
)
_BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "allow_sending_without_reply",
        "show_alert",
        "drop_pending_updates",
        "is_personal",
        "has_spoiler",
        "show_caption_above_media",
        "disable_web_page_preview",
        "disable_content_type_detection",
        "supports_streaming",
        "allow_paid_broadcast",
        "only_if_banned",
    }
)


@dataclass
class UploadedFile:
    """A file part of a multipart request."""

    field: str
    filename: str
    content_type: str
    data: bytes

    def marker(self) -> dict[str, Any]:
        """What tests see in ``Request.params`` instead of the raw bytes."""
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "size": len(self.data),
        }


@dataclass
class Query:
    """Parameters of one Bot API call, stored as strings like the real server does."""

    method: str
    args: dict[str, str] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        # The server treats an empty value exactly like a missing one.
        return bool(self.args.get(name))

    def get_str(self, name: str, default: str = "") -> str:
        return self.args.get(name) or default

    def get_int(self, name: str, default: int = 0) -> int:
        raw = self.args.get(name, "")
        if not raw:
            return default
        match = _INT_RE.match(raw.strip())
        return int(match.group()) if match else 0

    def get_bool(self, name: str) -> bool:
        return self.args.get(name, "").strip().lower() in {"true", "yes", "1"}

    def required(self, name: str) -> str:
        value = self.args.get(name, "")
        if not value:
            raise bad_request(f'Parameter "{name}" is required')
        return value

    def get_json(self, name: str, error: str) -> Any:
        """Decoded JSON value or None when absent; ``error`` is the description on bad JSON."""
        raw = self.args.get(name, "")
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise bad_request(error) from None

    def file_for(self, value: str) -> UploadedFile | None:
        """Resolve ``attach://name`` (or a direct upload in the field itself)."""
        if value.startswith("attach://"):
            return self.files.get(value[len("attach://") :])
        return None

    def recorded_params(self) -> dict[str, Any]:
        """Decoded view for tests: ints, bools, JSON objects and file markers."""
        result: dict[str, Any] = {}
        referenced: set[str] = set()
        for name, raw in self.args.items():
            result[name] = self._decode(name, raw, referenced)
        for name, upload in self.files.items():
            if name not in referenced and name not in result:
                result[name] = upload.marker()
        return result

    def _decode(self, name: str, raw: str, referenced: set[str]) -> Any:
        if raw.startswith("attach://"):
            upload = self.files.get(raw[len("attach://") :])
            if upload is not None:
                referenced.add(upload.field)
                return upload.marker()
            return raw
        if name in _CHAT_ID_FIELDS and _INT_RE.fullmatch(raw.strip()):
            return int(raw)
        if name in _INT_FIELDS and _INT_RE.fullmatch(raw.strip()):
            return int(raw)
        if name in _BOOL_FIELDS and raw.lower() in {"true", "false", "1", "0"}:
            return raw.lower() in {"true", "1"}
        if name in _JSON_FIELDS and raw[:1] in "[{":
            try:
                decoded = json.loads(raw)
            except ValueError:
                return raw
            return _replace_attachments(decoded, self.files, referenced)
        return raw


def _replace_attachments(value: Any, files: dict[str, UploadedFile], referenced: set[str]) -> Any:
    """Swap ``attach://x`` strings nested in JSON (e.g. sendMediaGroup media) for file markers."""
    if isinstance(value, dict):
        return {k: _replace_attachments(v, files, referenced) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_attachments(v, files, referenced) for v in value]
    if isinstance(value, str) and value.startswith("attach://"):
        upload = files.get(value[len("attach://") :])
        if upload is not None:
            referenced.add(upload.field)
            return upload.marker()
    return value


def _stringify(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False)


async def read_query(request: web.Request, method: str) -> Query:
    """Collect parameters from the query string and a JSON, urlencoded or multipart body."""
    query = Query(method=method)
    for name, value in request.query.items():
        query.args[name] = value
    if request.method != "POST" or not request.can_read_body:
        return query
    content_type = request.content_type
    if content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("Can't parse JSON body") from None
        if isinstance(body, dict):
            for name, value in body.items():
                text = _stringify(value)
                if text is not None:
                    query.args[str(name)] = text
        return query
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.post()
        total = 0
        for name, part in form.items():
            if isinstance(part, web.FileField):
                data = part.file.read()
                total += len(data)
                query.files[name] = UploadedFile(
                    field=name,
                    filename=part.filename or name,
                    content_type=part.content_type or "application/octet-stream",
                    data=data,
                )
            else:
                query.args[name] = str(part)
        if total > MAX_UPLOAD_BYTES:
            raise ApiError(413, "Request Entity Too Large")
    return query


def query_from_mapping(method: str, args: dict[str, Any], files: dict[str, UploadedFile]) -> Query:
    """Build a Query from already-parsed data (a method returned in a webhook response)."""
    query = Query(method=method, files=dict(files))
    for name, value in args.items():
        text = _stringify(value)
        if text is not None:
            query.args[name] = text
    return query
