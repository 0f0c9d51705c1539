"""`helpdesk customer erase` (issue 12, point 19), the real CLI against a SQLite file:
refused politely while a ticket is open, done with --force, found by Telegram id."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from tortoise import Tortoise, connections

from bot.db import migrate, tortoise_config
from bot.i18n import create_i18n
from bot.services import attachments, tickets
from models import Attachment, Customer, Department, Ticket, TicketEvent
from models.enums import ActorType, TicketSource
from tests.e2e.conftest import run_cli

PASSPORT = b"%PDF passport scan of Dora"


async def _cli(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    return await run_cli(env, "customer", "erase", *args)


async def _seed(url: str, files: Path) -> tuple[int, str]:
    """Dora: a closed ticket with a stored file, and an open one."""
    await migrate(url)
    await Tortoise.init(config=tortoise_config(url))
    try:
        billing = await Department.create(name="Billing")
        dora = await Customer.create(telegram_id=4_242_000_001, first_name="Dora", username="dora")
        actor = tickets.Actor(ActorType.CUSTOMER, dora.display_name, id=dora.id)
        stored = await attachments.store(files, "passport.pdf", "application/pdf", PASSPORT)
        with create_i18n("en").context():
            for subject in ("Dora's passport", "Dora's address"):
                ticket = await tickets.open_ticket(
                    customer=dora,
                    department_id=billing.id,
                    category_id=None,
                    priority_id=None,
                    subject=subject,
                    text="Details about Dora",
                    source=TicketSource.TELEGRAM,
                    actor=actor,
                    files=[stored] if subject == "Dora's passport" else [],
                )
                if subject == "Dora's passport":
                    await tickets.close(ticket.id, tickets.SYSTEM)
        return dora.id, stored.path or ""
    finally:
        await connections.close_all()


async def _state(url: str) -> tuple[Customer, list[Ticket], list[TicketEvent], int]:
    await Tortoise.init(config=tortoise_config(url))
    try:
        customer = await Customer.get(first_name__in=["Dora", ""])
        rows = await Ticket.filter(customer_id=customer.id).order_by("id").select_related("status")
        events = await TicketEvent.filter(kind="erased").order_by("ticket_id")
        return customer, rows, events, await Attachment.all().count()
    finally:
        await connections.close_all()


async def test_erase_is_refused_while_a_ticket_is_open_and_done_with_force(tmp_path):
    url = f"sqlite://{tmp_path / 'desk.sqlite3'}"
    files = tmp_path / "files"
    dora_id, stored = await _seed(url, files)
    assert (files / stored).read_bytes() == PASSPORT
    env = dict(os.environ, DATABASE_URL=url, ATTACHMENTS_DIR=str(files))
    env.pop("REDIS_URL", None)

    code, out, err = await _cli(env, str(dora_id))
    assert code == 3, err
    assert err == (
        f"refused: customer {dora_id} has an open ticket (#1002); close it first "
        "or run again with --force"
    )
    customer, rows, events, stored_count = await _state(url)
    assert customer.first_name == "Dora" and rows[1].subject == "Dora's address"
    assert events == [] and stored_count == 1 and (files / stored).exists()

    code, out, err = await _cli(env, str(dora_id), "--telegram-id", "4242000002")
    assert code == 2
    assert err == (
        f"error: customer {dora_id} does not have the Telegram id 4242000002; nothing was erased"
    )

    code, out, err = await _cli(env, "--telegram-id", "4242000001", "--force")
    assert code == 0, err
    assert out == (
        f"customer {dora_id} erased: 2 tickets anonymised (1 closed first), 2 messages "
        "wiped, 1 attachments removed, 1 files deleted, 0 drafts removed"
    )
    customer, rows, events, stored_count = await _state(url)
    assert customer.erased_at is not None and customer.first_name == ""
    assert customer.username is None and customer.telegram_id < -(2**52)
    assert [t.subject for t in rows] == ["", ""]
    assert all(t.status.is_final for t in rows)
    assert [e.ticket_id for e in events] == [t.id for t in rows]
    assert {e.actor_name for e in events} == {f"cli:{getpass.getuser()}"}
    assert {e.actor_type for e in events} == {ActorType.SYSTEM}
    assert stored_count == 0 and not (files / stored).exists()

    code, out, err = await _cli(env, str(dora_id))
    assert (code, err) == (2, f"error: customer {dora_id} was erased already")
    code, out, err = await _cli(env, "999")
    assert (code, err) == (2, "error: customer 999 does not exist")
    code, out, err = await _cli(env)
    assert code == 2 and "give the customer's id or --telegram-id" in err
