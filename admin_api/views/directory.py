"""CRUD of the configuration entities."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from admin_api.registry import ADMIN_ONLY, Call, Registry
from admin_api.schemas.common import Deleted, Page
from admin_api.schemas.directory import (
    CategoryIn,
    CategoryOut,
    CategoryPatch,
    CategoryQuery,
    DepartmentIn,
    DepartmentOut,
    DepartmentPatch,
    DepartmentQuery,
    PriorityIn,
    PriorityOut,
    PriorityPatch,
    PriorityQuery,
    SlaPolicyIn,
    SlaPolicyOut,
    SlaPolicyPatch,
    SlaPolicyQuery,
    StatusIn,
    StatusOut,
    StatusPatch,
    StatusQuery,
    TemplateIn,
    TemplateOut,
    TemplatePatch,
    TemplateQuery,
)
from bot.services import directory
from bot.services.errors import Invalid
from models import Category, Department, Priority, SlaPolicy, Status, Template

OutT = TypeVar("OutT", bound=BaseModel)


def patch_fields(body: Any) -> dict[str, Any]:
    """Only what the caller sent. An explicit null clears a field where the model
    allows it (NULLABLE) and is refused everywhere else."""
    fields = body.model_dump(exclude_unset=True)
    nullable = getattr(body, "NULLABLE", frozenset())
    refused = sorted(k for k, v in fields.items() if v is None and k not in nullable)
    if refused:
        raise Invalid("these fields cannot be null", {"fields": refused})
    return fields


def page_of(out: type[OutT], result: tuple[list[Any], int], query: Any) -> Page[OutT]:
    """A service's (items, total) as the page the list endpoints return."""
    items, total = result
    return Page[out](  # type: ignore[valid-type]
        items=[out.model_validate(item) for item in items],
        total=total,
        limit=query.limit,
        offset=query.offset,
    )


def register(api: Registry) -> None:
    _departments(api)
    _categories(api)
    _priorities(api)
    _statuses(api)
    _sla_policies(api)
    _templates(api)


def _departments(api: Registry) -> None:
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


def _categories(api: Registry) -> None:
    tag = "categories"

    @api.route(
        "GET",
        "/categories",
        summary="List categories",
        tag=tag,
        query=CategoryQuery,
        response=Page[CategoryOut],
    )
    async def list_categories(call: Call) -> Page[CategoryOut]:
        q = call.query
        result = await directory.list_categories(
            q.limit, q.offset, department_id=q.department_id, active=q.active
        )
        return page_of(CategoryOut, result, q)

    @api.route(
        "POST",
        "/categories",
        summary="Create a category",
        tag=tag,
        roles=ADMIN_ONLY,
        body=CategoryIn,
        response=CategoryOut,
        status=201,
        errors=(409,),
    )
    async def create_category(call: Call) -> CategoryOut:
        category = await directory.create_category(**call.body.model_dump())
        return CategoryOut.model_validate(category)

    @api.route(
        "GET",
        "/categories/{category_id}",
        summary="Get a category",
        tag=tag,
        response=CategoryOut,
    )
    async def get_category(call: Call) -> CategoryOut:
        category = await directory.get_or_404(Category, call.path["category_id"], "category")
        return CategoryOut.model_validate(category)

    @api.route(
        "PATCH",
        "/categories/{category_id}",
        summary="Change a category",
        tag=tag,
        roles=ADMIN_ONLY,
        body=CategoryPatch,
        response=CategoryOut,
        errors=(409,),
    )
    async def update_category(call: Call) -> CategoryOut:
        category = await directory.update_category(
            call.path["category_id"], **patch_fields(call.body)
        )
        return CategoryOut.model_validate(category)

    @api.route(
        "DELETE",
        "/categories/{category_id}",
        summary="Delete a category without tickets",
        tag=tag,
        roles=ADMIN_ONLY,
        response=Deleted,
        errors=(409,),
    )
    async def delete_category(call: Call) -> Deleted:
        await directory.delete_category(call.path["category_id"])
        return Deleted(id=call.path["category_id"])


def _priorities(api: Registry) -> None:
    tag = "priorities"

    @api.route(
        "GET",
        "/priorities",
        summary="List priorities",
        tag=tag,
        query=PriorityQuery,
        response=Page[PriorityOut],
    )
    async def list_priorities(call: Call) -> Page[PriorityOut]:
        q = call.query
        return page_of(
            PriorityOut, await directory.list_priorities(q.limit, q.offset, active=q.active), q
        )

    @api.route(
        "POST",
        "/priorities",
        summary="Create a priority",
        tag=tag,
        roles=ADMIN_ONLY,
        body=PriorityIn,
        response=PriorityOut,
        status=201,
        errors=(409,),
    )
    async def create_priority(call: Call) -> PriorityOut:
        priority = await directory.create_priority(**call.body.model_dump())
        return PriorityOut.model_validate(priority)

    @api.route(
        "GET",
        "/priorities/{priority_id}",
        summary="Get a priority",
        tag=tag,
        response=PriorityOut,
    )
    async def get_priority(call: Call) -> PriorityOut:
        priority = await directory.get_or_404(Priority, call.path["priority_id"], "priority")
        return PriorityOut.model_validate(priority)

    @api.route(
        "PATCH",
        "/priorities/{priority_id}",
        summary="Change a priority (is_default: true moves the default here)",
        tag=tag,
        roles=ADMIN_ONLY,
        body=PriorityPatch,
        response=PriorityOut,
        errors=(409,),
    )
    async def update_priority(call: Call) -> PriorityOut:
        priority = await directory.update_priority(
            call.path["priority_id"], **patch_fields(call.body)
        )
        return PriorityOut.model_validate(priority)

    @api.route(
        "DELETE",
        "/priorities/{priority_id}",
        summary="Delete a priority that is neither the default nor used by tickets",
        tag=tag,
        roles=ADMIN_ONLY,
        response=Deleted,
        errors=(409,),
    )
    async def delete_priority(call: Call) -> Deleted:
        await directory.delete_priority(call.path["priority_id"])
        return Deleted(id=call.path["priority_id"])


def _statuses(api: Registry) -> None:
    tag = "statuses"

    @api.route(
        "GET",
        "/statuses",
        summary="List statuses",
        tag=tag,
        query=StatusQuery,
        response=Page[StatusOut],
    )
    async def list_statuses(call: Call) -> Page[StatusOut]:
        q = call.query
        result = await directory.list_statuses(
            q.limit, q.offset, available=q.available, is_final=q.is_final
        )
        return page_of(StatusOut, result, q)

    @api.route(
        "POST",
        "/statuses",
        summary="Create a status",
        tag=tag,
        roles=ADMIN_ONLY,
        body=StatusIn,
        response=StatusOut,
        status=201,
        errors=(409,),
    )
    async def create_status(call: Call) -> StatusOut:
        status = await directory.create_status(**call.body.model_dump())
        return StatusOut.model_validate(status)

    @api.route(
        "GET",
        "/statuses/{status_id}",
        summary="Get a status",
        tag=tag,
        response=StatusOut,
    )
    async def get_status(call: Call) -> StatusOut:
        status = await directory.get_or_404(Status, call.path["status_id"], "status")
        return StatusOut.model_validate(status)

    @api.route(
        "PATCH",
        "/statuses/{status_id}",
        summary="Change a status (is_new: true moves the new-ticket status here)",
        tag=tag,
        roles=ADMIN_ONLY,
        body=StatusPatch,
        response=StatusOut,
        errors=(409,),
    )
    async def update_status(call: Call) -> StatusOut:
        status = await directory.update_status(call.path["status_id"], **patch_fields(call.body))
        return StatusOut.model_validate(status)

    @api.route(
        "DELETE",
        "/statuses/{status_id}",
        summary="Delete a status with no lifecycle role and no tickets",
        tag=tag,
        roles=ADMIN_ONLY,
        response=Deleted,
        errors=(409,),
    )
    async def delete_status(call: Call) -> Deleted:
        await directory.delete_status(call.path["status_id"])
        return Deleted(id=call.path["status_id"])


def _sla_policies(api: Registry) -> None:
    tag = "sla-policies"

    @api.route(
        "GET",
        "/sla-policies",
        summary="List SLA policies",
        tag=tag,
        query=SlaPolicyQuery,
        response=Page[SlaPolicyOut],
    )
    async def list_sla_policies(call: Call) -> Page[SlaPolicyOut]:
        q = call.query
        result = await directory.list_sla_policies(
            q.limit,
            q.offset,
            priority_id=q.priority_id,
            support_level=q.support_level,
            active=q.active,
        )
        return page_of(SlaPolicyOut, result, q)

    @api.route(
        "POST",
        "/sla-policies",
        summary="Create an SLA policy",
        tag=tag,
        roles=ADMIN_ONLY,
        body=SlaPolicyIn,
        response=SlaPolicyOut,
        status=201,
    )
    async def create_sla_policy(call: Call) -> SlaPolicyOut:
        policy = await directory.create_sla_policy(**call.body.model_dump())
        return SlaPolicyOut.model_validate(policy)

    @api.route(
        "GET",
        "/sla-policies/{policy_id}",
        summary="Get an SLA policy",
        tag=tag,
        response=SlaPolicyOut,
    )
    async def get_sla_policy(call: Call) -> SlaPolicyOut:
        policy = await directory.get_or_404(SlaPolicy, call.path["policy_id"], "SLA policy")
        return SlaPolicyOut.model_validate(policy)

    @api.route(
        "PATCH",
        "/sla-policies/{policy_id}",
        summary="Change an SLA policy",
        tag=tag,
        roles=ADMIN_ONLY,
        body=SlaPolicyPatch,
        response=SlaPolicyOut,
    )
    async def update_sla_policy(call: Call) -> SlaPolicyOut:
        policy = await directory.update_sla_policy(
            call.path["policy_id"], **patch_fields(call.body)
        )
        return SlaPolicyOut.model_validate(policy)

    @api.route(
        "DELETE",
        "/sla-policies/{policy_id}",
        summary="Delete an SLA policy (tickets keep their due times)",
        tag=tag,
        roles=ADMIN_ONLY,
        response=Deleted,
    )
    async def delete_sla_policy(call: Call) -> Deleted:
        await directory.delete_sla_policy(call.path["policy_id"])
        return Deleted(id=call.path["policy_id"])


def _templates(api: Registry) -> None:
    tag = "templates"

    @api.route(
        "GET",
        "/templates",
        summary="List canned answers",
        tag=tag,
        query=TemplateQuery,
        response=Page[TemplateOut],
    )
    async def list_templates(call: Call) -> Page[TemplateOut]:
        q = call.query
        result = await directory.list_templates(
            q.limit,
            q.offset,
            department_id=q.department_id,
            language=q.language,
            q=q.q,
            active=q.active,
        )
        return page_of(TemplateOut, result, q)

    @api.route(
        "POST",
        "/templates",
        summary="Create a canned answer",
        tag=tag,
        roles=ADMIN_ONLY,
        body=TemplateIn,
        response=TemplateOut,
        status=201,
        errors=(409,),
    )
    async def create_template(call: Call) -> TemplateOut:
        template = await directory.create_template(**call.body.model_dump())
        return TemplateOut.model_validate(template)

    @api.route(
        "GET",
        "/templates/{template_id}",
        summary="Get a canned answer",
        tag=tag,
        response=TemplateOut,
    )
    async def get_template(call: Call) -> TemplateOut:
        template = await directory.get_or_404(Template, call.path["template_id"], "template")
        return TemplateOut.model_validate(template)

    @api.route(
        "PATCH",
        "/templates/{template_id}",
        summary="Change a canned answer",
        tag=tag,
        roles=ADMIN_ONLY,
        body=TemplatePatch,
        response=TemplateOut,
        errors=(409,),
    )
    async def update_template(call: Call) -> TemplateOut:
        template = await directory.update_template(
            call.path["template_id"], **patch_fields(call.body)
        )
        return TemplateOut.model_validate(template)

    @api.route(
        "DELETE",
        "/templates/{template_id}",
        summary="Delete a canned answer",
        tag=tag,
        roles=ADMIN_ONLY,
        response=Deleted,
    )
    async def delete_template(call: Call) -> Deleted:
        await directory.delete_template(call.path["template_id"])
        return Deleted(id=call.path["template_id"])
