"""Shared fixtures.

Databases are built by the real aerich migrations (not generate_schemas), so every
test runs on the schema production gets. SQLite always; PostgreSQL and Redis when
TEST_POSTGRES_URL / TEST_REDIS_URL are set (CI sets both, so there they run).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from tortoise import Tortoise, connections

from bot import presentation
from bot.config import Settings
from bot.db import migrate, tortoise_config
from tests.fakebotapi import FakeBotAPI
from tests.support import TOKEN

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")
REDIS_URL = os.environ.get("TEST_REDIS_URL")
TEST_DB_PREFIX = "hd_test_"

BACKENDS = ["sqlite"] + (["postgres"] if POSTGRES_URL else [])


@pytest.fixture(autouse=True)
def _presentation() -> None:
    """Tests call services directly, outside the process: their notices need the
    renderers registered, as every process does at start - here with the
    configuration's declared defaults (a test's dispatcher or app installs its own)."""
    presentation.install(Settings.model_construct())


def pytest_configure(config: pytest.Config) -> None:
    # In CI the scale-out backends must be tested, never silently skipped.
    if os.environ.get("CI") and not (POSTGRES_URL and REDIS_URL):
        raise pytest.UsageError("CI must set TEST_POSTGRES_URL and TEST_REDIS_URL")


def _pg_server_url(database: str) -> str:
    assert POSTGRES_URL
    base = POSTGRES_URL.replace("postgresql://", "postgres://").rsplit("/", 1)[0]
    return f"{base}/{database}"


def _asyncpg_dsn(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


async def create_pg_database(template: str | None = None) -> str:
    # The pid in the name lets a later run drop what a killed run left, and only that.
    name = f"{TEST_DB_PREFIX}{os.getpid()}_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(_asyncpg_dsn(POSTGRES_URL or ""))
    try:
        suffix = f' TEMPLATE "{template.rsplit("/", 1)[1]}"' if template else ""
        await conn.execute(f'CREATE DATABASE "{name}"{suffix}')
    finally:
        await conn.close()
    return _pg_server_url(name)


async def drop_pg_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    conn = await asyncpg.connect(_asyncpg_dsn(POSTGRES_URL or ""))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def _owner_alive(name: str) -> bool:
    """Whether the test process that created this database still runs (not this one)."""
    pid = name.removeprefix(TEST_DB_PREFIX).split("_", 1)[0]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


async def own_databases() -> list[str]:
    conn = await asyncpg.connect(_asyncpg_dsn(POSTGRES_URL or ""))
    try:
        rows = await conn.fetch(
            "SELECT datname FROM pg_database WHERE datname LIKE $1",
            f"{TEST_DB_PREFIX}{os.getpid()}_%",
        )
        return [row["datname"] for row in rows]
    finally:
        await conn.close()


@pytest.fixture(scope="session", autouse=True)
def _sweep_stale_pg_databases() -> Iterator[None]:
    """A killed run cannot drop its databases; the next run does, and checks at the end."""
    if not POSTGRES_URL:
        yield
        return
    import asyncio

    async def sweep() -> list[str]:
        conn = await asyncpg.connect(_asyncpg_dsn(POSTGRES_URL or ""))
        try:
            rows = await conn.fetch(
                "SELECT datname FROM pg_database WHERE datname LIKE $1", TEST_DB_PREFIX + "%"
            )
            stale = [row["datname"] for row in rows if not _owner_alive(row["datname"])]
            for name in stale:
                await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return stale
        finally:
            await conn.close()

    asyncio.run(sweep())
    yield
    mine = asyncio.run(own_databases())
    assert not mine, f"tests left databases behind: {mine}"


@pytest.fixture(scope="session")
def migrated_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Each backend migrated once per run; tests get copies (the migrations themselves
    are exercised by tests/migrations)."""
    import asyncio

    sqlite_file = tmp_path_factory.mktemp("template") / "helpdesk.sqlite3"
    templates = {"sqlite": f"sqlite://{sqlite_file}"}
    if POSTGRES_URL:
        templates["postgres"] = asyncio.run(create_pg_database())

    async def build() -> None:
        for url in templates.values():
            await migrate(url)

    asyncio.run(build())
    yield templates
    if POSTGRES_URL:
        asyncio.run(drop_pg_database(templates["postgres"]))


@pytest.fixture
async def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_templates: dict[str, str]
) -> AsyncIterator[str]:
    """A fresh, migrated database of the backend the test is parametrized with."""
    backend = getattr(request, "param", "sqlite")
    if backend == "postgres" and not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set (CI sets it)")
    if backend == "postgres":
        url = await create_pg_database(template=migrated_templates["postgres"])
        try:
            yield url
        finally:
            await drop_pg_database(url)
    else:
        target = tmp_path / "helpdesk.sqlite3"
        shutil.copyfile(migrated_templates["sqlite"].removeprefix("sqlite://"), target)
        yield f"sqlite://{target}"


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[str]:
    """The ORM initialised on a fresh migrated database; yields its URL."""
    await Tortoise.init(config=tortoise_config(database_url))
    try:
        yield database_url
    finally:
        await connections.close_all()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Tests that take `db` or `database_url` run on every configured backend.
    # A test may name its backends itself (parametrize database_url, indirect).
    marks = metafunc.definition.iter_markers("parametrize")
    chosen = any("database_url" in str(mark.args[0]) for mark in marks)
    if (
        "database_url" in metafunc.fixturenames
        and "backend" not in metafunc.fixturenames
        and not chosen
    ):
        metafunc.parametrize("database_url", BACKENDS, indirect=True)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """A normal umask (what a service manager usually gives a process), inherited by the
    processes the test starts."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.fixture
def redis_url() -> str:
    if not REDIS_URL:
        pytest.skip("TEST_REDIS_URL is not set (CI sets it)")
    return REDIS_URL


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    """The strict fake Bot API server, in the test's event loop."""
    async with FakeBotAPI(token=TOKEN) as fake:
        yield fake


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    """A real aiogram Bot talking to the fake."""
    instance = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(api.base_url)))
    try:
        yield instance
    finally:
        await instance.session.close()
