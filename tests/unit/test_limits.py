"""The rate limiter keeps Telegram's limits with a controllable clock."""

import pytest

from bot.delivery.limits import Limits, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_private_chat_gets_one_message_per_second():
    clock = Clock()
    limiter = RateLimiter(Limits(margin=0.0), clock=clock)
    assert limiter.ready_at(5) <= clock.now
    limiter.record(5)
    assert limiter.ready_at(5) == pytest.approx(clock.now + 1.0)
    assert limiter.ready_at(6) <= clock.now  # other chats are independent
    clock.now += 1.0
    assert limiter.ready_at(5) <= clock.now


def test_group_gets_twenty_per_minute():
    clock = Clock()
    limiter = RateLimiter(Limits(margin=0.0), clock=clock)
    for _ in range(20):
        assert limiter.ready_at(-100) <= clock.now
        limiter.record(-100)
        clock.now += 1
    # The 21st waits until the first of the window is a minute old.
    assert limiter.ready_at(-100) == pytest.approx(1000.0 + 60.0)


def test_retry_after_penalty_holds_the_chat():
    clock = Clock()
    limiter = RateLimiter(Limits(), clock=clock)
    limiter.penalize(7, 12)
    assert limiter.ready_at(7) == pytest.approx(clock.now + 12)


async def test_global_limit_spreads_bursts_over_seconds():
    limiter = RateLimiter(Limits(global_per_second=5, margin=0.0))
    import time

    start = time.monotonic()
    for _ in range(11):
        await limiter.acquire_global()
    # 11 sends at 5/s need at least two full windows after the first five.
    assert time.monotonic() - start >= 1.9
