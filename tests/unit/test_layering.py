"""Services are free of Telegram (issue 17, point 3): no module under bot/services
imports aiogram, the Telegram presentation (bot.ui, bot.presentation) or the outbox's
message writers - they emit notices (bot.services.notices) and the presentation
renders them. The outbox's `transaction` (the DB transaction an update may open) is
the one thing they may take from it."""

from __future__ import annotations

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "bot" / "services"
BANNED = ("aiogram", "bot.ui", "bot.presentation")
OUTBOX = "bot.delivery.outbox"
ALLOWED_FROM_OUTBOX = {"transaction"}


def _banned(module: str) -> bool:
    return any(module == b or module.startswith(b + ".") for b in BANNED)


def offences(source: str) -> list[str]:
    """The imports of one module that break the rule, as written."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _banned(alias.name) or alias.name == OUTBOX:
                    found.append(f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [alias.name for alias in node.names]
            full = [f"{node.module}.{name}" for name in names]
            telegram = _banned(node.module) or any(_banned(f) or f == OUTBOX for f in full)
            writers = node.module == OUTBOX and bool(set(names) - ALLOWED_FROM_OUTBOX)
            if telegram or writers:
                found.append(f"from {node.module} import {', '.join(names)}")
    return found


def test_the_rule_catches_each_kind_of_import() -> None:
    source = "\n".join(
        [
            "from aiogram.types import Message",
            "import aiogram",
            "from bot.ui import texts",
            "from bot import presentation",
            "from bot.presentation.card import refresh_card",
            "from bot.delivery import outbox",
            "from bot.delivery.outbox import send_text, transaction",
            "def f():\n    from bot.ui.html import escape",
            # allowed:
            "from bot.delivery.outbox import transaction",
            "from bot.services import notices",
            "from bot.delivery.limits import erased_chat_id",
            "from models import Ticket",
        ]
    )
    assert offences(source) == [
        "from aiogram.types import Message",
        "import aiogram",
        "from bot.ui import texts",
        "from bot import presentation",
        "from bot.presentation.card import refresh_card",
        "from bot.delivery import outbox",
        "from bot.delivery.outbox import send_text, transaction",
        "from bot.ui.html import escape",
    ]


def test_services_import_no_telegram_presentation() -> None:
    modules = sorted(SERVICES.rglob("*.py"))
    assert len(modules) > 20  # (the package is where the test thinks it is)
    found = {
        str(path.relative_to(SERVICES.parents[1])): offences(path.read_text(encoding="utf-8"))
        for path in modules
    }
    offenders = {path: imports for path, imports in found.items() if imports}
    assert not offenders, "services importing Telegram or its presentation:\n" + "\n".join(
        f"  {path}: {'; '.join(imports)}" for path, imports in sorted(offenders.items())
    )
