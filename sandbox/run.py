"""`helpdesk sandbox` (`make demo`): the real desk process against the built-in emulator.

The process is the one `helpdesk run` starts (create_web_app: the same dispatcher,
services, outbox, sender and timers), with three differences: its Bot API server is the
emulator in this process (on 127.0.0.1), its database is a fresh SQLite file under the
demo folder seeded with a demo desk, and its HTTP server also serves the /sandbox page.
It never talks to Telegram: a real token or a Telegram URL in the environment stops it.
"""

from __future__ import annotations

import logging
import shutil
import socket
from pathlib import Path
from urllib.parse import urlsplit

from bot.config import ConfigError, Settings, load_settings
from sandbox.emulator import DEFAULT_TOKEN, FakeBotAPI

log = logging.getLogger(__name__)

DATABASE_FILE = "sandbox.sqlite3"
DEFAULT_PORT = 8090


class Refused(ConfigError):
    """The environment would make the sandbox talk to Telegram."""


def check_environment(env: Settings) -> None:
    """Refuses (one line) a real bot token or a Bot API URL of Telegram's."""
    token = env.bot_token.get_secret_value() if env.bot_token else None
    if token is not None and token != DEFAULT_TOKEN:
        raise Refused(
            "sandbox: refusing to start: BOT_TOKEN is set (environment or .env) and the "
            "sandbox never talks to Telegram; unset BOT_TOKEN to run it"
        )
    host = (urlsplit(env.telegram_api_url).hostname or "") if env.telegram_api_url else ""
    if host == "telegram.org" or host.endswith(".telegram.org"):
        raise Refused(
            f"sandbox: refusing to start: TELEGRAM_API_URL points at Telegram ({host}); "
            "the sandbox runs its own Bot API emulator, unset TELEGRAM_API_URL to run it"
        )


def port_free(host: str, port: int) -> None:
    """Raises OSError (address in use) when the port is taken."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


def fresh_folder(folder: Path) -> None:
    """Each start is a new desk: the emulator's chats live in memory, so yesterday's
    tickets would point at messages that no longer exist."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.glob(f"{DATABASE_FILE}*"):
        path.unlink()
    shutil.rmtree(folder / "attachments", ignore_errors=True)


def sandbox_settings(
    env: Settings, folder: Path, api: FakeBotAPI, host: str, port: int
) -> Settings:
    from sandbox.demo import REPLY_GROUP_ID

    return load_settings(
        bot_token=DEFAULT_TOKEN,
        telegram_api_url=api.base_url,
        database_url=f"sqlite://{(folder / DATABASE_FILE).resolve()}",
        redis_url=None,
        webhook_url=None,
        webhook_secret=None,
        staff_chat_id=REPLY_GROUP_ID,
        attachments_dir=(folder / "attachments").resolve(),
        admin_api_host=host,
        admin_api_port=port,
        default_language=env.default_language,
        log_level=env.log_level,
    )


async def run(
    folder: Path, *, host: str = "127.0.0.1", port: int = DEFAULT_PORT, log_level: str | None
) -> None:
    env = load_settings(**({"log_level": log_level} if log_level else {}))
    check_environment(env)
    port_free(host, port)  # before the folder is wiped: another sandbox may be using it
    # Imported once the environment passed: a refusal is said at once.
    from bot.app import create_web_app, serve
    from bot.db import migrate, orm
    from sandbox.demo import BOT_NAME, BOT_USERNAME, build_world, seed_demo
    from sandbox.web import setup_sandbox

    fresh_folder(folder)
    api = FakeBotAPI(DEFAULT_TOKEN, bot_username=BOT_USERNAME, bot_first_name=BOT_NAME)
    world = build_world(api)
    await api.start("127.0.0.1", 0)
    try:
        settings = sandbox_settings(env, folder, api, host, port)
        await migrate(settings.database_url)
        async with orm(settings.database_url):
            await seed_demo()
        app = create_web_app(settings)
        setup_sandbox(app, world)
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        url = f"http://{shown}:{port}/sandbox"
        await serve(settings, app=app, on_started=lambda: print(f"sandbox: {url}", flush=True))
    finally:
        await api.stop()
