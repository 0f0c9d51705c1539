"""`python -m bot run` with Telegram's sending limits off on the bot's side
(`Limits.unlimited()`), for benchmarks that measure the bot rather than the limits."""

from __future__ import annotations

import asyncio

from bot.__main__ import _configure_logging
from bot.app import serve
from bot.config import load_settings
from bot.db import migrate
from bot.delivery.limits import Limits


async def main() -> None:
    settings = load_settings()
    settings.require_bot()
    _configure_logging(settings)
    await migrate(settings.database_url)
    await serve(settings, limits=Limits.unlimited())


if __name__ == "__main__":
    asyncio.run(main())
