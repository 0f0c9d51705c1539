"""Running the real `python -m bot run` process against the fake Bot API."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.support import TOKEN

STARTUP_TIMEOUT = 90.0  # importing aiogram's types alone takes seconds on a busy machine


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class BotProcess:
    def __init__(self, env: dict[str, str], cwd: Path, log_path: Path) -> None:
        self.env = env
        self.cwd = cwd
        self.log_path = log_path
        self.port = int(env["ADMIN_API_PORT"])
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        log = self.log_path.open("ab")
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=self.env, cwd=self.cwd, stdout=log, stderr=log
        )
        log.close()
        await self.wait_healthy()

    async def wait_healthy(self) -> dict:
        deadline = asyncio.get_running_loop().time() + STARTUP_TIMEOUT
        async with aiohttp.ClientSession() as http:
            while True:
                assert self.proc is not None
                if self.proc.returncode is not None:
                    raise AssertionError(f"process exited: {self.logs()}")
                try:
                    async with http.get(f"http://127.0.0.1:{self.port}/healthz") as response:
                        if response.status == 200:
                            return await response.json()
                except aiohttp.ClientError:
                    pass
                if asyncio.get_running_loop().time() > deadline:
                    raise AssertionError(f"not healthy in time: {self.logs()}")
                await asyncio.sleep(0.2)

    async def terminate(self, timeout: float = 10.0) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.proc.wait(), timeout)

    async def kill(self) -> None:
        assert self.proc is not None
        self.proc.kill()
        await self.proc.wait()

    def logs(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


async def run_cli(env: dict[str, str], *args: str, cwd: Path | str = "/") -> tuple[int, str, str]:
    """`python -m bot ARGS` to its end: the exit code, stdout and stderr (stripped)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), STARTUP_TIMEOUT)
    assert process.returncode is not None
    return process.returncode, stdout.decode().strip(), stderr.decode().strip()


@pytest.fixture
async def bot_process(api, tmp_path: Path) -> AsyncIterator[BotProcess]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_"))}
    env.update(
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=api.base_url,
        DATABASE_URL=f"sqlite://{tmp_path / 'bot.sqlite3'}",
        ADMIN_API_PORT=str(free_port()),
        ATTACHMENTS_DIR=str(tmp_path / "files"),
        LOG_LEVEL="INFO",
    )
    process = BotProcess(env, tmp_path, tmp_path / "bot.log")
    try:
        yield process
    finally:
        if process.proc is not None and process.proc.returncode is None:
            process.proc.kill()
            await process.proc.wait()
