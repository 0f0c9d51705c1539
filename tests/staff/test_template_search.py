"""Inline template search in the staff chat takes the query literally."""

from __future__ import annotations

from models import Template
from tests.staff.helpers import staff_desk


async def test_inline_search_treats_wildcards_as_characters(env):
    people = await staff_desk(env)
    await Template.create(title="Refund", shortcut="refund", text="Refunded")
    await Template.create(title="Discount 20%", shortcut="discount", text="20% off")
    await Template.create(title="Reset", shortcut="pw_reset", text="New password sent")
    for query, expected in [
        ("%", ["/discount · Discount 20%"]),
        ("_", ["/pw_reset · Reset"]),
        ("e_u", []),  # "_" as a wildcard would find "Refund"
        ("r%d", []),  # "%" as a wildcard would find "Refund"
        ("0%", ["/discount · Discount 20%"]),
    ]:
        people.ann.send_inline_query(query)
        await env.step()
        results = env.api.calls("answerInlineQuery")[-1].params["results"]
        assert [r["title"] for r in results] == expected, query
    assert env.api.calls(ok=False) == []
