"""Background work done every so often (clean-up, SLA timers) until the process stops."""

from __future__ import annotations

import asyncio
import contextlib
import logging

log = logging.getLogger(__name__)


class Periodic:
    """Calls `run_once` every `interval` seconds until stopped. A pass that fails is
    logged; the next one comes on time (the database may be restarting)."""

    name = "periodic work"

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._stop = asyncio.Event()
        self._wake = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def wake(self) -> None:
        """The next pass now rather than at the end of the interval (the sandbox moved
        the clock forward: what fell due should show at once)."""
        self._wake.set()

    async def run_once(self) -> object:
        raise NotImplementedError

    async def run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                await self.run_once()
            except Exception:
                log.exception("%s failed; next pass in %.0fs", self.name, self.interval)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval)
