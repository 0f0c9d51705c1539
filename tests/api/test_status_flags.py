"""Status flags through the admin API: the ticket list nobody filtered by status shows
only statuses `shown_by_default` (closed ones are hidden by default, as in LANBilling's
incident list); a status filter, a search or all_statuses=true list the rest. The flag
new tickets get (`is_new`) is followed in tests/staff/test_status_flags.py."""

from __future__ import annotations

import pytest

from bot.i18n import create_i18n
from bot.services import tickets
from tests.factories import make_desk, open_ticket


@pytest.fixture
async def desk(db):
    with create_i18n("en").context():
        desk = await make_desk()
        for subject in ("Refund", "VPN drops", "Printer"):
            desk.tickets.append(await open_ticket(desk.alice, desk.billing, subject))
        await tickets.close(desk.tickets[0].id, await tickets.agent_actor(desk.root))
    return desk


async def _numbers(client, **params) -> list[int]:
    status, page = await client.get("/api/v1/tickets", params=params)
    assert status == 200, page
    return sorted(t["number"] for t in page["items"])


async def test_the_unfiltered_list_hides_statuses_not_shown_by_default(client, desk):
    assert await _numbers(client) == [1002, 1003]  # #1001 is closed
    assert await _numbers(client, all_statuses="true") == [1001, 1002, 1003]
    assert await _numbers(client, status_role="closed") == [1001]
    assert await _numbers(client, q="Refund") == [1001]  # a search looks everywhere
    status, page = await client.get("/api/v1/tickets")
    assert page["total"] == 2
    # An admin shows closed tickets by default: the list follows the flag.
    statuses = (await client.get("/api/v1/statuses", params={"limit": "50"}))[1]["items"]
    closed = next(s for s in statuses if s["role"] == "closed")
    status, _ = await client.patch(f"/api/v1/statuses/{closed['id']}", {"shown_by_default": True})
    assert status == 200
    assert await _numbers(client) == [1001, 1002, 1003]


async def test_the_list_parameter_is_documented(client, db):
    status, document = await client.get("/api/openapi.json")
    assert status == 200
    parameters = document["paths"]["/api/v1/tickets"]["get"]["parameters"]
    described = {p["name"]: p.get("description", "") for p in parameters}
    assert "shown_by_default" in described["all_statuses"]
