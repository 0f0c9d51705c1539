"""A fleet of real `python -m bot run` processes behind a test load balancer.

Two (or more) instances run in webhook mode on one PostgreSQL database and one Redis;
the fake Bot API's webhook points at `LoadBalancer`, a small aiohttp server that
forwards each update (with the secret header) to one instance and returns that
instance's answer. An instance that cannot be reached gets a 502 back to the fake
(which re-delivers, as Telegram does) and is taken out of rotation until its
/healthz answers again.

`Screens` waits for bot messages in many chats at once without rescanning every
chat on every request, so a hundred customers can be driven concurrently.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import functools
import json
import os
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
from aiohttp import web

from tests.e2e.conftest import BotProcess, free_port
from tests.fakebotapi import MESSAGE_METHODS, FakeBotAPI, FakeUser, Fault, Request
from tests.support import TOKEN, button_texts

SECRET = "fleet-Webhook_secret-42"
ADMIN = "fleet-admin-secret"
WEBHOOK_PATH = "/tg/webhook"
# Generous: an instance may have to wait for a per-customer lock a killed one held.
FORWARD_TIMEOUT = 90.0
STEP_TIMEOUT = 90.0

Predicate = Callable[[dict[str, Any]], bool]


def text_of(message: dict[str, Any]) -> str:
    return message.get("text") or message.get("caption") or ""


def has(fragment: str) -> Predicate:
    return lambda message: fragment in text_of(message)


def button(message: dict[str, Any], label: str) -> str:
    for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
        for b in row:
            if label in b["text"]:
                return b["callback_data"]
    raise AssertionError(f"no button {label!r} in {button_texts(message)}")


def actor_of(update: dict[str, Any]) -> int | None:
    for key, value in update.items():
        if key != "update_id" and isinstance(value, dict):
            sender = value.get("from") or {}
            chat = value.get("chat") or {}
            return sender.get("id") or chat.get("id")
    return None


# -- the load balancer ---------------------------------------------------------------------


@dataclass
class Delivery:
    update_id: int
    user: int | None
    kind: str
    backend: int | None  # index of the instance, None when none was reachable
    status: int
    at: float
    what: str = ""  # the text or button data, for diagnostics


class LoadBalancer:
    """Spreads webhook deliveries over the instances.

    policy "alternate": each customer's next update goes to the other instance than
    their previous one (so a conversation hops on every step); "random": a seeded
    random choice per delivery.
    """

    def __init__(self, policy: str = "random", seed: int = 20240601) -> None:
        assert policy in ("alternate", "random")
        self.policy = policy
        self.rng = random.Random(seed)
        self.backends: list[int] = []  # ports
        self.down: set[int] = set()
        self.log: list[Delivery] = []
        self.port = free_port()
        self._last: dict[int | None, int] = {}
        self._runner: web.AppRunner | None = None
        self._client: aiohttp.ClientSession | None = None
        self._health: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{WEBHOOK_PATH}"

    async def start(self) -> None:
        app = web.Application(client_max_size=30 * 1024 * 1024)
        app.router.add_post(WEBHOOK_PATH, self._forward)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        self._client = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=FORWARD_TIMEOUT))
        self._health = asyncio.create_task(self._health_checks())

    async def stop(self) -> None:
        if self._health is not None:
            self._health.cancel()
            await asyncio.gather(self._health, return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()
        if self._client is not None:
            await self._client.close()

    def _choose(self, user: int | None) -> int | None:
        up = [i for i in range(len(self.backends)) if i not in self.down]
        if not up:
            return None
        if self.policy == "random":
            return self.rng.choice(up)
        previous = self._last.get(user)
        others = [i for i in up if i != previous]
        return others[0] if others else up[0]

    async def _forward(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        update = json.loads(body)
        user = actor_of(update)
        kind = next((k for k in update if k != "update_id"), "?")
        index = self._choose(user)
        if index is None:
            self._record(update, user, kind, None, 502)
            return web.Response(status=502, text="no instance available")
        self._last[user] = index
        entry = self._record(update, user, kind, index, 0)  # 0: in the instance's hands
        headers = {"Content-Type": request.headers.get("Content-Type", "application/json")}
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        assert self._client is not None
        url = f"http://127.0.0.1:{self.backends[index]}{WEBHOOK_PATH}"
        try:
            async with self._client.post(url, data=body, headers=headers) as response:
                answer = await response.read()
                entry.status, entry.at = response.status, time.monotonic()
                out = {"Content-Type": response.headers.get("Content-Type", "application/json")}
                return web.Response(status=response.status, body=answer, headers=out)
        except (aiohttp.ClientError, TimeoutError):
            # Like nginx without proxy_next_upstream: this request fails (Telegram will
            # deliver it again), the instance leaves the rotation until it is healthy.
            self.down.add(index)
            entry.status, entry.at = 502, time.monotonic()
            return web.Response(status=502, text="upstream unreachable")

    def _record(
        self, update: dict[str, Any], user: int | None, kind: str, index: int | None, status: int
    ) -> Delivery:
        event = update.get(kind) or {}
        what = str(event.get("data") or event.get("text") or "")[:40]
        entry = Delivery(update["update_id"], user, kind, index, status, time.monotonic(), what)
        self.log.append(entry)
        return entry

    async def _health_checks(self) -> None:
        """Active checks bring an instance back once it answers /healthz."""
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as http:
            while True:
                for index in list(self.down):
                    url = f"http://127.0.0.1:{self.backends[index]}/healthz"
                    with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                        async with http.get(url) as response:
                            if response.status == 200:
                                self.down.discard(index)
                await asyncio.sleep(0.25)

    def describe(self, last: int = 60, user: int | None = None) -> str:
        entries = [d for d in self.log if user is None or d.user == user]
        return "\n".join(
            f"  {d.at:.3f} update {d.update_id} {d.kind} {d.what!r} of {d.user} -> "
            f"{'AB'[d.backend] if d.backend is not None else '-'} {d.status}"
            for d in entries[-last:]
        )

    def updates(self) -> set[int]:
        return {d.update_id for d in self.log}

    def in_flight(self) -> int:
        """Deliveries an instance has and has not answered yet."""
        return sum(1 for d in self.log if d.status == 0)

    def handled(self) -> list[Delivery]:
        return [d for d in self.log if d.status == 200]

    def per_instance(self) -> Counter[int | None]:
        return Counter(d.backend for d in self.handled())


# -- waiting for what the bot shows ----------------------------------------------------------


class Screens:
    """Per-chat waiters, woken only when a request touched their chat (a message sent
    or edited there, or the answer to a button pressed there)."""

    def __init__(self, api: FakeBotAPI) -> None:
        self.api = api
        self._seen = 0
        self._bot_ids: dict[int, list[int]] = defaultdict(list)
        self._queries: dict[str, int] = {}  # callback query id -> chat
        self._waiters: dict[int, list[tuple[Callable[[], Any], asyncio.Future[Any]]]] = defaultdict(
            list
        )
        self._task: asyncio.Task[None] | None = None
        self.diagnose: Callable[[int], Awaitable[str]] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    def pressed(self, query: dict[str, Any]) -> None:
        self._queries[query["id"]] = query["message"]["chat"]["id"]

    def _catch_up(self) -> set[int]:
        new = self.api.requests[self._seen :]
        self._seen += len(new)
        touched = set()
        for request in new:
            if request.method == "answerCallbackQuery":
                chat = self._queries.get(str(request.params.get("callback_query_id")))
                if chat is not None:
                    touched.add(chat)
            if not request.ok or not isinstance(request.chat_id, int):
                continue
            touched.add(request.chat_id)
            for message in request.created:
                self._bot_ids[message["chat"]["id"]].append(message["message_id"])
        return touched

    def find(self, chat_id: int, predicate: Predicate) -> dict[str, Any] | None:
        """The newest bot message of the chat (as edited now) that satisfies `predicate`."""
        chat = self.api.chat(chat_id)
        for message_id in reversed(self._bot_ids.get(chat_id, [])):
            message = chat.get(message_id)
            if message is not None and predicate(message):
                return copy.deepcopy(message)
        return None

    async def wait(self, chat_id: int, check: Callable[[], Any], timeout: float) -> Any:
        """`check()`'s first non-None result, re-checked whenever the chat is touched."""
        self._wake()
        found = check()
        if found is not None:
            return found
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        entry = (check, future)
        self._waiters[chat_id].append(entry)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            raise AssertionError(
                f"chat {chat_id}: nothing expected happened within {timeout}s; "
                + (await self.diagnose(chat_id) if self.diagnose else self.transcript(chat_id))
            ) from None
        finally:
            with contextlib.suppress(ValueError):
                self._waiters[chat_id].remove(entry)

    async def says(
        self, chat_id: int, predicate: Predicate, timeout: float = STEP_TIMEOUT
    ) -> dict[str, Any]:
        return await self.wait(chat_id, lambda: self.find(chat_id, predicate), timeout)

    def _wake(self) -> None:
        for chat_id in self._catch_up() & set(self._waiters):
            for check, future in list(self._waiters[chat_id]):
                if not future.done():
                    found = check()
                    if found is not None:
                        future.set_result(found)

    async def _run(self) -> None:
        while True:
            await self.api.wait_until(lambda: len(self.api.requests) > self._seen, timeout=3600)
            self._wake()

    def transcript(self, chat_id: int) -> str:
        lines = []
        for m in self.api.chat_messages(chat_id):
            who = "bot" if m.get("from", {}).get("id") == self.api.bot_id else "user"
            lines.append(f"  {who} #{m['message_id']}: {text_of(m)[:90]!r} {button_texts(m)}")
        return "\n".join(lines) or "  (empty)"


# -- the fleet -----------------------------------------------------------------------------


def asyncpg_dsn(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


async def terminate_backends(admin_url: str, database_url: str) -> int:
    """A PostgreSQL "restart" as the clients see it: every connection to the database
    is killed by the server (pg_terminate_backend), from an admin connection."""
    name = database_url.rsplit("/", 1)[1]
    conn = await asyncpg.connect(asyncpg_dsn(admin_url))
    try:
        rows = await conn.fetch(
            "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity "
            "WHERE datname = $1 AND pid <> pg_backend_pid()",
            name,
        )
        return sum(1 for row in rows if row["killed"])
    finally:
        await conn.close()


async def db_fetch(database_url: str, query: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        return await conn.fetch(query, *args)
    finally:
        await conn.close()


@dataclass
class Fleet:
    api: FakeBotAPI
    lb: LoadBalancer
    instances: list[BotProcess]
    database_url: str
    redis_url: str
    screens: Screens
    staff_chats: list[int]
    departments: list[str]
    http: aiohttp.ClientSession
    started_at: float = field(default_factory=time.monotonic)

    def api_url(self, index: int = 0) -> str:
        return f"http://127.0.0.1:{self.instances[index].port}/api/v1"

    async def says(self, chat_id: int, predicate: Predicate, timeout: float = STEP_TIMEOUT):
        return await self.screens.says(chat_id, predicate, timeout)

    async def tickets(self) -> list[dict[str, Any]]:
        """Every ticket, through the admin API (cursor pages)."""
        items: list[dict[str, Any]] = []
        params: dict[str, Any] = {"limit": 200, "sort": "number"}
        while True:
            async with self.http.get(f"{self.api_url()}/tickets", params=params) as response:
                assert response.status == 200, await response.text()
                page = await response.json()
            items += page["items"]
            if not page["next_cursor"]:
                return items
            params["cursor"] = page["next_cursor"]

    async def healthy(self) -> list[dict[str, Any]]:
        """Each instance's /healthz (all must be alive and answer 200)."""
        answers = []
        for process in self.instances:
            assert process.proc is not None and process.proc.returncode is None, process.logs()
            async with self.http.get(f"http://127.0.0.1:{process.port}/healthz") as response:
                answers.append({**(await response.json()), "http": response.status})
        return answers

    async def outbox_states(self) -> dict[str, int]:
        rows = await db_fetch(
            self.database_url, "SELECT status, count(*) AS n FROM outbox GROUP BY status"
        )
        return {row["status"]: row["n"] for row in rows}

    async def settled(self) -> bool:
        """Nothing left to deliver in either direction."""
        if self.api.pending_updates:
            return False
        states = await self.outbox_states()
        return not states.get("pending") and not states.get("sending")

    async def wait_settled(self, timeout: float = 150.0) -> None:
        deadline = time.monotonic() + timeout
        while not await self.settled():
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"not settled in {timeout}s: outbox {await self.outbox_states()}, "
                    f"{len(self.api.pending_updates)} updates pending\n" + self.logs()
                )
            await asyncio.sleep(0.2)

    def logs(self, limit: int = 200) -> str:
        """The instances' logs without the access log lines (the last `limit` lines)."""
        parts = []
        for i, process in enumerate(self.instances):
            lines = [
                line
                for line in process.log_path.read_text(errors="replace").splitlines()
                if "aiohttp.access" not in line
            ]
            parts.append(f"--- instance {'AB'[i]} ---\n" + "\n".join(lines[-limit:]))
        return "\n".join(parts)


@contextlib.asynccontextmanager
async def running_fleet(
    api: FakeBotAPI,
    tmp_path: Path,
    *,
    database_url: str,
    redis_url: str,
    departments: int,
    policy: str,
    size: int = 2,
) -> AsyncIterator[Fleet]:
    """`size` instances behind the load balancer; `departments` departments, each with
    its own staff group (the first uses STAFF_CHAT_ID), so no group exceeds Telegram's
    20 messages a minute during a test."""
    lb = LoadBalancer(policy)
    await lb.start()
    staff = [-1001500000000 - i for i in range(departments)]
    for i, chat_id in enumerate(staff):
        api.add_group(chat_id, f"Staff {i:02d}")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_"))}
    base_env.update(
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=api.base_url,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        ATTACHMENTS_DIR=str(tmp_path / "files"),
        WEBHOOK_URL=lb.url,
        WEBHOOK_SECRET=SECRET,
        ADMIN_TOKEN=ADMIN,
        STAFF_CHAT_ID=str(staff[0]),
        LOG_LEVEL="INFO",
    )
    instances = []
    for i in range(size):
        env = dict(base_env, ADMIN_API_PORT=str(free_port()))
        instances.append(BotProcess(env, tmp_path, tmp_path / f"bot-{'AB'[i]}.log"))
    lb.backends = [p.port for p in instances]
    screens = Screens(api)
    screens.start()
    http = aiohttp.ClientSession(headers={"Authorization": f"Bearer {ADMIN}"})
    try:
        # Together (importing aiogram takes seconds); each calls setWebhook, and one of
        # two calls in the same second is refused by Telegram (429, retried).
        await asyncio.gather(*(process.start() for process in instances))
        names = []
        for i, chat_id in enumerate(staff):
            name = f"Desk {i:02d}"
            body: dict[str, Any] = {"name": name}
            if i:
                body["staff_chat_id"] = chat_id
            # Any instance serves the admin API: spread the set-up too.
            url = f"http://127.0.0.1:{instances[i % size].port}/api/v1/departments"
            async with http.post(url, json=body) as response:
                assert response.status == 201, await response.text()
            names.append(name)
        await api.wait_until(lambda: len(api.calls("setWebhook")) >= size, timeout=30)
        fleet = Fleet(api, lb, instances, database_url, redis_url, screens, staff, names, http)
        screens.diagnose = functools.partial(diagnosis, fleet)
        try:
            yield fleet
        except BaseException:
            print(fleet.logs(), "\n--- load balancer ---\n" + lb.describe())
            raise
    finally:
        await http.close()
        await screens.stop()
        for process in instances:
            if process.proc is not None and process.proc.returncode is None:
                process.proc.kill()
                await process.proc.wait()
        await lb.stop()


# -- a customer --------------------------------------------------------------------------------


NUMBER = re.compile(r"#(\d+)")


@dataclass
class Journey:
    user: FakeUser
    department: str
    subject: str
    followup: str
    number: int | None = None


async def tap(
    fleet: Fleet, user: FakeUser, message: dict[str, Any], label: str, expect: Predicate
) -> dict[str, Any]:
    """Presses a button once and waits for the screen it leads to. An alert instead
    ("This button is no longer available" for a screen just shown, or a wizard that
    is a step ahead or behind its screen) fails, with the customer's whole story."""
    screens, uid = fleet.screens, user.id
    current = user.chat.get(message["message_id"])
    assert current is not None
    query = user.press(current, button(current, label))
    screens.pressed(query)

    def outcome() -> Any:
        found = screens.find(uid, expect)
        if found is not None:
            return found
        state = fleet.api.query_state(query["id"])
        if state.answered and (state.answer or {}).get("show_alert"):
            return state.answer
        return None

    result = await screens.wait(uid, outcome, STEP_TIMEOUT)
    if "message_id" not in result:
        raise AssertionError(f"{uid} pressed {label!r}: {result}\n{await diagnosis(fleet, uid)}")
    return result


async def diagnosis(fleet: Fleet, uid: int) -> str:
    """A customer's chat, the updates the balancer passed on, the bot's calls for it,
    its outbox rows and its FSM state in Redis."""

    def data(request: Request) -> list[str]:
        markup = request.params.get("reply_markup")
        rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        return [b.get("callback_data", "") for row in rows for b in row][:2]

    calls = "\n".join(
        f"  {r.time:.3f} {r.summary()} msg={r.params.get('message_id')} {data(r)}"
        for r in fleet.api.requests
        if r.chat_id == uid
    )
    rows = await db_fetch(
        fleet.database_url,
        "SELECT id, method, status, attempts, left(payload->>'text', 40) AS text, "
        "telegram_message_id AS tg FROM outbox WHERE chat_id = $1 ORDER BY id",
        uid,
    )
    outbox_rows = "\n".join(f"  {dict(row)}" for row in rows)
    return (
        f"chat now:\n{fleet.screens.transcript(uid)}\n"
        f"updates (time, id, kind, data, instance, HTTP status; 0 = no answer yet):\n"
        f"{fleet.lb.describe(last=100, user=uid)}\nBot API calls:\n{calls}\n"
        f"outbox:\n{outbox_rows}\nFSM in Redis: {await fsm_of(fleet.redis_url, uid)}"
    )


async def fsm_of(redis_url: str, uid: int) -> dict[str, str]:
    from redis.asyncio import Redis

    client = Redis.from_url(redis_url, decode_responses=True)
    try:
        found = {}
        async for key in client.scan_iter(match=f"fsm:*:{uid}:*"):
            value = await client.get(key)
            found[key] = (value or "")[:300]
        return found
    finally:
        await client.aclose()


async def open_ticket_and_follow_up(fleet: Fleet, journey: Journey) -> None:
    """/start → New ticket → department → priority → subject → description → Skip →
    Send → the acknowledgement → one follow-up → its acknowledgement: 9 updates."""
    await open_ticket(fleet, journey)
    journey.user.send_text(journey.followup)
    await fleet.says(journey.user.id, has(f"Added to ticket #{journey.number}"))


async def open_ticket(fleet: Fleet, journey: Journey) -> None:
    """The wizard up to the acknowledgement "Your ticket #N is registered"."""
    user, says = journey.user, fleet.says
    uid = user.id

    def screen(fragment: str) -> Predicate:
        return lambda m: fragment in text_of(m) and "reply_markup" in m

    user.send_text("/start")
    menu = await says(uid, has("Hello,"))
    step = await tap(fleet, user, menu, "New ticket", screen("Which department"))
    step = await tap(fleet, user, step, journey.department, screen("How urgent"))
    await tap(fleet, user, step, "normal", has("Write the subject"))
    user.send_text(journey.subject)
    await says(uid, has("describe the problem"))
    user.send_text(f"Details of {journey.subject}: it fails every time.")
    step = await says(uid, screen("Attach"))
    summary = await tap(fleet, user, step, "Skip", screen("Your ticket"))
    assert journey.subject in text_of(summary)
    await tap(fleet, user, summary, "Send", has("Sent."))
    ack = await says(uid, has("is registered"))
    match = NUMBER.search(text_of(ack))
    assert match, text_of(ack)
    journey.number = int(match.group(1))


def make_journeys(api: FakeBotAPI, first_id: int, count: int, departments: list[str]):
    journeys = []
    for i in range(count):
        uid = first_id + i
        user = api.add_user(uid, f"Cust{uid}", username=f"cust{uid}", language_code="en")
        journeys.append(
            Journey(
                user,
                departments[i % len(departments)],
                subject=f"Problem {uid}",
                followup=f"Follow-up {uid}: still broken",
            )
        )
    return journeys


# -- the figures ---------------------------------------------------------------------------


@dataclass
class Audit:
    """What the fake Bot API saw, checked against what every customer should have got."""

    lost: list[str]
    duplicates: dict[tuple[int, str], int]
    rejected: list[str]
    figures: dict[str, Any]
    # Everything Telegram got twice: doubled messages and edits refused as "not modified".
    repeats: list[Repeat]


def set_webhook_flood(request: Request) -> bool:
    """Every instance sets the webhook at start; Telegram refuses a second setWebhook
    within a second with 429 and the instance retries: the only refusal allowed."""
    return request.method == "setWebhook" and request.status == 429


def answered_again(api: FakeBotAPI) -> set[int]:
    """Indexes of answerCallbackQuery calls refused because the same query had been
    answered before: a button press whose update failed after its answer (the database
    went away) is delivered again and answered again; Telegram refuses the second
    answer, the bot takes no notice (bot/requests.py), and the customer saw the first."""
    answered: set[str] = set()
    again: set[int] = set()
    for request in api.requests:
        if request.method != "answerCallbackQuery":
            continue
        query_id = str(request.params.get("callback_query_id"))
        if request.ok:
            answered.add(query_id)
        elif query_id in answered and "query is too old" in (request.description or ""):
            again.add(request.index)
    return again


def audit(
    fleet: Fleet, journeys: list[Journey], *, allowed: Callable[[Request], bool] = lambda r: False
) -> Audit:
    api = fleet.api
    sent = api.sent_messages()
    by_chat_text = Counter((m["chat"]["id"], text_of(m)) for m in sent)
    duplicates = {key: n for key, n in by_chat_text.items() if n > 1}
    staff = set(fleet.staff_chats)
    lost = []
    for j in journeys:
        uid, n = j.user.id, j.number
        texts = [text_of(m) for m in sent if m["chat"]["id"] == uid]
        # At least once here; more than once shows in `duplicates`.
        if not any("is registered" in t for t in texts):
            lost.append(f"{uid}: no acknowledgement of the ticket")
        if not any(f"Added to ticket #{n}" in t for t in texts):
            lost.append(f"{uid}: the follow-up was not acknowledged")
        staff_texts = [text_of(m) for m in sent if m["chat"]["id"] in staff]
        if not any(t.startswith(f"🎫 #{n} ") for t in staff_texts):
            lost.append(f"#{n} of {uid}: no card in the staff chat")
        if not any(t.startswith(f"💬 #{n} ") and j.followup in t for t in staff_texts):
            lost.append(f"#{n} of {uid}: the follow-up was not relayed to the staff chat")
    again = repeats(api)
    repeated_edits = {r.index for r in again if r.index is not None}
    reanswered = answered_again(api)
    rejected = [
        r.summary() + _limit_context(api, r)
        for r in api.calls(ok=False)
        if r.fault is None
        and not set_webhook_flood(r)
        and r.index not in repeated_edits
        and r.index not in reanswered
        and not allowed(r)
    ]
    handled = fleet.lb.per_instance()
    figures = {
        "customers": len(journeys),
        "updates": len(fleet.lb.updates()),
        "deliveries": len(fleet.lb.log),
        "handled_by_A": handled.get(0, 0),
        "handled_by_B": handled.get(1, 0),
        "lb_errors": sum(1 for d in fleet.lb.log if d.status != 200),
        "messages": len(sent),
        "to_staff": sum(1 for m in sent if m["chat"]["id"] in staff),
        "edits": len(api.calls("editMessageText", ok=True))
        + len(api.calls("editMessageReplyMarkup", ok=True)),
        "bot_api_calls": len(api.requests),
        "peak_sends_per_second": peak_rate(api),
        "faults_injected": api.stats.faults_injected,
        "429s": api.stats.too_many_requests,
        "5xx": api.stats.server_errors,
        "drops": api.stats.drops,
        "webhook_retries": api.stats.webhook_failures,
        "webhook_dropped": api.stats.webhook_dropped_updates,
        "lost": len(lost),
        "duplicates": sum(n - 1 for n in duplicates.values()),
        "repeated_edits": len(repeated_edits),
        "answered_again": len(reanswered),
        "seconds": round(time.monotonic() - fleet.started_at, 1),
    }
    return Audit(lost, duplicates, rejected, figures, again)


@dataclass
class Repeat:
    chat_id: int
    what: str
    first_accepted: float  # monotonic time the fake accepted the first copy
    index: int | None  # the refused repeated edit's request, if it is one


def repeats(api: FakeBotAPI) -> list[Repeat]:
    """Messages created twice, and edits sent again after Telegram had applied them
    (refused as "message is not modified")."""
    found = []
    first_message: dict[tuple[int, str], float] = {}
    first_edit: dict[tuple[Any, ...], float] = {}
    for request in api.requests:
        if request.ok:
            for message in request.created:
                key = (message["chat"]["id"], text_of(message))
                if key in first_message:
                    found.append(Repeat(key[0], key[1][:60], first_message[key], None))
                first_message.setdefault(key, request.time)
        if request.method in ("editMessageText", "editMessageReplyMarkup"):
            p = request.params
            key = (request.chat_id, p.get("message_id"), p.get("text"), str(p.get("reply_markup")))
            if request.ok:
                first_edit.setdefault(key, request.time)
            elif "message is not modified" in (request.description or "") and key in first_edit:
                what = f"{request.method} {str(p.get('text') or '')[:50]}"
                found.append(Repeat(request.chat_id, what, first_edit[key], request.index))
    return found


def peak_rate(api: FakeBotAPI) -> int:
    """The most messages Telegram accepted within one second (by arrival)."""
    times = sorted(r.time for r in api.requests if r.ok and r.method in MESSAGE_METHODS)
    peak, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= 1.0:
            start += 1
        peak = max(peak, end - start + 1)
    return peak


def _limit_context(api: FakeBotAPI, refused: Request) -> str:
    """For a 429 of the enforced limits: how close the accepted sends before it were."""
    if refused.status != 429:
        return ""
    accepted = [r for r in api.requests[: refused.index] if r.ok and r.method in MESSAGE_METHODS]
    in_chat = [r.time for r in accepted if r.chat_id == refused.chat_id]
    gap = f"{refused.time - in_chat[-1]:.3f}s" if in_chat else "-"
    last_second = sum(1 for r in accepted if refused.time - r.time < 1.0)
    return f" [since the chat's previous send: {gap}; sends in the second before: {last_second}]"


def summary_line(name: str, figures: dict[str, Any]) -> str:
    return f"FLEET {name}: " + ", ".join(f"{k}={v}" for k, v in figures.items())


# -- faults ------------------------------------------------------------------------------------


class Storms:
    """A fault hook for the fake Bot API: while active, a share of the sends and edits
    fail with 502, a dropped connection (nothing created) or 429 with retry_after, and
    during a storm half of them get 429. ("drop_after" - Telegram created the message
    but the answer was lost - is left out: without an idempotency key in the Bot API
    no sender can avoid a repeat there.)"""

    METHODS = frozenset(MESSAGE_METHODS | {"editMessageText", "editMessageReplyMarkup"})

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.active = False
        self.storm_until = 0.0
        self.injected: Counter[str] = Counter()

    def storm(self, seconds: float) -> None:
        self.storm_until = time.monotonic() + seconds

    def __call__(self, method: str, params: dict[str, Any]) -> Fault | None:
        if not self.active or method not in self.METHODS:
            return None
        roll = self.rng.random()
        if time.monotonic() < self.storm_until:
            if roll < 0.5:
                return self._fault("429", status=429, retry_after=self.rng.choice([1, 2, 3]))
            return None
        if roll < 0.03:
            return self._fault("502", status=502)
        if roll < 0.06:
            return self._fault("drop", kind="drop")
        if roll < 0.08:
            return self._fault("429", status=429, retry_after=1)
        return None

    def _fault(self, name: str, **kwargs: Any) -> Fault:
        self.injected[name] += 1
        return Fault(methods=self.METHODS, **kwargs)
