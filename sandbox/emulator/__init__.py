"""The Bot API emulator: a strict, in-process fake of the Telegram Bot API, the one the
tests use (also as `tests.fakebotapi`) and the one `helpdesk sandbox` runs the desk against.
It listens on 127.0.0.1 unless told otherwise.

Typical use::

    async with FakeBotAPI(token=TOKEN) as api:
        bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(api.base_url)))
        alice = api.add_user(1001, "Alice")
        alice.send_text("/start")
        reply = await api.wait_for("sendMessage", chat_id=alice.id)
"""

from .actors import TINY_PNG, FakeChat, FakeUser
from .errors import ApiError
from .formatting import parse_html, parse_markdown, parse_markdown_v2, utf16_len
from .models import (
    MESSAGE_METHODS,
    Fault,
    QueryState,
    RateLimits,
    Request,
    Stats,
    StoredFile,
    Topic,
    WebhookConfig,
)
from .server import DEFAULT_TOKEN, FakeBotAPI

__all__ = [
    "DEFAULT_TOKEN",
    "MESSAGE_METHODS",
    "TINY_PNG",
    "ApiError",
    "FakeBotAPI",
    "FakeChat",
    "FakeUser",
    "Fault",
    "QueryState",
    "RateLimits",
    "Request",
    "Stats",
    "StoredFile",
    "Topic",
    "WebhookConfig",
    "parse_html",
    "parse_markdown",
    "parse_markdown_v2",
    "utf16_len",
]
