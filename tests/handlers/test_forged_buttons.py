"""Forged, malformed and oversized callback data (a modified client, an old keyboard):
every press is answered - the spinner stops - with "This button is no longer
available.", nothing changes and nothing fails with a traceback (SPEC §3 "stale
buttons")."""

from __future__ import annotations

import logging

from models import Message, OutboxMessage, Ticket, TicketEvent
from tests.handlers.wizard_support import last
from tests.staff.helpers import card_of, new_ticket, staff_desk

HUGE = "9" * 30  # past any database integer
PAST_INT = str(2**31)  # past the id columns (32-bit)

CUSTOMER_SIDE = [
    # MenuCb
    "m:destroy",
    "m:",
    "m:new:extra",
    # LanguageCb
    "lg:xx",
    "lg:" + "e" * 60,
    # TicketListCb
    "tl:abc:0",
    "tl:-1:0",
    f"tl:{HUGE}:0",
    "tl:0:maybe",
    "tl:0:",
    # TicketCb
    "tk:abc:open",
    f"tk:{HUGE}:open",
    f"tk:{PAST_INT}:close",
    "tk:0:open",
    "tk:-5:archive",
    "tk:1:delete",
    "tk:1",
    "tk:1.0:open",
    "tk: 1:open",
    # TicketStatusCb
    "ts:abc:1",
    f"ts:1:{HUGE}",
    f"ts:{PAST_INT}:1",
    "ts:1:0",
    "ts:1",
    # WizardCb
    "w:zz:dep:1",
    "w:deadbeef:nuke:0",
    f"w:deadbeef:dep:{HUGE}",
    "w:deadbeef:field:-1",
    # RateCb
    "ra:1:5",
    "ra:1:0",
    "ra:abc:1",
    f"ra:{HUGE}:1",
    # CsatCb
    "cs:1:9",
    "cs:1:-1",
    f"cs:{HUGE}:3",
    # PendingCb
    f"pd:{HUGE}",
    "pd:-2",
    "pd:x",
    # no factory at all
    "zz:1",
    "😈",
]

STAFF_SIDE = [
    "s:abc:claim:0:0",
    f"s:{HUGE}:claim:0:0",
    f"s:{PAST_INT}:resolve:0:0",
    "s:0:claim:0:0",
    "s:1:explode:0:0",
    f"s:1:prio:{HUGE}:0",
    "s:1:agent:1:-4",
    f"s:1:status:{PAST_INT}:0",
    "s:1:claim:0",
    "tk:1:open",  # a customer's button in the staff chat
    "zz:1",
]


async def _snapshot() -> tuple:
    return (
        await Ticket.all().order_by("id").values(),
        await Message.all().count(),
        await TicketEvent.all().count(),
        await OutboxMessage.all().count(),
    )


async def _press_all(env, user, message: dict, datas: list[str]) -> dict[str, str]:
    """Presses a button with each data; returns the query ids by data."""
    chat_id = message["chat"]["id"]
    ids = {data: user.press(message, data, chat_id=chat_id, forged=True)["id"] for data in datas}
    await env.step()
    return ids


def _answer(env, query_id: str) -> str | None:
    state = env.api.query_state(query_id)
    return (state.answer or {}).get("text") if state.answered else "(not answered)"


async def test_forged_buttons_are_answered_and_change_nothing(env, caplog):
    caplog.set_level(logging.WARNING)
    people = await staff_desk(env)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    people.alice.send_text("/start")
    await env.step()
    menu = last(env, 501)
    card = await card_of(env, ticket.id)
    before = await _snapshot()

    presses = await _press_all(env, people.alice, menu, CUSTOMER_SIDE)
    presses |= await _press_all(env, people.ann, card, STAFF_SIDE)

    answers = {data: _answer(env, query_id) for data, query_id in presses.items()}
    assert answers == {data: "This button is no longer available." for data in presses}
    assert env.api.unanswered_queries() == []
    assert await _snapshot() == before
    assert len(env.api.bot_messages(501)) == 1  # no "something went wrong"
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]
    assert problems == []
    assert env.api.calls(ok=False) == []
