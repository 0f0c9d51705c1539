"""Writing to the outbox: every Bot API send starts as a row here.

Call these inside the transaction of the change that causes the message, so the
change and its messages are committed together or not at all. The sender worker
delivers the rows afterwards.

Inside an update (`batched`) rows are held in memory and written together: one
INSERT for all the rows an update queues (`flush`, called before the update commits
and before anything reads the outbox). Outside one (the API, timers, the sender) each
row is written at once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from bot.delivery.limits import is_erased_chat, is_private
from bot.services.scope import MISSING, customer_key, recall
from bot.ui.html import CAPTION_LIMIT, MESSAGE_LIMIT, split_html, visible_length
from models import Customer, OutboxMessage
from models.enums import OutboxStatus, Side

MEDIA_METHODS = {
    "photo": "sendPhoto",
    "document": "sendDocument",
    "video": "sendVideo",
    "voice": "sendVoice",
    "audio": "sendAudio",
    "animation": "sendAnimation",
}

Target = OutboxMessage | int | None


def now_utc() -> datetime:
    return datetime.now(UTC)


class _Batch:
    """The rows an update queued and has not written yet, in the order queued; `waits`:
    a row's reference to another row still held here (its id is not known yet)."""

    __slots__ = ("rows", "waits")

    def __init__(self) -> None:
        self.rows: list[OutboxMessage] = []
        self.waits: dict[int, OutboxMessage] = {}


_batch: ContextVar[_Batch | None] = ContextVar("outbox_batch", default=None)


@contextmanager
def batched() -> Iterator[None]:
    """Holds the rows queued inside (one update's) until `flush`; rows not flushed when
    it ends are dropped (the update failed: its transaction is rolled back anyway)."""
    token = _batch.set(_Batch())
    try:
        yield
    finally:
        _batch.reset(token)


def _held(row: OutboxMessage) -> bool:
    batch = _batch.get()
    return row.id is None and batch is not None and any(row is held for held in batch.rows)


async def flush() -> None:
    """Writes the rows held so far: one INSERT, or one more for each row that refers to
    a row of the same flush (it needs that row's id)."""
    batch = _batch.get()
    if batch is None or not batch.rows:
        return
    rows, batch.rows = batch.rows, []
    wave: list[OutboxMessage] = []
    for row in rows:
        ref = batch.waits.pop(id(row), None)
        if ref is not None:
            if ref.id is None and any(ref is earlier for earlier in wave):
                await _insert(wave)
                wave = []
            if ref.id is not None:  # (else it was dropped with a rolled-back savepoint)
                row.ref = ref
        wave.append(row)
    await _insert(wave)


async def latest(*, lock: bool = False, failed: bool = False, **where: Any) -> OutboxMessage | None:
    """The newest outbox row matching `where` (fields equal to a value, or `field__in`
    one of several), failed ones left out unless `failed`. A row the update holds is
    newer than any written: when one matches it is the answer, and when none does the
    table has it - either way nothing needs writing first. `lock`: FOR UPDATE."""

    def matches(row: OutboxMessage) -> bool:
        for key, wanted in where.items():
            name, _, op = key.partition("__")
            value = getattr(row, name)
            if value not in wanted if op == "in" else value != wanted:
                return False
        return failed or row.status != OutboxStatus.FAILED

    batch = _batch.get()
    for row in reversed(batch.rows if batch is not None else []):
        if matches(row):
            return row
    query = OutboxMessage.filter(**where).order_by("-id")
    if not failed:
        query = query.exclude(status=OutboxStatus.FAILED)
    return await (query.select_for_update() if lock else query).first()


async def saved(row: OutboxMessage) -> int:
    """The id of `row`, written first if it is still held."""
    if row.id is None:
        await flush()
    return row.id


_INSERT = 'INSERT INTO "outbox" ({}) VALUES {} RETURNING "id"'


def _columns() -> list[str]:
    """The fields an INSERT writes (known once the ORM is initialised: the foreign
    keys' columns are added then)."""
    meta = OutboxMessage._meta
    return [name for name in meta.fields_db_projection if not meta.fields_map[name].generated]


async def _insert(rows: list[OutboxMessage]) -> None:
    if not rows:
        return
    meta = OutboxMessage._meta
    db = meta.db
    numbered = db.capabilities.dialect != "sqlite"
    names = _columns()
    params: list[Any] = []
    groups = []
    for row in rows:
        marks = []
        for name in names:
            params.append(meta.fields_map[name].to_db_value(getattr(row, name), row))
            marks.append(f"${len(params)}" if numbered else "?")
        groups.append(f"({', '.join(marks)})")
    columns = ", ".join(f'"{meta.fields_db_projection[name]}"' for name in names)
    result = await db.execute_query_dict(_INSERT.format(columns, ", ".join(groups)), params)
    # Both databases number the rows of one INSERT in the order of its VALUES.
    for row, new_id in zip(rows, sorted(r["id"] for r in result), strict=True):
        row.id = new_id
        row._saved_in_db = True


@asynccontextmanager
async def transaction() -> AsyncIterator[Any]:
    """`in_transaction()` that keeps the rows an update holds right: those queued
    before a savepoint are written before it, those queued inside a savepoint that is
    rolled back are dropped with it (everything held then was queued inside it: entry
    writes what came before). Every transaction an update may open is this."""
    await flush()
    async with in_transaction() as connection:
        try:
            yield connection
        except BaseException:
            batch = _batch.get()
            if batch is not None:
                batch.rows.clear()
                batch.waits.clear()
            raise


async def _blocked(chat_id: int) -> bool:
    known = recall(customer_key(chat_id))  # the update's customer, read already
    if known is not MISSING:
        return known is not None and known.blocked_bot
    return await Customer.filter(telegram_id=chat_id, blocked_bot=True).exists()


async def enqueue(
    method: str,
    chat_id: int,
    payload: dict[str, Any],
    *,
    ticket_id: int | None = None,
    message_id: int | None = None,
    side: Side | None = None,
    ref: OutboxMessage | None = None,
    ref_param: str | None = None,
    purpose: str | None = None,
    dedupe_key: str | None = None,
    key_unused: bool = False,
    delay: float = 0.0,
) -> OutboxMessage:
    """Adds one Bot API call to the outbox; with `dedupe_key`, at most one ever (the
    row holding it is returned; `key_unused`: the caller saw none in its transaction)."""
    batch = _batch.get()
    if dedupe_key is not None and not key_unused:
        held = [row for row in batch.rows if row.dedupe_key == dedupe_key] if batch else []
        if held:
            return held[0]
        existing = await OutboxMessage.get_or_none(dedupe_key=dedupe_key)
        if existing is not None:
            return existing
    status, error = OutboxStatus.PENDING, None
    if is_erased_chat(chat_id):
        # An erased customer's: nobody's chat. Kept for the record, never sent.
        status, error = OutboxStatus.FAILED, "the customer was erased"
    # A customer who blocked the bot gets nothing until they unblock (then it resumes).
    elif is_private(chat_id) and await _blocked(chat_id):
        status = OutboxStatus.BLOCKED
    fields: dict[str, Any] = dict(
        chat_id=chat_id,
        method=method,
        payload={"chat_id": chat_id, **payload},
        status=status,
        due_at=now_utc() + timedelta(seconds=delay),
        ticket_id=ticket_id,
        message_id=message_id,
        side=side,
        ref_param=ref_param,
        purpose=purpose,
        dedupe_key=dedupe_key,
        last_error=error,
    )
    if batch is None:
        return await OutboxMessage.create(ref=ref, **fields)
    row = OutboxMessage(**fields)
    if ref is not None and ref.id is None:
        batch.waits[id(row)] = ref
    else:
        row.ref = ref
    batch.rows.append(row)
    return row


def _reply_fields(reply_to: Target) -> tuple[dict[str, Any], OutboxMessage | None, str | None]:
    """A reply target given as an outbox row is resolved when that row has been sent."""
    if reply_to is None:
        return {}, None, None
    if isinstance(reply_to, OutboxMessage):
        if reply_to.telegram_message_id is None:
            return {}, reply_to, "reply_parameters.message_id"
        reply_to = reply_to.telegram_message_id
    # Telegram rejects a reply to a deleted message unless told to send it anyway.
    return (
        {"reply_parameters": {"message_id": reply_to, "allow_sending_without_reply": True}},
        None,
        None,
    )


def _placed(
    payload: dict[str, Any], reply_to: Target, thread: Target
) -> tuple[OutboxMessage | None, str | None]:
    """Puts the reply and the forum topic of a send into `payload`; returns what the
    row waits for. A topic still being created is filled in when it exists - unless
    the row already waits for the message it replies to (a row has one reference; the
    reply lands in that message's topic, and the topic's creation fills it in)."""
    reply_fields, ref, ref_param = _reply_fields(reply_to)
    payload.update(reply_fields)
    if isinstance(thread, OutboxMessage):
        if thread.telegram_message_id is not None:
            payload["message_thread_id"] = thread.telegram_message_id
        elif ref is None:
            return thread, "message_thread_id"
    elif thread is not None:
        payload["message_thread_id"] = thread
    return ref, ref_param


async def send_text(
    chat_id: int,
    text: str,
    *,
    reply_markup: dict[str, Any] | None = None,
    reply_to: Target = None,
    message_thread_id: Target = None,
    **meta: Any,
) -> list[OutboxMessage]:
    """Sends HTML text, split into several messages when over 4096 visible characters.

    The keyboard goes with the last part (where the reader ends up), the reply
    reference with the first.
    """
    parts = split_html(text, MESSAGE_LIMIT)
    if not parts:
        raise ValueError("refusing to send an empty message")
    rows = []
    for index, part in enumerate(parts):
        payload: dict[str, Any] = {
            "text": part,
            "parse_mode": "HTML",
            "link_preview_options": {"is_disabled": True},
        }
        ref, ref_param = _placed(payload, reply_to if index == 0 else None, message_thread_id)
        if reply_markup is not None and index == len(parts) - 1:
            payload["reply_markup"] = reply_markup
        rows.append(
            await enqueue("sendMessage", chat_id, payload, ref=ref, ref_param=ref_param, **meta)
        )
    return rows


async def send_media(
    chat_id: int,
    kind: str,
    file_id: str,
    *,
    caption: str = "",
    reply_markup: dict[str, Any] | None = None,
    reply_to: Target = None,
    message_thread_id: Target = None,
    **meta: Any,
) -> list[OutboxMessage]:
    """Sends a file by its Telegram file_id; a caption over 1024 continues as text."""
    method = MEDIA_METHODS.get(kind, "sendDocument")
    field = kind if kind in MEDIA_METHODS else "document"
    head, rest = caption, ""
    if visible_length(caption) > CAPTION_LIMIT:
        parts = split_html(caption, CAPTION_LIMIT)
        head, rest = parts[0], "\n".join(parts[1:])
    payload: dict[str, Any] = {field: file_id}
    if head:
        payload.update(caption=head, parse_mode="HTML")
    ref, ref_param = _placed(payload, reply_to, message_thread_id)
    if reply_markup is not None and not rest:
        payload["reply_markup"] = reply_markup
    rows = [await enqueue(method, chat_id, payload, ref=ref, ref_param=ref_param, **meta)]
    if rest:
        rows += await send_text(
            chat_id, rest, reply_markup=reply_markup, message_thread_id=message_thread_id, **meta
        )
    return rows


def _edit_target(
    target: OutboxMessage | int, payload: dict[str, Any]
) -> tuple[OutboxMessage | None, str | None]:
    """An edit of a message still in the outbox waits for it to be sent."""
    if isinstance(target, OutboxMessage):
        if target.telegram_message_id is None:
            return target, "message_id"
        target = target.telegram_message_id
    payload["message_id"] = target
    return None, None


def _one_message(text: str) -> str:
    """`text` as one message: an edit cannot split, so an over-long text is cut."""
    parts = split_html(text, MESSAGE_LIMIT)
    if not parts:
        raise ValueError("refusing to edit a message to empty text")
    return parts[0] if len(parts) == 1 else split_html(text, MESSAGE_LIMIT - 1)[0] + "…"


async def edit_text(
    chat_id: int,
    target: OutboxMessage | int,
    text: str,
    *,
    reply_markup: dict[str, Any] | None = None,
    **meta: Any,
) -> OutboxMessage:
    """Edits a sent message in place; an over-long text is cut (an edit cannot split)."""
    payload: dict[str, Any] = {
        "text": _one_message(text),
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
    }
    if reply_markup is not None:
        payload["reply_markup"] = reply_markup
    ref, ref_param = _edit_target(target, payload)
    return await enqueue("editMessageText", chat_id, payload, ref=ref, ref_param=ref_param, **meta)


# Rows not taken by a worker yet: their payload may still change.
QUEUED = (OutboxStatus.PENDING, OutboxStatus.BLOCKED)
_TEXT_METHODS = ("sendMessage", "editMessageText")


async def rewrite(
    row: OutboxMessage,
    text: str,
    reply_markup: dict[str, Any] | None = None,
    *,
    delay: float | None = None,
) -> bool:
    """Makes a queued text message (or text edit) show `text` and `reply_markup` (None:
    no buttons, as an edit would leave it) instead; with `delay`, not before then.

    Compare-and-set on the row's status and revision: a row a worker claimed meanwhile
    (or another change got to first) is left as it is and False returned - the caller
    then edits it after it is sent. The worker's claim checks the revision too, so a
    payload read before this change is never sent."""
    if row.method not in _TEXT_METHODS or row.status not in QUEUED:
        return False
    payload = {key: value for key, value in row.payload.items() if key != "reply_markup"}
    payload["text"] = _one_message(text)
    if reply_markup is not None:
        payload["reply_markup"] = reply_markup
    fields: dict[str, Any] = {"payload": payload, "revision": row.revision + 1}
    if delay is not None:
        fields["due_at"] = max(row.due_at, now_utc() + timedelta(seconds=delay))
    if _held(row):  # not written yet: nobody else can have it
        for name, value in fields.items():
            setattr(row, name, value)
        return True
    changed = await OutboxMessage.filter(
        id=row.id, status__in=QUEUED, revision=row.revision
    ).update(**fields)
    if changed:
        row.payload, row.revision = payload, row.revision + 1
    return bool(changed)


async def replace_text(
    chat_id: int,
    target: OutboxMessage | int,
    text: str,
    *,
    reply_markup: dict[str, Any] | None = None,
    queued_edit: OutboxMessage | None = None,
    delay: float = 0.0,
    **meta: Any,
) -> OutboxMessage:
    """Makes message `target` show `text` whatever its state. Still queued, its row (or
    `queued_edit`, an earlier edit of it not sent yet) is changed in place and nothing
    more is sent; being sent or sent, an edit follows it (waiting for its message id).
    Returns the row that will show the text."""
    later = delay or None
    if queued_edit is not None and queued_edit.status in QUEUED:
        # (If it was claimed just now, the target was sent before it: a new edit follows.)
        if await rewrite(queued_edit, text, reply_markup, delay=later):
            return queued_edit
    elif isinstance(target, OutboxMessage) and await rewrite(
        target, text, reply_markup, delay=later
    ):
        return target
    return await edit_text(chat_id, target, text, reply_markup=reply_markup, delay=delay, **meta)


async def send_upload(
    chat_id: int,
    path: str,
    file_name: str,
    *,
    caption: str = "",
    attachment_id: int | None = None,
    reply_to: Target = None,
    message_thread_id: Target = None,
    **meta: Any,
) -> OutboxMessage:
    """Uploads a stored file as a document; its Telegram file_id is kept when sent."""
    payload: dict[str, Any] = {"document": {"upload_path": path, "file_name": file_name}}
    if caption:
        payload.update(caption=split_html(caption, CAPTION_LIMIT)[0], parse_mode="HTML")
    if attachment_id is not None:
        meta.setdefault("purpose", f"{UPLOAD_PURPOSE}{attachment_id}")
    ref, ref_param = _placed(payload, reply_to, message_thread_id)
    return await enqueue("sendDocument", chat_id, payload, ref=ref, ref_param=ref_param, **meta)


UPLOAD_PURPOSE = "att:"
# A ticket's staff card: when sent, its message id is stored on the ticket.
CARD_POST = "card"
# A ticket's forum topic: when created, its thread id is stored on the ticket.
TOPIC_POST = "topic"


async def edit_markup(
    chat_id: int,
    target: OutboxMessage | int,
    reply_markup: dict[str, Any] | None = None,
    **meta: Any,
) -> OutboxMessage:
    """Replaces a sent message's buttons; without `reply_markup` they are removed."""
    payload: dict[str, Any] = {}
    if reply_markup is not None:
        payload["reply_markup"] = reply_markup
    ref, ref_param = _edit_target(target, payload)
    return await enqueue(
        "editMessageReplyMarkup", chat_id, payload, ref=ref, ref_param=ref_param, **meta
    )


async def set_reaction(chat_id: int, message_id: int, emoji: str, **meta: Any) -> OutboxMessage:
    """Sets the bot's reaction on a message: a quiet acknowledgement (one of Telegram's
    reaction emoji; a bot sets at most one per message)."""
    payload = {"message_id": message_id, "reaction": [{"type": "emoji", "emoji": emoji}]}
    return await enqueue("setMessageReaction", chat_id, payload, **meta)


async def row(row_id: int | None) -> OutboxMessage | None:
    """A queued (or sent) call's row, if there is one with that id."""
    if row_id is None:
        return None
    return await OutboxMessage.get_or_none(id=row_id)
