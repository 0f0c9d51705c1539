"""Periodic clean-up: forget old update ids and delivered outbox rows."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from bot.delivery.outbox import now_utc
from models import OutboxMessage, ProcessedUpdate
from models.enums import OutboxStatus

log = logging.getLogger(__name__)

# Telegram keeps an undelivered update for 24 hours; remembering ids for 3 days covers it.
UPDATE_ID_RETENTION = timedelta(days=3)
SENT_ROW_RETENTION = timedelta(days=30)


class Housekeeper:
    def __init__(self, interval: float = 3600.0) -> None:
        self.interval = interval
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def run(self) -> None:
        while not self._stop.is_set():
            try:
                await self.sweep()
            except Exception:
                log.exception("housekeeping failed; will try again")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), self.interval)

    async def sweep(self) -> tuple[int, int]:
        now = now_utc()
        updates = await ProcessedUpdate.filter(received_at__lt=now - UPDATE_ID_RETENTION).delete()
        rows = await OutboxMessage.filter(
            status=OutboxStatus.SENT, sent_at__lt=now - SENT_ROW_RETENTION
        ).delete()
        if updates or rows:
            log.info("housekeeping: forgot %d update ids, %d sent outbox rows", updates, rows)
        return updates, rows
