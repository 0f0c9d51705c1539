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


# Telegram's chat ids have at most 52 significant bits: beyond them is nobody's chat.
ERASED_CHAT_BASE = 2**52


def erased_chat_id(customer_id: int) -> int:
    """The Telegram id an erased customer is left with (bot.services.erasure)."""
    return -(ERASED_CHAT_BASE + customer_id)


def is_erased_chat(chat_id: int) -> bool:
    return chat_id < -ERASED_CHAT_BASE


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

    # -- the interface the sender uses (shared with RedisRateLimiter) ---------------------

    async def wait_time(self, chat_id: int) -> float:
        """Seconds until a send to `chat_id` keeps its limits (0: now)."""
        return max(0.0, self.ready_at(chat_id) - self._clock())

    async def take(self, chat_id: int, count: int = 1) -> None:
        """Waits for the global budget and records the send(s) to `chat_id`."""
        await self.acquire_global(count)
        self.record(chat_id, count)

    async def punish(self, chat_id: int, seconds: float) -> None:
        self.penalize(chat_id, seconds)


# One Lua script per decision keeps check-and-record atomic across a fleet; Redis's own
# clock is the one clock every instance agrees on.
_WAIT = """
local now = redis.call('TIME')
now = tonumber(now[1]) + tonumber(now[2]) / 1e6
local wait = 0
local penalty = tonumber(redis.call('GET', KEYS[1]) or '0')
if penalty > now then wait = penalty - now end
if ARGV[1] == 'private' then
  local last = tonumber(redis.call('GET', KEYS[2]) or '0')
  local ready = last + tonumber(ARGV[2])
  if ready - now > wait then wait = ready - now end
else
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 60)
  if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then
    local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    local ready = tonumber(first[2]) + 60 + tonumber(ARGV[4])
    if ready - now > wait then wait = ready - now end
  end
end
return tostring(wait)
"""

_TAKE = """
local now = redis.call('TIME')
now = tonumber(now[1]) + tonumber(now[2]) / 1e6
local count = tonumber(ARGV[1])
local span = 1 + tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - span)
local used = redis.call('ZCARD', KEYS[1])
if used + count > tonumber(ARGV[2]) then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tostring(tonumber(first[2]) + span - now)
end
local seq = redis.call('INCRBY', KEYS[3], count)
for i = 1, count do
  redis.call('ZADD', KEYS[1], now, tostring(seq - count + i))
end
redis.call('PEXPIRE', KEYS[1], 5000)
if ARGV[4] == 'private' then
  redis.call('SET', KEYS[2], tostring(now), 'EX', 120)
else
  for i = 1, count do
    redis.call('ZADD', KEYS[2], now, tostring(seq - count + i))
  end
  redis.call('EXPIRE', KEYS[2], 120)
end
return '0'
"""


class RedisRateLimiter:
    """Telegram's limits shared by every instance of a fleet through Redis."""

    def __init__(self, redis, limits: Limits, prefix: str = "hd:rl") -> None:
        self.redis = redis
        self.limits = limits
        self.prefix = prefix
        self._wait = redis.register_script(_WAIT)
        self._take = redis.register_script(_TAKE)

    def _chat_key(self, chat_id: int) -> str:
        return f"{self.prefix}:chat:{chat_id}"

    async def wait_time(self, chat_id: int) -> float:
        kind = "private" if is_private(chat_id) else "group"
        result = await self._wait(
            keys=[f"{self.prefix}:pen:{chat_id}", self._chat_key(chat_id)],
            args=[
                kind,
                self.limits.private_interval + self.limits.margin,
                self.limits.group_per_minute,
                self.limits.margin,
            ],
        )
        return float(result)

    async def take(self, chat_id: int, count: int = 1) -> None:
        kind = "private" if is_private(chat_id) else "group"
        while True:
            wait = float(
                await self._take(
                    keys=[
                        f"{self.prefix}:global",
                        self._chat_key(chat_id),
                        f"{self.prefix}:seq",
                    ],
                    args=[count, self.limits.global_per_second, self.limits.margin, kind],
                )
            )
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    async def punish(self, chat_id: int, seconds: float) -> None:
        now_s, now_us = await self.redis.time()
        until = now_s + now_us / 1e6 + seconds
        await self.redis.set(f"{self.prefix}:pen:{chat_id}", repr(until), ex=int(seconds) + 5)
