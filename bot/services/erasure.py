"""Erasing a customer (GDPR art. 17, "right to erasure"), for the admin API and the CLI.

What goes, and how:

- the customer row stays (their tickets point at it, the statistics count it) but
  loses everything personal: names, username, language, ban reason, support end
  date, last-seen time; its unique Telegram id becomes -(2**52 + id)
  (bot.delivery.limits.erased_chat_id): no Telegram chat id can ever be there (they
  have at most 52 significant bits), so it collides with nobody, nothing the outbox is
  given for it is ever sent, and the same Telegram user writing again is a new
  customer, not this one; `erased_at` marks it;
- every message of their tickets loses its text - the customer's own, and also the
  agents' answers, internal notes and system messages, which may quote them; the
  rows stay (kind, author, time, the answers' ratings: the statistics count them);
  the search indexes follow the texts and subjects (on SQLite the triggers of
  migration 10 take their words out of the FTS5 indexes in the same transaction);
- their tickets' files are deleted from disk and their attachment rows (file names,
  Telegram file ids, sha256) deleted;
- their tickets keep number, department, category, priority, status, source, times,
  SLA due times and state, CSAT score; the subject and CSAT comment are cleared;
- the tickets' history keeps every event, but customer-made ones lose the actor's
  name and every event's data keeps only numbers, flags and the system's own
  vocabulary (source, reason, deadline...): free text such as a CSAT comment goes;
- the Telegram message-id mappings of their tickets are deleted;
- outbox rows addressed to them or about their tickets (sent, failed or pending: a
  pending one is never sent) are deleted, and so are staff-chat notices not tied to a
  ticket that quote one of their tickets (a /queue list: number and subject);
- their FSM state and data (a half-filled wizard, a message waiting for a ticket),
  in the database or in Redis, are deleted with the files they hold, and so are the
  FSM journals of processed updates that carry them and Redis counters named after
  their Telegram id (flood control, rate limits).

Tickets still open are refused (OpenTickets) unless `force`: then each is closed
first, as an agent would, with its event. Each ticket then gets an `erased` event
naming who erased (no personal data in it), and its staff card is edited to show the
ticket without the customer (a forum topic is renamed to the bare number). Copies
already delivered into Telegram (the customer's own chat, older messages of the
staff chat) are outside the desk's database and are not touched.

All of it happens in one transaction; the files are deleted after it committed.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tortoise.expressions import Q

from bot.delivery import outbox
from bot.delivery.limits import erased_chat_id
from bot.delivery.outbox import transaction
from bot.redis_errors import redis_error
from bot.services import lifecycle, tickets
from bot.services.directory import get_or_404
from bot.services.errors import Conflict, DomainError, Invalid, NotFound
from bot.services.staff_thread import ticket_topic_name
from bot.ui.html import escape
from models import (
    Attachment,
    Customer,
    FsmRecord,
    Message,
    MessageLink,
    OutboxMessage,
    ProcessedUpdate,
    ShownMessage,
    Ticket,
    TicketEvent,
)
from models.enums import ActorType

log = logging.getLogger(__name__)

# Event data strings that are the system's own words, never what a person typed.
_SYSTEM_WORDS = frozenset({"source", "alert_kind", "reason", "deadline", "due"})
# FSM keys (aiogram's DefaultKeyBuilder): fsm:<bot>:<chat>[:<thread>]:<user>:<destiny>[:part]
_FSM_PREFIX = "fsm:"
_OUR_PREFIX = "hd:"  # bot.storage.FSM_SEQUENCE, flood control, rate limits
_BATCH = 500


class OpenTickets(Conflict):
    code = "open_tickets"


class AlreadyErased(Conflict):
    code = "already_erased"


class FsmStorageUnavailable(DomainError):
    code = "fsm_storage_unavailable"
    status = 503


@dataclass(frozen=True, slots=True)
class Erasure:
    """What an erasure did."""

    customer_id: int
    tickets_anonymised: int
    tickets_closed: int
    messages_wiped: int
    attachments_removed: int
    files_deleted: int
    # Relative to the attachments directory (generated names, nothing personal): files
    # that could not be deleted, for an operator to remove.
    files_not_deleted: list[str] = field(default_factory=list)
    drafts_removed: int = 0
    outbox_rows_removed: int = 0


async def find_customer(customer_id: int | None = None, telegram_id: int | None = None) -> Customer:
    """By id, by Telegram id, or by both (which must then be the same customer)."""
    if customer_id is None and telegram_id is None:
        raise Invalid("name the customer by id or by Telegram id")
    if customer_id is not None:
        customer = await get_or_404(Customer, customer_id, "customer")
        if telegram_id is not None and customer.telegram_id != telegram_id:
            raise Conflict(
                f"customer {customer_id} does not have the Telegram id {telegram_id}; "
                "nothing was erased"
            )
        return customer
    customer = await Customer.get_or_none(telegram_id=telegram_id)
    if customer is None:
        raise NotFound(f"no customer has the Telegram id {telegram_id}")
    return customer


async def erase_customer(
    customer_id: int,
    actor: tickets.Actor,
    *,
    attachments_dir: Path,
    force: bool = False,
    redis_url: str | None = None,
) -> Erasure:
    customer = await get_or_404(Customer, customer_id, "customer")
    if customer.erased_at is not None:
        raise AlreadyErased(f"customer {customer_id} was erased already")
    telegram_id = customer.telegram_id
    redis = _open_redis(redis_url)
    try:
        redis_keys, redis_files = await _redis_drafts(redis, telegram_id)
        async with transaction():
            erasure, files = await _erase(customer_id, telegram_id, actor, force=force)
            if redis_keys:
                try:
                    await redis.delete(*redis_keys)
                except redis_error() as exc:
                    raise _unavailable(exc) from None
    finally:
        if redis is not None:
            await redis.aclose()
    files = sorted(set(files + redis_files))
    not_deleted = await asyncio.to_thread(_delete_files, attachments_dir, files)
    result = replace(
        erasure,
        files_deleted=len(files) - len(not_deleted),
        files_not_deleted=not_deleted,
        drafts_removed=erasure.drafts_removed + len(_fsm_records(redis_keys)),
    )
    log.info(
        "customer %s erased by %s %r: %d tickets anonymised (%d closed), %d messages wiped, "
        "%d files deleted%s",
        customer_id,
        actor.type.value,
        actor.name,
        result.tickets_anonymised,
        result.tickets_closed,
        result.messages_wiped,
        result.files_deleted,
        f", {len(not_deleted)} could not be deleted" if not_deleted else "",
    )
    return result


async def _erase(
    customer_id: int, telegram_id: int, actor: tickets.Actor, *, force: bool
) -> tuple[Erasure, list[str]]:
    """Everything in the database; returns what it did and the files to delete."""
    customer = await Customer.filter(id=customer_id).select_for_update().first()
    if customer is None:
        raise NotFound(f"customer {customer_id} does not exist")
    if customer.erased_at is not None:
        raise AlreadyErased(f"customer {customer_id} was erased already")
    if customer.telegram_id != telegram_id:
        raise Conflict("the customer's Telegram id changed meanwhile; nothing was erased")
    theirs = await Ticket.filter(customer_id=customer_id).select_related("status").order_by("id")
    still_open = [t for t in theirs if lifecycle.is_open(t.status)]
    if still_open and not force:
        numbers = [t.number for t in still_open]
        listed = ", ".join(f"#{n}" for n in numbers)
        what = "an open ticket" if len(numbers) == 1 else f"{len(numbers)} open tickets"
        raise OpenTickets(
            f"the customer has {what} ({listed}); close "
            f"{'it' if len(numbers) == 1 else 'them'} first or erase with force",
            {"tickets": numbers},
        )
    if still_open:
        # Every ticket locked before the first close writes its statistics' roll-ups:
        # those rows are written last in any transaction, never before a ticket's lock.
        await Ticket.filter(id__in=[t.id for t in theirs]).order_by("id").select_for_update()
    for ticket in still_open:
        await tickets.close(ticket.id, actor)
    ids = [t.id for t in theirs]

    attachments = await Attachment.filter(message__ticket_id__in=ids).values_list(
        "id", "stored_path"
    )
    files = [path for _, path in attachments if path]
    await Attachment.filter(id__in=[a for a, _ in attachments]).delete()
    # Counted apart: on SQLite tortoise reports the changes the search index's triggers
    # make too (migration 10) as rows updated.
    messages = await Message.filter(ticket_id__in=ids).count()
    await Message.filter(ticket_id__in=ids).update(text="")
    # What their chat and the copies of their tickets' messages show (digests of the
    # texts) goes with the links that say where those copies are.
    copies = await MessageLink.filter(ticket_id__in=ids).values_list(
        "chat_id", "telegram_message_id"
    )
    await ShownMessage.filter(chat_id=telegram_id).delete()
    for chat_id, message_id in copies:
        await ShownMessage.filter(chat_id=chat_id, message_id=message_id).delete()
    await MessageLink.filter(ticket_id__in=ids).delete()
    await _scrub_events(ids)
    removed = await OutboxMessage.filter(Q(chat_id=telegram_id) | Q(ticket_id__in=ids)).delete()
    removed += await _delete_notices_quoting(theirs)
    records, draft_files = await _delete_fsm_records(telegram_id)
    draft_files += await _forget_journals(telegram_id)
    await Ticket.filter(id__in=ids).update(subject="", csat_comment=None)
    await Customer.filter(id=customer_id).update(
        telegram_id=erased_chat_id(customer_id),
        first_name="",
        last_name="",
        username=None,
        language=None,
        active=False,
        support_until=None,
        ban_reason="",
        blocked_bot=False,
        last_seen_at=None,
        erased_at=tickets.now(),
    )
    for ticket in await Ticket.filter(id__in=ids).order_by("id"):
        await TicketEvent.create(
            ticket_id=ticket.id,
            kind="erased",
            actor_type=actor.type,
            actor_id=actor.id,
            actor_name=actor.name[:128],
            data={"customer_id": customer_id, "forced": force},
        )
        await _tell_staff(ticket)
    erasure = Erasure(
        customer_id=customer_id,
        tickets_anonymised=len(ids),
        tickets_closed=len(still_open),
        messages_wiped=messages,
        attachments_removed=len(attachments),
        files_deleted=0,
        drafts_removed=records,
        outbox_rows_removed=removed,
    )
    return erasure, files + draft_files


async def _scrub_events(ticket_ids: list[int]) -> None:
    events = await TicketEvent.filter(ticket_id__in=ticket_ids)
    for event in events:
        data = _system_data(event.data)
        name = "" if event.actor_type == ActorType.CUSTOMER else event.actor_name
        if data != event.data or name != event.actor_name:
            await TicketEvent.filter(id=event.id).update(data=data, actor_name=name)


def _system_data(data: Any) -> dict[str, Any]:
    """An event's data without anything a person may have typed."""
    if not isinstance(data, dict):
        return {}
    return {
        key: value
        for key, value in data.items()
        if value is None
        or isinstance(value, bool | int | float)
        or (isinstance(value, str) and key in _SYSTEM_WORDS)
    }


async def _delete_notices_quoting(theirs: list[Ticket]) -> int:
    """Staff-chat rows tied to no ticket (a /queue list) that quote one of the tickets:
    its number and its subject (as lists show it: escaped, maybe cut) together."""
    quoted = [(f"#{t.number}", escape(t.subject[:40])) for t in theirs if t.subject]
    if not quoted:
        return 0
    doomed: list[int] = []
    last = 0
    while True:
        rows = (
            await OutboxMessage.filter(ticket_id=None, chat_id__lt=0, id__gt=last)
            .order_by("id")
            .limit(_BATCH)
            .values("id", "payload")
        )
        if not rows:
            break
        for row in rows:
            payload = row["payload"] if isinstance(row["payload"], dict) else {}
            text = f"{payload.get('text', '')}\n{payload.get('caption', '')}"
            if any(number in text and subject in text for number, subject in quoted):
                doomed.append(row["id"])
        last = rows[-1]["id"]
    if doomed:
        await OutboxMessage.filter(id__in=doomed).delete()
    return len(doomed)


def _concerns(key: str, telegram_id: int) -> bool:
    """Whether a key of ours (FSM state and data, the FSM sequence counters, flood and
    rate-limit counters: bot.storage, bot.middlewares, bot.delivery.limits) is of the
    customer's chat or of them as a user. Locks are left to expire: an update may be
    holding one."""
    if not key.startswith((_FSM_PREFIX, _OUR_PREFIX)) or key.endswith(":lock"):
        return False
    # fsm:<bot id>:... - the bot's own id is never the customer's.
    return str(telegram_id) in key.split(":")[2 if key.startswith(_FSM_PREFIX) else 1 :]


def _fsm_records(keys: list[str]) -> set[str]:
    """The FSM records among Redis keys (a record's :state and :data keys are one)."""
    return {
        key.rsplit(":", 1)[0]
        for key in keys
        if key.startswith(_FSM_PREFIX) and key.endswith((":state", ":data"))
    }


def stored_files_in(value: Any) -> list[str]:
    """The stored files (bot.services.attachments.StoredFile.as_json) in FSM data."""
    found: list[str] = []
    if isinstance(value, dict):
        path = value.get("path")
        if isinstance(path, str) and {"file_name", "sha256"} <= value.keys():
            found.append(path)
        for item in value.values():
            found += stored_files_in(item)
    elif isinstance(value, list):
        for item in value:
            found += stored_files_in(item)
    return found


async def _delete_fsm_records(telegram_id: int) -> tuple[int, list[str]]:
    candidates = await FsmRecord.filter(
        Q(key__contains=f":{telegram_id}:") | Q(key__endswith=f":{telegram_id}")
    )
    theirs = [r for r in candidates if _concerns(r.key, telegram_id)]
    files = [path for record in theirs for path in stored_files_in(record.data)]
    await FsmRecord.filter(key__in=[r.key for r in theirs]).delete()
    return len(theirs), files


def _journal_concerns(journal: Any, telegram_id: int) -> bool:
    writes = journal.get("writes") if isinstance(journal, dict) else None
    for write in writes if isinstance(writes, list) else []:
        key = write[0] if isinstance(write, list) and write else None
        if isinstance(key, dict) and telegram_id in (key.get("chat_id"), key.get("user_id")):
            return True
    return False


async def _forget_journals(telegram_id: int) -> list[str]:
    """Processed updates keep the FSM writes they made in Redis (bot.storage.FsmWrites):
    those of the customer are dropped (the update id stays, so it is still not handled
    twice). Returns the stored files the journals mention."""
    files: list[str] = []
    last: int | None = None
    while True:
        query = ProcessedUpdate.filter(fsm__isnull=False).order_by("update_id").limit(_BATCH)
        if last is not None:
            query = query.filter(update_id__gt=last)
        rows = await query.values("update_id", "fsm")
        if not rows:
            return files
        hits = [row for row in rows if _journal_concerns(_json(row["fsm"]), telegram_id)]
        for row in hits:
            files += stored_files_in(_json(row["fsm"]))
        if hits:
            await ProcessedUpdate.filter(update_id__in=[r["update_id"] for r in hits]).update(
                fsm=None
            )
        last = rows[-1]["update_id"]


def _json(value: Any) -> Any:
    if isinstance(value, str | bytes):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _open_redis(redis_url: str | None) -> Any:
    if not redis_url:
        return None
    from redis.asyncio import Redis

    return Redis.from_url(redis_url, socket_timeout=3.0, socket_connect_timeout=3.0)


def _unavailable(exc: Exception) -> FsmStorageUnavailable:
    return FsmStorageUnavailable(
        f"the FSM storage (Redis) is unavailable ({type(exc).__name__}); "
        "nothing was erased, try again"
    )


async def _redis_drafts(redis: Any, telegram_id: int) -> tuple[list[str], list[str]]:
    """The customer's FSM keys in Redis and the stored files their data holds."""
    if redis is None:
        return [], []
    try:
        keys: list[str] = []
        async for raw in redis.scan_iter(match=f"*:{telegram_id}:*", count=1000):
            key = raw.decode() if isinstance(raw, bytes) else raw
            if _concerns(key, telegram_id):
                keys.append(key)
        data_keys = [k for k in keys if k.startswith(_FSM_PREFIX) and k.endswith(":data")]
        values = await redis.mget(data_keys) if data_keys else []
    except redis_error() as exc:
        raise _unavailable(exc) from None
    files = [path for value in values if value for path in stored_files_in(_json(value))]
    return keys, files


def _delete_files(root: Path, relative: list[str]) -> list[str]:
    """Deletes stored files (only under `root`); returns those that could not be."""
    base = root.resolve()
    failed = []
    for name in sorted(set(relative)):
        target = (base / name).resolve()
        if not target.is_relative_to(base):
            log.warning("erasure: refused to delete %s, outside the attachments directory", name)
            failed.append(name)
            continue
        try:
            target.unlink(missing_ok=True)
        except OSError as exc:
            log.error("erasure: stored file %s could not be deleted: %s", name, exc)
            failed.append(name)
    return failed


async def _tell_staff(ticket: Ticket) -> None:
    """The staff card shows the ticket without the customer; a forum topic loses the
    subject from its name."""
    if ticket.staff_chat_id is None:
        return
    await tickets.refresh_card(ticket)
    if ticket.staff_topic_id is not None:
        await ticket.fetch_related("status")
        await outbox.enqueue(
            "editForumTopic",
            ticket.staff_chat_id,
            # (the subject is gone by now: the number, and ✅ if it is solved)
            {"message_thread_id": ticket.staff_topic_id, "name": ticket_topic_name(ticket)},
            ticket_id=ticket.id,
        )
