"""bot.services.lifecycle as tables: each rule, row by row, without a database."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.services import lifecycle as lc
from bot.services.lifecycle import ChangeKind, CustomerNotice, Destination, Refusal, StaffNotice
from bot.services.lifecycle import StatusFacts as F
from models.enums import SettableBy, StatusRole

# The seeded statuses (bot.services.seed) and an admin's own ones.
NEW = F(role=StatusRole.NEW, is_new=True)
NEW_ROLE_UNFLAGGED = F(role=StatusRole.NEW)  # is_new moved to another status
FLAGGED_CUSTOM = F(is_new=True)  # an admin's status given to new tickets
IN_PROGRESS = F(role=StatusRole.IN_PROGRESS)
WAITING = F(role=StatusRole.WAITING)
RESOLVED = F(role=StatusRole.RESOLVED)
CLOSED = F(role=StatusRole.CLOSED, is_final=True, customer_can_reply=False)
ON_HOLD = F()  # no role, open
MUTED = F(customer_can_reply=False)  # no role, the customer may not write
ARCHIVED = F(is_final=True)  # no role, final
AGENTS_ONLY = F(settable_by=SettableBy.AGENTS)
CUSTOMERS_ONLY = F(settable_by=SettableBy.CUSTOMERS)

ALL = {
    "new": NEW,
    "new_role_unflagged": NEW_ROLE_UNFLAGGED,
    "flagged_custom": FLAGGED_CUSTOM,
    "in_progress": IN_PROGRESS,
    "waiting": WAITING,
    "resolved": RESOLVED,
    "closed": CLOSED,
    "on_hold": ON_HOLD,
    "muted": MUTED,
    "archived": ARCHIVED,
}

# name: closed, open, resolved, done, new, waiting, takes customer messages
MEANINGS = [
    ("new", False, True, False, False, True, False, True),
    ("new_role_unflagged", False, True, False, False, True, False, True),
    ("flagged_custom", False, True, False, False, True, False, True),
    ("in_progress", False, True, False, False, False, False, True),
    ("waiting", False, True, False, False, False, True, True),
    ("resolved", False, True, True, True, False, False, True),
    ("closed", True, False, False, True, False, False, False),
    ("on_hold", False, True, False, False, False, False, True),
    ("muted", False, True, False, False, False, False, False),
    ("archived", True, False, False, True, False, False, False),
]


@pytest.mark.parametrize(
    ("name", "closed", "open_", "resolved", "done", "new", "waiting", "writable"), MEANINGS
)
def test_what_a_status_means(
    name: str,
    closed: bool,
    open_: bool,
    resolved: bool,
    done: bool,
    new: bool,
    waiting: bool,
    writable: bool,
) -> None:
    s = ALL[name]
    assert (
        lc.is_closed(s),
        lc.is_open(s),
        lc.is_resolved(s),
        lc.is_done(s),
        lc.is_new(s),
        lc.is_waiting(s),
        lc.takes_customer_messages(s),
    ) == (closed, open_, resolved, done, new, waiting, writable)
    # The flags that follow from those.
    assert lc.may_work_on(s) == lc.may_close(s) == lc.customer_may_choose(s) == open_
    assert lc.may_reopen(s) == lc.may_rate(s) == lc.topic_solved(s) == lc.ends_snooze(s) == done
    assert lc.may_archive(s) == lc.topic_closed(s) == closed
    assert lc.may_confirm(s) == resolved
    assert lc.checks_resolution_due(s) == (not resolved)


def test_facts_of_a_row_like_object() -> None:
    class Row:
        role = StatusRole.WAITING
        is_final = False
        is_new = None
        customer_can_reply = True
        settable_by = SettableBy.AGENTS

    assert lc.facts(Row()) == F(role=StatusRole.WAITING, settable_by=SettableBy.AGENTS)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([IN_PROGRESS, NEW, WAITING], NEW),
        ([NEW_ROLE_UNFLAGGED, FLAGGED_CUSTOM], FLAGGED_CUSTOM),  # the flag wins over the role
        ([IN_PROGRESS, NEW_ROLE_UNFLAGGED], NEW_ROLE_UNFLAGGED),  # else the role's
        ([IN_PROGRESS, WAITING], None),
    ],
)
def test_the_status_new_tickets_get(statuses: list[F], expected: F | None) -> None:
    assert lc.new_status_of(statuses) is expected


# -- transitions the system makes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("is_alert", "assigned", "expected"),
    [
        (False, False, Destination.NEW),
        (False, True, Destination.IN_PROGRESS),
        (True, False, Destination.WAITING),
        (True, True, Destination.WAITING),  # an alert's author is its assignee
    ],
)
def test_a_new_ticket_starts(is_alert: bool, assigned: bool, expected: Destination) -> None:
    assert lc.initial(is_alert=is_alert, assigned=assigned) == expected


@pytest.mark.parametrize(
    ("name", "assign", "unassign", "answer"),
    [
        ("new", Destination.IN_PROGRESS, None, Destination.WAITING),
        ("new_role_unflagged", Destination.IN_PROGRESS, None, Destination.WAITING),
        ("flagged_custom", Destination.IN_PROGRESS, None, Destination.WAITING),
        ("in_progress", None, Destination.NEW, Destination.WAITING),
        ("waiting", None, None, None),
        ("resolved", None, None, None),
        ("on_hold", None, None, Destination.WAITING),  # no role: answered, it waits
        ("muted", None, None, Destination.WAITING),
    ],
)
def test_what_staff_actions_do_to_the_status(
    name: str,
    assign: Destination | None,
    unassign: Destination | None,
    answer: Destination | None,
) -> None:
    s = ALL[name]
    assert lc.after_assign(s) == assign
    assert lc.after_unassign(s) == unassign
    assert lc.after_answer(s) == answer


@pytest.mark.parametrize(
    ("name", "assigned", "writable", "expected"),
    [
        ("resolved", True, True, Destination.IN_PROGRESS),  # reopened, to its assignee
        ("resolved", False, True, Destination.NEW),  # reopened, to the queue
        ("waiting", True, True, Destination.IN_PROGRESS),
        ("waiting", False, True, Destination.IN_PROGRESS),
        ("new", False, True, None),
        ("in_progress", True, True, None),
        ("on_hold", True, True, None),
        ("muted", True, False, None),  # refused
        ("closed", True, False, None),  # refused
    ],
)
def test_a_customer_message(
    name: str, assigned: bool, writable: bool, expected: Destination | None
) -> None:
    s = ALL[name]
    assert lc.takes_customer_messages(s) == writable
    assert lc.after_customer_message(s, assigned=assigned) == expected


@pytest.mark.parametrize(
    ("assigned", "expected"), [(True, Destination.IN_PROGRESS), (False, Destination.NEW)]
)
def test_a_reopened_ticket_goes_back_to_work(assigned: bool, expected: Destination) -> None:
    assert lc.back_to_work(assigned=assigned) == expected


@pytest.mark.parametrize("destination", list(Destination))
def test_each_destination_is_a_role(destination: Destination) -> None:
    assert lc.role_of(destination).value == destination.value


# -- who may set which status ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "by_customer", "allowed"),
    [
        (ON_HOLD, False, True),
        (ON_HOLD, True, True),
        (AGENTS_ONLY, False, True),
        (AGENTS_ONLY, True, False),
        (CUSTOMERS_ONLY, False, False),
        (CUSTOMERS_ONLY, True, True),
    ],
)
def test_settable_by(status: F, by_customer: bool, allowed: bool) -> None:
    assert lc.may_set(status, by_customer=by_customer) == allowed


# -- a status change: its kind, stamps and notices --------------------------------------------

# from, to, by_customer -> kind, customer notice, staff notice, thread told of the choice
CHANGES = [
    ("new", "in_progress", False, "status_changed", "status_changed", "none", False),
    ("in_progress", "waiting", True, "status_changed", "none", "none", True),
    ("waiting", "in_progress", True, "status_changed", "none", "none", True),
    ("in_progress", "resolved", False, "status_changed", "resolved", "none", False),
    ("resolved", "in_progress", False, "reopened", "reopened", "none", False),
    ("resolved", "new", True, "reopened", "reopened", "customer_reopened", True),
    ("resolved", "flagged_custom", True, "reopened", "reopened", "customer_reopened", True),
    ("resolved", "waiting", False, "status_changed", "status_changed", "none", False),
    ("resolved", "on_hold", True, "status_changed", "none", "none", True),
    ("resolved", "closed", True, "closed", "closed", "customer_confirmed", False),
    ("resolved", "closed", False, "closed", "closed", "none", False),
    ("in_progress", "closed", True, "closed", "closed", "customer_closed", False),
    ("in_progress", "archived", False, "closed", "closed", "none", False),
    ("closed", "in_progress", False, "reopened", "reopened", "none", False),
    ("closed", "new", True, "reopened", "reopened", "customer_reopened", True),
    ("archived", "on_hold", False, "reopened", "reopened", "none", False),
    ("on_hold", "resolved", True, "status_changed", "resolved", "none", True),
]


@pytest.mark.parametrize(
    ("before", "after", "by_customer", "kind", "customer", "staff", "choice"), CHANGES
)
def test_a_status_change(
    before: str,
    after: str,
    by_customer: bool,
    kind: str,
    customer: str,
    staff: str,
    choice: bool,
) -> None:
    previous, new = ALL[before], ALL[after]
    got = lc.change_kind(previous, new)
    assert got == ChangeKind(kind)
    assert lc.customer_notice(new, got, by_customer=by_customer) == CustomerNotice(customer)
    assert lc.staff_notice(previous, got, by_customer=by_customer) == StaffNotice(staff)
    assert lc.tells_staff_customer_choice(new, by_customer=by_customer) == choice


@pytest.mark.parametrize(
    ("rated", "by_customer", "asks"),
    [(False, False, True), (True, False, False), (False, True, False), (True, True, False)],
)
def test_closing_asks_for_a_rating(rated: bool, by_customer: bool, asks: bool) -> None:
    assert lc.asks_rating(rated=rated, by_customer=by_customer) == asks


T0 = datetime(2026, 1, 1, tzinfo=UTC)
NOW = T0 + timedelta(days=3)


@pytest.mark.parametrize(
    ("before", "after", "resolved_at", "closed_at", "expected"),
    [
        ("in_progress", "resolved", None, None, (NOW, None)),
        ("resolved", "closed", T0, None, (T0, NOW)),  # the resolution keeps its time
        ("in_progress", "closed", None, None, (NOW, NOW)),
        ("closed", "in_progress", T0, T0, (T0, None)),  # (reopen clears resolved_at itself)
        ("closed", "resolved", T0, T0, (NOW, None)),
        ("new", "in_progress", None, None, (None, None)),
        ("waiting", "on_hold", T0, None, (T0, None)),
    ],
)
def test_the_stamps_of_a_change(
    before: str,
    after: str,
    resolved_at: datetime | None,
    closed_at: datetime | None,
    expected: tuple[datetime | None, datetime | None],
) -> None:
    got = lc.stamps(ALL[before], ALL[after], NOW, resolved_at=resolved_at, closed_at=closed_at)
    assert got == expected


# -- reopen and snooze refusals ---------------------------------------------------------------

WINDOW = 7


@pytest.mark.parametrize(
    ("name", "closed_at", "expected"),
    [
        ("resolved", None, None),  # resolved: always
        ("resolved", NOW - timedelta(days=365), None),
        ("closed", NOW, None),
        ("closed", NOW - timedelta(days=WINDOW), None),  # the window's last moment
        ("closed", NOW - timedelta(days=WINDOW, microseconds=1), Refusal.WINDOW_PASSED),
        ("closed", None, Refusal.WINDOW_PASSED),
        ("archived", NOW - timedelta(days=1), None),
        ("new", None, Refusal.STILL_OPEN),
        ("in_progress", None, Refusal.STILL_OPEN),
        ("waiting", None, Refusal.STILL_OPEN),
        ("on_hold", None, Refusal.STILL_OPEN),
    ],
)
def test_the_customers_reopen_window(
    name: str, closed_at: datetime | None, expected: Refusal | None
) -> None:
    got = lc.customer_reopen_refusal(ALL[name], closed_at=closed_at, now=NOW, window_days=WINDOW)
    assert got == expected


def test_a_zero_day_window_refuses_any_closed_ticket_but_a_just_closed_one() -> None:
    refusal = lc.customer_reopen_refusal
    assert refusal(CLOSED, closed_at=NOW, now=NOW, window_days=0) is None
    late = NOW + timedelta(seconds=1)
    assert refusal(CLOSED, closed_at=NOW, now=late, window_days=0) == Refusal.WINDOW_PASSED


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("new", None),
        ("in_progress", None),
        ("waiting", None),
        ("on_hold", None),
        ("resolved", Refusal.RESOLVED),
        ("closed", Refusal.CLOSED),
        ("archived", Refusal.CLOSED),
    ],
)
def test_snoozing(name: str, expected: Refusal | None) -> None:
    assert lc.snooze_refusal(ALL[name]) == expected
    assert lc.may_snooze(ALL[name]) == (expected is None)


@pytest.mark.parametrize(
    ("name", "archived", "reply", "close", "reopen", "archive"),
    [
        ("new", False, True, True, False, False),
        ("waiting", False, True, True, False, False),
        ("muted", False, False, True, False, False),
        ("resolved", False, True, True, True, False),
        ("closed", False, False, False, True, True),
        ("closed", True, False, False, True, False),
        ("archived", False, False, False, True, True),
    ],
)
def test_the_customers_buttons(
    name: str, archived: bool, reply: bool, close: bool, reopen: bool, archive: bool
) -> None:
    got = lc.customer_actions(ALL[name], archived=archived)
    assert (got.reply, got.close, got.reopen, got.archive) == (reply, close, reopen, archive)


# -- the SLA clock ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "snoozed", "pause_setting", "stops"),
    [
        ("new", False, False, False),
        ("new", False, True, False),
        ("new", True, False, False),
        ("new", True, True, True),  # snoozed waits as waiting does
        ("in_progress", False, True, False),
        ("in_progress", True, True, True),
        ("waiting", False, False, False),
        ("waiting", False, True, True),
        ("waiting", True, False, False),
        ("on_hold", False, True, False),
        ("resolved", False, False, True),  # done: always
        ("resolved", True, False, True),
        ("closed", False, False, True),
        ("archived", False, False, True),
    ],
)
def test_the_sla_clock(name: str, snoozed: bool, pause_setting: bool, stops: bool) -> None:
    s = ALL[name]
    assert lc.clock_stops(s, pause_setting, snoozed=snoozed) == stops
    # tickets._move reads the setting only when it matters.
    applies = lc.pause_applies(s, snoozed=snoozed)
    assert applies == (name == "waiting" or snoozed)
    assert lc.clock_stops(s, applies and pause_setting, snoozed=snoozed) == stops


# -- the lookups say what the predicates say ----------------------------------------------------


def _matches(lookups: Mapping[str, Any], status: F, snoozed: bool = False) -> bool:
    """Evaluates tortoise lookups against a status's flags (and a ticket's snooze)."""
    row: dict[str, Any] = {
        "role": status.role,
        "is_final": status.is_final,
        "customer_can_reply": status.customer_can_reply,
        "settable_by": status.settable_by,
        "available": True,
        "shown_by_default": True,
        "snoozed_until": NOW if snoozed else None,
    }
    for key, wanted in lookups.items():
        field, _, op = key.removeprefix("status__").partition("__")
        value = row[field]
        if op == "isnull":
            ok = (value is None) == wanted
        elif op == "in":
            ok = value in wanted
        else:
            assert op == "", key
            ok = value == wanted
        if not ok:
            return False
    return True


@pytest.mark.parametrize("name", list(ALL))
@pytest.mark.parametrize("snoozed", [False, True])
def test_lookups_agree_with_the_predicates(name: str, snoozed: bool) -> None:
    s = ALL[name]
    assert _matches(lc.OPEN_TICKETS, s) == lc.is_open(s)
    assert _matches(lc.OPEN_STATUSES, s) == lc.is_open(s)
    assert _matches(lc.WRITABLE_TICKETS, s) == lc.takes_customer_messages(s)
    assert _matches(lc.RESOLVED_TICKETS, s) == lc.is_resolved(s)
    assert any(_matches(any_of, s) for any_of in lc.DONE_STATUSES_ANY) == lc.is_done(s)
    assert _matches(lc.LISTED_TICKETS, s, snoozed) == (lc.is_open(s) and not snoozed)


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (ON_HOLD, True),
        (CUSTOMERS_ONLY, True),
        (AGENTS_ONLY, False),
        (RESOLVED, False),  # the lifecycle's own statuses have their buttons
        (CLOSED, False),
    ],
)
def test_the_statuses_a_customer_may_choose(status: F, offered: bool) -> None:
    assert _matches(lc.CUSTOMER_CHOICES, status) == offered
    if offered:
        assert lc.may_set(status, by_customer=True)
