"""What each kind of update costs: SQL statements (by kind, transaction control apart)
and milliseconds, through the real dispatcher, the real outbox sender and the fake
Bot API (sandbox/emulator, limits off), on a fresh database of each backend.

The bench acts as the people do in the fake (a customer types and presses the buttons
of the messages the bot sent; an agent presses «I'll answer» on the card and replies to
it), takes each update with getUpdates and feeds it to the dispatcher itself, one at a
time: the statements are those the update's task (and the tasks it starts) sends,
counted at the driver (bench/statements.py); the milliseconds are feed_update's, which
include the Bot API calls the update makes itself (callback answers; shown apart). The
outbox is then drained by the sender before the next action, outside the figures. A
bare aiogram echo bot (one handler answering through the same fake) is measured in the
same run as the baseline.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message

from bench.common import TOKEN, database, seed_desk, table
from bench.statements import BotApiCalls, Cost, counting, installed
from bot.app import create_bot, create_dispatcher, create_sender
from bot.config import Settings
from bot.delivery.limits import Limits, RateLimiter
from bot.delivery.outbox import now_utc
from models import OutboxMessage
from models.enums import OutboxStatus
from tests.fakebotapi import FakeBotAPI, FakeUser

STAFF = -1001000000321
AGENT = 9101
ECHO = "aiogram echo (baseline)"
# In the order a ticket meets them.
TYPES = [
    "/new",
    "press department",
    "press category",
    "press priority",
    "typed subject",
    "typed description",
    "press Skip (no attachments)",
    "press Send",
    "agent claim (I'll answer)",
    "agent reply",
    "customer follow-up message",
    "agent note",
]


class Desk:
    """The fake's people acting, and their updates fed to one dispatcher in turn."""

    def __init__(self, api: FakeBotAPI, bot: Bot, dp: Dispatcher, sender: Any = None) -> None:
        self.api, self.bot, self.dp = api, bot, dp
        self.sender = sender
        self.offset = 0
        self.costs: dict[str, list[Cost]] = defaultdict(list)
        self.seconds: dict[str, list[float]] = defaultdict(list)
        self.cpu: dict[str, list[float]] = defaultdict(list)
        self.recording = False

    async def handle(self, label: str, act: Callable[[], Any]) -> None:
        act()
        updates = await self.bot.get_updates(offset=self.offset, timeout=0)
        assert len(updates) == 1, f"{label}: {len(updates)} updates"
        self.offset = updates[0].update_id + 1
        cost = Cost()
        with counting(cost):
            cpu = time.process_time()
            started = time.perf_counter()
            await self.dp.feed_update(self.bot, updates[0])
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu
        if self.recording:
            self.costs[label].append(cost)
            self.seconds[label].append(elapsed)
            self.cpu[label].append(cpu)
        if self.sender is not None:
            await _drained(self.sender)

    def button(self, chat_id: int, label: str) -> tuple[dict[str, Any], str]:
        """The newest bot message in the chat with a button saying `label`, and its data."""
        for message in reversed(self.api.bot_messages(chat_id)):
            markup = message.get("reply_markup") or {}
            for row in markup.get("inline_keyboard", []):
                for button in row:
                    if label in button["text"] and "callback_data" in button:
                        return message, button["callback_data"]
        raise LookupError(f"no {label!r} button in chat {chat_id}")

    async def press(self, label: str, user: FakeUser, chat_id: int, button: str) -> None:
        message, data = self.button(chat_id, button)
        await self.handle(label, lambda: user.press(message, data))

    async def wizard(self, customer: FakeUser) -> dict[str, Any]:
        """A new ticket through the wizard; returns its card in the staff chat."""
        me = customer.id
        await self.handle("/new", lambda: customer.send_text("/new"))
        await self.press("press department", customer, me, "Billing")
        await self.press("press category", customer, me, "Invoices")
        await self.press("press priority", customer, me, "normal")
        await self.handle("typed subject", lambda: customer.send_text("Invoice charged twice"))
        await self.handle(
            "typed description",
            lambda: customer.send_text("The March invoice was charged twice, please refund."),
        )
        await self.press("press Skip (no attachments)", customer, me, "Skip")
        await self.press("press Send", customer, me, "Send")
        card, _ = self.button(STAFF, "I'll answer")
        return card

    async def claim(self, agent: FakeUser, card: dict[str, Any]) -> None:
        data = self.button(STAFF, "I'll answer")[1]
        await self.handle("agent claim (I'll answer)", lambda: agent.press(card, data))

    async def answer(self, agent: FakeUser, card: dict[str, Any], text: str) -> None:
        await self.handle(
            "agent reply",
            lambda: agent.send_text(text, STAFF, reply_to_message_id=card["message_id"]),
        )

    async def ticket(self, customer: FakeUser, agent: FakeUser) -> None:
        card = await self.wizard(customer)
        await self.claim(agent, card)
        await self.answer(agent, card, "We have refunded the second charge.")
        answer = self.api.bot_messages(customer.id)[-1]
        await self.handle(
            "customer follow-up message",
            lambda: customer.send_text(
                "Thank you, I can see it now.", reply_to_message_id=answer["message_id"]
            ),
        )
        await self.handle(
            "agent note",
            lambda: agent.send_text(
                "/note refund confirmed by the customer",
                STAFF,
                reply_to_message_id=card["message_id"],
            ),
        )


@asynccontextmanager
async def in_process(api: FakeBotAPI, settings: Settings) -> AsyncIterator[Desk]:
    """The product's bot, dispatcher and sender in this process, on the initialised ORM,
    talking to `api` with Telegram's limits off."""
    bot = create_bot(settings)
    sender = create_sender(settings, bot, RateLimiter(Limits.unlimited()))
    dp = create_dispatcher(settings, wake_outbox=sender.wake)
    bot.session.middleware(BotApiCalls())
    sending = asyncio.create_task(sender.run())
    try:
        yield Desk(api, bot, dp, sender)
        failed = await OutboxMessage.filter(status=OutboxStatus.FAILED).count()
        assert not failed, f"{failed} outbox rows failed"
    finally:
        await sender.stop()
        sending.cancel()
        await asyncio.gather(sending, return_exceptions=True)
        await bot.session.close()


def settings_for(api: FakeBotAPI, url: str, workdir: str) -> Settings:
    return Settings(
        bot_token=TOKEN,
        telegram_api_url=api.base_url,
        database_url=url,
        attachments_dir=f"{workdir}/files",
        _env_file=None,
    )


DRAIN_SECONDS = 30.0


async def _drained(sender: Any) -> None:
    """Until the sender has sent every row that is due (outside the figures). It is woken
    every time: a wake-up that comes while it is looking for rows can be lost (then it
    looks again after its poll interval)."""
    deadline = time.monotonic() + DRAIN_SECONDS
    while await OutboxMessage.filter(
        status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING], due_at__lte=now_utc()
    ).exists():
        if time.monotonic() > deadline:
            left = await OutboxMessage.filter(
                status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING], due_at__lte=now_utc()
            ).values("id", "chat_id", "method", "status", "due_at", "attempts")
            raise RuntimeError(f"the outbox was not drained in time: {left}")
        sender.wake()
        await asyncio.sleep(0.002)


async def measure_helpdesk(backend: str, tickets: int, workdir: str) -> dict[str, Any]:
    async with database(backend, workdir) as url, FakeBotAPI(token=TOKEN) as api:
        await seed_desk(STAFF, [AGENT])
        agent = api.add_user(AGENT, "Ann")
        api.add_group(STAFF, "Staff", members={agent: "member"})
        async with in_process(api, settings_for(api, url, workdir)) as desk:
            # Warm-up (imports, caches, the staff chat's first probe) is not measured.
            await desk.ticket(api.add_user(10_000_000, "Warm"), agent)
            desk.recording = True
            started = time.perf_counter()
            for n in range(tickets):
                await desk.ticket(api.add_user(20_000_000 + n, f"C{n}"), agent)
            elapsed = time.perf_counter() - started
    return {"backend": backend, "rows": _rows(desk), "seconds": elapsed, "tickets": tickets}


def _rows(desk: Desk) -> dict[str, dict[str, Any]]:
    rows = {}
    everything: list[Cost] = []
    all_seconds: list[float] = []
    all_cpu: list[float] = []
    for label in TYPES:
        costs, seconds, cpu = desk.costs[label], desk.seconds[label], desk.cpu[label]
        rows[label] = _summary(costs, seconds, cpu)
        everything += costs
        all_seconds += seconds
        all_cpu += cpu
    rows["all updates (mean)"] = _summary(everything, all_seconds, all_cpu)
    return rows


def _summary(costs: list[Cost], seconds: list[float], cpu: list[float]) -> dict[str, Any]:
    n = len(costs)
    kinds: dict[str, float] = defaultdict(float)
    for cost in costs:
        for kind, count in cost.kinds.items():
            kinds[kind] += count / n
    totals = [cost.statements for cost in costs]
    return {
        "updates": n,
        "statements": statistics.fmean(totals),
        "statements_min": min(totals),
        "statements_max": max(totals),
        "kinds": dict(kinds),
        "api_calls": statistics.fmean(sum(c.api_calls.values()) for c in costs),
        "api_ms": statistics.fmean(c.api_seconds for c in costs) * 1000,
        "p50_ms": statistics.median(seconds) * 1000,
        "mean_ms": statistics.fmean(seconds) * 1000,
        "cpu_ms": statistics.fmean(cpu) * 1000,
    }


async def measure_echo(count: int) -> dict[str, Any]:
    """Bare aiogram through the same fake: one handler answering every message."""
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    dp = Dispatcher()
    dp.include_router(router)
    async with FakeBotAPI(token=TOKEN) as api:
        bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(api.base_url)))
        desk = Desk(api, bot, dp)
        users = [api.add_user(30_000_000 + n, f"E{n}") for n in range(50)]
        try:
            for n in range(50 + count):
                desk.recording = n >= 50
                user = users[n % len(users)]
                await desk.handle(ECHO, lambda user=user, n=n: user.send_text(f"echo {n}"))
        finally:
            await bot.session.close()
    return _summary(desk.costs[ECHO], desk.seconds[ECHO], desk.cpu[ECHO])


async def run(backends: list[str], tickets: int) -> list[dict[str, Any]]:
    results = []
    with installed(), tempfile.TemporaryDirectory() as workdir:
        for backend in backends:
            echo = await measure_echo(tickets * 4)
            helpdesk = await measure_helpdesk(backend, tickets, workdir)
            results.append({**helpdesk, "echo": echo})
    return results


def _number(value: float) -> str:
    value = round(float(value), 1)
    return str(int(value)) if value.is_integer() else f"{value:.1f}"


def _row(label: str, row: dict[str, Any], echo_p50: float) -> list[Any]:
    kinds = row["kinds"]
    statements = _number(row["statements"])
    if row["statements_min"] != row["statements_max"]:
        statements += f" ({row['statements_min']}–{row['statements_max']})"
    shown = {"SELECT", "INSERT", "UPDATE", "DELETE", "BEGIN", "SAVEPOINT", "RELEASE", "COMMIT"}
    other = ", ".join(
        f"{kind} {_number(count)}" for kind, count in sorted(kinds.items()) if kind not in shown
    )
    api = f"{_number(row['api_calls'])} ({row['api_ms']:.1f} ms)" if row["api_calls"] else "0"
    return [
        label,
        f"**{statements}**",
        _number(kinds.get("SELECT", 0)),
        _number(kinds.get("INSERT", 0)),
        _number(kinds.get("UPDATE", 0)),
        _number(kinds.get("DELETE", 0)),
        _number(kinds.get("BEGIN", 0)),
        _number(kinds.get("SAVEPOINT", 0) + kinds.get("RELEASE", 0)),
        _number(kinds.get("COMMIT", 0)),
        other or "–",
        api,
        f"{row['p50_ms']:.1f}",
        f"{row['mean_ms']:.1f}",
        f"{row['cpu_ms']:.1f}",
        f"{row['p50_ms'] / echo_p50:.1f}×",
    ]


HEADERS = [
    "update",
    "statements",
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "BEGIN",
    "SAVEPOINT + RELEASE",
    "COMMIT",
    "other",
    "its Bot API calls",
    "ms p50",
    "ms mean",
    "CPU ms mean",
    "p50 vs echo",
]


def render(results: list[dict[str, Any]]) -> str:
    parts = []
    for result in results:
        echo = result["echo"]
        rows = [_row(ECHO, echo, echo["p50_ms"])]
        rows += [_row(label, row, echo["p50_ms"]) for label, row in result["rows"].items()]
        parts.append(
            f"### {result['backend']}: {result['tickets']} tickets "
            f"({result['tickets'] * len(TYPES)} updates, {result['seconds']:.0f} s with the "
            "sender draining between them)\n\n" + table(HEADERS, rows)
        )
    return (
        "Each update fed to the real dispatcher on its own, then the outbox drained by the "
        "real sender through the fake Bot API before the next (bench/update_types.py). "
        "Statements are counted at the driver and attributed to the update's task: "
        "**statements** is everything sent, transaction control included; *other* is "
        "SQLite's `last_insert_rowid()` after each INSERT (ROWID, no round trip) or the "
        "reset asyncpg sends when a connection goes back to the pool (RESET, one round "
        "trip, after every statement outside a transaction). Milliseconds are "
        "`feed_update`'s and include the update's own Bot API calls (callback answers, "
        "answered by the in-process fake); CPU ms is this process's CPU time over the same "
        "span (all its threads: aiosqlite's too, and the fake answering those calls; not "
        "PostgreSQL's server), which a busy machine inflates less than wall time. The echo "
        "baseline answers through the same fake.\n\n" + "\n\n".join(parts)
    )
