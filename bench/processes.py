"""Bots as separate processes against the fake Bot API, as a service manager would start
them, with their memory and CPU time read from /proc (what they cost, not the fake)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp

from bench.common import TOKEN
from tests.fakebotapi import FakeBotAPI

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT = 120.0
_TICK = os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    with open(f"/proc/{pid}/stat") as stat:
        # The command name (field 2) may hold spaces: count from after its ")".
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Proc:
    def __init__(self, process: asyncio.subprocess.Process, log: Path, port: int | None) -> None:
        self.process = process
        self.pid = process.pid
        self.log = log
        self.port = port

    def rss_mb(self) -> float:
        return rss_mb(self.pid)

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid)

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()


def helpdesk_env(api: FakeBotAPI, workdir: str, database_url: str, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_"))}
    env.update(
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=api.base_url,
        DATABASE_URL=database_url,
        ADMIN_API_PORT=str(port),
        ATTACHMENTS_DIR=f"{workdir}/files",
        LOG_LEVEL=os.environ.get("BENCH_BOT_LOG_LEVEL", "WARNING"),
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    env.pop("STAFF_CHAT_ID", None)
    return env


@asynccontextmanager
async def helpdesk(
    api: FakeBotAPI, workdir: str, database_url: str, *, unlimited: bool = False
) -> AsyncIterator[Proc]:
    """`python -m bot run` (or, `unlimited`, the same process with Telegram's limits off
    on its side: bench.helpdesk_unlimited), healthy when this yields."""
    port = free_port()
    log = Path(workdir) / f"helpdesk-{port}.log"
    module = "bench.helpdesk_unlimited" if unlimited else "bot"
    args = [sys.executable, "-m", module] + ([] if unlimited else ["run"])
    with log.open("ab") as out:
        process = await asyncio.create_subprocess_exec(
            *args,
            env=helpdesk_env(api, workdir, database_url, port),
            cwd=workdir,
            stdout=out,
            stderr=out,
        )
    proc = Proc(process, log, port)
    since = api.mark()
    try:
        deadline = asyncio.get_running_loop().time() + STARTUP_TIMEOUT
        async with aiohttp.ClientSession() as http:
            while True:
                if process.returncode is not None:
                    raise RuntimeError(f"the helpdesk process exited:\n{proc.tail()}")
                try:
                    async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                        if response.status == 200:
                            break
                except aiohttp.ClientError:
                    pass
                if asyncio.get_running_loop().time() > deadline:
                    raise RuntimeError(f"the helpdesk process did not start:\n{proc.tail()}")
                await asyncio.sleep(0.2)
        # Healthy means the HTTP side is up; the bot is up once it polls.
        await api.wait_until(
            lambda: any(r.method == "getUpdates" for r in api.requests[since:]),
            timeout=STARTUP_TIMEOUT,
        )
        try:
            yield proc
        except Exception as exc:
            raise RuntimeError(f"{exc}\nthe helpdesk process's log ends:\n{proc.tail()}") from exc
    finally:
        await _stop(process)


@asynccontextmanager
async def bare_bot(api: FakeBotAPI, workdir: str, staff_chat_id: int) -> AsyncIterator[Proc]:
    """bench.bare_bot, polling when this yields."""
    log = Path(workdir) / "bare-bot.log"
    env: dict[str, Any] = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": api.base_url,
        "PYTHONPATH": str(ROOT),
    }
    since = api.mark()
    with log.open("ab") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.bare_bot",
            str(staff_chat_id),
            env=env,
            cwd=workdir,
            stdout=out,
            stderr=out,
        )
    proc = Proc(process, log, None)
    try:
        await api.wait_until(
            lambda: any(r.method == "getUpdates" for r in api.requests[since:]),
            timeout=STARTUP_TIMEOUT,
        )
        yield proc
    finally:
        await _stop(process)
