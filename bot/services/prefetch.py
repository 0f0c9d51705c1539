"""The first read of a customer's update, in one statement: their FSM row, their
customer row and the configuration's stamp (bot.storage.DatabaseStorage calls it once
the user's lock is held); the customer and the configuration are kept for the update
(bot.services.scope), so nothing reads them again."""

from __future__ import annotations

from typing import Any

from bot.services import config, customers
from models import Customer, FsmRecord

_SQL = (
    'SELECT (SELECT "value" FROM "counter" WHERE "name" = \'config\') AS "hd_stamp", '
    '"f"."key" AS "hd_fsm_key", "f"."state" AS "hd_fsm_state", "f"."data" AS "hd_fsm_data", '
    '"c".* FROM (SELECT 1 AS "one") AS "o" '
    'LEFT JOIN "fsm_record" AS "f" ON "f"."key" = {} '
    'LEFT JOIN "customer" AS "c" ON "c"."telegram_id" = {}'
)
_BY_DIALECT = {"sqlite": _SQL.format("?", "?"), "postgres": _SQL.format("$1", "$2")}
_OWN = ("hd_stamp", "hd_fsm_key", "hd_fsm_state", "hd_fsm_data", "one")


async def read_private(fsm_key: str, telegram_id: int) -> tuple[str | None, dict[str, Any]] | None:
    """The FSM row's state and data (None when there is none)."""
    db = Customer._meta.db
    rows = await db.execute_query_dict(_BY_DIALECT[db.capabilities.dialect], [fsm_key, telegram_id])
    row = dict(rows[0])
    stamp = row["hd_stamp"]
    await config.adopt(int(stamp) if stamp is not None else None)
    customer = None
    if row["id"] is not None:
        customer = Customer._init_from_db(**{k: v for k, v in row.items() if k not in _OWN})
    customers.keep(customer, telegram_id)
    if row["hd_fsm_key"] is None:
        return None
    data = FsmRecord._meta.fields_map["data"].to_python_value(row["hd_fsm_data"])
    return row["hd_fsm_state"], dict(data or {})
