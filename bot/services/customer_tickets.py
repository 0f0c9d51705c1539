"""Tickets as the customer sees them in the private chat (SPEC §3).

Every function takes the customer and re-checks ownership: callback data from a
button is never trusted, so a crafted one shows or changes nothing of anyone else's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from tortoise.exceptions import IntegrityError

from bot.delivery.outbox import transaction
from bot.services import config, hours, lifecycle, notices, tickets
from bot.services.attachments import StoredFile
from bot.services.errors import Conflict, NotFound
from bot.services.scope import joined_transaction
from bot.services.settings import stored_settings
from models import (
    Category,
    Customer,
    Department,
    Message,
    MessageLink,
    OutboxMessage,
    Priority,
    Status,
    Ticket,
)
from models.enums import ActorType, MessageKind, Side, TicketSource

# Statuses offered to a customer as buttons on a ticket, at most.
STATUS_CHOICES = 6


class ReopenWindowPassed(Conflict):
    code = "reopen_window_passed"


class AlreadySubmitted(Conflict):
    """The draft became a ticket already (a second tap on Send, a retried update)."""

    code = "already_submitted"


class Access(StrEnum):
    OK = "ok"
    BANNED = "banned"
    INACTIVE = "inactive"


def access_of(customer: Customer, today: date | None = None) -> Access:
    """Banned customers may do nothing; inactive ones (support access off or its end
    date passed) may read their tickets but not open or add to them."""
    if customer.banned:
        return Access.BANNED
    today = today or datetime.now(UTC).date()
    if not customer.active or (
        customer.support_until is not None and customer.support_until < today
    ):
        return Access.INACTIVE
    return Access.OK


@dataclass(frozen=True, slots=True)
class Draft:
    """What the new-ticket wizard collected."""

    department_id: int
    category_id: int | None
    priority_id: int | None
    subject: str
    description: str
    files: Sequence[StoredFile] = ()
    # The category's required fields as answered (bot.services.details.stored).
    details: Sequence[dict] = ()


def customer_actor(customer: Customer) -> tickets.Actor:
    return tickets.Actor(ActorType.CUSTOMER, customer.display_name, id=customer.id)


async def visible_departments() -> list[Department]:
    return [d for d in (await config.snapshot()).departments if d.active and d.visible]


async def categories_of(department_id: int) -> list[Category]:
    snap = await config.snapshot()
    department = snap.department(department_id)
    if department is None or not (department.active and department.visible):
        return []
    return [c for c in snap.categories if c.department_id == department_id and c.active]


async def priorities() -> list[Priority]:
    return [p for p in (await config.snapshot()).priorities if p.active]


async def chosen(
    department_id: int | None, category_id: int | None, priority_id: int | None
) -> tuple[Department | None, Category | None, Priority | None]:
    """A draft's department, category and priority as configured (any of them None when
    not chosen or gone)."""
    snap = await config.snapshot()
    return (
        snap.department(department_id),
        snap.category(category_id),
        snap.priority(priority_id),
    )


async def my_tickets(
    customer: Customer, *, page: int = 0, per_page: int = 5, archived: bool = False
) -> tuple[list[Ticket], int]:
    """Newest activity first; archived ones only when asked for."""
    query = Ticket.filter(customer_id=customer.id, archived=archived)
    total = await query.count()
    rows = (
        await query.order_by("-updated_at", "-id")
        .offset(max(page, 0) * per_page)
        .limit(per_page)
        .select_related("status")
    )
    return rows, total


async def own_ticket(ticket_id: int, customer: Customer, *, lock: bool = False) -> Ticket:
    """The customer's ticket with its relations (`lock`: locked until the transaction
    ends)."""
    query = Ticket.filter(id=ticket_id, customer_id=customer.id)
    ticket = await (query.select_for_update() if lock else query).first()
    if ticket is None:
        raise NotFound("ticket not found")
    return await tickets.relate(ticket)


def number_of(message: Message) -> int:
    """The number of the ticket a message just added belongs to."""
    return int(message.ticket.number)


async def open_conversation(ticket_id: int, customer: Customer) -> tuple[Ticket, list[Message]]:
    """The ticket and what the customer may read of it (never notes); marks it read."""
    ticket = await own_ticket(ticket_id, customer)
    messages = (
        await Message.filter(ticket_id=ticket.id)
        .exclude(kind=MessageKind.NOTE)
        .order_by("created_at", "id")
        .prefetch_related("attachments", "author_agent")
    )
    if ticket.customer_unread:
        await Ticket.filter(id=ticket.id).update(customer_unread=0)
        ticket.customer_unread = 0
    return ticket, messages


async def statuses_to_choose(ticket: Ticket) -> list[Status]:
    """The statuses the customer may give their open ticket themselves: those an admin
    made available and settable by customers (or by all), other than its own. The
    lifecycle's own statuses (closing, reopening) have their buttons already."""
    if not lifecycle.customer_may_choose(ticket.status):
        return []
    return (
        await Status.filter(**lifecycle.CUSTOMER_CHOICES)
        .exclude(id=ticket.status_id)
        .order_by("order", "id")
        .limit(STATUS_CHOICES)
    )


async def set_status(ticket_id: int, status_id: int, customer: Customer) -> Ticket:
    """A status the customer chose: one of `statuses_to_choose` (the lifecycle's own
    go through Close and Reopen; a forged id is refused)."""
    ticket = await own_ticket(ticket_id, customer)
    if status_id not in {s.id for s in await statuses_to_choose(ticket)}:
        raise Conflict("this status is not one the customer may set on this ticket")
    return await tickets.set_status(
        ticket.id, status_id, customer_actor(customer), by_customer=True
    )


async def close(ticket_id: int, customer: Customer) -> Ticket:
    """Customers may close their ticket at any time."""
    ticket = await own_ticket(ticket_id, customer)
    return await tickets.close(ticket.id, customer_actor(customer))


async def reopen(ticket_id: int, customer: Customer) -> Ticket:
    """A resolved ticket, or a closed one within the reopen window."""
    ticket = await own_ticket(ticket_id, customer)
    window_days = (
        (await stored_settings()).reopen_window_days if lifecycle.is_closed(ticket.status) else 0
    )
    refusal = lifecycle.customer_reopen_refusal(
        ticket.status, closed_at=ticket.closed_at, now=tickets.now(), window_days=window_days
    )
    if refusal == lifecycle.Refusal.WINDOW_PASSED:
        raise ReopenWindowPassed("this ticket was closed too long ago to reopen")
    if refusal == lifecycle.Refusal.STILL_OPEN:
        raise Conflict("this ticket is still open")
    return await tickets.reopen(ticket.id, customer_actor(customer))


async def set_archived(ticket_id: int, customer: Customer, archived: bool = True) -> Ticket:
    """Hides a ticket from the customer's list (only their view: staff still see it)."""
    async with transaction():
        ticket = await own_ticket(ticket_id, customer)
        if archived and not lifecycle.may_archive(ticket.status):
            raise Conflict("only closed tickets can be archived")
        await Ticket.filter(id=ticket.id).update(archived=archived)
        ticket.archived = archived
    return ticket


async def submit(customer: Customer, draft: Draft, key: str) -> Ticket:
    """Turns a wizard draft into a ticket exactly once per `key` (the draft's id):
    the acknowledgement row carries the key, unique in the outbox, so a second Send
    of the same draft - in this process or another - finds it and creates nothing."""
    department = (await config.snapshot()).department(draft.department_id)
    if department is None or not (department.active and department.visible):
        raise NotFound("this department is not available")
    dedupe_key = f"ticket-draft:{customer.id}:{key}"
    try:
        async with transaction():
            earlier = await OutboxMessage.get_or_none(dedupe_key=dedupe_key)
            if earlier is not None:
                raise AlreadySubmitted(f"already submitted as ticket {earlier.ticket_id}")
            ticket, first = await tickets.create_ticket(
                customer=customer,
                department_id=department.id,
                category_id=draft.category_id,
                priority_id=draft.priority_id,
                subject=draft.subject,
                text=draft.description,
                source=TicketSource.TELEGRAM,
                actor=customer_actor(customer),
                files=draft.files,
                details=list(draft.details),
            )
            await notices.emit(notices.TicketRegistered(ticket, first, dedupe_key))
            await tell_if_closed(ticket)
    except IntegrityError:
        raise AlreadySubmitted("submitted concurrently") from None
    return ticket


async def writable_tickets(customer: Customer, limit: int = 5) -> list[Ticket]:
    """The customer's tickets that take messages now, newest activity first."""
    return (
        await Ticket.filter(customer_id=customer.id, **lifecycle.WRITABLE_TICKETS)
        .order_by("-updated_at", "-id")
        .limit(limit)
        .select_related("status")
    )


async def add_message(
    ticket_id: int,
    customer: Customer,
    text: str,
    files: Sequence[StoredFile] = (),
    telegram_ids: Sequence[int] = (),
) -> Message:
    """A follow-up; `telegram_ids` are the customer's own Telegram messages it came from,
    linked to it so that a Telegram reply to one of them goes to this ticket too."""
    async with joined_transaction():
        ticket = await own_ticket(ticket_id, customer, lock=True)
        message = await tickets.add_customer_message(
            ticket.id, text, files, customer_actor(customer), held=ticket
        )
        await link_in_chat(message, customer.telegram_id, telegram_ids)
        await tell_if_closed(ticket)
    return message


async def tell_if_closed(ticket: Ticket) -> None:
    """Outside its department's business hours the customer is told when to expect an
    answer - once per ticket and closed stretch (the outbox key names the opening), and
    only where the department's `closed_notice` is on."""
    department = (await config.snapshot()).department(ticket.department_id)
    if department is None or not department.closed_notice:
        return
    cal = hours.of_department(department)
    opens = hours.next_open(cal, tickets.now())
    if cal is None or opens is None or ticket.customer.banned:
        return
    await notices.emit(
        notices.ClosedHours(
            ticket,
            opens.astimezone(cal.zone),
            tickets.now().astimezone(cal.zone),
            dedupe_key=f"closed:{ticket.id}:{opens.isoformat()}",
        )
    )


async def link_in_chat(message: Message, chat_id: int, telegram_ids: Sequence[int]) -> None:
    """Records messages of the customer's chat as copies of `message` (for routing replies)."""
    await tickets.link_copies(chat_id, telegram_ids, message.id, message.ticket_id, Side.CUSTOMER)


async def ticket_of_reply(chat_id: int, telegram_message_id: int, customer: Customer) -> int | None:
    """The customer's ticket a message in their chat belongs to (for Telegram replies)."""
    link = await MessageLink.get_or_none(
        chat_id=chat_id, telegram_message_id=telegram_message_id
    ).select_related("ticket")
    if link is None or link.ticket.customer_id != customer.id:
        return None
    return link.ticket_id


async def rate_answer(message_id: int, customer: Customer, value: int) -> Message:
    return await tickets.rate_answer(message_id, value, customer_actor(customer))


async def rate_ticket(
    ticket_id: int, customer: Customer, score: int, comment: str | None = None
) -> Ticket:
    """CSAT for the customer's resolved or closed ticket (not for one still being worked on)."""
    ticket = await own_ticket(ticket_id, customer)
    if not lifecycle.may_rate(ticket.status):
        raise Conflict("only a resolved or closed ticket can be rated")
    return await tickets.rate_ticket(ticket.id, score, customer_actor(customer), comment)


async def ticket_number(ticket_id: int, customer: Customer | None = None) -> int | None:
    """The ticket's number (only if it is `customer`'s, when given); None if there is
    no such ticket."""
    query = Ticket.filter(id=ticket_id)
    if customer is not None:
        query = query.filter(customer_id=customer.id)
    row = await query.first().values("number")
    return int(row["number"]) if row else None


async def has_rated(ticket_id: int, customer: Customer) -> bool:
    """Whether the customer has given their ticket a CSAT rating."""
    return await Ticket.filter(id=ticket_id, customer_id=customer.id, csat__isnull=False).exists()


async def confirm_resolution(ticket_id: int, customer: Customer) -> Ticket:
    """The customer confirms their resolved ticket is solved: it closes."""
    ticket = await own_ticket(ticket_id, customer)
    if not lifecycle.may_confirm(ticket.status):
        raise Conflict("not awaiting confirmation")
    return await close(ticket.id, customer)
