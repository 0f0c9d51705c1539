"""What one update has read already: the hot path reads each thing once per update.

bot.middlewares.UpdateScopeMiddleware opens a scope around each update; services keep
there what they read (the customer who wrote, ...) and look there first. Outside an
update (the admin API, timers) there is no scope and every read goes to the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_memo: ContextVar[dict[Any, Any] | None] = ContextVar("update_scope", default=None)

MISSING = object()


@contextmanager
def update_scope() -> Iterator[None]:
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def recall(key: Any) -> Any:
    """What the update keeps under `key`, or MISSING."""
    memo = _memo.get()
    return MISSING if memo is None else memo.get(key, MISSING)


def remember(key: Any, value: Any) -> Any:
    memo = _memo.get()
    if memo is not None:
        memo[key] = value
    return value


def forget(key: Any) -> None:
    """What the update kept under `key` changed behind it: the next read goes to the
    database."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)


def customer_key(telegram_id: int) -> tuple[str, int]:
    return ("customer", telegram_id)
