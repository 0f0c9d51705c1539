"""Prometheus metrics at /metrics (text exposition format, no extra dependency).

Counters and the handler-latency histogram live in this process; the outbox depth and
age and tickets by status are read from the database at scrape time (the same for
every instance of a fleet)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, cast

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from tortoise.functions import Count, Min

from bot.delivery.outbox import now_utc
from models import OutboxMessage, Ticket
from models.enums import OutboxStatus

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    def __init__(self) -> None:
        self.updates: Counter[tuple[str, str]] = Counter()
        self.latency_buckets = [0] * len(BUCKETS)
        self.latency_sum = 0.0
        self.latency_count = 0

    def observe(self, kind: str, outcome: str, seconds: float) -> None:
        self.updates[(kind, outcome)] += 1
        self.latency_sum += seconds
        self.latency_count += 1
        for index, bound in enumerate(BUCKETS):
            if seconds <= bound:
                self.latency_buckets[index] += 1


class MetricsMiddleware(BaseMiddleware):
    """Counts every update by type and outcome, and times its handling."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        assert isinstance(event, Update)
        started = time.perf_counter()
        outcome = "error"
        try:
            result = await handler(event, data)
            outcome = "ok"
            return result
        finally:
            self.metrics.observe(event.event_type, outcome, time.perf_counter() - started)


def _line(name: str, value: float, **labels: str) -> str:
    if labels:
        inner = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
        return f"{name}{{{inner}}} {value}"
    return f"{name} {value}"


async def render(metrics: Metrics, sender_stats: Counter[str]) -> str:
    out = [
        "# HELP helpdesk_updates_total Telegram updates handled, by type and outcome.",
        "# TYPE helpdesk_updates_total counter",
    ]
    for (kind, outcome), value in sorted(metrics.updates.items()):
        out.append(_line("helpdesk_updates_total", value, type=kind, outcome=outcome))
    out += [
        "# HELP helpdesk_handler_seconds Time to handle one update.",
        "# TYPE helpdesk_handler_seconds histogram",
    ]
    for bound, value in zip(BUCKETS, metrics.latency_buckets, strict=True):
        out.append(_line("helpdesk_handler_seconds_bucket", value, le=str(bound)))
    out.append(_line("helpdesk_handler_seconds_bucket", metrics.latency_count, le="+Inf"))
    out.append(_line("helpdesk_handler_seconds_sum", round(metrics.latency_sum, 6)))
    out.append(_line("helpdesk_handler_seconds_count", metrics.latency_count))
    out += [
        "# HELP helpdesk_sends_total Bot API sends by this instance, by result.",
        "# TYPE helpdesk_sends_total counter",
    ]
    # "unchanged": edits not sent because they would not have changed the message.
    for result in ("sent", "unchanged", "retry_after", "transient", "failed", "blocked"):
        out.append(_line("helpdesk_sends_total", sender_stats.get(result, 0), result=result))
    out += [
        "# HELP helpdesk_telegram_429_total 429 Too Many Requests answers received.",
        "# TYPE helpdesk_telegram_429_total counter",
        _line("helpdesk_telegram_429_total", sender_stats.get("retry_after", 0)),
    ]
    waiting = [OutboxStatus.PENDING, OutboxStatus.SENDING]
    depth = await OutboxMessage.filter(status__in=waiting).count()
    oldest = cast(
        datetime | None,
        await OutboxMessage.filter(status__in=waiting)
        .annotate(first=Min("created_at"))
        .first()
        .values_list("first", flat=True),
    )
    age = (now_utc() - oldest).total_seconds() if oldest else 0.0
    out += [
        "# HELP helpdesk_outbox_depth Messages waiting to be sent.",
        "# TYPE helpdesk_outbox_depth gauge",
        _line("helpdesk_outbox_depth", depth),
        "# HELP helpdesk_outbox_oldest_seconds Age of the oldest waiting message.",
        "# TYPE helpdesk_outbox_oldest_seconds gauge",
        _line("helpdesk_outbox_oldest_seconds", round(max(age, 0.0), 3)),
        "# HELP helpdesk_tickets Tickets by status.",
        "# TYPE helpdesk_tickets gauge",
    ]
    rows = (
        await Ticket.all()
        .annotate(n=Count("id"))
        .group_by("status__name")
        .values_list("status__name", "n")
    )
    for status, count in sorted(rows):
        safe = str(status).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
        out.append(_line("helpdesk_tickets", count, status=safe))
    return "\n".join(out) + "\n"
