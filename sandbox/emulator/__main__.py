"""Run the fake Bot API standalone: ``python -m sandbox.emulator --port N --token T``.

Prints the listening port on stdout (one line, flushed) once ready, so a test that spawned it
can read the port; the /_fake/ control API (see control.py) lets that test act as users.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal

from .server import DEFAULT_TOKEN, FakeBotAPI

logger = logging.getLogger(__name__)


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sandbox.emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--bot-username", default="helpdesk_test_bot")
    parser.add_argument("--enforce-limits", action="store_true", help="answer 429 on floods")
    parser.add_argument(
        "--user",
        action="append",
        default=[],
        metavar="ID:FIRST_NAME",
        help="pre-create a user (repeatable)",
    )
    parser.add_argument("--no-control-api", action="store_true", help="disable /_fake/ routes")
    parser.add_argument("--log-level", default="WARNING")
    return parser.parse_args(argv)


async def _serve(args: argparse.Namespace) -> None:
    api = FakeBotAPI(
        args.token,
        bot_username=args.bot_username,
        enforce_limits=args.enforce_limits,
        control_api=not args.no_control_api,
    )
    for spec in args.user:
        user_id, _, name = spec.partition(":")
        api.add_user(int(user_id), name or f"User {user_id}")
    await api.start(args.host, args.port)
    print(api.port, flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await api.stop()


def main(argv: list[str] | None = None) -> None:
    args = _parse_args(argv)
    logging.basicConfig(level=args.log_level.upper())
    asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
