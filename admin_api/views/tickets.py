"""Tickets: list, detail, conversation, history, actions; alerts; attachment downloads."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from urllib.parse import quote

from aiohttp import web

from admin_api.keys import PROCESS_SETTINGS, WAKE_OUTBOX
from admin_api.registry import ACT_ROLES, ADMIN_ONLY, Call, Registry
from admin_api.schemas.tickets import (
    AlertIn,
    AssignIn,
    AttachmentOut,
    Author,
    CustomerHistoryOut,
    EventOut,
    MergeIn,
    MessageOut,
    ReplyIn,
    SnoozeIn,
    SplitIn,
    TicketOut,
    TicketPage,
    TicketPriorityIn,
    TicketQuery,
    TicketStatusIn,
    TransferIn,
)
from bot.services import lookup, merging, snoozing, tagging, ticket_queries, tickets
from bot.services.errors import Invalid
from bot.services.settings import runtime_settings
from bot.services.tokens import Principal
from models import Message, Ticket
from models.enums import TokenRole

# Files travel base64-encoded (4/3 of their size) inside the JSON of an alert.
ALERT_BODY_BYTES = 24 * 1024 * 1024
# What an agent token sees (OpenAPI descriptions): its agent's departments only.
TICKETS_SCOPE = "only tickets of their agent's departments."
TICKET_SCOPE = "only tickets of their agent's departments; others are 404."
FILE_RESPONSE = {
    "description": "The stored file, with its name and MIME type",
    # The stored file's own MIME type (image/png, application/pdf, ...).
    "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
}


async def actor_for(principal: Principal, as_agent_id: int | None = None) -> tickets.Actor:
    admin = principal.role == TokenRole.ADMIN
    if as_agent_id is not None:
        if not admin:
            raise Invalid("only admin tokens may act as another agent", {"field": "as_agent_id"})
        return await ticket_queries.acting_as(as_agent_id)
    if principal.role == TokenRole.READONLY:
        return tickets.Actor(tickets.ActorType.API, principal.name, departments=None)
    return await tickets.api_actor(principal.name, agent_id=principal.agent_id, admin=admin)


def _author(message: Message) -> Author:
    if message.author_agent is not None:
        return Author(type="agent", id=message.author_agent.id, name=message.author_agent.name)
    if message.author_customer is not None:
        customer = message.author_customer
        return Author(type="customer", id=customer.id, name=customer.display_name)
    return Author(type="system", id=None, name="system")


def message_out(message: Message) -> MessageOut:
    return MessageOut(
        id=message.id,
        kind=message.kind.value,
        text=message.text,
        author=_author(message),
        rating=message.rating,
        created_at=message.created_at,
        edited_at=message.edited_at,
        attachments=[
            AttachmentOut(
                id=a.id,
                kind=a.kind.value,
                file_name=a.file_name,
                mime_type=a.mime_type,
                size=a.size,
                sha256=a.sha256,
                missing=a.missing or a.stored_path is None,
                download_url=f"/api/v1/attachments/{a.id}",
            )
            for a in message.attachments
        ],
    )


async def ticket_out(ticket: Ticket) -> TicketOut:
    """A ticket with its tags, as every ticket endpoint answers."""
    await tagging.attach([ticket])
    return TicketOut.model_validate(ticket)


def register(api: Registry) -> None:
    tag = "tickets"

    @api.route(
        "GET",
        "/tickets",
        summary="List tickets (filters, search, keyset pages)",
        tag=tag,
        query=TicketQuery,
        response=TicketPage,
        scope=TICKETS_SCOPE,
    )
    async def list_tickets(call: Call) -> TicketPage:
        q: TicketQuery = call.query
        tag_ids = tuple(t.id for t in await tagging.by_names(q.tag)) if q.tag else ()
        flt = ticket_queries.TicketFilter(
            status_ids=tuple(q.status_id),
            status_role=q.status_role,
            department_id=q.department_id,
            category_id=q.category_id,
            priority_id=q.priority_id,
            assignee_id=q.assignee_id,
            unassigned=q.unassigned,
            customer_id=q.customer_id,
            sla_state=q.sla_state,
            source=q.source,
            created_from=q.created_from,
            created_to=q.created_to,
            updated_from=q.updated_from,
            updated_to=q.updated_to,
            archived=q.archived,
            snoozed=q.snoozed,
            tag_ids=tag_ids,
            q=q.q,
            all_statuses=q.all_statuses,
        )
        page = await ticket_queries.list_tickets(
            flt,
            await actor_for(call.principal),
            sort=q.sort,
            limit=q.limit,
            cursor=q.cursor,
            with_total=q.with_total,
        )
        await tagging.attach(page.rows)
        return TicketPage(
            items=[TicketOut.model_validate(t) for t in page.rows],
            next_cursor=page.next_cursor,
            total=page.total,
            total_exact=page.total_exact,
        )

    @api.route(
        "GET",
        "/tickets/{ticket_id}",
        summary="Get a ticket",
        tag=tag,
        response=TicketOut,
        scope=TICKET_SCOPE,
    )
    async def get_ticket(call: Call) -> TicketOut:
        ticket = await tickets.get_ticket(call.path["ticket_id"], await actor_for(call.principal))
        return await ticket_out(ticket)

    @api.route(
        "GET",
        "/tickets/by-number/{number}",
        summary="Get a ticket by its number (what customers and agents see: #1042)",
        tag=tag,
        response=TicketOut,
        scope=TICKET_SCOPE,
    )
    async def by_number(call: Call) -> TicketOut:
        ticket = await lookup.by_number(call.path["number"], await actor_for(call.principal))
        return await ticket_out(ticket)

    @api.route(
        "GET",
        "/customers/{customer_id}/history",
        summary="A customer's history with the desk: open and latest tickets, ratings",
        tag="customers",
        response=CustomerHistoryOut,
        scope="only tickets of their agent's departments; a customer without one is 404.",
    )
    async def customer_history(call: Call) -> CustomerHistoryOut:
        h = await lookup.customer_history(call.path["customer_id"], await actor_for(call.principal))
        return CustomerHistoryOut(
            customer_id=h.customer.id,
            total=h.total,
            open_count=h.open_count,
            open=[TicketOut.model_validate(t) for t in await tagging.attach(h.open)],
            recent=[TicketOut.model_validate(t) for t in await tagging.attach(h.recent)],
            csat_average=h.csat_average,
            csat_count=h.csat_count,
            answers_liked=h.answers_liked,
            answers_disliked=h.answers_disliked,
        )

    @api.route(
        "POST",
        "/tickets/{ticket_id}/merge",
        summary="Merge the ticket into another of the same customer: its messages and "
        "events move there, it is closed, the customer is told which number lives on",
        tag=tag,
        roles=ACT_ROLES,
        scope=TICKET_SCOPE,
        body=MergeIn,
        response=TicketOut,
        errors=(409,),
    )
    async def merge(call: Call) -> TicketOut:
        target = await merging.merge(
            call.path["ticket_id"], call.body.target_id, await actor_for(call.principal)
        )
        return await _done(call, target)

    @api.route(
        "POST",
        "/tickets/{ticket_id}/split",
        summary="Split customer messages off into a new ticket of the same customer",
        tag=tag,
        roles=ACT_ROLES,
        scope=TICKET_SCOPE,
        body=SplitIn,
        response=TicketOut,
        status=201,
        errors=(409,),
    )
    async def split(call: Call) -> TicketOut:
        body: SplitIn = call.body
        created = await merging.split(
            call.path["ticket_id"],
            list(body.message_ids),
            await actor_for(call.principal),
            department_id=body.department_id,
            subject=body.subject,
        )
        return await _done(call, created)

    @api.route(
        "POST",
        "/tickets/{ticket_id}/snooze",
        summary="Snooze the ticket until a time (or for a duration): out of the staff chat's "
        "queues until then or until the customer writes; the SLA clock stands as while waiting",
        tag=tag,
        roles=ACT_ROLES,
        scope=TICKET_SCOPE,
        body=SnoozeIn,
        response=TicketOut,
        errors=(409,),
    )
    async def snooze(call: Call) -> TicketOut:
        body: SnoozeIn = call.body
        moment = tickets.now()
        if body.duration is not None:
            until = snoozing.parse(body.duration, moment)
        else:
            assert body.until is not None  # SnoozeIn takes exactly one of the two
            until = snoozing.checked(body.until, moment)
        ticket = await snoozing.snooze(
            call.path["ticket_id"], until, await actor_for(call.principal)
        )
        return await _done(call, ticket)

    @api.route(
        "DELETE",
        "/tickets/{ticket_id}/snooze",
        summary="End the ticket's snooze: it is back in the queue",
        tag=tag,
        roles=ACT_ROLES,
        scope=TICKET_SCOPE,
        response=TicketOut,
        errors=(409,),
    )
    async def unsnooze(call: Call) -> TicketOut:
        ticket = await snoozing.unsnooze(call.path["ticket_id"], await actor_for(call.principal))
        return await _done(call, ticket)

    @api.route(
        "GET",
        "/tickets/{ticket_id}/messages",
        summary="The conversation, internal notes included (kind: note)",
        tag=tag,
        response=list[MessageOut],
        scope=TICKET_SCOPE,
    )
    async def messages(call: Call) -> list[MessageOut]:
        _, rows = await ticket_queries.conversation(
            call.path["ticket_id"], await actor_for(call.principal), include_notes=True
        )
        return [message_out(m) for m in rows]

    @api.route(
        "GET",
        "/tickets/{ticket_id}/events",
        summary="The ticket's history",
        tag=tag,
        response=list[EventOut],
        scope=TICKET_SCOPE,
    )
    async def events(call: Call) -> list[EventOut]:
        rows = await ticket_queries.history(call.path["ticket_id"], await actor_for(call.principal))
        return [EventOut.model_validate(e) for e in rows]

    async def _done(call: Call, ticket: Ticket) -> TicketOut:
        """The services return the ticket as it now is; the sender looks at once."""
        call.request.app[WAKE_OUTBOX]()
        return await ticket_out(ticket)

    @api.route(
        "POST",
        "/tickets/{ticket_id}/reply",
        summary="Answer the customer as an agent (delivered in Telegram)",
        tag=tag,
        roles=ACT_ROLES,
        scope=TICKET_SCOPE,
        body=ReplyIn,
        response=MessageOut,
        status=201,
        errors=(409,),
    )
    async def reply(call: Call) -> MessageOut:
        actor = await actor_for(call.principal, call.body.as_agent_id)
        message = await tickets.reply(call.path["ticket_id"], call.body.text, actor)
        call.request.app[WAKE_OUTBOX]()
        return message_out(await ticket_queries.with_authors(message))

    @api.route(
        "POST",
        "/tickets/{ticket_id}/notes",
        summary="Add an internal note (never shown to the customer)",
        tag=tag,
        roles=ACT_ROLES,
        scope=TICKET_SCOPE,
        body=ReplyIn,
        response=MessageOut,
        status=201,
    )
    async def note(call: Call) -> MessageOut:
        actor = await actor_for(call.principal, call.body.as_agent_id)
        message = await tickets.add_note(call.path["ticket_id"], call.body.text, actor)
        return message_out(await ticket_queries.with_authors(message))

    @api.route(
        "POST",
        "/tickets/{ticket_id}/assign",
        summary="Assign (or release with null)",
        tag=tag,
        roles=ACT_ROLES,
        scope=TICKET_SCOPE,
        body=AssignIn,
        response=TicketOut,
        errors=(409,),
    )
    async def assign(call: Call) -> TicketOut:
        ticket_id = call.path["ticket_id"]
        ticket = await tickets.assign(
            ticket_id, call.body.agent_id, await actor_for(call.principal)
        )
        return await _done(call, ticket)

    @api.route(
        "POST",
        "/tickets/{ticket_id}/transfer",
        summary="Move to another department (optionally to an agent)",
        tag=tag,
        roles=ACT_ROLES,
        scope=TICKET_SCOPE,
        body=TransferIn,
        response=TicketOut,
        errors=(409,),
    )
    async def transfer(call: Call) -> TicketOut:
        ticket_id = call.path["ticket_id"]
        ticket = await tickets.transfer(
            ticket_id,
            call.body.department_id,
            call.body.agent_id,
            await actor_for(call.principal),
        )
        return await _done(call, ticket)

    @api.route(
        "POST",
        "/tickets/{ticket_id}/status",
        summary="Change the status",
        tag=tag,
        roles=ACT_ROLES,
        scope=TICKET_SCOPE,
        body=TicketStatusIn,
        response=TicketOut,
        errors=(409,),
    )
    async def status(call: Call) -> TicketOut:
        ticket_id = call.path["ticket_id"]
        ticket = await tickets.set_status(
            ticket_id, call.body.status_id, await actor_for(call.principal)
        )
        return await _done(call, ticket)

    @api.route(
        "POST",
        "/tickets/{ticket_id}/priority",
        summary="Change the priority",
        tag=tag,
        roles=ACT_ROLES,
        scope=TICKET_SCOPE,
        body=TicketPriorityIn,
        response=TicketOut,
    )
    async def priority(call: Call) -> TicketOut:
        ticket_id = call.path["ticket_id"]
        ticket = await tickets.set_priority(
            ticket_id, call.body.priority_id, await actor_for(call.principal)
        )
        return await _done(call, ticket)

    @api.route(
        "POST",
        "/tickets/{ticket_id}/close",
        summary="Close the ticket",
        tag=tag,
        roles=ACT_ROLES,
        scope=TICKET_SCOPE,
        response=TicketOut,
        errors=(409,),
    )
    async def close(call: Call) -> TicketOut:
        ticket_id = call.path["ticket_id"]
        ticket = await tickets.close(ticket_id, await actor_for(call.principal))
        return await _done(call, ticket)

    @api.route(
        "POST",
        "/tickets/{ticket_id}/reopen",
        summary="Reopen a resolved or closed ticket",
        tag=tag,
        roles=ACT_ROLES,
        scope=TICKET_SCOPE,
        response=TicketOut,
        errors=(409,),
    )
    async def reopen(call: Call) -> TicketOut:
        ticket_id = call.path["ticket_id"]
        ticket = await tickets.reopen(ticket_id, await actor_for(call.principal))
        return await _done(call, ticket)

    @api.route(
        "POST",
        "/alerts",
        summary="Start a ticket towards a customer (information, complaint, suspicious activity)",
        tag="alerts",
        roles=ADMIN_ONLY,
        body=AlertIn,
        response=TicketOut,
        status=201,
        errors=(507,),
        max_body=ALERT_BODY_BYTES,
    )
    async def alert(call: Call) -> TicketOut:
        body: AlertIn = call.body
        files = []
        for index, item in enumerate(body.files):
            try:
                content = base64.b64decode(item.content_base64, validate=True)
            except (binascii.Error, ValueError):
                where = ["files", str(index), "content_base64"]
                detail = {"loc": where, "msg": "not valid base64", "type": "base64"}
                raise Invalid("invalid body", [detail]) from None
            files.append((item.file_name, item.mime_type, content))
        current = await runtime_settings(call.request.app[PROCESS_SETTINGS])
        ticket = await tickets.send_alert(
            customer_id=body.customer_id,
            kind=body.kind,
            subject=body.subject,
            text=body.text,
            department_id=body.department_id,
            priority_id=body.priority_id,
            actor=await actor_for(call.principal, body.as_agent_id),
            files=files,
            attachments_dir=Path(current.attachments_dir),
        )
        call.request.app[WAKE_OUTBOX]()
        return await ticket_out(ticket)

    @api.route(
        "GET",
        "/attachments/{attachment_id}",
        summary="Download an attachment",
        tag="attachments",
        raw_response=FILE_RESPONSE,
        scope="only files of their agent's departments' tickets; others are 404.",
    )
    async def download(call: Call) -> web.StreamResponse:
        attachment = await ticket_queries.attachment_for(
            call.path["attachment_id"], await actor_for(call.principal)
        )
        current = await runtime_settings(call.request.app[PROCESS_SETTINGS])
        path = ticket_queries.stored_file(current.attachments_dir, attachment)
        name = attachment.file_name or f"attachment-{attachment.id}"
        return web.FileResponse(
            path,
            headers={
                "Content-Type": attachment.mime_type or "application/octet-stream",
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
                "X-Content-Type-Options": "nosniff",
            },
        )
