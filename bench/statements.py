"""What an update costs: the SQL statements it sends, counted at the driver, and the Bot
API calls it makes while it is handled.

Statements are counted where they leave for the database: aiosqlite's connection and
cursor methods (COMMIT and ROLLBACK only when a transaction is open, as sqlite3 sends
them only then; an INSERT through execute_insert is followed by SQLite's
last_insert_rowid(), counted as ROWID) and asyncpg's connection (every query, the
BEGIN/SAVEPOINT/COMMIT its transactions send, and the reset a pool sends when a
connection goes back to it, counted as RESET).
Each is attributed to the task that sent it through a ContextVar (tasks it starts
inherit it), so an update's count leaves out what the sender or other tasks do at the
same time. `executemany` counts once (one call; one round trip on PostgreSQL).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

# The kinds in the order tables show them.
DATA = ("SELECT", "INSERT", "UPDATE", "DELETE")
CONTROL = ("BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK TO", "COMMIT", "ROLLBACK", "RESET")
# aiosqlite's execute_insert follows each INSERT with this, in the same call.
LAST_ROWID = "SELECT last_insert_rowid()"
_MAIN_VERB = re.compile(r"\)\s*(SELECT|INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def kind_of(sql: str) -> str:
    """SELECT, INSERT, UPDATE, DELETE, BEGIN, SAVEPOINT, RELEASE, ROLLBACK TO, COMMIT,
    ROLLBACK, ROWID (SQLite's last_insert_rowid() after an INSERT) or the statement's
    first word."""
    if sql.strip() == LAST_ROWID:
        return "ROWID"
    words = sql.lstrip().split(None, 2)
    if not words:
        return "?"
    head = words[0].rstrip(";").upper()
    if head in ("BEGIN", "START"):
        return "BEGIN"
    if head in ("COMMIT", "END"):
        return "COMMIT"
    if head == "ROLLBACK":
        return "ROLLBACK TO" if len(words) > 1 and words[1].upper() == "TO" else "ROLLBACK"
    if head == "WITH":
        # A common table expression: the statement is what follows the last one.
        verbs = _MAIN_VERB.findall(sql)
        return verbs[-1].upper() if verbs else "SELECT"
    return head


@dataclass
class Cost:
    """What one update (or any block run under `counting`) cost."""

    kinds: Counter[str] = field(default_factory=Counter)
    # (kind, SQL) in the order sent, when asked for (tests, looking closer).
    sent: list[tuple[str, str]] = field(default_factory=list)
    keep_texts: bool = False
    api_calls: Counter[str] = field(default_factory=Counter)
    api_seconds: float = 0.0

    def statement(self, kind: str, sql: str) -> None:
        self.kinds[kind] += 1
        if self.keep_texts:
            self.sent.append((kind, sql))

    @property
    def statements(self) -> int:
        return sum(self.kinds.values())

    @property
    def data_statements(self) -> int:
        return sum(self.kinds[k] for k in DATA)

    def sequence(self) -> list[str]:
        """The kinds in the order sent (needs keep_texts)."""
        return [kind for kind, _ in self.sent]


_current: ContextVar[Cost | None] = ContextVar("bench_cost", default=None)


@contextmanager
def counting(cost: Cost) -> Iterator[Cost]:
    """Statements and Bot API calls of this task (and the tasks it starts) go to `cost`."""
    token = _current.set(cost)
    try:
        yield cost
    finally:
        _current.reset(token)


def _note(sql: str, kind: str | None = None) -> None:
    cost = _current.get()
    if cost is not None:
        cost.statement(kind or kind_of(sql), sql)


def _wrap_sqlite() -> list[tuple[type, str, Any]]:
    import aiosqlite

    saved: list[tuple[type, str, Any]] = []

    def wrap(cls: type, name: str, factory: Any) -> None:
        original = getattr(cls, name)
        saved.append((cls, name, original))
        setattr(cls, name, factory(original))

    def statement(original: Any) -> Any:
        async def counted(self: Any, sql: str, *args: Any, **kwargs: Any) -> Any:
            _note(sql)
            return await original(self, sql, *args, **kwargs)

        return counted

    def insert(original: Any) -> Any:
        async def counted(self: Any, sql: str, *args: Any, **kwargs: Any) -> Any:
            _note(sql)
            _note(LAST_ROWID)
            return await original(self, sql, *args, **kwargs)

        return counted

    def ending(kind: str) -> Any:
        def factory(original: Any) -> Any:
            async def counted(self: Any) -> Any:
                # sqlite3 sends COMMIT/ROLLBACK only inside a transaction.
                if self.in_transaction:
                    _note(kind)
                return await original(self)

            return counted

        return factory

    for name in ("execute", "execute_fetchall", "executemany", "executescript"):
        wrap(aiosqlite.Connection, name, statement)
    wrap(aiosqlite.Connection, "execute_insert", insert)
    for name in ("execute", "executemany", "executescript"):
        wrap(aiosqlite.Cursor, name, statement)
    wrap(aiosqlite.Connection, "commit", ending("COMMIT"))
    wrap(aiosqlite.Connection, "rollback", ending("ROLLBACK"))
    return saved


def _wrap_asyncpg() -> list[tuple[type, str, Any]]:
    import asyncpg

    cls = asyncpg.Connection
    saved: list[tuple[type, str, Any]] = []
    # Prepared statements and fetches all go through the name-mangled __execute;
    # execute() without arguments uses the simple query protocol instead.
    private = "_Connection__execute"
    original_execute = cls.execute
    original_private = getattr(cls, private)
    original_many = cls._executemany

    async def execute(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        if not args:
            reset = self._reset_query is not None and query == self._reset_query
            _note(query, "RESET" if reset else None)
        return await original_execute(self, query, *args, **kwargs)

    async def private_execute(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        _note(query)
        return await original_private(self, query, *args, **kwargs)

    async def executemany(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        _note(query)
        return await original_many(self, query, *args, **kwargs)

    for name, original, replacement in (
        ("execute", original_execute, execute),
        (private, original_private, private_execute),
        ("_executemany", original_many, executemany),
    ):
        saved.append((cls, name, original))
        setattr(cls, name, replacement)
    return saved


@contextmanager
def installed() -> Iterator[None]:
    """The driver hooks, for the block (both drivers; harmless where one is unused)."""
    saved = _wrap_sqlite() + _wrap_asyncpg()
    try:
        yield
    finally:
        for cls, name, original in reversed(saved):
            setattr(cls, name, original)


class BotApiCalls:
    """A request middleware for the bot's session: the calls an update makes to the Bot
    API while it is handled, and the time it waits for them."""

    async def __call__(self, make_request: Any, bot: Any, method: Any) -> Any:
        cost = _current.get()
        if cost is None:
            return await make_request(bot, method)
        started = time.perf_counter()
        try:
            return await make_request(bot, method)
        finally:
            cost.api_calls[type(method).__name__] += 1
            cost.api_seconds += time.perf_counter() - started
