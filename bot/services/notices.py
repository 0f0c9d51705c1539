"""What the domain tells people: typed notices, and `emit`.

A service that changes something someone has to hear about (the customer, the
ticket's thread in the staff chat, an agent privately, the card) emits a notice
inside its transaction. The notice carries domain data only - rows, ids, numbers,
names - never texts, markup or Telegram types: how it reads and where it goes is the
presentation's business (bot.presentation, which registers a renderer per notice
type). The renderer runs right there, inside the emitting transaction, and queues its
outbox rows in it: a change and its messages are committed together or not at all.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from bot.services import lifecycle
from models import Agent, Attachment, Category, Department, Macro, Message, Status, Ticket
from models.enums import SlaState


class Notice:
    """Base of every notice (frozen dataclasses below)."""

    __slots__ = ()


N = TypeVar("N", bound=Notice)
Renderer = Callable[[Any], Awaitable[None]]

# Filled by the presentation (bot.presentation.install) when a process starts.
_renderers: dict[type[Notice], Renderer] = {}


class Unrendered(RuntimeError):
    """A notice was emitted with no renderer registered for its type: the process
    was started without its presentation, and the message would be lost."""


def register(kind: type[N], renderer: Callable[[N], Awaitable[None]]) -> None:
    """`renderer` queues the outbox rows for notices of type `kind`."""
    _renderers[kind] = renderer


def registered(kind: type[Notice]) -> bool:
    return kind in _renderers


# How the desk signs what no agent wrote ("Support"), in a language: the
# presentation's wording, registered with its renderers.
_team_names: list[Callable[[str | None], str]] = []


def register_team_name(name: Callable[[str | None], str]) -> None:
    _team_names[:] = [name]


def team_name(language: str | None) -> str:
    """The support team's name in `language` (a filled template's {agent_name} when
    no agent sends it)."""
    if not _team_names:
        raise Unrendered("no team name registered; call bot.presentation.install()")
    return _team_names[0](language)


async def emit(notice: Notice) -> None:
    """Hands `notice` to its renderer, inside the caller's transaction."""
    renderer = _renderers.get(type(notice))
    if renderer is None:
        raise Unrendered(
            f"no renderer registered for {type(notice).__name__}; "
            "call bot.presentation.install() when the process starts"
        )
    await renderer(notice)


# -- the card ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CardChanged(Notice):
    """What the staff card shows may have changed (`ticket` with its relations)."""

    ticket: Ticket


# -- the ticket's life ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TicketCreated(Notice):
    """A new ticket (with its relations) and its first message: the card is posted."""

    ticket: Ticket
    first: Message
    files: Sequence[Attachment]


@dataclass(frozen=True, slots=True)
class AlertSent(Notice):
    """A ticket support started towards the customer: the alert's text and files."""

    ticket: Ticket
    message: Message
    kind: str
    subject: str
    text: str
    files: Sequence[Attachment]
    attachments_dir: Path | None


@dataclass(frozen=True, slots=True)
class TicketRegistered(Notice):
    """The customer's wizard made a ticket: they get its number (once per `dedupe_key`)."""

    ticket: Ticket
    first: Message
    dedupe_key: str


@dataclass(frozen=True, slots=True)
class ClosedHours(Notice):
    """Written outside business hours: when the department opens (in its time zone),
    once per ticket and closed stretch (`dedupe_key`)."""

    ticket: Ticket
    opens: datetime
    now: datetime
    dedupe_key: str


@dataclass(frozen=True, slots=True)
class AgentAnswered(Notice):
    """An agent's answer (`agent_name` None: the support team) with its files."""

    ticket: Ticket
    message: Message
    agent_name: str | None
    text: str
    files: Sequence[Attachment]


@dataclass(frozen=True, slots=True)
class CustomerMessageReceived(Notice):
    """A customer's follow-up with its files, for the ticket's thread."""

    ticket: Ticket
    message: Message
    files: Sequence[Attachment]


@dataclass(frozen=True, slots=True)
class Before:
    """What a transfer may change: the ticket's department, category, assignee, status."""

    department: Department
    category: Category | None
    assignee: Agent | None
    status: Status


@dataclass(frozen=True, slots=True)
class TicketTransferred(Notice):
    """A transfer (`ticket` with its relations as they are now), made by `by`."""

    ticket: Ticket
    before: Before
    by: str


@dataclass(frozen=True, slots=True)
class TicketStatusChanged(Notice):
    """A status change (`ticket` with its new status); `by_customer`: the customer
    caused it; `customer_notice`: what the customer is told (bot.services.lifecycle);
    `ask_rating`: a close that asks the customer for their CSAT."""

    ticket: Ticket
    previous: Status
    kind: lifecycle.ChangeKind
    by_customer: bool
    customer_notice: lifecycle.CustomerNotice
    ask_rating: bool


@dataclass(frozen=True, slots=True)
class CustomerChoseStatus(Notice):
    """The customer gave their ticket a (not final) status themselves."""

    ticket: Ticket


@dataclass(frozen=True, slots=True)
class AnswerRated(Notice):
    """The customer's 👍/👎 on an agent's answer (`ticket` with its customer)."""

    ticket: Ticket
    answer: Message


@dataclass(frozen=True, slots=True)
class TicketRated(Notice):
    """The customer's CSAT: `score` new or changed, `comment` added or changed."""

    ticket: Ticket
    score: bool
    comment: bool


@dataclass(frozen=True, slots=True)
class TemplateSent(Notice):
    """A canned answer went to the customer (`answer`): the thread shows its text,
    as a reply to `reply_to` (the agent's command) when given."""

    ticket: Ticket
    answer: Message
    by: str
    shortcut: str
    title: str
    text: str
    reply_to: int | None = None


@dataclass(frozen=True, slots=True)
class MacroApplied(Notice):
    ticket: Ticket
    macro: Macro
    by: str


@dataclass(frozen=True, slots=True)
class TagsChanged(Notice):
    """Tags went on and off a ticket (names)."""

    ticket: Ticket
    added: Sequence[str]
    removed: Sequence[str]
    by: str


@dataclass(frozen=True, slots=True)
class Snoozed(Notice):
    ticket: Ticket
    by: str
    until: datetime


@dataclass(frozen=True, slots=True)
class Woken(Notice):
    """A snooze ended: `reason` "agent", "merge", "due" or "customer"."""

    ticket: Ticket
    reason: str
    by: str


@dataclass(frozen=True, slots=True)
class Merged(Notice):
    """`source` was merged into `target` (`moved` messages); both with relations."""

    source: Ticket
    target: Ticket
    by: str
    moved: int


@dataclass(frozen=True, slots=True)
class Split(Notice):
    """`count` messages of `source` became the new ticket `ticket`."""

    source: Ticket
    ticket: Ticket
    count: int
    by: str


@dataclass(frozen=True, slots=True)
class CustomerErased(Notice):
    """The ticket's customer was erased: the card and the topic's name lose them."""

    ticket: Ticket


# -- deadlines ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SlaAnnounced(Notice):
    """A deadline (`what`: "first_response" or "resolution") is near or missed
    (`state`), told once per `dedupe_key` in the ticket's staff chat `chat_id` (None:
    the one the presentation resolves for its department, if any is configured; the
    assignee may still be told privately)."""

    ticket: Ticket
    what: str
    due: datetime
    state: SlaState
    dedupe_key: str
    chat_id: int | None


@dataclass(frozen=True, slots=True)
class LeadAlerted(Notice):
    """A breach is told to a lead."""

    ticket: Ticket
    lead: Agent


@dataclass(frozen=True, slots=True)
class Escalated(Notice):
    """A breach passed the ticket to `agent`, or back to the queue (None)."""

    ticket: Ticket
    agent: Agent | None


@dataclass(frozen=True, slots=True)
class EscalationRefused(Notice):
    """A breach's reassignment was refused (`reason`, the domain error's message)."""

    ticket: Ticket
    reason: str
