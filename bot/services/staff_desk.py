"""What the staff chat's screens read: the choices of a card's menus, a ticket's
assignee by name, a canned answer by the id in a button. The staff handlers ask here
instead of querying the models themselves."""

from __future__ import annotations

from bot.services import lifecycle, staff
from bot.services.errors import NotFound
from models import Agent, Department, Status, Template, Ticket
from models.enums import AgentRole


async def transfer_departments() -> list[Department]:
    """The departments a ticket may be transferred to (the card's transfer menu)."""
    return list(await Department.filter(active=True).order_by("order", "id"))


async def department_agents(department_id: int) -> list[Agent]:
    """The active agents of an active department, by name (a transfer's second step);
    NotFound for a department that is gone or inactive."""
    department = await Department.get_or_none(id=department_id, active=True)
    if department is None:
        raise NotFound("no such department")
    return list(
        await Agent.filter(
            active=True, departments__id=department.id, role=AgentRole.AGENT
        ).order_by("name")
    )


async def agent_statuses() -> list[Status]:
    """The statuses an agent may set from the card's status menu."""
    return list(
        await Status.filter(
            available=True, settable_by__in=lifecycle.settable_by_values(by_customer=False)
        ).order_by("order", "id")
    )


async def assignee_name(ticket: Ticket) -> str | None:
    """The name of the agent the ticket is assigned to (None if unassigned or gone)."""
    assignee_id = ticket.assignee_id
    assignee = await Agent.get_or_none(id=assignee_id) if assignee_id else None
    return assignee.name if assignee else None


async def with_customer(ticket: Ticket) -> Ticket:
    """`ticket` with its customer loaded (what filling a canned answer needs)."""
    await ticket.fetch_related("customer")
    return ticket


async def send_template_by_id(ticket: Ticket, template_id: int, agent: Agent) -> None:
    """One of the ticket's canned answers (never trust the id in the button) to the
    customer; NotFound for one the ticket does not offer."""
    templates: dict[int, Template] = {t.id: t for t in await staff.templates_for(ticket)}
    template = templates.get(template_id)
    if template is None:
        raise NotFound("no such template")
    await staff.send_template(await with_customer(ticket), template, agent)
