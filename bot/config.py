"""Settings: the only reader of the environment (SPEC §7)."""

from __future__ import annotations

import re
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Telegram tokens look like 123456789:AAH...; anything else is a typo worth stopping for.
_TOKEN_RE = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{20,}$")
_DB_SCHEMES = ("sqlite", "postgres", "postgresql", "asyncpg", "psycopg")


class ConfigError(Exception):
    """A missing or malformed setting; its text is the one line shown at start-up."""


class Settings(BaseSettings):
    # An empty value (`STAFF_CHAT_ID=` as .env.example has it) means unset: the default.
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
        env_ignore_empty=True,
    )

    bot_token: SecretStr | None = None
    telegram_api_url: str | None = None
    database_url: str = "sqlite://data/helpdesk.sqlite3"
    redis_url: str | None = None
    staff_chat_id: int | None = None
    admin_api_host: str = "127.0.0.1"
    admin_api_port: int = Field(default=8080, ge=1, le=65535)
    admin_token: SecretStr | None = None
    # Failed admin API authentications one client address may make per minute.
    auth_failures_per_minute: int = Field(default=30, ge=1, le=100_000)
    # Reverse proxies whose X-Forwarded-For names the client (comma-separated addresses
    # or networks); any other peer is the client itself, whatever the header says.
    trusted_proxies: Annotated[tuple[IPv4Network | IPv6Network, ...], NoDecode] = ()
    attachments_dir: Path = Path("data/attachments")
    # A fleet: how long a customer's lock (Redis) and an outbox row being sent outlive
    # an instance killed while holding them; both are renewed while the instance lives.
    user_lock_seconds: float = Field(default=10.0, ge=2, le=600)
    outbox_lease_seconds: float = Field(default=15.0, ge=3, le=3600)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    default_language: Literal["en", "ru"] = "en"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _TOKEN_RE.match(value.get_secret_value()):
            raise ValueError("does not look like a Telegram bot token (digits:secret)")
        return value

    @field_validator("telegram_api_url", "webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("must be an http(s) URL")
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _db_url(cls, value: str) -> str:
        scheme = value.split("://", 1)[0]
        if "://" not in value or scheme not in _DB_SCHEMES:
            raise ValueError("must be sqlite://PATH or postgres://USER@HOST:PORT/DB")
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must be a redis:// URL")
        return value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _networks(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        networks = []
        for item in (part.strip() for part in value.split(",")):
            if not item:
                continue
            try:
                networks.append(ip_network(item, strict=False))
            except ValueError:
                raise ValueError(f"{item!r} is not an IP address or network") from None
        return tuple(networks)

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram accepts 1-256 characters of A-Z a-z 0-9 _ - for secret_token.
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @property
    def dialect(self) -> Literal["sqlite", "postgres"]:
        return "sqlite" if self.database_url.startswith("sqlite") else "postgres"

    @property
    def webhook_path(self) -> str:
        assert self.webhook_url
        return urlsplit(self.webhook_url).path or "/webhook"

    def require_bot(self) -> None:
        """Checks what `run` needs beyond what `migrate` needs."""
        if self.bot_token is None:
            raise ConfigError("configuration error: BOT_TOKEN is not set (get one from @BotFather)")
        if self.webhook_url and self.webhook_secret is None:
            raise ConfigError(
                "configuration error: WEBHOOK_SECRET must be set when WEBHOOK_URL is set"
            )


def load_settings(**overrides: object) -> Settings:
    """Reads the environment and `.env`; a bad value becomes one ConfigError line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        message = first["msg"].removeprefix("Value error, ")
        raise ConfigError(f"configuration error: {name}: {message}") from None
