"""The statement counter of `make bench` (bench/statements.py) counts what reaches the
database: known ORM calls give known statements, transaction control included, on each
backend; on SQLite the count equals what SQLite itself traces."""

from __future__ import annotations

import asyncio

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from bench.statements import Cost, counting, installed, kind_of
from models import Customer, Department


@pytest.fixture
async def hooked(db: str):
    with installed():
        await Department.all().count()  # SQLite opens its connection (PRAGMAs) lazily
        yield "postgres" if db.startswith("postgres") else "sqlite"


async def _sent(action) -> list[str]:
    cost = Cost(keep_texts=True)
    with counting(cost):
        await action()
    await asyncio.sleep(0)
    return cost.sequence()


def _pooled(backend: str, kinds: list[str]) -> list[str]:
    # asyncpg resets a connection (one more round trip) when it goes back to the pool.
    return [*kinds, "RESET"] if backend == "postgres" else kinds


def _insert(backend: str) -> list[str]:
    # aiosqlite reads the new row's id with a second statement; PostgreSQL uses RETURNING.
    return ["INSERT", "ROWID"] if backend == "sqlite" else ["INSERT"]


async def test_one_orm_call_is_one_statement(hooked: str) -> None:
    assert await _sent(lambda: Department.create(name="Billing")) == _pooled(
        hooked, _insert(hooked)
    )
    assert await _sent(lambda: Department.filter(name="Billing").first()) == _pooled(
        hooked, ["SELECT"]
    )
    assert await _sent(lambda: Department.filter(name="Billing").update(order=2)) == _pooled(
        hooked, ["UPDATE"]
    )
    assert await _sent(lambda: Department.filter(name="Billing").delete()) == _pooled(
        hooked, ["DELETE"]
    )


async def test_transactions_and_savepoints_are_counted_apart(hooked: str) -> None:
    async def nested() -> None:
        async with in_transaction():
            department = await Department.create(name="Sales")
            async with in_transaction():
                await Department.filter(id=department.id).update(order=3)

    assert await _sent(nested) == _pooled(
        hooked, ["BEGIN", *_insert(hooked), "SAVEPOINT", "UPDATE", "RELEASE", "COMMIT"]
    )

    async def failing() -> None:
        with pytest.raises(RuntimeError):
            async with in_transaction():
                await Department.create(name="Gone")
                raise RuntimeError("rolled back")

    assert await _sent(failing) == _pooled(hooked, ["BEGIN", *_insert(hooked), "ROLLBACK"])
    assert not await Department.filter(name="Gone").exists()


async def test_only_the_counting_task_and_its_children_are_counted(hooked: str) -> None:
    stop = asyncio.Event()

    async def elsewhere() -> None:
        while not stop.is_set():
            await Department.all().count()
            await asyncio.sleep(0.001)

    other = asyncio.create_task(elsewhere())  # started outside: not counted

    async def child() -> None:
        await Department.filter(name="Support").first()

    async def with_child() -> None:
        await Department.create(name="Support")
        await asyncio.create_task(child())

    try:
        assert await _sent(with_child) == _pooled(hooked, _insert(hooked)) + _pooled(
            hooked, ["SELECT"]
        )
    finally:
        stop.set()
        await other


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_sqlite_count_equals_sqlite_s_own_trace(hooked: str) -> None:
    traced: list[str] = []
    raw = connections.get("sqlite")._connection
    await raw.set_trace_callback(traced.append)

    # (Customers: a table without triggers, whose statements SQLite traces as well.)
    async def workload() -> None:
        for n in range(3):
            async with in_transaction():
                customer = await Customer.create(telegram_id=n + 1, first_name=f"C{n}")
                async with in_transaction():
                    await Customer.filter(id=customer.id).update(last_name=str(n))
            await Customer.filter(last_name=str(n)).count()
        await Customer.filter(first_name__startswith="C").update(active=False)

    try:
        counted = await _sent(workload)
    finally:
        await raw.set_trace_callback(None)
    # (No DELETE here: SQLite traces it once more for every foreign key it checks.)
    assert counted == [kind_of(sql) for sql in traced]
    assert counted.count("BEGIN") == counted.count("COMMIT") == 3


def test_kinds() -> None:
    assert kind_of("BEGIN;") == kind_of("BEGIN ISOLATION LEVEL READ COMMITTED;") == "BEGIN"
    assert kind_of("SAVEPOINT asyncpg_savepoint_1;") == "SAVEPOINT"
    assert kind_of("RELEASE SAVEPOINT asyncpg_savepoint_1;") == "RELEASE"
    assert kind_of("ROLLBACK TO SAVEPOINT asyncpg_savepoint_1;") == "ROLLBACK TO"
    assert kind_of("ROLLBACK;") == "ROLLBACK"
    assert kind_of("COMMIT;") == "COMMIT"
    assert kind_of("  select 1") == "SELECT"
    assert kind_of("WITH c AS (SELECT 1) UPDATE t SET a = 1") == "UPDATE"
    assert kind_of("WITH c AS (SELECT id FROM t) SELECT * FROM c") == "SELECT"
