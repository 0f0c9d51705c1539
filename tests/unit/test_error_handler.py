"""The errors router tells a database outage (the update is left for re-delivery) from
a handler's fault (the customer is told something went wrong)."""

from __future__ import annotations

import asyncpg
import pytest
from tortoise.exceptions import DBConnectionError, IntegrityError, TransactionManagementError

from handlers.errors import _database_down


@pytest.mark.parametrize(
    "exc",
    [
        ConnectionRefusedError(),
        DBConnectionError("gone"),
        TransactionManagementError("gone"),
        asyncpg.exceptions.InterfaceError("connection is closed"),
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed"),
        asyncpg.exceptions.ConnectionFailureError("connection failure"),
        asyncpg.exceptions.InternalClientError("cut while in use"),
    ],
)
def test_a_database_outage_is_recognised(exc: BaseException) -> None:
    assert _database_down(exc)


@pytest.mark.parametrize(
    "exc",
    [ValueError("bad"), IntegrityError("duplicate"), asyncpg.exceptions.UniqueViolationError()],
)
def test_other_errors_are_the_handler_s(exc: BaseException) -> None:
    assert not _database_down(exc)
