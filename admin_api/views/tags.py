"""Tags and macros (issue 16, point 6): their CRUD, a ticket's tags, applying a macro to
a ticket, and the statistics per tag."""

from __future__ import annotations

from aiohttp import web

from admin_api.keys import WAKE_OUTBOX
from admin_api.registry import ACT_ROLES, READ_ROLES, Call, Registry
from admin_api.schemas.stats import StatsQuery
from admin_api.schemas.tags import (
    MacroApplied,
    MacroIn,
    MacroOut,
    MacroPatch,
    MacroQuery,
    TagIn,
    TagOut,
    TagPatch,
    TagQuery,
    TagStats,
    TagStatsRow,
    TicketTagsIn,
    TicketTagsOut,
)
from admin_api.schemas.tickets import TagRef
from admin_api.views.crud import Resource, Summaries, register_crud
from admin_api.views.stats import _CSV_NOTE, STATS_SCOPE, _csv_response, _filter, _json_or_csv
from admin_api.views.tickets import TICKET_SCOPE, actor_for, ticket_out
from bot.services import macros, tagging, tickets

RESOURCES: tuple[Resource, ...] = (
    Resource(
        path="/tags",
        id_param="tag_id",
        tag="tags",
        summaries=Summaries.of(
            "tags", "a tag", delete="Delete a tag (it is taken off every ticket and macro)"
        ),
        query=TagQuery,
        create_body=TagIn,
        patch_body=TagPatch,
        out=TagOut,
        list_items=tagging.list_tags,
        get_item=tagging.get_tag,
        create_item=tagging.create_tag,
        update_item=tagging.update_tag,
        delete_item=tagging.delete_tag,
        conflicts=("create", "update"),
    ),
    Resource(
        path="/macros",
        id_param="macro_id",
        tag="macros",
        summaries=Summaries.of("macros", "a macro"),
        query=MacroQuery,
        create_body=MacroIn,
        patch_body=MacroPatch,
        out=MacroOut,
        list_items=macros.list_macros,
        get_item=macros.get_macro,
        create_item=macros.create_macro,
        update_item=macros.update_macro,
        delete_item=macros.delete_macro,
        conflicts=("create", "update"),
        present=MacroOut.of,
    ),
)


def _tags_out(ticket_id: int, tags: list) -> TicketTagsOut:
    return TicketTagsOut(ticket_id=ticket_id, tags=[TagRef.model_validate(t) for t in tags])


def register(api: Registry) -> None:
    for resource in RESOURCES:
        register_crud(api, resource)

    @api.route(
        "GET",
        "/tickets/{ticket_id}/tags",
        summary="The ticket's tags",
        tag="tickets",
        response=TicketTagsOut,
        scope=TICKET_SCOPE,
    )
    async def ticket_tags(call: Call) -> TicketTagsOut:
        ticket = await tickets.get_ticket(call.path["ticket_id"], await actor_for(call.principal))
        return _tags_out(ticket.id, (await tagging.tags_of([ticket.id]))[ticket.id])

    async def changed(call: Call, **how: list) -> TicketTagsOut:
        actor = await actor_for(call.principal)
        result = await tagging.change(call.path["ticket_id"], actor, **how)
        call.request.app[WAKE_OUTBOX]()
        return _tags_out(result.ticket.id, result.tags)

    for method, summary, how in (
        ("PUT", "Set the ticket's tags (exactly these)", "replace"),
        ("POST", "Put tags on the ticket (those it has stay)", "add"),
        ("DELETE", "Take tags off the ticket", "remove"),
    ):

        def view(how: str = how):
            async def tags_view(call: Call) -> TicketTagsOut:
                return await changed(call, **{how: await tagging.by_names(call.body.tags)})

            return tags_view

        api.route(
            method,
            "/tickets/{ticket_id}/tags",
            summary=summary + "; unknown tag names are 422 and change nothing",
            tag="tickets",
            roles=ACT_ROLES,
            scope=TICKET_SCOPE,
            body=TicketTagsIn,
            response=TicketTagsOut,
            errors=(409,),
        )(view())

    @api.route(
        "POST",
        "/tickets/{ticket_id}/macros/{macro_id}",
        summary="Apply a macro to the ticket: its assignee, tags, answer and status, all or"
        " nothing (a refused step is 403/409/422 and changes nothing)",
        tag="tickets",
        roles=ACT_ROLES,
        scope=TICKET_SCOPE,
        response=MacroApplied,
        errors=(409,),
    )
    async def apply_macro(call: Call) -> MacroApplied:
        applied = await macros.apply(
            call.path["ticket_id"], call.path["macro_id"], await actor_for(call.principal)
        )
        call.request.app[WAKE_OUTBOX]()
        return MacroApplied(
            macro_id=applied.macro.id, steps=applied.steps, ticket=await ticket_out(applied.ticket)
        )

    @api.route(
        "GET",
        "/stats/tags",
        summary="Per tag: tickets opened in the period with it, solved, average first"
        " response, CSAT" + _CSV_NOTE,
        tag="stats",
        roles=READ_ROLES,
        scope=STATS_SCOPE,
        query=StatsQuery,
        response=TagStats,
        raw_response=_json_or_csv(TagStats),
    )
    async def stats_tags(call: Call) -> TagStats | web.Response:
        rows = [
            TagStatsRow(
                tag=TagRef.model_validate(f.tag),
                opened=f.opened,
                solved=f.solved,
                first_response_count=f.first_response_count,
                first_response_average=f.first_response_average,
                csat_average=f.csat_average,
                csat_count=f.csat_count,
            )
            for f in await tagging.stats_by_tag(await _filter(call))
        ]
        if call.query.format == "csv":
            header = ["tag", *(f for f in TagStatsRow.model_fields if f != "tag")]
            values = ([r.tag.name, *(getattr(r, f) for f in header[1:])] for r in rows)
            return _csv_response("tags", header, values)
        return TagStats(rows=rows)
