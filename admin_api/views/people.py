"""Agents and customers."""

from __future__ import annotations

from pathlib import Path

from admin_api.keys import PROCESS_SETTINGS, WAKE_OUTBOX
from admin_api.registry import ADMIN_ONLY, Call, Registry
from admin_api.schemas.people import (
    AgentIn,
    AgentOut,
    AgentPatch,
    AgentQuery,
    CustomerIn,
    CustomerOut,
    CustomerPatch,
    CustomerQuery,
    EraseIn,
    ErasureOut,
)
from admin_api.views.crud import Resource, Summaries, register_crud
from admin_api.views.tickets import actor_for
from bot.services import erasure, people
from bot.services.settings import runtime_settings

AGENTS = Resource(
    path="/agents",
    id_param="agent_id",
    tag="agents",
    summaries=Summaries.of(
        "agents",
        "an agent",
        create="Register an agent",
        update="Change an agent (department_ids replaces their departments)",
        delete="Delete an agent who has not worked on tickets",
    ),
    query=AgentQuery,
    create_body=AgentIn,
    patch_body=AgentPatch,
    out=AgentOut,
    list_items=people.list_agents,
    get_item=people.get_agent,
    create_item=people.create_agent,
    update_item=people.update_agent,
    delete_item=people.delete_agent,
    present=AgentOut.of,  # department_ids from the fetched departments
    agent_scope="only their own agent and the agents of its departments; others are 404.",
)

CUSTOMERS = Resource(
    path="/customers",
    id_param="customer_id",
    tag="customers",
    summaries=Summaries.of(
        "customers",
        "a customer",
        create="Register a customer (e.g. before they first write)",
        update="Change a customer (support access, level, ban)",
        delete="Delete a customer without tickets",
    ),
    query=CustomerQuery,
    create_body=CustomerIn,
    patch_body=CustomerPatch,
    out=CustomerOut,
    list_items=people.list_customers,
    get_item=people.get_customer,
    create_item=people.create_customer,
    update_item=people.update_customer,
    delete_item=people.delete_customer,
    agent_scope="only customers with a ticket in their agent's departments; others are 404.",
)


def register(api: Registry) -> None:
    register_crud(api, AGENTS)
    register_crud(api, CUSTOMERS)

    @api.route(
        "POST",
        "/customers/{customer_id}/erase",
        summary="Erase a customer's personal data (GDPR); their tickets stay, anonymised, "
        "for the statistics",
        tag="customers",
        roles=ADMIN_ONLY,
        body=EraseIn,
        response=ErasureOut,
        errors=(409, 503),
    )
    async def erase(call: Call) -> ErasureOut:
        settings = call.request.app[PROCESS_SETTINGS]
        done = await erasure.erase_customer(
            call.path["customer_id"],
            await actor_for(call.principal),
            attachments_dir=Path((await runtime_settings(settings)).attachments_dir),
            force=call.body.force,
            redis_url=settings.redis_url,
        )
        call.request.app[WAKE_OUTBOX]()  # the staff cards' edits
        return ErasureOut.model_validate(done)
