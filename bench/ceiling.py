"""The staff group's ceiling: Telegram lets a bot post about 20 messages a minute into one
group. 20 customers with claimed tickets send 100 follow-ups within one minute (one every
0.6 s, five each); the real process (`python -m bot run`, its own limiter as in
production) relays them into one staff group of the fake Bot API with the limits ON
(30/s overall, 1/s per private chat, 20/min per group, 429 with retry_after beyond).

Measured: the time until the last follow-up's copy reached the staff chat (to drain),
each follow-up's latency (queued as an update -> its copy received by the fake), every
429 the fake answered, and how many group messages went out per minute. Tickets are
opened beforehand (bench/relay.py's seeding, limits off), then the fake enforces its
limits and the staff group's minute starts clean (its earlier sends are waited out).
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import tempfile
import time
from typing import Any

from bench.common import TOKEN, percentile, table
from bench.processes import ROOT, helpdesk
from bench.relay import People, add_people, seeded
from bench.update_types import STAFF
from tests.fakebotapi import MESSAGE_METHODS, FakeBotAPI

CUSTOMERS = 20
MESSAGES = 100
SPREAD = 60.0
GROUP_WINDOW = 60.0


def _group_sends(api: FakeBotAPI, since: int) -> list[float]:
    return [
        r.time
        for r in api.requests[since:]
        if r.ok and r.method in MESSAGE_METHODS and str(r.chat_id) == str(STAFF)
    ]


async def _burst(api: FakeBotAPI, people: People) -> dict[str, Any]:
    since = api.mark()
    sent: dict[str, float] = {}
    started = time.monotonic()
    for n in range(MESSAGES):
        await asyncio.sleep(max(0.0, started + n * SPREAD / MESSAGES - time.monotonic()))
        customer = people.customers[n % len(people.customers)]
        token = f"[m{n}]"
        reply_to = api.bot_messages(customer.id)[-1]["message_id"]
        sent[token] = time.monotonic()
        customer.send_text(f"Follow-up {token}", reply_to_message_id=reply_to)
    arrived: dict[str, float] = {}
    deadline = started + 20 * 60

    def scan() -> bool:
        for request in api.requests[since:]:
            if (
                request.ok
                and request.method == "sendMessage"
                and str(request.chat_id) == str(STAFF)
            ):
                text = str(request.params.get("text") or "")
                for token in sent:
                    if token not in arrived and token in text:
                        arrived[token] = request.time
        return len(arrived) == len(sent)

    while not scan():
        if time.monotonic() > deadline:
            break
        await asyncio.sleep(1.0)
    latencies = [arrived[t] - sent[t] for t in sent if t in arrived]
    refused = [r for r in api.requests[since:] if r.status == 429]
    group = _group_sends(api, since)
    minutes = (group[-1] - group[0]) / 60 if len(group) > 1 else 0.0
    return {
        "messages": MESSAGES,
        "customers": len(people.customers),
        "arrived": len(arrived),
        "drain_seconds": max(arrived.values()) - started if arrived else float("nan"),
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "max": max(latencies) if latencies else float("nan"),
        "status_429": len(refused),
        "status_429_staff": sum(str(r.chat_id) == str(STAFF) for r in refused),
        "group_messages": len(group),
        "group_per_minute": (len(group) - 1) / minutes if minutes else 0.0,
    }


async def measure(backend: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as workdir:
        async with FakeBotAPI(token=TOKEN) as api:
            people = add_people(api, CUSTOMERS)
            async with seeded(backend, workdir, api, people) as url:
                api.enforce_limits = True
                last = max(_group_sends(api, 0), default=0.0)
                async with helpdesk(api, workdir, url) as proc:
                    # The group's minute starts clean (the seeding sent its cards).
                    await asyncio.sleep(max(0.0, last + GROUP_WINDOW + 1 - time.monotonic()))
                    result = await _burst(api, people)
                    result["rss_mb"] = proc.rss_mb()
    return {"backend": backend, **result}


async def run(backends: list[str]) -> list[dict[str, Any]]:
    """The backends side by side, each in its own process with its own fake: the group's
    20/min sets a floor of minutes, paid once."""

    async def one(backend: str) -> dict[str, Any]:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.ceiling",
            backend,
            stdout=asyncio.subprocess.PIPE,
            cwd=str(ROOT),
        )
        out, _ = await process.communicate()
        if process.returncode:
            raise RuntimeError(f"the staff-group benchmark on {backend} failed")
        return json.loads(out.decode().strip().splitlines()[-1])

    return list(await asyncio.gather(*(one(b) for b in backends)))


def render(results: list[dict[str, Any]]) -> str:
    rows = [
        [
            r["backend"],
            f"{r['arrived']} of {r['messages']}",
            f"**{r['drain_seconds']:.0f}**",
            f"{r['p50']:.0f}",
            f"{r['p95']:.0f}",
            f"{r['max']:.0f}",
            f"{r['status_429']} ({r['status_429_staff']} in the staff group)",
            f"{r['group_messages']} at {r['group_per_minute']:.1f}/min",
        ]
        for r in results
    ]
    headers = [
        "database",
        "follow-ups relayed",
        "seconds to drain",
        "latency p50 s",
        "latency p95 s",
        "latency max s",
        "429s",
        "staff group messages",
    ]
    return (
        f"{MESSAGES} follow-ups from {CUSTOMERS} customers within {SPREAD:.0f} s into one staff "
        "group, the fake Bot API enforcing Telegram's limits, the process's own limiter as in "
        "production (bench/ceiling.py). To drain: from the first follow-up to the last copy "
        "in the staff chat.\n\n" + table(headers, rows)
    )


if __name__ == "__main__":
    logging.basicConfig(level=logging.ERROR)
    print(json.dumps(asyncio.run(measure(sys.argv[1]))))
