"""Free-text filters take what was typed literally: `_`, `%` and `\\` are characters,
not LIKE wildcards or escapes, in every list that searches text (tickets: see
test_ticket_search.py)."""

from __future__ import annotations

import pytest

from models import Agent, Customer, Template

V1 = "/api/v1"


@pytest.fixture
async def people_and_templates(db):
    customers = {
        "plain": await Customer.create(telegram_id=1, first_name="Ann", username="ann"),
        "under": await Customer.create(telegram_id=2, first_name="Bo_b", username="bob"),
        "percent": await Customer.create(telegram_id=3, first_name="Cy", last_name="100%"),
        "backslash": await Customer.create(telegram_id=4, first_name="Dee", username="d\\x"),
    }
    agents = {
        "plain": await Agent.create(telegram_id=11, name="Alice"),
        "under": await Agent.create(telegram_id=12, name="Ops", username="ops_lead"),
        "percent": await Agent.create(telegram_id=13, name="50% Sam"),
        "backslash": await Agent.create(telegram_id=14, name="Back\\slash"),
    }
    templates = {
        "plain": await Template.create(title="Hello", shortcut="hi", text="Hi"),
        "under": await Template.create(title="Refund", shortcut="re_fund", text="x"),
        "percent": await Template.create(title="Save 20%", shortcut="save", text="x"),
        "backslash": await Template.create(title="Path C:\\", shortcut="path", text="x"),
    }
    return {"customers": customers, "agents": agents, "templates": templates}


SEARCHES = [
    ("_", "under"),
    ("%25", "percent"),  # "%"
    ("%5C", "backslash"),  # "\"
    # Each would find a plain row if "_" or "%" were wildcards: Ann, Alice, Hello.
    ("A_n", None),
    ("l_c", None),
    ("A%25e", None),
    ("e_l", None),
]


@pytest.mark.parametrize("resource", ["customers", "agents", "templates"])
@pytest.mark.parametrize(("q", "key"), SEARCHES)
async def test_wildcards_in_q_are_literal(client, people_and_templates, resource, q, key):
    rows = people_and_templates[resource]
    status, page = await client.get(f"{V1}/{resource}?q={q}")
    assert status == 200
    expected = [] if key is None else [rows[key].id]
    assert [item["id"] for item in page["items"]] == expected, (resource, q)
    assert page["total"] == len(expected)


async def test_literal_wildcard_text_still_finds_its_own(client, people_and_templates):
    rows = people_and_templates
    for path, key in [
        ("/customers?q=o_b", "under"),
        ("/customers?q=0%25", "percent"),
        ("/agents?q=ps_l", "under"),
        ("/agents?q=k%5Cs", "backslash"),
        ("/templates?q=e_f", "under"),
        ("/templates?q=0%25", "percent"),
    ]:
        resource = path.split("?")[0].strip("/")
        status, page = await client.get(V1 + path)
        assert status == 200, path
        assert [i["id"] for i in page["items"]] == [rows[resource][key].id], path
