"""Reading tickets: filtered lists with keyset pagination, conversation, history.

Lists are built for a million tickets: pages are keyset (a walk of the order's index
from the cursor), the free-text search is a union of separately planned queries (the
ticket number, subjects, messages) instead of one OR the database cannot index, and the
total is counted only up to a cap.
"""

from __future__ import annotations

import asyncio
import base64
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pypika_tortoise.terms import Parameterizer, Term
from tortoise.expressions import Q, RawSQL, Subquery
from tortoise.queryset import QuerySet, ValuesQuery

from bot.services import text_search
from bot.services.errors import Invalid, NotFound
from bot.services.tickets import Actor, agent_actor, get_ticket
from models import Agent, Attachment, Message, Status, Ticket, TicketEvent, TicketTag
from models.enums import MessageKind

SORTS = {
    "-updated_at": ("updated_at", True),
    "updated_at": ("updated_at", False),
    "-created_at": ("created_at", True),
    "created_at": ("created_at", False),
    "-number": ("number", True),
    "number": ("number", False),
}
RELATED = ("status", "priority", "department", "category", "customer", "assignee")
# `total` counts matching tickets up to here: a COUNT(*) over a million rows costs more
# than the whole page may, counting 10,001 rows of an index does not. Past the cap
# `total` is the cap and `total_exact` false ("10,000 or more").
TOTAL_LIMIT = 10_000
# Each ticket a search counts costs a substring test of its subject and messages, so a
# search's total stops earlier.
SEARCH_TOTAL_LIMIT = 500
# A `#1234` / `1234` search also looks the ticket number up (an int column).
_NUMBER_DIGITS = 9
# SQLite tests this many tickets from the top of the list for a search before it asks
# the index: a phrase in one ticket of 16 fills a page of 50 from them. Testing them
# costs a few milliseconds; the index costs as much as it finds (a phrase in a quarter
# of 200,000 tickets, ~100 ms).
_WALK = 1000


@dataclass(frozen=True, slots=True)
class TicketFilter:
    status_ids: tuple[int, ...] = ()
    status_role: str | None = None
    department_id: int | None = None
    category_id: int | None = None
    priority_id: int | None = None
    assignee_id: int | None = None
    unassigned: bool | None = None
    customer_id: int | None = None
    sla_state: str | None = None
    source: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    updated_from: datetime | None = None
    updated_to: datetime | None = None
    archived: bool | None = None
    snoozed: bool | None = None  # waiting until a time (bot.services.snoozing)
    # Only tickets with every one of these tags.
    tag_ids: tuple[int, ...] = ()
    q: str | None = None
    # Without a status filter or a search, only statuses `shown_by_default` are listed
    # (a desk hides its closed tickets this way); True lists every status.
    all_statuses: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[Ticket]
    next_cursor: str | None
    total: int | None  # None when not asked for
    total_exact: bool | None  # False: there are more than `total`


async def _filtered(f: TicketFilter, actor: Actor) -> QuerySet[Ticket]:
    """Every filter but the search (`q`, see _matching)."""
    query = Ticket.all()
    if actor.departments is not None:
        query = query.filter(department_id__in=list(actor.departments))
    if f.status_ids:
        query = query.filter(status_id__in=list(f.status_ids))
    if f.status_role:
        # The ids, not a join: with `status_id = n` the database walks the
        # (department, status, updated_at) index in the list order.
        roles = await Status.filter(role=f.status_role).values_list("id", flat=True)
        query = query.filter(status_id__in=list(roles))
    if not (f.status_ids or f.status_role or f.q or f.all_statuses):
        hidden = await Status.filter(shown_by_default=False).values_list("id", flat=True)
        if hidden:
            query = query.exclude(status_id__in=list(hidden))
    for name in (
        "department_id",
        "category_id",
        "priority_id",
        "assignee_id",
        "customer_id",
        "sla_state",
        "source",
        "archived",
    ):
        value = getattr(f, name)
        if value is not None:
            query = query.filter(**{name: value})
    if f.unassigned is not None:
        query = query.filter(assignee_id__isnull=f.unassigned)
    if f.snoozed is not None:
        query = query.filter(snoozed_until__isnull=not f.snoozed)
    for tag_id in f.tag_ids:
        query = query.filter(id__in=Subquery(TicketTag.filter(tag_id=tag_id).values("ticket_id")))
    if f.created_from:
        query = query.filter(created_at__gte=f.created_from)
    if f.created_to:
        query = query.filter(created_at__lt=f.created_to)
    if f.updated_from:
        query = query.filter(updated_at__gte=f.updated_from)
    if f.updated_to:
        query = query.filter(updated_at__lt=f.updated_to)
    return query


@dataclass(frozen=True, slots=True)
class _Part:
    """One way a search finds tickets.

    `rows`: every ticket of the part. On SQLite the subject and message parts also
    have `test`, the same test as a correlated subquery on one ticket (a GLOB of its
    texts), cheap on a few tickets and needing no index, and `ids`, the index's ids of
    the tickets found (duplicates possible, outside `base`'s filters too) as it yields
    them, unsorted, to count without reading them all.
    """

    base: QuerySet[Ticket]
    rows: QuerySet[Ticket]
    test: Term | None = None
    ids: Term | None = None


def _matching(base: QuerySet[Ticket], q: str | None) -> list[_Part]:
    """The tickets of `base` a search finds, as parts whose union is the answer.

    A search is a case-insensitive substring of the subject or of any message of the
    ticket, or its number (`#1234` or `1234`). One query with `subject LIKE … OR id IN
    (messages LIKE …)` cannot use an index for either side, so every part is its own
    query: the number is a unique-index lookup; subjects and messages each let the
    database choose between walking the list order's index (a common phrase finds a
    page after a few hundred tickets) and PostgreSQL's trigram indexes (a rare one).
    The LIKE expressions are the ones the trigram indexes of migration 3 are built on.

    SQLite has FTS5 trigram indexes instead (text_search: its LIKE folds only ASCII,
    and no index serves it), and no planner that knows how many tickets they will
    find: list_tickets walks the first tickets of the list first (_WALK), testing
    each, and asks the index only when they do not fill the page.
    """
    words = (q or "").strip()
    if not words:
        return [_Part(base, base)]
    if Ticket._meta.db.capabilities.dialect == "sqlite":
        subjects, messages = text_search.subject_ids(words), text_search.message_ticket_ids(words)
        parts = [
            _Part(base, base.filter(id__in=subjects), text_search.subject_test(words), subjects),
            _Part(base, base.filter(id__in=messages), text_search.message_test(words), messages),
        ]
    else:
        in_messages = Message.filter(text__icontains=words).values("ticket_id")
        parts = [
            _Part(base, base.filter(subject__icontains=words)),
            _Part(base, base.filter(id__in=Subquery(in_messages))),
        ]
    number = words.lstrip("#")
    if number.isascii() and number.isdigit() and len(number) <= _NUMBER_DIGITS:
        parts.insert(0, _Part(base, base.filter(number=int(number))))
    return parts


def compiled(queries: list[Any]) -> tuple[list[str], list[Any]]:
    """The parameterised SQL of ORM querysets (values / values_list) and terms,
    numbered as one statement ($1.. on PostgreSQL): they become subqueries of a
    statement the ORM cannot express. User text stays in the parameters. (What
    tortoise's own Subquery and QuerySet.sql() do, keeping the parameters.)"""
    parameterizer = Parameterizer()
    sql = []
    for query in queries:
        if isinstance(query, Term):
            context = Ticket._meta.db.query_class.SQL_CONTEXT.copy(parameterizer=parameterizer)
            sql.append(query.get_sql(context))
            continue
        query._choose_db_if_not_chosen()
        query._make_query()
        context = query.query.QUERY_CLS.SQL_CONTEXT.copy(parameterizer=parameterizer)
        sql.append(query.query.get_sql(context))
    return sql, parameterizer.values


def _counted(part: _Part, cap: int) -> ValuesQuery[Literal[False]] | Term:
    """A part's first `cap` + 1 tickets in any order. From an index in the order it
    yields them, each checked against the filters, so a common phrase stops after
    cap + 1 matches instead of reading them all."""
    if part.ids is None:
        return part.rows.limit(cap + 1).values("id")
    # "c" is the found ticket: the filters' query correlated to it.
    within = part.base.filter(id=RawSQL('"c"."id"')).values("id")
    return text_search.Sql(
        'SELECT DISTINCT "c"."id" FROM {} AS "c" WHERE EXISTS ({}) LIMIT {}',
        part.ids,
        Subquery(within),
        cap + 1,
        enclosed=False,
    )


def _count_statement(parts: list[_Part], cap: int) -> tuple[str, list[Any]]:
    """How many tickets the union of `parts` holds, exact up to `cap`: each part is
    counted up to cap + 1, so more than `cap` in all means more than `cap`."""
    sql, params = compiled([_counted(part, cap) for part in parts])
    # Only the ORM's SQL (placeholders, no values) is put together here.
    union = " UNION ".join(f'SELECT "id" FROM ({s}) AS "p{n}"' for n, s in enumerate(sql))  # noqa: S608
    return f'SELECT COUNT(*) AS "n" FROM ({union}) AS "c"', params  # noqa: S608


async def _count_upto(parts: list[_Part], cap: int) -> int:
    statement, params = _count_statement(parts, cap)
    rows = await Ticket._meta.db.execute_query_dict(statement, params)
    return int(rows[0]["n"])


def _walked(part: _Part, after: Q | None, order: list[str], limit: int) -> QuerySet[Ticket]:
    """The part's tickets among the first _WALK of the list (from the cursor), tested
    one by one (SQLite; see _matching). If limit + 1 of them match, they are the
    part's first limit + 1."""
    assert part.test is not None
    window = (part.base.filter(after) if after is not None else part.base).order_by(*order)
    return (
        Ticket.filter(id__in=Subquery(window.limit(_WALK).values("id")))
        .filter(id__in=part.test)
        .order_by(*order)
        .limit(limit + 1)
    )


def _listed(part: _Part, after: Q | None, order: list[str], limit: int) -> QuerySet[Ticket]:
    """The part's first limit + 1 tickets in the list order, from the cursor."""
    rows = part.rows.filter(after) if after is not None else part.rows
    return rows.order_by(*order).limit(limit + 1)


async def _first_keys(
    part: _Part, after: Q | None, order: list[str], limit: int, field: str
) -> list[tuple[int, Any]]:
    """(id, sort key) of the part's first limit + 1 tickets in the list order."""
    if part.test is not None:
        walked = await _walked(part, after, order, limit).values_list("id", field)
        if len(walked) > limit:
            return list(walked)
    return list(await _listed(part, after, order, limit).values_list("id", field))


async def list_statements(
    f: TicketFilter, actor: Actor, *, sort: str = "-updated_at", limit: int = 50
) -> dict[str, tuple[str, list[Any]]]:
    """The SQL (and parameters) list_tickets sends for the first page of `f`, by step,
    to EXPLAIN them (the benchmark prints the search's)."""
    field, descending = SORTS[sort]
    parts = _matching(await _filtered(f, actor), f.q)
    order = [f"-{field}", "-id"] if descending else [field, "id"]
    names = ["page"] if len(parts) == 1 else ["page: number", "page: subjects", "page: messages"]
    statements = {}
    for name, part in zip(names[-len(parts) :], parts, strict=True):
        if part.test is not None:
            walked = _walked(part, None, order, limit).values_list("id", field)
            [sql], params = compiled([walked])
            statements[f"{name}, the first {_WALK:,} of the list"] = sql, params
            name += ", if those do not fill the page"
        [sql], params = compiled([_listed(part, None, order, limit).values_list("id", field)])
        statements[name] = sql, params
    cap = SEARCH_TOTAL_LIMIT if len(parts) > 1 else TOTAL_LIMIT
    statements[f"total (up to {cap:,})"] = _count_statement(parts, cap)
    return statements


def encode_cursor(value: Any, ticket_id: int) -> str:
    raw = json.dumps([value.isoformat() if isinstance(value, datetime) else value, ticket_id])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, field: str) -> tuple[Any, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, ticket_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(ticket_id, int):
            raise ValueError
        if field == "number":
            if not isinstance(value, int):
                raise ValueError
            return value, ticket_id
        return datetime.fromisoformat(value), ticket_id
    except (ValueError, TypeError, json.JSONDecodeError):
        raise Invalid("the cursor is not one this API gave out", {"field": "cursor"}) from None


async def list_tickets(
    f: TicketFilter,
    actor: Actor,
    *,
    sort: str = "-updated_at",
    limit: int = 50,
    cursor: str | None = None,
    with_total: bool = True,
) -> Page:
    """A page of tickets and the cursor of the next one (keyset: fast at any depth),
    with the number of matching tickets counted up to TOTAL_LIMIT (SEARCH_TOTAL_LIMIT
    for a search)."""
    if sort not in SORTS:
        raise Invalid(f"sort must be one of {', '.join(SORTS)}", {"field": "sort"})
    field, descending = SORTS[sort]
    parts = _matching(await _filtered(f, actor), f.q)
    after = None
    if cursor:
        value, last_id = _decode_cursor(cursor, field)
        op = "lt" if descending else "gt"
        # The redundant first bound lets the database walk the (field, id) index from
        # the cursor instead of testing the OR on every row before it.
        tie: dict[str, Any] = {f"id__{op}": last_id}
        after = Q(
            Q(**{f"{field}__{op}e": value}),
            Q(**{f"{field}__{op}": value}) | (Q(**{field: value}) & Q(**tie)),
        )
    order = [f"-{field}", "-id"] if descending else [field, "id"]
    # The related rows come in one query per relation: a seven-table join costs the
    # planner more than the page costs to read.
    if len(parts) == 1:
        rows = list(await _listed(parts[0], after, order, limit).prefetch_related(*RELATED))
        sizes = [len(rows)]
        matched = len(rows)
    else:
        # Each part's first limit + 1 in the list order hold the union's first
        # limit + 1: their keys, read side by side, then the page's tickets.
        found = await asyncio.gather(
            *(_first_keys(part, after, order, limit, field) for part in parts)
        )
        sizes = [len(part_rows) for part_rows in found]
        keys = {ticket_id: key for part_rows in found for ticket_id, key in part_rows}
        matched = len(keys)
        page = sorted(keys, key=lambda i: (keys[i], i), reverse=descending)[: limit + 1]
        by_id = {t.id: t for t in await Ticket.filter(id__in=page).prefetch_related(*RELATED)}
        rows = [by_id[i] for i in page if i in by_id]
    # Without a cursor, parts that found no more than a page each found all they match.
    complete = after is None and max(sizes) <= limit
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(getattr(last, field), last.id)
    total = exact = None
    if with_total:
        cap = SEARCH_TOTAL_LIMIT if len(parts) > 1 else TOTAL_LIMIT
        count = matched if complete else await _count_upto(parts, cap)
        total, exact = min(count, cap), count <= cap
    return Page(rows, next_cursor, total, exact)


async def conversation(
    ticket_id: int, actor: Actor, *, include_notes: bool
) -> tuple[Ticket, list[Message]]:
    ticket = await get_ticket(ticket_id, actor)
    query = Message.filter(ticket_id=ticket.id)
    if not include_notes:
        query = query.exclude(kind=MessageKind.NOTE)
    messages = await query.order_by("created_at", "id").prefetch_related(
        "attachments", "author_agent", "author_customer"
    )
    return ticket, messages


async def history(ticket_id: int, actor: Actor) -> list[TicketEvent]:
    ticket = await get_ticket(ticket_id, actor)
    return await TicketEvent.filter(ticket_id=ticket.id).order_by("created_at", "id")


async def attachment_for(attachment_id: int, actor: Actor) -> Attachment:
    attachment = await Attachment.get_or_none(id=attachment_id).select_related("message")
    if attachment is None:
        raise NotFound(f"attachment {attachment_id} does not exist")
    await get_ticket(attachment.message.ticket_id, actor)  # same scoping as its ticket
    return attachment


def stored_file(attachments_dir: str | Path, attachment: Attachment) -> Path:
    """The stored copy of an attachment; a path leading outside the directory is refused."""
    root = Path(attachments_dir).resolve()
    if not attachment.stored_path or attachment.missing:
        raise NotFound("the file of this attachment is not stored")
    path = (root / attachment.stored_path).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise NotFound("the file of this attachment is not stored")
    return path


async def acting_as(agent_id: int) -> Actor:
    """An admin token acting as the active agent `agent_id` (the API's `as_agent_id`):
    that agent's departments, marked as acting for an admin."""
    agent = await Agent.get_or_none(id=agent_id, active=True)
    if agent is None:
        raise Invalid("no such active agent", {"field": "as_agent_id"})
    actor = await agent_actor(agent)
    return Actor(actor.type, actor.name, actor.id, agent, True, None)


async def with_authors(message: Message) -> Message:
    """`message` with what the API shows of it: its attachments and its author."""
    await message.fetch_related("attachments", "author_agent", "author_customer")
    return message
