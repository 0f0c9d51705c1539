"""The desk's clock: services read the time here, never from datetime directly, so a
test (and a sandbox) can move it forward to see SLA warnings, breaches and auto-close
without waiting. Delivery keeps real time: Telegram's limits are counted in it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class Clock:
    """Real UTC time plus an offset that only ever grows; or, frozen, a moment that
    moves only when advanced (tests that compare exact due times)."""

    def __init__(self) -> None:
        self.offset = timedelta(0)
        self._frozen: datetime | None = None

    def now(self) -> datetime:
        return (self._frozen or datetime.now(UTC)) + self.offset

    def freeze(self) -> datetime:
        """Stops the clock at the present moment; `advance` still moves it."""
        self._frozen = datetime.now(UTC)
        return self.now()

    def advance(self, delta: timedelta) -> datetime:
        if delta < timedelta(0):
            raise ValueError("the clock does not go back")
        self.offset += delta
        return self.now()

    def reset(self) -> None:
        self.offset = timedelta(0)
        self._frozen = None


# One clock for the process: every service, timer and instance of the desk's code
# must agree on what time it is.
CLOCK = Clock()


def now() -> datetime:
    return CLOCK.now()
