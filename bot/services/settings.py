"""Runtime settings: what admins change while the bot runs, stored in the Setting table.

Defaults are seeded from bot.services.seed.DEFAULT_SETTINGS. Two of them fall back to
the process configuration (environment / .env) while nothing is stored: the staff chat
(STAFF_CHAT_ID) and the attachments directory (ATTACHMENTS_DIR).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, fields
from typing import Annotated, Any

from pydantic import Field, StringConstraints, TypeAdapter, ValidationError

from bot.config import Settings
from bot.delivery.outbox import transaction
from bot.services import config
from bot.services.errors import Invalid
from bot.services.seed import DEFAULT_SETTINGS
from models import Setting

log = logging.getLogger(__name__)

StaffChatId = Annotated[int, Field(ge=-(2**52), le=2**52)]
AutoCloseHours = Annotated[int, Field(ge=1, le=8760)]
ReopenWindowDays = Annotated[int, Field(ge=0, le=365)]
# Any relative or absolute path; a NUL byte is the one character no filesystem takes.
AttachmentsDir = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=255, pattern=r"^[^\x00]+$"),
]


@dataclass(frozen=True, slots=True)
class RuntimeSettings:
    """The settings in force, typed; read them anew where a change should apply."""

    staff_chat_id: int | None
    auto_close_hours: int
    reopen_window_days: int
    round_robin: bool
    sla_pause_while_waiting: bool
    attachments_dir: str


# Stored JSON values are checked on the way in and again on the way out: a value
# someone wrote into the table by hand must not crash the bot.
_TYPES: dict[str, TypeAdapter[Any]] = {
    "staff_chat_id": TypeAdapter(StaffChatId | None),
    "auto_close_hours": TypeAdapter(AutoCloseHours),
    "reopen_window_days": TypeAdapter(ReopenWindowDays),
    "round_robin": TypeAdapter(bool),
    "sla_pause_while_waiting": TypeAdapter(bool),
    "attachments_dir": TypeAdapter(AttachmentsDir | None),
}
KEYS = tuple(f.name for f in fields(RuntimeSettings))
# Stored None means "the process configuration's value".
_FROM_PROCESS = frozenset({"staff_chat_id", "attachments_dir"})


@dataclass(frozen=True, slots=True)
class StoredSettings:
    """The settings kept in the database only (no process fallback), typed."""

    auto_close_hours: int
    reopen_window_days: int
    round_robin: bool
    sla_pause_while_waiting: bool


def _fallback(key: str, process: Settings) -> Any:
    if key not in _FROM_PROCESS:
        return DEFAULT_SETTINGS[key]
    value = getattr(process, key)
    return str(value) if key == "attachments_dir" and value is not None else value


async def _values(keys: tuple[str, ...], process: Settings | None) -> dict[str, Any]:
    stored = (await config.snapshot()).settings
    values: dict[str, Any] = {}
    for key in keys:
        value = None
        if key in stored:
            try:
                value = _TYPES[key].validate_python(stored[key], strict=True)
            except ValidationError:
                log.warning("setting %s holds an invalid value; using the default", key)
        # Only the process-backed settings accept None, so None here means "fall back"
        # (`process` None: only database-backed keys are asked for).
        if value is None:
            value = DEFAULT_SETTINGS[key] if process is None else _fallback(key, process)
        values[key] = value
    return values


async def runtime_settings(process: Settings) -> RuntimeSettings:
    """The settings in force; `process` (the running process's configuration)
    supplies the fallbacks of the process-backed ones."""
    return RuntimeSettings(**await _values(KEYS, process))


_STORED_KEYS = tuple(f.name for f in fields(StoredSettings))


async def stored_settings() -> StoredSettings:
    """The database-backed settings in force (no process configuration needed)."""
    return StoredSettings(**await _values(_STORED_KEYS, None))


async def update_settings(changes: dict[str, Any]) -> None:
    """Stores the given subset; None resets a process-backed setting to its fallback
    (read what is in force with runtime_settings)."""
    errors = []
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        adapter = _TYPES.get(key)
        if adapter is None:
            errors.append({"loc": [key], "msg": "no such setting", "type": "unknown_setting"})
            continue
        if value is None and key not in _FROM_PROCESS:
            errors.append({"loc": [key], "msg": "cannot be null", "type": "null"})
            continue
        try:
            clean[key] = adapter.validate_python(value, strict=True)
        except ValidationError as exc:
            errors.append({"loc": [key], "msg": exc.errors()[0]["msg"], "type": "invalid"})
    if errors:
        raise Invalid("invalid settings", errors)
    async with transaction():
        for key, value in clean.items():
            await Setting.get_or_create(key=key, defaults={"value": None})
            # Written through the query (not an instance) as encoded JSON: Tortoise's
            # JSONField treats a str as JSON text, so a bare path would be refused and
            # "123" would come back as a number.
            await Setting.filter(key=key).update(value=json.dumps(value))
    config.changed()
