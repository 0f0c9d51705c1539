"""CRUD of the configuration entities."""

from __future__ import annotations

from functools import partial

from admin_api.registry import Registry
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
from admin_api.views.crud import Resource, Summaries, page_of, patch_fields, register_crud
from bot.services import directory
from models import Category, Department, Priority, SlaPolicy, Status

# page_of and patch_fields lived here first; other view modules may still import them from here.
__all__ = ["RESOURCES", "page_of", "patch_fields", "register"]

RESOURCES: tuple[Resource, ...] = (
    Resource(
        path="/departments",
        id_param="department_id",
        tag="departments",
        summaries=Summaries.of("departments", "a department"),
        query=DepartmentQuery,
        create_body=DepartmentIn,
        patch_body=DepartmentPatch,
        out=DepartmentOut,
        list_items=directory.list_departments,
        get_item=partial(directory.get_or_404, Department, what="department"),
        create_item=directory.create_department,
        update_item=directory.update_department,
        delete_item=directory.delete_department,
    ),
    Resource(
        path="/categories",
        id_param="category_id",
        tag="categories",
        summaries=Summaries.of(
            "categories", "a category", delete="Delete a category without tickets"
        ),
        query=CategoryQuery,
        create_body=CategoryIn,
        patch_body=CategoryPatch,
        out=CategoryOut,
        list_items=directory.list_categories,
        get_item=partial(directory.get_or_404, Category, what="category"),
        create_item=directory.create_category,
        update_item=directory.update_category,
        delete_item=directory.delete_category,
    ),
    Resource(
        path="/priorities",
        id_param="priority_id",
        tag="priorities",
        summaries=Summaries.of(
            "priorities",
            "a priority",
            update="Change a priority (is_default: true moves the default here)",
            delete="Delete a priority that is neither the default nor used by tickets",
        ),
        query=PriorityQuery,
        create_body=PriorityIn,
        patch_body=PriorityPatch,
        out=PriorityOut,
        list_items=directory.list_priorities,
        get_item=partial(directory.get_or_404, Priority, what="priority"),
        create_item=directory.create_priority,
        update_item=directory.update_priority,
        delete_item=directory.delete_priority,
    ),
    Resource(
        path="/statuses",
        id_param="status_id",
        tag="statuses",
        summaries=Summaries.of(
            "statuses",
            "a status",
            update="Change a status (is_new: true moves the new-ticket status here)",
            delete="Delete a status with no lifecycle role and no tickets",
        ),
        query=StatusQuery,
        create_body=StatusIn,
        patch_body=StatusPatch,
        out=StatusOut,
        list_items=directory.list_statuses,
        get_item=partial(directory.get_or_404, Status, what="status"),
        create_item=directory.create_status,
        update_item=directory.update_status,
        delete_item=directory.delete_status,
    ),
    Resource(
        path="/sla-policies",
        id_param="policy_id",
        tag="sla-policies",
        summaries=Summaries.of(
            "SLA policies",
            "an SLA policy",
            delete="Delete an SLA policy (tickets keep their due times)",
        ),
        query=SlaPolicyQuery,
        create_body=SlaPolicyIn,
        patch_body=SlaPolicyPatch,
        out=SlaPolicyOut,
        list_items=directory.list_sla_policies,
        get_item=partial(directory.get_or_404, SlaPolicy, what="SLA policy"),
        create_item=directory.create_sla_policy,
        update_item=directory.update_sla_policy,
        delete_item=directory.delete_sla_policy,
        conflicts=(),
    ),
    Resource(
        path="/templates",
        id_param="template_id",
        tag="templates",
        summaries=Summaries.of("canned answers", "a canned answer"),
        query=TemplateQuery,
        create_body=TemplateIn,
        patch_body=TemplatePatch,
        out=TemplateOut,
        list_items=directory.list_templates,
        get_item=directory.get_template,
        create_item=directory.create_template,
        update_item=directory.update_template,
        delete_item=directory.delete_template,
        conflicts=("create", "update"),
        agent_scope=(
            "only the templates for every department and those of their agent's "
            "departments; others are 404."
        ),
    ),
)


def register(api: Registry) -> None:
    for resource in RESOURCES:
        register_crud(api, resource)
