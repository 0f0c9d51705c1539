"""The console's department, SLA policy and agent pages for issue 16 points 3 and 4:
business hours as a line per weekday, holidays, the lead, the closed notice; a
policy's breach rule; an agent's notices. Bad input is answered next to its field
and changes nothing."""

from __future__ import annotations

import re

import pytest

from models import Agent, Department, SlaPolicy
from models.enums import BreachAction, NotifyBy
from tests.factories import make_desk


@pytest.fixture
async def desk(db):
    return await make_desk()


def _error(text: str, name: str) -> str:
    found = re.search(rf'id="f-{name}-error"[^>]*>([^<]*)<', text)
    assert found, f"no error shown for {name}"
    return found.group(1)


def _department_form(**more: str) -> dict[str, str]:
    return {"name": "Billing", "order": "0", "visible": "on", "active": "on", **more}


async def test_business_hours_and_lead_on_the_department_page(admin, desk):
    path = f"/console/config/departments/{desk.billing.id}"
    await admin.get(path)
    status, text = await admin.post(
        path,
        _department_form(
            time_zone="Europe/Berlin",
            schedule="mon 09:00-13:00, 14:00-18:00\nfri: 09:00-17:00",
            holidays="2027-01-01, 2027-12-25",
            lead_id=str(desk.root.id),
        ),
    )
    assert status == 200 and 'data-done="saved"' in text
    billing = await Department.get(id=desk.billing.id)
    assert billing.time_zone == "Europe/Berlin" and billing.lead_id == desk.root.id
    assert billing.schedule == {"mon": ["09:00-13:00", "14:00-18:00"], "fri": ["09:00-17:00"]}
    assert billing.holidays == ["2027-01-01", "2027-12-25"]
    assert billing.closed_notice is False  # the box was not ticked
    # Shown again as typed (normalised).
    assert "mon 09:00-13:00, 14:00-18:00\nfri 09:00-17:00" in text
    assert 'value="2027-01-01, 2027-12-25"' in text

    for posted, field, says in (
        ({"schedule": "mon 09:00-13:00, 12:00-18:00"}, "schedule", "overlap"),
        ({"schedule": "mon 18:00-09:00"}, "schedule", "ends before it starts"),
        ({"schedule": "someday 09:00-18:00"}, "schedule", "mon"),
        ({"time_zone": "Europe/Atlantis"}, "time_zone", "unknown time zone"),
        ({"holidays": "2027-13-01"}, "holidays", "not a date"),
    ):
        form = _department_form(
            time_zone="Europe/Berlin",
            schedule="mon 09:00-18:00",
            holidays="",
            lead_id=str(desk.root.id),
        )
        status, text = await admin.post(path, {**form, **posted})
        assert status == 422, posted
        assert says in _error(text, field), (posted, _error(text, field))
    unchanged = await Department.get(id=desk.billing.id)
    assert unchanged.schedule == billing.schedule and unchanged.holidays == billing.holidays


async def test_a_breach_rule_and_an_agents_notices(admin, desk):
    await admin.get("/console/config/sla-policies")
    form = {
        "name": "fast",
        "first_response_minutes": "30",
        "resolution_minutes": "240",
        "warning_ratio": "0.8",
        "active": "on",
    }
    status, text = await admin.post(
        "/console/config/sla-policies", {**form, "breach_action": "reassign"}
    )
    assert status == 422 and "breach_agent_id" in _error(text, "breach_agent_id")
    assert not await SlaPolicy.exists()
    status, text = await admin.post(
        "/console/config/sla-policies",
        {**form, "breach_action": "reassign", "breach_agent_id": str(desk.root.id)},
    )
    assert status == 200 and 'data-done="created"' in text
    policy = await SlaPolicy.get(name="fast")
    assert policy.breach_action == BreachAction.REASSIGN and policy.breach_agent_id == desk.root.id

    path = f"/console/config/agents/{desk.ann.id}"
    await admin.get(path)
    status, text = await admin.post(
        path,
        {
            "telegram_id": "9001",
            "name": "Ann",
            "department_ids": [str(desk.billing.id)],
            "role": "agent",
            "notify_by": "private",
            "active": "on",
            "on_duty": "on",
        },
    )
    assert status == 200 and 'data-done="saved"' in text
    assert (await Agent.get(id=desk.ann.id)).notify_by == NotifyBy.PRIVATE
    status, text = await admin.post(
        path,
        {"telegram_id": "9001", "name": "Ann", "role": "agent", "notify_by": "carrier pigeon"},
    )
    assert status == 422 and _error(text, "notify_by")
    assert (await Agent.get(id=desk.ann.id)).notify_by == NotifyBy.PRIVATE
