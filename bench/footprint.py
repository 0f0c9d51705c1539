"""Memory of the real process: `python -m bot run` against the fake Bot API, idle after
start-up, then after answering a burst of customers."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import tempfile
from pathlib import Path

import aiohttp

from bench.common import TOKEN
from tests.fakebotapi import FakeBotAPI

ROOT = Path(__file__).resolve().parent.parent


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def measure(customers: int = 300) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as workdir:
        async with FakeBotAPI(token=TOKEN) as api:
            port = _free_port()
            env = {
                **os.environ,
                "BOT_TOKEN": TOKEN,
                "TELEGRAM_API_URL": api.base_url,
                "DATABASE_URL": f"sqlite://{workdir}/bot.sqlite3",
                "ADMIN_API_PORT": str(port),
                "ATTACHMENTS_DIR": f"{workdir}/files",
                "LOG_LEVEL": "WARNING",
            }
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", env=env, cwd=workdir
            )
            try:
                async with aiohttp.ClientSession() as http:
                    for _ in range(600):
                        try:
                            async with http.get(f"http://127.0.0.1:{port}/healthz") as r:
                                if r.status == 200:
                                    break
                        except aiohttp.ClientError:
                            pass
                        await asyncio.sleep(0.2)
                await asyncio.sleep(2)
                idle = _rss_mb(process.pid)
                users = [api.add_user(70_000 + i, f"C{i}") for i in range(customers)]
                for user in users:
                    user.send_text("/start")
                    user.send_text("/tickets")
                for _ in range(1500):
                    if len(api.sent_messages()) >= 2 * customers:
                        break
                    await asyncio.sleep(0.2)
                busy = _rss_mb(process.pid)
            finally:
                process.terminate()
                await process.wait()
    return {"idle_mb": idle, "busy_mb": busy, "customers": customers}
