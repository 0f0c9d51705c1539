"""Macros (issue 16, point 6): a named sequence an agent applies to a ticket with one
button or `/macro name` - an answer to the customer (a canned answer), tags to add, an
assignee (an agent, or whoever applies it) and a status.

Applying runs the very services each step has by hand (the answer through
tickets.reply and the outbox, the status through the transition rules), all in one
transaction: a step that is refused (a status agents may not set, an assignee outside
the ticket's department, a closed ticket to answer) refuses the whole macro, and
nothing of it is written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from bot.delivery.outbox import transaction
from bot.i18n import speaking
from bot.services import lifecycle, scope, staff, staff_thread, tagging, tickets
from bot.services.directory import get_or_404, page, require_ref, save
from bot.services.errors import Conflict, Forbidden, Invalid, NotFound
from bot.services.tickets import Actor
from bot.ui import staff as staff_ui
from bot.ui import texts
from models import Agent, Macro, Status, Template, Ticket
from models.enums import AgentRole, Side


def key_of(name: str) -> str:
    return " ".join(name.split()).casefold()


# -- the admins' list ----------------------------------------------------------------------


def _query():
    return Macro.all().prefetch_related("tags")


async def list_macros(
    limit: int, offset: int, *, active: bool | None = None
) -> tuple[list[Macro], int]:
    query = _query().order_by("name", "id")
    if active is not None:
        query = query.filter(active=active)
    return await page(query, limit, offset)


async def get_macro(macro_id: int) -> Macro:
    return await get_or_404(_query(), macro_id, "macro")


async def _check(fields: dict[str, Any], exclude_id: int | None = None) -> None:
    if "name" in fields:
        fields["name"] = " ".join(fields["name"].split())
        fields["key"] = key_of(fields["name"])
        taken = Macro.filter(key=fields["key"])
        if exclude_id is not None:
            taken = taken.exclude(id=exclude_id)
        if await taken.exists():
            raise Conflict("a macro with this name already exists", {"field": "name"})
    await require_ref(Template, fields.get("template_id"), "template_id", "template")
    status = await require_ref(Status, fields.get("status_id"), "status_id", "status")
    if status is not None and (
        not status.available or not lifecycle.may_set(status, by_customer=False)
    ):
        message = f"status {status.id} is not one agents may set"
        raise Invalid(message, [{"loc": ["status_id"], "msg": message, "type": "not_settable"}])
    agent = await require_ref(Agent, fields.get("assignee_id"), "assignee_id", "agent")
    if agent is not None and not agent.active:
        message = f"agent {agent.id} is not active"
        raise Invalid(message, [{"loc": ["assignee_id"], "msg": message, "type": "inactive"}])


def _consistent(macro: Macro, tags: list) -> None:
    if macro.assign_to_me and macro.assignee_id is not None:
        message = "assign to an agent or to whoever applies it, not both"
        raise Invalid(message, [{"loc": ["assign_to_me"], "msg": message, "type": "conflict"}])
    steps = (macro.template_id, macro.status_id, macro.assignee_id, macro.assign_to_me, tags)
    if not any(steps):
        message = "a macro does something: an answer, a status, tags or an assignee"
        raise Invalid(message, [{"loc": ["template_id"], "msg": message, "type": "empty"}])


async def create_macro(**fields: Any) -> Macro:
    tag_ids = fields.pop("tag_ids", None) or []
    await _check(fields)
    tags = await tagging.by_ids(tag_ids)
    macro = Macro(**fields)
    _consistent(macro, tags)
    async with transaction():
        await save(macro, "macro")
        if tags:
            await macro.tags.add(*tags)
    return await get_macro(macro.id)


async def update_macro(macro_id: int, **fields: Any) -> Macro:
    macro = await get_macro(macro_id)
    tag_ids = fields.pop("tag_ids", None)
    await _check(fields, exclude_id=macro_id)
    tags = await tagging.by_ids(tag_ids) if tag_ids is not None else None
    macro.update_from_dict(fields)
    _consistent(macro, tags if tags is not None else list(macro.tags))
    async with transaction():
        await save(macro, "macro")
        if tags is not None:
            await macro.tags.clear()
            if tags:
                await macro.tags.add(*tags)
    return await get_macro(macro_id)


async def delete_macro(macro_id: int) -> None:
    macro = await get_macro(macro_id)
    await macro.delete()


async def for_ticket() -> list[Macro]:
    """The macros agents may apply (the card's menu)."""
    return list(await Macro.filter(active=True).order_by("name", "id").limit(staff_ui.MENU_LIMIT))


async def by_name(name: str) -> Macro:
    macro = await Macro.get_or_none(key=key_of(name), active=True)
    if macro is None:
        raise UnknownMacro(name)
    return macro


class UnknownMacro(NotFound):
    code = "unknown_macro"

    def __init__(self, name: str) -> None:
        super().__init__("no such macro")
        self.name = name


# -- applying ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Applied:
    ticket: Ticket
    macro: Macro
    steps: list[str]  # what was done: "reply", "tags", "assign", "status"


def _forget(ticket_id: int) -> None:
    # Each step's service locks the ticket in a savepoint of its own: the next step
    # reads it anew rather than a copy an earlier step kept.
    scope.forget(tickets._held_key(ticket_id))


async def apply(ticket_id: int, macro_id: int, actor: Actor) -> Applied:
    """Applies macro `macro_id` to the ticket as `actor`: assignee, tags, answer, status,
    in this order (the answer is the assignee's, the status the last word). All or
    nothing."""
    macro = await Macro.get_or_none(id=macro_id, active=True).prefetch_related("tags")
    if macro is None:
        raise NotFound(f"macro {macro_id} does not exist")
    template = await Template.get_or_none(id=macro.template_id) if macro.template_id else None
    steps: list[str] = []
    async with transaction():
        ticket = await tickets.held_ticket(ticket_id, actor)
        _forget(ticket.id)
        if not lifecycle.may_work_on(ticket.status):
            raise Conflict(f"ticket #{ticket.number} is closed; reopen it first")
        assignee_id = macro.assignee_id
        if macro.assign_to_me:
            if actor.agent is None:
                raise Invalid("this macro assigns the ticket to whoever applies it: an agent")
            assignee_id = actor.agent.id
        if assignee_id is not None and assignee_id != ticket.assignee_id:
            taken = ticket.assignee_id is not None and ticket.assignee_id != getattr(
                actor.agent, "id", None
            )
            if taken and actor.agent is not None and not actor.is_admin:
                # As on the card: only admins take a ticket over from another agent.
                raise Forbidden("only admins take a ticket over from another agent")
            await tickets.assign(ticket.id, assignee_id, actor)
            _forget(ticket.id)
            steps.append("assign")
            ticket = await tickets.get_ticket(ticket.id)
        tags = list(await macro.tags.all())
        if tags:
            changed = await tagging.change(ticket.id, actor, add=tags)
            _forget(ticket.id)
            if changed.added:
                steps.append("tags")
        if template is not None:
            await _answer(ticket, template, actor)
            _forget(ticket.id)
            steps.append("reply")
        if macro.status_id is not None:
            status = await Status.get_or_none(id=macro.status_id)
            current = cast(int, await Ticket.get(id=ticket.id).values_list("status_id", flat=True))
            if status is not None and status.id != current:
                await tickets.set_status(ticket.id, status.id, actor)
                _forget(ticket.id)
                steps.append("status")
        ticket = await tickets.get_ticket(ticket.id)
        await tickets.record(ticket, "macro_applied", actor, macro=macro.name, steps=steps)
        with speaking(None):
            notice = staff_ui.macro_applied(macro.name, actor.name)
        await staff_thread.in_thread(ticket, notice)
    return Applied(await tickets.get_ticket(ticket.id), macro, steps)


async def _answer(ticket: Ticket, template: Template, actor: Actor) -> None:
    """The macro's canned answer, as /t sends it: only the agent answering the ticket
    (or an admin) answers; the thread shows what the customer got."""
    agent = actor.agent
    mine = agent is None or agent.role == AgentRole.ADMIN
    if not mine and agent is not None and ticket.assignee_id not in (None, agent.id):
        raise staff.AlreadyClaimed(ticket.assignee.name if ticket.assignee else "?")
    if not template.active:
        raise Conflict(f"the macro's template /{template.shortcut} is not active")
    await ticket.fetch_related("customer")
    text = staff.fill(template, ticket, agent) if agent is not None else _fill_api(template, ticket)
    answer = await tickets.reply(ticket.id, text, actor)
    with speaking(None):
        copy = staff_ui.template_sent(actor.name, template.shortcut, template.title, text)
    await staff_thread.in_thread(ticket, copy, message_id=answer.id, side=Side.STAFF)


def _fill_api(template: Template, ticket: Ticket) -> str:
    """An API token without an agent answers as the support team ({agent_name})."""
    with speaking(ticket.customer.language):
        team = texts.support_team()
    text = template.text
    for placeholder, value in zip(
        staff.PLACEHOLDERS, (ticket.customer.display_name, str(ticket.number), team), strict=True
    ):
        text = text.replace(placeholder, value)
    return text
