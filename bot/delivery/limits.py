"""Telegram's sending limits, kept on our side so Telegram rarely has to say 429.

Telegram documents about 30 messages/s overall, about 1/s in one private chat and
20/min in one group. A small margin absorbs network jitter between our clock and
Telegram's.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    global_per_second: int = 30
    private_interval: float = 1.0
    group_per_minute: int = 20
    margin: float = 0.05

    @classmethod
    def unlimited(cls) -> Limits:
        return cls(
            global_per_second=10_000, private_interval=0.0, group_per_minute=10_000, margin=0
        )


def is_private(chat_id: int) -> bool:
    return chat_id > 0


class RateLimiter:
    """In-process limiter; `ready_at` never blocks, `acquire_global` waits its turn."""

    def __init__(self, limits: Limits, clock=time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._global: deque[float] = deque()
        self._private_last: dict[int, float] = {}
        self._group: dict[int, deque[float]] = {}
        self._penalty: dict[int, float] = {}
        self._lock = asyncio.Lock()

    def ready_at(self, chat_id: int) -> float:
        """The monotonic time from which a send to `chat_id` keeps the chat's limit."""
        now = self._clock()
        at = self._penalty.get(chat_id, 0.0)
        if is_private(chat_id):
            last = self._private_last.get(chat_id)
            if last is not None:
                at = max(at, last + self.limits.private_interval + self.limits.margin)
        else:
            window = self._group.get(chat_id)
            if window:
                self._trim(window, now, 60.0)
                if len(window) >= self.limits.group_per_minute:
                    at = max(at, window[0] + 60.0 + self.limits.margin)
        return at

    def record(self, chat_id: int, count: int = 1) -> None:
        now = self._clock()
        if is_private(chat_id):
            self._private_last[chat_id] = now
            self._forget_idle_chats(now)
        else:
            window = self._group.setdefault(chat_id, deque())
            window.extend([now] * count)

    def penalize(self, chat_id: int, seconds: float) -> None:
        """Telegram said 429 with retry_after: nothing to that chat until then."""
        self._penalty[chat_id] = self._clock() + seconds

    async def acquire_global(self, count: int = 1) -> None:
        async with self._lock:
            while True:
                now = self._clock()
                self._trim(self._global, now, 1.0 + self.limits.margin)
                if len(self._global) + count <= self.limits.global_per_second:
                    self._global.extend([now] * count)
                    return
                await asyncio.sleep(self._global[0] + 1.0 + self.limits.margin - now)

    @staticmethod
    def _trim(window: deque[float], now: float, span: float) -> None:
        while window and window[0] <= now - span:
            window.popleft()

    def _forget_idle_chats(self, now: float) -> None:
        # Keeps memory flat with many customers: entries older than any limit are useless.
        if len(self._private_last) > 10_000:
            horizon = now - 60
            self._private_last = {k: v for k, v in self._private_last.items() if v > horizon}
            self._penalty = {k: v for k, v in self._penalty.items() if v > now}
