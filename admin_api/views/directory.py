"""CRUD of the configuration entities."""

from __future__ import annotations

from typing import Any

from admin_api.registry import ADMIN_ONLY, Call, Registry
from admin_api.schemas.common import Deleted, Page
from admin_api.schemas.directory import (
    DepartmentIn,
    DepartmentOut,
    DepartmentPatch,
    DepartmentQuery,
)
from bot.services import directory
from bot.services.errors import Invalid
from models import Department


def patch_fields(body: Any) -> dict[str, Any]:
    """Only what the caller sent. An explicit null clears a field where the model
    allows it (NULLABLE) and is refused everywhere else."""
    fields = body.model_dump(exclude_unset=True)
    nullable = getattr(body, "NULLABLE", frozenset())
    refused = sorted(k for k, v in fields.items() if v is None and k not in nullable)
    if refused:
        raise Invalid("these fields cannot be null", {"fields": refused})
    return fields


def register(api: Registry) -> None:
    tag = "departments"

    @api.route(
        "GET",
        "/departments",
        summary="List departments",
        tag=tag,
        query=DepartmentQuery,
        response=Page[DepartmentOut],
    )
    async def list_departments(call: Call) -> Page[DepartmentOut]:
        q = call.query
        items, total = await directory.list_departments(
            q.limit, q.offset, active=q.active, visible=q.visible
        )
        return Page[DepartmentOut](
            items=[DepartmentOut.model_validate(d) for d in items],
            total=total,
            limit=q.limit,
            offset=q.offset,
        )

    @api.route(
        "POST",
        "/departments",
        summary="Create a department",
        tag=tag,
        roles=ADMIN_ONLY,
        body=DepartmentIn,
        response=DepartmentOut,
        status=201,
        errors=(409,),
    )
    async def create_department(call: Call) -> DepartmentOut:
        department = await directory.create_department(**call.body.model_dump())
        return DepartmentOut.model_validate(department)

    @api.route(
        "GET",
        "/departments/{department_id}",
        summary="Get a department",
        tag=tag,
        response=DepartmentOut,
    )
    async def get_department(call: Call) -> DepartmentOut:
        department = await directory.get_or_404(
            Department, call.path["department_id"], "department"
        )
        return DepartmentOut.model_validate(department)

    @api.route(
        "PATCH",
        "/departments/{department_id}",
        summary="Change a department",
        tag=tag,
        roles=ADMIN_ONLY,
        body=DepartmentPatch,
        response=DepartmentOut,
        errors=(409,),
    )
    async def update_department(call: Call) -> DepartmentOut:
        department = await directory.update_department(
            call.path["department_id"], **patch_fields(call.body)
        )
        return DepartmentOut.model_validate(department)

    @api.route(
        "DELETE",
        "/departments/{department_id}",
        summary="Delete a department",
        tag=tag,
        roles=ADMIN_ONLY,
        response=Deleted,
        errors=(409,),
    )
    async def delete_department(call: Call) -> Deleted:
        await directory.delete_department(call.path["department_id"])
        return Deleted(id=call.path["department_id"])
