"""Update pipeline: the customer wizard (8 updates a ticket) and an agent's claim and
answer, fed through the real dispatcher and database with a recording Bot API
session; beside a bare aiogram echo handler measured in the same run (the baseline)."""

from __future__ import annotations

import itertools
import tempfile
import time
from contextlib import nullcontext
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.types import Message, Update

from bench.common import TOKEN, RecordingSession, database, seed_desk, summary_ms
from bench.statements import Cost, counting
from bot.app import create_dispatcher
from bot.config import Settings
from models import OutboxMessage, Ticket
from models.enums import OutboxStatus

STAFF = -1001000000123
_ids = itertools.count(1)


def _user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"U{user_id}", "language_code": "en"}


def _message(chat_id: int, user_id: int, text: str, reply_to: int | None = None) -> Update:
    chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup", "title": "Staff"}
    message: dict[str, Any] = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": chat,
        "from": _user(user_id),
        "text": text,
    }
    if reply_to is not None:
        message["reply_to_message"] = {
            "message_id": reply_to,
            "date": int(time.time()),
            "chat": chat,
            "text": "card",
        }
    return Update.model_validate({"update_id": next(_ids), "message": message})


def _press(chat_id: int, user_id: int, button: tuple[str, int]) -> Update:
    data, message_id = button
    chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup", "title": "Staff"}
    return Update.model_validate(
        {
            "update_id": next(_ids),
            "callback_query": {
                "id": str(next(_ids)),
                "from": _user(user_id),
                "chat_instance": "1",
                "data": data,
                "message": {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": chat,
                    "from": {"id": 1, "is_bot": True, "first_name": "Bot"},
                    "text": "screen",
                },
            },
        }
    )


async def _deliver() -> None:
    """What the sender would do, outside the timing: mark queued rows sent, giving new
    messages Telegram ids (the handlers check which screen a button belongs to)."""
    pending = await OutboxMessage.filter(status=OutboxStatus.PENDING).order_by("id")
    for row in pending:
        telegram_id = 10_000_000 + row.id if row.method.startswith("send") else None
        await OutboxMessage.filter(id=row.id).update(
            status=OutboxStatus.SENT, telegram_message_id=telegram_id
        )


async def _button(chat_id: int, label: str) -> tuple[str, int]:
    """The callback data of `label` on the latest screen shown in the chat, and the
    Telegram id of the message carrying it."""
    rows = await OutboxMessage.filter(chat_id=chat_id).order_by("-id").limit(6)
    for row in rows:
        markup = row.payload.get("reply_markup") or {}
        for line in markup.get("inline_keyboard", []):
            for button in line:
                if label in button["text"]:
                    if row.telegram_message_id:
                        return button["callback_data"], row.telegram_message_id
                    if "message_id" in row.payload:
                        return button["callback_data"], row.payload["message_id"]
                    ref = await OutboxMessage.get(id=row.ref_id)
                    return button["callback_data"], ref.telegram_message_id
    raise LookupError(f"no {label!r} for chat {chat_id}")


class Feeder:
    def __init__(self, dp: Dispatcher, bot: Bot, *, deliver: bool = True) -> None:
        self.dp, self.bot = dp, bot
        self.deliver = deliver
        self.latencies: list[float] = []
        # When set, the statements the updates send are counted into it.
        self.cost: Cost | None = None

    async def feed(self, update: Update) -> None:
        with counting(self.cost) if self.cost is not None else nullcontext():
            started = time.perf_counter()
            await self.dp.feed_update(self.bot, update)
            self.latencies.append(time.perf_counter() - started)
        if self.deliver:
            await _deliver()


async def _wizard_and_answer(feeder: Feeder, customer: int, agent: int) -> None:
    await feeder.feed(_message(customer, customer, "/new"))
    await feeder.feed(_press(customer, customer, await _button(customer, "Billing")))
    await feeder.feed(_press(customer, customer, await _button(customer, "Invoices")))
    await feeder.feed(_press(customer, customer, await _button(customer, "normal")))
    await feeder.feed(_message(customer, customer, "Invoice charged twice"))
    await feeder.feed(_message(customer, customer, "The March invoice was charged twice."))
    await feeder.feed(_press(customer, customer, await _button(customer, "Skip")))
    await feeder.feed(_press(customer, customer, await _button(customer, "Send")))
    ticket = await Ticket.filter(customer__telegram_id=customer).order_by("-id").first()
    assert ticket is not None, "the wizard made no ticket"
    # The card "was sent": the sender would store its Telegram id.
    await Ticket.filter(id=ticket.id).update(staff_message_id=500_000 + ticket.id)
    await feeder.feed(_press(STAFF, agent, await _button(STAFF, "I'll answer")))
    await feeder.feed(
        _message(STAFF, agent, "We have refunded the second charge.", 500_000 + ticket.id)
    )


async def measure_helpdesk(
    backend: str, tickets: int, workdir: str, cost: Cost | None = None
) -> dict[str, Any]:
    """`cost`, when given, counts the statements of the measured updates (the driver
    hooks of bench.statements must be installed)."""
    async with database(backend, workdir) as url:
        settings = Settings(
            bot_token=TOKEN, database_url=url, attachments_dir=f"{workdir}/files", _env_file=None
        )
        await seed_desk(STAFF, [9001])
        session = RecordingSession()
        bot = Bot(TOKEN, session=session)
        dp = create_dispatcher(settings)
        feeder = Feeder(dp, bot)
        # Warm-up (imports, caches, first queries) is not measured.
        await _wizard_and_answer(feeder, 10_000_000, 9001)
        feeder.latencies.clear()
        feeder.cost = cost
        started = time.perf_counter()
        for n in range(tickets):
            await _wizard_and_answer(feeder, 20_000_000 + n, 9001)
        elapsed = time.perf_counter() - started
        made = await Ticket.all().count()
        assert made == tickets + 1, f"{made} tickets for {tickets + 1} wizards"
        return {
            "updates": len(feeder.latencies),
            "seconds": elapsed,
            "rate": len(feeder.latencies) / elapsed,
            **summary_ms(feeder.latencies),
        }


async def measure_echo(count: int) -> dict[str, Any]:
    """Bare aiogram: one handler answering every message, memory FSM storage."""
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    dp = Dispatcher()
    dp.include_router(router)
    bot = Bot(TOKEN, session=RecordingSession())
    feeder = Feeder(dp, bot, deliver=False)
    for n in range(50):
        await feeder.feed(_message(30_000_000 + n, 30_000_000 + n, "warm"))
    feeder.latencies.clear()
    started = time.perf_counter()
    for n in range(count):
        await feeder.feed(_message(40_000_000 + n % 1000, 40_000_000 + n % 1000, f"echo {n}"))
    elapsed = time.perf_counter() - started
    return {
        "updates": count,
        "seconds": elapsed,
        "rate": count / elapsed,
        **summary_ms(feeder.latencies),
    }


async def run(backends: list[str], tickets: int) -> list[dict[str, Any]]:
    results = []
    with tempfile.TemporaryDirectory() as workdir:
        for backend in backends:
            echo = await measure_echo(tickets * 10)
            helpdesk = await measure_helpdesk(backend, tickets, workdir)
            results.append(
                {"backend": backend, "echo": echo, "helpdesk": helpdesk, "when": datetime.now(UTC)}
            )
    return results
