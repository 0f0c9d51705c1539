"""Self-test of the fake Bot API, driven by real aiogram through its aiohttp session."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.filters import Command, CommandStart
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    Message,
    ReactionTypeCustomEmoji,
    ReactionTypeEmoji,
)
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from tests.fakebotapi import TINY_PNG, FakeBotAPI, FakeUser, Fault

TOKEN = "4242:TEST-token_for_the_fake"
OTHER_TOKEN = "4242:wrong-token"
ROOT = Path(__file__).resolve().parents[2]


def make_bot(api: FakeBotAPI, token: str = TOKEN) -> Bot:
    return Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(api.base_url)))


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(token=TOKEN) as fake:
        yield fake


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    bot = make_bot(api)
    yield bot
    await bot.session.close()


@pytest.fixture
def alice(api: FakeBotAPI) -> FakeUser:
    return api.add_user(1001, "Alice", username="alice")


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=text, callback_data=data)] for text, data in pairs
        ]
    )


async def run_polling(dp: Dispatcher, bot: Bot, scenario: Callable[[], Awaitable[None]]) -> None:
    """Run a real aiogram polling loop against the fake while ``scenario`` executes."""
    task = asyncio.create_task(
        dp.start_polling(bot, handle_signals=False, close_bot_session=False, polling_timeout=2)
    )
    try:
        await scenario()
    finally:
        await dp.stop_polling()
        await task


# Basics ------------------------------------------------------------------------------------


async def test_get_me(api: FakeBotAPI, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == 4242
    assert me.is_bot is True
    assert me.username == "helpdesk_test_bot"
    assert me.supports_inline_queries is True
    assert me.can_join_groups is True
    assert me.can_read_all_group_messages is False  # privacy mode is on by default
    assert api.calls("getMe")[0].ok


async def test_wrong_token_is_unauthorized(api: FakeBotAPI) -> None:
    other = make_bot(api, OTHER_TOKEN)
    try:
        with pytest.raises(TelegramUnauthorizedError) as exc:
            await other.get_me()
    finally:
        await other.session.close()
    assert exc.value.message == "Unauthorized"
    assert api.requests[-1].status == 401


async def test_unknown_method_is_404(api: FakeBotAPI) -> None:
    async with aiohttp.ClientSession() as http:
        resp = await http.post(f"{api.base_url}/bot{TOKEN}/sendTelepathy", json={"chat_id": 1})
        assert resp.status == 404
        assert await resp.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        # Method names are case-insensitive, JSON bodies work too.
        resp = await http.post(f"{api.base_url}/bot{TOKEN}/GETME", json={})
        assert resp.status == 200
        assert (await resp.json())["result"]["id"] == 4242


async def test_send_message_creates_a_stored_message(
    api: FakeBotAPI, bot: Bot, alice: FakeUser
) -> None:
    first = alice.send_text("/start")
    sent = await bot.send_message(
        alice.id,
        "<b>Hello</b>, ticket #urgent created",
        parse_mode="HTML",
        reply_to_message_id=first["message_id"],
        reply_markup=keyboard(("Close", "close:1")),
    )
    assert sent.message_id == first["message_id"] + 1  # ids are per chat and shared
    assert sent.from_user is not None and sent.from_user.id == 4242
    assert sent.chat.id == alice.id and sent.chat.type == "private"
    assert sent.text == "Hello, ticket #urgent created"
    assert sent.entities is not None
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 0, 5),
        ("hashtag", 14, 7),
    ]
    assert sent.reply_to_message is not None
    assert sent.reply_to_message.text == "/start"

    request = api.calls("sendMessage")[0]
    assert request.chat_id == alice.id
    assert request.params["parse_mode"] == "HTML"
    assert request.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "close:1"
    assert [m["message_id"] for m in api.sent_messages(alice.id)] == [sent.message_id]
    history = api.chat_messages(alice.id)
    assert [m["from"]["id"] for m in history] == [alice.id, 4242]


async def test_unknown_chat_and_missing_reply(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.send_message(999_999, "hi")
    assert exc.value.message == "Bad Request: chat not found"
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.send_message(alice.id, "hi", reply_to_message_id=77)
    assert exc.value.message == "Bad Request: message to be replied not found"
    ok = await bot.send_message(
        alice.id, "hi", reply_to_message_id=77, allow_sending_without_reply=True
    )
    assert ok.reply_to_message is None
    assert len(api.sent_messages()) == 1


async def test_user_that_never_started_the_bot(api: FakeBotAPI, bot: Bot) -> None:
    stranger = api.add_user(2002, "Stranger", started=False)
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(stranger.id, "hi")
    group = api.add_group(-1001, "Staff")
    group.add_member(stranger)
    with pytest.raises(TelegramForbiddenError) as exc:
        await bot.send_message(stranger.id, "hi")
    assert exc.value.message == "Forbidden: bot can't initiate conversation with a user"
    stranger.send_text("/start")
    assert (await bot.send_message(stranger.id, "now ok")).text == "now ok"


# Formatting and limits ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("R&D", 'Unsupported entity "&" at byte offset 1; it must be escaped as "&amp;"'),
    ],
)
async def test_html_parse_errors(
    api: FakeBotAPI, bot: Bot, alice: FakeUser, text: str, description: str
) -> None:
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.send_message(alice.id, text, parse_mode="HTML")
    assert exc.value.message == f"Bad Request: can't parse entities: {description}"
    assert api.sent_messages() == []


async def test_html_entities_and_nesting_are_accepted(bot: Bot, alice: FakeUser) -> None:
    sent = await bot.send_message(
        alice.id,
        '&lt;b&gt; &amp; &quot;q&quot; &#128512; <a href="https://example.com">x</a> '
        '<pre><code class="language-python">1 &lt; 2</code></pre>',
        parse_mode="HTML",
    )
    assert sent.text == '<b> & "q" 😀 x 1 < 2'
    assert sent.entities is not None
    kinds = {e.type: e for e in sent.entities}
    assert kinds["text_link"].url == "https://example.com/"
    assert kinds["text_link"].offset == 13  # the emoji counts as two UTF-16 units
    assert kinds["pre"].language == "python"


async def test_markdown_v2_reserved_character(bot: Bot, alice: FakeUser) -> None:
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.send_message(alice.id, "Ticket #1 closed.", parse_mode="MarkdownV2")
    assert exc.value.message == (
        "Bad Request: can't parse entities: Character '#' is reserved and must be escaped "
        "with the preceding '\\'"
    )
    sent = await bot.send_message(alice.id, "*Ticket* \\#1 closed\\.", parse_mode="MarkdownV2")
    assert sent.text == "Ticket #1 closed."


async def test_text_length_limits_in_utf16(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    assert len((await bot.send_message(alice.id, "a" * 4096)).text or "") == 4096
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.send_message(alice.id, "a" * 4097)
    assert exc.value.message == "Bad Request: message is too long"
    # 2049 emoji are 4098 UTF-16 code units although only 2049 code points.
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(alice.id, "😀" * 2049)
    # The limit applies after entity parsing: markup does not count.
    sent = await bot.send_message(alice.id, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    assert len(sent.text or "") == 4096
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.send_message(alice.id, "<b> </b>", parse_mode="HTML")
    assert exc.value.message == "Bad Request: message text is empty"
    assert len(api.sent_messages(alice.id)) == 2


async def test_caption_limit(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    photo = BufferedInputFile(TINY_PNG, filename="p.png")
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.send_photo(alice.id, photo, caption="c" * 1025)
    assert exc.value.message == "Bad Request: message caption is too long"
    assert api.sent_messages() == []
    sent = await bot.send_photo(alice.id, photo, caption="c" * 1024)
    assert sent.caption == "c" * 1024


async def test_callback_data_limit_and_keyboard_shape(
    api: FakeBotAPI, bot: Bot, alice: FakeUser
) -> None:
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.send_message(alice.id, "pick", reply_markup=keyboard(("A", "x" * 65)))
    assert exc.value.message == "Bad Request: BUTTON_DATA_INVALID"
    # 32 two-byte characters are exactly 64 bytes.
    ok = await bot.send_message(alice.id, "pick", reply_markup=keyboard(("A", "é" * 32)))
    assert ok.reply_markup is not None
    async with aiohttp.ClientSession() as http:
        url = f"{api.base_url}/bot{TOKEN}/sendMessage"
        no_action = {"inline_keyboard": [[{"text": "plain"}]]}
        resp = await http.post(
            url, json={"chat_id": alice.id, "text": "x", "reply_markup": no_action}
        )
        assert (await resp.json())["description"] == (
            "Bad Request: can't parse inline keyboard button: "
            "Text buttons are unallowed in the inline keyboard"
        )
        flat = {"inline_keyboard": [{"text": "A", "callback_data": "a"}]}
        resp = await http.post(url, json={"chat_id": alice.id, "text": "x", "reply_markup": flat})
        assert resp.status == 400
        assert "must be an Array of Arrays" in (await resp.json())["description"]
    assert len(api.sent_messages()) == 1


# Errors, faults and limits -----------------------------------------------------------------


async def test_injected_429_surfaces_retry_after(
    api: FakeBotAPI, bot: Bot, alice: FakeUser
) -> None:
    api.fail_next(1, 429, retry_after=7)
    with pytest.raises(TelegramRetryAfter) as exc:
        await bot.send_message(alice.id, "hi")
    assert exc.value.retry_after == 7
    assert api.requests[-1].response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 7",
        "parameters": {"retry_after": 7},
    }
    assert api.chat_messages(alice.id) == []  # a rejected call creates nothing
    await bot.send_message(alice.id, "retry")
    assert [m["text"] for m in api.sent_messages()] == ["retry"]
    assert api.stats.too_many_requests == 1


async def test_blocked_user_gives_403(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    alice.send_text("/start")
    update = alice.block_bot()
    assert update["old_chat_member"]["status"] == "member"
    assert update["new_chat_member"]["status"] == "kicked"
    with pytest.raises(TelegramForbiddenError) as exc:
        await bot.send_message(alice.id, "are you there?")
    assert exc.value.message == "Forbidden: bot was blocked by the user"
    with pytest.raises(TelegramForbiddenError):
        await bot.send_chat_action(alice.id, "typing")
    alice.unblock_bot()
    assert (await bot.send_message(alice.id, "welcome back")).text == "welcome back"
    kinds = [next(k for k in u if k != "update_id") for u in api.pending_updates]
    assert kinds == ["message", "my_chat_member", "my_chat_member"]


async def test_injected_502_is_a_server_error(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    api.fail_next(1, 502)
    with pytest.raises(TelegramServerError) as exc:
        await bot.send_message(alice.id, "hi")
    assert exc.value.message == "Bad Gateway"
    assert api.sent_messages() == [] and api.chat_messages(alice.id) == []
    assert api.stats.server_errors == 1
    # Faults only hit message-creating methods unless named explicitly.
    assert (await bot.get_me()).id == 4242


async def test_dropped_connection_is_a_network_error(
    api: FakeBotAPI, bot: Bot, alice: FakeUser
) -> None:
    api.fail_next(1, "drop")
    with pytest.raises(TelegramNetworkError):
        await bot.send_message(alice.id, "lost")
    assert api.chat_messages(alice.id) == []
    assert api.stats.drops == 1
    assert (await bot.send_message(alice.id, "next")).text == "next"

    # "drop_after": Telegram accepted the message but the response never arrived.
    api.fail_next(1, "drop_after")
    with pytest.raises(TelegramNetworkError):
        await bot.send_message(alice.id, "delivered anyway")
    assert [m["text"] for m in api.chat_messages(alice.id)] == ["next", "delivered anyway"]


async def test_fault_hook_and_slow_answer(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    api.faults.append(
        lambda method, params: Fault.build(503) if params.get("text") == "boom" else None
    )
    with pytest.raises(TelegramServerError) as exc:
        await bot.send_message(alice.id, "boom")
    assert exc.value.message == "Service Unavailable"
    assert (await bot.send_message(alice.id, "fine")).text == "fine"
    api.faults.clear()
    api.fail_next(1, "slow", delay=0.3)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await bot.send_message(alice.id, "slow")
    assert loop.time() - started >= 0.3
    assert [m["text"] for m in api.sent_messages()] == ["fine", "slow"]


async def test_second_poller_gets_conflict(api: FakeBotAPI, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.1)
    assert await bot.get_updates() == []
    with pytest.raises(TelegramConflictError) as exc:
        await first
    assert exc.value.message == (
        "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running"
    )


async def test_rate_limit_private_chat(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    api.enforce_limits = True
    await bot.send_message(alice.id, "one")
    with pytest.raises(TelegramRetryAfter) as exc:
        await bot.send_message(alice.id, "two")
    assert exc.value.retry_after == 1
    assert [m["text"] for m in api.sent_messages(alice.id)] == ["one"]
    assert api.stats.too_many_requests == 1
    # Another chat is not affected by alice's per-chat limit.
    bob = api.add_user(1002, "Bob")
    assert (await bot.send_message(bob.id, "hi bob")).text == "hi bob"


async def test_rate_limit_group_window(api: FakeBotAPI, bot: Bot) -> None:
    api.enforce_limits = True
    group = api.add_group(-100500, "Staff")
    for number in range(20):
        await bot.send_message(group.id, f"m{number}")
    with pytest.raises(TelegramRetryAfter) as exc:
        await bot.send_message(group.id, "m20")
    assert 59 <= exc.value.retry_after <= 60
    assert len(api.sent_messages(group.id)) == 20


# Updates and dispatching -------------------------------------------------------------------


async def test_long_polling_reaches_a_real_dispatcher(
    api: FakeBotAPI, bot: Bot, alice: FakeUser
) -> None:
    dp = Dispatcher()

    @dp.message(CommandStart())
    async def on_start(message: Message) -> None:
        assert message.from_user is not None
        await message.answer(f"Hello, {message.from_user.first_name}!")

    async def scenario() -> None:
        alice.send_text("/start")
        request = await api.wait_for("sendMessage", chat_id=alice.id)
        assert request.params["text"] == "Hello, Alice!"
        await api.wait_until(lambda: not api.pending_updates)  # confirmed via offset

    await run_polling(dp, bot, scenario)
    assert len(api.sent_messages(alice.id)) == 1
    get_updates = api.calls("getUpdates")[0]
    assert get_updates.params["allowed_updates"] == ["message"]


async def test_button_press_round_trip(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    dp = Dispatcher()

    @dp.message(Command("ticket"))
    async def on_ticket(message: Message) -> None:
        await message.answer("Ticket #7", reply_markup=keyboard(("Close", "close:7")))

    @dp.callback_query(F.data == "close:7")
    async def on_close(query: CallbackQuery) -> None:
        await query.answer("Closed")
        assert isinstance(query.message, Message)
        await query.message.edit_text("Ticket #7 (closed)")

    seen: dict[str, dict[str, Any]] = {}

    async def scenario() -> None:
        alice.send_text("/ticket")
        seen["shown"] = (await api.wait_for("sendMessage")).result
        seen["callback"] = alice.press(seen["shown"], "close:7")
        answered = await api.wait_for("answerCallbackQuery")
        assert answered.params["callback_query_id"] == seen["callback"]["id"]
        assert answered.params["text"] == "Closed"
        await api.wait_for("editMessageText")
        assert api.query_state(seen["callback"]["id"]).answered

    await run_polling(dp, bot, scenario)
    shown, callback = seen["shown"], seen["callback"]
    current = api.chat(alice.id).message(shown["message_id"])
    assert current is not None
    assert current["text"] == "Ticket #7 (closed)"
    assert "reply_markup" not in current and "edit_date" in current
    with pytest.raises(LookupError):
        alice.press(shown, "close:7")  # the keyboard is gone after the edit
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.answer_callback_query(callback["id"])
    assert exc.value.message == (
        "Bad Request: query is too old and response timeout expired or query ID is invalid"
    )


async def test_get_updates_offset_and_long_poll(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    for text in ("one", "two", "three"):
        alice.send_text(text)
    updates = await bot.get_updates()
    assert [u.message.text for u in updates if u.message] == ["one", "two", "three"]
    assert [u.update_id for u in updates] == sorted(u.update_id for u in updates)
    assert len(await bot.get_updates(offset=updates[1].update_id, limit=5)) == 2
    assert await bot.get_updates(offset=updates[-1].update_id + 1) == []

    loop = asyncio.get_running_loop()
    started = loop.time()
    poll = asyncio.create_task(bot.get_updates(offset=updates[-1].update_id + 1, timeout=20))
    await asyncio.sleep(0.2)
    assert not poll.done()
    alice.send_text("four")
    fresh = await asyncio.wait_for(poll, 5)
    assert [u.message.text for u in fresh if u.message] == ["four"]
    assert loop.time() - started < 5


async def test_allowed_updates_filter_new_updates(
    api: FakeBotAPI, bot: Bot, alice: FakeUser
) -> None:
    await bot.get_updates(allowed_updates=["message"])
    alice.send_inline_query("faq")
    alice.send_text("hello")
    assert [next(k for k in u if k != "update_id") for u in api.pending_updates] == ["message"]
    assert api.stats.updates_filtered == 1


async def test_edit_errors(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    sent = await bot.send_message(alice.id, "same", reply_markup=keyboard(("A", "a")))
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.edit_message_text(
            "same", chat_id=alice.id, message_id=sent.message_id, reply_markup=keyboard(("A", "a"))
        )
    assert exc.value.message == (
        "Bad Request: message is not modified: specified new message content and reply markup "
        "are exactly the same as a current content and reply markup of the message"
    )
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.edit_message_text("new", chat_id=alice.id, message_id=4040)
    assert exc.value.message == "Bad Request: message to edit not found"
    # Same text without reply_markup removes the keyboard, so it *is* a modification.
    edited = await bot.edit_message_text("same", chat_id=alice.id, message_id=sent.message_id)
    assert isinstance(edited, Message) and edited.reply_markup is None
    user_message = alice.send_text("mine")
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text("x", chat_id=alice.id, message_id=user_message["message_id"])
    assert await bot.delete_message(alice.id, sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(alice.id, sent.message_id)
    assert [m["text"] for m in api.chat_messages(alice.id)] == ["mine"]


# Files -------------------------------------------------------------------------------------


async def test_photo_upload_is_recorded(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    sent = await bot.send_photo(
        alice.id, BufferedInputFile(TINY_PNG, filename="chart.png"), caption="Your chart"
    )
    assert sent.photo is not None and sent.photo[-1].width == 2
    assert sent.caption == "Your chart"
    request = api.calls("sendPhoto")[0]
    marker = request.params["photo"]
    assert marker["filename"] == "chart.png"
    assert marker["size"] == len(TINY_PNG)
    assert isinstance(marker["content_type"], str)
    # A file_id can be re-sent without uploading; the wrong type is refused.
    again = await bot.send_photo(alice.id, sent.photo[-1].file_id)
    assert again.photo is not None and again.photo[-1].file_id == sent.photo[-1].file_id
    with pytest.raises(TelegramBadRequest, match="can't use file of type Photo as Document"):
        await bot.send_document(alice.id, sent.photo[-1].file_id)
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.send_photo(alice.id, BufferedInputFile(b"not an image", filename="x.png"))
    assert exc.value.message == "Bad Request: IMAGE_PROCESS_FAILED"


async def test_download_user_document(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    message = alice.send_document("invoice.pdf", "application/pdf", content=b"%PDF-1.4 invoice")
    file_id = message["document"]["file_id"]
    file = await bot.get_file(file_id)
    assert file.file_path is not None and file.file_path.endswith(".pdf")
    assert file.file_size == len(b"%PDF-1.4 invoice")
    downloaded = await bot.download(file_id)
    assert downloaded is not None
    assert downloaded.read() == b"%PDF-1.4 invoice"
    huge = alice.send_document("huge.zip", "application/zip", size=30 * 1024 * 1024)
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.get_file(huge["document"]["file_id"])
    assert exc.value.message == "Bad Request: file is too big"


async def test_album_and_media_group(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    album = alice.send_album(3, caption="screens")
    assert len({m["media_group_id"] for m in album}) == 1
    assert [bool(m.get("caption")) for m in album] == [True, False, False]
    sent = await bot.send_media_group(
        alice.id,
        [
            InputMediaPhoto(media=BufferedInputFile(TINY_PNG, "a.png"), caption="first"),
            InputMediaPhoto(media=album[0]["photo"][-1]["file_id"]),
        ],
    )
    assert len(sent) == 2 and sent[0].media_group_id == sent[1].media_group_id
    media = api.calls("sendMediaGroup")[0].params["media"]
    assert media[0]["media"]["filename"] == "a.png"  # the upload, replaced by a marker
    assert media[1]["media"] == album[0]["photo"][-1]["file_id"]
    assert len(api.sent_messages(alice.id)) == 2
    with pytest.raises(TelegramBadRequest, match="too many messages to send as an album"):
        await bot.send_media_group(
            alice.id, [InputMediaPhoto(media=album[0]["photo"][-1]["file_id"])] * 11
        )


# Webhooks ----------------------------------------------------------------------------------


async def start_server(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}"


async def test_webhook_delivery_with_secret_and_retry(
    api: FakeBotAPI, bot: Bot, alice: FakeUser
) -> None:
    received: list[tuple[str | None, dict[str, Any]]] = []
    statuses = [500, 200]

    async def hook(request: web.Request) -> web.Response:
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        return web.json_response({}, status=statuses.pop(0))

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner, base = await start_server(app)
    try:
        assert await bot.set_webhook(f"{base}/hook", secret_token="s3cr3t_token")
        with pytest.raises(TelegramConflictError):
            await bot.get_updates()
        message = alice.send_text("via webhook")
        await api.wait_until(lambda: api.stats.webhook_deliveries == 1)
        assert len(received) == 2  # the first attempt got 500 and was retried
        secret, update = received[-1]
        assert secret == "s3cr3t_token"
        assert update["message"]["message_id"] == message["message_id"]
        assert received[0][1] == update
        info = await bot.get_webhook_info()
        assert info.url == f"{base}/hook"
        assert info.pending_update_count == 0
        assert (
            info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
        )
        assert await bot.delete_webhook()
        assert await bot.get_updates() == []
    finally:
        await runner.cleanup()


async def test_webhook_reply_method_is_executed(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    dp = Dispatcher()

    @dp.message()
    async def echo(message: Message) -> Any:
        # Returning the method (not awaiting it) makes aiogram answer inside the webhook reply.
        return message.answer(f"echo: {message.text}")

    app = web.Application()
    SimpleRequestHandler(dp, bot, handle_in_background=False, secret_token="abc").register(
        app, path="/wh"
    )
    runner, base = await start_server(app)
    try:
        await bot.set_webhook(f"{base}/wh", secret_token="abc")
        alice.send_text("ping")
        request = await api.wait_for("sendMessage")
        assert request.source == "webhook_response"
        assert request.params["text"] == "echo: ping"
        assert api.chat_messages(alice.id)[-1]["text"] == "echo: ping"
    finally:
        await runner.cleanup()


async def test_webhook_override_routes_updates(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    hits: dict[str, int] = {"a": 0, "b": 0}

    def node(name: str) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def handle(request: web.Request) -> web.Response:
            hits[name] += 1
            return web.json_response({})

        return handle

    app = web.Application()
    app.router.add_post("/a", node("a"))
    app.router.add_post("/b", node("b"))
    runner, base = await start_server(app)
    try:
        api.webhook_override = lambda update: f"{base}/{'ab'[update['update_id'] % 2]}"
        await bot.set_webhook(f"{base}/unused")
        for number in range(4):
            alice.send_text(f"m{number}")
        await api.wait_until(lambda: api.stats.webhook_deliveries == 4)
        assert hits == {"a": 2, "b": 2}
    finally:
        await runner.cleanup()


# Groups and topics -------------------------------------------------------------------------


async def test_forum_topics(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    forum = api.add_group(-1009, "Support", is_forum=True)
    topic = await bot.create_forum_topic(forum.id, "Ticket #12 Alice")
    assert topic.message_thread_id > 1
    sent = await bot.send_message(forum.id, "New ticket", message_thread_id=topic.message_thread_id)
    assert sent.is_topic_message is True
    assert sent.message_thread_id == topic.message_thread_id
    reply = alice.send_text("I'm on it", forum.id, message_thread_id=topic.message_thread_id)
    assert reply["is_topic_message"] is True
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.send_message(forum.id, "x", message_thread_id=999)
    assert exc.value.message == "Bad Request: message thread not found"
    with pytest.raises(TelegramBadRequest, match="TOPIC_NOT_MODIFIED"):
        await bot.edit_forum_topic(forum.id, topic.message_thread_id, name="Ticket #12 Alice")
    assert await bot.close_forum_topic(forum.id, topic.message_thread_id)
    assert await bot.delete_forum_topic(forum.id, topic.message_thread_id)
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await bot.send_message(forum.id, "x", message_thread_id=topic.message_thread_id)
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.create_forum_topic(alice.id, "nope")
    assert exc.value.message == "Bad Request: the chat is not a forum"


async def test_message_reactions(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    group = api.add_group(-1010, "Staff", members={alice: "member"})
    mine = alice.send_text("Refunded", group.id)
    ok = ReactionTypeEmoji(emoji="👌")
    assert await bot.set_message_reaction(group.id, mine["message_id"], reaction=[ok])
    assert api.reactions(group.id, mine["message_id"]) == ["👌"]
    # Setting it again is fine; another one replaces it; an empty list takes it back.
    assert await bot.set_message_reaction(group.id, mine["message_id"], reaction=[ok])
    write = ReactionTypeEmoji(emoji="✍")
    assert await bot.set_message_reaction(group.id, mine["message_id"], reaction=[write])
    assert api.reactions(group.id, mine["message_id"]) == ["✍"]
    assert await bot.set_message_reaction(group.id, mine["message_id"], reaction=[])
    assert api.reactions(group.id, mine["message_id"]) == []
    # An album's reaction goes to its first message.
    album = alice.send_album(3, chat_id=group.id)
    assert await bot.set_message_reaction(group.id, album[2]["message_id"], reaction=[ok])
    assert api.reactions(group.id, album[0]["message_id"]) == ["👌"]
    assert api.reactions(group.id, album[2]["message_id"]) == []
    refusals = [
        ([ReactionTypeEmoji(emoji="✅")], "Bad Request: REACTION_INVALID"),  # not a reaction
        ([ok, write], "Bad Request: REACTIONS_TOO_MANY"),  # a bot sets one at most
        ([ReactionTypeCustomEmoji(custom_emoji_id="5368324170671202286")], "REACTION_INVALID"),
    ]
    for reaction, error in refusals:
        with pytest.raises(TelegramBadRequest) as exc:
            await bot.set_message_reaction(group.id, mine["message_id"], reaction=reaction)
        assert exc.value.message.endswith(error)
    with pytest.raises(TelegramBadRequest) as exc:
        await bot.set_message_reaction(group.id, 4040, reaction=[ok])
    assert exc.value.message == "Bad Request: message to react not found"
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.set_message_reaction(-1011, mine["message_id"], reaction=[ok])
    # The group's admins may allow only some emoji (getChat lists them).
    group.available_reactions = ["👍"]
    with pytest.raises(TelegramBadRequest, match="REACTION_INVALID"):
        await bot.set_message_reaction(group.id, mine["message_id"], reaction=[ok])
    info = await bot.get_chat(group.id)
    assert [r.emoji for r in info.available_reactions or []] == ["👍"]
    # Malformed lists are refused as telegram-bot-api parses them (first letter lowered).
    async with aiohttp.ClientSession() as http:
        url = f"{api.base_url}/bot{TOKEN}/setMessageReaction"
        for reaction, description in (
            ("[{", "can't parse reaction types JSON object"),
            ('{"type": "emoji"}', "expected an Array of ReactionType"),
            ('[{"type": "paid"}]', "can't parse ReactionType: invalid reaction type specified"),
            ('[{"type": "emoji"}]', "can't parse ReactionType: Can't find field \"emoji\""),
        ):
            data = {"chat_id": group.id, "message_id": mine["message_id"], "reaction": reaction}
            response = await http.post(url, data=data)
            assert response.status == 400
            assert (await response.json())["description"] == f"Bad Request: {description}"
    # Reactions set by the bot are not updates for the bot.
    assert not [u for u in api.pending_updates if "message_reaction" in u]


async def test_privacy_mode_in_groups(api: FakeBotAPI, bot: Bot, alice: FakeUser) -> None:
    group = api.add_group(-1010, "Customers", bot_status="member")
    alice.send_text("just chatting", group.id)
    alice.send_text("/help@helpdesk_test_bot", group.id)
    texts = [u["message"]["text"] for u in api.pending_updates]
    assert texts == ["/help@helpdesk_test_bot"]
    group.kick_bot()
    with pytest.raises(TelegramForbiddenError, match="bot was kicked from the supergroup chat"):
        await bot.send_message(group.id, "hello?")


async def test_wait_for_reports_recent_requests_on_timeout(api: FakeBotAPI, bot: Bot) -> None:
    await bot.get_me()
    with pytest.raises(AssertionError) as exc:
        await api.wait_for("sendMessage", timeout=0.1)
    assert "getMe" in str(exc.value)


async def test_standalone_process_prints_port() -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fakebotapi",
        "--port",
        "0",
        "--token",
        TOKEN,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        port = int((await asyncio.wait_for(proc.stdout.readline(), 20)).decode())
        base = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as http:
            me = await (await http.get(f"{base}/bot{TOKEN}/getMe")).json()
            assert me["result"]["username"] == "helpdesk_test_bot"
            await http.post(f"{base}/_fake/users", json={"id": 5, "first_name": "Eve"})
            sent = await http.post(f"{base}/_fake/users/5/send_text", json={"text": "hi"})
            assert (await sent.json())["result"]["text"] == "hi"
            updates = await (await http.get(f"{base}/bot{TOKEN}/getUpdates")).json()
            assert [u["message"]["text"] for u in updates["result"]] == ["hi"]
    finally:
        proc.terminate()
        await proc.wait()
    assert proc.returncode == 0
