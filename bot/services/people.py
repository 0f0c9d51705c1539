"""Agents and customers as the admins maintain them (the admin API).

The Telegram side of customers (registration on first contact, language) lives in
bot.services.customers.
"""

from __future__ import annotations

from typing import Any

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from bot.delivery.outbox import transaction
from bot.services import rollups
from bot.services.directory import (
    ensure_unique,
    get_or_404,
    invalid_field,
    page,
    save,
)
from bot.services.errors import Conflict
from bot.services.tokens import EVERYTHING, Scope
from models import Agent, Category, Customer, Department, Message, Ticket

# -- agents -------------------------------------------------------------------------------


async def _departments(ids: list[int]) -> list[Department]:
    wanted = set(ids)
    found = await Department.filter(id__in=wanted)
    missing = sorted(wanted - {d.id for d in found})
    if missing:
        raise invalid_field(
            "department_ids",
            "departments do not exist: " + ", ".join(map(str, missing)),
            "unknown_reference",
        )
    return found


def _agents_in(scope: Scope) -> QuerySet[Agent]:
    """The scope's own agent and the agents of its departments."""
    if scope.departments is None:
        return Agent.all()
    colleagues = Q(id__in=_agent_ids_of(*scope.departments))
    return Agent.filter(colleagues | Q(id=scope.agent_id) if scope.agent_id else colleagues)


async def get_agent(agent_id: int, scope: Scope = EVERYTHING) -> Agent:
    agent = await get_or_404(_agents_in(scope), agent_id, "agent")
    await agent.fetch_related("departments")
    return agent


async def list_agents(
    limit: int,
    offset: int,
    *,
    scope: Scope = EVERYTHING,
    department_id: int | None = None,
    role: str | None = None,
    active: bool | None = None,
    on_duty: bool | None = None,
    q: str | None = None,
) -> tuple[list[Agent], int]:
    query = _agents_in(scope).order_by("id")
    if department_id is not None:
        query = query.filter(id__in=_agent_ids_of(department_id))
    if role is not None:
        query = query.filter(role=role)
    if active is not None:
        query = query.filter(active=active)
    if on_duty is not None:
        query = query.filter(on_duty=on_duty)
    if q:
        query = query.filter(Q(name__icontains=q) | Q(username__icontains=q.lstrip("@")))
    items, total = await page(query, limit, offset)
    await Agent.fetch_for_list(items, "departments")
    return items, total


def _agent_ids_of(*department_ids: int) -> Any:
    # A subquery instead of a join: an agent is counted once however many rows match.
    return Subquery(Agent.filter(departments__id__in=department_ids).values("id"))


async def create_agent(*, department_ids: list[int], **fields: Any) -> Agent:
    async with transaction():
        await ensure_unique(Agent, "agent", telegram_id=fields["telegram_id"])
        departments = await _departments(department_ids)
        agent = await save(Agent(**fields), "agent")
        if departments:
            await agent.departments.add(*departments)
    return await get_agent(agent.id)


async def update_agent(agent_id: int, **fields: Any) -> Agent:
    async with transaction():
        agent = await get_or_404(Agent, agent_id, "agent")
        if "telegram_id" in fields and fields["telegram_id"] != agent.telegram_id:
            await ensure_unique(
                Agent, "agent", exclude_id=agent_id, telegram_id=fields["telegram_id"]
            )
        department_ids = fields.pop("department_ids", None)
        departments = None if department_ids is None else await _departments(department_ids)
        agent.update_from_dict(fields)
        await save(agent, "agent")
        if departments is not None:
            await _replace_departments(agent, departments)
    return await get_agent(agent_id)


async def _replace_departments(agent: Agent, departments: list[Department]) -> None:
    current = {d.id for d in await agent.departments.all()}
    wanted = {d.id for d in departments}
    removed = current - wanted
    if removed:
        await agent.departments.remove(*[d for d in await Department.filter(id__in=removed)])
        # A responsible agent must belong to the category's department (as on deletion,
        # where the database clears the field).
        await Category.filter(responsible_agent_id=agent.id, department_id__in=removed).update(
            responsible_agent_id=None
        )
    added = [d for d in departments if d.id not in current]
    if added:
        await agent.departments.add(*added)


async def delete_agent(agent_id: int) -> None:
    async with transaction():
        agent = await get_or_404(Agent, agent_id, "agent")
        if (
            await Ticket.filter(assignee_id=agent_id).exists()
            or await Message.filter(author_agent_id=agent_id).exists()
        ):
            # Deleting would erase who answered what; history must stay readable.
            raise Conflict(
                "the agent has worked on tickets; deactivate them instead (active=false)"
            )
        await agent.delete()


# -- customers ----------------------------------------------------------------------------


def _customers_in(scope: Scope) -> QuerySet[Customer]:
    """The customers with a ticket in the scope's departments."""
    if scope.departments is None:
        return Customer.all()
    tickets = Ticket.filter(department_id__in=list(scope.departments)).values("customer_id")
    return Customer.filter(id__in=Subquery(tickets))


async def list_customers(
    limit: int,
    offset: int,
    *,
    scope: Scope = EVERYTHING,
    active: bool | None = None,
    banned: bool | None = None,
    support_level: str | None = None,
    q: str | None = None,
) -> tuple[list[Customer], int]:
    query = _customers_in(scope).order_by("id")
    if active is not None:
        query = query.filter(active=active)
    if banned is not None:
        query = query.filter(banned=banned)
    if support_level is not None:
        query = query.filter(support_level=support_level)
    if q:
        text = q.strip()
        match = (
            Q(first_name__icontains=text)
            | Q(last_name__icontains=text)
            | Q(username__icontains=text.lstrip("@"))
        )
        digits = text.removeprefix("-")
        if digits.isdigit() and len(digits) <= 16:
            match |= Q(telegram_id=int(text))
        query = query.filter(match)
    return await page(query, limit, offset)


async def get_customer(customer_id: int, scope: Scope = EVERYTHING) -> Customer:
    return await get_or_404(_customers_in(scope), customer_id, "customer")


async def create_customer(**fields: Any) -> Customer:
    await ensure_unique(Customer, "customer", telegram_id=fields["telegram_id"])
    return await save(Customer(**fields), "customer")


async def update_customer(customer_id: int, **fields: Any) -> Customer:
    async with transaction():
        # Locked: a ticket opened meanwhile counts under the level it reads after this.
        # (Not the key: a message of their tickets written meanwhile checks its foreign
        # key with a key-share lock, and its transaction holds a ticket we may wait for.)
        customer = await get_or_404(
            Customer.select_for_update(no_key=True), customer_id, "customer"
        )
        if customer.erased_at is not None:
            raise Conflict("the customer was erased; their data cannot be changed")
        level = customer.support_level
        if "telegram_id" in fields and fields["telegram_id"] != customer.telegram_id:
            # The Telegram id is where the customer's tickets are delivered: changing it
            # would send their conversation to someone else.
            if await Ticket.filter(customer_id=customer_id).exists():
                raise Conflict("the customer has tickets, so their telegram_id cannot change")
            await ensure_unique(
                Customer, "customer", exclude_id=customer_id, telegram_id=fields["telegram_id"]
            )
        customer.update_from_dict(fields)
        await save(customer, "customer")
        if customer.support_level != level:
            # Their tickets count under the new level in the statistics.
            await rollups.relevelled(customer_id, level, customer.support_level)
        return customer


async def delete_customer(customer_id: int) -> None:
    async with transaction():
        customer = await get_or_404(Customer, customer_id, "customer")
        if await Ticket.filter(customer_id=customer_id).exists():
            raise Conflict(
                "the customer has tickets; deactivate (active=false) or ban them instead"
            )
        await customer.delete()
