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

    def stop(self) -> None:
        self._stop.set()

    async def run_once(self) -> object:
        raise NotImplementedError

    async def run(self) -> None:
        while not self._stop.is_set():
            try:
                await self.run_once()
            except Exception:
                log.exception("%s failed; next pass in %.0fs", self.name, self.interval)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), self.interval)
