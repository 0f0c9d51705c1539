"""Agents and customers."""

from __future__ import annotations

from admin_api.registry import ADMIN_ONLY, Call, Registry
from admin_api.schemas.common import Deleted, Page
from admin_api.schemas.people import (
    AgentIn,
    AgentOut,
    AgentPatch,
    AgentQuery,
    CustomerIn,
    CustomerOut,
    CustomerPatch,
    CustomerQuery,
)
from admin_api.views.directory import page_of, patch_fields
from bot.services import people


def register(api: Registry) -> None:
    _agents(api)
    _customers(api)


def _agents(api: Registry) -> None:
    tag = "agents"

    @api.route(
        "GET",
        "/agents",
        summary="List agents",
        tag=tag,
        query=AgentQuery,
        response=Page[AgentOut],
    )
    async def list_agents(call: Call) -> Page[AgentOut]:
        q = call.query
        items, total = await people.list_agents(
            q.limit,
            q.offset,
            department_id=q.department_id,
            role=q.role,
            active=q.active,
            on_duty=q.on_duty,
            q=q.q,
        )
        return Page[AgentOut](
            items=[AgentOut.of(a) for a in items], total=total, limit=q.limit, offset=q.offset
        )

    @api.route(
        "POST",
        "/agents",
        summary="Register an agent",
        tag=tag,
        roles=ADMIN_ONLY,
        body=AgentIn,
        response=AgentOut,
        status=201,
        errors=(409,),
    )
    async def create_agent(call: Call) -> AgentOut:
        return AgentOut.of(await people.create_agent(**call.body.model_dump()))

    @api.route(
        "GET",
        "/agents/{agent_id}",
        summary="Get an agent",
        tag=tag,
        response=AgentOut,
    )
    async def get_agent(call: Call) -> AgentOut:
        return AgentOut.of(await people.get_agent(call.path["agent_id"]))

    @api.route(
        "PATCH",
        "/agents/{agent_id}",
        summary="Change an agent (department_ids replaces their departments)",
        tag=tag,
        roles=ADMIN_ONLY,
        body=AgentPatch,
        response=AgentOut,
        errors=(409,),
    )
    async def update_agent(call: Call) -> AgentOut:
        agent = await people.update_agent(call.path["agent_id"], **patch_fields(call.body))
        return AgentOut.of(agent)

    @api.route(
        "DELETE",
        "/agents/{agent_id}",
        summary="Delete an agent who has not worked on tickets",
        tag=tag,
        roles=ADMIN_ONLY,
        response=Deleted,
        errors=(409,),
    )
    async def delete_agent(call: Call) -> Deleted:
        await people.delete_agent(call.path["agent_id"])
        return Deleted(id=call.path["agent_id"])


def _customers(api: Registry) -> None:
    tag = "customers"

    @api.route(
        "GET",
        "/customers",
        summary="List customers",
        tag=tag,
        query=CustomerQuery,
        response=Page[CustomerOut],
    )
    async def list_customers(call: Call) -> Page[CustomerOut]:
        q = call.query
        result = await people.list_customers(
            q.limit,
            q.offset,
            active=q.active,
            banned=q.banned,
            support_level=q.support_level,
            q=q.q,
        )
        return page_of(CustomerOut, result, q)

    @api.route(
        "POST",
        "/customers",
        summary="Register a customer (e.g. before they first write)",
        tag=tag,
        roles=ADMIN_ONLY,
        body=CustomerIn,
        response=CustomerOut,
        status=201,
        errors=(409,),
    )
    async def create_customer(call: Call) -> CustomerOut:
        return CustomerOut.model_validate(await people.create_customer(**call.body.model_dump()))

    @api.route(
        "GET",
        "/customers/{customer_id}",
        summary="Get a customer",
        tag=tag,
        response=CustomerOut,
    )
    async def get_customer(call: Call) -> CustomerOut:
        return CustomerOut.model_validate(await people.get_customer(call.path["customer_id"]))

    @api.route(
        "PATCH",
        "/customers/{customer_id}",
        summary="Change a customer (support access, level, ban)",
        tag=tag,
        roles=ADMIN_ONLY,
        body=CustomerPatch,
        response=CustomerOut,
        errors=(409,),
    )
    async def update_customer(call: Call) -> CustomerOut:
        customer = await people.update_customer(call.path["customer_id"], **patch_fields(call.body))
        return CustomerOut.model_validate(customer)

    @api.route(
        "DELETE",
        "/customers/{customer_id}",
        summary="Delete a customer without tickets",
        tag=tag,
        roles=ADMIN_ONLY,
        response=Deleted,
        errors=(409,),
    )
    async def delete_customer(call: Call) -> Deleted:
        await people.delete_customer(call.path["customer_id"])
        return Deleted(id=call.path["customer_id"])
