"""Settings: one clear line for a bad value, naming the setting."""

import pytest

from bot.config import ConfigError, load_settings
from tests.support import copied_env_example

TOKEN = "123456789:AAH" + "x" * 32


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in ("BOT_TOKEN", "DATABASE_URL", "ADMIN_API_PORT", "WEBHOOK_URL", "WEBHOOK_SECRET"):
        monkeypatch.delenv(name, raising=False)


def test_missing_token_is_named_when_running():
    settings = load_settings()
    with pytest.raises(ConfigError, match="BOT_TOKEN is not set"):
        settings.require_bot()


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("BOT_TOKEN", "nonsense", "BOT_TOKEN: does not look like a Telegram bot token"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL: must be sqlite://"),
        ("ADMIN_API_PORT", "eighty", "ADMIN_API_PORT:"),
        ("TELEGRAM_API_URL", "ftp://x", "TELEGRAM_API_URL: must be an http(s) URL"),
        ("DEFAULT_LANGUAGE", "de", "DEFAULT_LANGUAGE:"),
        ("WEBHOOK_SECRET", "has spaces", "WEBHOOK_SECRET: must be 1-256"),
    ],
)
def test_malformed_setting_is_one_line_naming_it(monkeypatch, name, value, fragment):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_webhook_needs_a_secret(monkeypatch):
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("WEBHOOK_URL", "https://example.org/tg")
    with pytest.raises(ConfigError, match="WEBHOOK_SECRET"):
        load_settings().require_bot()


def test_env_file_is_read(tmp_path):
    (tmp_path / ".env").write_text(f"BOT_TOKEN={TOKEN}\nSTAFF_CHAT_ID=-1001\n")
    settings = load_settings()
    assert settings.bot_token is not None and settings.bot_token.get_secret_value() == TOKEN
    assert settings.staff_chat_id == -1001
    assert TOKEN not in repr(settings)  # secrets never printed


def test_a_copied_env_example_with_only_the_token_loads(tmp_path):
    (tmp_path / ".env").write_text(copied_env_example(BOT_TOKEN=TOKEN))
    assert "\nSTAFF_CHAT_ID=\n" in (tmp_path / ".env").read_text()  # the case at issue
    settings = load_settings()
    settings.require_bot()
    assert settings.bot_token is not None and settings.bot_token.get_secret_value() == TOKEN
    # Empty lines mean unset: the defaults apply.
    assert settings.staff_chat_id is None
    assert settings.webhook_url is None and settings.webhook_secret is None
    assert settings.admin_token is None
    assert settings.redis_url is None and settings.telegram_api_url is None
    assert settings.trusted_proxies == ()


def test_empty_environment_variables_are_unset(monkeypatch):
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    for name in ("STAFF_CHAT_ID", "WEBHOOK_SECRET", "ADMIN_TOKEN", "ADMIN_API_PORT", "LOG_LEVEL"):
        monkeypatch.setenv(name, "")
    settings = load_settings()
    settings.require_bot()
    assert settings.staff_chat_id is None and settings.webhook_secret is None
    assert settings.admin_token is None
    assert settings.admin_api_port == 8080 and settings.log_level == "INFO"
