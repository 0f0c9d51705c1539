"""Read-mostly configuration, cached in the process behind a version stamp.

Departments, categories, priorities, statuses, SLA policies, settings, agents, tags,
the active webhooks and which departments have FAQ articles are read on nearly every
update and changed rarely. Every write to their tables, by any path (the ORM, raw SQL,
another instance of a fleet), stamps the `config` counter with a new random value from
a database trigger in the writing transaction (migration `config_version`). A reader
reads the stamp - one row - and the rows themselves only when the stamp differs from
the snapshot it holds; within an update the stamp is read once (bot.services.scope). A
stamp never repeats, so a snapshot read inside a transaction that is then rolled back
is never mistaken for a committed one.

The snapshot's rows are shared: read them, never change or save them. The agents'
`last_assigned_at` (round-robin bookkeeping) does not stamp and is not current here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from bot.services import lifecycle
from bot.services.scope import MISSING, forget, recall, remember
from models import (
    Agent,
    Article,
    Category,
    Counter,
    Department,
    Priority,
    Setting,
    SlaPolicy,
    Status,
    Tag,
    Webhook,
)
from models.enums import StatusRole

CONFIG_COUNTER = "config"
_SCOPE_KEY = ("config",)

T = TypeVar("T")


def _by_id(rows: Iterable[T]) -> dict[int, T]:
    return {row.id: row for row in rows}  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Snapshot:
    version: int | None
    departments: tuple[Department, ...]  # by order, id
    categories: tuple[Category, ...]  # by department, order, id
    priorities: tuple[Priority, ...]  # by level
    statuses: tuple[Status, ...]  # by order, id
    sla_policies: tuple[SlaPolicy, ...]  # active ones, by id
    settings: dict[str, Any]  # the stored values by key
    agents: tuple[Agent, ...]
    agent_departments: dict[int, frozenset[int]]
    webhooks: tuple[Webhook, ...] = ()  # active ones, by id (bot.services.webhooks)
    tags: tuple[Tag, ...] = ()  # by name, letter case ignored
    # Departments with at least one active FAQ article (bot.services.faq).
    faq_departments: frozenset[int] = frozenset()
    _index: dict[str, dict[Any, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index.update(
            department=_by_id(self.departments),
            category=_by_id(self.categories),
            priority=_by_id(self.priorities),
            status=_by_id(self.statuses),
            agent=_by_id(self.agents),
            agent_tg={a.telegram_id: a for a in self.agents},
            role={s.role: s for s in self.statuses if s.role is not None},
        )

    def department(self, department_id: int | None) -> Department | None:
        return self._index["department"].get(department_id)

    def category(self, category_id: int | None) -> Category | None:
        return self._index["category"].get(category_id)

    def priority(self, priority_id: int | None) -> Priority | None:
        return self._index["priority"].get(priority_id)

    def status(self, status_id: int | None) -> Status | None:
        return self._index["status"].get(status_id)

    def status_of_role(self, role: StatusRole) -> Status | None:
        return self._index["role"].get(role)

    def new_status(self) -> Status | None:
        """The status new tickets get: the one flagged is_new, else the `new` role's."""
        return lifecycle.new_status_of(self.statuses)

    def default_priority(self) -> Priority | None:
        flagged = next((p for p in self.priorities if p.is_default), None)
        return flagged or (self.priorities[0] if self.priorities else None)

    def agent(self, agent_id: int | None) -> Agent | None:
        return self._index["agent"].get(agent_id)

    def agent_by_telegram_id(self, telegram_id: int) -> Agent | None:
        return self._index["agent_tg"].get(telegram_id)

    def departments_of(self, agent_id: int) -> frozenset[int]:
        return self.agent_departments.get(agent_id, frozenset())


_cached: Snapshot | None = None


async def _stamp() -> int | None:
    rows = cast(
        list[int], await Counter.filter(name=CONFIG_COUNTER).values_list("value", flat=True)
    )
    return int(rows[0]) if rows else None


async def _load(version: int | None) -> Snapshot:
    links = await Agent._meta.db.execute_query_dict(
        "SELECT agent_id, department_id FROM agent_department"
    )
    agent_departments: dict[int, set[int]] = {}
    for link in links:
        agent_departments.setdefault(link["agent_id"], set()).add(link["department_id"])
    return Snapshot(
        version=version,
        departments=tuple(await Department.all().order_by("order", "id")),
        categories=tuple(await Category.all().order_by("department_id", "order", "id")),
        priorities=tuple(await Priority.all().order_by("level", "id")),
        statuses=tuple(await Status.all().order_by("order", "id")),
        sla_policies=tuple(await SlaPolicy.filter(active=True).order_by("id")),
        settings={s.key: s.value for s in await Setting.all()},
        agents=tuple(await Agent.all().order_by("id")),
        agent_departments={k: frozenset(v) for k, v in agent_departments.items()},
        webhooks=tuple(await Webhook.filter(active=True).order_by("id")),
        tags=tuple(await Tag.all().order_by("key", "id")),
        faq_departments=frozenset(
            cast(
                list[int],
                await Article.filter(active=True)
                .distinct()
                .values_list("department_id", flat=True),
            )
        ),
    )


async def snapshot() -> Snapshot:
    """The configuration in force (the stamp read once per update)."""
    held = recall(_SCOPE_KEY)
    if held is not MISSING:
        return held
    return await adopt(await _stamp())


async def adopt(version: int | None) -> Snapshot:
    """The configuration at the stamp just read (for the rest of the update)."""
    global _cached
    current = _cached
    if current is None or version is None or current.version != version:
        current = await _load(version)
        if version is not None:
            _cached = current
    return remember(_SCOPE_KEY, current)


def changed() -> None:
    """The update wrote configuration: its next read takes the stamp again."""
    forget(_SCOPE_KEY)
