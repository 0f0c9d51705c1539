"""Merging a ticket into another, and splitting messages off into a new one (issue 16,
point 1).

Merging: a customer's duplicate goes into
the ticket that lives on. Its conversation (messages with their files, the copies'
links, so a reply to an old copy lands in the right ticket) and its events move; the
merged ticket is closed with a link to the other; the customer is told which number
lives on; both threads in the staff chat are told; the statistics move the answers
with the messages. The merged ticket's tags are put on the target too (the union, up to
a ticket's limit of tags; the closed ticket keeps its own, so the statistics by tag
still count it), and a snoozed target is woken: it has new conversation to look at."""

from __future__ import annotations

from typing import cast

from bot.delivery.outbox import transaction
from bot.services import lifecycle, notices, rollups, tagging, tickets
from bot.services.errors import Conflict, Invalid, NotFound
from bot.services.tickets import Actor
from models import Agent, Message, MessageLink, Ticket, TicketEvent, TicketTag
from models.enums import MessageKind, TicketSource


async def merge(source_id: int, target_id: int, actor: Actor) -> Ticket:
    """Merges ticket `source_id` into `target_id`; returns the target as it now is.
    Both must be the same customer's, open, and the actor's to act on."""
    if source_id == target_id:
        raise Invalid("a ticket cannot be merged into itself", {"field": "target_id"})
    async with transaction():
        # Locked in id order: two merges of the same pair at once cannot wait on each
        # other crosswise.
        locked = {}
        for ticket_id in sorted((source_id, target_id)):
            ticket = await tickets.lock(ticket_id)
            if ticket is None or not actor.may_act_on(ticket):
                raise NotFound(f"ticket {ticket_id} does not exist")
            locked[ticket_id] = ticket
        source, target = locked[source_id], locked[target_id]
        if source.customer_id != target.customer_id:
            raise Conflict("only tickets of the same customer can be merged")
        for ticket in (source, target):
            if not lifecycle.may_work_on(ticket.status):
                raise Conflict(f"ticket #{ticket.number} is closed")
        counted_source, counted_target = rollups.track(source), rollups.track(target)
        for row in await rollups.answers_of(source.id):
            author, rating, n = row["author_agent_id"], row["rating"], row["n"]
            counted_source.answers_moved(author, rating, -n)
            counted_target.answers_moved(author, rating, n)
        moved = await Message.filter(ticket_id=source.id).update(ticket_id=target.id)
        await MessageLink.filter(ticket_id=source.id).update(ticket_id=target.id)
        await TicketEvent.filter(ticket_id=source.id).update(ticket_id=target.id)
        target.answers += source.answers
        source.answers = 0
        for field in ("last_customer_message_at", "last_agent_message_at"):
            mine, theirs = getattr(target, field), getattr(source, field)
            if theirs is not None and (mine is None or theirs > mine):
                setattr(target, field, theirs)
        moment = tickets.now()
        closed = await tickets.status_for(lifecycle.Destination.CLOSED)
        await tickets.move_status(source, closed, moment)
        source.closed_at = moment
        source.resolved_at = source.resolved_at or moment
        await source.save()
        await target.save()
        await tickets.record(source, "merged_into", actor, into=target.number)
        await tickets.record(target, "merged", actor, merged=source.number, messages=moved)
        await _carry_tags(source, target, actor)
        if target.snoozed_until is not None:
            await tickets.end_snooze(target, moment, "merge", actor)
        await notices.emit(notices.Merged(source, target, actor.name, moved))
        await counted_source.apply(source)
        await counted_target.apply(target)
    return await tickets.get_ticket(target.id)


async def _carry_tags(source: Ticket, target: Ticket, actor: Actor) -> None:
    """The source's tags the target lacks go on it (in name order while the target has
    room for them), recorded as a "tagged" event of the target."""
    known = await tagging.tags_of([source.id, target.id])
    has = {t.id for t in known[target.id]}
    room = max(tagging.TICKET_TAG_LIMIT - len(has), 0)
    added = [t for t in known[source.id] if t.id not in has][:room]
    if added:
        await TicketTag.bulk_create([TicketTag(ticket_id=target.id, tag=t) for t in added])
        await tickets.record(target, "tagged", actor, tags=[t.name for t in added])


async def candidates(ticket: Ticket, agent: Agent) -> list[Ticket]:
    """The tickets `ticket` may be merged into: its customer's other open ones that
    `agent` may act on, newest activity first (a menu's worth)."""
    actor = await tickets.agent_actor(agent)
    others = Ticket.filter(customer_id=ticket.customer_id, **lifecycle.OPEN_TICKETS).exclude(
        id=ticket.id
    )
    if actor.departments is not None:
        others = others.filter(department_id__in=list(actor.departments))
    return list(await others.order_by("-updated_at", "-id").limit(tickets.MENU_LIMIT))


async def split(
    source_id: int,
    message_ids: list[int],
    actor: Actor,
    *,
    department_id: int | None = None,
    subject: str | None = None,
) -> Ticket:
    """Customer messages `message_ids` of ticket `source_id` become a new ticket of the
    same customer (in `department_id`, else the same department; `subject`, else the
    first message's first line): they move with their files and copies' links, the new
    ticket gets its card, and the customer and the old ticket's thread are told."""
    if not message_ids:
        raise Invalid("choose the messages to split off", {"field": "message_ids"})
    async with transaction():
        source = await tickets.held_ticket(source_id, actor)
        if not lifecycle.may_work_on(source.status):
            raise Conflict(f"ticket #{source.number} is closed")
        chosen = list(
            await Message.filter(id__in=message_ids, ticket_id=source.id)
            .select_for_update()
            .order_by("id")
        )
        if len(chosen) != len(set(message_ids)):
            raise NotFound("some of these messages are not in this ticket")
        if any(m.kind != MessageKind.CUSTOMER for m in chosen):
            raise Invalid("only the customer's messages can be split off")
        first = await Message.filter(ticket_id=source.id).order_by("id").first()
        if first is not None and first.id == chosen[0].id:
            raise Conflict("the ticket's first message stays with it; split off later ones")
        department = department_id or source.department_id
        title = subject or _subject_of(chosen, source.number)
        ticket, _ = await tickets.create_ticket(
            customer=source.customer,
            department_id=department,
            category_id=source.category_id if department == source.department_id else None,
            priority_id=source.priority_id,
            subject=title,
            text=chosen[0].text,
            source=TicketSource.TELEGRAM,
            actor=actor,
            moved=chosen,
        )
        await tickets.record(source, "split", actor, into=ticket.number, messages=len(chosen))
        await tickets.record(ticket, "split_from", actor, source=source.number)
        await notices.emit(notices.Split(source, ticket, len(chosen), actor.name))
    return await tickets.get_ticket(ticket.id)


def _subject_of(messages: list[Message], number: int) -> str:
    for message in messages:
        line = (message.text or "").strip().split("\n", 1)[0].strip()
        if line:
            return line[:100]
    return f"#{number} (split)"


async def split_from_copy(chat_id: int, telegram_message_id: int, actor: Actor) -> Ticket:
    """`/split` in reply to the staff copy of a customer's message: it and the
    customer's later messages in that ticket become a new ticket."""
    link = await MessageLink.get_or_none(chat_id=chat_id, telegram_message_id=telegram_message_id)
    message = None if link is None else await Message.get_or_none(id=link.message_id)
    if message is None or message.kind != MessageKind.CUSTOMER:
        raise Invalid("reply to a customer's message in a ticket's thread")
    ids = await Message.filter(
        ticket_id=message.ticket_id, kind=MessageKind.CUSTOMER, id__gte=message.id
    ).values_list("id", flat=True)
    return await split(message.ticket_id, cast(list[int], ids), actor)
