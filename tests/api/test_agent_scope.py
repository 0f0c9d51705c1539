"""What an agent token reads (README "Admin API", token roles).

It reads the configuration an agent works with (departments, categories, priorities,
statuses, SLA policies), the templates, agents, customers, tickets, attachments and
figures of its agent's departments, and never the settings or the tokens. An admin
agent's token sees every department, as the admin agent does in the staff chat.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pytest

from models import Agent, Attachment, Customer, Department, Message, Template, Ticket
from models.enums import AgentRole
from tests.api.conftest import ApiClient
from tests.factories import open_ticket

V1 = "/api/v1"
SCOPED = "Agent tokens: "


@dataclass
class Scene:
    billing: Department
    sales: Department
    ann: Agent  # Billing: the token's agent
    ben: Agent  # Billing
    sam: Agent  # Sales
    root: Agent  # admin agent, no departments
    alice: Customer  # a Billing ticket
    bob: Customer  # a Sales ticket
    carol: Customer  # no ticket
    billing_ticket: Ticket
    sales_ticket: Ticket
    templates: dict[str, Template]
    attachments: dict[str, Attachment]


async def _attachment(ticket: Ticket, name: str, root) -> Attachment:
    content = name.encode()
    (root / name).write_bytes(content)
    message = await Message.filter(ticket_id=ticket.id).first()
    return await Attachment.create(
        message=message,
        kind="document",
        file_id=name,
        file_unique_id=name,
        file_name=name,
        mime_type="text/plain",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        stored_path=name,
    )


@pytest.fixture
async def scene(db, api_settings) -> Scene:
    billing = await Department.create(name="Billing")
    sales = await Department.create(name="Sales")
    ann = await Agent.create(telegram_id=11, name="Ann")
    ben = await Agent.create(telegram_id=12, name="Ben")
    sam = await Agent.create(telegram_id=13, name="Sam")
    root = await Agent.create(telegram_id=14, name="Root", role=AgentRole.ADMIN)
    await ann.departments.add(billing)
    await ben.departments.add(billing, sales)
    await sam.departments.add(sales)
    alice = await Customer.create(telegram_id=21, first_name="Alice")
    bob = await Customer.create(telegram_id=22, first_name="Bob")
    carol = await Customer.create(telegram_id=23, first_name="Carol")
    billing_ticket = await open_ticket(alice, billing, "Invoice")
    sales_ticket = await open_ticket(bob, sales, "Quote")
    templates = {
        "global": await Template.create(title="Hello", shortcut="hi", text="Hi"),
        "billing": await Template.create(
            title="Refund", shortcut="refund", text="x", department=billing
        ),
        "sales": await Template.create(title="Offer", shortcut="offer", text="x", department=sales),
    }
    root_dir = api_settings.attachments_dir
    root_dir.mkdir(parents=True, exist_ok=True)
    attachments = {
        "billing": await _attachment(billing_ticket, "billing.txt", root_dir),
        "sales": await _attachment(sales_ticket, "sales.txt", root_dir),
    }
    return Scene(
        billing,
        sales,
        ann,
        ben,
        sam,
        root,
        alice,
        bob,
        carol,
        billing_ticket,
        sales_ticket,
        templates,
        attachments,
    )


async def ids(caller: ApiClient, path: str) -> list[int]:
    status, page = await caller.get(V1 + path)
    assert status == 200, (path, page)
    assert page["total"] == len(page["items"]), path
    return sorted(item["id"] for item in page["items"])


async def test_an_agent_token_reads_the_configuration(client, make_token, scene):
    ann = client.as_(await make_token("agent", scene.ann.id))
    assert await ids(ann, "/departments") == [scene.billing.id, scene.sales.id]
    for path in ("/categories", "/priorities", "/statuses", "/sla-policies"):
        assert await ids(ann, path) == await ids(client, path), path
    assert (await ann.get(f"{V1}/departments/{scene.sales.id}"))[0] == 200


async def test_an_agent_token_reads_only_its_departments_data(client, make_token, scene):
    ann = client.as_(await make_token("agent", scene.ann.id))

    assert await ids(ann, "/customers") == [scene.alice.id]
    assert await ids(ann, "/customers?q=bob") == []
    assert (await ann.get(f"{V1}/customers/{scene.alice.id}"))[0] == 200
    for other in (scene.bob, scene.carol):
        status, body = await ann.get(f"{V1}/customers/{other.id}")
        assert status == 404 and body["error"]["message"] == f"customer {other.id} does not exist"

    assert await ids(ann, "/agents") == [scene.ann.id, scene.ben.id]
    assert await ids(ann, f"/agents?department_id={scene.sales.id}") == [scene.ben.id]
    assert (await ann.get(f"{V1}/agents/{scene.ben.id}"))[0] == 200
    for other in (scene.sam, scene.root):
        assert (await ann.get(f"{V1}/agents/{other.id}"))[0] == 404

    templates = scene.templates
    assert await ids(ann, "/templates") == [templates["global"].id, templates["billing"].id]
    assert await ids(ann, f"/templates?department_id={scene.sales.id}") == []
    assert (await ann.get(f"{V1}/templates/{templates['billing'].id}"))[0] == 200
    assert (await ann.get(f"{V1}/templates/{templates['sales'].id}"))[0] == 404

    assert await ids(ann, "/tickets") == [scene.billing_ticket.id]
    assert (await ann.get(f"{V1}/tickets/{scene.sales_ticket.id}"))[0] == 404
    assert (await ann.get(f"{V1}/tickets/{scene.sales_ticket.id}/messages"))[0] == 404
    assert (await ann.get(f"{V1}/attachments/{scene.attachments['billing'].id}"))[0] == 200
    assert (await ann.get(f"{V1}/attachments/{scene.attachments['sales'].id}"))[0] == 404

    status, overview = await ann.get(f"{V1}/stats")
    assert status == 200 and overview["total"] == 1
    status, by = await ann.get(f"{V1}/stats/by-department")
    assert [row["name"] for row in by["items"]] == ["Billing"]


async def test_an_agent_token_never_reads_settings_or_tokens(client, make_token, scene):
    ann = client.as_(await make_token("agent", scene.ann.id))
    for path in ("/settings", "/tokens", f"/tokens/{1}"):
        status, body = await ann.get(V1 + path)
        assert status == 403, path
        assert body["error"]["code"] == "forbidden"
    readonly = client.as_(await make_token("readonly"))
    assert (await readonly.get(f"{V1}/settings"))[0] == 200
    assert (await readonly.get(f"{V1}/tokens"))[0] == 403


async def test_an_admin_agents_token_sees_every_department(client, make_token, scene):
    root = client.as_(await make_token("agent", scene.root.id))
    assert await ids(root, "/customers") == await ids(client, "/customers")
    assert await ids(root, "/agents") == await ids(client, "/agents")
    assert await ids(root, "/templates") == await ids(client, "/templates")
    assert await ids(root, "/tickets") == await ids(client, "/tickets")
    status, overview = await root.get(f"{V1}/stats")
    assert status == 200 and overview["total"] == 2
    # Still an agent token: no settings, no tokens.
    assert (await root.get(f"{V1}/settings"))[0] == 403


async def test_readonly_and_admin_tokens_read_everything(client, make_token, scene):
    readonly = client.as_(await make_token("readonly"))
    for path in ("/customers", "/agents", "/templates", "/tickets"):
        assert await ids(readonly, path) == await ids(client, path), path
    assert len(await ids(client, "/customers")) == 3


async def test_openapi_describes_each_operations_roles_and_agent_scope(client):
    status, document = await client.as_(None).get("/api/openapi.json")
    assert status == 200
    described = {
        (method.upper(), path.removeprefix("/api/v1")): operation["description"]
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }
    assert described[("GET", "/settings")] == "Roles: admin, readonly."
    assert described[("GET", "/tokens")] == "Roles: admin."
    assert described[("GET", "/departments")] == "Roles: admin, agent, readonly."
    for key in [
        ("GET", "/customers"),
        ("GET", "/customers/{customer_id}"),
        ("GET", "/agents"),
        ("GET", "/agents/{agent_id}"),
        ("GET", "/templates"),
        ("GET", "/templates/{template_id}"),
        ("GET", "/tickets"),
        ("GET", "/tickets/{ticket_id}"),
        ("GET", "/tickets/{ticket_id}/messages"),
        ("GET", "/tickets/{ticket_id}/events"),
        ("POST", "/tickets/{ticket_id}/reply"),
        ("GET", "/attachments/{attachment_id}"),
        ("GET", "/stats"),
        ("GET", "/stats/by-agent"),
    ]:
        assert described[key].startswith("Roles: admin, agent"), key
        assert SCOPED in described[key], key
    # Every operation names its roles; only those an agent token may call say its scope.
    for key, text in described.items():
        assert text.startswith("Roles: "), key
        roles = text.removeprefix("Roles: ").split(".")[0].split(", ")
        if SCOPED in text:
            assert "agent" in roles, key
