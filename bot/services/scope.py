"""What one update has read already: the hot path reads each thing once per update.

bot.middlewares.UpdateScopeMiddleware opens a scope around each update; services keep
there what they read (the customer who wrote, ...) and look there first. Outside an
update (the admin API, timers) there is no scope and every read goes to the database.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import AbstractAsyncContextManager, contextmanager
from contextvars import ContextVar
from typing import Any

from tortoise.backends.base.client import TransactionalDBClient
from tortoise.transactions import in_transaction

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


def joined_transaction() -> AbstractAsyncContextManager[Any]:
    """A transaction, or the one running already (an update's) without a savepoint of
    its own. Only for a block that raises its refusals before it writes: a caller who
    catches one and goes on finds nothing of the block written."""
    from models import Ticket

    if isinstance(Ticket._meta.db, TransactionalDBClient):
        return contextlib.nullcontext()
    return in_transaction()


def _current_transaction() -> Any:
    from models import Ticket

    db = Ticket._meta.db
    return db if isinstance(db, TransactionalDBClient) else None


def hold(key: Any, value: Any) -> Any:
    """Keeps `value`, a row the update locked, for the rest of the transaction that
    locked it (outside a transaction nothing is kept: a lock would not last)."""
    transaction = _current_transaction()
    if transaction is not None:
        remember(key, (transaction, value))
    return value


def held(key: Any) -> Any:
    """What `hold` kept under `key` in the transaction running now, or MISSING."""
    kept = recall(key)
    if kept is MISSING or kept[0] is not _current_transaction():
        return MISSING
    return kept[1]
