"""Merging a ticket into another (issue 16, point 1): a customer's duplicate goes into
the ticket that lives on. Its conversation (messages with their files, the copies'
links, so a reply to an old copy lands in the right ticket) and its events move; the
merged ticket is closed with a link to the other; the customer is told which number
lives on; both threads in the staff chat are told; the statistics move the answers
with the messages."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from bot.i18n import speaking
from bot.services import config, rollups, staff_thread, tickets
from bot.services.errors import Conflict, Invalid, NotFound
from bot.services.tickets import Actor
from bot.ui import staff as staff_ui
from bot.ui import texts
from models import Agent, Message, MessageLink, Ticket, TicketEvent
from models.enums import StatusRole


async def merge(source_id: int, target_id: int, actor: Actor) -> Ticket:
    """Merges ticket `source_id` into `target_id`; returns the target as it now is.
    Both must be the same customer's, open, and the actor's to act on."""
    if source_id == target_id:
        raise Invalid("a ticket cannot be merged into itself", {"field": "target_id"})
    async with in_transaction():
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
            if ticket.status.is_final:
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
        closed = await tickets.status_of_role(StatusRole.CLOSED)
        await tickets.move_status(source, closed, moment)
        source.closed_at = moment
        source.resolved_at = source.resolved_at or moment
        await source.save()
        await target.save()
        await tickets.record(source, "merged_into", actor, into=target.number)
        await tickets.record(target, "merged", actor, merged=source.number, messages=moved)
        with speaking(None):
            into_notice = staff_ui.merged_into(source.number, target.number, actor.name)
            here_notice = staff_ui.merged_here(source.number, source.subject, actor.name, moved)
        await staff_thread.in_thread(source, into_notice)
        await staff_thread.in_thread(target, here_notice)
        await tickets.refresh_card(source)
        await tickets.refresh_card(target)
        await tickets.tell_customer(
            source, lambda: texts.ticket_merged(source.number, target.number)
        )
        await counted_source.apply(source)
        await counted_target.apply(target)
    return await tickets.get_ticket(target.id)


async def candidates(ticket: Ticket, agent: Agent) -> list[Ticket]:
    """The tickets `ticket` may be merged into: its customer's other open ones that
    `agent` may act on, newest activity first (a menu's worth)."""
    actor = await tickets.agent_actor(agent)
    final = [s.id for s in (await config.snapshot()).statuses if s.is_final]
    others = (
        await Ticket.filter(customer_id=ticket.customer_id)
        .exclude(id=ticket.id)
        .exclude(status_id__in=final or [0])
        .order_by("-updated_at", "-id")
        .limit(staff_ui.MENU_LIMIT)
    )
    return [o for o in others if actor.may_act_on(o)]
