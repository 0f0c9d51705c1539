"""Where the update pipeline's time goes: the helpdesk part of bench/pipeline.py run
under pyinstrument (statistical, async-aware), with the SQL statements its measured
updates send counted at the driver (bench/statements.py)."""

from __future__ import annotations

import tempfile
from typing import Any

from pyinstrument import Profiler

from bench.pipeline import measure_helpdesk
from bench.statements import Cost, installed


async def measure(backend: str, tickets: int) -> dict[str, Any]:
    cost = Cost()
    profiler = Profiler(async_mode="enabled", interval=0.0005)
    with tempfile.TemporaryDirectory() as workdir, installed():
        profiler.start()
        result = await measure_helpdesk(backend, tickets, workdir, cost)
        profiler.stop()
    text = profiler.output_text(unicode=True, color=False, show_all=False, flat=True)
    top = [line for line in text.splitlines() if line.strip()][:40]
    return {
        "backend": backend,
        "tickets": tickets,
        "updates": result["updates"],
        "rate": result["rate"],
        "statements": dict(cost.kinds.most_common()),
        "statements_per_update": cost.statements / result["updates"],
        "profile": "\n".join(top),
    }
