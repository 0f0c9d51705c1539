"""An update's outbox rows are written together (bot.delivery.outbox.batched/flush):
nothing reaches the outbox table until the flush, the flush is one INSERT (one more for
each row that refers to a row of the same flush), the rows keep the order they were
queued in and their references, and a rolled-back savepoint drops its rows."""

from __future__ import annotations

import asyncio

import pytest
from tortoise.transactions import in_transaction

from bench.statements import Cost, counting, installed
from bot.delivery import outbox
from models import Department, OutboxMessage
from models.enums import OutboxStatus

CHAT = -100_777


@pytest.fixture
async def hooked(db: str):
    with installed():
        await Department.all().count()  # SQLite opens its connection (PRAGMAs) lazily
        yield "postgres" if db.startswith("postgres") else "sqlite"


async def _statements(action) -> list[str]:
    cost = Cost(keep_texts=True)
    with counting(cost):
        await action()
    await asyncio.sleep(0)
    return [kind for kind in cost.sequence() if kind not in ("RESET", "BEGIN", "COMMIT")]


async def test_an_updates_rows_are_one_insert_in_the_order_queued(hooked: str) -> None:
    async def update() -> None:
        async with in_transaction():
            with outbox.batched():
                await outbox.send_text(CHAT, "first", purpose="a")
                await outbox.set_reaction(CHAT, 10, "👍")
                await outbox.edit_text(CHAT, 11, "second", purpose="b")
                assert await OutboxMessage.filter(chat_id=CHAT).count() == 0  # held
                await outbox.flush()

    kinds = await _statements(update)
    assert kinds == ["SELECT", "INSERT"]  # the held check above, then one INSERT
    rows = await OutboxMessage.filter(chat_id=CHAT).order_by("id")
    assert [r.method for r in rows] == ["sendMessage", "setMessageReaction", "editMessageText"]
    assert [r.purpose for r in rows] == ["a", None, "b"]
    assert rows[0].payload["text"] == "first" and rows[2].payload["message_id"] == 11
    assert all(r.status == OutboxStatus.PENDING and r.created_at is not None for r in rows)


async def test_a_row_referring_to_a_held_row_gets_its_id(hooked: str) -> None:
    async with in_transaction():
        with outbox.batched():
            card = (await outbox.send_text(CHAT, "card"))[0]
            reply = (await outbox.send_text(CHAT, "reply", reply_to=card))[0]
            edit = await outbox.edit_text(CHAT, card, "card, edited")
            other = await outbox.set_reaction(CHAT, 5, "👍")
            assert card.id is None and reply.id is None
            cost = Cost(keep_texts=True)
            with counting(cost):
                await outbox.flush()
            # The card first; the rows waiting for its id in a second INSERT.
            assert [k for k in cost.sequence() if k == "INSERT"] == ["INSERT", "INSERT"]
    assert card.id < reply.id < edit.id < other.id
    stored = {r.id: r for r in await OutboxMessage.filter(chat_id=CHAT)}
    assert stored[reply.id].ref_id == card.id
    assert stored[reply.id].ref_param == "reply_parameters.message_id"
    assert stored[edit.id].ref_id == card.id and stored[edit.id].ref_param == "message_id"
    assert stored[other.id].ref_id is None


async def test_a_held_row_is_rewritten_in_place_and_dedupe_sees_held_rows(hooked: str) -> None:
    async with in_transaction():
        with outbox.batched():
            row = (await outbox.send_text(CHAT, "draft"))[0]
            assert await outbox.rewrite(row, "final", {"inline_keyboard": []})
            once = await outbox.enqueue("sendMessage", CHAT, {"text": "x"}, dedupe_key="k1")
            again = await outbox.enqueue("sendMessage", CHAT, {"text": "y"}, dedupe_key="k1")
            assert again is once
            assert await outbox.saved(row) == row.id is not None
    stored = await OutboxMessage.filter(chat_id=CHAT).order_by("id")
    assert [r.payload["text"] for r in stored] == ["final", "x"]
    assert stored[0].payload["reply_markup"] == {"inline_keyboard": []}


async def test_a_rolled_back_savepoint_drops_its_rows_and_keeps_the_earlier_ones(
    hooked: str,
) -> None:
    async with in_transaction():
        with outbox.batched():
            await outbox.send_text(CHAT, "before")
            with pytest.raises(RuntimeError):
                async with outbox.transaction():
                    await outbox.send_text(CHAT, "inside")
                    raise RuntimeError("refused")
            async with outbox.transaction():
                await outbox.send_text(CHAT, "kept")
            await outbox.flush()
    texts = [r.payload["text"] for r in await OutboxMessage.filter(chat_id=CHAT).order_by("id")]
    assert texts == ["before", "kept"]


async def test_a_failed_update_writes_nothing(hooked: str) -> None:
    with pytest.raises(RuntimeError):
        async with in_transaction():
            with outbox.batched():
                await outbox.send_text(CHAT, "lost")
                raise RuntimeError("handler failed")
    with outbox.batched():
        await outbox.flush()  # a new batch starts empty
    assert await OutboxMessage.filter(chat_id=CHAT).count() == 0


async def test_outside_an_update_each_row_is_written_at_once(hooked: str) -> None:
    row = (await outbox.send_text(CHAT, "now"))[0]
    assert row.id is not None
    assert await OutboxMessage.filter(id=row.id).exists()
