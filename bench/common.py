"""Shared pieces: a recording Bot API session, databases, percentiles, the machine."""

from __future__ import annotations

import os
import platform
import statistics
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.methods import TelegramMethod
from aiogram.types import Chat, File, Message, User
from tortoise import Tortoise, connections

from bot import presentation
from bot.config import Settings
from bot.db import migrate, tortoise_config
from bot.services.settings import update_settings
from models import Agent, Category, Department
from models.enums import AgentRole

POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
TOKEN = "123456789:AAHbenchTokenForBenchmarksOnly0123456"
BOT_USER = User(id=123456789, is_bot=True, first_name="Bench", username="bench_bot")


class RecordingSession(BaseSession):
    """Answers every Bot API call at once, the way Telegram would, and counts them."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: dict[str, int] = {}
        self._next_id = 1

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[Any],
        timeout: int | None = None,  # noqa: ASYNC109 - aiogram's signature
    ) -> Any:
        name = type(method).__name__
        self.calls[name] = self.calls.get(name, 0) + 1
        returning = method.__returning__
        if returning is bool:
            return True
        if returning is File:
            return File(file_id="f", file_unique_id="u", file_size=10, file_path="p/f.jpg")
        if returning is User:
            return BOT_USER
        chat_id = getattr(method, "chat_id", 1) or 1
        self._next_id += 1
        return Message(
            message_id=self._next_id,
            date=datetime.now(UTC),
            chat=Chat(id=int(chat_id), type="private" if int(chat_id) > 0 else "supergroup"),
            from_user=BOT_USER,
            text=getattr(method, "text", None) or "ok",
        )

    async def stream_content(
        self,
        url: str,
        headers=None,
        timeout=30,  # noqa: ASYNC109 - aiogram's signature
        chunk_size=65536,
        raise_for_status=True,
    ):
        yield b"\x89PNG bench bytes"

    async def close(self) -> None:
        return None


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def summary_ms(values: list[float]) -> dict[str, float]:
    return {
        "p50": percentile(values, 0.50) * 1000,
        "p95": percentile(values, 0.95) * 1000,
        "p99": percentile(values, 0.99) * 1000,
        "mean": (statistics.fmean(values) * 1000) if values else 0.0,
    }


@asynccontextmanager
async def database(backend: str, workdir: str) -> AsyncIterator[str]:
    """A fresh migrated database of `backend`, dropped afterwards (and the notices'
    renderers registered: the benchmarks run services as the process does)."""
    presentation.install(Settings.model_construct())
    if backend == "sqlite":
        url = f"sqlite://{workdir}/bench-{uuid.uuid4().hex[:8]}.sqlite3"
        await migrate(url)
        await Tortoise.init(config=tortoise_config(url))
        try:
            yield url
        finally:
            await connections.close_all()
        return
    import asyncpg

    name = f"hd_bench_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(POSTGRES_ADMIN_URL.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        await migrate(url)
        await Tortoise.init(config=tortoise_config(url))
        yield url
    finally:
        await connections.close_all()
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def seed_desk(staff_chat_id: int, agents: list[int]) -> None:
    """A department (Billing) with a category (Invoices), its agents, the staff chat."""
    billing = await Department.create(name="Billing")
    await Category.create(department=billing, name="Invoices")
    for n, telegram_id in enumerate(agents):
        agent = await Agent.create(telegram_id=telegram_id, name=f"Agent {n}", role=AgentRole.AGENT)
        await agent.departments.add(billing)
    await update_settings({"staff_chat_id": staff_chat_id})


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as info:
            kb = int(info.readline().split()[1])
            memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; Linux {platform.release()}; "
        f"Python {platform.python_version()}; load average at the start {load} "
        "(the machine is shared)"
    )


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start


def table(headers: list[str], rows: list[list[Any]]) -> str:
    def cell(value: Any) -> str:
        return f"{value:.1f}" if isinstance(value, float) else str(value)

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
