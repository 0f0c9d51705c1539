"""`python -m bench [PART ...] [--backends sqlite,postgres] [options]`: the parts in
ALL_PARTS, all of them by default; see `python -m bench --help` and README.md."""

from __future__ import annotations

import argparse
import asyncio
import logging
import resource
import time
from pathlib import Path

from bench import api_scale, ceiling, delivery, footprint, pipeline, profile, relay, update_types
from bench.common import machine, table

OUT = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _merge(sections: list[str]) -> None:
    """Replaces the parts just measured in BENCHMARKS.md and keeps the others."""
    kept: dict[str, str] = {}
    if OUT.exists():
        for chunk in OUT.read_text().split("\n## ")[1:]:
            kept[chunk.split("\n", 1)[0]] = "## " + chunk.rstrip() + "\n"
    for section in sections[1:]:
        kept[section.split("\n", 1)[0].removeprefix("## ")] = section
    OUT.write_text(sections[0] + "\n" + "\n".join(kept.values()))


ALL_PARTS = [
    "pipeline",
    "statements",
    "profile",
    "relay",
    "ceiling",
    "api",
    "delivery",
    "footprint",
]


class _Clock:
    """Wall time per part."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self._part: str | None = None
        self._since = 0.0

    def start(self, part: str | None) -> None:
        now = time.monotonic()
        if self._part is not None:
            self.spent[self._part] = now - self._since
        self._part, self._since = part, now


async def main(args: argparse.Namespace) -> None:
    clock = _Clock()
    logging.basicConfig(level=logging.WARNING)
    backends = args.backends.split(",")
    sections = [f"# Benchmarks\n\nMachine: {machine()}.\n"]
    if "pipeline" in args.parts:
        clock.start("pipeline")
        results = await pipeline.run(backends, args.tickets)
        rows = []
        for r in results:
            e, h = r["echo"], r["helpdesk"]
            rows.append(
                [
                    "aiogram echo (baseline)",
                    r["backend"],
                    e["updates"],
                    e["rate"],
                    e["p50"],
                    e["p95"],
                    e["p99"],
                    "1.00",
                ]
            )
            rows.append(
                [
                    "helpdesk wizard + answer",
                    r["backend"],
                    h["updates"],
                    h["rate"],
                    h["p50"],
                    h["p95"],
                    h["p99"],
                    f"{e['rate'] / h['rate']:.2f}× slower",
                ]
            )
        text = table(
            [
                "pipeline",
                "database",
                "updates",
                "updates/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "vs baseline",
            ],
            rows,
        )
        text += f"\n\nPeak RSS of the benchmark process: {_rss_mb():.0f} MB."
        print(text)
        sections.append("## Update pipeline (one core, sequential)\n\n" + text + "\n")
    if "statements" in args.parts:
        clock.start("statements")
        text = update_types.render(await update_types.run(backends, args.type_tickets))
        print(text)
        sections.append("## Statements and time per update type\n\n" + text + "\n")
    if "profile" in args.parts:
        clock.start("profile")
        result = await profile.measure(backends[0], max(20, args.tickets // 6))
        kinds = ", ".join(f"{n} {kind}" for kind, n in result["statements"].items())
        text = (
            f"{result['updates']} updates ({result['tickets']} wizards + answers) on "
            f"{result['backend']} under pyinstrument: "
            f"**{result['statements_per_update']:.1f} SQL statements per update** ({kinds}).\n"
            "Functions by their own time (seconds; `[await]` is time spent waiting, mostly "
            "for the database):\n\n```\n" + result["profile"] + "\n```"
        )
        print(text)
        sections.append("## Where the pipeline's time goes (profile)\n\n" + text + "\n")
    if "relay" in args.parts:
        clock.start("relay")
        results = await relay.run(backends, args.relay_customers, args.relay_rounds)
        text = relay.render(results)
        print(text)
        sections.append("## Relay (limits off)\n\n" + text + "\n")
    if "ceiling" in args.parts:
        clock.start("ceiling")
        text = ceiling.render(await ceiling.run(backends))
        print(text)
        sections.append("## The staff group's ceiling (limits on)\n\n" + text + "\n")
    if "api" in args.parts:
        clock.start("api")
        for backend in backends:
            count = args.pg_tickets if backend == "postgres" else args.sqlite_tickets
            result = await api_scale.measure(backend, count)
            print(result)
            rows = [[name, r["p50"], r["p95"], r["p99"]] for name, r in result["results"].items()]
            text = table(["request", "p50 ms", "p95 ms", "p99 ms"], rows)
            text += (
                f"\n\nSeeded {count:,} tickets and {count * 5:,} messages in "
                f"{result['seed_seconds']:.0f} s. Plan of the free-text search:\n\n"
                "```\n" + result["explain"] + "\n```"
            )
            print(text)
            sections.append(f"## Admin API at {count:,} tickets ({backend})\n\n" + text + "\n")
    if "delivery" in args.parts:
        clock.start("delivery")
        results = await delivery.run(backends, args.customers, 3, args.group)
        rows = [
            [
                r["backend"],
                r["messages"],
                f"{r['private_rate']:.1f}/s = {r['private_fraction'] * 100:.0f} % of 30/s",
                f"{r['group_fraction'] * 100:.0f} % of 20/min",
                f"{r['status_429']} ({r['status_429'] / max(r['sends'], 1) * 100:.2f} %)",
                r["lost"],
                r["duplicated"],
                f"{r['seconds']:.0f}",
            ]
            for r in results
        ]
        text = table(
            [
                "database",
                "messages",
                "private chats",
                "staff group",
                "429s",
                "lost",
                "duplicated",
                "seconds",
            ],
            rows,
        )
        print(text)
        sections.append(
            f"## Delivery ({args.customers} customers × 3 + {args.group} to the staff group, "
            "limits enforced by the fake)\n\n" + text + "\n"
        )
    if "footprint" in args.parts:
        clock.start("footprint")
        text = footprint.render(await footprint.measure())
        print(text)
        sections.append("## Footprint beside a bare aiogram bot (SQLite)\n\n" + text + "\n")
    clock.start(None)
    if set(args.parts) == set(ALL_PARTS):
        rows = [[part, f"{seconds / 60:.1f}"] for part, seconds in clock.spent.items()]
        rows.append(["**total**", f"**{sum(clock.spent.values()) / 60:.1f}**"])
        text = table(["part", "minutes"], rows)
        print(text)
        sections.append("## How long `make bench` took\n\n" + text + "\n")
    _merge(sections)
    print(f"\nwritten to {OUT}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("parts", nargs="*", default=ALL_PARTS, help=" ".join(ALL_PARTS))
    parser.add_argument("--pg-tickets", type=int, default=1_000_000)
    parser.add_argument("--sqlite-tickets", type=int, default=200_000)
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--group", type=int, default=200)
    parser.add_argument("--tickets", type=int, default=300, help="pipeline: wizards + answers")
    parser.add_argument(
        "--type-tickets", type=int, default=30, help="statements: tickets (12 updates each)"
    )
    parser.add_argument("--relay-customers", type=int, default=20)
    parser.add_argument(
        "--relay-rounds", type=int, default=10, help="relay: follow-ups + answers per customer"
    )
    parser.add_argument("--backends", default="sqlite,postgres")
    arguments = parser.parse_args()
    unknown = sorted(set(arguments.parts) - set(ALL_PARTS))
    if unknown:
        parser.error(f"unknown part {', '.join(unknown)}: choose from {' '.join(ALL_PARTS)}")
    asyncio.run(main(arguments))
