"""Departments CRUD, validation and roles."""

from __future__ import annotations

import re


async def test_create_read_update_delete(client):
    status, created = await client.post(
        "/api/v1/departments", {"name": "Billing", "description": "Invoices", "visible": True}
    )
    assert status == 201
    assert created["name"] == "Billing" and created["visible"] is True
    status, page = await client.get("/api/v1/departments")
    assert status == 200 and page["total"] == 1 and page["items"][0]["id"] == created["id"]
    status, changed = await client.patch(
        f"/api/v1/departments/{created['id']}", {"visible": False, "staff_chat_id": -100123}
    )
    assert status == 200 and changed["visible"] is False and changed["staff_chat_id"] == -100123
    status, _ = await client.patch(f"/api/v1/departments/{created['id']}", {"staff_chat_id": None})
    assert status == 200
    status, hidden = await client.get("/api/v1/departments?visible=false")
    assert [d["id"] for d in hidden["items"]] == [created["id"]]
    status, body = await client.delete(f"/api/v1/departments/{created['id']}")
    assert status == 200 and body == {"deleted": True, "id": created["id"]}
    status, body = await client.get(f"/api/v1/departments/{created['id']}")
    assert status == 404 and body["error"]["code"] == "not_found"


async def test_validation_errors_are_json_4xx_without_echo(client):
    status, body = await client.post("/api/v1/departments", {"name": "", "extra": "<script>"})
    assert status == 422 and body["error"]["code"] == "invalid"
    assert "<script>" not in str(body)
    assert {tuple(d["loc"]) for d in body["error"]["details"]} == {("name",), ("extra",)}
    status, body = await client.call(
        "POST",
        "/api/v1/departments",
        data=b"{not json",
        headers={"Content-Type": "application/json"},
    )
    assert status == 400 and body["error"]["code"] == "malformed_json"
    status, body = await client.post("/api/v1/departments", {"name": "x" * 129})
    assert status == 422
    status, body = await client.post("/api/v1/departments", {"name": "A", "order": "first"})
    assert status == 422
    status, body = await client.get("/api/v1/departments/abc")
    assert status == 404
    status, body = await client.get("/api/v1/departments?limit=100000")
    assert status == 422
    status, body = await client.patch("/api/v1/departments/1", {"name": None})
    assert status in (404, 422)


async def test_duplicate_name_is_a_conflict(client):
    assert (await client.post("/api/v1/departments", {"name": "Sales"}))[0] == 201
    status, body = await client.post("/api/v1/departments", {"name": "Sales"})
    assert status == 409 and body["error"]["code"] == "conflict"


async def test_roles(client, make_token):
    readonly = client.as_(await make_token("readonly"))
    assert (await readonly.get("/api/v1/departments"))[0] == 200
    status, body = await readonly.post("/api/v1/departments", {"name": "X"})
    assert status == 403 and body["error"]["code"] == "forbidden"
    status, body = await client.as_(None).get("/api/v1/departments")
    assert status == 401 and body["error"]["code"] == "unauthorized"
    status, _ = await client.as_("wrong").get("/api/v1/departments")
    assert status == 401


async def test_openapi_document_and_docs_page_are_served(client):
    status, doc = await client.as_(None).get("/api/openapi.json")
    assert status == 200 and doc["openapi"].startswith("3.")
    assert "/api/v1/departments/{department_id}" in doc["paths"]
    post = doc["paths"]["/api/v1/departments"]["post"]
    body_ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body_ref.rsplit("/", 1)[1] in doc["components"]["schemas"]
    assert {"201", "401", "403", "409", "422"} <= set(post["responses"])
    status, page = await client.as_(None).get("/api/docs/")
    assert status == 200 and b"swagger" in page.lower()
    # Offline: every script and stylesheet the page loads is served by the app itself.
    assets = re.findall(rb'(?:src|href)="([^"]+\.(?:js|css))"', page)
    assert assets and all(a.startswith(b"/api/docs/") for a in assets), assets
    for asset in assets:
        status, body = await client.as_(None).get(asset.decode())
        assert status == 200 and len(body) > 100, asset
    # The page is pointed at this API's own document.
    [config_url] = re.findall(rb'\burl: "([^"]+)"', page)
    status, config = await client.as_(None).get(config_url.decode())
    assert status == 200 and config == doc
