"""The configuration's snapshot (bot.services.config) and an update's reads kept for it
(bot.services.scope, the FSM session): cached, yet every write by any path is seen at
once, a rolled-back write never poisons the cache, and nothing is read twice."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from aiogram.fsm.storage.base import StorageKey
from tortoise.transactions import in_transaction

from bench.statements import DATA, Cost, counting, installed
from bot.services import config
from bot.services.scope import update_scope
from bot.storage import DatabaseStorage, fsm_session
from models import Agent, Counter, Department, FsmRecord, Setting


class _Sent:
    """The data statements (SELECT, INSERT, UPDATE, DELETE) sent so far in the block."""

    def __init__(self, cost: Cost) -> None:
        self._cost = cost

    def texts(self) -> list[str]:
        return [sql for kind, sql in self._cost.sent if kind in DATA]


@contextmanager
def count_statements() -> Iterator[_Sent]:
    cost = Cost(keep_texts=True)
    with installed(), counting(cost):
        yield _Sent(cost)


async def _stamp() -> int:
    return (await Counter.get(name=config.CONFIG_COUNTER)).value


async def test_every_write_to_the_configuration_renews_the_stamp(db):
    stamp = await _stamp()
    billing = await Department.create(name="Billing")
    assert await _stamp() != stamp
    stamp = await _stamp()
    # Not through the ORM: a raw statement (an admin's psql, another program).
    db_client = Department._meta.db
    await db_client.execute_script("UPDATE department SET name = 'Billing & invoices'")
    assert await _stamp() != stamp
    stamp = await _stamp()
    agent = await Agent.create(telegram_id=5, name="Ann")
    await agent.departments.add(billing)  # the many-to-many table stamps too
    assert await _stamp() != stamp
    stamp = await _stamp()
    await Setting.filter(key="auto_close_hours").update(value="48")
    assert await _stamp() != stamp
    stamp = await _stamp()
    # Round-robin bookkeeping is not configuration.
    await Agent.filter(id=agent.id).update(last_assigned_at=config_now())
    assert await _stamp() == stamp
    await Agent.filter(id=agent.id).update(on_duty=False)
    assert await _stamp() != stamp


def config_now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


async def test_the_snapshot_is_read_again_only_when_the_stamp_changed(db):
    await Department.create(name="Billing")
    first = await config.snapshot()
    assert [d.name for d in first.departments] == ["Billing"]
    with count_statements() as statements:
        again = await config.snapshot()
    assert again is first and len(statements.texts()) == 1  # the stamp, not the rows
    await Department.filter(name="Billing").update(name="Accounts")
    changed = await config.snapshot()
    assert [d.name for d in changed.departments] == ["Accounts"]
    # Within an update the stamp itself is read once.
    with update_scope(), count_statements() as statements:
        for _ in range(5):
            assert await config.snapshot() is changed
    assert len(statements.texts()) == 1


async def test_a_rolled_back_write_never_stands_for_the_committed_configuration(db):
    await Department.create(name="Billing")
    committed = await config.snapshot()

    class Undo(Exception):
        pass

    with pytest.raises(Undo):
        async with in_transaction():
            await Department.filter(name="Billing").update(name="Never")
            # Read inside the writing transaction: it sees its own change...
            assert [d.name for d in (await config.snapshot()).departments] == ["Never"]
            raise Undo
    # ...which never counts once rolled back, though the process cached it.
    assert [d.name for d in (await config.snapshot()).departments] == ["Billing"]
    # A later committed write has a stamp of its own, never the rolled-back one.
    await Department.filter(name="Billing").update(name="Accounts")
    assert [d.name for d in (await config.snapshot()).departments] == ["Accounts"]
    assert committed.version != (await config.snapshot()).version


async def test_an_updates_fsm_row_is_read_once_and_written_once(db):
    storage = DatabaseStorage()
    key = StorageKey(bot_id=1, chat_id=77, user_id=77)
    await config.snapshot()  # the process has the configuration already
    with update_scope(), fsm_session(), count_statements() as statements:
        assert await storage.get_state(key) is None
        assert await storage.get_data(key) == {}
        await storage.set_state(key, "Wizard:subject")
        await storage.set_data(key, {"subject": "Printer"})
        assert await storage.get_state(key) == "Wizard:subject"
        assert await storage.get_data(key) == {"subject": "Printer"}
        assert not await FsmRecord.exists()  # held until the update's end
        reads = len(statements.texts())
        await storage.flush()
    assert reads == 2  # one read of the row (with the customer and the stamp) + the check
    row = await FsmRecord.get()
    assert (row.state, row.data) == ("Wizard:subject", {"subject": "Printer"})
    # An update that fails is not flushed: nothing of it is kept.
    with update_scope(), fsm_session():
        await storage.set_state(key, "Wizard:files")
    assert (await FsmRecord.get()).state == "Wizard:subject"
    # Outside an update (a timer) a write goes to the table at once.
    await storage.set_state(key, None)
    assert (await FsmRecord.get()).state is None


async def test_group_chats_keep_no_fsm_state(db):
    storage = DatabaseStorage()
    key = StorageKey(bot_id=1, chat_id=-100123, user_id=5)
    with count_statements() as statements:
        assert await storage.get_state(key) is None
        assert await storage.get_data(key) == {}
        await storage.set_state(key, None)  # clearing is fine
    assert statements.texts() == []
    with pytest.raises(ValueError, match="keep no FSM state"):
        await storage.set_state(key, "Staff:something")
    assert not await FsmRecord.exists()


async def test_faq_articles_stamp_and_the_snapshot_knows_which_departments_have_them(db):
    """A desk without FAQ articles costs the wizard no article query: the snapshot says
    which departments have active ones, and every article write renews the stamp."""
    from bot.services import faq
    from models import Article

    billing = await Department.create(name="Billing")
    tech = await Department.create(name="Tech")
    assert (await config.snapshot()).faq_departments == frozenset()
    cost = Cost(keep_texts=True)
    with installed(), counting(cost):
        assert await faq.suggest("refund please", billing.id) == []
    assert [kind for kind in cost.sequence() if kind == "SELECT"] == ["SELECT"]  # the stamp
    stamp = await _stamp()
    article = await Article.create(
        department_id=billing.id,
        title_en="How to get a refund",
        title_ru="Как вернуть деньги",
        body_en="Press Refund.",
        body_ru="Нажмите «Возврат».",
    )
    assert await _stamp() != stamp
    assert (await config.snapshot()).faq_departments == frozenset({billing.id})
    assert [a.id for a in await faq.suggest("refund please", billing.id)] == [article.id]
    assert await faq.suggest("refund please", tech.id) == []
    stamp = await _stamp()
    await Article.filter(id=article.id).update(active=False)
    assert await _stamp() != stamp
    assert (await config.snapshot()).faq_departments == frozenset()
