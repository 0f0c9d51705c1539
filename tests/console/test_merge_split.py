"""Merge into… and Split… on the console's ticket page (issue 16, point 1): the same
service as the staff chat's /merge and /split and the API, the same refusals, each shown
next to its field with nothing changed; the new ticket of a split opens."""

from __future__ import annotations

import html
import re

import pytest

from models import Message, Ticket, TicketEvent
from models.enums import StatusRole
from tests.factories import make_desk, open_ticket


@pytest.fixture
async def desk(db):
    desk = await make_desk()
    kept = await open_ticket(desk.alice, desk.billing, "Refund", "Please refund")
    duplicate = await open_ticket(desk.alice, desk.billing, "Refund!!", "Still nothing")
    carls = await open_ticket(desk.carl, desk.billing, "Carl's")
    tech = await open_ticket(desk.alice, desk.tech, "VPN drops")
    desk.tickets = [kept, duplicate, carls, tech]
    return desk


async def _texts(ticket_id: int) -> list[str]:
    rows = Message.filter(ticket_id=ticket_id).order_by("id").values_list("text", flat=True)
    return list(await rows)


async def test_merge_into_moves_the_conversation_and_closes_this_ticket(admin, desk):
    kept, duplicate, *_ = desk.tickets
    page = f"/console/tickets/{duplicate.id}"
    status, text = await admin.get(page)
    assert status == 200 and f'action="/console/tickets/{duplicate.id}/merge"' in text
    assert 'id="merge-target"' in text

    status, text = await admin.post(f"{page}/merge", {"target": f"#{kept.number}"})
    assert status == 200 and 'data-done="merge"' in text
    assert (await Ticket.get(id=duplicate.id).prefetch_related("status")).status.role == (
        StatusRole.CLOSED
    )
    assert await _texts(kept.id) == ["Please refund", "Still nothing"]
    assert await _texts(duplicate.id) == []
    assert await TicketEvent.filter(ticket_id=duplicate.id, kind="merged_into").exists()
    # A closed ticket's form is disabled.
    assert re.search(r'id="merge-target"[^>]*disabled', text)


async def test_merge_into_is_refused_next_to_the_field(admin, console, desk, make_token):
    kept, duplicate, carls, tech = desk.tickets
    page = f"/console/tickets/{duplicate.id}"
    await admin.get(page)
    for typed, code, shown in (
        ("", 422, "a ticket number is digits"),
        ("soon", 422, "a ticket number is digits"),
        ("4242", 409, "ticket #4242 does not exist"),
        (str(carls.number), 409, "only tickets of the same customer"),
        (str(duplicate.number), 422, "cannot be merged into itself"),
    ):
        status, text = await admin.post(f"{page}/merge", {"target": typed})
        assert status == code and 'id="merge-target-error"' in text and shown in text, typed
        assert 'aria-invalid="true" aria-describedby="merge-target-error"' in text
    # A closed target.
    await admin.post(f"/console/tickets/{kept.id}/close")
    status, text = await admin.get(page)
    status, text = await admin.post(f"{page}/merge", {"target": str(kept.number)})
    assert status == 409 and f"ticket #{kept.number} is closed" in text
    await admin.post(f"/console/tickets/{kept.id}/reopen")
    # An agent's department scope: Tech's ticket does not exist for Ann (Billing).
    await console.sign_in(await make_token("agent", desk.ann.id))
    await console.get(page)
    status, text = await console.post(f"{page}/merge", {"target": str(tech.number)})
    assert status == 409 and f"ticket #{tech.number} does not exist" in text
    # Nothing changed anywhere.
    assert await _texts(duplicate.id) == ["Still nothing"]
    assert await _texts(kept.id) == ["Please refund"]
    assert not await TicketEvent.filter(kind__in=["merged", "merged_into"]).exists()
    # And the agent does merge within its departments.
    status, text = await console.post(f"{page}/merge", {"target": str(kept.number)})
    assert status == 200 and 'data-done="merge"' in text
    assert await _texts(kept.id) == ["Please refund", "Still nothing"]


async def test_split_opens_the_new_ticket(admin, desk):
    ticket = desk.tickets[0]
    later = [
        await Message.create(ticket=ticket, kind="customer", author_customer=desk.alice, text=t)
        for t in ("Also the router", "It blinks")
    ]
    await Message.create(ticket=ticket, kind="agent", text="On it")
    page = f"/console/tickets/{ticket.id}"
    status, text = await admin.get(page)
    assert status == 200 and 'id="split-form"' in text
    # A checkbox on each of the customer's later messages, none on the first or the agent's.
    picks = re.findall(r'data-split="(\d+)"', text)
    assert picks == [str(m.id) for m in later]

    response = await admin.client.post(
        f"{page}/split",
        data=[
            ("csrf", admin.csrf),
            ("message_id", str(later[0].id)),
            ("message_id", str(later[1].id)),
            ("department_id", str(desk.tech.id)),
            ("subject", "Router"),
        ],
    )
    text = await response.text()
    created = await Ticket.filter(subject="Router").prefetch_related("department").first()
    assert created is not None and created.department.id == desk.tech.id
    assert response.status == 200 and str(response.url.path) == f"/console/tickets/{created.id}"
    assert 'data-done="split"' in text and "#" + str(created.number) in text
    assert await _texts(created.id) == ["Also the router", "It blinks"]
    assert await _texts(ticket.id) == ["Please refund", "On it"]
    assert await TicketEvent.filter(ticket_id=ticket.id, kind="split").exists()


async def test_split_is_refused_next_to_the_field(admin, desk):
    ticket = desk.tickets[0]
    later = await Message.create(
        ticket=ticket, kind="customer", author_customer=desk.alice, text="Also the router"
    )
    answer = await Message.create(ticket=ticket, kind="agent", text="On it")
    first = await Message.filter(ticket_id=ticket.id).order_by("id").first()
    page = f"/console/tickets/{ticket.id}"
    await admin.get(page)
    for form, code, field, shown in (
        ({}, 422, "split-message_ids", "tick the customer's messages"),
        ({"message_id": str(answer.id)}, 422, None, "only the customer's messages"),
        ({"message_id": "999999"}, 409, None, "not in this ticket"),
        ({"message_id": "soon"}, 422, "split-message_ids", "integer"),
        ({"message_id": str(first.id)}, 409, None, "first message stays with it"),
        ({"message_id": str(later.id), "department_id": "999"}, 422, None, "department"),
        ({"message_id": str(later.id), "subject": "x" * 300}, 422, "split-subject", "255"),
    ):
        status, text = await admin.post(f"{page}/split", form)
        assert status == code and shown in html.unescape(text), (form, status)
        if field:
            assert f'id="{field}-error"' in text, form
    # The ticked message stays ticked after a refusal.
    assert re.search(rf'data-split="{later.id}" checked', text)
    assert await Ticket.all().count() == len(desk.tickets)
    assert await Message.filter(ticket_id=ticket.id).count() == 3


async def test_a_readonly_token_can_neither_merge_nor_split(console, desk, make_token):
    kept, duplicate, *_ = desk.tickets
    later = await Message.create(
        ticket=duplicate, kind="customer", author_customer=desk.alice, text="Also"
    )
    await console.sign_in(await make_token("readonly"))
    status, text = await console.get(f"/console/tickets/{duplicate.id}")
    assert status == 200 and "data-split=" not in text
    assert re.search(r'id="merge-target"[^>]*disabled', text)
    status, _ = await console.post(
        f"/console/tickets/{duplicate.id}/merge", {"target": str(kept.number)}
    )
    assert status == 403
    status, _ = await console.post(
        f"/console/tickets/{duplicate.id}/split", {"message_id": str(later.id)}
    )
    assert status == 403
    assert await _texts(duplicate.id) == ["Still nothing", "Also"]
    assert await Ticket.all().count() == len(desk.tickets)


async def test_merge_and_split_need_the_csrf_token(admin, desk):
    kept, duplicate, *_ = desk.tickets
    await admin.get(f"/console/tickets/{duplicate.id}")
    status, text = await admin.post(
        f"/console/tickets/{duplicate.id}/merge", {"target": str(kept.number)}, csrf=False
    )
    assert status == 403 and "security token" in text
    status, _ = await admin.post(
        f"/console/tickets/{duplicate.id}/split", {"message_id": "1"}, csrf=False
    )
    assert status == 403
    assert await _texts(duplicate.id) == ["Still nothing"]
