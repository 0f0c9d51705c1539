"""Who gets a new ticket (SPEC §4): the category's responsible agent, else (when the
`round_robin` setting is on) the on-duty agent of the department assigned longest ago,
else nobody - it waits for "I'll answer"."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.services.settings import stored_settings
from models import Agent, Category
from models.enums import AgentRole


async def pick_assignee(
    department_id: int, category: Category | None, customer_telegram_id: int | None = None
) -> tuple[Agent | None, str]:
    """The agent and the reason ("category" / "round_robin"), or (None, ""). Never the
    customer themselves (an agent who opened a ticket as a customer)."""
    if category is not None and category.responsible_agent_id:
        agent = await Agent.get_or_none(id=category.responsible_agent_id, active=True)
        if agent is not None and agent.telegram_id != customer_telegram_id:
            return agent, "category"
    if (await stored_settings()).round_robin:
        agent = await round_robin_pick(department_id, customer_telegram_id)
        if agent is not None:
            return agent, "round_robin"
    return None, ""


async def round_robin_pick(
    department_id: int, customer_telegram_id: int | None = None
) -> Agent | None:
    """The on-duty agent of the department assigned longest ago (never first)."""
    candidates = await Agent.filter(
        active=True, on_duty=True, role=AgentRole.AGENT, departments__id=department_id
    ).order_by("id")
    candidates = [a for a in candidates if a.telegram_id != customer_telegram_id]
    if not candidates:
        return None
    epoch = datetime.min.replace(tzinfo=UTC)
    chosen = min(candidates, key=lambda a: (a.last_assigned_at or epoch, a.id))
    await Agent.filter(id=chosen.id).update(last_assigned_at=datetime.now(UTC))
    return chosen
