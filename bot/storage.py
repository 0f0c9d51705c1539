"""FSM storage in the database, so a half-filled wizard survives a restart.

Redis (aiogram's RedisStorage) replaces it when REDIS_URL is set (bot.app decides).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, KeyBuilder, StorageKey

from models import FsmRecord


def _state_name(state: str | State | None) -> str | None:
    return state.state if isinstance(state, State) else state


class DatabaseStorage(BaseStorage):
    def __init__(self, key_builder: KeyBuilder | None = None) -> None:
        self.key_builder = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    def _key(self, key: StorageKey) -> str:
        return self.key_builder.build(key)

    async def set_state(self, key: StorageKey, state: str | State | None = None) -> None:
        name = self._key(key)
        updated = await FsmRecord.filter(key=name).update(state=_state_name(state))
        if not updated and state is not None:
            await FsmRecord.update_or_create(key=name, defaults={"state": _state_name(state)})

    async def get_state(self, key: StorageKey) -> str | None:
        row = await FsmRecord.get_or_none(key=self._key(key)).only("state")
        return row.state if row else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        name = self._key(key)
        updated = await FsmRecord.filter(key=name).update(data=dict(data))
        if not updated and data:
            await FsmRecord.update_or_create(key=name, defaults={"data": dict(data)})

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await FsmRecord.get_or_none(key=self._key(key)).only("data")
        return dict(row.data) if row and row.data else {}

    async def close(self) -> None:
        """Connections belong to the ORM, which the application closes."""
