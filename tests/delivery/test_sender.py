"""The outbox sender against the strict fake Bot API: order, limits, faults, blocking."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import timedelta

from tortoise.transactions import in_transaction

from bot.delivery import outbox
from bot.delivery.limits import Limits, RateLimiter
from bot.delivery.sender import Sender, release_blocked
from models import (
    Customer,
    Department,
    Message,
    MessageLink,
    OutboxMessage,
    Priority,
    Status,
    Ticket,
)
from models.enums import MessageKind, OutboxStatus, Side, StatusRole
from tests.support import all_settled, running_sender, wait_until


def _texts(api, chat_id):
    return [m["text"] for m in api.sent_messages(chat_id) if "text" in m]


async def test_each_message_once_and_in_order_per_chat(db, api, bot):
    users = [api.add_user(1000 + i, f"User{i}") for i in range(3)]
    async with in_transaction():
        for n in range(5):
            for user in users:
                await outbox.send_text(user.id, f"msg {n} for {user.id}")
    async with running_sender(bot):
        await wait_until(all_settled)
    for user in users:
        assert _texts(api, user.id) == [f"msg {n} for {user.id}" for n in range(5)]
    rows = await OutboxMessage.all()
    assert all(r.status == OutboxStatus.SENT and r.telegram_message_id for r in rows)
    assert len({(r.chat_id, r.telegram_message_id) for r in rows}) == 15


async def test_sent_copy_is_linked_to_its_ticket_message(db, api, bot):
    user = api.add_user(2001, "Ann")
    customer = await Customer.create(telegram_id=user.id, first_name="Ann")
    ticket = await Ticket.create(
        number=1001,
        customer=customer,
        department=await Department.create(name="Support"),
        priority=await Priority.get(is_default=True),
        status=await Status.get(role=StatusRole.NEW),
        subject="VPN",
    )
    message = await Message.create(ticket=ticket, kind=MessageKind.AGENT, text="Try again")
    await outbox.send_text(
        user.id, "Try again", ticket_id=ticket.id, message_id=message.id, side=Side.CUSTOMER
    )
    async with running_sender(bot):
        await wait_until(all_settled)
    link = await MessageLink.get(chat_id=user.id)
    sent = api.sent_messages(user.id)[-1]
    assert link.telegram_message_id == sent["message_id"]
    assert link.message_id == message.id and link.ticket_id == ticket.id
    assert link.side == Side.CUSTOMER


async def test_429_storm_is_waited_out_and_nothing_doubles(db, api, bot):
    users = [api.add_user(3000 + i, f"U{i}") for i in range(4)]
    for n in range(3):
        for user in users:
            await outbox.send_text(user.id, f"n{n}")
    api.fail_next(6, status=429, retry_after=1)
    started = time.monotonic()
    async with running_sender(bot) as sender:
        await wait_until(all_settled, timeout=20)
    assert time.monotonic() - started >= 1.0  # retry_after was honoured
    assert sender.stats["retry_after"] == 6
    for user in users:
        assert _texts(api, user.id) == ["n0", "n1", "n2"]


async def test_server_errors_and_dropped_connections_are_retried(db, api, bot):
    user = api.add_user(4001, "Bob")
    for n in range(4):
        await outbox.send_text(user.id, f"m{n}")
    api.fail_next(2, status=502)
    api.fail_next(2, status="drop")
    async with running_sender(bot) as sender:
        await wait_until(all_settled, timeout=20)
    assert _texts(api, user.id) == ["m0", "m1", "m2", "m3"]
    assert sender.stats["transient"] == 4
    assert (await OutboxMessage.filter(chat_id=user.id).order_by("id").first()).attempts == 5


async def test_blocked_customer_is_marked_and_resumed_after_unblocking(db, api, bot):
    user = api.add_user(5001, "Cat")
    await Customer.create(telegram_id=user.id, first_name="Cat")
    user.block_bot()
    await outbox.send_text(user.id, "first")
    await outbox.send_text(user.id, "second")
    async with running_sender(bot) as sender:
        await wait_until(
            lambda: OutboxMessage.filter(chat_id=user.id, status=OutboxStatus.BLOCKED).count()
        )
        await wait_until(all_settled)
        assert (await Customer.get(telegram_id=user.id)).blocked_bot
        assert await OutboxMessage.filter(status=OutboxStatus.BLOCKED).count() == 2
        # While blocked, new messages are held without asking Telegram.
        calls_before = len(api.calls("sendMessage"))
        await outbox.send_text(user.id, "third")
        sender.wake()
        await wait_until(all_settled)
        assert len(api.calls("sendMessage")) == calls_before
        user.unblock_bot()
        assert await release_blocked(user.id) == 3
        sender.wake()
        await wait_until(all_settled)
    assert _texts(api, user.id) == ["first", "second", "third"]
    assert not (await Customer.get(telegram_id=user.id)).blocked_bot


async def test_rejected_request_fails_alone_and_the_chat_goes_on(db, api, bot):
    user = api.add_user(6001, "Dan")
    broken = await outbox.enqueue("sendMessage", user.id, {"text": "<b>oops", "parse_mode": "HTML"})
    await outbox.send_text(user.id, "after")
    async with running_sender(bot) as sender:
        await wait_until(all_settled)
    row = await OutboxMessage.get(id=broken.id)
    assert row.status == OutboxStatus.FAILED
    assert "can't parse entities" in row.last_error
    assert row.attempts == 1  # a 400 is not retried
    assert sender.stats["failed"] == 1
    assert _texts(api, user.id) == ["after"]


async def test_edit_waits_for_the_message_it_edits(db, api, bot):
    user = api.add_user(7001, "Eve")
    [card] = await outbox.send_text(user.id, "v1")
    await outbox.edit_text(user.id, card, "v2 <b>bold</b>")
    async with running_sender(bot):
        await wait_until(all_settled)
    [message] = api.chat_messages(user.id)
    assert message["text"] == "v2 bold"
    edit = await OutboxMessage.get(method="editMessageText")
    assert edit.status == OutboxStatus.SENT


async def test_unchanged_edit_counts_as_done(db, api, bot):
    user = api.add_user(7101, "Fay")
    [card] = await outbox.send_text(user.id, "same")
    await outbox.edit_text(user.id, card, "same")
    async with running_sender(bot):
        await wait_until(all_settled)
    assert await OutboxMessage.filter(status=OutboxStatus.SENT).count() == 2


async def test_an_edit_that_would_change_nothing_is_not_sent(db, api, bot):
    """Compared with what the message shows when the edit's turn comes: queued edits
    that end where they started, a repeated edit, buttons set twice - none reaches
    Telegram; an edit that does change the message does."""
    user = api.add_user(7201, "Gil")
    buttons = {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
    [screen] = await outbox.send_text(user.id, "Step <b>1</b>", reply_markup=buttons)
    await outbox.edit_text(user.id, screen, "Step <b>2</b>", reply_markup=buttons)
    await outbox.edit_text(user.id, screen, "Step <b>2</b>", reply_markup=buttons)
    await outbox.edit_markup(user.id, screen, buttons)
    await outbox.edit_text(user.id, screen, "Step <b>2</b>")  # the buttons go
    await outbox.edit_markup(user.id, screen)  # none to remove
    await outbox.edit_text(user.id, screen, "Step <b>1</b>", reply_markup=buttons)
    async with running_sender(bot) as sender:
        await wait_until(all_settled)
    edits = [
        (r.method, r.params.get("text"), bool(r.params.get("reply_markup")))
        for r in api.calls(chat_id=user.id)
        if r.method.startswith("edit")
    ]
    assert edits == [
        ("editMessageText", "Step <b>2</b>", True),
        ("editMessageText", "Step <b>2</b>", False),
        ("editMessageText", "Step <b>1</b>", True),
    ]
    assert api.calls(ok=False, method="editMessageText") == []
    assert sender.stats["unchanged"] == 3
    [message] = api.chat_messages(user.id)
    assert message["text"] == "Step 1" and message["reply_markup"] == buttons
    assert {r.status for r in await OutboxMessage.all()} == {OutboxStatus.SENT}


class _Meanwhile:
    """The sender's limiter that does `act` the first time the sender consults it about
    `chat_id`: at `wait_time`, after the sender read the chat's row and before claiming
    it; at `take`, just after the claim."""

    def __init__(self, chat_id: int, at: str, act) -> None:
        self.inner = RateLimiter(Limits.unlimited())
        self.chat_id, self.at, self.act = chat_id, at, act

    async def _maybe(self, where: str, chat_id: int) -> None:
        if where == self.at and chat_id == self.chat_id and self.act is not None:
            act, self.act = self.act, None
            await act()

    async def wait_time(self, chat_id: int) -> float:
        await self._maybe("wait_time", chat_id)
        return await self.inner.wait_time(chat_id)

    async def take(self, chat_id: int, count: int = 1) -> None:
        await self._maybe("take", chat_id)
        await self.inner.take(chat_id, count)

    async def punish(self, chat_id: int, seconds: float) -> None:
        await self.inner.punish(chat_id, seconds)


async def test_a_text_changed_between_reading_and_claiming_its_row_is_the_one_sent(db, api, bot):
    user = api.add_user(7301, "Hal")
    [row] = await outbox.send_text(user.id, "Invoice 1O42")

    async def customer_edits() -> None:
        assert await outbox.rewrite(await OutboxMessage.get(id=row.id), "Invoice 1042")

    async with running_sender(bot, limiter=_Meanwhile(user.id, "wait_time", customer_edits)):
        await wait_until(all_settled)
    assert _texts(api, user.id) == ["Invoice 1042"]
    assert api.calls("editMessageText") == []


async def test_a_row_claimed_while_its_text_changes_gets_an_edit(db, api, bot):
    user = api.add_user(7302, "Ida")
    [row] = await outbox.send_text(user.id, "Refund on Mondy")
    as_read = await OutboxMessage.get(id=row.id)  # still PENDING when read

    async def agent_edits() -> None:
        await outbox.replace_text(user.id, as_read, "Refund on Monday")

    async with running_sender(bot, limiter=_Meanwhile(user.id, "take", agent_edits)):
        await wait_until(all_settled)
    [message] = api.chat_messages(user.id)
    assert message["text"] == "Refund on Monday"
    [edit] = api.calls("editMessageText")
    assert edit.params["message_id"] == message["message_id"]
    assert api.calls(ok=False) == []


async def test_long_text_is_split_not_rejected(db, api, bot):
    user = api.add_user(8001, "Gus")
    text = "\n\n".join(f"<b>Paragraph {i}</b> " + "lorem ipsum " * 40 for i in range(30))
    rows = await outbox.send_text(
        user.id,
        text,
        reply_markup={"inline_keyboard": [[{"text": "OK", "callback_data": "m:help"}]]},
    )
    assert len(rows) == 4
    async with running_sender(bot) as sender:
        await wait_until(all_settled)
    assert sender.stats["failed"] == 0
    sent = api.sent_messages(user.id)
    assert len(sent) == 4
    assert all(len(m["text"]) <= 4096 for m in sent)
    assert "reply_markup" in sent[-1] and "reply_markup" not in sent[0]


async def test_long_caption_continues_as_text(db, api, bot):
    user = api.add_user(8101, "Hal")
    photo = user.send_photo()
    file_id = photo["photo"][-1]["file_id"]
    rows = await outbox.send_media(user.id, "photo", file_id, caption="word " * 400)
    assert [r.method for r in rows] == ["sendPhoto", "sendMessage"]
    async with running_sender(bot) as sender:
        await wait_until(all_settled)
    assert sender.stats["failed"] == 0


async def test_telegram_limits_are_kept_without_429(db, api, bot):
    api.enforce_limits = True
    one = api.add_user(9001, "Ivy")
    many = [api.add_user(9100 + i, f"M{i}") for i in range(40)]
    for n in range(3):
        await outbox.send_text(one.id, f"burst {n}")
    for user in many:
        await outbox.send_text(user.id, "hello")
    started = time.monotonic()
    async with running_sender(bot, Limits()) as sender:
        await wait_until(all_settled, timeout=30)
    elapsed = time.monotonic() - started
    assert sender.stats["retry_after"] == 0
    assert api.stats.too_many_requests == 0
    assert elapsed >= 2.0  # three messages to one private chat need two full seconds
    assert _texts(api, one.id) == ["burst 0", "burst 1", "burst 2"]
    counts = Counter(m["chat"]["id"] for m in api.sent_messages())
    assert all(counts[u.id] == 1 for u in many)


async def test_dedupe_key_enqueues_once(db):
    first = await outbox.send_text(-100500, "SLA warning", dedupe_key="sla:1:warning")
    again = await outbox.send_text(-100500, "SLA warning", dedupe_key="sla:1:warning")
    assert first[0].id == again[0].id
    assert await OutboxMessage.all().count() == 1


async def test_a_slow_send_keeps_its_lease_and_a_dead_instances_rows_are_taken_soon(db, api, bot):
    """Leases are short and renewed while a send is in flight: a slow upload is not
    taken over by another instance (no double send), while the rows of an instance
    that died are sent by another one a lease later."""
    slow, orphan = api.add_user(3301, "Slow"), api.add_user(3302, "Orphan")
    await outbox.send_text(slow.id, "a big upload")
    api.fail_next(1, status="slow", delay=2.5, chat_id=slow.id)
    # A row an instance killed -9 had claimed: SENDING, its lease running out.
    row = await outbox.send_text(orphan.id, "claimed by the dead")
    await OutboxMessage.filter(id=row[0].id).update(
        status=OutboxStatus.SENDING, lease_until=outbox.now_utc() + timedelta(seconds=1)
    )
    kwargs = {"lease_seconds": 0.9, "reclaim_all_on_start": False}
    async with running_sender(bot, **kwargs), running_sender(bot, **kwargs):
        await wait_until(all_settled, timeout=15)
    assert _texts(api, slow.id) == ["a big upload"]
    assert _texts(api, orphan.id) == ["claimed by the dead"]
    assert len(api.calls("sendMessage", slow.id)) == 1


async def test_a_wake_while_it_looks_for_rows_is_not_lost(db, api, bot):
    """Rows committed while a tick is looking (after its query) are sent at once, not
    at the next poll: a busy bot wakes its sender during ticks all the time."""
    user = api.add_user(3401, "Eve")
    sender = Sender(bot, RateLimiter(Limits.unlimited()), poll_interval=60.0)
    looked = asyncio.Event()
    tick = sender.tick

    async def tick_then_a_row_is_committed() -> float:
        delay = await tick()
        if not looked.is_set():
            looked.set()
            await outbox.send_text(user.id, "written while the sender looked")
            sender.wake()
        return delay

    sender.tick = tick_then_a_row_is_committed  # type: ignore[method-assign]
    task = asyncio.create_task(sender.run())
    try:
        await wait_until(all_settled, timeout=5)
        await wait_until(lambda: _texts(api, user.id), timeout=5)
    finally:
        await sender.stop()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert looked.is_set()
    assert _texts(api, user.id) == ["written while the sender looked"]
