"""Configuration entities the admins maintain (departments, categories, ...).

Each function validates references and uniqueness itself, so a conflict is a clear
domain error rather than a database exception.
"""

from __future__ import annotations

from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from bot.delivery.outbox import transaction
from bot.services import hours, lifecycle
from bot.services.errors import Conflict, Invalid, NotFound
from bot.services.tokens import EVERYTHING, Scope
from models import Agent, Category, Department, Priority, SlaPolicy, Status, Template, Ticket
from models.enums import BreachAction, StatusRole


async def get_or_404(source: type[Model] | QuerySet[Any], object_id: int, what: str) -> Any:
    """The row of a model, or of a query (a caller's scope): elsewhere it does not exist."""
    instance = await source.get_or_none(id=object_id)
    if instance is None:
        raise NotFound(f"{what} {object_id} does not exist")
    return instance


async def page(query: Any, limit: int, offset: int) -> tuple[list[Any], int]:
    total = await query.count()
    items = await query.offset(offset).limit(limit)
    return items, total


def _with_article(what: str) -> str:
    """ "an agent", "a category", "an SLA policy" (said "an ess-el-ay")."""
    return ("an " if what[0] in "aeiou" or what.startswith("SLA") else "a ") + what


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


async def _unique(
    model: type[Model], field: str, value: Any, what: str, exclude_id: int | None = None
) -> None:
    query = model.filter(**{field: value})
    if exclude_id is not None:
        query = query.exclude(id=exclude_id)
    if await query.exists():
        message = f"{_with_article(what)} with this {field} already exists"
        raise Conflict(message, {"field": field})


async def save(instance: Model, what: str) -> Any:
    """Saves; a unique index that a concurrent writer won is reported as a conflict."""
    try:
        await instance.save()
    except IntegrityError:
        raise Conflict(f"this {what} conflicts with an existing one") from None
    return instance


# -- departments --------------------------------------------------------------------------


async def list_departments(
    limit: int, offset: int, *, active: bool | None = None, visible: bool | None = None
) -> tuple[list[Department], int]:
    query = Department.all().order_by("order", "id")
    if active is not None:
        query = query.filter(active=active)
    if visible is not None:
        query = query.filter(visible=visible)
    return await page(query, limit, offset)


def _check_hours(
    time_zone: str | None, schedule: dict[str, Any] | None, holidays: list[str] | None
) -> None:
    """Business hours that bot.services.hours can count with: a known IANA time zone,
    intervals that neither overlap nor end before they start, real dates; a schedule
    needs a time zone to be read in."""
    if schedule and not time_zone:
        raise invalid_field("time_zone", "a schedule needs a time zone", "missing")
    try:
        if time_zone:
            hours.parse_zone(time_zone)
        hours.parse_schedule(schedule or {})
        hours.parse_holidays(holidays or [])
    except hours.BadHours as bad:
        raise invalid_field(bad.field, bad.message, "invalid_hours") from None


async def _check_lead(agent_id: int | None, field: str = "lead_id") -> None:
    agent = await require_ref(Agent, agent_id, field, "agent")
    if agent is not None and not agent.active:
        raise invalid_field(field, f"agent {agent_id} is not active", "inactive_agent")


async def create_department(**fields: Any) -> Department:
    await _unique(Department, "name", fields["name"], "department")
    _check_hours(fields.get("time_zone"), fields.get("schedule"), fields.get("holidays"))
    await _check_lead(fields.get("lead_id"))
    return await save(Department(**fields), "department")


async def update_department(department_id: int, **fields: Any) -> Department:
    department = await get_or_404(Department, department_id, "department")
    if "name" in fields:
        await _unique(Department, "name", fields["name"], "department", exclude_id=department_id)
    _check_hours(
        fields.get("time_zone", department.time_zone),
        fields.get("schedule", department.schedule),
        fields.get("holidays", department.holidays),
    )
    if fields.get("lead_id") is not None:
        await _check_lead(fields["lead_id"])
    department.update_from_dict(fields)
    return await save(department, "department")


async def delete_department(department_id: int) -> None:
    async with transaction():
        department = await get_or_404(Department, department_id, "department")
        if await Ticket.filter(department_id=department_id).exists():
            raise Conflict("the department has tickets; deactivate it instead (active=false)")
        await department.delete()


# -- shared by the resources below ----------------------------------------------------------


def invalid_field(field: str, message: str, kind: str) -> Invalid:
    """A 422 naming the field, in the shape of the request validation errors."""
    return Invalid(message, [{"loc": [field], "msg": message, "type": kind}])


async def require_ref(model: type[Model], object_id: int | None, field: str, what: str) -> Any:
    """The referenced row; an id that points nowhere is the caller's mistake (422)."""
    if object_id is None:
        return None
    instance = await model.get_or_none(id=object_id)
    if instance is None:
        raise invalid_field(field, f"{what} {object_id} does not exist", "unknown_reference")
    return instance


async def ensure_unique(
    model: type[Model], what: str, *, exclude_id: int | None = None, **scope: Any
) -> None:
    """Conflict if another row holds these values; None matches NULL, as a key does."""
    query = model.filter(
        **{
            (f"{k}__isnull" if v is None else k): (True if v is None else v)
            for k, v in scope.items()
        }
    )
    if exclude_id is not None:
        query = query.exclude(id=exclude_id)
    if await query.exists():
        message = f"{_with_article(what)} with this {_listed(list(scope))} already exists"
        raise Conflict(message, {"fields": list(scope)})


def _changed(instance: Model, fields: dict[str, Any], *names: str) -> bool:
    return any(n in fields and fields[n] != getattr(instance, n) for n in names)


# -- categories ---------------------------------------------------------------------------


async def _check_responsible(agent_id: int | None, department_id: int) -> None:
    # New tickets of the category go to this agent, who must be able to see them.
    agent = await require_ref(Agent, agent_id, "responsible_agent_id", "agent")
    if agent is not None and not await agent.departments.filter(id=department_id).exists():
        raise invalid_field(
            "responsible_agent_id",
            f"agent {agent_id} does not belong to department {department_id}",
            "not_in_department",
        )


async def list_categories(
    limit: int, offset: int, *, department_id: int | None = None, active: bool | None = None
) -> tuple[list[Category], int]:
    query = Category.all().order_by("department_id", "order", "id")
    if department_id is not None:
        query = query.filter(department_id=department_id)
    if active is not None:
        query = query.filter(active=active)
    return await page(query, limit, offset)


async def create_category(**fields: Any) -> Category:
    department_id = fields["department_id"]
    await require_ref(Department, department_id, "department_id", "department")
    await _check_responsible(fields.get("responsible_agent_id"), department_id)
    await ensure_unique(Category, "category", department_id=department_id, name=fields["name"])
    return await save(Category(**fields), "category")


async def update_category(category_id: int, **fields: Any) -> Category:
    category = await get_or_404(Category, category_id, "category")
    department_id = fields.get("department_id", category.department_id)
    if "department_id" in fields:
        await require_ref(Department, department_id, "department_id", "department")
    if _changed(category, fields, "department_id", "responsible_agent_id"):
        agent_id = fields.get("responsible_agent_id", category.responsible_agent_id)
        await _check_responsible(agent_id, department_id)
    if _changed(category, fields, "department_id", "name"):
        await ensure_unique(
            Category,
            "category",
            exclude_id=category_id,
            department_id=department_id,
            name=fields.get("name", category.name),
        )
    category.update_from_dict(fields)
    return await save(category, "category")


async def delete_category(category_id: int) -> None:
    async with transaction():
        category = await get_or_404(Category, category_id, "category")
        if await Ticket.filter(category_id=category_id).exists():
            # Deleting would silently strip the category from old tickets and statistics.
            raise Conflict("the category has tickets; deactivate it instead (active=false)")
        await category.delete()


# -- priorities ---------------------------------------------------------------------------
# The default priority carries is_default=True, every other one NULL: the unique index
# keeps it to one, so moving it clears the old holder first, in one transaction.


async def list_priorities(
    limit: int, offset: int, *, active: bool | None = None
) -> tuple[list[Priority], int]:
    query = Priority.all().order_by("level", "id")
    if active is not None:
        query = query.filter(active=active)
    return await page(query, limit, offset)


async def _clear_flag(model: type[Model], flag: str, exclude_id: int | None) -> None:
    query = model.filter(**{flag: True})
    if exclude_id is not None:
        query = query.exclude(id=exclude_id)
    await query.update(**{flag: None})


async def create_priority(*, is_default: bool = False, **fields: Any) -> Priority:
    if is_default and fields.get("active") is False:
        raise Conflict("the default priority must be active")
    async with transaction():
        await ensure_unique(Priority, "priority", name=fields["name"])
        await ensure_unique(Priority, "priority", level=fields["level"])
        if is_default:
            await _clear_flag(Priority, "is_default", None)
        return await save(Priority(is_default=True if is_default else None, **fields), "priority")


async def update_priority(priority_id: int, **fields: Any) -> Priority:
    async with transaction():
        priority = await get_or_404(Priority, priority_id, "priority")
        for unique in ("name", "level"):
            if _changed(priority, fields, unique):
                await ensure_unique(
                    Priority, "priority", exclude_id=priority_id, **{unique: fields[unique]}
                )
        make_default = fields.pop("is_default", None)
        will_be_default = bool(make_default) or (make_default is None and priority.is_default)
        if make_default is False and priority.is_default:
            raise Conflict(
                "a default priority is required: make another priority the default instead"
            )
        if will_be_default and fields.get("active", priority.active) is False:
            raise Conflict("the default priority must be active")
        if make_default and not priority.is_default:
            await _clear_flag(Priority, "is_default", priority_id)
            priority.is_default = True
        priority.update_from_dict(fields)
        return await save(priority, "priority")


async def delete_priority(priority_id: int) -> None:
    async with transaction():
        priority = await get_or_404(Priority, priority_id, "priority")
        if priority.is_default:
            raise Conflict("the default priority cannot be deleted; make another one the default")
        if await Ticket.filter(priority_id=priority_id).exists():
            raise Conflict("the priority is used by tickets; deactivate it instead (active=false)")
        await priority.delete()


# -- statuses -----------------------------------------------------------------------------
# Exactly one status has is_new (True, the others NULL, held by a unique index). The
# statuses with a lifecycle role are the ones the system moves tickets through itself,
# so they stay (renaming is fine) and keep the finality their role means.

FINAL_ROLES = lifecycle.FINAL_ROLES


async def list_statuses(
    limit: int, offset: int, *, available: bool | None = None, is_final: bool | None = None
) -> tuple[list[Status], int]:
    query = Status.all().order_by("order", "id")
    if available is not None:
        query = query.filter(available=available)
    if is_final is not None:
        query = query.filter(is_final=is_final)
    return await page(query, limit, offset)


def _check_status_flags(role: StatusRole | None, is_new: bool, is_final: bool) -> None:
    if is_new and is_final:
        raise invalid_field(
            "is_final", "the status new tickets get cannot be final", "new_and_final"
        )
    if role is not None and is_final != (role in FINAL_ROLES):
        state = "final" if role in FINAL_ROLES else "not final"
        raise Conflict(
            f"the status has the lifecycle role '{role.value}', which is {state}",
            {"field": "is_final", "role": role.value},
        )


async def create_status(*, is_new: bool = False, **fields: Any) -> Status:
    _check_status_flags(None, is_new, fields.get("is_final", False))
    async with transaction():
        await ensure_unique(Status, "status", name=fields["name"])
        if is_new:
            await _clear_flag(Status, "is_new", None)
        return await save(Status(is_new=True if is_new else None, **fields), "status")


async def update_status(status_id: int, **fields: Any) -> Status:
    async with transaction():
        status = await get_or_404(Status, status_id, "status")
        if _changed(status, fields, "name"):
            await ensure_unique(Status, "status", exclude_id=status_id, name=fields["name"])
        make_new = fields.pop("is_new", None)
        if make_new is False and status.is_new:
            raise Conflict(
                "exactly one status is given to new tickets: set is_new on another status instead"
            )
        will_be_new = bool(make_new) or (make_new is None and bool(status.is_new))
        _check_status_flags(status.role, will_be_new, fields.get("is_final", status.is_final))
        if make_new and not status.is_new:
            await _clear_flag(Status, "is_new", status_id)
            status.is_new = True
        status.update_from_dict(fields)
        return await save(status, "status")


async def delete_status(status_id: int) -> None:
    async with transaction():
        status = await get_or_404(Status, status_id, "status")
        if status.role is not None:
            raise Conflict(
                f"the status has the lifecycle role '{status.role.value}' the system moves "
                "tickets through; rename it or change its flags instead",
                {"role": status.role.value},
            )
        if status.is_new:
            raise Conflict("new tickets get this status: set is_new on another status first")
        if await Ticket.filter(status_id=status_id).exists():
            raise Conflict("tickets have this status; mark it unavailable instead")
        await status.delete()


# -- SLA policies -------------------------------------------------------------------------


def _check_sla_times(first_response: int, resolution: int) -> None:
    if resolution < first_response:
        raise invalid_field(
            "resolution_minutes",
            "resolution_minutes must not be less than first_response_minutes",
            "less_than_first_response",
        )


async def list_sla_policies(
    limit: int,
    offset: int,
    *,
    priority_id: int | None = None,
    support_level: str | None = None,
    active: bool | None = None,
) -> tuple[list[SlaPolicy], int]:
    query = SlaPolicy.all().order_by("id")
    if priority_id is not None:
        query = query.filter(priority_id=priority_id)
    if support_level is not None:
        query = query.filter(support_level=support_level)
    if active is not None:
        query = query.filter(active=active)
    return await page(query, limit, offset)


async def _check_breach(action: BreachAction, agent_id: int | None) -> None:
    """A reassignment needs the agent it goes to; a lead to notify may come from the
    department instead; nothing and unassign take no agent."""
    if action == BreachAction.REASSIGN and agent_id is None:
        raise invalid_field("breach_agent_id", "reassign needs breach_agent_id", "missing")
    if action in (BreachAction.NOTHING, BreachAction.UNASSIGN) and agent_id is not None:
        raise invalid_field(
            "breach_agent_id", f"breach_action {action.value} takes no agent", "not_used"
        )
    await _check_lead(agent_id, "breach_agent_id")


async def create_sla_policy(**fields: Any) -> SlaPolicy:
    _check_sla_times(fields["first_response_minutes"], fields["resolution_minutes"])
    await require_ref(Priority, fields.get("priority_id"), "priority_id", "priority")
    await _check_breach(
        fields.get("breach_action", BreachAction.NOTHING), fields.get("breach_agent_id")
    )
    return await save(SlaPolicy(**fields), "SLA policy")


async def update_sla_policy(policy_id: int, **fields: Any) -> SlaPolicy:
    policy = await get_or_404(SlaPolicy, policy_id, "SLA policy")
    _check_sla_times(
        fields.get("first_response_minutes", policy.first_response_minutes),
        fields.get("resolution_minutes", policy.resolution_minutes),
    )
    if fields.get("priority_id") is not None:
        await require_ref(Priority, fields["priority_id"], "priority_id", "priority")
    if "breach_action" in fields or "breach_agent_id" in fields:
        await _check_breach(
            fields.get("breach_action", policy.breach_action),
            fields.get("breach_agent_id", policy.breach_agent_id),
        )
    policy.update_from_dict(fields)
    return await save(policy, "SLA policy")


async def delete_sla_policy(policy_id: int) -> None:
    # Tickets carry their own due times, so removing a policy changes no open ticket.
    policy = await get_or_404(SlaPolicy, policy_id, "SLA policy")
    await policy.delete()


# -- templates ----------------------------------------------------------------------------


def _templates_in(scope: Scope) -> QuerySet[Template]:
    """The templates for every department and those of the scope's departments."""
    if scope.departments is None:
        return Template.all()
    return Template.filter(Q(department_id=None) | Q(department_id__in=list(scope.departments)))


async def list_templates(
    limit: int,
    offset: int,
    *,
    scope: Scope = EVERYTHING,
    department_id: int | None = None,
    language: str | None = None,
    q: str | None = None,
    active: bool | None = None,
) -> tuple[list[Template], int]:
    query = _templates_in(scope).order_by("shortcut", "id")
    if department_id is not None:
        query = query.filter(department_id=department_id)
    if language is not None:
        query = query.filter(language=language)
    if active is not None:
        query = query.filter(active=active)
    if q:
        query = query.filter(Q(title__icontains=q) | Q(shortcut__icontains=q))
    return await page(query, limit, offset)


async def get_template(template_id: int, scope: Scope = EVERYTHING) -> Template:
    return await get_or_404(_templates_in(scope), template_id, "template")


async def _unique_template(exclude_id: int | None, **key: Any) -> None:
    await ensure_unique(Template, "template", exclude_id=exclude_id, **key)


async def create_template(**fields: Any) -> Template:
    await require_ref(Department, fields.get("department_id"), "department_id", "department")
    await _unique_template(
        None,
        shortcut=fields["shortcut"],
        department_id=fields.get("department_id"),
        language=fields.get("language"),
    )
    return await save(Template(**fields), "template")


async def update_template(template_id: int, **fields: Any) -> Template:
    template = await get_or_404(Template, template_id, "template")
    if fields.get("department_id") is not None:
        await require_ref(Department, fields["department_id"], "department_id", "department")
    key = ("shortcut", "department_id", "language")
    if _changed(template, fields, *key):
        await _unique_template(
            template_id, **{name: fields.get(name, getattr(template, name)) for name in key}
        )
    template.update_from_dict(fields)
    return await save(template, "template")


async def delete_template(template_id: int) -> None:
    template = await get_or_404(Template, template_id, "template")
    await template.delete()
