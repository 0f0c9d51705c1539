"""Memory of the real process: `python -m bot run` against the fake Bot API, idle after
start-up (beside a bare aiogram polling bot, bench.bare_bot, started the same way in the
same run), then after answering a burst of customers. Idle figures are the median of
`starts` fresh processes; the database is migrated once beforehand (a restart, as a
service lives), so one start-up's migrations are not counted."""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
from typing import Any

from bench.common import TOKEN, table
from bench.processes import ROOT, bare_bot, helpdesk
from tests.fakebotapi import FakeBotAPI

STAFF = -1001000000789
# What start-up no longer imports (product code imports them when first needed): each
# one's cost is measured in a fresh interpreter on top of everything start-up imports.
DEFERRED = {
    "redis (only with REDIS_URL)": ["redis.asyncio"],
    "asyncpg (only with PostgreSQL)": ["asyncpg"],
    "Swagger UI (jinja2, yaml; on the first /api/docs)": ["swagger_ui.core"],
}
SETTLE_SECONDS = 2.0

_MARGINAL = """
import importlib, sys
def rss():
    with open('/proc/self/status') as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024
import bot.__main__, bot.app, bot.db, tortoise.backends.sqlite
before = rss()
for name in sys.argv[1:]:
    importlib.import_module(name)
print(rss() - before)
"""


async def _marginal_mb(modules: list[str]) -> float:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", _MARGINAL, *modules, stdout=asyncio.subprocess.PIPE, cwd=str(ROOT)
    )
    out, _ = await process.communicate()
    return float(out.decode().strip().splitlines()[-1])


async def _migrate(url: str) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        f"import asyncio; from bot.db import migrate; asyncio.run(migrate({url!r}))",
        cwd=str(ROOT),
    )
    if await process.wait():
        raise RuntimeError("migrating the footprint database failed")


async def measure(customers: int = 300, starts: int = 3) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as workdir:
        url = f"sqlite://{workdir}/bot.sqlite3"
        await _migrate(url)
        async with FakeBotAPI(token=TOKEN) as api:
            api.add_group(STAFF, "Staff")
            bare: list[float] = []
            ours: list[float] = []
            # Alternated, so a drift of the machine touches both alike.
            for _ in range(starts):
                async with bare_bot(api, workdir, STAFF) as proc:
                    await asyncio.sleep(SETTLE_SECONDS)
                    bare.append(proc.rss_mb())
                async with helpdesk(api, workdir, url) as proc:
                    await asyncio.sleep(SETTLE_SECONDS)
                    ours.append(proc.rss_mb())
            async with helpdesk(api, workdir, url) as proc:
                await asyncio.sleep(SETTLE_SECONDS)
                users = [api.add_user(70_000 + i, f"C{i}") for i in range(customers)]
                since = api.mark()
                for user in users:
                    user.send_text("/start")
                    user.send_text("/tickets")
                await api.wait_until(
                    lambda: (
                        sum(r.method == "sendMessage" for r in api.requests[since:])
                        >= 2 * customers
                    ),
                    timeout=300,
                )
                busy = proc.rss_mb()
    deferred = {label: await _marginal_mb(modules) for label, modules in DEFERRED.items()}
    return {
        "bare_mb": statistics.median(bare),
        "idle_mb": statistics.median(ours),
        "bare_all": bare,
        "idle_all": ours,
        "busy_mb": busy,
        "customers": customers,
        "starts": starts,
        "deferred": deferred,
    }


TARGET_MB = 25.0


def render(result: dict[str, Any]) -> str:
    bare = result["bare_mb"]

    def above(mb: float) -> str:
        return f"+{mb - bare:.1f}"

    rows = [
        ["bare aiogram polling bot (bench/bare_bot.py), idle", f"{bare:.1f}", "–"],
        [
            "helpdesk `python -m bot run`, idle",
            f"{result['idle_mb']:.1f}",
            f"**{above(result['idle_mb'])}** (target ≤ {TARGET_MB:.0f})",
        ],
        [
            f"helpdesk after {result['customers']} customers' /start + /tickets",
            f"{result['busy_mb']:.1f}",
            above(result["busy_mb"]),
        ],
    ]
    starts = ", ".join(
        f"{a:.1f} / {b:.1f}" for a, b in zip(result["bare_all"], result["idle_all"], strict=True)
    )
    deferred = table(
        ["not imported at start-up", "MB it would add"],
        [[label, f"{mb:.1f}"] for label, mb in result["deferred"].items()],
    )
    return (
        "Resident memory (VmRSS) against the fake Bot API, SQLite, the database migrated "
        f"beforehand; idle is the median of {result['starts']} fresh starts of each, "
        f"alternating (bare / helpdesk, MB: {starts}).\n\n"
        + table(["process", "RSS MB", "MB above the bare bot"], rows)
        + "\n\nWhat start-up leaves to the first use, and what each would cost at start-up "
        "(imported in a fresh interpreter on top of everything start-up imports):\n\n" + deferred
    )


if __name__ == "__main__":
    print(asyncio.run(measure(customers=int(sys.argv[1]) if len(sys.argv) > 1 else 0)))
