"""`helpdesk sandbox` without a browser: the refusal to talk to Telegram, the demo desk's
seed, and the page's rendering of Telegram entities."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import load_settings
from models import Agent, Category, Department, Priority, SlaPolicy, Status, Template
from sandbox.demo import AGENTS, TEMPLATES, seed_demo
from sandbox.emulator import DEFAULT_TOKEN
from sandbox.render import to_html
from sandbox.run import Refused, check_environment
from tests.e2e.conftest import free_port
from tests.sandbox.support import clean_env

REAL_LOOKING_TOKEN = "7012345678:AAFakeButRealLookingToken_1234567890ab"


def _sandbox_cli(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "sandbox", "--port", str(free_port())],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_real_bot_token_in_the_environment_is_refused_in_one_line(tmp_path):
    result = _sandbox_cli(clean_env(BOT_TOKEN=REAL_LOOKING_TOKEN), tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "sandbox: refusing to start: BOT_TOKEN is set (environment or .env) and the sandbox "
        "never talks to Telegram; unset BOT_TOKEN to run it"
    ]
    assert not (tmp_path / "demo").exists()  # nothing was created


def test_a_token_in_dotenv_and_a_telegram_url_are_refused_too(tmp_path):
    (tmp_path / ".env").write_text(f"BOT_TOKEN={REAL_LOOKING_TOKEN}\n")
    result = _sandbox_cli(clean_env(), tmp_path)
    assert result.returncode == 2
    assert "BOT_TOKEN is set" in result.stderr
    (tmp_path / ".env").unlink()
    result = _sandbox_cli(clean_env(TELEGRAM_API_URL="https://api.telegram.org"), tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "sandbox: refusing to start: TELEGRAM_API_URL points at Telegram (api.telegram.org); "
        "the sandbox runs its own Bot API emulator, unset TELEGRAM_API_URL to run it"
    ]
    assert not (tmp_path / "demo").exists()


def test_what_does_not_reach_telegram_is_accepted():
    check_environment(load_settings(bot_token=None, telegram_api_url=None))
    check_environment(load_settings(bot_token=DEFAULT_TOKEN, telegram_api_url=None))
    check_environment(load_settings(bot_token=None, telegram_api_url="http://127.0.0.1:8081"))
    with pytest.raises(Refused):
        check_environment(load_settings(bot_token=None, telegram_api_url="https://x.telegram.org"))


async def test_the_demo_desk_is_seeded_through_the_services(db):
    await seed_demo()
    departments = {d.name: d for d in await Department.all()}
    assert sorted(departments) == ["Billing", "Technical"]
    for department in departments.values():
        assert await Category.filter(department=department).count() == 3
    assert [p.level for p in await Priority.all().order_by("level")] == [2, 3, 4, 5]
    assert await Status.filter(is_new=True).count() == 1
    policies = {p.name: p for p in await SlaPolicy.all()}
    assert policies["Standard"].priority_id is None
    assert policies["Standard"].first_response_minutes == 60
    assert (await policies["Urgent"].priority).level == 5
    agents = await Agent.all().prefetch_related("departments").order_by("telegram_id")
    assert [(a.telegram_id, a.name, a.role.value) for a in agents] == [
        (a.telegram_id, a.first_name, a.role) for a in AGENTS
    ]
    assert [sorted(d.name for d in a.departments) for a in agents] == [
        sorted(a.departments) for a in AGENTS
    ]
    templates = await Template.all()
    assert len(templates) == len(TEMPLATES)
    assert {t.language for t in templates} == {"en", "ru"}
    for shortcut in ("hello", "restart", "invoice"):
        assert {t.language for t in templates if t.shortcut == shortcut} == {"en", "ru"}


def _entity(kind: str, offset: int, length: int, **extra: str) -> dict:
    return {"type": kind, "offset": offset, "length": length, **extra}


def test_entities_render_as_telegram_tags_and_everything_else_is_escaped():
    text = "Hi <script>alert(1)</script> & bold"
    html = to_html(text, [_entity("bold", text.index("bold"), 4)])
    assert html == "Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; <b>bold</b>"


def test_nested_entities_utf16_offsets_and_line_breaks():
    text = "👋 Hello, Alex!\nnext"
    # 👋 is two UTF-16 units: "Alex" starts at 10 in Telegram's offsets.
    html = to_html(
        text, [_entity("italic", 3, 12), _entity("bold", 10, 4), _entity("underline", 16, 4)]
    )
    assert html == "👋 <i>Hello, <b>Alex</b>!</i><br><u>next</u>"


def test_links_keep_only_safe_addresses():
    text = "docs and trap"
    html = to_html(
        text,
        [
            _entity("text_link", 0, 4, url="https://example.com/?a=1&b=2"),
            _entity("text_link", 9, 4, url="javascript:alert(1)"),
        ],
    )
    assert html == (
        '<a href="https://example.com/?a=1&amp;b=2" target="_blank" '
        'rel="noopener noreferrer">docs</a> and trap'
    )
