"""The five standard routes of a resource, declared once.

Most resources are a list with filters, create, get, patch and delete, differing only
in names, models and service functions: a `Resource` names those, `register_crud`
adds the routes. A resource with routes of its own adds them next to these.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from admin_api.registry import ADMIN_ONLY, Call, Registry
from admin_api.schemas.common import Deleted, Page, PageQuery
from bot.services import tokens
from bot.services.errors import Invalid

OutT = TypeVar("OutT", bound=BaseModel)
Operation = Literal["create", "update", "delete"]
PAGING = frozenset(PageQuery.model_fields)


def patch_fields(body: Any) -> dict[str, Any]:
    """Only what the caller sent. An explicit null clears a field where the model
    allows it (NULLABLE) and is refused everywhere else."""
    fields = body.model_dump(exclude_unset=True)
    nullable: frozenset[str] = getattr(body, "NULLABLE", frozenset())
    refused = sorted(k for k, v in fields.items() if v is None and k not in nullable)
    if refused:
        raise Invalid("these fields cannot be null", {"fields": refused})
    return fields


def page_of(
    out: type[OutT],
    result: tuple[list[Any], int],
    query: Any,
    present: Callable[[Any], OutT] | None = None,
) -> Page[OutT]:
    """A service's (items, total) as the page the list endpoints return."""
    items, total = result
    convert = present or out.model_validate
    return Page[out](  # type: ignore[valid-type]
        items=[convert(item) for item in items],
        total=total,
        limit=query.limit,
        offset=query.offset,
    )


def query_filters(query: PageQuery) -> dict[str, Any]:
    """The filters of a list query, named as the list services take them."""
    return {name: getattr(query, name) for name in type(query).model_fields if name not in PAGING}


@dataclass(frozen=True)
class Summaries:
    list: str
    create: str
    get: str
    update: str
    delete: str

    @classmethod
    def of(
        cls,
        plural: str,
        one: str,
        *,
        create: str | None = None,
        update: str | None = None,
        delete: str | None = None,
    ) -> Summaries:
        """The usual wording (List departments, Create a department ...); an operation
        that needs saying more (what a delete refuses, what a flag moves) says it here."""
        return cls(
            list=f"List {plural}",
            create=create or f"Create {one}",
            get=f"Get {one}",
            update=update or f"Change {one}",
            delete=delete or f"Delete {one}",
        )


@dataclass(frozen=True)
class Resource(Generic[OutT]):
    path: str  # "/departments"; the item is path + "/{id_param}"
    id_param: str  # also names the thing in the registry's 404 for a malformed id
    tag: str
    summaries: Summaries
    query: type[PageQuery]  # its filters are passed to list_items by name
    create_body: type[BaseModel]
    patch_body: type[BaseModel]
    out: type[OutT]
    # (limit, offset[, scope=], **filters)
    list_items: Callable[..., Awaitable[tuple[list[Any], int]]]
    get_item: Callable[..., Awaitable[Any]]  # (id[, scope=])
    create_item: Callable[..., Awaitable[Any]]  # (**body)
    update_item: Callable[..., Awaitable[Any]]  # (id, **sent fields)
    delete_item: Callable[[int], Awaitable[None]]
    conflicts: tuple[Operation, ...] = ("create", "update", "delete")  # may answer 409
    present: Callable[[Any], OutT] | None = None  # default: out.model_validate
    # What an agent token reads of the resource (OpenAPI wording). When set, list_items
    # and get_item take the caller's `scope`; without it every token reads everything.
    agent_scope: str | None = None

    def output(self, item: Any) -> OutT:
        return (self.present or self.out.model_validate)(item)

    def errors(self, operation: Operation) -> tuple[int, ...]:
        return (409,) if operation in self.conflicts else ()


def register_crud(api: Registry, resource: Resource[Any]) -> None:
    r = resource
    item_path = f"{r.path}/{{{r.id_param}}}"

    async def scoped(call: Call) -> dict[str, Any]:
        return {"scope": await tokens.read_scope(call.principal)} if r.agent_scope else {}

    @api.route(
        "GET",
        r.path,
        summary=r.summaries.list,
        tag=r.tag,
        query=r.query,
        response=Page[r.out],  # type: ignore[name-defined]  # a model chosen at run time
        scope=r.agent_scope,
    )
    async def list_view(call: Call) -> Page[Any]:
        q = call.query
        result = await r.list_items(q.limit, q.offset, **await scoped(call), **query_filters(q))
        return page_of(r.out, result, q, r.present)

    @api.route(
        "POST",
        r.path,
        summary=r.summaries.create,
        tag=r.tag,
        roles=ADMIN_ONLY,
        body=r.create_body,
        response=r.out,
        status=201,
        errors=r.errors("create"),
    )
    async def create_view(call: Call) -> BaseModel:
        return r.output(await r.create_item(**call.body.model_dump()))

    @api.route(
        "GET", item_path, summary=r.summaries.get, tag=r.tag, response=r.out, scope=r.agent_scope
    )
    async def get_view(call: Call) -> BaseModel:
        return r.output(await r.get_item(call.path[r.id_param], **await scoped(call)))

    @api.route(
        "PATCH",
        item_path,
        summary=r.summaries.update,
        tag=r.tag,
        roles=ADMIN_ONLY,
        body=r.patch_body,
        response=r.out,
        errors=r.errors("update"),
    )
    async def update_view(call: Call) -> BaseModel:
        return r.output(await r.update_item(call.path[r.id_param], **patch_fields(call.body)))

    @api.route(
        "DELETE",
        item_path,
        summary=r.summaries.delete,
        tag=r.tag,
        roles=ADMIN_ONLY,
        response=Deleted,
        errors=r.errors("delete"),
    )
    async def delete_view(call: Call) -> Deleted:
        await r.delete_item(call.path[r.id_param])
        return Deleted(id=call.path[r.id_param])
