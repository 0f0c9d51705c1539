"""The sender worker: delivers outbox rows within Telegram's limits.

Guarantees:
- per chat, rows go out in the order they were written (a chat's oldest unsent row
  blocks the later ones, including while it waits out a 429 or a backoff);
- a row is claimed by compare-and-set (PENDING -> SENDING with a lease) before it is
  sent, and marked SENT in the same transaction that records its Telegram message id;
- a kill at any point leaves rows PENDING (sent again) or SENT (never again). The one
  window Telegram cannot close for us is a kill after Telegram accepted a message and
  before our commit: the Bot API has no idempotency key, so that row is sent again
  (at-least-once) rather than lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections import Counter as Tally
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram import methods as tg_methods
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import ForumTopic, FSInputFile, MessageId
from aiogram.types import Message as TgMessage
from pydantic import ValidationError
from tortoise.functions import Min
from tortoise.transactions import in_transaction

from bot.delivery import shown
from bot.delivery.limits import RateLimiter, RedisRateLimiter, is_private
from bot.delivery.outbox import CARD_POST, TOPIC_POST, UPLOAD_PURPOSE, now_utc
from models import Attachment, Customer, MessageLink, OutboxMessage, Ticket
from models.enums import OutboxStatus

log = logging.getLogger(__name__)

SentHook = Callable[[OutboxMessage, list[int]], Awaitable[None]]
ResultHook = Callable[[OutboxMessage, Any], Awaitable[None]]
BlockedHook = Callable[[int], Awaitable[None]]

MAX_ATTEMPTS = 40
# How often rows whose lease ended (their instance died) are looked for.
RECLAIM_EVERY = 5.0
# Seconds one attempt to record a send's outcome may take before it is tried again.
RECORD_TIMEOUT = 20.0
MAX_BACKOFF = 300.0
# Edits and answers create no new message: only these get message-id links.
_CREATING_PREFIXES = ("send", "copy", "forward")


class _Pointless(Exception):
    """The call has nothing left to act on: it is done without being made."""


# A forum topic's own calls: without the topic there is nothing to call them on.
_TOPIC_CALLS = frozenset({"editForumTopic", "closeForumTopic", "reopenForumTopic"})


class _Postpone(Exception):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds


def backoff_seconds(attempts: int) -> float:
    base = min(MAX_BACKOFF, 2.0 ** min(attempts, 10))
    return base * random.uniform(0.75, 1.25)


def _message_ids(result: Any) -> list[int]:
    if isinstance(result, TgMessage | MessageId):
        return [result.message_id]
    if isinstance(result, ForumTopic):
        return [result.message_thread_id]
    if isinstance(result, list):
        return [m.message_id for m in result if isinstance(m, TgMessage | MessageId)]
    return []


def _set_path(payload: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, leaf = dotted.split(".")
    node = payload
    for key in parents:
        node = node.setdefault(key, {})
    node[leaf] = value
    if parents == ["reply_parameters"]:
        node.setdefault("allow_sending_without_reply", True)


def _with_uploads(payload: dict[str, Any]) -> dict[str, Any]:
    """A stored file to upload travels in the row as {"upload_path", "file_name"}."""
    prepared = dict(payload)
    for key, value in payload.items():
        if isinstance(value, dict) and "upload_path" in value:
            path = Path(value["upload_path"])
            if not path.is_file():
                raise ValueError(f"the file to upload is gone: {path.name}")
            prepared[key] = FSInputFile(path, filename=value.get("file_name") or path.name)
    return prepared


def _method_call(method: str, payload: dict[str, Any]) -> tg_methods.TelegramMethod:
    payload = _with_uploads(payload)
    cls = getattr(tg_methods, method[:1].upper() + method[1:], None)
    if cls is None or not isinstance(cls, type) or not issubclass(cls, tg_methods.TelegramMethod):
        raise ValueError(f"unknown Bot API method {method!r}")
    return cls.model_validate(payload)


class Sender:
    def __init__(
        self,
        bot: Bot,
        limiter: RateLimiter | RedisRateLimiter,
        *,
        concurrency: int = 8,
        poll_interval: float = 0.5,
        lease_seconds: float = 15.0,
        batch: int = 1000,
        reclaim_all_on_start: bool = True,
        backoff: Callable[[int], float] = backoff_seconds,
    ) -> None:
        self.bot = bot
        self.limiter = limiter
        self.concurrency = concurrency
        self.poll_interval = poll_interval
        self.lease_seconds = lease_seconds
        self.batch = batch
        # One process per database (SQLite): whatever is SENDING at start was ours.
        self.reclaim_all_on_start = reclaim_all_on_start
        self.backoff = backoff
        self.sent_hooks: dict[str, SentHook] = {}
        # By purpose too, for calls whose answer is not a message (e.g. getChat): called
        # with Telegram's answer in the transaction that records the send.
        self.result_hooks: dict[str, ResultHook] = {}
        # Called (in a transaction) with a row Telegram refused because its forum
        # topic is gone; returns True when it queued a replacement.
        self.on_thread_lost: Callable[[OutboxMessage], Awaitable[bool]] | None = None
        self.blocked_hooks: list[BlockedHook] = []
        self.stats: Tally[str] = Tally()
        self._wake = asyncio.Event()
        self._stopping = False
        self._inflight: dict[int, asyncio.Task[None]] = {}  # chat id -> its send
        self._inflight_rows: set[int] = set()
        self._slots = asyncio.Semaphore(concurrency)
        self._last_reclaim = 0.0

    def wake(self) -> None:
        """New rows were committed: look now instead of at the next poll."""
        self._wake.set()

    async def run(self) -> None:
        await self.reclaim(everything=self.reclaim_all_on_start)
        keeper = asyncio.create_task(self._keep_leases(), name="outbox-leases")
        try:
            await self._loop()
        finally:
            keeper.cancel()
            await asyncio.gather(keeper, return_exceptions=True)

    async def _keep_leases(self) -> None:
        """Extends the leases of rows being sent (a long upload keeps its row), so a
        lease can be short: rows of an instance that died are sent by another soon."""
        while True:
            await asyncio.sleep(self.lease_seconds / 3)
            rows = list(self._inflight_rows)
            if not rows:
                continue
            try:
                await OutboxMessage.filter(id__in=rows, status=OutboxStatus.SENDING).update(
                    lease_until=now_utc() + timedelta(seconds=self.lease_seconds)
                )
            except Exception as exc:
                log.warning("outbox leases not extended: %r", exc)

    async def _loop(self) -> None:
        while not self._stopping:
            # Cleared before looking, not after: a wake-up that comes while the tick
            # looks (rows committed after its query) must start the next tick at once,
            # not wait out the poll interval.
            self._wake.clear()
            try:
                delay = await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                # The database may be restarting; the worker must outlive it.
                log.exception("outbox tick failed; retrying")
                delay = 2.0
            if self._stopping:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=max(delay, 0.01))

    async def stop(self, grace: float = 5.0) -> None:
        """Finishes in-flight sends (bounded), then returns; unsent rows stay queued."""
        self._stopping = True
        self._wake.set()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        # A tick that was claiming a row when stop() came may still start its send:
        # wait for those too, so nothing calls Telegram after this returns.
        while self._inflight:
            tasks = list(self._inflight.values())
            _, pending = await asyncio.wait(tasks, timeout=max(0.0, deadline - loop.time()))
            if pending and loop.time() >= deadline:
                for task in pending:
                    task.cancel()
                await asyncio.wait(pending, timeout=1.0)
                break

    async def reclaim(self, *, everything: bool = False) -> int:
        """Returns SENDING rows whose worker is gone to PENDING."""
        query = OutboxMessage.filter(status=OutboxStatus.SENDING)
        if not everything:
            query = query.filter(lease_until__lt=now_utc())
        if self._inflight_rows:
            query = query.exclude(id__in=list(self._inflight_rows))
        count = await query.update(status=OutboxStatus.PENDING, lease_until=None)
        if count:
            log.warning("took back %d outbox rows from a stopped worker", count)
        self._last_reclaim = time.monotonic()
        return count

    async def tick(self) -> float:
        """Starts every send that is due and allowed; returns how long to sleep."""
        if time.monotonic() - self._last_reclaim > min(self.lease_seconds / 2, RECLAIM_EVERY):
            await self.reclaim()
        heads = (
            await OutboxMessage.filter(status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING])
            .annotate(head=Min("id"))
            .group_by("chat_id")
            .order_by("head")
            .limit(self.batch)
            .values_list("head", flat=True)
        )
        if not heads:
            return self.poll_interval
        now = now_utc()
        rows = await OutboxMessage.filter(id__in=list(heads), status=OutboxStatus.PENDING).order_by(
            "id"
        )
        sleep = self.poll_interval
        for row in rows:
            if self._stopping:
                break
            if row.chat_id in self._inflight:
                continue
            if row.due_at > now:
                sleep = min(sleep, (row.due_at - now).total_seconds())
                continue
            wait = await self.limiter.wait_time(row.chat_id)
            if wait > 0:
                sleep = min(sleep, wait)
                continue
            # When the chat may send (the rows behind it need that anyway), so a waiting
            # edit is not compared on every tick; a skipped one takes none of the budget.
            if row.method in shown.EDITS and await self._skip_unchanged(row):
                continue
            if self._slots.locked():
                return 0.05  # a slot frees soon and wakes us
            await self._start(row)
        return sleep

    async def _start(self, row: OutboxMessage) -> None:
        count = len(row.payload.get("media", [])) or 1
        # The lease's exact end doubles as this claim's token.
        lease = now_utc() + timedelta(seconds=self.lease_seconds)
        try:
            # At the revision read: a payload changed since (outbox.rewrite) is read again.
            claimed = await OutboxMessage.filter(
                id=row.id, status=OutboxStatus.PENDING, revision=row.revision
            ).update(status=OutboxStatus.SENDING, attempts=row.attempts + 1, lease_until=lease)
        except Exception:
            # The claim may have been committed before the connection failed: give it
            # back now rather than hold the chat's queue until the lease ends.
            await self._record(row, lambda: self._unclaim(row, lease))
            raise
        if not claimed:
            return  # another worker took it, or its payload changed: next tick
        await self.limiter.take(row.chat_id, count)
        await self._slots.acquire()
        if self._stopping:
            # stop() came while this claimed the row: it goes back for the next start
            # (checked after the last await, so stop() sees every send that starts).
            self._slots.release()
            await self._record(row, lambda: self._unclaim(row, lease))
            return
        task = asyncio.create_task(self._deliver(row), name=f"outbox-{row.id}")
        self._inflight[row.chat_id] = task
        self._inflight_rows.add(row.id)

        def _done(_: asyncio.Task[None], chat_id: int = row.chat_id, row_id: int = row.id) -> None:
            self._inflight.pop(chat_id, None)
            self._inflight_rows.discard(row_id)
            self._slots.release()
            self._wake.set()

        task.add_done_callback(_done)

    async def _skip_unchanged(self, row: OutboxMessage) -> bool:
        """An edit that would leave the message as it is now is done without a call.
        The row heads its chat's queue, so nothing else changes the message meanwhile."""
        try:
            payload = await self._resolve_refs(row)
        except (_Postpone, _Pointless, ValueError):
            return False
        target = payload.get("message_id")
        if not isinstance(target, int) or not await shown.unchanged(
            row.chat_id, target, row.method, payload
        ):
            return False
        done = await OutboxMessage.filter(
            id=row.id, status=OutboxStatus.PENDING, revision=row.revision
        ).update(
            status=OutboxStatus.SENT,
            sent_at=now_utc(),
            telegram_message_id=target,
            result=[target],
            lease_until=None,
            last_error=None,
        )
        if done:
            self.stats["unchanged"] += 1
            log.debug("outbox row %s: %s would change nothing; not sent", row.id, row.method)
            self._wake.set()  # the chat's next row may go now
        return True

    async def _deliver(self, row: OutboxMessage) -> None:
        payload: dict[str, Any] | None = None
        try:
            payload = await self._resolve_refs(row)
            call = _method_call(row.method, payload)
            result = await self.bot(call)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            error, resolved = exc, payload
            await self._record(row, lambda: self._refused(row, error, resolved))
        else:
            ids = _message_ids(result)
            await self._record(row, lambda: self._sent(row, ids, result, payload))

    async def _record(self, row: OutboxMessage, outcome: Callable[[], Awaitable[None]]) -> None:
        """Writes down how a send ended. The database may be away for a moment (a
        restart): giving up would leave the row SENDING until its lease ends - and a
        send Telegram accepted would then go out twice - so this keeps trying."""
        for attempt in range(60):
            try:
                # A connection that hangs instead of failing must not hold the row.
                await asyncio.wait_for(outcome(), RECORD_TIMEOUT)
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("outbox row %s: outcome not recorded yet: %r", row.id, exc)
                await asyncio.sleep(min(5.0, 0.5 * (attempt + 1)))
        log.error("outbox row %s: recording its outcome failed for good", row.id)

    async def _refused(
        self, row: OutboxMessage, error: Exception, payload: dict[str, Any] | None = None
    ) -> None:
        """The send did not happen (or did not complete): what becomes of the row
        (`payload`: the row's, references resolved, when it got that far)."""
        if isinstance(error, _Postpone):
            await self._requeue(row, error.seconds)
        elif isinstance(error, _Pointless):
            log.info("outbox row %s (%s): not made: %s", row.id, row.method, error)
            await OutboxMessage.filter(id=row.id, status=OutboxStatus.SENDING).delete()
        elif isinstance(error, TelegramRetryAfter):
            self.stats["retry_after"] += 1
            log.warning("429 for chat %s: retry after %ss", row.chat_id, error.retry_after)
            await self.limiter.punish(row.chat_id, error.retry_after)
            await self._requeue(row, error.retry_after)
        elif isinstance(error, TelegramForbiddenError):
            await self._forbidden(row, error)
        elif isinstance(error, TelegramBadRequest):
            await self._bad_request(row, error, payload)
        elif isinstance(error, TelegramUnauthorizedError):
            log.error("Telegram refused the bot token (%s); outbox row %s waits", error, row.id)
            await self._requeue(row, 60.0)
        elif isinstance(error, (TelegramServerError, TelegramNetworkError, TimeoutError, OSError)):
            self.stats["transient"] += 1
            await self._transient(row, error)
        elif isinstance(error, (TelegramAPIError, ValidationError, ValueError)):
            await self._fail(row, f"{type(error).__name__}: {error}")
        else:
            log.error("outbox row %s: unexpected error", row.id, exc_info=error)
            await self._transient(row, error)

    async def _unclaim(self, row: OutboxMessage, lease: Any) -> None:
        await OutboxMessage.filter(
            id=row.id, status=OutboxStatus.SENDING, lease_until=lease
        ).update(status=OutboxStatus.PENDING, attempts=row.attempts, lease_until=None)

    async def _resolve_refs(self, row: OutboxMessage) -> dict[str, Any]:
        payload = dict(row.payload)
        if row.ref_id is None and row.ref_param == "message_thread_id":
            # The topic it waited for left the outbox unmade (queued on the chance of a
            # forum, dropped when the chat is not one: the reference was set null). A
            # send goes to the main chat; a call on the topic itself has nothing to do.
            if row.method in _TOPIC_CALLS:
                raise _Pointless("its forum topic was never created")
            return payload
        if row.ref_id is None or not row.ref_param:
            return payload
        ref = await OutboxMessage.get_or_none(id=row.ref_id)
        if ref is not None and ref.status == OutboxStatus.SENT and ref.telegram_message_id:
            _set_path(payload, row.ref_param, ref.telegram_message_id)
            return payload
        if ref is not None and ref.status in (OutboxStatus.PENDING, OutboxStatus.SENDING):
            raise _Postpone(1.0)
        if row.ref_param.startswith("reply_parameters"):
            return payload  # the message replied to never went out: send without the reply
        raise ValueError(f"outbox row {row.ref_id} it refers to was never sent")

    async def _sent(
        self,
        row: OutboxMessage,
        ids: list[int],
        result: Any = None,
        payload: dict[str, Any] | None = None,
    ) -> None:
        async with in_transaction():
            if row.purpose in (CARD_POST, TOPIC_POST) and row.ticket_id and ids:
                # The ticket first, as every service locks it (then its outbox rows):
                # locking the row first deadlocked against a close fetching the topic.
                await Ticket.filter(id=row.ticket_id).select_for_update().values_list("id")
            await _remember_file_id(row, result)
            recorded = await OutboxMessage.filter(id=row.id).update(
                status=OutboxStatus.SENT,
                sent_at=now_utc(),
                telegram_message_id=ids[0] if ids else None,
                result=ids,
                lease_until=None,
                last_error=None,
            )
            if not recorded:
                # The row was deleted while in flight (a customer's erasure): nothing of
                # it, not even where it landed, is remembered.
                return
            if payload is not None:
                await shown.remember(row.chat_id, row.method, payload, ids)
            creates = row.method.startswith(_CREATING_PREFIXES)
            if creates and row.message_id and row.ticket_id and row.side:
                for message_id in ids:
                    await MessageLink.get_or_create(
                        chat_id=row.chat_id,
                        telegram_message_id=message_id,
                        defaults={
                            "message_id": row.message_id,
                            "ticket_id": row.ticket_id,
                            "side": row.side,
                        },
                    )
            if row.purpose == CARD_POST and row.ticket_id and ids:
                await Ticket.filter(id=row.ticket_id).update(staff_message_id=ids[0])
            elif row.purpose == TOPIC_POST and row.ticket_id and ids:
                await Ticket.filter(id=row.ticket_id).update(staff_topic_id=ids[0])
            hook = self.sent_hooks.get(row.purpose or "")
            if hook is not None:
                await hook(row, ids)
            answered = self.result_hooks.get(row.purpose or "")
            if answered is not None and result is not None:
                await answered(row, result)
        self.stats["sent"] += 1

    async def _requeue(
        self,
        row: OutboxMessage,
        seconds: float,
        *,
        attempts: int | None = None,
        error: str | None = None,
    ) -> None:
        """Back to PENDING after `seconds`; by default the claim's attempt is not counted
        (`row.attempts` is the value read before the claim)."""
        fields: dict[str, Any] = {
            "status": OutboxStatus.PENDING,
            "due_at": now_utc() + timedelta(seconds=seconds),
            "attempts": row.attempts if attempts is None else attempts,
            "lease_until": None,
        }
        if error is not None:
            fields["last_error"] = error[:1000]
        await OutboxMessage.filter(id=row.id, status=OutboxStatus.SENDING).update(**fields)

    async def _transient(self, row: OutboxMessage, exc: BaseException) -> None:
        attempts = row.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            await self._fail(row, f"gave up after {attempts} attempts: {exc}")
            return
        delay = self.backoff(attempts)
        log.warning("outbox row %s: %s; retry in %.1fs", row.id, exc, delay)
        await self._requeue(row, delay, attempts=attempts, error=str(exc))

    async def _forbidden(self, row: OutboxMessage, exc: TelegramForbiddenError) -> None:
        if not is_private(row.chat_id):
            await self._fail(row, f"forbidden in group: {exc.message}")
            return
        self.stats["blocked"] += 1
        log.info("customer %s blocked the bot; holding their messages", row.chat_id)
        for hook in self.blocked_hooks:
            await hook(row.chat_id)  # tells the staff the first time
        await hold_blocked(row.chat_id, exc.message)

    async def _bad_request(
        self, row: OutboxMessage, exc: TelegramBadRequest, payload: dict[str, Any] | None
    ) -> None:
        if "message is not modified" in exc.message:
            # The edit asks for what is already shown (our record of it was not current,
            # e.g. Telegram applied it just before a restart): done, and now recorded.
            await self._sent(row, [], payload=payload)
            return
        if "thread not found" in exc.message and self.on_thread_lost is not None:
            # A ticket's forum topic was deleted: the hook opens a new one and queues
            # the message again there; this row is done.
            async with in_transaction():
                replaced = await self.on_thread_lost(row)
                if replaced:
                    await OutboxMessage.filter(id=row.id).update(
                        status=OutboxStatus.FAILED,
                        lease_until=None,
                        last_error=f"{exc.message}; sent again in a new topic",
                    )
                    return
        await self._fail(row, exc.message)

    async def _fail(self, row: OutboxMessage, error: str) -> None:
        self.stats["failed"] += 1
        log.error("outbox row %s (%s to %s) failed: %s", row.id, row.method, row.chat_id, error)
        await OutboxMessage.filter(id=row.id).update(
            status=OutboxStatus.FAILED, lease_until=None, last_error=error[:1000]
        )


async def _remember_file_id(row: OutboxMessage, result: Any) -> None:
    """An uploaded attachment is re-sent later by file_id, not uploaded again."""
    purpose = row.purpose or ""
    if not purpose.startswith(UPLOAD_PURPOSE) or not isinstance(result, TgMessage):
        return
    media = result.document or (result.photo[-1] if result.photo else None)
    if media is not None:
        await Attachment.filter(id=int(purpose.removeprefix(UPLOAD_PURPOSE))).update(
            file_id=media.file_id, file_unique_id=media.file_unique_id
        )


async def hold_blocked(chat_id: int, reason: str = "the customer blocked the bot") -> int:
    """The customer blocked the bot: what is queued for them waits until they unblock."""
    async with in_transaction():
        await Customer.filter(telegram_id=chat_id).update(blocked_bot=True)
        return await OutboxMessage.filter(
            chat_id=chat_id,
            status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING],
        ).update(status=OutboxStatus.BLOCKED, lease_until=None, last_error=reason)


async def release_blocked(chat_id: int) -> int:
    """The customer unblocked the bot: what was held for them goes out again."""
    async with in_transaction():
        await Customer.filter(telegram_id=chat_id).update(blocked_bot=False)
        return await OutboxMessage.filter(chat_id=chat_id, status=OutboxStatus.BLOCKED).update(
            status=OutboxStatus.PENDING, due_at=now_utc()
        )
