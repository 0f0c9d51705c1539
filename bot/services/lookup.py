"""Finding tickets from the staff chat and the API (issue 16, point 2): a ticket by its
number, tickets by a search, and a customer's history with the desk - each limited to
what the actor may see (an agent: their departments' tickets)."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.expressions import Subquery
from tortoise.functions import Count, Sum

from bot.services import lifecycle, ticket_queries
from bot.services.errors import Invalid, NotFound
from bot.services.ticket_queries import TicketFilter
from bot.services.tickets import Actor, relate
from models import Customer, Message, Ticket
from models.enums import MessageKind

FIND_LIMIT = 10
HISTORY_LIMIT = 5
# Ticket numbers are ints; anything longer is no ticket's.
_NUMBER_DIGITS = 9


def parse_number(text: str) -> int:
    """`1042` or `#1042` as a ticket number; Invalid otherwise."""
    value = text.strip().removeprefix("#")
    if not (value.isascii() and value.isdigit()) or len(value) > _NUMBER_DIGITS:
        raise Invalid("a ticket number is digits, like 1042 or #1042", {"field": "number"})
    return int(value)


async def by_number(number: int, actor: Actor) -> Ticket:
    """The ticket numbered `number` with its relations; another department's is
    reported as missing, like one that does not exist."""
    ticket = await Ticket.get_or_none(number=number)
    if ticket is None or not actor.may_act_on(ticket):
        raise NotFound(f"ticket #{number} does not exist")
    return await relate(ticket)


@dataclass(frozen=True, slots=True)
class Found:
    tickets: list[Ticket]
    total: int  # up to ticket_queries.SEARCH_TOTAL_LIMIT
    more: bool  # more than `total`


async def find(text: str, actor: Actor, limit: int = FIND_LIMIT) -> Found:
    """The tickets whose number, subject or messages match `text` (the API's search),
    newest activity first, every status."""
    text = text.strip()
    if len(text) < 2:
        raise Invalid("search for two characters or more", {"field": "q"})
    page = await ticket_queries.list_tickets(
        TicketFilter(q=text, all_statuses=True), actor, limit=limit
    )
    total = page.total or 0
    return Found(list(page.rows), total, page.total_exact is False)


@dataclass(frozen=True, slots=True)
class History:
    customer: Customer
    open: list[Ticket]  # not final, newest first (up to HISTORY_LIMIT)
    open_count: int
    recent: list[Ticket]  # the latest tickets of any status (up to HISTORY_LIMIT)
    total: int  # every ticket of theirs the actor may see
    csat_average: float | None  # of their rated tickets
    csat_count: int
    answers_liked: int  # 👍 on agents' answers
    answers_disliked: int  # 👎


async def customer_history(customer_id: int, actor: Actor) -> History:
    """What the desk knows of a customer's tickets, as far as `actor` may see them."""
    customer = await Customer.get_or_none(id=customer_id)
    base = Ticket.filter(customer_id=customer_id)
    if actor.departments is not None:
        base = base.filter(department_id__in=list(actor.departments))
    total = await base.count()
    if customer is None or (actor.departments is not None and total == 0):
        raise NotFound("no such customer")
    still_open = base.filter(**lifecycle.OPEN_TICKETS)
    open_count = await still_open.count()
    open_rows = await still_open.order_by("-updated_at", "-id").limit(HISTORY_LIMIT)
    recent = await base.order_by("-created_at", "-id").limit(HISTORY_LIMIT)
    rated = (
        await base.filter(csat__isnull=False)
        .annotate(points=Sum("csat"), rated=Count("id"))
        .values("points", "rated")
    )
    # (Summed, not averaged in SQL: the ORM gives an average the column's type, an int.)
    points, count = (rated[0]["points"] or 0, rated[0]["rated"] or 0) if rated else (0, 0)
    ratings = dict(
        await Message.filter(
            kind=MessageKind.AGENT,
            rating__isnull=False,
            ticket_id__in=Subquery(base.values("id")),
        )
        .annotate(n=Count("id"))
        .group_by("rating")
        .values_list("rating", "n")
    )
    for ticket in (*open_rows, *recent):
        await relate(ticket)
    return History(
        customer=customer,
        open=list(open_rows),
        open_count=open_count,
        recent=list(recent),
        total=total,
        csat_average=points / count if count else None,
        csat_count=count,
        answers_liked=ratings.get(1, 0),
        answers_disliked=ratings.get(-1, 0),
    )
