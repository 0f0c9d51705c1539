"""Configuration entities the admins maintain (departments, categories, ...).

Each function validates references and uniqueness itself, so a conflict is a clear
domain error rather than a database exception.
"""

from __future__ import annotations

from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from bot.services.errors import Conflict, NotFound
from models import Department, Ticket


async def get_or_404(model: type[Model], object_id: int, what: str) -> Any:
    instance = await model.get_or_none(id=object_id)
    if instance is None:
        raise NotFound(f"{what} {object_id} does not exist")
    return instance


async def page(query: Any, limit: int, offset: int) -> tuple[list[Any], int]:
    total = await query.count()
    items = await query.offset(offset).limit(limit)
    return items, total


async def _unique(
    model: type[Model], field: str, value: Any, what: str, exclude_id: int | None = None
) -> None:
    query = model.filter(**{field: value})
    if exclude_id is not None:
        query = query.exclude(id=exclude_id)
    if await query.exists():
        raise Conflict(f"a {what} with this {field} already exists", {"field": field})


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


async def create_department(**fields: Any) -> Department:
    await _unique(Department, "name", fields["name"], "department")
    return await save(Department(**fields), "department")


async def update_department(department_id: int, **fields: Any) -> Department:
    department = await get_or_404(Department, department_id, "department")
    if "name" in fields:
        await _unique(Department, "name", fields["name"], "department", exclude_id=department_id)
    department.update_from_dict(fields)
    return await save(department, "department")


async def delete_department(department_id: int) -> None:
    async with in_transaction():
        department = await get_or_404(Department, department_id, "department")
        if await Ticket.filter(department_id=department_id).exists():
            raise Conflict("the department has tickets; deactivate it instead (active=false)")
        await department.delete()
