"""The errors router tells a database outage (the update is left for re-delivery) from
a handler's fault (the customer is told something went wrong)."""

from __future__ import annotations

import asyncpg
import pytest
from aiogram import Bot, Dispatcher, Router
from aiogram.types import Message, Update
from tortoise.exceptions import DBConnectionError, IntegrityError, TransactionManagementError

from handlers import errors
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


def _failing_dispatcher(exc: BaseException) -> Dispatcher:
    async def fails(message: Message) -> None:
        raise exc

    failing = Router(name="failing")
    failing.message.register(fails)
    dp = Dispatcher()
    dp.include_routers(errors.router(), failing)
    return dp


def _group_message() -> Update:
    return Update.model_validate(
        {
            "update_id": 7,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": -100, "type": "supergroup", "title": "staff"},
                "from": {"id": 5, "is_bot": False, "first_name": "A"},
                "text": "hello",
            },
        }
    )


async def test_an_outage_leaves_the_update_unhandled_for_redelivery() -> None:
    dp = _failing_dispatcher(ConnectionRefusedError("gone"))
    async with Bot("42:TEST") as bot:
        with pytest.raises(ConnectionRefusedError):
            await dp.feed_update(bot, _group_message())


async def test_a_handler_fault_is_handled_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    dp = _failing_dispatcher(ValueError("bad"))
    async with Bot("42:TEST") as bot:
        assert await dp.feed_update(bot, _group_message()) is True
    assert "update 7 failed: bad" in caplog.text
