"""Where the update pipeline's time goes: the helpdesk part of bench/pipeline.py run
under pyinstrument (statistical, async-aware), with the SQL statements it sends
counted per update."""

from __future__ import annotations

import logging
import tempfile
from collections import Counter
from typing import Any

from pyinstrument import Profiler

from bench.pipeline import measure_helpdesk


class _Statements(logging.Handler):
    """Counts what tortoise logs for every statement it sends (at DEBUG)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.kinds: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        sql = str(record.args[0]) if isinstance(record.args, tuple) and record.args else ""
        words = sql.lstrip().split(None, 1)
        self.kinds[words[0].upper() if words else "?"] += 1


async def measure(backend: str, tickets: int) -> dict[str, Any]:
    db_log = logging.getLogger("tortoise.db_client")
    statements = _Statements()
    level = db_log.level
    profiler = Profiler(async_mode="enabled", interval=0.0005)
    with tempfile.TemporaryDirectory() as workdir:
        db_log.addHandler(statements)
        db_log.setLevel(logging.DEBUG)
        db_log.propagate = False
        try:
            profiler.start()
            result = await measure_helpdesk(backend, tickets, workdir)
            profiler.stop()
        finally:
            db_log.removeHandler(statements)
            db_log.setLevel(level)
            db_log.propagate = True
    # The warm-up wizard and the set-up are included in the statement counts: about
    # one ticket's worth in `tickets + 1`.
    updates = result["updates"] * (tickets + 1) / tickets
    text = profiler.output_text(unicode=True, color=False, show_all=False, flat=True)
    top = [line for line in text.splitlines() if line.strip()][:40]
    return {
        "backend": backend,
        "tickets": tickets,
        "updates": result["updates"],
        "rate": result["rate"],
        "statements": dict(statements.kinds.most_common()),
        "statements_per_update": sum(statements.kinds.values()) / updates,
        "profile": "\n".join(top),
    }
