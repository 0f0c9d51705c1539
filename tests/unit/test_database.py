"""Models on the migrated schema: invariants held by the database, seeds, FSM storage."""

from datetime import timedelta

import pytest
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from tortoise.exceptions import IntegrityError

from bot.delivery.outbox import now_utc
from bot.housekeeping import Housekeeper
from bot.services.seed import FIRST_TICKET_NUMBER, seed_defaults
from bot.storage import DatabaseStorage
from models import (
    Counter,
    Customer,
    Department,
    OutboxMessage,
    Priority,
    ProcessedUpdate,
    Setting,
    ShownMessage,
    Status,
    Ticket,
)
from models.enums import OutboxStatus, StatusRole


async def test_defaults_are_seeded_once_and_admin_changes_survive(db):
    assert [p.level for p in await Priority.all().order_by("level")] == [2, 3, 4, 5]
    assert (await Priority.get(is_default=True)).name == "normal"
    roles = {s.role for s in await Status.all()}
    assert roles == set(StatusRole)
    new = await Status.get(is_new=True)
    assert new.role == StatusRole.NEW
    closed = await Status.get(role=StatusRole.CLOSED)
    assert closed.is_final and not closed.customer_can_reply and not closed.shown_by_default

    await Status.filter(id=new.id).update(name="Открыта")
    await seed_defaults()
    await seed_defaults()
    assert await Status.all().count() == 5
    assert await Priority.all().count() == 4
    assert (await Status.get(id=new.id)).name == "Открыта"
    assert (await Counter.get(name="ticket")).value == FIRST_TICKET_NUMBER - 1
    assert (await Setting.get(key="auto_close_hours")).value == 24


async def test_database_keeps_one_is_new_status(db):
    with pytest.raises(IntegrityError):
        await Status.create(name="another new", is_new=True)


async def test_database_keeps_ticket_numbers_unique(db):
    customer = await Customer.create(telegram_id=42)
    department = await Department.create(name="Support")
    status = await Status.get(role=StatusRole.NEW)
    priority = await Priority.get(is_default=True)
    fields = dict(
        customer=customer, department=department, status=status, priority=priority, subject="x"
    )
    await Ticket.create(number=1001, **fields)
    with pytest.raises(IntegrityError):
        await Ticket.create(number=1001, **fields)


class Wizard(StatesGroup):
    subject = State()


async def test_fsm_state_and_data_survive_a_new_storage_instance(db):
    key = StorageKey(bot_id=1, chat_id=42, user_id=42)
    storage = DatabaseStorage()
    assert await storage.get_state(key) is None
    assert await storage.get_data(key) == {}
    await storage.set_state(key, Wizard.subject)
    await storage.set_data(key, {"department_id": 3, "subject": "Ошибка <b>"})
    # A restart builds a new storage object over the same database.
    again = DatabaseStorage()
    assert await again.get_state(key) == "Wizard:subject"
    assert await again.get_data(key) == {"department_id": 3, "subject": "Ошибка <b>"}
    await again.update_data(key, {"priority_id": 2})
    assert (await storage.get_data(key))["priority_id"] == 2
    await again.set_state(key, None)
    assert await storage.get_state(key) is None
    other = StorageKey(bot_id=1, chat_id=43, user_id=43)
    assert await storage.get_data(other) == {}


async def test_housekeeping_forgets_old_update_ids_and_sent_rows(db):
    old = now_utc() - timedelta(days=40)
    await ProcessedUpdate.create(update_id=1)
    await ProcessedUpdate.filter(update_id=1).update(received_at=old)
    await ProcessedUpdate.create(update_id=2)
    sent = await OutboxMessage.create(
        chat_id=1, method="sendMessage", payload={}, due_at=old, status=OutboxStatus.SENT
    )
    await OutboxMessage.filter(id=sent.id).update(sent_at=old)
    pending = await OutboxMessage.create(chat_id=1, method="sendMessage", payload={}, due_at=old)
    for message_id, moment in ((7, old), (8, now_utc())):
        await ShownMessage.create(chat_id=1, message_id=message_id, markup="-", updated_at=moment)
    assert await Housekeeper().sweep() == (1, 1)
    assert [u.update_id for u in await ProcessedUpdate.all()] == [2]
    assert [r.id for r in await OutboxMessage.all()] == [pending.id]
    assert [m.message_id for m in await ShownMessage.all()] == [8]
