"""Configuration pages: one generic list + form page per entity (departments,
categories, priorities, statuses, SLA policies, templates, agents, customers), read
and written through bot.services and checked by the admin API's own pydantic schemas
(the same messages next to the fields); tokens (the secret shown once) and settings.

Admin tokens change the configuration; readonly tokens see it (forms disabled, posts
refused by the session middleware); agent tokens have their tickets and dashboard.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from aiohttp import web
from pydantic import BaseModel

from admin_api.schemas.access import SettingsOut, SettingsPatch, TokenIn
from admin_api.schemas.directory import (
    CategoryIn,
    CategoryOut,
    DepartmentIn,
    DepartmentOut,
    PriorityIn,
    PriorityOut,
    SlaPolicyIn,
    SlaPolicyOut,
    StatusIn,
    StatusOut,
    TemplateIn,
    TemplateOut,
)
from admin_api.schemas.faq import ArticleIn, ArticleOut
from admin_api.schemas.people import AgentIn, AgentOut, CustomerIn, CustomerOut, EraseIn
from admin_api.schemas.tags import MacroIn, MacroOut, TagIn, TagOut
from bot.services import config, directory, erasure, faq, macros, people, tagging, tokens
from bot.services.config import Snapshot
from bot.services.errors import DomainError, Forbidden
from bot.services.hours import WEEKDAYS
from bot.services.settings import runtime_settings, update_settings
from console.i18n import N_
from console.keys import RENDERER, SETTINGS
from console.views.common import actor, domain_errors, parse, principal, wake
from models import Category, Department, Priority, SlaPolicy, Status, Template
from models.enums import AgentRole, BreachAction, NotifyBy, SettableBy, TokenRole

Choices = Callable[[Snapshot], Any]  # a list of (value, label), or an awaitable of one
PAGE = 50


@dataclass(frozen=True)
class Field:
    """One input of a form: text, textarea, number, float, check, select, multi, date,
    json (a textarea holding a JSON value, e.g. a category's required fields)."""

    name: str
    label: str
    kind: str = "text"
    choices: Choices | None = None
    blank: str | None = None  # the select's empty option (None: there is none)
    preview: bool = False
    # A value the form shows as text and reads back (business hours, holiday dates).
    show: Callable[[Any], str] | None = None
    read: Callable[[str], Any] | None = None


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    schema: type[BaseModel]
    out: Callable[[Any], dict[str, Any]]
    fields: tuple[Field, ...]
    columns: tuple[str, ...]
    list_items: Callable[..., Awaitable[tuple[list[Any], int]]]
    get_item: Callable[[int], Awaitable[Any]]
    create: Callable[..., Awaitable[Any]]
    update: Callable[..., Awaitable[Any]]
    delete: Callable[[int], Awaitable[None]] | None = None
    searchable: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _dump(model: type[BaseModel]) -> Callable[[Any], dict[str, Any]]:
    return lambda item: model.model_validate(item).model_dump()


def _departments(s: Snapshot) -> list[tuple[str, str]]:
    return [(str(d.id), d.name) for d in s.departments]


def _agents(s: Snapshot) -> list[tuple[str, str]]:
    return [(str(a.id), a.name) for a in s.agents]


def _priorities(s: Snapshot) -> list[tuple[str, str]]:
    return [(str(p.id), p.name) for p in s.priorities]


def _categories(s: Snapshot) -> list[tuple[str, str]]:
    departments = {d.id: d.name for d in s.departments}
    return [(str(c.id), f"{departments.get(c.department_id, '')} · {c.name}") for c in s.categories]


def _agent_statuses(s: Snapshot) -> list[tuple[str, str]]:
    return [
        (str(x.id), x.name)
        for x in s.statuses
        if x.available and x.settable_by in (SettableBy.ALL, SettableBy.AGENTS)
    ]


async def _templates(s: Snapshot) -> list[tuple[str, str]]:
    return [
        (str(t.id), f"/{t.shortcut} · {t.title}") for t in await Template.all().order_by("title")
    ]


async def _tags(s: Snapshot) -> list[tuple[str, str]]:
    return [(str(t.id), f"{t.color} #{t.name}".strip()) for t in await tagging.all_tags()]


def _fixed(*values: str) -> Choices:
    return lambda s: [(v, v) for v in values]


LANGUAGES = _fixed("en", "ru")


def _show_schedule(schedule: dict[str, list[str]] | None) -> str:
    """A line per open weekday: "mon 09:00-13:00, 14:00-18:00"."""
    schedule = schedule or {}
    days = sorted(schedule, key=lambda d: WEEKDAYS.index(d) if d in WEEKDAYS else len(WEEKDAYS))
    return "\n".join(f"{day} {', '.join(schedule[day])}" for day in days)


def _read_schedule(text: str) -> dict[str, list[str]]:
    """The lines back as the API's schedule; the schema and the service judge them (a
    line that is not "weekday intervals" is kept as it is, to be refused by name)."""
    schedule: dict[str, list[str]] = {}
    for line in text.splitlines():
        day, _, rest = line.strip().partition(" ")
        if day:
            spans = [s for s in rest.replace(",", " ").split() if s]
            schedule.setdefault(day.strip(":").lower(), []).extend(spans)
    return schedule


def _show_dates(dates: list[str] | None) -> str:
    return ", ".join(dates or [])


def _read_dates(text: str) -> list[str]:
    return [d for d in text.replace(",", " ").split() if d]


SECTIONS: dict[str, Section] = {
    s.slug: s
    for s in (
        Section(
            slug="templates",
            title=N_("Templates"),
            schema=TemplateIn,
            out=_dump(TemplateOut),
            fields=(
                Field("title", N_("Title")),
                Field("shortcut", N_("Shortcut")),
                Field(
                    "department_id",
                    N_("Department"),
                    "select",
                    _departments,
                    N_("every department"),
                ),
                Field("language", N_("Language"), "select", LANGUAGES, N_("any language")),
                Field("active", N_("Active"), "check"),
                Field("text", N_("Text"), "textarea", preview=True),
            ),
            columns=("shortcut", "title", "department_id", "language", "active"),
            list_items=directory.list_templates,
            get_item=directory.get_template,
            create=directory.create_template,
            update=directory.update_template,
            delete=directory.delete_template,
            searchable=True,
        ),
        Section(
            slug="tags",
            title=N_("Tags"),
            schema=TagIn,
            out=_dump(TagOut),
            fields=(
                Field("name", N_("Name (one word)")),
                Field("color", N_("Colour (emoji or #hex)")),
            ),
            columns=("name", "color"),
            list_items=tagging.list_tags,
            get_item=tagging.get_tag,
            create=tagging.create_tag,
            update=tagging.update_tag,
            delete=tagging.delete_tag,
            searchable=True,
        ),
        Section(
            slug="macros",
            title=N_("Macros"),
            schema=MacroIn,
            out=lambda macro: MacroOut.of(macro).model_dump(),
            fields=(
                Field("name", N_("Name")),
                Field("template_id", N_("Answer (template)"), "select", _templates, N_("none")),
                Field("tag_ids", N_("Tags to add"), "multi", _tags),
                Field("assignee_id", N_("Assign to"), "select", _agents, N_("nobody")),
                Field("assign_to_me", N_("Assign to whoever applies it"), "check"),
                Field("status_id", N_("Status (set last)"), "select", _agent_statuses, N_("none")),
                Field("active", N_("Active"), "check"),
            ),
            columns=("name", "template_id", "assignee_id", "assign_to_me", "status_id", "active"),
            list_items=macros.list_macros,
            get_item=macros.get_macro,
            create=macros.create_macro,
            update=macros.update_macro,
            delete=macros.delete_macro,
        ),
        Section(
            slug="agents",
            title=N_("Agents"),
            schema=AgentIn,
            out=lambda agent: AgentOut.of(agent).model_dump(),
            fields=(
                Field("telegram_id", N_("Telegram id"), "number"),
                Field("name", N_("Name")),
                Field("username", N_("Username")),
                Field("department_ids", N_("Departments"), "multi", _departments),
                Field("role", N_("Role"), "select", _fixed(*(r.value for r in AgentRole))),
                Field("language", N_("Language"), "select", LANGUAGES, N_("the customer's")),
                Field(
                    "notify_by",
                    N_("Notices about their tickets"),
                    "select",
                    _fixed(*(n.value for n in NotifyBy)),
                ),
                Field("active", N_("Active"), "check"),
                Field("on_duty", N_("On duty"), "check"),
            ),
            columns=("name", "username", "telegram_id", "role", "department_ids", "active"),
            list_items=people.list_agents,
            get_item=people.get_agent,
            create=people.create_agent,
            update=people.update_agent,
            delete=people.delete_agent,
            searchable=True,
        ),
        Section(
            slug="departments",
            title=N_("Departments"),
            schema=DepartmentIn,
            out=_dump(DepartmentOut),
            fields=(
                Field("name", N_("Name")),
                Field("order", N_("Order"), "number"),
                Field("staff_chat_id", N_("Own staff chat id"), "number"),
                Field("visible", N_("Offered to customers"), "check"),
                Field("active", N_("Active"), "check"),
                Field("description", N_("Description"), "textarea"),
                Field(
                    "lead_id", N_("Lead (told of SLA breaches)"), "select", _agents, N_("nobody")
                ),
                Field("time_zone", N_("Time zone (e.g. Europe/Berlin; empty: open 24/7)")),
                Field(
                    "schedule",
                    N_("Business hours: a line per weekday, e.g. mon 09:00-13:00, 14:00-18:00"),
                    "textarea",
                    show=_show_schedule,
                    read=_read_schedule,
                ),
                Field(
                    "holidays",
                    N_("Holidays (dates, e.g. 2027-01-01, 2027-12-25)"),
                    show=_show_dates,
                    read=_read_dates,
                ),
                Field("closed_notice", N_("Outside hours, tell customers when we open"), "check"),
            ),
            columns=("name", "order", "visible", "active", "staff_chat_id", "time_zone"),
            list_items=directory.list_departments,
            get_item=partial(directory.get_or_404, Department, what="department"),
            create=directory.create_department,
            update=directory.update_department,
            delete=directory.delete_department,
        ),
        Section(
            slug="categories",
            title=N_("Categories"),
            schema=CategoryIn,
            out=_dump(CategoryOut),
            fields=(
                Field("name", N_("Name")),
                Field("department_id", N_("Department"), "select", _departments),
                Field(
                    "responsible_agent_id", N_("Responsible agent"), "select", _agents, N_("nobody")
                ),
                Field("color", N_("Colour (emoji or #hex)")),
                Field("order", N_("Order"), "number"),
                Field("active", N_("Active"), "check"),
                Field(
                    "required_fields",
                    N_(
                        "Required fields asked after the description (JSON list of "
                        '{"key", "label": {"en", "ru"}, "kind": "text" | "number" | "screenshot", '
                        '"pattern", "max_length", "hint": {"en", "ru"}})'
                    ),
                    "json",
                ),
            ),
            columns=("name", "department_id", "responsible_agent_id", "color", "active"),
            list_items=directory.list_categories,
            get_item=partial(directory.get_or_404, Category, what="category"),
            create=directory.create_category,
            update=directory.update_category,
            delete=directory.delete_category,
        ),
        Section(
            slug="articles",
            title=N_("FAQ articles"),
            schema=ArticleIn,
            out=_dump(ArticleOut),
            fields=(
                Field("department_id", N_("Department"), "select", _departments),
                Field(
                    "category_id",
                    N_("Category"),
                    "select",
                    _categories,
                    N_("every category of the department"),
                ),
                Field("title_en", N_("Title (English)")),
                Field("title_ru", N_("Title (Russian)")),
                Field("active", N_("Offered to customers"), "check"),
                Field("body_en", N_("Text (English)"), "textarea"),
                Field("body_ru", N_("Text (Russian)"), "textarea"),
            ),
            columns=("title_en", "department_id", "category_id", "active"),
            list_items=faq.list_articles,
            get_item=faq.get_article,
            create=faq.create_article,
            update=faq.update_article,
            delete=faq.delete_article,
        ),
        Section(
            slug="priorities",
            title=N_("Priorities"),
            schema=PriorityIn,
            out=_dump(PriorityOut),
            fields=(
                Field("name", N_("Name")),
                Field("level", N_("Level"), "number"),
                Field("color", N_("Colour")),
                Field("is_default", N_("Default"), "check"),
                Field("active", N_("Active"), "check"),
            ),
            columns=("name", "level", "color", "is_default", "active"),
            list_items=directory.list_priorities,
            get_item=partial(directory.get_or_404, Priority, what="priority"),
            create=directory.create_priority,
            update=directory.update_priority,
            delete=directory.delete_priority,
        ),
        Section(
            slug="statuses",
            title=N_("Statuses"),
            schema=StatusIn,
            out=_dump(StatusOut),
            fields=(
                Field("name", N_("Name")),
                Field("color", N_("Colour")),
                Field(
                    "settable_by", N_("Set by"), "select", _fixed(*(v.value for v in SettableBy))
                ),
                Field("order", N_("Order"), "number"),
                Field("available", N_("Available"), "check"),
                Field("shown_by_default", N_("Listed by default"), "check"),
                Field("customer_can_reply", N_("Customer can reply"), "check"),
                Field("is_new", N_("Given to new tickets"), "check"),
                Field("is_final", N_("Final (done)"), "check"),
            ),
            columns=("name", "role", "settable_by", "available", "is_new", "is_final", "order"),
            list_items=directory.list_statuses,
            get_item=partial(directory.get_or_404, Status, what="status"),
            create=directory.create_status,
            update=directory.update_status,
            delete=directory.delete_status,
        ),
        Section(
            slug="sla-policies",
            title=N_("SLA policies"),
            schema=SlaPolicyIn,
            out=_dump(SlaPolicyOut),
            fields=(
                Field("name", N_("Name")),
                Field("priority_id", N_("Priority"), "select", _priorities, N_("any priority")),
                Field("support_level", N_("Support level (empty: any)")),
                Field("first_response_minutes", N_("First response, minutes"), "number"),
                Field("resolution_minutes", N_("Resolution, minutes"), "number"),
                Field("warning_ratio", N_("Warning at (share of the time)"), "float"),
                Field(
                    "breach_action",
                    N_("On a breach"),
                    "select",
                    _fixed(*(a.value for a in BreachAction)),
                ),
                Field(
                    "breach_agent_id",
                    N_("Lead to tell, or agent to reassign to"),
                    "select",
                    _agents,
                    N_("the department's lead"),
                ),
                Field("active", N_("Active"), "check"),
            ),
            columns=(
                "name",
                "priority_id",
                "support_level",
                "first_response_minutes",
                "resolution_minutes",
                "active",
            ),
            list_items=directory.list_sla_policies,
            get_item=partial(directory.get_or_404, SlaPolicy, what="SLA policy"),
            create=directory.create_sla_policy,
            update=directory.update_sla_policy,
            delete=directory.delete_sla_policy,
        ),
        Section(
            slug="customers",
            title=N_("Customers"),
            schema=CustomerIn,
            out=_dump(CustomerOut),
            fields=(
                Field("telegram_id", N_("Telegram id"), "number"),
                Field("first_name", N_("First name")),
                Field("last_name", N_("Last name")),
                Field("username", N_("Username")),
                Field("language", N_("Language"), "select", LANGUAGES, N_("their Telegram's")),
                Field("support_level", N_("Support level")),
                Field("support_until", N_("Support until (empty: no end)"), "date"),
                Field("active", N_("Support access"), "check"),
                Field("banned", N_("Banned"), "check"),
                Field("ban_reason", N_("Ban reason")),
            ),
            columns=(
                "first_name",
                "username",
                "telegram_id",
                "support_level",
                "support_until",
                "banned",
                "erased_at",
            ),
            list_items=people.list_customers,
            get_item=people.get_customer,
            create=people.create_customer,
            update=people.update_customer,
            searchable=True,
        ),
    )
}
SAMPLES = {"customer_name": "Alice Smith", "ticket_number": "1042", "agent_name": "Ann"}


def _may_read(request: web.Request) -> None:
    if principal(request).role == TokenRole.AGENT:
        raise Forbidden(N_("the configuration is for admin and readonly tokens"))


def _may_write(request: web.Request) -> None:
    if principal(request).role != TokenRole.ADMIN:
        raise Forbidden(N_("only admin tokens change the configuration"))


def _section(request: web.Request) -> Section:
    found = SECTIONS.get(request.match_info["section"])
    if found is None:
        raise web.HTTPNotFound(reason="no such page")
    return found


def _item_id(request: web.Request) -> int:
    text = request.match_info["item_id"]
    if not text.isdigit() or len(text) > 10 or int(text) > 2**31 - 1:
        raise web.HTTPNotFound(reason="no such item")
    return int(text)


def _offset(request: web.Request) -> int:
    text = request.query.get("offset", "0")
    return min(int(text), 1_000_000) if text.isdigit() and len(text) < 8 else 0


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else ""
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return json.dumps(value, ensure_ascii=False, indent=1)
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _form_values(section: Section, current: dict[str, Any]) -> dict[str, Any]:
    """What the form shows: text per field, a list of texts for a multi-select."""
    values: dict[str, Any] = {}
    for f in section.fields:
        value = current.get(f.name)
        if f.kind == "multi":
            values[f.name] = [str(v) for v in value or []]
        elif f.show is not None:
            values[f.name] = f.show(value)
        else:
            values[f.name] = _text(value)
    return values


async def _read_form(request: web.Request, section: Section) -> tuple[dict, dict]:
    """The posted form as the schema's input, and as the texts to show again. An empty
    field clears what may be empty (null where the schema allows it, "" for text) and
    otherwise leaves the schema's default; an unchecked box is false."""
    posted = await request.post()
    data: dict[str, Any] = {}
    shown: dict[str, Any] = {}
    for f in section.fields:
        if f.kind == "check":
            data[f.name] = f.name in posted
            shown[f.name] = "true" if f.name in posted else ""
        elif f.kind == "multi":
            chosen = [v for v in posted.getall(f.name, []) if isinstance(v, str)]
            data[f.name] = chosen
            shown[f.name] = chosen
        elif f.kind == "json":
            value = posted.get(f.name, "")
            text = value if isinstance(value, str) else ""
            shown[f.name] = text
            try:
                data[f.name] = json.loads(text) if text.strip() else []
            except ValueError:
                data[f.name] = text  # the schema says what it expected
        else:
            value = posted.get(f.name, "")
            text = value if isinstance(value, str) else ""
            shown[f.name] = text
            if text.strip():
                data[f.name] = f.read(text) if f.read is not None else text
            elif _nullable(section, f.name):
                data[f.name] = None
            elif f.kind in ("text", "textarea"):
                data[f.name] = text
    return data, shown


def _nullable(section: Section, name: str) -> bool:
    annotation = section.schema.model_fields[name].annotation
    return type(None) in getattr(annotation, "__args__", ())


async def _render(
    request: web.Request,
    section: Section,
    *,
    item: Any = None,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
    notice: str = "",
) -> web.Response:
    snapshot = await config.snapshot()
    q = request.query.get("q", "").strip()[:128]
    offset = _offset(request)
    kwargs: dict[str, Any] = {"q": q} if section.searchable and q else {}
    items, total = await section.list_items(PAGE, offset, **kwargs)
    rows = [section.out(i) for i in items]
    names = {
        "department_id": {d.id: d.name for d in snapshot.departments},
        "responsible_agent_id": {a.id: a.name for a in snapshot.agents},
        "lead_id": {a.id: a.name for a in snapshot.agents},
        "priority_id": {p.id: p.name for p in snapshot.priorities},
        "category_id": {c.id: c.name for c in snapshot.categories},
        "status_id": {x.id: x.name for x in snapshot.statuses},
        "assignee_id": {a.id: a.name for a in snapshot.agents},
    }
    labels = {f.name: f.label for f in section.fields}
    labels |= {"role": N_("Role"), "erased_at": N_("Erased"), "id": "#"}
    departments = {d.id: d.name for d in snapshot.departments}
    for row in rows:
        if "department_ids" in row:
            row["department_ids"] = [departments.get(i, f"#{i}") for i in row["department_ids"]]
    current = section.out(item) if item is not None else None
    if values is None:
        values = _form_values(section, current or _defaults(section))
    context = {
        "section": section,
        "sections": SECTIONS,
        "rows": rows,
        "total": total,
        "offset": offset,
        "page_size": PAGE,
        "q": q,
        "names": names,
        "labels": labels,
        "item": current,
        "values": values,
        "errors": errors or {},
        "choices": {
            f.name: await _options(f.choices, snapshot) for f in section.fields if f.choices
        },
        "samples": SAMPLES,
        "notice": notice or request.query.get("done", ""),
    }
    return request.app[RENDERER].page(request, "section.html", context, status=status)


async def _options(choices: Choices, snapshot: Snapshot) -> list[tuple[str, str]]:
    """A field's choices: from the configuration's snapshot, or read (tags, templates)."""
    found = choices(snapshot)
    return await found if inspect.isawaitable(found) else found


def _defaults(section: Section) -> dict[str, Any]:
    found = {}
    for name, info in section.schema.model_fields.items():
        if not info.is_required():
            found[name] = info.get_default(call_default_factory=True)
    return found


async def index(request: web.Request) -> web.Response:
    _may_read(request)
    return request.app[RENDERER].page(request, "config.html", {"sections": SECTIONS})


async def section_page(request: web.Request) -> web.Response:
    _may_read(request)
    return await _render(request, _section(request))


async def item_page(request: web.Request) -> web.Response:
    _may_read(request)
    section = _section(request)
    return await _render(request, section, item=await section.get_item(_item_id(request)))


async def create(request: web.Request) -> web.StreamResponse:
    _may_write(request)
    section = _section(request)
    data, shown = await _read_form(request, section)
    body, errors = parse(section.schema, data)
    if body is None:
        return await _render(request, section, values=shown, errors=errors, status=422)
    try:
        item = await section.create(**body.model_dump())
    except DomainError as exc:
        errors = domain_errors(exc)
        return await _render(request, section, values=shown, errors=errors, status=exc.status)
    raise web.HTTPSeeOther(f"/console/config/{section.slug}/{item.id}?done=created")


async def update(request: web.Request) -> web.StreamResponse:
    _may_write(request)
    section = _section(request)
    item_id = _item_id(request)
    item = await section.get_item(item_id)
    data, shown = await _read_form(request, section)
    body, errors = parse(section.schema, data)
    if body is None:
        return await _render(request, section, item=item, values=shown, errors=errors, status=422)
    current = section.out(item)
    posted = {f.name for f in section.fields}
    changes = {k: v for k, v in body.model_dump().items() if k in posted and current.get(k) != v}
    try:
        if changes:
            await section.update(item_id, **changes)
    except DomainError as exc:
        errors = domain_errors(exc)
        return await _render(
            request, section, item=item, values=shown, errors=errors, status=exc.status
        )
    raise web.HTTPSeeOther(f"/console/config/{section.slug}/{item_id}?done=saved")


async def delete(request: web.Request) -> web.StreamResponse:
    _may_write(request)
    section = _section(request)
    if section.delete is None:
        raise web.HTTPNotFound(reason="this kind of item is not deleted here")
    item_id = _item_id(request)
    item = await section.get_item(item_id)
    try:
        await section.delete(item_id)
    except DomainError as exc:
        errors = {"__all__": exc.message}
        return await _render(request, section, item=item, errors=errors, status=exc.status)
    raise web.HTTPSeeOther(f"/console/config/{section.slug}?done=deleted")


async def erase(request: web.Request) -> web.StreamResponse:
    _may_write(request)
    section = SECTIONS["customers"]
    item_id = _item_id(request)
    item = await section.get_item(item_id)
    posted = await request.post()
    body, errors = parse(EraseIn, {"force": "force" in posted})
    settings = request.app[SETTINGS]
    try:
        await erasure.erase_customer(
            item_id,
            await actor(request),
            attachments_dir=Path((await runtime_settings(settings)).attachments_dir),
            force=body.force,
            redis_url=settings.redis_url,
        )
    except DomainError as exc:
        errors = {"__all__": exc.message}
        return await _render(request, section, item=item, errors=errors, status=exc.status)
    wake(request)
    raise web.HTTPSeeOther(f"/console/config/customers/{item_id}?done=erased")


# -- tokens --------------------------------------------------------------------------------


async def _tokens_page(
    request: web.Request,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    secret: str = "",
    status: int = 200,
) -> web.Response:
    items, total = await tokens.list_tokens(200, 0)
    snapshot = await config.snapshot()
    context = {
        "sections": SECTIONS,
        "tokens": items,
        "total": total,
        "values": values or {"name": "", "role": "readonly", "agent_id": ""},
        "errors": errors or {},
        "secret": secret,
        "agents": _agents(snapshot),
        "roles": [r.value for r in TokenRole],
        "notice": request.query.get("done", ""),
    }
    return request.app[RENDERER].page(request, "tokens.html", context, status=status)


async def tokens_page(request: web.Request) -> web.Response:
    _may_read(request)
    return await _tokens_page(request)


async def create_token(request: web.Request) -> web.Response:
    _may_write(request)
    posted = await request.post()
    shown = {k: str(posted.get(k, "")) for k in ("name", "role", "agent_id")}
    data = {k: v for k, v in shown.items() if v.strip()}
    body, errors = parse(TokenIn, data)
    if body is None:
        return await _tokens_page(request, values=shown, errors=errors, status=422)
    try:
        _, secret = await tokens.create_token(body.name, body.role.value, body.agent_id)
    except DomainError as exc:
        return await _tokens_page(
            request, values=shown, errors=domain_errors(exc), status=exc.status
        )
    # Shown in this answer only (never stored, never in a URL); the page is not cached.
    return await _tokens_page(request, secret=secret, status=201)


async def revoke_token(request: web.Request) -> web.StreamResponse:
    _may_write(request)
    await tokens.revoke_token(_item_id(request))
    raise web.HTTPSeeOther("/console/config/tokens?done=revoked")


# -- settings ------------------------------------------------------------------------------

SETTING_FIELDS = (
    Field("staff_chat_id", N_("Global staff chat id (empty: STAFF_CHAT_ID)"), "number"),
    Field("auto_close_hours", N_("Resolved tickets close after, hours"), "number"),
    Field("reopen_window_days", N_("Closed tickets may be reopened for, days"), "number"),
    Field("round_robin", N_("Assign new tickets round-robin"), "check"),
    Field("sla_pause_while_waiting", N_("SLA clock stops while waiting for the customer"), "check"),
    Field("attachments_dir", N_("Attachments directory (empty: ATTACHMENTS_DIR)")),
)


async def _settings_page(
    request: web.Request,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> web.Response:
    if values is None:
        current = SettingsOut.model_validate(
            await runtime_settings(request.app[SETTINGS])
        ).model_dump()
        values = {f.name: _text(current[f.name]) for f in SETTING_FIELDS}
    context = {
        "sections": SECTIONS,
        "fields": SETTING_FIELDS,
        "values": values,
        "errors": errors or {},
        "notice": request.query.get("done", ""),
    }
    return request.app[RENDERER].page(request, "settings.html", context, status=status)


async def settings_page(request: web.Request) -> web.Response:
    _may_read(request)
    return await _settings_page(request)


async def save_settings(request: web.Request) -> web.StreamResponse:
    _may_write(request)
    posted = await request.post()
    shown: dict[str, str] = {}
    data: dict[str, Any] = {}
    for f in SETTING_FIELDS:
        if f.kind == "check":
            data[f.name] = f.name in posted
            shown[f.name] = "true" if f.name in posted else ""
        else:
            text = str(posted.get(f.name, "")).strip()
            shown[f.name] = text
            data[f.name] = text or None
    body, errors = parse(SettingsPatch, data)
    if body is None:
        return await _settings_page(request, values=shown, errors=errors, status=422)
    try:
        await update_settings(body.model_dump())
    except DomainError as exc:
        return await _settings_page(
            request, values=shown, errors=domain_errors(exc), status=exc.status
        )
    raise web.HTTPSeeOther("/console/config/settings?done=saved")


def register(app: web.Application) -> None:
    app.router.add_get("/config", index)
    app.router.add_get("/config/tokens", tokens_page)
    app.router.add_post("/config/tokens", create_token)
    app.router.add_post("/config/tokens/{item_id}/revoke", revoke_token)
    app.router.add_get("/config/settings", settings_page)
    app.router.add_post("/config/settings", save_settings)
    app.router.add_post("/config/customers/{item_id}/erase", erase)
    app.router.add_get("/config/{section}", section_page)
    app.router.add_post("/config/{section}", create)
    app.router.add_get("/config/{section}/{item_id}", item_page)
    app.router.add_post("/config/{section}/{item_id}", update)
    app.router.add_post("/config/{section}/{item_id}/delete", delete)
