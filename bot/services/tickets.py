"""Ticket lifecycle (SPEC §5): creation, replies, notes, assignment, transfer, status.

Every operation runs in one transaction with its ticket event and the outbox rows
it causes (the customer's copy, the staff card's edit), so a change and its
messages are committed together or not at all. The statistics' roll-ups
(bot.services.rollups) move in the same transaction, written last: what the ticket
counted when it was locked, against what it counts at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bot import clock
from bot.delivery.outbox import transaction
from bot.services import (
    assignment,
    attachments,
    config,
    customers,
    hours,
    lifecycle,
    notices,
    rollups,
    scope,
    sla,
    webhooks,
)
from bot.services.attachments import StoredFile
from bot.services.errors import Conflict, Forbidden, Invalid, NotFound
from bot.services.scope import joined_transaction
from bot.services.settings import stored_settings
from bot.services.textclean import strip_invisible
from models import (
    Agent,
    Attachment,
    Category,
    Counter,
    Customer,
    Department,
    Message,
    MessageLink,
    Priority,
    Status,
    Tag,
    Ticket,
    TicketEvent,
    TicketTag,
)
from models.enums import (
    ActorType,
    AgentRole,
    MessageKind,
    Side,
    StatusRole,
    TicketSource,
)

TEXT_LIMIT = 20_000
# The most choices a card's menu offers (macros, tickets to merge into, agents, ...).
MENU_LIMIT = 24
SUBJECT_LIMIT = 255


def now() -> datetime:
    return clock.now()


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts on a ticket; `departments` None means every department."""

    type: ActorType
    name: str
    id: int | None = None
    agent: Agent | None = None
    is_admin: bool = False
    departments: frozenset[int] | None = field(default=None)

    def may_act_on(self, ticket: Ticket) -> bool:
        return self.departments is None or ticket.department_id in self.departments


SYSTEM = Actor(ActorType.SYSTEM, "system", is_admin=True)


class OwnTicket(Forbidden):
    """A conflict of interest: an agent who is also the ticket's customer (the same
    Telegram id) neither answers it nor becomes its assignee."""

    code = "own_ticket"

    def __init__(self) -> None:
        super().__init__("the agent is this ticket's customer; another agent has to handle it")


def not_own(customer: Customer, agent: Agent | None) -> None:
    """Refuses `agent` (who would answer or be assigned) when they are the customer."""
    if agent is not None and agent.telegram_id == customer.telegram_id:
        raise OwnTicket()


async def agent_actor(agent: Agent) -> Actor:
    departments = None
    if agent.role != AgentRole.ADMIN:
        departments = (await config.snapshot()).departments_of(agent.id)
    return Actor(
        ActorType.AGENT,
        agent.name,
        id=agent.id,
        agent=agent,
        is_admin=agent.role == AgentRole.ADMIN,
        departments=departments,
    )


async def api_actor(name: str, *, agent_id: int | None, admin: bool) -> Actor:
    """An API token: an agent token acts as its agent; an admin token as an admin."""
    if agent_id is not None:
        agent = await Agent.get_or_none(id=agent_id, active=True)
        if agent is None:
            raise Forbidden("the token's agent is missing or inactive")
        actor = await agent_actor(agent)
        return actor if not admin else Actor(ActorType.AGENT, agent.name, agent.id, agent, True)
    return Actor(ActorType.API, name, is_admin=admin, departments=None if admin else frozenset())


# -- reading ---------------------------------------------------------------------------------


async def relate(ticket: Ticket) -> Ticket:
    """Fills the ticket's relations: status, priority, department, category and assignee
    from the configuration's snapshot (bot.services.config), the customer read once per
    update - instead of reading them each time."""
    snap = await config.snapshot()
    found = {
        "status": snap.status(ticket.status_id),
        "priority": snap.priority(ticket.priority_id),
        "department": snap.department(ticket.department_id),
        "category": snap.category(ticket.category_id),
        "assignee": snap.agent(ticket.assignee_id),
        "customer": await customers.by_id(ticket.customer_id),
    }
    missing = []
    for name, value in found.items():
        if value is None and getattr(ticket, f"{name}_id") is not None:
            missing.append(name)  # (gone meanwhile: read as before)
        else:
            setattr(ticket, name, value)
    if missing:
        await ticket.fetch_related(*missing)
    return ticket


async def link_copies(
    chat_id: int, telegram_ids: Sequence[int], message_id: int, ticket_id: int, side: Side
) -> None:
    """Records Telegram messages of a chat as copies of a stored message (a Telegram
    reply to one of them routes to its ticket); one statement, a copy known already kept."""
    await MessageLink.bulk_create(
        [
            MessageLink(
                chat_id=chat_id,
                telegram_message_id=telegram_id,
                message_id=message_id,
                ticket_id=ticket_id,
                side=side,
            )
            for telegram_id in telegram_ids
        ],
        ignore_conflicts=True,
    )


async def get_ticket(ticket_id: int, actor: Actor | None = None) -> Ticket:
    ticket = await Ticket.get_or_none(id=ticket_id)
    if ticket is not None:
        await relate(ticket)
    # Another department's ticket is reported as missing: its existence is not shared.
    if ticket is None or (actor is not None and not actor.may_act_on(ticket)):
        raise NotFound(f"ticket {ticket_id} does not exist")
    return ticket


async def _status(role: StatusRole) -> Status:
    status = (await config.snapshot()).status_of_role(role)
    if status is None:
        raise Conflict(f"no status has the lifecycle role {role.value}; run migrate to seed it")
    return status


async def _new_status() -> Status:
    """The status new tickets get, and unclaimed ones go back to: the one flagged is_new."""
    status = (await config.snapshot()).new_status()
    return status or await _status(lifecycle.role_of(lifecycle.Destination.NEW))


async def _status_for(destination: lifecycle.Destination) -> Status:
    """The status the lifecycle sends a ticket to (bot.services.lifecycle.Destination)."""
    if destination == lifecycle.Destination.NEW:
        return await _new_status()
    return await _status(lifecycle.role_of(destination))


async def _back_to_work(ticket: Ticket) -> Status:
    """Where a reopened ticket goes: in progress with its assignee, else the queue."""
    return await _status_for(lifecycle.back_to_work(assigned=bool(ticket.assignee_id)))


async def _move(ticket: Ticket, status: Status, moment: datetime) -> None:
    """Gives the ticket `status`; the SLA clock stops or runs again as the status says
    (bot.services.sla): every way into or out of waiting, resolved or closed. Closing or
    resolving ends a snooze (bot.services.snoozing); a snoozed ticket's clock stands as
    a waiting one's does."""
    if lifecycle.ends_snooze(status):
        ticket.snoozed_until = None
    snoozed = ticket.snoozed_until is not None
    pause_waiting = (
        lifecycle.pause_applies(status, snoozed=snoozed)
        and (await stored_settings()).sla_pause_while_waiting
    )
    if lifecycle.clock_stops(status, pause_waiting, snoozed=snoozed):
        sla.stop(ticket, moment)
    elif ticket.sla_paused_at is not None:
        sla.resume(ticket, moment, await sla.calendar_of(ticket.department_id))
    ticket.status = status


async def end_snooze(ticket: Ticket, moment: datetime, reason: str, actor: Actor) -> None:
    """Ends the snooze of `ticket` (locked in the caller's transaction, with its
    relations): "agent" (Unsnooze), "merge" (an agent merged a ticket into it), "due"
    (its time came) or "customer" (they wrote). Snoozing itself is
    bot.services.snoozing, which builds on this module.
    The thread is told; the assignee is mentioned when the desk woke it."""
    until = ticket.snoozed_until
    if until is None:
        return
    ticket.snoozed_until = None
    pause = (await stored_settings()).sla_pause_while_waiting
    if not lifecycle.clock_stops(ticket.status, pause, snoozed=False):
        sla.resume(ticket, moment)
    await ticket.save()
    await _record(ticket, "unsnoozed", actor, reason=reason, until=until.isoformat())
    await notices.emit(notices.Woken(ticket, reason, actor.name))
    await notices.emit(notices.CardChanged(ticket))


async def _record(ticket: Ticket, kind: str, actor: Actor, **data: Any) -> TicketEvent:
    """Records a ticket event, and queues it for the webhooks subscribed to it (in the
    caller's transaction: the deliveries are committed with the change or not at all)."""
    event = await TicketEvent.create(
        ticket_id=ticket.id,
        kind=kind,
        actor_type=actor.type,
        actor_id=actor.id,
        actor_name=actor.name[:128],
        data=data,
    )
    await webhooks.emit(ticket, kind, data)
    return event


async def tags_of(ticket_ids: Sequence[int]) -> dict[int, list[Tag]]:
    """Each ticket's tags by name, letter case ignored, in one statement
    (bot.services.tagging manages them)."""
    found: dict[int, list[Tag]] = {i: [] for i in ticket_ids}
    if not ticket_ids:
        return found
    links = await TicketTag.filter(ticket_id__in=list(ticket_ids)).select_related("tag")
    for link in sorted(links, key=lambda x: (x.tag.key, x.tag.id)):
        found[link.ticket_id].append(link.tag)
    return found


def _clean_text(text: str, what: str = "text", limit: int = TEXT_LIMIT) -> str:
    text = strip_invisible(text)
    if not text:
        raise Invalid(f"the {what} is empty")
    if len(text) > limit:
        raise Invalid(f"the {what} is longer than {limit} characters")
    return text


# -- creation --------------------------------------------------------------------------------


async def save_attachments(message: Message, files: Sequence[StoredFile]) -> list[Attachment]:
    return [
        await Attachment.create(
            message=message,
            kind=f.kind,
            file_id=f.file_id,
            file_unique_id=f.file_unique_id,
            file_name=f.file_name,
            mime_type=f.mime_type,
            size=f.size,
            sha256=f.sha256,
            stored_path=f.path,
            missing=f.path is None,
        )
        for f in files
    ]


_NEXT_NUMBER = (
    'UPDATE "counter" SET "value" = "value" + 1 WHERE "name" = \'ticket\' RETURNING "value"'
)


async def next_number() -> int:
    """The next ticket number; the counter row is locked until the transaction ends."""
    rows = await Counter._meta.db.execute_query_dict(_NEXT_NUMBER)
    if not rows:
        raise Conflict("the ticket counter is missing; run migrate to seed it")
    return int(rows[0]["value"])


async def _resolve_refs(
    department_id: int, category_id: int | None, priority_id: int | None
) -> tuple[Department, Category | None, Priority]:
    snap = await config.snapshot()
    department = snap.department(department_id)
    if department is None or not department.active:
        raise Invalid("no such active department", {"field": "department_id"})
    category = None
    if category_id is not None:
        category = snap.category(category_id)
        if category is None or not category.active or category.department_id != department.id:
            raise Invalid("no such category in this department", {"field": "category_id"})
    if priority_id is not None:
        priority = snap.priority(priority_id)
        if priority is None or not priority.active:
            raise Invalid("no such priority", {"field": "priority_id"})
    else:
        priority = snap.default_priority()
        if priority is None:
            raise Conflict("no priorities are configured")
    return department, category, priority


async def open_ticket(**details: Any) -> Ticket:
    """Creates a ticket with its first message (see create_ticket)."""
    ticket, _ = await create_ticket(**details)
    return ticket


async def create_ticket(
    *,
    customer: Customer,
    department_id: int,
    category_id: int | None,
    priority_id: int | None,
    subject: str,
    text: str,
    source: TicketSource,
    actor: Actor,
    alert_kind: str | None = None,
    files: Sequence[StoredFile] = (),
    attachments_dir: Path | None = None,
    moved: Sequence[Message] = (),
    details: list[dict] | None = None,
) -> tuple[Ticket, Message]:
    """Creates a ticket with its first message (the customer's, or an alert's text)
    and the files stored for it (`files`, under `attachments_dir`); returns both, the
    ticket with its relations. `moved`: instead, the customer's messages (locked in
    the caller's transaction) that make the new ticket, moved from another with their
    files and copies' links (a split); `text` is then the first one's."""
    subject = _clean_text(subject, "subject", SUBJECT_LIMIT)
    text = _clean_text(text) if not moved else text
    async with joined_transaction():
        # The support level as it is now, and no change of it until this ticket counts
        # under it (people.update_customer moves the tickets it can see).
        customer = await _customer_locked(customer.id)
        counted = rollups.new()
        department, category, priority = await _resolve_refs(
            department_id, category_id, priority_id
        )
        created = now()
        is_alert = source == TicketSource.ALERT
        # An alert waits for the customer: its SLA clock starts when they answer.
        first_due, resolution_due = (
            (None, None)
            if is_alert
            else await sla.due_times(priority.id, customer.support_level, created, department.id)
        )
        status = await _status_for(lifecycle.initial(is_alert=is_alert, assigned=False))
        assignee, reason = (actor.agent, "alert") if is_alert else (None, "")
        not_own(customer, assignee)
        if assignee is None:
            assignee, reason = await assignment.pick_assignee(
                department.id, category, customer.telegram_id
            )
        if assignee is not None and not is_alert:
            status = await _status_for(lifecycle.initial(is_alert=False, assigned=True))
        ticket = await Ticket.create(
            number=await next_number(),
            # The card's renderer (TicketCreated, below) sets the staff chat in force
            # when the department has none of its own.
            staff_chat_id=department.staff_chat_id,
            customer=customer,
            department=department,
            category=category,
            priority=priority,
            status=status,
            subject=subject,
            assignee=assignee,
            source=source,
            alert_kind=alert_kind,
            created_at=created,
            sla_started_at=None if is_alert else created,
            first_response_due=first_due,
            resolution_due=resolution_due,
            last_customer_message_at=None if is_alert else created,
            # An alert is not an answer: an agent's first response to an alert is the
            # first answer after the customer wrote.
            last_agent_message_at=created if is_alert else None,
            answers=1 if is_alert else 0,
            details=details or None,
        )
        if moved:
            ids = [m.id for m in moved]
            await Message.filter(id__in=ids).update(ticket_id=ticket.id)
            await MessageLink.filter(message_id__in=ids).update(ticket_id=ticket.id)
            message = moved[0]
            message.ticket_id = ticket.id
            stored = list(await Attachment.filter(message_id=message.id).order_by("id"))
        else:
            message = await Message.create(
                ticket=ticket,
                kind=MessageKind.AGENT if is_alert else MessageKind.CUSTOMER,
                author_customer=None if is_alert else customer,
                author_agent=actor.agent if is_alert else None,
                text=text,
            )
            stored = await save_attachments(message, files)
        await _record(ticket, "created", actor, source=source.value, alert_kind=alert_kind)
        await relate(ticket)
        await notices.emit(notices.TicketCreated(ticket, message, stored))
        if assignee is not None:
            await _record(ticket, "assigned", SYSTEM, agent_id=assignee.id, reason=reason)
        if is_alert:
            await notices.emit(
                notices.AlertSent(
                    ticket, message, alert_kind or "", subject, text, stored, attachments_dir
                )
            )
            ticket.customer_unread = 1
            await ticket.save(update_fields=["customer_unread"])
            counted.answered(actor.agent.id if actor.agent else None)
        await counted.apply(ticket)
    return ticket, message


ALERT_KINDS = ("information", "complaint", "suspicious_activity")


async def send_alert(
    *,
    customer_id: int,
    kind: str,
    subject: str,
    text: str,
    department_id: int | None,
    priority_id: int | None,
    actor: Actor,
    files: Sequence[tuple[str, str, bytes]] = (),
    attachments_dir: Path | None = None,
) -> Ticket:
    """A ticket started by support towards a customer (information, complaint, ...),
    with optional files (name, MIME type, bytes) sent after the text."""
    if not actor.is_admin:
        raise Forbidden("only admins send alerts")
    if kind not in ALERT_KINDS:
        raise Invalid(f"kind must be one of {', '.join(ALERT_KINDS)}", {"field": "kind"})
    customer = await Customer.get_or_none(id=customer_id)
    if customer is None:
        raise Invalid("no such customer", {"field": "customer_id"})
    if customer.erased_at is not None:
        raise Invalid("the customer was erased", {"field": "customer_id"})
    if department_id is None:
        first = await Department.filter(active=True).order_by("order", "id").first()
        if first is None:
            raise Invalid("no active department to file the alert in", {"field": "department_id"})
        department_id = first.id
    if files and attachments_dir is None:
        raise Invalid("files need an attachments directory")
    stored = [
        await attachments.store(attachments_dir, name, mime, content)  # type: ignore[arg-type]
        for name, mime, content in files
    ]
    return await open_ticket(
        customer=customer,
        department_id=department_id,
        category_id=None,
        priority_id=priority_id,
        subject=subject,
        text=text,
        source=TicketSource.ALERT,
        actor=actor,
        alert_kind=kind,
        files=stored,
        attachments_dir=attachments_dir,
    )


# -- actions -------------------------------------------------------------------------------


def _held_key(ticket_id: int) -> tuple[str, int]:
    return ("held ticket", ticket_id)


async def keep_locked(ticket: Ticket) -> Ticket:
    """`ticket`, just read with FOR UPDATE in the update's transaction, with its
    relations: the services acting on it in this transaction lock it no second time."""
    await relate(ticket)
    return scope.hold(_held_key(ticket.id), ticket)


async def lock(ticket_id: int) -> Ticket | None:
    """The ticket locked for this transaction, with its relations (read once per update:
    a ticket the update locked already is not read again)."""
    known = scope.held(_held_key(ticket_id))
    if known is not scope.MISSING:
        return known
    ticket = await Ticket.filter(id=ticket_id).select_for_update().first()
    return None if ticket is None else await keep_locked(ticket)


async def held_ticket(ticket_id: int, actor: Actor) -> Ticket:
    """The ticket an update acts on, locked for its transaction (see `lock`); another
    department's is reported as missing."""
    ticket = await lock(ticket_id)
    if ticket is None or not actor.may_act_on(ticket):
        raise NotFound(f"ticket {ticket_id} does not exist")
    return ticket


async def _customer_locked(customer_id: int) -> Customer:
    customer = await Customer.filter(id=customer_id).select_for_update(no_key=True).first()
    if customer is None:
        raise Invalid("no such customer", {"field": "customer_id"})
    return customer


async def reply(
    ticket_id: int, text: str, actor: Actor, files: Sequence[StoredFile] = ()
) -> Message:
    """An agent's answer (text and/or files): stored, sent to the customer with Reply
    and rating buttons; the ticket waits for the customer."""
    text = text.strip()
    if not files:
        text = _clean_text(text)
    elif len(text) > TEXT_LIMIT:
        raise Invalid(f"the text is longer than {TEXT_LIMIT} characters")
    async with joined_transaction():
        ticket = await held_ticket(ticket_id, actor)
        if not lifecycle.may_work_on(ticket.status):
            raise Conflict("the ticket is closed; reopen it to answer")
        not_own(ticket.customer, actor.agent)
        counted = rollups.track(ticket)
        moment = now()
        message = await Message.create(
            ticket=ticket, kind=MessageKind.AGENT, author_agent=actor.agent, text=text
        )
        stored = await save_attachments(message, files)
        if ticket.first_response_at is None and ticket.sla_started_at is not None:
            ticket.first_response_at = moment
        ticket.last_agent_message_at = moment
        ticket.customer_unread += 1
        ticket.answers += 1
        counted.answered(actor.agent.id if actor.agent else None)
        answered_to = lifecycle.after_answer(ticket.status)
        if answered_to is not None:
            await _move(ticket, await _status_for(answered_to), moment)
        taker = actor.agent if ticket.assignee_id is None else None
        if taker is not None:
            ticket.assignee = taker
        await ticket.save()
        if taker is not None:
            await _record(ticket, "assigned", actor, agent_id=taker.id, reason="answered")
        await _record(ticket, "replied", actor, message_id=message.id, files=len(stored))
        agent_name = actor.agent.name if actor.agent else None
        await notices.emit(notices.AgentAnswered(ticket, message, agent_name, text, stored))
        await notices.emit(notices.CardChanged(ticket))
        await counted.apply(ticket)
    return message


async def add_note(ticket_id: int, text: str, actor: Actor) -> Message:
    """An internal note: stored and shown to staff, never sent to the customer."""
    text = _clean_text(text)
    async with joined_transaction():
        ticket = await held_ticket(ticket_id, actor)
        message = await Message.create(
            ticket=ticket, kind=MessageKind.NOTE, author_agent=actor.agent, text=text
        )
        await _record(ticket, "noted", actor, message_id=message.id)
    return message


async def _check_agent_for(department_id: int, agent_id: int) -> Agent:
    agent = await Agent.get_or_none(id=agent_id, active=True)
    if agent is None:
        raise Invalid("no such active agent", {"field": "agent_id"})
    if (
        agent.role != AgentRole.ADMIN
        and not await agent.departments.filter(id=department_id).exists()
    ):
        raise Invalid("the agent does not work in the ticket's department", {"field": "agent_id"})
    return agent


async def assign(ticket_id: int, agent_id: int | None, actor: Actor) -> Ticket:
    async with transaction():
        ticket = await held_ticket(ticket_id, actor)
        if not lifecycle.may_work_on(ticket.status):
            raise Conflict("the ticket is closed")
        counted = rollups.track(ticket)
        if agent_id is None:
            if ticket.assignee_id is None:
                return ticket
            previous = ticket.assignee_id
            ticket.assignee = None
            await ticket.save()
            await _record(ticket, "released", actor, agent_id=previous)
        else:
            agent = await _check_agent_for(ticket.department_id, agent_id)
            not_own(ticket.customer, agent)
            ticket.assignee = agent
            assigned_to = lifecycle.after_assign(ticket.status)
            if assigned_to is not None:
                await _move(ticket, await _status_for(assigned_to), now())
            await ticket.save()
            await _record(ticket, "assigned", actor, agent_id=agent.id)
        await notices.emit(notices.CardChanged(ticket))
        await counted.apply(ticket)
    return await get_ticket(ticket_id)


async def after_claim(ticket: Ticket, actor: Actor, counted: rollups.Change) -> Ticket:
    """The claim is won (`ticket`, locked in the caller's transaction, has its new
    assignee; `counted` tracked it before): status, event, card, statistics."""
    await relate(ticket)
    claimed_to = lifecycle.after_assign(ticket.status)
    if claimed_to is not None:
        await _move(ticket, await _status_for(claimed_to), now())
    await ticket.save()  # the assignee (and the status)
    await _record(ticket, "claimed", actor, agent_id=ticket.assignee_id)
    await notices.emit(notices.CardChanged(ticket))
    await counted.apply(ticket)
    return ticket


async def transfer(
    ticket_id: int, department_id: int, agent_id: int | None, actor: Actor
) -> Ticket:
    async with transaction():
        ticket = await held_ticket(ticket_id, actor)
        if not lifecycle.may_work_on(ticket.status):
            raise Conflict("the ticket is closed")
        department = await Department.get_or_none(id=department_id, active=True)
        if department is None:
            raise Invalid("no such active department", {"field": "department_id"})
        previous = ticket.department_id
        if previous == department.id and agent_id in (None, ticket.assignee_id):
            where = " with this assignee" if agent_id else ""
            raise Conflict(f"the ticket is already in this department{where}")
        agent = await _check_agent_for(department.id, agent_id) if agent_id else None
        not_own(ticket.customer, agent)
        before = notices.Before(ticket.department, ticket.category, ticket.assignee, ticket.status)
        counted = rollups.track(ticket)
        ticket.department = department
        if ticket.category is not None and ticket.category.department_id != department.id:
            ticket.category = None
        ticket.assignee = agent
        unassigned_to = lifecycle.after_unassign(ticket.status) if agent is None else None
        if unassigned_to is not None:
            await _move(ticket, await _status_for(unassigned_to), now())
        if hours.of_department(before.department) != hours.of_department(department):
            # Other business hours: the due times are counted in the new department's.
            await sla.follow_priority(ticket)
        await ticket.save()
        await Message.create(
            ticket=ticket,
            kind=MessageKind.SYSTEM,
            text=f"transferred to {department.name}" + (f" ({agent.name})" if agent else ""),
        )
        await _record(
            ticket,
            "transferred",
            actor,
            from_department_id=previous,
            to_department_id=department.id,
            agent_id=agent.id if agent else None,
        )
        await notices.emit(notices.TicketTransferred(ticket, before, actor.name))
        await counted.apply(ticket)
    return await get_ticket(ticket_id)


async def set_priority(ticket_id: int, priority_id: int, actor: Actor) -> Ticket:
    async with transaction():
        ticket = await held_ticket(ticket_id, actor)
        priority = await Priority.get_or_none(id=priority_id, active=True)
        if priority is None:
            raise Invalid("no such priority", {"field": "priority_id"})
        if priority.id == ticket.priority_id:
            return ticket
        previous = ticket.priority_id
        counted = rollups.track(ticket)
        ticket.priority = priority
        # Due times follow the new priority, with the time the clock already stood.
        await sla.follow_priority(ticket)
        await ticket.save()
        await _record(ticket, "priority_changed", actor, old=previous, new=priority.id)
        await notices.emit(notices.CardChanged(ticket))
        await counted.apply(ticket)
    return await get_ticket(ticket_id)


async def set_status(
    ticket_id: int, status_id: int, actor: Actor, *, by_customer: bool = False
) -> Ticket:
    async with transaction():
        ticket = await held_ticket(ticket_id, actor)
        status = await Status.get_or_none(id=status_id)
        if status is None or not status.available:
            raise Invalid("no such available status", {"field": "status_id"})
        if not lifecycle.may_set(status, by_customer=by_customer):
            raise Forbidden(f"this status is set by {status.settable_by.value} only")
        counted = rollups.track(ticket)
        await _change_status(ticket, status, actor)
        if lifecycle.tells_staff_customer_choice(status, by_customer=by_customer):
            # (Closing is told by the lifecycle's own notice.)
            await notices.emit(notices.CustomerChoseStatus(ticket))
        await counted.apply(ticket)
    return await get_ticket(ticket_id)


async def _change_status(ticket: Ticket, status: Status, actor: Actor) -> None:
    if status.id == ticket.status_id:
        raise Conflict("the ticket already has this status")
    previous = ticket.status
    moment = now()
    await _move(ticket, status, moment)
    ticket.resolved_at, ticket.closed_at = lifecycle.stamps(
        previous, status, moment, resolved_at=ticket.resolved_at, closed_at=ticket.closed_at
    )
    await ticket.save()
    kind = lifecycle.change_kind(previous, status)
    await _record(ticket, kind.value, actor, old=previous.id, new=status.id)
    by_customer = actor.type == ActorType.CUSTOMER
    told = lifecycle.customer_notice(status, kind, by_customer=by_customer)
    rate = lifecycle.asks_rating(rated=ticket.csat is not None, by_customer=by_customer)
    await notices.emit(
        notices.TicketStatusChanged(ticket, previous, kind, by_customer, told, ask_rating=rate)
    )


async def resolve(ticket_id: int, actor: Actor) -> Ticket:
    """Staff's Resolve: the status of the resolved role, set as any status is."""
    resolved = await _status_for(lifecycle.Destination.RESOLVED)
    return await set_status(ticket_id, resolved.id, actor)


async def close(ticket_id: int, actor: Actor) -> Ticket:
    async with transaction():
        ticket = await held_ticket(ticket_id, actor)
        if not lifecycle.may_close(ticket.status):
            raise Conflict("the ticket is already closed")
        counted = rollups.track(ticket)
        await _change_status(ticket, await _status_for(lifecycle.Destination.CLOSED), actor)
        await counted.apply(ticket)
    return await get_ticket(ticket_id)


async def reopen(ticket_id: int, actor: Actor) -> Ticket:
    async with transaction():
        ticket = await held_ticket(ticket_id, actor)
        if not lifecycle.may_reopen(ticket.status):
            raise Conflict("only resolved or closed tickets can be reopened")
        counted = rollups.track(ticket)
        ticket.resolved_at = None
        await _change_status(ticket, await _back_to_work(ticket), actor)
        await counted.apply(ticket)
    return await get_ticket(ticket_id)


async def add_customer_message(
    ticket_id: int,
    text: str,
    files: Sequence[StoredFile],
    actor: Actor,
    *,
    held: Ticket | None = None,
) -> Message:
    """A customer's follow-up: stored with its files, relayed to the staff thread; an
    answered ticket goes back to the agents, a resolved one is reopened. `held`: the
    ticket, already locked in the caller's transaction with its relations."""
    text = strip_invisible(text)
    if len(text) > TEXT_LIMIT:
        raise Invalid(f"the text is longer than {TEXT_LIMIT} characters")
    if not text and not files:
        raise Invalid("the message is empty")
    async with joined_transaction():
        ticket = held if held is not None else await held_ticket(ticket_id, actor)
        if not lifecycle.takes_customer_messages(ticket.status):
            raise Conflict("this ticket does not take messages now")
        counted = rollups.track(ticket)
        moment = now()
        message = await Message.create(
            ticket=ticket, kind=MessageKind.CUSTOMER, author_customer=ticket.customer, text=text
        )
        stored = await save_attachments(message, files)
        ticket.last_customer_message_at = moment
        if ticket.sla_started_at is None:
            # The customer answered an alert: from now on the desk is on the clock.
            await sla.start(ticket, moment)
        assigned = bool(ticket.assignee_id)
        if lifecycle.after_customer_message(ticket.status, assigned=assigned) is None:
            await ticket.save()  # (else the status change below saves it)
        await _record(ticket, "customer_replied", actor, message_id=message.id, files=len(files))
        await notices.emit(notices.CustomerMessageReceived(ticket, message, stored))
        if ticket.snoozed_until is not None:
            # A snoozed ticket comes back to the queue, told after the message itself.
            await end_snooze(ticket, moment, "customer", actor)
        written_to = lifecycle.after_customer_message(
            ticket.status, assigned=bool(ticket.assignee_id)
        )
        if written_to is not None:
            await _change_status(ticket, await _status_for(written_to), actor)
        # Otherwise the card shows nothing new: editing it would be rejected as unchanged.
        await counted.apply(ticket)
    return message


async def rate_answer(message_id: int, value: int, actor: Actor) -> Message:
    """The customer's 👍 (+1) or 👎 (-1) on one agent answer; a second press changes it."""
    if value not in (1, -1):
        raise Invalid("a rating is +1 or -1")
    async with transaction():
        message = await Message.get_or_none(id=message_id, kind=MessageKind.AGENT)
        if message is None:
            raise NotFound("no such answer")
        ticket = await held_ticket(message.ticket_id, actor)
        if actor.type == ActorType.CUSTOMER and ticket.customer_id != actor.id:
            raise NotFound("no such answer")
        # The ticket's lock orders the ratings of its answers: the rating as it is now
        # (two presses at once must not both count a change from the same rating).
        await message.refresh_from_db(fields=["rating"])
        if message.rating != value:
            counted = rollups.track(ticket)
            counted.rerated(message.author_agent_id, message.rating, value)
            message.rating = value
            await message.save(update_fields=["rating"])
            await _record(ticket, "rated", actor, message_id=message.id, rating=value)
            await notices.emit(notices.AnswerRated(ticket, message))
            await counted.apply(ticket)
    return message


async def rate_ticket(
    ticket_id: int, score: int, actor: Actor, comment: str | None = None
) -> Ticket:
    """CSAT 1-5 for the support on a ticket, with an optional comment."""
    if not 1 <= score <= 5:
        raise Invalid("CSAT is from 1 to 5")
    async with transaction():
        ticket = await held_ticket(ticket_id, actor)
        if actor.type == ActorType.CUSTOMER and ticket.customer_id != actor.id:
            raise NotFound(f"ticket {ticket_id} does not exist")
        before = (ticket.csat, ticket.csat_comment)
        counted = rollups.track(ticket)
        ticket.csat = score
        if comment is not None:
            ticket.csat_comment = _clean_text(comment, "comment", 2000)
        await ticket.save(update_fields=["csat", "csat_comment", "updated_at"])
        await _record(ticket, "csat", actor, score=score, comment=ticket.csat_comment)
        await notices.emit(
            notices.TicketRated(
                ticket, score=before[0] != score, comment=before[1] != ticket.csat_comment
            )
        )
        # The card does not show CSAT: an edit would be rejected as unchanged.
        await counted.apply(ticket)
    return ticket


# The lifecycle's steps, for the services built on this one (bot.services.merging).
status_of_role = _status
status_for = _status_for
move_status = _move
record = _record
