"""Database wiring: Tortoise config, aerich migrations per dialect, default data."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Literal

from aerich import Command
from tortoise import BaseDBAsyncClient, Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url

import migrations as _migrations_pkg
from bot.private_files import private_sqlite_file

log = logging.getLogger(__name__)

APP = "models"
MODEL_MODULES = ["models", "aerich.models"]
# Found next to the code, never relative to the working directory (a service manager
# starts the process anywhere).
MIGRATIONS_DIR = Path(_migrations_pkg.__file__).resolve().parent
Dialect = Literal["sqlite", "postgres"]
DIALECTS: tuple[Dialect, ...] = ("sqlite", "postgres")
# Any constant works; it only has to be the same for every instance of the fleet.
_MIGRATION_LOCK_KEY = 7_142_001


def dialect_of(url: str) -> Dialect:
    return "sqlite" if url.startswith("sqlite") else "postgres"


def normalize_url(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgres://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite://") and not url.startswith("sqlite://:memory:"):
        # Customers' data: the file (and the directory made for it) private to the
        # service user before SQLite creates or opens it.
        private_sqlite_file(Path(url.removeprefix("sqlite://").split("?", 1)[0]))
    return url


def tortoise_config(url: str) -> dict:
    # The connection is named after the dialect: Tortoise caches compiled INSERTs per
    # (connection name, table), so two dialects under one name in one process (the
    # test suite) would reuse SQLite's "?" placeholders on PostgreSQL.
    name = dialect_of(url)
    normalized = normalize_url(url)
    connection: str | dict = normalized
    if name == "postgres":
        connection = expand_db_url(normalized)
        connection["engine"] = "bot.db_engines.postgres"
    return {
        "connections": {name: connection},
        "apps": {APP: {"models": list(MODEL_MODULES), "default_connection": name}},
        "use_tz": True,
        "timezone": "UTC",
    }


def connection() -> BaseDBAsyncClient:
    """The one database connection of the initialised ORM."""
    return connections.get(next(iter(connections.db_config)))


def migration_location(dialect: Dialect, root: Path = MIGRATIONS_DIR) -> Path:
    return root / dialect


@asynccontextmanager
async def orm(url: str) -> AsyncIterator[None]:
    await Tortoise.init(config=tortoise_config(url))
    try:
        yield
    finally:
        await connections.close_all()


async def _apply(url: str, root: Path) -> list[str]:
    command = Command(
        tortoise_config=tortoise_config(url),
        app=APP,
        location=str(migration_location(dialect_of(url), root)),
    )
    await command.init()
    return await command.upgrade(run_in_transaction=True)


async def migrate(url: str, root: Path = MIGRATIONS_DIR) -> list[str]:
    """Applies pending migrations of the folder matching the URL, then seeds defaults.

    Several instances may start at once: on PostgreSQL an advisory lock makes one of
    them migrate while the others wait.
    """
    from bot.services.seed import seed_defaults

    applied: list[str] = []
    try:
        # The ORM is set up for this URL even if it was for another before (aerich
        # keeps an initialised ORM as it finds it).
        await Tortoise.init(config=tortoise_config(url))
        if dialect_of(url) == "postgres":
            conn = connection()
            async with conn.acquire_connection() as raw:
                await raw.execute("SELECT pg_advisory_lock($1)", _MIGRATION_LOCK_KEY)
                try:
                    applied = await _apply(url, root)
                    await seed_defaults()
                finally:
                    await raw.execute("SELECT pg_advisory_unlock($1)", _MIGRATION_LOCK_KEY)
        else:
            applied = await _apply(url, root)
            await seed_defaults()
    finally:
        await connections.close_all()
    for name in applied:
        log.info("applied migration %s", name)
    return applied


# Offline generation needs no server: aerich diffs the models against the state stored
# in the last migration file. These URLs are never connected to.
_OFFLINE_URLS: dict[Dialect, str] = {
    "sqlite": "sqlite://:memory:",
    "postgres": "postgres://offline@127.0.0.1:1/offline",
}


async def make_migration(dialect: Dialect, name: str, root: Path = MIGRATIONS_DIR) -> str | None:
    """Writes the next migration of one dialect; returns its file name or None if no change.

    aerich keeps its state in class attributes, so call this once per process.
    """
    location = migration_location(dialect, root)
    command = Command(
        tortoise_config=tortoise_config(_OFFLINE_URLS[dialect]), app=APP, location=str(location)
    )
    folder = location / APP
    try:
        if not folder.exists() or not any(folder.glob("[0-9]*_*.py")):
            await command.init_migrations(safe=False)
            return sorted(p.name for p in folder.glob("0_*.py"))[0]
        await command.init(offline=True)
        created = await command.migrate(name=name, no_input=True, offline=True)
        return created or None
    finally:
        await connections.close_all()


async def pending_model_changes(dialect: Dialect) -> str | None:
    """The migration the models would need now, generated into a scratch copy."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(migration_location(dialect), Path(tmp) / dialect)
        return await make_migration(dialect, "drift", root=Path(tmp))
