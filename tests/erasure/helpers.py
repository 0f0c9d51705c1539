"""Seeding a customer with distinctive personal data through the real dispatcher, and
looking for any trace of it in every table and under the attachments directory."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bot.db import connection, dialect_of
from bot.i18n import create_i18n
from bot.services import tickets
from models import Priority, Status, Ticket
from models.enums import StatusRole
from tests.handlers.wizard_support import STAFF, last, press

TELEGRAM_ID = 5_551_234_567
FIRST_NAME = "Zebulon"
LAST_NAME = "Quaxworthy"
USERNAME = "zquax_secret"
SUBJECT = "Refund for 17 Quaxworthy Lane"
DESCRIPTION = "My card 4242-QUAX was charged twice"
FILE_NAME = "quaxworthy-passport.pdf"
FILE_BYTES = b"%PDF-1.4 QUAX-PASSPORT-SCAN-BYTES"
AGENT_ANSWER = "Dear Zebulon, the card 4242-QUAX refund is on its way"
NOTE = "Zebulon phoned from +44 7700 900123"
FOLLOW_UP = "My phone is +44 7700 900456 QUAX-ORIGINAL"
FOLLOW_UP_EDITED = "My phone is +44 7700 900789 QUAX-EDITED"
CSAT_COMMENT = "Quaxworthy family is happy"
DRAFT_SUBJECT = "Draft about QUAX-DRAFT-SUBJECT"
DRAFT_TEXT = "Draft text QUAX-DRAFT-DESCRIPTION"
DRAFT_FILE_NAME = "quax-draft-contract.pdf"
DRAFT_FILE_BYTES = b"%PDF-1.4 QUAX-DRAFT-CONTRACT-BYTES"

# What must not be found anywhere once the customer is erased.
NEEDLES = (
    str(TELEGRAM_ID),
    FIRST_NAME,
    LAST_NAME,
    USERNAME,
    SUBJECT,
    "4242-QUAX",
    FILE_NAME,
    "900123",
    "QUAX-ORIGINAL",
    "QUAX-EDITED",
    CSAT_COMMENT,
    "QUAX-DRAFT-SUBJECT",
    "QUAX-DRAFT-DESCRIPTION",
    DRAFT_FILE_NAME,
)
FILE_CONTENTS = (FILE_BYTES, DRAFT_FILE_BYTES)


@contextmanager
def english():
    with create_i18n("en").context():
        yield


async def tables(database_url: str) -> list[str]:
    if dialect_of(database_url) == "sqlite":
        rows = await connection().execute_query_dict(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        return [row["name"] for row in rows]
    rows = await connection().execute_query_dict(
        "SELECT table_name AS name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
    )
    return [row["name"] for row in rows]


def _text(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", "replace")
    return "" if value is None else str(value)


async def database_dump(database_url: str) -> dict[str, str]:
    """Every column of every row of every table, as text, by table."""
    dump = {}
    for table in await tables(database_url):
        rows = await connection().execute_query_dict(f'SELECT * FROM "{table}"')
        dump[table] = "\n".join(
            " | ".join(f"{k}={_text(v)}" for k, v in row.items()) for row in rows
        )
    return dump


def traces(dump: dict[str, str]) -> dict[str, list[str]]:
    """Which needles occur in which tables."""
    found: dict[str, list[str]] = {}
    for table, text in dump.items():
        hits = [needle for needle in NEEDLES if needle in text]
        if hits:
            found[table] = hits
    return found


def files_under(root: Path) -> dict[str, bytes]:
    """Every file under the attachments directory: its relative path and bytes."""
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


async def open_wizard(env, user) -> dict:
    user.send_text("/start")
    await env.step()
    await press(env, user, user.id, last(env, user.id), "New ticket")
    return last(env, user.id)


async def wizard_until_files(env, user, department: str, subject: str, text: str) -> dict:
    """Department (first category if asked), normal priority, subject, description."""
    screen = await press(env, user, user.id, await open_wizard(env, user), department)
    if "What is it about?" in screen["text"]:
        screen = await press(env, user, user.id, screen, "Other")
    normal = await Priority.get(level=3)
    await press(env, user, user.id, screen, normal.name)
    user.send_text(subject)
    await env.step()
    user.send_text(text)
    await env.step()
    return last(env, user.id)


async def the_customer_writes_a_ticket_and_leaves_a_draft(env, people) -> Ticket:
    """Through the real dispatcher: the wizard with a file, an agent's /queue listing
    it, an answer quoting the customer, a note, a follow-up the customer edits,
    resolution confirmed with a CSAT comment; then a second wizard left half-way with
    a file of its own. `people`: tests.staff.helpers.staff_desk()."""
    user = env.api.add_user(TELEGRAM_ID, FIRST_NAME, last_name=LAST_NAME, username=USERNAME)
    await wizard_until_files(env, user, "Billing", SUBJECT, DESCRIPTION)
    user.send_document(FILE_NAME, content=FILE_BYTES)
    await env.step()
    summary = await press(env, user, user.id, last(env, user.id), "Done")
    await press(env, user, user.id, summary, "Send")
    ticket = await Ticket.get(subject=SUBJECT)
    people.ann.send_text("/queue", chat_id=STAFF)
    await env.step()
    assert SUBJECT in last(env, STAFF)["text"]

    ann = await tickets.agent_actor(people.desk.ann)
    with english():
        await tickets.reply(ticket.id, AGENT_ANSWER, ann)
        await tickets.add_note(ticket.id, NOTE, ann)
    await env.settle()
    mine = user.send_text(FOLLOW_UP, reply_to_message_id=last(env, user.id)["message_id"])
    await env.step()
    user.edit_text(mine, FOLLOW_UP_EDITED)
    await env.step()
    resolved = await Status.get(role=StatusRole.RESOLVED)
    with english():
        await tickets.set_status(ticket.id, resolved.id, ann)
    await env.settle()
    await press(env, user, user.id, last(env, user.id), "Yes, solved")
    # The closing line, then the rating question below it.
    await press(env, user, user.id, last(env, user.id), "4 ⭐")
    user.send_text(CSAT_COMMENT)
    await env.step()

    await wizard_until_files(env, user, "Tech", DRAFT_SUBJECT, DRAFT_TEXT)
    user.send_document(DRAFT_FILE_NAME, content=DRAFT_FILE_BYTES)
    await env.step()
    assert "Files attached: 1" in last(env, user.id)["text"]
    return await Ticket.get(id=ticket.id).select_related("status", "customer")
