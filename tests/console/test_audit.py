"""The console's writes are in the audit log (via console, the session's token, field
names only); failed forms and sign-in, sign-out and language record nothing; the audit
page is for admin tokens."""

from __future__ import annotations

import re

import pytest

from models import AuditEntry, Department
from tests.console.conftest import Console
from tests.factories import make_desk, open_ticket


@pytest.fixture
async def desk(db):
    return await make_desk()


async def test_console_changes_are_recorded(admin: Console, desk):
    ticket = await open_ticket(desk.alice, desk.billing)
    await admin.get("/console/config/departments")
    status, _ = await admin.post("/console/config/departments", {"name": " ", "order": "x"})
    assert status == 422
    status, _ = await admin.post("/console/language", {"language": "ru", "next": "/console/"})
    assert status == 200
    assert await AuditEntry.all().count() == 0  # a refused form and the language: nothing

    status, _ = await admin.post("/console/config/departments", {"name": "Sales", "order": "3"})
    assert status == 200
    assert await Department.filter(name="Sales").exists()
    await admin.get(f"/console/tickets/{ticket.id}")
    status, _ = await admin.post(f"/console/tickets/{ticket.id}/note", {"text": "Secret note"})
    assert status == 200
    await admin.get("/console/config/tokens")
    status, text = await admin.post("/console/config/tokens", {"name": "Bot", "role": "readonly"})
    assert status == 201
    secret = re.search(r'id="secret">([^<]+)<', text).group(1)

    department, note, token = await AuditEntry.all().order_by("id")
    assert (department.via, department.token_name, department.token_id) == (
        "console",
        "bootstrap admin",
        None,
    )
    assert (department.method, department.resource) == ("POST", "departments")
    assert department.action == "POST /config/departments"
    assert department.object_id is None  # the console answers with a page, not an id
    assert department.fields_changed == ["name", "order"] and department.status_code == 303
    assert department.address == "127.0.0.1"
    assert (note.resource, note.object_id) == ("tickets", str(ticket.id))
    assert note.action == "POST /tickets/{ticket_id}/note" and note.fields_changed == ["text"]
    assert (token.resource, token.status_code) == ("tokens", 201)
    stored = str(await AuditEntry.all().values())
    assert secret not in stored and "Secret note" not in stored

    status, page = await admin.get("/console/audit")
    assert status == 200
    rows = re.findall(r'data-entry="(\d+)"', page)
    assert rows == [str(token.id), str(note.id), str(department.id)]  # newest first
    assert "POST /tickets/{ticket_id}/note" in page and secret not in page
    status, page = await admin.get("/console/audit?resource=tickets")
    assert re.findall(r'data-entry="(\d+)"', page) == [str(note.id)]
    status, page = await admin.get("/console/audit?resource=nope&offset=x")
    assert status == 200 and len(re.findall(r'data-entry="', page)) == 3
    assert 'href="/console/audit"' in page  # in the admin's menu


async def test_the_audit_page_is_for_admins(console: Console, desk, make_token):
    for secret in (await make_token("readonly"), await make_token("agent", desk.ann.id)):
        await console.sign_in(secret)
        status, page = await console.get("/console/audit")
        assert status == 403 and 'data-entry="' not in page
        status, page = await console.get("/console/dashboard")
        assert 'href="/console/audit"' not in page
        await console.post("/console/logout")
    assert await AuditEntry.all().count() == 0
