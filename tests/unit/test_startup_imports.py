"""What start-up leaves unimported until it is needed (bench/footprint.py measures what
each would cost): Redis without REDIS_URL, asyncpg on SQLite, Swagger UI until its page
is asked for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support import TOKEN

ROOT = Path(__file__).resolve().parents[2]
DEFERRED = ["redis", "asyncpg", "swagger_ui", "jinja2", "yaml"]

SCRIPT = """
import json, sys
import bot.__main__, bot.db
from bot.app import create_web_app
from bot.config import Settings

create_web_app(Settings(bot_token=sys.argv[1], database_url=sys.argv[2], _env_file=None))
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in sys.argv[3:])))
"""


def test_start_up_imports_none_of_what_it_does_not_need(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, TOKEN, f"sqlite://{tmp_path}/db.sqlite3", *DEFERRED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
