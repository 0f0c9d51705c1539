"""With REDIS_URL the wizard state lives in Redis (shared by every instance)."""

import uuid

from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.redis import RedisStorage

from bot.app import create_storage
from bot.config import Settings
from bot.storage import DatabaseStorage, ResilientStorage


def _settings(**overrides) -> Settings:
    return Settings(bot_token="123456789:" + "a" * 35, _env_file=None, **overrides)


def test_database_storage_without_redis():
    assert isinstance(create_storage(_settings()), DatabaseStorage)


async def test_redis_storage_round_trip(redis_url):
    storage = create_storage(_settings(redis_url=redis_url))
    assert isinstance(storage, ResilientStorage)
    assert isinstance(storage.inner, RedisStorage)
    key = StorageKey(bot_id=1, chat_id=int(uuid.uuid4().int % 10**9), user_id=5)
    try:
        await storage.set_state(key, "Wizard:subject")
        await storage.set_data(key, {"subject": "Нет интернета"})
        # A second instance (another process of the fleet) sees the same draft.
        other = create_storage(_settings(redis_url=redis_url))
        assert await other.get_state(key) == "Wizard:subject"
        assert await other.get_data(key) == {"subject": "Нет интернета"}
        await other.close()
    finally:
        await storage.set_state(key, None)
        await storage.set_data(key, {})
        await storage.close()
    fresh = create_storage(_settings(redis_url=redis_url))
    try:
        assert await fresh.get_state(key) is None
    finally:
        await fresh.close()
