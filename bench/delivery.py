"""Delivery against Telegram's limits: the strict fake Bot API enforcing 30/s overall,
1/s per private chat and 20/min per group; the real sender drains an outbox of
3,000 messages to 1,000 customers and 200 to the staff group."""

from __future__ import annotations

import asyncio
import json
import logging
import math
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bench.common import TOKEN, database
from bot.delivery import outbox
from bot.delivery.limits import Limits, RateLimiter
from bot.delivery.sender import Sender
from models import OutboxMessage
from models.enums import OutboxStatus
from tests.fakebotapi import FakeBotAPI

STAFF = -1001000000456
ROOT = Path(__file__).resolve().parent.parent


async def measure(backend: str, customers: int, per_customer: int, group: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as workdir:
        async with database(backend, workdir), FakeBotAPI(token=TOKEN, enforce_limits=True) as api:
            api.add_group(STAFF, "Staff")
            users = [api.add_user(60_000 + i, f"C{i}").id for i in range(customers)]
            expected = Counter()
            for round_ in range(per_customer):
                for user in users:
                    text = f"{user}:{round_}"
                    await outbox.send_text(user, text)
                    expected[text] += 1
            for n in range(group):
                text = f"staff:{n}"
                await outbox.send_text(STAFF, text)
                expected[text] += 1
            bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(api.base_url)))
            sender = Sender(bot, RateLimiter(Limits()), poll_interval=0.05, concurrency=64)
            started = time.monotonic()
            task = asyncio.create_task(sender.run())
            total = len(expected)
            deadline = started + 60 + group * 3.5 + total / 20
            while time.monotonic() < deadline:
                left = await OutboxMessage.filter(
                    status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING]
                ).count()
                if not left:
                    break
                await asyncio.sleep(0.5)
            await sender.stop()
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await bot.session.close()
            sent = api.sent_messages()
            seen = Counter(m["text"] for m in sent)
            private_times = sorted(
                c.time for c in api.calls("sendMessage", ok=True) if int(c.chat_id) > 0
            )
            group_times = sorted(
                c.time for c in api.calls("sendMessage", ok=True) if int(c.chat_id) < 0
            )
            refused = [c for c in api.calls("sendMessage") if not c.ok and c.status == 429]
            private_span = private_times[-1] - private_times[0] if len(private_times) > 1 else 0
            private_rate = (len(private_times) - 1) / private_span if private_span else 0.0
            # n group messages need ceil(n/20) - 1 full minutes at 20/min.
            group_allowed = (math.ceil(len(group_times) / 20) - 1) * 60.0
            group_span = group_times[-1] - group_times[0] if len(group_times) > 1 else 0.0
            return {
                "backend": backend,
                "messages": total,
                "sent": sum(min(seen[t], n) for t, n in expected.items()),
                "lost": sum(max(0, n - seen[t]) for t, n in expected.items()),
                "duplicated": sum(max(0, seen[t] - n) for t, n in expected.items()),
                "status_429": len(refused),
                "sends": len(api.calls("sendMessage")),
                "private_rate": private_rate,
                "private_fraction": private_rate / Limits().global_per_second,
                "group_fraction": (group_allowed / group_span) if group_span else 1.0,
                "group_seconds": group_span,
                "seconds": time.monotonic() - started,
            }


async def run(backends: list[str], customers: int, per_customer: int, group: int):
    """The backends run side by side in their own processes (each with its own fake
    Telegram): the group's 20/min sets a floor of ~10 minutes, paid once."""

    async def one(backend: str) -> dict[str, Any]:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.delivery",
            backend,
            str(customers),
            str(per_customer),
            str(group),
            stdout=asyncio.subprocess.PIPE,
            cwd=str(ROOT),
        )
        out, _ = await process.communicate()
        if process.returncode:
            raise RuntimeError(f"delivery benchmark on {backend} failed")
        return json.loads(out.decode().strip().splitlines()[-1])

    return await asyncio.gather(*(one(b) for b in backends))


if __name__ == "__main__":
    logging.basicConfig(level=logging.ERROR)
    name, *numbers = sys.argv[1:]
    result = asyncio.run(measure(name, *(int(n) for n in numbers)))
    print(json.dumps(result))
