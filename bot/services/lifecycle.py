"""The ticket lifecycle's rules (SPEC §5), in one place.

Statuses are rows an admin configures (models.directory.Status): a name, a few flags
(`is_final`, `is_new`, `customer_can_reply`, `settable_by`) and, for the statuses the
system moves tickets through itself, a lifecycle role (models.enums.StatusRole). This
module says what those mean: whether a ticket is open or done, who may move it where,
what a change is called and who is told of it, where a reopened ticket goes, what a
customer's message or an agent's answer does to it, and when its SLA clock stands.

Pure: no queries, no I/O, no Telegram. It takes anything shaped like a status
(`StatusLike`: a Status row, or `StatusFacts`) and returns values; where a query needs
a rule, it gives the tortoise lookups (`OPEN_TICKETS` ...), so queries ask it too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final, Protocol, TypeVar

from models.enums import SettableBy, StatusRole


class StatusLike(Protocol):
    """What the rules read of a status (a models.Status row has all of it)."""

    @property
    def role(self) -> StatusRole | None: ...

    @property
    def is_final(self) -> bool: ...

    @property
    def is_new(self) -> bool | None: ...

    @property
    def customer_can_reply(self) -> bool: ...

    @property
    def settable_by(self) -> SettableBy: ...


@dataclass(frozen=True, slots=True)
class StatusFacts:
    """A status's flags without its row (the defaults are a new Status row's)."""

    role: StatusRole | None = None
    is_final: bool = False
    is_new: bool | None = None
    customer_can_reply: bool = True
    settable_by: SettableBy = SettableBy.ALL


def facts(status: StatusLike) -> StatusFacts:
    return StatusFacts(
        role=status.role,
        is_final=bool(status.is_final),
        is_new=status.is_new,
        customer_can_reply=bool(status.customer_can_reply),
        settable_by=status.settable_by,
    )


S = TypeVar("S", bound=StatusLike)

# Roles whose status is final (closed): directory validation holds a role's status to it.
FINAL_ROLES: Final = frozenset({StatusRole.CLOSED})


# -- what a status means ------------------------------------------------------------------


def is_closed(status: StatusLike) -> bool:
    """Closed: the work is over; only a reopen brings the ticket back."""
    return bool(status.is_final)


def is_open(status: StatusLike) -> bool:
    """Not final: resolved tickets are still open (they wait for the confirmation)."""
    return not is_closed(status)


def is_resolved(status: StatusLike) -> bool:
    """Resolved: done by the desk, waiting for the customer's confirmation."""
    return status.role == StatusRole.RESOLVED


def is_done(status: StatusLike) -> bool:
    """Resolved or closed: the work is done (solved topic, rating, processed in stats)."""
    return is_closed(status) or is_resolved(status)


def is_waiting(status: StatusLike) -> bool:
    """Answered, waiting for the customer."""
    return status.role == StatusRole.WAITING


def is_in_progress(status: StatusLike) -> bool:
    return status.role == StatusRole.IN_PROGRESS


def is_new(status: StatusLike) -> bool:
    """Waiting for «I'll answer»: the status new tickets get (`is_new`, which an admin may
    move to another status), or the seeded status of the `new` role."""
    return bool(status.is_new) or status.role == StatusRole.NEW


def takes_customer_messages(status: StatusLike) -> bool:
    """Whether the customer may write into the ticket (Reply, a reply in the chat)."""
    return not is_closed(status) and bool(status.customer_can_reply)


def new_status_of(statuses: Iterable[S]) -> S | None:
    """The status new tickets get: the one flagged is_new, else the `new` role's."""
    listed = list(statuses)
    flagged = next((s for s in listed if s.is_new), None)
    return flagged or next((s for s in listed if s.role == StatusRole.NEW), None)


# -- where the system moves a ticket ---------------------------------------------------


class Destination(StrEnum):
    """A status the system itself gives a ticket; NEW is the status new tickets get
    (`new_status_of`), the others the status of that role."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"
    RESOLVED = "resolved"
    CLOSED = "closed"


def role_of(destination: Destination) -> StatusRole:
    """The role whose status a destination is (for NEW: the fallback without is_new)."""
    return StatusRole(destination.value)


def initial(*, is_alert: bool, assigned: bool) -> Destination:
    """A new ticket's status: an alert waits for the customer (the agent spoke first);
    a ticket given to an agent at once is in progress; else it waits in the queue."""
    if is_alert:
        return Destination.WAITING
    return Destination.IN_PROGRESS if assigned else Destination.NEW


def back_to_work(*, assigned: bool) -> Destination:
    """Where a reopened ticket goes: in progress with its assignee, else the queue."""
    return Destination.IN_PROGRESS if assigned else Destination.NEW


def after_assign(status: StatusLike) -> Destination | None:
    """An agent took the ticket (claim, assignment): a new one is in progress now."""
    return Destination.IN_PROGRESS if is_new(status) else None


def after_unassign(status: StatusLike) -> Destination | None:
    """The ticket lost its agent (a transfer to nobody): in progress goes to the queue."""
    return Destination.NEW if is_in_progress(status) else None


def after_answer(status: StatusLike) -> Destination | None:
    """An agent answered: a new, in-progress or role-less status waits for the customer;
    waiting and resolved stay as they are (closed tickets take no answer: `may_work_on`)."""
    if is_new(status) or status.role in (StatusRole.IN_PROGRESS, None):
        return Destination.WAITING
    return None


def after_customer_message(status: StatusLike, *, assigned: bool) -> Destination | None:
    """The customer wrote (an implicit reopen): resolved goes back to work, waiting is
    in progress again; other statuses stay (refused ones: `takes_customer_messages`)."""
    if is_resolved(status):
        return back_to_work(assigned=assigned)
    if is_waiting(status):
        return Destination.IN_PROGRESS
    return None


# -- who may do what -----------------------------------------------------------------------


def may_work_on(status: StatusLike) -> bool:
    """Answer, assign, claim, transfer, merge, split, run a macro: not on a closed ticket."""
    return is_open(status)


def may_close(status: StatusLike) -> bool:
    """Anyone (agents, the customer, automation) may close an open ticket."""
    return is_open(status)


def may_reopen(status: StatusLike) -> bool:
    """Staff (and the API) reopen resolved or closed tickets, at any time."""
    return is_done(status)


def may_rate(status: StatusLike) -> bool:
    """CSAT: for a resolved or closed ticket, not for one still being worked on."""
    return is_done(status)


def may_archive(status: StatusLike) -> bool:
    """The customer hides closed tickets from their list."""
    return is_closed(status)


def may_confirm(status: StatusLike) -> bool:
    """The customer's Confirm closes a resolved ticket."""
    return is_resolved(status)


def settable_by_values(*, by_customer: bool) -> tuple[SettableBy, SettableBy]:
    """The `settable_by` values of the statuses the customer (or staff and the API) set."""
    return (SettableBy.ALL, SettableBy.CUSTOMERS if by_customer else SettableBy.AGENTS)


def may_set(status: StatusLike, *, by_customer: bool) -> bool:
    """Whether the customer (or staff and the API) may give a ticket `status` by hand."""
    return status.settable_by in settable_by_values(by_customer=by_customer)


def customer_may_choose(status: StatusLike) -> bool:
    """Whether the customer may give a ticket with `status` one of their statuses."""
    return is_open(status)


class Refusal(StrEnum):
    CLOSED = "closed"
    RESOLVED = "resolved"
    STILL_OPEN = "still_open"
    WINDOW_PASSED = "window_passed"


def snooze_refusal(status: StatusLike) -> Refusal | None:
    """Snoozing is for open work: not a closed ticket, nor a resolved one (that waits
    for the customer's confirmation, not for a time)."""
    if is_closed(status):
        return Refusal.CLOSED
    if is_resolved(status):
        return Refusal.RESOLVED
    return None


def may_snooze(status: StatusLike) -> bool:
    return snooze_refusal(status) is None


def customer_reopen_refusal(
    status: StatusLike, *, closed_at: datetime | None, now: datetime, window_days: int
) -> Refusal | None:
    """The customer reopens a resolved ticket at any time, a closed one within
    `reopen_window_days` of its closing (not at all without a closing time)."""
    if is_closed(status):
        if closed_at is None or now - closed_at > timedelta(days=window_days):
            return Refusal.WINDOW_PASSED
        return None
    if not is_resolved(status):
        return Refusal.STILL_OPEN
    return None


@dataclass(frozen=True, slots=True)
class CustomerActions:
    """The buttons under the customer's view of their ticket."""

    reply: bool
    close: bool
    reopen: bool
    archive: bool


def customer_actions(status: StatusLike, *, archived: bool) -> CustomerActions:
    return CustomerActions(
        reply=takes_customer_messages(status),
        close=may_close(status),
        reopen=may_reopen(status),
        archive=may_archive(status) and not archived,
    )


# -- a status change -------------------------------------------------------------------------


class ChangeKind(StrEnum):
    """The ticket event a status change records (webhooks carry the same names)."""

    CLOSED = "closed"
    REOPENED = "reopened"
    STATUS_CHANGED = "status_changed"


def change_kind(previous: StatusLike, new: StatusLike) -> ChangeKind:
    """Closing; reopening (out of closed, or resolved back to new or in progress); else
    a plain change."""
    if is_closed(new):
        return ChangeKind.CLOSED
    reopening = is_closed(previous) or (
        is_resolved(previous) and (is_new(new) or is_in_progress(new))
    )
    return ChangeKind.REOPENED if reopening else ChangeKind.STATUS_CHANGED


def stamps(
    previous: StatusLike,
    new: StatusLike,
    moment: datetime,
    *,
    resolved_at: datetime | None,
    closed_at: datetime | None,
) -> tuple[datetime | None, datetime | None]:
    """A ticket's (resolved_at, closed_at) after a change at `moment`: resolving stamps
    the resolution; closing the closing (and the resolution, if none); leaving closed
    clears the closing."""
    if is_resolved(new):
        resolved_at = moment
    if is_closed(new):
        closed_at = moment
        resolved_at = resolved_at or moment
    elif is_closed(previous):
        closed_at = None
    return resolved_at, closed_at


class CustomerNotice(StrEnum):
    """What the customer is told of a status change."""

    RESOLVED = "resolved"  # with the Confirm / Reopen buttons
    CLOSED = "closed"  # with the CSAT question when `asks_rating`
    REOPENED = "reopened"
    STATUS_CHANGED = "status_changed"  # the new status's name
    NONE = "none"


def customer_notice(new: StatusLike, kind: ChangeKind, *, by_customer: bool) -> CustomerNotice:
    if is_resolved(new):
        return CustomerNotice.RESOLVED
    if is_closed(new):
        return CustomerNotice.CLOSED
    if kind == ChangeKind.REOPENED:
        return CustomerNotice.REOPENED
    # A change the customer caused (by writing, by choosing a status) needs no notice.
    return CustomerNotice.NONE if by_customer else CustomerNotice.STATUS_CHANGED


def asks_rating(*, rated: bool, by_customer: bool) -> bool:
    """Closing asks for CSAT once; closed by the customer's own Confirm, the question
    follows there."""
    return not rated and not by_customer


class StaffNotice(StrEnum):
    """What the ticket's staff thread is told of a status change."""

    CUSTOMER_REOPENED = "customer_reopened"  # the assignee is mentioned, and told privately
    CUSTOMER_CONFIRMED = "customer_confirmed"
    CUSTOMER_CLOSED = "customer_closed"
    NONE = "none"  # the staff's own changes show on the card


def staff_notice(previous: StatusLike, kind: ChangeKind, *, by_customer: bool) -> StaffNotice:
    if not by_customer:
        return StaffNotice.NONE
    if kind == ChangeKind.REOPENED:
        return StaffNotice.CUSTOMER_REOPENED
    if kind == ChangeKind.CLOSED:
        if is_resolved(previous):
            return StaffNotice.CUSTOMER_CONFIRMED
        return StaffNotice.CUSTOMER_CLOSED
    return StaffNotice.NONE


def tells_staff_customer_choice(new: StatusLike, *, by_customer: bool) -> bool:
    """A status the customer chose is told in the thread (closing has its own notice)."""
    return by_customer and not is_closed(new)


def topic_solved(status: StatusLike) -> bool:
    """The forum topic's name is marked ✅ while the work is done."""
    return is_done(status)


def topic_closed(status: StatusLike) -> bool:
    """The forum topic is closed while the ticket is."""
    return is_closed(status)


# -- the SLA clock ----------------------------------------------------------------------------


def ends_snooze(status: StatusLike) -> bool:
    """Resolving or closing ends a snooze."""
    return is_done(status)


def pause_applies(status: StatusLike, *, snoozed: bool) -> bool:
    """Whether the `sla_pause_while_waiting` setting matters: waiting for the customer, or
    snoozed (a snoozed ticket waits as a waiting one does)."""
    return is_waiting(status) or snoozed


def clock_stops(status: StatusLike, pause_while_waiting: bool, *, snoozed: bool = False) -> bool:
    """Whether the SLA clock stands while a ticket has `status`: always when the work is
    done; while waiting or snoozed when `pause_while_waiting`."""
    if is_done(status):
        return True
    return pause_while_waiting and pause_applies(status, snoozed=snoozed)


def checks_resolution_due(status: StatusLike) -> bool:
    """A resolved ticket waits for the customer: its resolution time is not watched."""
    return not is_resolved(status)


# -- the same rules as query lookups ----------------------------------------------------------


def _lookups(**lookups: Any) -> Mapping[str, Any]:
    return MappingProxyType(lookups)


# Tickets (Ticket.filter(**...)):
OPEN_TICKETS: Final = _lookups(status__is_final=False)
WRITABLE_TICKETS: Final = _lookups(status__is_final=False, status__customer_can_reply=True)
RESOLVED_TICKETS: Final = _lookups(status__role=StatusRole.RESOLVED)
# An agent's lists (/queue, /mytickets): open, in a status shown by default, not snoozed.
LISTED_TICKETS: Final = _lookups(
    status__is_final=False, status__shown_by_default=True, snoozed_until__isnull=True
)
# Statuses (Status.filter(**...)):
OPEN_STATUSES: Final = _lookups(is_final=False)
# Done statuses: any one of these (OR).
DONE_STATUSES_ANY: Final = (_lookups(is_final=True), _lookups(role=StatusRole.RESOLVED))
# The statuses a customer may choose: an admin's own (no role), available, theirs to set.
CUSTOMER_CHOICES: Final = _lookups(
    available=True,
    role__isnull=True,
    settable_by__in=list(settable_by_values(by_customer=True)),
)
