"""The lookups nearly every update makes go through an index, never a scan of a table
that grows with the desk's history (issue 13): a staff chat message finding its ticket
by the card or topic it belongs to, a ticket's rows still in the outbox (card, topic,
queued edits, the staff copy a customer's text may join), a message's copies and files.

Each lookup is run for real and the SELECTs it sent are explained by the database: on
SQLite every step on those tables must be a SEARCH (an index lookup), on PostgreSQL,
with sequential scans priced out, no Seq Scan may remain."""

from __future__ import annotations

import re

from tortoise.transactions import in_transaction

from bot.presentation import staff_thread
from bot.services import staff
from models import Attachment, Message, OutboxMessage, Ticket
from models.enums import MessageKind, Side
from tests.factories import make_desk, open_ticket
from tests.unit.test_config_snapshot import count_statements

GROWING = ("ticket", "outbox", "message_link", "attachment", "message")
STAFF = -100200300


def _parameters(sql: str) -> int:
    dollars = [int(n) for n in re.findall(r"\$(\d+)", sql)]
    return max(dollars) if dollars else sql.count("?")


async def _full_scans(sql: str) -> list[str]:
    """The steps of `sql`'s plan that read a growing table without an index."""
    conn = Ticket._meta.db
    nulls = [None] * _parameters(sql)
    if conn.capabilities.dialect == "sqlite":
        plan = await conn.execute_query_dict("EXPLAIN QUERY PLAN " + sql, nulls)
        steps = [row["detail"] for row in plan]
        return [s for s in steps if s.startswith("SCAN ") and s.split()[1] in GROWING]
    # The generic plan: with the parameters unknown, as for any value (NULLs would be
    # folded into an empty result).
    arguments = ", ".join(["NULL"] * len(nulls))
    async with in_transaction() as tx:
        await tx.execute_script(
            "SET LOCAL enable_seqscan = off; SET LOCAL plan_cache_mode = force_generic_plan"
        )
        await tx.execute_script(f"PREPARE hot_path AS {sql}")
        try:
            plan = await tx.execute_query_dict(
                f"EXPLAIN EXECUTE hot_path({arguments})" if nulls else "EXPLAIN EXECUTE hot_path"
            )
        finally:
            await tx.execute_script("DEALLOCATE hot_path")
    steps = [next(iter(row.values())) for row in plan]
    scanned = [(s, re.search(r"Seq Scan on (\w+)", s)) for s in steps]
    return [s for s, match in scanned if match and match.group(1) in GROWING]


async def _lookups() -> list[str]:
    """Runs the hot path's lookups on a ticket with a card, a relayed message and a
    file; returns the SELECTs they sent."""
    desk = await make_desk()
    ticket = await open_ticket(desk.alice, desk.billing)
    await Ticket.filter(id=ticket.id).update(staff_chat_id=STAFF, staff_message_id=77)
    ticket = await Ticket.get(id=ticket.id).prefetch_related("customer")
    message = await Message.create(
        ticket=ticket, kind=MessageKind.CUSTOMER, author_customer=desk.alice, text="more"
    )
    relayed = await OutboxMessage.create(
        chat_id=STAFF,
        method="sendMessage",
        payload={"text": "x", "reply_parameters": {"message_id": 77}},
        due_at=message.created_at,
        ticket_id=ticket.id,
        message_id=message.id,
        side=Side.STAFF,
    )
    with count_statements() as sent:
        await staff.ticket_in_chat(STAFF, None, 77)  # a reply to the card
        await staff.ticket_in_chat(STAFF, 5, None)  # a message in a forum topic
        ticket.staff_message_id = None  # as while the card is on its way
        await staff_thread.card_target(ticket)
        await staff_thread.thread_of(ticket)
        await staff_thread.staff_copy_of(message)
        await staff_thread.shown_together(relayed)
        await Attachment.filter(message_id=message.id)
        await OutboxMessage.filter(message_id=message.id).first()
    return [sql for sql in sent.texts() if sql.lstrip().upper().startswith("SELECT")]


async def test_the_hot_paths_lookups_use_indexes(db):
    selects = await _lookups()
    assert len(selects) >= 7
    scans = {sql: await _full_scans(sql) for sql in selects}
    assert {sql: steps for sql, steps in scans.items() if steps} == {}
