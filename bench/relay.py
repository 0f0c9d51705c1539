"""Relay: customers with open tickets, claimed by agents, write follow-ups and their
agents answer, through the real process (`python -m bot run`, Telegram's limits off on
its side: bench.helpdesk_unlimited) long polling the fake Bot API (limits off); beside a
bare aiogram relay (bench.bare_bot) driven the same way in the same run.

Every customer holds a conversation: a follow-up, wait until its copy reaches the staff
chat, the agent answers (a reply to the ticket's card; to the copy in the bare relay),
wait until the answer reaches the customer, and again; all customers at once. Latency
is measured at the fake: from the moment the customer's message is queued as an update
to the moment the fake receives the call that carries it on (customer -> staff, staff
-> customer). CPU is the bot process's user + system time over the phase (/proc), per
relayed message (each follow-up and each answer is one). Then a burst: every customer
sends one message at the same moment.

Tickets are opened beforehand through the same product code in this process (the
wizard, «I'll answer», a first answer; bench/update_types.py), then the process starts
on that database.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from tortoise import connections

from bench.common import TOKEN, database, percentile, seed_desk
from bench.processes import Proc, bare_bot, helpdesk
from bench.update_types import STAFF, in_process, settings_for
from tests.fakebotapi import FakeBotAPI, FakeUser, Request

AGENTS = [9201, 9202, 9203, 9204]
WAIT = 120.0


@dataclass
class People:
    customers: list[FakeUser]
    agent_of: dict[int, FakeUser]
    # The staff-chat message id of each customer's ticket card (once seeded).
    card_of: dict[int, int] = field(default_factory=dict)


def add_people(api: FakeBotAPI, customers: int) -> People:
    agents = [api.add_user(telegram_id, f"Agent {n}") for n, telegram_id in enumerate(AGENTS)]
    api.add_group(STAFF, "Staff", members=dict.fromkeys(agents, "member"))
    people = [api.add_user(50_000 + n, f"Customer {n}") for n in range(customers)]
    return People(people, {c.id: agents[n % len(agents)] for n, c in enumerate(people)})


@asynccontextmanager
async def seeded(backend: str, workdir: str, api: FakeBotAPI, people: People) -> AsyncIterator[str]:
    """A database where each customer has a ticket claimed by their agent, who has
    answered once; yields its URL with this process's connections closed."""
    async with database(backend, workdir) as url:
        await seed_desk(STAFF, AGENTS)
        async with in_process(api, settings_for(api, url, workdir)) as desk:
            for customer in people.customers:
                agent = people.agent_of[customer.id]
                card = await desk.wizard(customer)
                people.card_of[customer.id] = card["message_id"]
                await desk.claim(agent, card)
                await desk.answer(agent, card, "Hello, I am looking into it.")
        await connections.close_all()
        yield url


def _sent(api: FakeBotAPI, chat_id: int, token: str) -> Any:
    def match(request: Request) -> bool:
        text = request.params.get("text") or ""
        return (
            request.method == "sendMessage"
            and str(request.chat_id) == str(chat_id)
            and token in str(text)
        )

    return match


class Conversations:
    def __init__(self, api: FakeBotAPI, people: People, *, helpdesk: bool) -> None:
        self.api = api
        self.people = people
        # The helpdesk files a customer's follow-up under the ticket of the message it
        # replies to, and an agent's under the ticket of the card it replies to (a reply
        # to the copy would work as well, but a bench agent answers within the
        # milliseconds before the sender has recorded which ticket the copy is of). The
        # bare relay knows only the copies.
        self.reply = helpdesk
        self.inbound: list[float] = []
        self.outbound: list[float] = []

    def _reply_to(self, customer: FakeUser) -> int | None:
        if not self.reply:
            return None
        return self.api.bot_messages(customer.id)[-1]["message_id"]

    async def follow_up(self, customer: FakeUser, token: str) -> tuple[Request, float]:
        since = self.api.mark()
        reply_to = self._reply_to(customer)
        sent = time.monotonic()
        customer.send_text(f"Follow-up {token}", reply_to_message_id=reply_to)
        copy = await self.api.wait_for(_sent(self.api, STAFF, token), WAIT, since=since)
        return copy, copy.time - sent

    async def answer(self, customer: FakeUser, copy: Request, token: str) -> float:
        since = self.api.mark()
        sent = time.monotonic()
        target = self.people.card_of.get(customer.id, copy.result["message_id"])
        self.people.agent_of[customer.id].send_text(
            f"Answer {token}", STAFF, reply_to_message_id=target
        )
        delivered = await self.api.wait_for(_sent(self.api, customer.id, token), WAIT, since=since)
        return delivered.time - sent

    async def converse(self, customer: FakeUser, rounds: int, record: bool) -> None:
        for n in range(rounds):
            copy, inbound = await self.follow_up(customer, f"[c{customer.id}-{n}-{record}]")
            outbound = await self.answer(customer, copy, f"[a{customer.id}-{n}-{record}]")
            if record:
                self.inbound.append(inbound)
                self.outbound.append(outbound)

    async def phase(self, rounds: int, record: bool) -> None:
        await asyncio.gather(*(self.converse(c, rounds, record) for c in self.people.customers))

    async def burst(self) -> list[float]:
        since = self.api.mark()
        sent: dict[int, float] = {}
        for customer in self.people.customers:
            reply_to = self._reply_to(customer)
            sent[customer.id] = time.monotonic()
            customer.send_text(f"Burst [b{customer.id}]", reply_to_message_id=reply_to)
        copies = await asyncio.gather(
            *(
                self.api.wait_for(_sent(self.api, STAFF, f"[b{c.id}]"), WAIT, since=since)
                for c in self.people.customers
            )
        )
        return [
            copy.time - sent[c.id] for copy, c in zip(copies, self.people.customers, strict=True)
        ]


def _ms(values: list[float]) -> dict[str, float]:
    return {
        "p50": percentile(values, 0.50) * 1000,
        "p95": percentile(values, 0.95) * 1000,
        "p99": percentile(values, 0.99) * 1000,
        "max": max(values) * 1000,
    }


async def _measure(proc: Proc, talk: Conversations, rounds: int) -> dict[str, Any]:
    await talk.phase(1, record=False)  # warm-up: first use of every code path
    await asyncio.sleep(1.0)
    cpu, started = proc.cpu_seconds(), time.monotonic()
    await talk.phase(rounds, record=True)
    seconds = time.monotonic() - started
    cpu = proc.cpu_seconds() - cpu
    relayed = len(talk.inbound) + len(talk.outbound)
    await asyncio.sleep(1.0)  # acknowledgements and card edits settle
    burst_cpu, burst_started = proc.cpu_seconds(), time.monotonic()
    burst = await talk.burst()
    burst_seconds = time.monotonic() - burst_started
    burst_cpu = proc.cpu_seconds() - burst_cpu
    return {
        "customers": len(talk.people.customers),
        "relayed": relayed,
        "seconds": seconds,
        "rate": relayed / seconds,
        "cpu_ms": cpu * 1000 / relayed,
        "inbound": _ms(talk.inbound),
        "outbound": _ms(talk.outbound),
        "burst": _ms(burst),
        "burst_seconds": burst_seconds,
        "burst_cpu_ms": burst_cpu * 1000 / len(burst),
        "rss_mb": proc.rss_mb(),
    }


async def measure_helpdesk(backend: str, customers: int, rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as workdir:
        async with FakeBotAPI(token=TOKEN) as api:
            people = add_people(api, customers)
            async with (
                seeded(backend, workdir, api, people) as url,
                helpdesk(api, workdir, url, unlimited=True) as proc,
            ):
                result = await _measure(proc, Conversations(api, people, helpdesk=True), rounds)
    return {"bot": "helpdesk", "backend": backend, **result}


async def measure_bare(customers: int, rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as workdir:
        async with FakeBotAPI(token=TOKEN) as api:
            people = add_people(api, customers)
            async with bare_bot(api, workdir, STAFF) as proc:
                result = await _measure(proc, Conversations(api, people, helpdesk=False), rounds)
    return {"bot": "bare aiogram relay (baseline)", "backend": "–", **result}


async def run(backends: list[str], customers: int, rounds: int) -> list[dict[str, Any]]:
    results = [await measure_bare(customers, rounds)]
    for backend in backends:
        results.append(await measure_helpdesk(backend, customers, rounds))
    return results


def render(results: list[dict[str, Any]]) -> str:
    from bench.common import table

    base = results[0]
    rows = []
    for r in results:
        cpu_ratio = "1.00" if r is base else f"{r['cpu_ms'] / base['cpu_ms']:.1f}× the CPU"
        rows.append(
            [
                r["bot"],
                r["backend"],
                r["relayed"],
                f"{r['rate']:.0f}",
                f"**{r['cpu_ms']:.1f}**",
                cpu_ratio,
                "{p50:.0f} / {p95:.0f} / {p99:.0f}".format(**r["inbound"]),
                "{p50:.0f} / {p95:.0f} / {p99:.0f}".format(**r["outbound"]),
                "{p50:.0f} / {p95:.0f} / {max:.0f}".format(**r["burst"]),
                f"{r['burst_cpu_ms']:.1f}",
            ]
        )
    headers = [
        "bot",
        "database",
        "messages relayed",
        "messages/s",
        "bot CPU ms per message",
        "vs baseline",
        "customer → staff ms p50 / p95 / p99",
        "staff → customer ms p50 / p95 / p99",
        f"burst of {base['customers']}: customer → staff ms p50 / p95 / max",
        "burst: CPU ms per message",
    ]
    return (
        f"{base['customers']} customers, each holding a conversation with their agent "
        f"(a follow-up; the agent's answer, a reply to the ticket's card - to the copy in the "
        f"bare relay; {len(AGENTS)} agents), all at once; "
        "then each customer sends one message at the same moment (the burst). The bots run "
        "as their own processes long polling the fake Bot API, limits off on both sides "
        "(bench/relay.py). Latency is measured at the fake, from the update being queued "
        "to the call that carries the message on; CPU is the bot process's.\n\n"
        + table(headers, rows)
    )


if __name__ == "__main__":
    import json
    import sys

    backend_names = sys.argv[1].split(",") if len(sys.argv) > 1 else ["sqlite"]
    out = asyncio.run(run(backend_names, 20, 5))
    print(json.dumps(out, indent=1))
    print(render(out))
