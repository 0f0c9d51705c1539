"""SLA policies: due times for first response and resolution (the "семафор")."""

from __future__ import annotations

from datetime import datetime, timedelta

from models import SlaPolicy
from models.enums import SlaState


async def policy_for(priority_id: int | None, support_level: str | None) -> SlaPolicy | None:
    """The most specific active policy: priority and level, then priority, then level,
    then a catch-all."""
    candidates = await SlaPolicy.filter(active=True)

    def score(policy: SlaPolicy) -> int:
        if policy.priority_id not in (None, priority_id):
            return -1
        if policy.support_level not in (None, support_level):
            return -1
        return (2 if policy.priority_id is not None else 0) + (
            1 if policy.support_level is not None else 0
        )

    ranked = sorted(
        (p for p in candidates if score(p) >= 0), key=lambda p: (score(p), -p.id), reverse=True
    )
    return ranked[0] if ranked else None


async def due_times(
    priority_id: int | None, support_level: str | None, start: datetime
) -> tuple[datetime | None, datetime | None]:
    policy = await policy_for(priority_id, support_level)
    if policy is None:
        return None, None
    return (
        start + timedelta(minutes=policy.first_response_minutes),
        start + timedelta(minutes=policy.resolution_minutes),
    )


def state_at(
    now: datetime,
    created_at: datetime,
    due: datetime | None,
    warning_ratio: float = 0.8,
) -> SlaState:
    if due is None:
        return SlaState.OK
    if now >= due:
        return SlaState.BREACHED
    if now >= created_at + (due - created_at) * warning_ratio:
        return SlaState.WARNING
    return SlaState.OK
