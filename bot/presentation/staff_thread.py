"""The ticket's thread in the staff chat: the card, then everything the customer sends.

The card goes to the department's staff chat (else the global one); the customer's
messages and files follow as replies to it. Every copy is recorded as a message link
when it is sent, so replies in the staff chat are routed by id, never by parsing text.
Staff texts are rendered in the desk's default language.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar, cast

from aiogram.utils.i18n import I18n
from tortoise.queryset import QuerySet

from bot.config import Settings
from bot.delivery import outbox
from bot.delivery.outbox import CARD_POST, TOPIC_POST, transaction
from bot.delivery.sender import hold_blocked, release_blocked
from bot.i18n import speaking
from bot.services import config, lifecycle, scope
from bot.services.notices import Before
from bot.services.settings import runtime_settings
from bot.services.staff_chats import staff_chat_for
from bot.ui import cards, texts
from bot.ui import staff as staff_ui
from bot.ui.html import MESSAGE_LIMIT, escape, visible_length
from models import (
    Agent,
    Attachment,
    Category,
    Customer,
    Message,
    MessageLink,
    OutboxMessage,
    Setting,
    Status,
    Ticket,
)
from models.enums import MessageKind, OutboxStatus, Side

log = logging.getLogger(__name__)


T = TypeVar("T")


async def card_target(ticket: Ticket) -> int | OutboxMessage | None:
    """The card's Telegram message id, or its outbox row while it is on its way."""
    if ticket.staff_chat_id is None:
        return None
    if ticket.staff_message_id is not None:
        return ticket.staff_message_id
    return await outbox.latest(ticket_id=ticket.id, purpose=CARD_POST)


async def thread_of(ticket: Ticket) -> int | OutboxMessage | None:
    """The ticket's forum topic: its id, or its outbox row while it is being created;
    None outside forums."""
    if ticket.staff_chat_id is None:
        return None
    if ticket.staff_topic_id is not None:
        return ticket.staff_topic_id
    if ticket.staff_message_id is not None:
        return None  # the card is out, and a topic is created before its card
    # Locked: a topic queued on the chance of a forum is dropped when the chat turns
    # out not to be one (chat_kind_learned); rows this transaction queues referring to
    # it must not refer to a row already gone.
    row = await outbox.latest(
        ticket_id=ticket.id, chat_id=ticket.staff_chat_id, purpose=TOPIC_POST, lock=True
    )
    if row is not None and row.status == OutboxStatus.SENT:
        return row.telegram_message_id
    return row


async def _files(
    chat_id: int,
    ticket: Ticket,
    message: Message,
    files: Sequence[Attachment],
    reply_to,
    process: Settings,
) -> None:
    # Everything of a ticket carries its topic: a reply alone lands in General when
    # the message it replies to is gone.
    meta = {
        "ticket_id": ticket.id,
        "reply_to": reply_to,
        "message_thread_id": await thread_of(ticket) if files else None,
    }
    for attachment in files:
        if attachment.file_id:
            await outbox.send_media(
                chat_id,
                attachment.kind.value,
                attachment.file_id,
                message_id=message.id,
                side=Side.STAFF,
                **meta,
            )
        elif attachment.stored_path:
            root = Path((await runtime_settings(process)).attachments_dir)
            await outbox.send_upload(
                chat_id,
                str((root / attachment.stored_path).resolve()),
                attachment.file_name,
                attachment_id=attachment.id,
                message_id=message.id,
                side=Side.STAFF,
                **meta,
            )
    missing = [a.file_name for a in files if a.missing]
    if missing:
        # Disk full or the download failed: the ticket and Telegram's copy are kept.
        with speaking(None):
            notice = staff_ui.files_not_stored(ticket.number, missing)
        await outbox.send_text(chat_id, notice, **meta)


async def post_card(
    ticket: Ticket, first: Message, files: Sequence[Attachment], process: Settings
) -> None:
    """`ticket` with its relations loaded; inside the creating transaction. The card
    goes to the department's staff chat, else the one in force (stored, else that of
    the process configuration `process`), which becomes the ticket's."""
    chat_id = await staff_chat_for(ticket.department, process)
    if chat_id is None:
        log.warning("ticket #%s: no staff chat is configured; no card posted", ticket.number)
        return
    rows = await _card(chat_id, ticket, first)
    if ticket.staff_chat_id != chat_id:
        ticket.staff_chat_id = chat_id
        await Ticket.filter(id=ticket.id).update(staff_chat_id=chat_id)
    await _files(chat_id, ticket, first, files, rows[0], process)


async def _card(chat_id: int, ticket: Ticket, first: Message) -> list[OutboxMessage]:
    """The card; in a forum it opens the ticket's own topic first. A chat not known
    yet to be a forum or not (the start-up getChat failed, nobody wrote there since)
    is asked first, in the chat's queue, so nothing of the ticket goes before the
    answer: the topic queued on the chance is dropped if it is not a forum."""
    topic = None
    forum = await chat_kind(chat_id)
    if forum is None:
        log.warning(
            "staff chat %s: not known yet whether it is a forum; ticket #%s's card waits "
            "for Telegram's answer",
            chat_id,
            ticket.number,
        )
        await outbox.enqueue("getChat", chat_id, {}, ticket_id=ticket.id, purpose=CHAT_PROBE)
    if forum is not False:
        topic = await outbox.enqueue(
            "createForumTopic",
            chat_id,
            {"name": ticket_topic_name(ticket)},
            ticket_id=ticket.id,
            purpose=TOPIC_POST,
        )
    description = cards.card_description(ticket.subject, first.text)
    with speaking(None):
        html = cards.render_card(ticket, first.text)
        markup = staff_ui.card_keyboard(ticket)
        full = cards.full_description(ticket.number, description)
    meta: dict[str, Any] = {
        "message_thread_id": topic,
        "ticket_id": ticket.id,
        "message_id": first.id,
    }
    rows = await outbox.send_text(
        chat_id, html, reply_markup=markup, side=Side.STAFF, purpose=CARD_POST, **meta
    )
    if cards.description_cut(description):
        # The card says "shortened, the full text is below": here it is (linked to the
        # first message, so a reply to it is in the ticket's thread).
        await outbox.send_text(
            chat_id, full, reply_to=rows[0], side=Side.STAFF, purpose=FULL_TEXT, **meta
        )
    return rows


def topic_name(number: int, subject: str, *, solved: bool = False) -> str:
    """Telegram allows 1-128 characters; a solved ticket's topic is marked ✅."""
    name = (("✅ " if solved else "") + f"#{number} {' '.join(subject.split())}").rstrip()
    return name if len(name) <= 128 else name[:127] + "…"


def ticket_topic_name(ticket: Ticket) -> str:
    """The name of the ticket's topic as it is now (`ticket` with its status)."""
    return topic_name(ticket.number, ticket.subject, solved=_solved(ticket.status))


def _solved(status: Status) -> bool:
    return lifecycle.topic_solved(status)


_FORUMS_KEY = "forum_chats"
_PLAIN_KEY = "plain_chats"
# Outbox purpose of the getChat that asks whether a staff chat is a forum.
CHAT_PROBE = "chat_kind"


async def _kinds(*, fresh: bool = False) -> tuple[set[int], set[int]]:
    """The staff chats last seen as forums, and as plain groups (`fresh`: read from the
    table, not the configuration's snapshot)."""
    if fresh:
        keys = (_FORUMS_KEY, _PLAIN_KEY)
        stored = {s.key: s.value for s in await Setting.filter(key__in=keys)}
    else:
        stored = (await config.snapshot()).settings

    def ids(key: str) -> set[int]:
        value = stored.get(key)
        return set(value) if isinstance(value, list) else set()

    return ids(_FORUMS_KEY), ids(_PLAIN_KEY)


async def chat_kind(chat_id: int) -> bool | None:
    """Whether a staff chat is a forum supergroup, as last seen (kept in the database,
    so every instance of a fleet knows); None while it is not known."""
    forums, plain = await _kinds()
    if chat_id in forums:
        return True
    return False if chat_id in plain else None


async def remember_chat(chat_id: int, forum: bool) -> None:
    """Every staff update (and the answer to a getChat) tells whether its chat is a forum."""
    forums, plain = await _kinds()
    if (chat_id in forums, chat_id in plain) == (forum, not forum):
        return
    async with transaction():
        for key in (_FORUMS_KEY, _PLAIN_KEY):
            await Setting.get_or_create(key=key, defaults={"value": []})
        forums, plain = await _kinds(fresh=True)
        (forums if forum else plain).add(chat_id)
        (plain if forum else forums).discard(chat_id)
        await Setting.filter(key=_FORUMS_KEY).update(value=json.dumps(sorted(forums)))
        await Setting.filter(key=_PLAIN_KEY).update(value=json.dumps(sorted(plain)))
    config.changed()


async def chat_kind_learned(probe: OutboxMessage, forum: bool) -> None:
    """Telegram answered the getChat queued before a ticket's card (in the sender's
    transaction, before anything behind it in the chat's queue is sent). The answer is
    kept as the chat's kind; the probe, no message, leaves the outbox."""
    await remember_chat(probe.chat_id, forum)
    await OutboxMessage.filter(id=probe.id).delete()
    if forum or probe.ticket_id is None:
        return
    log.info("staff chat %s is not a forum: tickets are threaded under their cards", probe.chat_id)
    topics = await OutboxMessage.filter(
        ticket_id=probe.ticket_id,
        chat_id=probe.chat_id,
        purpose=TOPIC_POST,
        status=OutboxStatus.PENDING,
    )
    for topic in topics:
        # Not a forum: the topic queued on the chance is dropped. The rows that waited
        # for it lose the reference (ON DELETE SET NULL): the sender sends the card and
        # the rest to the main chat, as replies to the card, and makes no topic calls.
        await OutboxMessage.filter(id=topic.id, status=OutboxStatus.PENDING).delete()


# What a topic's id is put into once the topic exists (edits and the rest have no topic).
_SENDS = ("send", "copy", "forward")


async def topic_created(row: OutboxMessage, ids: list[int]) -> None:
    """The ticket's topic exists: its sends still queued without it (they waited for
    the card, replying to it) carry it too, so none can land in General."""
    if not ids or row.ticket_id is None:
        return
    waiting = await OutboxMessage.filter(
        ticket_id=row.ticket_id, chat_id=row.chat_id, status=OutboxStatus.PENDING
    )
    for queued in waiting:
        if queued.ref_id == row.id:
            continue  # filled from the topic's row when sent
        if queued.method.startswith(_SENDS) and "message_thread_id" not in queued.payload:
            queued.payload = {**queued.payload, "message_thread_id": ids[0]}
            await queued.save(update_fields=["payload"])


async def recreate_topic(row: OutboxMessage) -> bool:
    """A message for a ticket's deleted topic: a new topic and card are queued (once)
    and the message goes again as a reply to the new card."""
    if row.ticket_id is None:
        return False
    ticket = await Ticket.get_or_none(id=row.ticket_id).select_related(
        "status", "priority", "department", "category", "customer", "assignee"
    )
    if ticket is None or ticket.staff_chat_id != row.chat_id:
        return False
    card = (
        await OutboxMessage.filter(
            ticket_id=ticket.id, purpose=CARD_POST, id__gt=row.id, status=OutboxStatus.PENDING
        )
        .order_by("-id")
        .first()
    )
    if card is None:
        first = await Message.filter(ticket_id=ticket.id).order_by("id").first()
        if first is None:
            return False
        await Ticket.filter(id=ticket.id).update(staff_topic_id=None, staff_message_id=None)
        ticket.staff_topic_id = ticket.staff_message_id = None
        [card] = await _card(row.chat_id, ticket, first)
    if row.purpose in (CARD_POST, TOPIC_POST):
        return True  # the new card replaces it
    payload = {
        k: v for k, v in row.payload.items() if k not in ("message_thread_id", "reply_parameters")
    }
    await outbox.enqueue(
        row.method,
        row.chat_id,
        payload,
        ref=card,
        ref_param="reply_parameters.message_id",
        ticket_id=row.ticket_id,
        message_id=row.message_id,
        side=row.side,
        purpose=row.purpose,
    )
    return True


# A customer's texts within this long of each other may share one staff message.
COALESCE_WINDOW = timedelta(minutes=5)
# The sends that make up a thread (edits and reactions change what is there).
_THREAD_SENDS = ("sendMessage", "copyMessage", "sendMediaGroup", *outbox.MEDIA_METHODS.values())


def relay_text(
    ticket: Ticket,
    messages: Sequence[Message],
    assignee: Agent | None,
    language: str | None = None,
) -> str:
    """The staff copy of a customer's messages: who and when (naming `assignee`, who
    answers the ticket), then each text (a blank line between them); "(edited)" once
    any of them was edited. In the desk's language, or `language` (a private notice)."""
    with speaking(language):
        header = texts.staff_customer_message(
            ticket.number, ticket.customer.display_name, ticket.customer.username, messages[0]
        )
        if any(m.edited_at is not None for m in messages):
            header += " " + texts.edited_mark()
        header += staff_ui.to(assignee)
    quoted = [texts.quote_text(m.text) for m in messages if m.text]
    return header + "\n" + "\n\n".join(quoted) if quoted else header


async def assignee_of(ticket: Ticket) -> Agent | None:
    return (await config.snapshot()).agent(ticket.assignee_id)


async def tell_privately(
    ticket: Ticket,
    agent: Agent | None,
    render: Callable[[], str],
    *,
    dedupe_key: str | None = None,
) -> None:
    """A notice about `ticket` as a private message to `agent`, when they chose that and
    the bot can write to them (staff_ui.told_privately; else the thread's notice
    mentions them). `render` runs in the agent's language."""
    if agent is None or not agent.active or not staff_ui.told_privately(agent):
        return
    with speaking(agent.language):
        text = staff_ui.private_notice(render(), staff_ui.card_link(ticket))
    await outbox.send_text(agent.telegram_id, text, ticket_id=ticket.id, dedupe_key=dedupe_key)


async def shown_together(row: OutboxMessage) -> list[Message]:
    """The customer's messages staff copy `row` shows: its own, then those coalesced into
    it - the ticket's next customer messages up to one relayed on its own (or anything
    else said in the ticket)."""
    following = (
        await Message.filter(ticket_id=row.ticket_id, id__gte=row.message_id)
        .order_by("id")
        .limit(50)
    )
    if not following or following[0].id != row.message_id:
        return following[:1]
    await outbox.flush()
    own = set(
        cast(
            list[int],
            await OutboxMessage.filter(
                ticket_id=row.ticket_id,
                side=Side.STAFF,
                message_id__in=[m.id for m in following[1:]],
            ).values_list("message_id", flat=True),
        )
    )
    together = following[:1]
    for message in following[1:]:
        if message.kind != MessageKind.CUSTOMER or message.id in own:
            break
        together.append(message)
    return together


def text_copies(side: Side) -> QuerySet[OutboxMessage]:
    """The text messages the bot sends or sent for messages on `side` (not the card: it
    is re-rendered instead), whether still queued, being sent or sent; oldest first."""
    return (
        OutboxMessage.filter(side=side, method="sendMessage", purpose__isnull=True)
        .exclude(status=OutboxStatus.FAILED)
        .order_by("id")
    )


async def staff_copy_of(message: Message) -> OutboxMessage | None:
    """The text message in the staff chat that shows customer `message` (its first part),
    whether its own or one it was coalesced into; queued, being sent or sent."""
    await outbox.flush()
    rows = text_copies(Side.STAFF).filter(ticket_id=message.ticket_id)
    own = await rows.filter(message_id=message.id).first()
    if own is not None:
        return own
    # Else the last relayed before it, if it holds it.
    holder = await rows.filter(message_id__lt=message.id).order_by("-id").first()
    if holder is None or holder.message_id is None:
        return None
    together = await shown_together(holder)
    return holder if any(m.id == message.id for m in together) else None


_REPLY_REF = "reply_parameters.message_id"


async def _coalesced(ticket: Ticket, message: Message) -> bool:
    """Joins a customer's text to the ticket's last staff copy while that one still waits
    in the outbox (the group's 20 sends a minute hold it back): a burst of messages costs
    the group one send, and the thread reads as it would have. False when it cannot."""
    last = await outbox.latest(
        ticket_id=ticket.id,
        chat_id=ticket.staff_chat_id,
        method__in=_THREAD_SENDS,
        failed=True,
    )
    if (
        last is None
        or last.status not in outbox.QUEUED
        or last.method != "sendMessage"
        or last.side != Side.STAFF
        or last.purpose is not None
        or last.message_id is None
        # A continuation of a long text (its first part carries the reply) is left alone.
        or not ("reply_parameters" in last.payload or last.ref_param == _REPLY_REF)
    ):
        return False
    # The new message is stored already: it must follow the run directly (nothing said
    # in the ticket in between).
    together = await shown_together(last)
    if not together or together[-1].id != message.id:
        return False
    together = together[:-1]
    if not together or together[-1].kind != MessageKind.CUSTOMER or not together[0].text:
        return False
    if message.created_at - together[-1].created_at > COALESCE_WINDOW:
        return False
    text = relay_text(ticket, [*together, message], await assignee_of(ticket))
    if visible_length(text) > MESSAGE_LIMIT:
        return False
    return await outbox.rewrite(last, text, last.payload.get("reply_markup"))


async def relay_customer_message(
    ticket: Ticket, message: Message, files: Sequence[Attachment], process: Settings
) -> None:
    """A customer's follow-up into the ticket's thread, with who and when; a text while
    the previous one still waits to be sent joins it."""
    target = await card_target(ticket)
    if target is None or ticket.staff_chat_id is None:
        return
    if message.text and not files and await _coalesced(ticket, message):
        return
    reply_to = target
    if message.text or files:
        assignee = await assignee_of(ticket)
        rows = await in_thread(
            ticket,
            relay_text(ticket, [message], assignee),
            reply_to=target,
            message_id=message.id,
            side=Side.STAFF,
        )
        # (A text coalesced into a waiting copy was told privately with that copy.)
        await tell_privately(
            ticket,
            assignee,
            lambda: relay_text(ticket, [message], None, assignee.language if assignee else None),
        )
        if message.text:
            reply_to = rows[0]  # the files follow the text
    await _files(ticket.staff_chat_id, ticket, message, files, reply_to, process)


async def in_thread(
    ticket: Ticket, text: str, *, reply_to: int | OutboxMessage | None = None, **meta: Any
) -> list[OutboxMessage]:
    """A text in the ticket's thread: a reply to `reply_to` (else to its card), in its
    forum topic if any. Nothing when the ticket has no card."""
    if reply_to is None:
        reply_to = await card_target(ticket)
    if reply_to is None or ticket.staff_chat_id is None:
        return []
    return await outbox.send_text(
        ticket.staff_chat_id,
        text,
        reply_to=reply_to,
        message_thread_id=await thread_of(ticket),
        ticket_id=ticket.id,
        **meta,
    )


async def customer_blocked_bot(telegram_id: int, *, blocked: bool) -> None:
    """Delivery to the customer stops (held) or resumes; each open ticket's thread is told."""
    async with transaction():
        # An agent who blocks the bot cannot be told privately (mentioned instead).
        await Agent.filter(telegram_id=telegram_id).update(private_chat=not blocked)
        # Compare-and-set: the block's own update and a 403 on a send may learn of it
        # at the same moment (two instances); only the one that flips it tells.
        flipped = await Customer.filter(telegram_id=telegram_id, blocked_bot=not blocked).update(
            blocked_bot=blocked
        )
        scope.forget(scope.customer_key(telegram_id))
        customer = await Customer.get_or_none(telegram_id=telegram_id)
        if not flipped or customer is None:
            return
        if blocked:
            await hold_blocked(telegram_id)
        else:
            await release_blocked(telegram_id)
        open_tickets = await Ticket.filter(
            customer_id=customer.id, staff_chat_id__isnull=False, **lifecycle.OPEN_TICKETS
        )
        for ticket in open_tickets:
            with speaking(None):
                text = (
                    staff_ui.customer_blocked(ticket.number)
                    if blocked
                    else staff_ui.customer_unblocked(ticket.number)
                )
            await in_thread(ticket, text)


# Outbox purpose of the whole description below a card that shows only its start.
FULL_TEXT = "full_text"
# Outbox purpose of a change of a ticket's forum topic (closed, reopened, renamed).
TOPIC_STATE = "topic_state"


async def customer_chose_status(ticket: Ticket) -> None:
    """The customer gave their ticket a status themselves: told in its thread."""
    with speaking(None):
        text = staff_ui.customer_set_status(
            ticket.number, ticket.customer.display_name, ticket.status.name
        )
    await in_thread(ticket, text)


async def status_changed(
    ticket: Ticket, previous: Status, kind: lifecycle.ChangeKind, *, by_customer: bool
) -> None:
    """After a status change (`ticket` with its relations and new status): the
    customer's own close or reopen is told in the thread (a reopen mentions the
    assignee, who has work again); a forum topic follows the status."""
    told = lifecycle.staff_notice(previous, kind, by_customer=by_customer)
    if told != lifecycle.StaffNotice.NONE:
        who, assignee = ticket.customer.display_name, ticket.assignee
        with speaking(None):
            if told == lifecycle.StaffNotice.CUSTOMER_REOPENED:
                named = staff_ui.addressed(assignee) if assignee else None
                text = staff_ui.customer_reopened(ticket.number, who, named)
            elif told == lifecycle.StaffNotice.CUSTOMER_CONFIRMED:
                text = staff_ui.customer_confirmed(ticket.number, who)
            else:
                text = staff_ui.customer_closed(ticket.number, who)
        await in_thread(ticket, text)
        if told == lifecycle.StaffNotice.CUSTOMER_REOPENED and assignee is not None:
            await tell_privately(
                ticket,
                assignee,
                lambda: staff_ui.customer_reopened(ticket.number, who, escape(assignee.name)),
            )
    thread = await thread_of(ticket)
    if thread is None:
        return
    # Only real changes: Telegram refuses a rename to the same name, or closing a
    # closed topic, as TOPIC_NOT_MODIFIED.
    name = ticket_topic_name(ticket)
    if name != topic_name(ticket.number, ticket.subject, solved=_solved(previous)):
        await _topic_call(ticket, thread, "editForumTopic", {"name": name})
    if lifecycle.topic_closed(ticket.status) != lifecycle.topic_closed(previous):
        method = "closeForumTopic" if lifecycle.topic_closed(ticket.status) else "reopenForumTopic"
        await _topic_call(ticket, thread, method, {})


async def _topic_call(
    ticket: Ticket, thread: int | OutboxMessage, method: str, payload: dict[str, Any]
) -> None:
    assert ticket.staff_chat_id is not None
    ref = thread if isinstance(thread, OutboxMessage) else None
    if ref is None:
        payload["message_thread_id"] = thread
    await outbox.enqueue(
        method,
        ticket.staff_chat_id,
        payload,
        ref=ref,
        ref_param="message_thread_id" if ref else None,
        ticket_id=ticket.id,
        purpose=TOPIC_STATE,
    )


async def answer_rated(ticket: Ticket, answer: Message) -> None:
    """The customer's 👍/👎 on an answer, as a reply to that answer in the thread
    (`ticket` with its customer loaded)."""
    link = (
        await MessageLink.filter(
            message_id=answer.id, side=Side.STAFF, chat_id=ticket.staff_chat_id
        )
        .order_by("id")
        .first()
    )
    agent = await Agent.get_or_none(id=answer.author_agent_id) if answer.author_agent_id else None

    def rated() -> str:
        return staff_ui.answer_rated(
            ticket.number,
            ticket.customer.display_name,
            agent.name if agent else texts.support_team(),
            liked=(answer.rating or 0) > 0,
        )

    with speaking(None):
        text = rated() + staff_ui.to(agent)
    await in_thread(ticket, text, reply_to=link.telegram_message_id if link else None)
    await tell_privately(ticket, agent, rated)


async def ticket_rated(ticket: Ticket, *, score: bool, comment: bool) -> None:
    """The customer's CSAT (`score`: it is new or changed) and its `comment` (added);
    the assignee is mentioned."""
    who = ticket.customer.display_name
    assignee = await assignee_of(ticket)
    with speaking(None):
        told = (
            [staff_ui.csat_given(ticket.number, who, ticket.csat or 0) + staff_ui.to(assignee)]
            if score
            else []
        )
        if comment and ticket.csat_comment:
            told.append(staff_ui.csat_comment(ticket.number, who, ticket.csat_comment))
    for text in told:
        await in_thread(ticket, text)
    if score:
        await tell_privately(
            ticket, assignee, lambda: staff_ui.csat_given(ticket.number, who, ticket.csat or 0)
        )


def with_texts(i18n: I18n, hook: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
    """`hook` for the sender, which works outside any update's i18n context: on a row
    whose forum topic is gone (`recreate_topic`), or on a customer found by a 403 to
    have blocked the bot (`customer_blocked_bot`, told in each open ticket's thread)."""

    async def in_context(*args: Any, **kwargs: Any) -> T:
        with i18n.context():
            return await hook(*args, **kwargs)

    return in_context


async def transferred(ticket: Ticket, before: Before, by: str, process: Settings) -> None:
    """After a transfer (`ticket` with its relations): the thread is told what changed
    and why; when the new department has another staff chat, the thread moves there
    and is told there too."""
    with speaking(None):
        text = _transfer_notice(ticket, before, by)
    await in_thread(ticket, text)
    if await follow_transfer(ticket, process):
        await in_thread(ticket, text)


def _label(thing: Category | Status) -> str:
    return f"{thing.color} {thing.name}".strip()


def _transfer_notice(ticket: Ticket, before: Before, by: str) -> str:
    if before.department.id == ticket.department_id:
        lines = [staff_ui.passed_on(ticket.number, by)]
    else:
        lines = [
            staff_ui.transferred(ticket.number, by, before.department.name, ticket.department.name)
        ]
    if before.category is not None and ticket.category is None:
        # A category belongs to its department.
        lines.append(staff_ui.category_cleared(_label(before.category), before.department.name))
    if ticket.assignee is not None:
        lines.append(staff_ui.now_answered_by(ticket.assignee.name))
    elif before.assignee is not None:
        lines.append(staff_ui.no_longer_answered_by(before.assignee.name))
    if ticket.status.id != before.status.id:
        lines.append(staff_ui.status_moved(_label(before.status), _label(ticket.status)))
    return "\n".join(lines)


async def follow_transfer(ticket: Ticket, process: Settings) -> bool:
    """After a transfer: when the new department has another staff chat, the ticket's
    thread moves there (a new card; the old card keeps its last state). Whether it moved."""
    chat_id = await staff_chat_for(ticket.department, process)
    if chat_id is None or chat_id == ticket.staff_chat_id:
        return False
    first = await Message.filter(ticket_id=ticket.id).order_by("id").first()
    if first is None:
        return False
    await Ticket.filter(id=ticket.id).update(staff_message_id=None, staff_topic_id=None)
    ticket.staff_message_id = ticket.staff_topic_id = None
    await post_card(ticket, first, await Attachment.filter(message_id=first.id), process)
    return True
