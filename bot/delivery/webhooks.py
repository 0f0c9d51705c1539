"""The webhook sender: POSTs queued webhook deliveries (bot.services.webhooks).

- a delivery is claimed by compare-and-set (PENDING -> SENDING with a lease, at the
  attempt count it read), so in a fleet one instance sends it; a sender that died
  leaves its rows SENDING until the lease ends, then any instance takes them back;
- network errors, timeouts, 5xx, 408 and 429 are retried with exponential back-off
  (with jitter) until MAX_ATTEMPTS; other answers are final: 2xx delivered, the rest
  failed (the receiver refused it; sending again would not help);
- at-least-once: a kill after the receiver answered and before the outcome is
  recorded sends it again, with the same X-Helpdesk-Delivery id for the receiver to
  drop.

Time is the desk's clock (bot.clock): tests move it instead of sleeping.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import random
from collections.abc import Callable
from datetime import datetime, timedelta

import aiohttp

from bot import clock
from bot.periodic import Periodic
from models import WebhookDelivery
from models.enums import DeliveryStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BASE_BACKOFF = 10.0  # seconds before the 2nd attempt; doubles each time
MAX_BACKOFF = 3600.0
TIMEOUT = 10.0
LEASE = 60.0
BATCH = 20
RETRIED_CODES = frozenset({408, 429})
ERROR_LIMIT = 500


def sign(secret: str, body: bytes) -> str:
    """The X-Helpdesk-Signature value: HMAC-SHA256 of the raw body with the secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def backoff_seconds(attempts: int, jitter: float = 1.0) -> float:
    """The wait after the `attempts`-th failed attempt: 10 s, 20 s, 40 s ... at most an
    hour, times `jitter` (0.8-1.2 by default, so a receiver that was down is not hit by
    every queued delivery in the same second)."""
    return min(MAX_BACKOFF, BASE_BACKOFF * 2 ** max(0, attempts - 1)) * jitter


def _default_jitter() -> float:
    return random.uniform(0.8, 1.2)


class WebhookSender(Periodic):
    name = "webhook sender"

    def __init__(
        self,
        interval: float = 2.0,
        *,
        now: Callable[[], datetime] = clock.now,
        jitter: Callable[[], float] = _default_jitter,
        max_attempts: int = MAX_ATTEMPTS,
        timeout: float = TIMEOUT,
        lease: float = LEASE,
        batch: int = BATCH,
    ) -> None:
        super().__init__(interval)
        self.now = now
        self.jitter = jitter
        self.max_attempts = max_attempts
        self.timeout = timeout
        self.lease = lease
        self.batch = batch
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                headers={"User-Agent": "telegram-helpdesk-webhooks"},
            )
        return self._session

    async def run_once(self) -> int:
        return await self.deliver_due()

    async def deliver_due(self) -> int:
        """Sends what is due now; returns how many deliveries were attempted."""
        moment = self.now()
        # Rows of a sender that died mid-attempt.
        await WebhookDelivery.filter(status=DeliveryStatus.SENDING, lease_until__lt=moment).update(
            status=DeliveryStatus.PENDING, lease_until=None
        )
        due = await (
            WebhookDelivery.filter(status=DeliveryStatus.PENDING, due_at__lte=moment)
            .order_by("due_at", "id")
            .limit(self.batch)
            .values_list("id", "attempts")
        )
        claimed = []
        for delivery_id, attempts in due:
            if await self.claim(delivery_id, attempts, moment):
                claimed.append(delivery_id)
        if not claimed:
            return 0
        rows = await WebhookDelivery.filter(id__in=claimed).select_related("webhook")
        await asyncio.gather(*(self._attempt(row) for row in rows))
        return len(rows)

    async def claim(self, delivery_id: int, attempts: int, moment: datetime) -> bool:
        """Takes the delivery for one attempt unless another sender did (the attempt
        count it read doubles as the claim's token)."""
        return bool(
            await WebhookDelivery.filter(
                id=delivery_id, status=DeliveryStatus.PENDING, attempts=attempts
            ).update(
                status=DeliveryStatus.SENDING,
                attempts=attempts + 1,
                lease_until=moment + timedelta(seconds=self.lease),
            )
        )

    async def _attempt(self, row: WebhookDelivery) -> None:
        webhook = row.webhook
        code: int | None = None
        error: str | None = None
        retry = False
        if not webhook.active:
            error = "the webhook is inactive"
        else:
            body = json.dumps(row.payload, ensure_ascii=False, separators=(",", ":")).encode()
            headers = {
                "Content-Type": "application/json",
                "X-Helpdesk-Event": row.event,
                "X-Helpdesk-Delivery": row.key,
                "X-Helpdesk-Signature": sign(webhook.secret, body),
            }
            try:
                async with self._client().post(
                    webhook.url, data=body, headers=headers, allow_redirects=False
                ) as response:
                    code = response.status
                    if code >= 300:
                        error = f"HTTP {code}: {(await response.text(errors='replace'))[:200]}"
            except TimeoutError:
                error, retry = "timed out", True
            except aiohttp.ClientError as exc:
                error, retry = f"{type(exc).__name__}: {exc}", True
            if code is not None and (code >= 500 or code in RETRIED_CODES):
                retry = True
        await self._record(row, code, error, retry)

    async def _record(
        self, row: WebhookDelivery, code: int | None, error: str | None, retry: bool
    ) -> None:
        moment = self.now()
        fields: dict = {"last_status_code": code, "last_error": error and error[:ERROR_LIMIT]}
        if error is None:
            fields.update(status=DeliveryStatus.DELIVERED, delivered_at=moment)
        elif retry and row.attempts < self.max_attempts:
            wait = backoff_seconds(row.attempts, self.jitter())
            fields.update(status=DeliveryStatus.PENDING, due_at=moment + timedelta(seconds=wait))
        else:
            fields.update(status=DeliveryStatus.FAILED)
            log.warning(
                "webhook %s delivery %s failed for good after %s attempts: %s",
                row.webhook_id,
                row.key,
                row.attempts,
                error,
            )
        # Only the claim this attempt made: a row taken back meanwhile is another's now.
        await WebhookDelivery.filter(
            id=row.id, status=DeliveryStatus.SENDING, attempts=row.attempts
        ).update(lease_until=None, **fields)
