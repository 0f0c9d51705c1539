"""The API's side of issue 16 points 3 and 4: a department's business hours and lead,
an SLA policy's breach rule, an agent's notify_by - each validated (4xx that changes
nothing) and read back as written."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import CLOCK
from bot.i18n import create_i18n
from models import Department, Priority, SlaPolicy, Ticket
from tests.factories import make_desk, open_ticket

OFFICE = {"mon": ["09:00-13:00", "14:00-18:00"], "fri": ["09:00-17:00"]}


async def _agent(client, telegram_id: int = 7001, **more) -> dict:
    status, agent = await client.post(
        "/api/v1/agents", {"telegram_id": telegram_id, "name": "Lena", **more}
    )
    assert status == 201, agent
    return agent


async def test_business_hours_are_stored_and_read_back(client):
    lead = await _agent(client)
    status, made = await client.post(
        "/api/v1/departments",
        {
            "name": "Billing",
            "time_zone": "Europe/Berlin",
            "schedule": OFFICE,
            "holidays": ["2027-01-01", "2027-12-25"],
            "closed_notice": False,
            "lead_id": lead["id"],
        },
    )
    assert status == 201, made
    assert made["time_zone"] == "Europe/Berlin" and made["schedule"] == OFFICE
    assert made["holidays"] == ["2027-01-01", "2027-12-25"]
    assert made["closed_notice"] is False and made["lead_id"] == lead["id"]
    # Cleared again: open 24/7.
    status, cleared = await client.patch(
        f"/api/v1/departments/{made['id']}",
        {"schedule": None, "time_zone": None, "holidays": None, "lead_id": None},
    )
    assert status == 200, cleared
    assert (cleared["schedule"], cleared["time_zone"], cleared["lead_id"]) == (None, None, None)


BAD_HOURS = [
    ({"time_zone": "Mars/Olympus", "schedule": OFFICE}, "time_zone"),
    ({"schedule": OFFICE}, "time_zone"),  # a schedule needs a time zone
    ({"time_zone": "Europe/Berlin", "schedule": {"mon": ["18:00-09:00"]}}, "schedule"),
    (
        {"time_zone": "Europe/Berlin", "schedule": {"mon": ["09:00-13:00", "12:00-18:00"]}},
        "schedule",
    ),
    ({"time_zone": "Europe/Berlin", "schedule": {"mon": ["nine to six"]}}, "schedule"),
    ({"time_zone": "Europe/Berlin", "schedule": {"monday": ["09:00-18:00"]}}, "schedule"),
    ({"time_zone": "Europe/Berlin", "holidays": ["2027-02-30"]}, "holidays"),
    ({"lead_id": 999_999}, "lead_id"),
]


@pytest.mark.parametrize(("given", "field"), BAD_HOURS)
async def test_bad_hours_are_refused_and_change_nothing(client, given, field):
    status, made = await client.post("/api/v1/departments", {"name": "Billing"})
    assert status == 201
    status, body = await client.patch(f"/api/v1/departments/{made['id']}", given)
    assert status == 422, body
    assert field in {d["loc"][0] for d in body["error"]["details"]}, body
    status, body = await client.post("/api/v1/departments", {"name": "Other", **given})
    assert status == 422
    status, now = await client.get(f"/api/v1/departments/{made['id']}")
    assert (now["time_zone"], now["schedule"], now["holidays"], now["lead_id"]) == (
        None,
        None,
        None,
        None,
    )
    assert (await client.get("/api/v1/departments"))[1]["total"] == 1


async def test_breach_rules_are_validated(client):
    agent = await _agent(client)
    base = {"name": "fast", "first_response_minutes": 30, "resolution_minutes": 240}
    status, policy = await client.post(
        "/api/v1/sla-policies",
        {**base, "breach_action": "reassign", "breach_agent_id": agent["id"]},
    )
    assert status == 201, policy
    assert policy["breach_action"] == "reassign" and policy["breach_agent_id"] == agent["id"]
    status, plain = await client.post("/api/v1/sla-policies", base)
    assert status == 201 and plain["breach_action"] == "nothing"
    assert plain["breach_agent_id"] is None
    refused = [
        ({"breach_action": "reassign"}, "breach_agent_id"),  # to whom?
        ({"breach_action": "notify_lead", "breach_agent_id": 999_999}, "breach_agent_id"),
        ({"breach_action": "unassign", "breach_agent_id": agent["id"]}, "breach_agent_id"),
        ({"breach_action": "escalate"}, "breach_action"),
    ]
    for given, field in refused:
        status, body = await client.post("/api/v1/sla-policies", {**base, **given})
        assert status == 422, (given, body)
        assert field in {d["loc"][0] for d in body["error"]["details"]}, body
        status, body = await client.patch(f"/api/v1/sla-policies/{plain['id']}", given)
        assert status == 422, (given, body)
    # Taking the agent away from a reassignment is refused too.
    status, body = await client.patch(
        f"/api/v1/sla-policies/{policy['id']}", {"breach_agent_id": None}
    )
    assert status == 422
    status, unchanged = await client.get(f"/api/v1/sla-policies/{plain['id']}")
    assert (unchanged["breach_action"], unchanged["breach_agent_id"]) == ("nothing", None)
    # notify_lead without an agent: the department's lead.
    status, lead_policy = await client.patch(
        f"/api/v1/sla-policies/{plain['id']}", {"breach_action": "notify_lead"}
    )
    assert status == 200 and lead_policy["breach_action"] == "notify_lead"


async def test_an_agents_notify_by(client):
    agent = await _agent(client)
    assert agent["notify_by"] == "group" and agent["private_chat"] is False
    status, changed = await client.patch(f"/api/v1/agents/{agent['id']}", {"notify_by": "private"})
    assert status == 200 and changed["notify_by"] == "private"
    status, _ = await client.patch(f"/api/v1/agents/{agent['id']}", {"notify_by": "pigeon"})
    assert status == 422
    status, _ = await client.patch(f"/api/v1/agents/{agent['id']}", {"private_chat": True})
    assert status == 422  # read-only: the bot learns it
    status, now = await client.get(f"/api/v1/agents/{agent['id']}")
    assert now["notify_by"] == "private" and now["private_chat"] is False


async def test_a_transfer_counts_the_due_times_in_the_new_departments_hours(client, db):
    """Opened in Tech (24/7) on a Saturday at 11:00 Berlin, moved to Billing (weekdays
    09:00-18:00): the first response is due on Monday at 10:00, no longer at noon."""
    berlin = ZoneInfo("Europe/Berlin")
    CLOCK.reset()
    CLOCK.freeze()
    try:
        day = CLOCK.now().astimezone(berlin).date() + timedelta(days=2)
        while day.weekday() != 5 or day.month in (3, 10):
            day += timedelta(days=1)
        saturday = datetime.combine(day, time(11, 0), berlin)
        CLOCK.advance(saturday - CLOCK.now())
        with create_i18n("en").context():
            desk = await make_desk()
            normal = await Priority.get(is_default=True)
            await SlaPolicy.create(
                name="normal", priority=normal, first_response_minutes=60, resolution_minutes=600
            )
            await Department.filter(id=desk.billing.id).update(
                time_zone="Europe/Berlin", schedule=OFFICE | {"tue": ["09:00-18:00"]}
            )
            ticket = await open_ticket(desk.alice, desk.tech, "VPN", "It drops")
        assert ticket.first_response_due == saturday + timedelta(hours=1)
        status, moved = await client.post(
            f"/api/v1/tickets/{ticket.id}/transfer", {"department_id": desk.billing.id}
        )
        assert status == 200, moved
        now = await Ticket.get(id=ticket.id)
        monday_nine = saturday + timedelta(days=2, hours=-2)
        assert now.first_response_due == monday_nine + timedelta(hours=1)
        # 600 working minutes: Monday 09:00-13:00 and 14:00-18:00 (8 h), Tuesday 09:00-11:00.
        assert now.resolution_due == monday_nine + timedelta(days=1, hours=2)
    finally:
        CLOCK.reset()
