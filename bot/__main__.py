"""`python -m bot` / `helpdesk`: run, sandbox, migrate, makemigrations, token, customer erase."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import re
import subprocess
import sys

from bot.config import ConfigError, Settings, load_settings

log = logging.getLogger("bot")


def _configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # aiogram logs every handled update at INFO; that is noise for an operator.
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)


def _hide_password(url: str) -> str:
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


async def _run(settings: Settings) -> None:
    from bot.app import serve
    from bot.db import migrate

    await migrate(settings.database_url)
    await serve(settings)


async def _migrate(settings: Settings) -> None:
    from bot.db import migrate

    applied = await migrate(settings.database_url)
    print(f"applied {len(applied)} migration(s)" + (f": {', '.join(applied)}" if applied else ""))


def _makemigrations(args: argparse.Namespace) -> int:
    from bot.db import DIALECTS, make_migration, pending_model_changes

    if args.dialect is None:
        # aerich keeps state in class attributes: one process per dialect.
        status = 0
        for dialect in DIALECTS:
            cmd = [sys.executable, "-m", "bot", "makemigrations", "--dialect", dialect]
            cmd += ["--check"] if args.check else ["--name", args.name]
            status |= subprocess.call(cmd)  # noqa: S603 - our own interpreter and module
        return status
    if args.check:
        drift = asyncio.run(pending_model_changes(args.dialect))
        if drift:
            print(f"{args.dialect}: models changed without a migration (run `make migrations`)")
            return 1
        print(f"{args.dialect}: migrations match the models")
        return 0
    created = asyncio.run(make_migration(args.dialect, args.name))
    print(f"{args.dialect}: {created or 'no changes'}")
    return 0


async def _token(args: argparse.Namespace, settings: Settings) -> None:
    from bot.db import orm
    from bot.services.tokens import create_token

    async with orm(settings.database_url):
        token, secret = await create_token(args.name, args.role, args.agent_id)
    print(f"token {token.id} ({token.role.value}) {token.name!r} created; its secret, shown once:")
    print(secret)


async def _rebuild_stats(settings: Settings) -> None:
    from bot.db import orm
    from bot.services import rollups

    async with orm(settings.database_url):
        await rollups.rebuild()
    print("statistics recounted from the tickets and messages")


def _sandbox(args: argparse.Namespace) -> int:
    """The desk against its built-in Bot API emulator, with the /sandbox page."""
    from pathlib import Path

    from sandbox.run import run

    try:
        env = load_settings(log_level=args.log_level)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    _configure_logging(env)
    try:
        asyncio.run(run(Path(args.dir), host=args.host, port=args.port, log_level=args.log_level))
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        print(f"sandbox: cannot start: {exc}", file=sys.stderr)
        return 1
    return 0


def _operator() -> str:
    """Who runs the CLI, for the history of what they did."""
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli"


# `customer erase` refused because of open tickets: a script can tell it from an error.
REFUSED = 3


async def _erase_customer(args: argparse.Namespace, settings: Settings) -> int:
    from pathlib import Path

    from bot import presentation
    from bot.db import orm
    from bot.i18n import create_i18n
    from bot.services import erasure, tickets
    from bot.services.settings import runtime_settings
    from models.enums import ActorType

    presentation.install(settings)  # (closing tickets and the staff cards are told)
    actor = tickets.Actor(ActorType.SYSTEM, _operator(), is_admin=True)
    async with orm(settings.database_url):
        customer = await erasure.find_customer(args.id, args.telegram_id)
        root = Path((await runtime_settings(settings)).attachments_dir)
        try:
            # Closing a ticket (--force) and the staff cards render texts.
            with create_i18n(settings.default_language).context():
                done = await erasure.erase_customer(
                    customer.id,
                    actor,
                    attachments_dir=root,
                    force=args.force,
                    redis_url=settings.redis_url,
                )
        except erasure.OpenTickets as exc:
            numbers = ", ".join(f"#{n}" for n in exc.details["tickets"])
            one = len(exc.details["tickets"]) == 1
            print(
                f"refused: customer {customer.id} has {'an open ticket' if one else 'open tickets'}"
                f" ({numbers}); close {'it' if one else 'them'} first or run again with --force",
                file=sys.stderr,
            )
            return REFUSED
    closed = f" ({done.tickets_closed} closed first)" if done.tickets_closed else ""
    print(
        f"customer {done.customer_id} erased: {done.tickets_anonymised} tickets anonymised"
        f"{closed}, {done.messages_wiped} messages wiped, {done.attachments_removed} "
        f"attachments removed, {done.files_deleted} files deleted, {done.drafts_removed} "
        "drafts removed"
    )
    for name in done.files_not_deleted:
        print(
            f"warning: stored file not deleted, remove it by hand: {root / name}", file=sys.stderr
        )
    return 1 if done.files_not_deleted else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="helpdesk", description="Telegram helpdesk")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="apply migrations and run the bot, API and workers")
    sub.add_parser("migrate", help="apply pending migrations and seed defaults")
    sandbox = sub.add_parser(
        "sandbox",
        help="try the desk without Telegram: a demo desk and the /sandbox page",
        description="Runs the desk against its built-in Bot API emulator on a fresh SQLite "
        "demo desk (under --dir, recreated at every start) and serves the /sandbox page, "
        "where you act as the customers and the agents. Prints its URL; opens nothing.",
    )
    sandbox.add_argument("--dir", default="demo", help="the demo folder (default ./demo)")
    sandbox.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1)")
    sandbox.add_argument("--port", type=int, default=8090, help="HTTP port (default 8090)")
    sandbox.add_argument(
        "--log-level", default="WARNING", choices=["DEBUG", "INFO", "WARNING", "ERROR"]
    )
    mk = sub.add_parser("makemigrations", help="generate migrations for every dialect")
    mk.add_argument("--name", default="update")
    mk.add_argument("--check", action="store_true", help="fail if the models need a migration")
    mk.add_argument("--dialect", choices=["sqlite", "postgres"])
    token = sub.add_parser("token", help="admin API tokens")
    token_sub = token.add_subparsers(dest="token_command", required=True)
    create = token_sub.add_parser("create", help="create a token and print its secret once")
    create.add_argument("--name", required=True)
    create.add_argument("--role", required=True, choices=["admin", "agent", "readonly"])
    create.add_argument("--agent-id", type=int, default=None)
    customer = sub.add_parser("customer", help="customers")
    customer_sub = customer.add_subparsers(dest="customer_command", required=True)
    erase = customer_sub.add_parser(
        "erase",
        help="erase a customer's personal data (GDPR); their tickets stay, anonymised",
        description="Erases the customer's personal data, their tickets' texts and files, "
        "and their drafts; the tickets stay, anonymised, for the statistics. Refused "
        f"(exit code {REFUSED}) while they have an open ticket, unless --force.",
    )
    erase.add_argument("id", type=int, nargs="?", help="the customer's id (as in the admin API)")
    erase.add_argument(
        "--telegram-id",
        type=int,
        help="their Telegram id: finds them without ID; with ID, must be theirs",
    )
    erase.add_argument(
        "--force", action="store_true", help="close their open tickets first instead of refusing"
    )
    stats = sub.add_parser("stats", help="the statistics")
    stats_sub = stats.add_subparsers(dest="stats_command", required=True)
    stats_sub.add_parser(
        "rebuild",
        help="recount the statistics' roll-ups from the tickets and messages",
        description="Empties the roll-ups the statistics are read from and counts every "
        "ticket and message again, in one transaction (the services keep them in step; "
        "this is for rows written around them: an import, a partial restore).",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "makemigrations":
        return _makemigrations(args)
    if args.command == "sandbox":
        return _sandbox(args)
    if args.command == "customer" and args.id is None and args.telegram_id is None:
        parser.error("customer erase: give the customer's id or --telegram-id")
    try:
        settings = load_settings()
        if args.command == "run":
            settings.require_bot()
        _configure_logging(settings)
        if args.command == "run":
            asyncio.run(_run(settings))
        elif args.command == "migrate":
            asyncio.run(_migrate(settings))
        elif args.command == "token":
            asyncio.run(_token(args, settings))
        elif args.command == "customer":
            return asyncio.run(_erase_customer(args, settings))
        elif args.command == "stats":
            asyncio.run(_rebuild_stats(settings))
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    except (OSError, ConnectionError) as exc:
        url = _hide_password(settings.database_url)
        print(
            f"start-up error: cannot reach a service ({exc}); DATABASE_URL={url}", file=sys.stderr
        )
        return 1
    except Exception as exc:
        from bot.services.errors import DomainError

        if isinstance(exc, DomainError):
            print(f"error: {exc.message}", file=sys.stderr)
            return 2
        if type(exc).__module__.startswith("tortoise"):
            url = _hide_password(settings.database_url)
            print(f"database error: {exc} (DATABASE_URL={url})", file=sys.stderr)
            return 1
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
