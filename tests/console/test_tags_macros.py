"""Tags and macros in the console (issue 16, point 6): config sections through the
services with the API's checks, and the ticket list's tag filter."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.services import tagging
from bot.services.tickets import SYSTEM
from models import Macro, Status, Tag, Template, Ticket
from models.enums import StatusRole
from tests.api.conftest import ADMIN_TOKEN
from tests.factories import make_desk, open_ticket


@pytest.fixture
async def desk(db):
    return await make_desk()


def _error(text: str, name: str) -> str:
    found = re.search(rf'id="f-{name}-error"[^>]*>([^<]*)<', text)
    assert found, f"no error shown for {name}"
    return found.group(1)


async def test_tags_and_macros_sections(admin, desk):
    for slug in ("tags", "macros"):
        assert (await admin.get(f"/console/config/{slug}"))[0] == 200
    status, text = await admin.post("/console/config/tags", {"name": "two words"})
    assert status == 422 and "pattern" in _error(text, "name")
    status, text = await admin.post("/console/config/tags", {"name": "billing", "color": "💳"})
    assert status == 200
    status, text = await admin.post("/console/config/tags", {"name": "BILLING"})
    assert status == 409 and "already exists" in text
    tag = await Tag.get(key="billing")
    template = await Template.create(title="Refund sent", shortcut="refunded", text="Done")
    resolved = await Status.get(role=StatusRole.RESOLVED)
    status, text = await admin.get("/console/config/macros")
    assert "/refunded · Refund sent" in text and "💳 #billing" in text
    form = {
        "name": "Refund done",
        "template_id": str(template.id),
        "tag_ids": [str(tag.id)],
        "status_id": str(resolved.id),
        "assign_to_me": "on",
        "active": "on",
    }
    status, text = await admin.post("/console/config/macros", {**form, "assignee_id": "999"})
    assert status == 422 and "does not exist" in text
    assert not await Macro.exists()
    status, text = await admin.post("/console/config/macros", form)
    assert status == 200
    macro = await Macro.get(key="refund done").prefetch_related("tags")
    assert macro.template_id == template.id and [t.id for t in macro.tags] == [tag.id]
    assert macro.assign_to_me and macro.status_id == resolved.id


async def test_the_ticket_list_filters_by_tag(admin, desk):
    tagged = await open_ticket(desk.alice, desk.billing, "Tagged one")
    await open_ticket(desk.alice, desk.billing, "Plain one")
    tag = await tagging.create_tag(name="vip", color="⭐")
    await tagging.change(tagged.id, SYSTEM, add=[tag])
    status, text = await admin.get("/console/tickets", params={"tag": "VIP"})
    assert status == 200
    assert "Tagged one" in text and "Plain one" not in text and "⭐#vip" in text
    status, text = await admin.get("/console/tickets", params={"tag": "nosuch"})
    assert status == 422 and "no such tag" in text
    status, text = await admin.get("/console/tickets")
    assert "Tagged one" in text and "Plain one" in text


async def test_the_dashboard_shows_the_figures_per_tag_as_the_api(admin, desk):
    tagged = await open_ticket(desk.alice, desk.billing, "Tagged one")
    tag = await tagging.create_tag(name="vip", color="⭐")
    await tagging.create_tag(name="unused")
    await tagging.change(tagged.id, SYSTEM, add=[tag])
    await Ticket.filter(id=tagged.id).update(
        first_response_at=tagged.created_at + timedelta(minutes=5), csat=5
    )
    today = datetime.now(UTC).date()
    status, text = await admin.get(f"/console/dashboard?from={today}&to={today}")
    assert status == 200
    row = re.search(r'<tr data-tag="vip">(.*?)</tr>', text).group(1)
    cells = re.findall(r"<t[hd][^>]*>([^<]*)<", row)
    assert cells[0] == "⭐#vip" and cells[1:3] == ["1", "0"]
    assert cells[4] == "5.0 (1)"
    assert re.search(r'<tr data-tag="unused">.*?<td>0</td>', text)
    response = await admin.client.get(
        f"/api/v1/stats/tags?created_from={today}T00:00:00Z",
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    api = {r["tag"]["name"]: r for r in (await response.json())["rows"]}
    assert api["vip"]["opened"] == 1 and api["vip"]["first_response_average"] == 300.0
