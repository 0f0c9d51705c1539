"""Periodic clean-up: forget old update ids, delivered outbox rows and what long
untouched messages show."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.delivery import shown
from bot.delivery.outbox import now_utc
from bot.periodic import Periodic
from models import OutboxMessage, ProcessedUpdate
from models.enums import OutboxStatus

log = logging.getLogger(__name__)

# Telegram keeps an undelivered update for 24 hours; remembering ids for 3 days covers it.
UPDATE_ID_RETENTION = timedelta(days=3)
SENT_ROW_RETENTION = timedelta(days=30)


class Housekeeper(Periodic):
    name = "housekeeping"

    def __init__(self, interval: float = 3600.0) -> None:
        super().__init__(interval)

    async def run_once(self) -> tuple[int, int]:
        return await self.sweep()

    async def sweep(self) -> tuple[int, int]:
        now = now_utc()
        updates = await ProcessedUpdate.filter(received_at__lt=now - UPDATE_ID_RETENTION).delete()
        rows = await OutboxMessage.filter(
            status=OutboxStatus.SENT, sent_at__lt=now - SENT_ROW_RETENTION
        ).delete()
        messages = await shown.forget_before(now - SENT_ROW_RETENTION)
        if updates or rows or messages:
            log.info(
                "housekeeping: forgot %d update ids, %d sent outbox rows, %d shown messages",
                updates,
                rows,
                messages,
            )
        return updates, rows
