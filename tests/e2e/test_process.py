"""The whole process, started as a service manager would, against the fake Bot API."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict

import aiohttp
import pytest
from tortoise import Tortoise, connections

from bot.config import Settings
from bot.db import MIGRATIONS_DIR, migrate, tortoise_config
from bot.delivery import outbox
from tests.conftest import BACKENDS, create_pg_database, drop_pg_database
from tests.e2e.conftest import BotProcess, free_port
from tests.support import TOKEN, copied_env_example


async def test_start_is_answered_and_sigterm_stops_cleanly(api, bot_process):
    await bot_process.start()
    user = api.add_user(501, "Alice", language_code="en")
    user.send_text("/start")
    await api.wait_for("sendMessage", timeout=30)
    [greeting] = api.sent_messages(501)
    assert greeting["text"].startswith("👋 Hello, Alice!")
    health = await bot_process.wait_healthy()
    assert health == {"status": "ok", "database": "ok", "telegram": "ok"}
    metrics = await _metrics(bot_process.port)
    assert 'helpdesk_updates_total{outcome="ok",type="message"} 1' in metrics
    assert 'helpdesk_sends_total{result="sent"} 1' in metrics
    assert "helpdesk_outbox_depth 0" in metrics
    assert "helpdesk_handler_seconds_count 1" in metrics
    # Only `helpdesk sandbox` mounts the sandbox page and its endpoints.
    async with aiohttp.ClientSession() as http:
        for path in ("/sandbox", "/sandbox/api/state", "/sandbox/static/sandbox.js"):
            async with http.get(f"http://127.0.0.1:{bot_process.port}{path}") as response:
                assert response.status == 404, path
    started = time.monotonic()
    assert await bot_process.terminate() == 0
    assert time.monotonic() - started < 10
    assert "stopped" in bot_process.logs()


async def _metrics(port: int) -> str:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{port}/metrics") as response,
    ):
        assert response.status == 200
        assert response.content_type == "text/plain"
        return await response.text()


def _run_cli(env: dict[str, str], cwd) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_starts_from_a_copied_env_example_with_only_the_token(api, tmp_path):
    """`cp .env.example .env`, set BOT_TOKEN, run: the empty lines (STAFF_CHAT_ID=,
    WEBHOOK_SECRET=, ...) are unset settings. The test also points the copy at the fake
    Telegram, and gives the port in the environment (as the README's systemd unit
    does); everything else is as shipped."""
    (tmp_path / ".env").write_text(
        copied_env_example(BOT_TOKEN=TOKEN, TELEGRAM_API_URL=api.base_url)
    )
    copied = (tmp_path / ".env").read_text()
    assert "\nSTAFF_CHAT_ID=\n" in copied and "\nWEBHOOK_SECRET=\n" in copied
    settings = {name.upper() for name in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k.upper() not in settings}
    env["ADMIN_API_PORT"] = str(free_port())
    process = BotProcess(env, tmp_path, tmp_path / "bot.log")
    try:
        await process.start()
        user = api.add_user(501, "Alice", language_code="en")
        user.send_text("/start")
        await api.wait_for("sendMessage", timeout=30)
        assert api.sent_messages(501)[0]["text"].startswith("👋 Hello, Alice!")
        # The relative defaults of the copy landed in the working directory.
        assert (tmp_path / "data" / "helpdesk.sqlite3").exists()
        assert await process.terminate() == 0
    finally:
        if process.proc is not None and process.proc.returncode is None:
            await process.kill()


def test_missing_token_stops_with_one_clear_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    result = _run_cli(env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "configuration error: BOT_TOKEN is not set (get one from @BotFather)"
    ]


def test_malformed_setting_stops_with_one_clear_line(tmp_path):
    env = dict(os.environ, BOT_TOKEN="123:abc", ADMIN_API_PORT="x")
    result = _run_cli(env, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("configuration error: BOT_TOKEN")


@pytest.mark.parametrize("backend", BACKENDS)
async def test_migrate_works_from_another_directory(tmp_path, backend):
    """`helpdesk migrate` on a fresh database of each dialect, run from /, twice."""
    if backend == "postgres":
        url = await create_pg_database()
    else:
        url = f"sqlite://{tmp_path / 'm.sqlite3'}"
    env = dict(os.environ, DATABASE_URL=url)
    steps = len(list((MIGRATIONS_DIR / backend / "models").glob("[0-9]*_*.py")))
    try:
        outputs = []
        for _ in range(2):
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "migrate",
                env=env,
                cwd="/",
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
            assert process.returncode == 0, stderr.decode()
            outputs.append(stdout.decode().strip())
    finally:
        if backend == "postgres":
            await drop_pg_database(url)
    assert outputs[0].startswith(f"applied {steps} migration(s): 0_")
    assert outputs[1] == "applied 0 migration(s)"


async def test_sigkill_mid_queue_loses_nothing_and_doubles_nothing(api, bot_process):
    """Kill -9 while the outbox drains, restart: every message arrives; the only
    repeats allowed are sends Telegram accepted in the instant before the kill."""
    url = bot_process.env["DATABASE_URL"]
    await migrate(url)
    await Tortoise.init(config=tortoise_config(url))
    chats = [api.add_user(7000 + i, f"C{i}").id for i in range(60)]
    expected: dict[int, list[str]] = defaultdict(list)
    for n in range(3):
        for chat in chats:
            text = f"{chat}/{n}"
            await outbox.send_text(chat, text)
            expected[chat].append(text)
    await connections.close_all()

    await bot_process.start()
    while len(api.sent_messages()) < 50:
        await asyncio.sleep(0.01)
    await bot_process.kill()
    killed_at = time.monotonic()  # the fake stamps requests with the monotonic clock
    assert len(api.sent_messages()) < 180, "the queue drained before the kill"

    await bot_process.start()
    deadline = time.monotonic() + 60
    while len({m["text"] for m in api.sent_messages()}) < 180 and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert await bot_process.terminate() == 0

    sent = api.sent_messages()
    counts = Counter(m["text"] for m in sent)
    assert set(counts) == {t for texts in expected.values() for t in texts}  # nothing lost
    repeats = {text for text, n in counts.items() if n > 1}
    first_seen = {}
    for request in api.calls("sendMessage"):
        if request.ok:
            first_seen.setdefault(request.params["text"], request.time)
    assert all(first_seen[text] >= killed_at - 1.0 for text in repeats), repeats
    assert len(repeats) <= 8  # at most the sends in flight at the kill
    for chat, texts in expected.items():  # order kept per chat
        seen = [m["text"] for m in sent if m["chat"]["id"] == chat]
        assert list(dict.fromkeys(seen)) == texts


async def test_webhook_mode_answers_and_refuses_a_wrong_secret(api, bot_process):
    url = f"http://127.0.0.1:{bot_process.port}/tg/webhook"
    bot_process.env.update(WEBHOOK_URL=url, WEBHOOK_SECRET="s3cret-Token_1")
    await bot_process.start()
    await api.wait_for("setWebhook", timeout=30)
    user = api.add_user(601, "Wendy")
    user.send_text("/start")
    await api.wait_for("sendMessage", timeout=30)
    assert api.sent_messages(601)[0]["text"].startswith("👋 Hello, Wendy!")
    forged = {
        "update_id": 424242,
        "message": {
            "message_id": 9,
            "date": 1700000000,
            "chat": {"id": 602, "type": "private"},
            "from": {"id": 602, "is_bot": False, "first_name": "Mallory"},
            "text": "/start",
        },
    }
    async with aiohttp.ClientSession() as http:
        for headers in ({"X-Telegram-Bot-Api-Secret-Token": "wrong"}, {}):
            async with http.post(url, json=forged, headers=headers) as response:
                assert response.status == 401
        # With the right secret: a body that is not JSON is refused; an update that
        # cannot be read is acknowledged (Telegram would re-deliver it for hours) and
        # skipped, and the next one is answered.
        secret = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"}
        async with http.post(url, data=b"{not json", headers=secret) as response:
            assert response.status == 400
            assert await response.json() == {"error": "not a Telegram update"}
        unreadable = {**forged, "update_id": 424243}
        unreadable["message"] = {**forged["message"], "date": "yesterday"}
        async with http.post(url, json=unreadable, headers=secret) as response:
            assert response.status == 200
    await asyncio.sleep(0.5)
    assert not api.sent_messages(602)
    user.send_text("/help")
    await api.wait_until(lambda: len(api.sent_messages(601)) == 2, timeout=30)
    log = bot_process.log_path.read_text(errors="replace")
    assert "update 424243 could not be read and is skipped (message.date" in log
    assert await bot_process.terminate() == 0
    assert not api.calls("getUpdates") or all(
        c.time < api.calls("setWebhook")[0].time for c in api.calls("getUpdates")
    )
