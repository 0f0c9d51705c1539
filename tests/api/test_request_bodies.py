"""Request bodies: JSON only, with its media type, and of a sane depth."""

from __future__ import annotations

import json

import pytest

from models import Department

V1 = "/api/v1"
JSON = {"Content-Type": "application/json"}


def nested(depth: int, opener: str = "[", closer: str = "]") -> str:
    return opener * depth + closer * depth


@pytest.mark.parametrize("depth", [33, 300, 900, 5000, 100_000])
async def test_deeply_nested_json_is_a_400_not_a_500(client, depth):
    for inner in (nested(depth), '{"a":' * depth + "1" + "}" * depth):
        body = '{"name": "Deep", "description": ' + inner + "}"
        status, answer = await client.call(
            "POST", f"{V1}/departments", data=body.encode(), headers=JSON
        )
        assert status == 400, depth
        assert answer["error"] == {
            "code": "json_too_deep",
            "message": "the JSON body is nested more than 32 levels deep",
            "details": None,
        }
    # A PATCH and an action are read the same way.
    status, answer = await client.call(
        "PATCH", f"{V1}/settings", data=nested(depth).encode(), headers=JSON
    )
    assert status == 400 and answer["error"]["code"] == "json_too_deep"
    assert await Department.all().count() == 0


async def test_brackets_inside_strings_are_text_not_nesting(client):
    """Depth is counted before parsing, on the text: brackets in a string (after an
    escaped quote, before an escaped backslash) are not nesting."""
    description = '"' + "[{" * 500 + "\\"
    body = json.dumps({"name": "Brackets", "description": description})
    status, answer = await client.call(
        "POST", f"{V1}/departments", data=body.encode(), headers=JSON
    )
    assert status == 201, answer
    assert answer["description"] == description


async def test_json_within_the_depth_limit_is_validated_as_usual(client):
    body = '{"name": "Deep", "description": ' + nested(31) + "}"
    status, answer = await client.call(
        "POST", f"{V1}/departments", data=body.encode(), headers=JSON
    )
    assert status == 422 and answer["error"]["details"][0]["loc"] == ["description"]


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "text/plain; charset=utf-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonp",
        None,
    ],
)
async def test_a_body_that_is_not_declared_json_gets_415(client, content_type):
    headers = {} if content_type is None else {"Content-Type": content_type}
    status, answer = await client.call(
        "POST", f"{V1}/departments", data=b'{"name": "Billing"}', headers=headers
    )
    assert status == 415, content_type
    assert answer["error"] == {
        "code": "unsupported_media_type",
        "message": "send the body as JSON with Content-Type: application/json",
        "details": None,
    }
    assert await Department.all().count() == 0


async def test_json_with_a_charset_parameter_is_accepted(client):
    status, created = await client.call(
        "POST",
        f"{V1}/departments",
        data=b'{"name": "Billing"}',
        headers={"Content-Type": "Application/JSON; charset=utf-8"},
    )
    assert status == 201 and created["name"] == "Billing"


async def test_a_missing_body_is_still_a_400(client):
    status, answer = await client.call("POST", f"{V1}/departments", headers=JSON)
    assert status == 400 and answer["error"]["code"] == "malformed_json"
    status, answer = await client.call("POST", f"{V1}/departments")
    assert status == 400 and answer["error"]["code"] == "malformed_json"


async def test_openapi_documents_400_and_415_for_every_body(client):
    status, document = await client.get("/api/openapi.json")
    assert status == 200
    with_body = [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if "requestBody" in operation
    ]
    assert len(with_body) > 20
    for method, path, operation in with_body:
        assert list(operation["requestBody"]["content"]) == ["application/json"]
        responses = operation["responses"]
        assert "415" in responses and "400" in responses, (method, path)
        assert "Content-Type" in responses["415"]["description"]
        assert "nested" in responses["400"]["description"]
