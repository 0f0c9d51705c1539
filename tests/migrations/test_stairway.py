"""Migration stairway: each step is applied, rolled back and applied again.

After every move the schema (tables, columns, keys, indexes, triggers, functions, row
counts) must be the one that step should leave: a downgrade gives back exactly what was
there before the upgrade, the second upgrade exactly what the first one gave. This
catches downgrade SQL that does not undo its upgrade. The database holds a ticket from
the first step on. At the top of the stairs the tables must be the ones the models
describe.

The first step (init) has no downgrade: aerich refuses to roll back an empty one, so an
operator cannot drop the whole database by one step too many.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from aerich import Command
from aerich.exceptions import DowngradeError
from tortoise import BaseDBAsyncClient, Tortoise, connections

from bot.db import APP, Dialect, migration_location, tortoise_config
from tests.conftest import BACKENDS, create_pg_database, drop_pg_database
from tests.migrations.test_migrations import SEED_SQL, _versions

Schema = dict[str, object]


async def _rows(conn: BaseDBAsyncClient, sql: str) -> list[dict]:
    return [dict(row) for row in (await conn.execute_query(sql))[1]]


async def _applied(conn: BaseDBAsyncClient, tables: set[str]) -> list[str]:
    if "aerich" not in tables:
        return []
    return [r["version"] for r in await _rows(conn, 'SELECT version FROM aerich ORDER BY "id"')]


async def _sqlite_schema(conn: BaseDBAsyncClient) -> Schema:
    schema: Schema = {}
    # sqlite_sequence only counts ids handed out, sqlite_autoindex_* are read per table.
    objects = await _rows(
        conn, "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    )
    tables = {o["name"] for o in objects if o["type"] == "table"}
    for obj in objects:
        name = obj["name"]
        if obj["type"] != "table":
            if obj["sql"]:
                schema[f"{obj['type']} {name}"] = " ".join(obj["sql"].split())
            continue
        # A table's own CREATE text is not compared: ADD/DROP COLUMN edit it in place.
        for col in await _rows(conn, f'PRAGMA table_xinfo("{name}")'):
            schema[f"column {name}.{col['name']}"] = (
                col["type"],
                bool(col["notnull"]),
                col["dflt_value"],
                col["pk"],
                col["hidden"],
            )
        for fk in await _rows(conn, f'PRAGMA foreign_key_list("{name}")'):
            schema[f"foreign_key {name}.{fk['from']}"] = (
                fk["table"],
                fk["to"],
                fk["on_update"],
                fk["on_delete"],
            )
        for index in await _rows(conn, f'PRAGMA index_list("{name}")'):
            if index["origin"] == "c":  # CREATE INDEX: compared by its SQL above
                continue
            columns = [
                c["name"] for c in await _rows(conn, f'PRAGMA index_info("{index["name"]}")')
            ]
            schema[f"implicit_index {name}({', '.join(columns)})"] = (
                bool(index["unique"]),
                index["origin"],
                bool(index["partial"]),
            )
        if name != "aerich":
            count = await _rows(conn, f'SELECT COUNT(*) AS n FROM "{name}"')
            schema[f"rows {name}"] = count[0]["n"]
    schema["applied"] = await _applied(conn, tables)
    return schema


# Objects that belong to an extension (pg_trgm's functions) are the extension's. The
# extension itself is left out: CREATE EXTENSION IF NOT EXISTS may find it installed by
# an administrator, so migration 3 does not drop it on the way down.
_PG_NOT_EXTENSION = (
    "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = {oid} AND d.deptype = 'e')"
)
_PG_QUERIES = {
    "table": (
        "SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS definition"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')"
        f" AND {_PG_NOT_EXTENSION.format(oid='c.oid')}"
    ),
    "column": (
        "SELECT c.table_name || '.' || c.column_name AS name, c.data_type, c.udt_name,"
        " c.character_maximum_length, c.numeric_precision, c.numeric_scale, c.is_nullable,"
        " c.column_default,"
        " col_description(format('%I', c.table_name)::regclass, c.ordinal_position) AS comment"
        " FROM information_schema.columns c WHERE c.table_schema = 'public'"
    ),
    "constraint": (
        "SELECT t.relname || '.' || c.conname AS name, pg_get_constraintdef(c.oid) AS definition"
        " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
        " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'"
    ),
    "index": "SELECT indexname AS name, indexdef AS definition FROM pg_indexes"
    " WHERE schemaname = 'public'",
    "trigger": (
        "SELECT c.relname || '.' || t.tgname AS name, pg_get_triggerdef(t.oid) AS definition"
        " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = 'public' AND NOT t.tgisinternal"
    ),
    "function": (
        "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,"
        " pg_get_functiondef(p.oid) AS definition"
        " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
        f" WHERE n.nspname = 'public' AND {_PG_NOT_EXTENSION.format(oid='p.oid')}"
    ),
    "type": (
        "SELECT t.typname AS name, t.typtype::text AS definition"
        " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
        " WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r')"
        f" AND {_PG_NOT_EXTENSION.format(oid='t.oid')}"
    ),
}


async def _postgres_schema(conn: BaseDBAsyncClient) -> Schema:
    schema: Schema = {}
    for kind, sql in _PG_QUERIES.items():
        for row in await _rows(conn, sql):
            name = row.pop("name")
            schema[f"{kind} {name}"] = tuple(row.values())
    tables = {
        r["table_name"]
        for r in await _rows(
            conn,
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        )
    }
    for table in sorted(tables - {"aerich"}):
        counted = await _rows(conn, f'SELECT COUNT(*) AS n FROM "{table}"')
        schema[f"rows {table}"] = counted[0]["n"]
    schema["applied"] = await _applied(conn, tables)
    return schema


async def _schema(dialect: Dialect) -> Schema:
    conn = connections.get(dialect)
    return await (_sqlite_schema(conn) if dialect == "sqlite" else _postgres_schema(conn))


def _differences(actual: Schema, expected: Schema) -> list[str]:
    lines = [f"missing {key}: {expected[key]!r}" for key in expected.keys() - actual.keys()]
    lines += [f"extra {key}: {actual[key]!r}" for key in actual.keys() - expected.keys()]
    lines += [
        f"changed {key}: {expected[key]!r} -> {actual[key]!r}"
        for key in expected.keys() & actual.keys()
        if expected[key] != actual[key]
    ]
    return sorted(lines)


async def _new_database(backend: str, path: Path) -> str:
    return await create_pg_database() if backend == "postgres" else f"sqlite://{path}"


@pytest.mark.parametrize("backend", BACKENDS)
async def test_every_step_upgrades_downgrades_and_upgrades_again(backend, tmp_path):
    dialect: Dialect = "sqlite" if backend == "sqlite" else "postgres"
    versions = _versions(dialect)
    urls = [
        await _new_database(backend, tmp_path / "stairs.sqlite3"),
        await _new_database(backend, tmp_path / "models.sqlite3"),
    ]
    stairs_url, models_url = urls
    # aerich applies every file of its folder: the steps arrive there one at a time.
    root = tmp_path / "stairs"
    folder = migration_location(dialect, root) / APP
    folder.mkdir(parents=True)
    try:
        await Tortoise.init(config=tortoise_config(stairs_url))
        command = Command(
            tortoise_config=tortoise_config(stairs_url),
            app=APP,
            location=str(migration_location(dialect, root)),
        )
        await command.init()
        below = await _schema(dialect)
        for number, path in enumerate(versions):
            shutil.copy(path, folder / path.name)
            assert await command.upgrade(run_in_transaction=True) == [path.name]
            above = await _schema(dialect)
            assert above != below, f"{path.name} changed nothing"
            if number == 0:
                with pytest.raises(DowngradeError):
                    await command.downgrade(-1, delete=False)
                assert _differences(await _schema(dialect), above) == []
                # A ticket with its customer and message rides up and down the stairs:
                # the row counts show a step that loses rows or leaves some behind.
                true, false = ("1", "0") if dialect == "sqlite" else ("TRUE", "FALSE")
                for sql in SEED_SQL:
                    await connections.get(dialect).execute_script(
                        sql.format(t=true, f=false, now="CURRENT_TIMESTAMP")
                    )
                above = await _schema(dialect)
                assert above["rows message"] == 1
            else:
                assert await command.downgrade(-1, delete=False) == [path.name]
                assert _differences(await _schema(dialect), below) == [], (
                    f"downgrade of {path.name} does not undo its upgrade"
                )
                assert await command.upgrade(run_in_transaction=True) == [path.name]
                assert _differences(await _schema(dialect), above) == [], (
                    f"{path.name} upgrades differently after its downgrade"
                )
            below = above
        top = below
        assert top["applied"] == [path.name for path in versions]
        await connections.close_all()

        # The models' own tables, as Tortoise creates them without migrations.
        await Tortoise.init(config=tortoise_config(models_url))
        await Tortoise.generate_schemas()
        modelled = await _schema(dialect)
        _assert_models_match(dialect, top, modelled)
    finally:
        await connections.close_all()
        if backend == "postgres":
            for url in urls:
                await drop_pg_database(url)


def _assert_models_match(dialect: Dialect, migrated: Schema, modelled: Schema) -> None:
    """The model tables have the models' columns (type and nullability), keys and
    indexes. Migrations may add more indexes and triggers; names of constraints added by
    ALTER TABLE differ from the ones CREATE TABLE gets, so those compare by definition."""
    tables = {
        key.split(" ", 1)[1].split(".", 1)[0] for key in modelled if key.startswith("column ")
    }
    assert len(tables) > 20, "the models created no tables"

    def of_tables(schema: Schema) -> dict[str, set[object]]:
        found: dict[str, set[object]] = {}
        for key, value in schema.items():
            kind, _, name = key.partition(" ")
            table = name.split(".", 1)[0].split("(", 1)[0]
            if kind == "column" and table in tables:
                assert isinstance(value, tuple)
                # SQLite: type, not null; PostgreSQL: type, udt, length, precision,
                # scale, nullable (defaults differ: ADD COLUMN needs one for old rows)
                found.setdefault(kind, set()).add(
                    (name, value[:2] if dialect == "sqlite" else value[:6])
                )
            elif kind in ("foreign_key", "implicit_index") and table in tables:
                found.setdefault(kind, set()).add((name, value))
            elif kind == "constraint" and table in tables:
                found.setdefault(kind, set()).add((table, _uncovered(value)))
        return found

    assert of_tables(migrated) == of_tables(modelled)
    indexes = {key for key in modelled if key.startswith("index ")}
    assert indexes
    assert (
        _differences(
            {key: _uncovered(migrated.get(key)) for key in indexes},
            {key: _uncovered(modelled[key]) for key in indexes},
        )
        == []
    )


def _uncovered(definition: object) -> str:
    # Migration 9 makes stats_histogram's unique key a covering one (INCLUDE on
    # PostgreSQL; SQLite gets a separate covering index).
    text = str(definition[0] if isinstance(definition, tuple) else definition)
    return re.sub(r" INCLUDE \(.*\)$", "", text)
