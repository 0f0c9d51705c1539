"""Tickets: the list (the API's filters, search, keyset pages), a ticket's page with its
conversation, files and history, and the agent actions, through bot.services (the
same calls as the staff chat and the API: the card is edited, the customer told)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from aiohttp import web

from admin_api.schemas.tickets import (
    AssignIn,
    ReplyIn,
    SplitIn,
    TicketPriorityIn,
    TicketQuery,
    TicketStatusIn,
    TransferIn,
)
from bot.services import (
    config,
    lifecycle,
    lookup,
    merging,
    snoozing,
    staff,
    tagging,
    ticket_queries,
    tickets,
    tokens,
)
from bot.services.errors import DomainError, Invalid, NotFound
from bot.services.settings import runtime_settings
from console.i18n import N_
from console.keys import RENDERER, SETTINGS
from console.views.common import (
    actor,
    blank_to_none,
    domain_errors,
    form,
    parse,
    principal,
    wake,
)
from models import Agent
from models.enums import TokenRole

LIST_FIELDS = (
    "q",
    "status_role",
    "department_id",
    "priority_id",
    "assignee_id",
    "unassigned",
    "sla_state",
    "snoozed",
    "all_statuses",
    "sort",
    "cursor",
)
# Repeatable filters: several values in the query string.
LISTS = ("status_id", "tag")
PAGE_SIZE = 50
# Shown in the page itself; anything else (SVG can carry script) is a download.
INLINE_IMAGES = ("image/png", "image/jpeg", "image/gif", "image/webp")


def _ticket_query(request: web.Request) -> tuple[dict[str, Any], Any, dict[str, str]]:
    values: dict[str, Any] = {name: request.query.get(name, "") for name in LIST_FIELDS}
    raw: dict[str, Any] = blank_to_none(dict(values))
    statuses = [s for s in request.query.getall("status_id", []) if s.strip()]
    if statuses:
        raw["status_id"] = statuses
    tags = [t for t in request.query.getall("tag", []) if t.strip()]
    if tags:
        raw["tag"] = tags
    raw["limit"] = PAGE_SIZE
    values["status_id"] = statuses
    values["tag"] = tags
    parsed, errors = parse(TicketQuery, raw)
    return values, parsed, errors


async def _options(request: web.Request) -> dict[str, Any]:
    scope = await tokens.read_scope(principal(request))
    snapshot = await config.snapshot()
    departments = [
        d
        for d in snapshot.departments
        if d.active and (scope.departments is None or d.id in scope.departments)
    ]
    agents = [
        a
        for a in snapshot.agents
        if a.active
        and (
            scope.departments is None
            or a.id == scope.agent_id
            or snapshot.departments_of(a.id) & scope.departments
        )
    ]
    return {
        "departments": departments,
        "all_departments": [d for d in snapshot.departments if d.active],
        "agents": agents,
        "all_agents": [a for a in snapshot.agents if a.active],
        "priorities": [p for p in snapshot.priorities if p.active],
        "statuses": list(snapshot.statuses),
        "tags": await tagging.all_tags(),
    }


async def ticket_list(request: web.Request) -> web.Response:
    values, query, errors = _ticket_query(request)
    page = None
    tag_ids: tuple[int, ...] | None = None
    if query is not None:
        try:
            tag_ids = tuple(t.id for t in await tagging.by_names(query.tag)) if query.tag else ()
        except Invalid as exc:
            errors["tag"] = exc.message
    if query is not None and tag_ids is not None:
        flt = ticket_queries.TicketFilter(
            status_ids=tuple(query.status_id),
            tag_ids=tag_ids,
            status_role=query.status_role,
            department_id=query.department_id,
            priority_id=query.priority_id,
            assignee_id=query.assignee_id,
            unassigned=query.unassigned,
            sla_state=query.sla_state,
            snoozed=query.snoozed,
            q=query.q,
            all_statuses=query.all_statuses,
        )
        try:
            page = await ticket_queries.list_tickets(
                flt,
                await actor(request),
                sort=query.sort,
                limit=PAGE_SIZE,
                cursor=query.cursor,
                with_total=True,
            )
        except Invalid as exc:
            errors.update(domain_errors(exc))
        else:
            await tagging.attach(page.rows)
    next_link = None
    if page is not None and page.next_cursor:
        kept = [(k, v) for k, v in values.items() if v and k not in ("cursor", *LISTS)]
        kept += [(k, v) for k in LISTS for v in values[k]]
        next_link = "?" + urlencode([*kept, ("cursor", page.next_cursor)])
    context = {
        "values": values,
        "errors": errors,
        "page": page,
        "next_link": next_link,
        "first_link": "?"
        + urlencode(
            [(k, v) for k, v in values.items() if v and k not in ("cursor", *LISTS)]
            + [(k, v) for k in LISTS for v in values[k]]
        ),
        **await _options(request),
    }
    status = 422 if errors else 200
    return request.app[RENDERER].page(request, "tickets.html", context, status=status)


def _ticket_id(request: web.Request) -> int:
    text = request.match_info["ticket_id"]
    if not text.isdigit() or len(text) > 10 or int(text) > 2**31 - 1:
        raise web.HTTPNotFound(reason="no such ticket")
    return int(text)


async def _agent_of(request: web.Request) -> Agent | None:
    who = principal(request)
    if who.agent_id is None:
        return None
    return await Agent.get_or_none(id=who.agent_id, active=True)


async def _ticket_page(
    request: web.Request,
    ticket_id: int,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    picked: list[str] | None = None,
    status: int = 200,
) -> web.Response:
    acting = await actor(request)
    ticket, messages = await ticket_queries.conversation(ticket_id, acting, include_notes=True)
    events = await ticket_queries.history(ticket_id, acting)
    agent = await _agent_of(request)
    options = await _options(request)
    settable = [
        s for s in options["statuses"] if s.available and lifecycle.may_set(s, by_customer=False)
    ]
    templates = await staff.templates_for(ticket)
    context = {
        "ticket": ticket,
        "messages": messages,
        "events": events,
        "errors": errors or {},
        "values": values or {},
        "picked": picked or [],  # the messages ticked for a split that was refused
        "may_claim": agent is not None and ticket.assignee_id is None,
        "may_assign": principal(request).role == TokenRole.ADMIN,
        "settable": settable,
        "templates": templates,
        "done": request.query.get("done", ""),
        "inline_images": INLINE_IMAGES,
        **options,
    }
    return request.app[RENDERER].page(request, "ticket.html", context, status=status)


async def ticket_page(request: web.Request) -> web.Response:
    return await _ticket_page(request, _ticket_id(request))


async def _merge(ticket_id: int, typed: str, acting: tickets.Actor) -> None:
    """Merge into…: the number typed; any refusal (no such ticket for this token, another
    customer's, itself, closed) is the field's, and nothing changes."""
    await tickets.get_ticket(ticket_id, acting)  # this ticket in scope, else 404
    try:
        number = lookup.parse_number(typed)
    except Invalid as exc:
        raise _FormErrors({"target": exc.message}) from None
    try:
        target = await lookup.by_number(number, acting)
        await merging.merge(ticket_id, target.id, acting)
    except DomainError as exc:
        status = 422 if isinstance(exc, Invalid) else 409
        raise _FormErrors({"target": exc.message}, status=status) from None


async def _split(
    request: web.Request, ticket_id: int, data: dict[str, str], acting: tickets.Actor
) -> int:
    """Split…: the ticked customer messages, a department, a subject; returns the new
    ticket's id."""
    posted = await request.post()
    chosen = [v for v in posted.getall("message_id", []) if isinstance(v, str)]
    raw = blank_to_none(
        {k: data.get(k, "") for k in ("department_id", "subject")} | {"message_ids": chosen}
    )
    if not chosen:
        raise _FormErrors({"message_ids": N_("tick the customer's messages to split off")})
    body, errors = parse(SplitIn, raw)
    if errors:
        raise _FormErrors(errors)
    await tickets.get_ticket(ticket_id, acting)  # this ticket in scope, else 404
    try:
        created = await merging.split(
            ticket_id,
            list(body.message_ids),
            acting,
            department_id=body.department_id,
            subject=body.subject,
        )
    except NotFound as exc:  # a message of another ticket, a department that is gone
        raise _FormErrors(domain_errors(exc), status=409) from None
    return created.id


async def _apply(request: web.Request, name: str, data: dict[str, str]) -> int | None:
    """Does the action; the id of a ticket it opened (a split), else None."""
    ticket_id = _ticket_id(request)
    acting = await actor(request)
    if name == "reply":
        body, errors = parse(ReplyIn, {"text": data.get("text", "")})
        if errors:
            raise _FormErrors(errors)
        await tickets.reply(ticket_id, body.text, acting)
    elif name == "note":
        body, errors = parse(ReplyIn, {"text": data.get("text", "")})
        if errors:
            raise _FormErrors(errors)
        await tickets.add_note(ticket_id, body.text, acting)
    elif name == "claim":
        agent = await _agent_of(request)
        if agent is None:
            raise Invalid(N_("only a token of an agent claims tickets; an admin assigns them"))
        await tickets.get_ticket(ticket_id, acting)  # in scope, else 404
        await staff.claim(ticket_id, agent)
    elif name == "assign":
        body, errors = parse(AssignIn, {"agent_id": data.get("agent_id") or None})
        if errors:
            raise _FormErrors(errors)
        await tickets.assign(ticket_id, body.agent_id, acting)
    elif name == "transfer":
        raw = blank_to_none({k: data.get(k, "") for k in ("department_id", "agent_id")})
        body, errors = parse(TransferIn, raw)
        if errors:
            raise _FormErrors(errors)
        await tickets.transfer(ticket_id, body.department_id, body.agent_id, acting)
    elif name == "priority":
        body, errors = parse(
            TicketPriorityIn, blank_to_none({"priority_id": data.get("priority_id", "")})
        )
        if errors:
            raise _FormErrors(errors)
        await tickets.set_priority(ticket_id, body.priority_id, acting)
    elif name == "status":
        body, errors = parse(
            TicketStatusIn, blank_to_none({"status_id": data.get("status_id", "")})
        )
        if errors:
            raise _FormErrors(errors)
        await tickets.set_status(ticket_id, body.status_id, acting)
    elif name == "snooze":
        typed = " ".join(data.get("duration", "").split())
        if not typed:
            raise _FormErrors({"duration": N_("how long: 30m, 3h, 2d, 1w, or a UTC time")})
        await snoozing.snooze(ticket_id, snoozing.parse(typed, tickets.now()), acting)
    elif name == "unsnooze":
        await snoozing.unsnooze(ticket_id, acting)
    elif name == "merge":
        await _merge(ticket_id, data.get("target", ""), acting)
    elif name == "split":
        return await _split(request, ticket_id, data, acting)
    elif name == "close":
        await tickets.close(ticket_id, acting)
    elif name == "reopen":
        await tickets.reopen(ticket_id, acting)
    else:
        raise web.HTTPNotFound(reason="no such action")
    return None


class _FormErrors(Exception):
    def __init__(self, errors: dict[str, str], *, status: int = 422) -> None:
        super().__init__("invalid form")
        self.errors = errors
        self.status = status


async def ticket_action(request: web.Request) -> web.StreamResponse:
    ticket_id = _ticket_id(request)
    name = request.match_info["action"]
    data = await form(request)
    try:
        opened = await _apply(request, name, data)
    except (_FormErrors, DomainError) as exc:
        if isinstance(exc, DomainError) and exc.status == 404:
            raise
        found = exc.errors if isinstance(exc, _FormErrors) else domain_errors(exc)
        return await _ticket_page(
            request,
            ticket_id,
            errors={f"{name}.{k}": v for k, v in found.items()},
            values=data,
            picked=await _picked(request, name),
            status=exc.status,
        )
    wake(request)
    raise web.HTTPSeeOther(f"/console/tickets/{opened or ticket_id}?done={quote(name)}")


async def _picked(request: web.Request, name: str) -> list[str]:
    if name != "split":
        return []
    return [v for v in (await request.post()).getall("message_id", []) if isinstance(v, str)]


async def attachment(request: web.Request) -> web.StreamResponse:
    text = request.match_info["attachment_id"]
    if not text.isdigit() or len(text) > 10 or int(text) > 2**31 - 1:
        raise web.HTTPNotFound(reason="no such attachment")
    found = await ticket_queries.attachment_for(int(text), await actor(request))
    current = await runtime_settings(request.app[SETTINGS])
    path = ticket_queries.stored_file(current.attachments_dir, found)
    name = found.file_name or f"attachment-{found.id}"
    mime = found.mime_type or "application/octet-stream"
    inline = mime in INLINE_IMAGES and request.query.get("download") is None
    disposition = "inline" if inline else "attachment"
    return web.FileResponse(
        path,
        headers={
            "Content-Type": mime if inline else "application/octet-stream",
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(name)}",
            "X-Content-Type-Options": "nosniff",
        },
    )


def register(app: web.Application) -> None:
    app.router.add_get("/tickets", ticket_list)
    app.router.add_get("/tickets/{ticket_id}", ticket_page)
    app.router.add_post("/tickets/{ticket_id}/{action}", ticket_action)
    app.router.add_get("/attachments/{attachment_id}", attachment)
