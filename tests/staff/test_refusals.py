"""A refusal in the staff chat is mapped once (handlers/staff/refusals.py): the table
gives each handler's refusals their texts, and a refused update is still recorded as
handled in its own transaction, with the refusal sent once."""

from __future__ import annotations

import pytest

from bot.i18n import create_i18n
from bot.services.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from bot.services.staff import AlreadyClaimed
from bot.services.tickets import OwnTicket
from bot.ui import staff as ui
from handlers import staff as staff_handlers
from handlers.staff.refusals import FLAG, REFUSALS, InStep, refusal_for
from models import ProcessedUpdate, TicketEvent
from tests.handlers.wizard_support import STAFF
from tests.staff.helpers import claimed, staff_desk


def _text(name: str, exc: DomainError, args: str = "") -> str | None:
    refusal = refusal_for(name, exc)
    if refusal is None:
        return None
    text = refusal(exc, args)
    assert isinstance(text, str)
    return text


@pytest.mark.parametrize(
    ("name", "exc", "expected"),
    [
        # The most specific error type wins; for each type "card.x" before "card".
        ("card.release", Forbidden("no"), lambda: ui.release_not_yours()),
        ("card.release", OwnTicket(), lambda: ui.own_ticket()),
        ("card.take", Forbidden("no"), lambda: ui.only_admins_take_over()),
        ("card.status", Forbidden("no"), lambda: ui.status_not_for_agents()),
        ("card.claim", Forbidden("no"), lambda: ui.wrong_department()),
        ("card.claim", AlreadyClaimed("Ann"), lambda: ui.already_claimed("Ann")),
        ("card.claim", Conflict("x" * 300), lambda: ui.not_possible("x" * 300, html=False)[:200]),
        (
            "card.macro",
            AlreadyClaimed("Ann"),
            lambda: ui.macro_refused(ui.already_claimed("Ann"), html=False)[:200],
        ),
        ("card.macro", Invalid("a < b"), lambda: ui.macro_refused("a < b", html=False)),
        # A card's own ticket not held: the same for every button.
        ("held", NotFound("gone"), lambda: ui.wrong_department()),
        # Commands answer in HTML: what a service says is escaped.
        ("thread", Conflict("a < b"), lambda: ui.not_possible("a < b")),
        ("/t", AlreadyClaimed("Ann"), lambda: ui.only_assignee("Ann")),
        ("/merge.number", Invalid("digits"), lambda: ui.merge_usage()),
        ("/merge", Invalid("into itself"), lambda: ui.not_possible("into itself")),
        ("/merge", NotFound("no"), lambda: ui.ticket_not_found("77")),
        ("/alert", NotFound("no"), lambda: ui.alert_no_customer("bob")),
        ("/alert", Forbidden("no"), lambda: ui.only_admins_alert()),
        ("/split", NotFound("no"), lambda: ui.wrong_department()),
        ("/macro", OwnTicket(), lambda: ui.macro_refused(ui.own_ticket())),
    ],
)
def test_each_handler_refusal_has_its_text(name, exc, expected):
    with create_i18n("en").context():
        assert _text(name, exc, "@bob #77 x" if name == "/alert" else " #77 ") == expected()


@pytest.mark.parametrize(
    ("name", "exc"),
    [
        ("/ticket", Conflict("x")),  # /ticket never answered a conflict: the error goes on
        ("/find", NotFound("x")),
        ("held", Conflict("x")),
    ],
)
def test_what_no_entry_maps_is_left_to_the_errors_router(name, exc):
    assert refusal_for(name, exc) is None


def test_every_refusing_staff_handler_names_an_entry():
    """A handler's flag with no entry would let its refusals through unanswered."""
    names = set()
    routers = [staff_handlers.router()]
    while routers:
        router = routers.pop()
        routers.extend(router.sub_routers)
        for observer in (router.message, router.callback_query):
            names |= {h.flags[FLAG] for h in observer.handlers if FLAG in h.flags}
    assert len(names) >= 30  # 20 card buttons, 9 commands, the thread
    mapped = {where for where, _ in REFUSALS}
    assert {name for name in names if name.split(".")[0] not in mapped} == set()


def test_a_step_keeps_the_error_it_wraps():
    error = Invalid("digits", {"field": "number"})
    wrapped = InStep("/merge.number", error)
    assert (wrapped.name, wrapped.error, wrapped.message, wrapped.details) == (
        "/merge.number",
        error,
        "digits",
        {"field": "number"},
    )


async def test_a_refused_update_is_recorded_as_handled_and_refused_once(env):
    people = await staff_desk(env)
    ticket, card = await claimed(env, people)
    before = await ProcessedUpdate.all().count()
    thread = {"chat_id": STAFF, "reply_to_message_id": card["message_id"]}
    people.ann.send_text("/merge soon", **thread)
    people.ann.send_text("/merge 4242", **thread)
    people.ann.send_text(f"/merge {ticket.number}", **thread)  # into itself
    await env.step()
    replies = [r.params["text"] for r in env.api.calls("sendMessage", STAFF)[-3:]]
    with create_i18n("en").context():
        assert replies[:2] == [ui.merge_usage(), ui.ticket_not_found("4242")]
    assert replies[2].startswith("Not done: ")
    # Each refused update committed its id (no re-delivery handles it again) and
    # changed nothing.
    assert await ProcessedUpdate.all().count() == before + 3
    kinds = await TicketEvent.filter(ticket_id=ticket.id).values_list("kind", flat=True)
    assert "merged" not in kinds
    assert env.api.calls(ok=False) == []
