"""Tags on tickets (issue 16, point 6): the admins' list of tags (API, console), agents
putting them on tickets and taking them off (the card's 🏷 Tags menu, /tag, /untag, the
API), the ticket lists' filter by tag and the statistics per tag.

Agents do not create tags on the fly: a typo would become a tag of its own and split the
statistics. A name nobody created is answered with the tags there are."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.exceptions import IntegrityError

from bot.delivery.outbox import transaction
from bot.i18n import speaking
from bot.services import config, staff_thread, tickets
from bot.services.directory import get_or_404, page, save
from bot.services.errors import Conflict, Invalid, NotFound
from bot.services.stats import StatsFilter
from bot.services.tickets import Actor, tags_of
from bot.ui import staff as staff_ui
from models import Tag, Ticket, TicketTag
from models.enums import TicketSource

# A tag is one word (letters of any alphabet, digits, _ and -): `/tag billing urgent`
# puts on two.
NAME = re.compile(r"^[^\W][\w-]{0,31}$")
NAME_RULE = "a tag's name is one word of at most 32 letters, digits, _ or -"
TICKET_TAG_LIMIT = 20


def key_of(name: str) -> str:
    return name.strip().lstrip("#").casefold()


def check_name(name: str) -> str:
    name = name.strip().lstrip("#")
    if not NAME.match(name):
        raise Invalid(NAME_RULE, [{"loc": ["name"], "msg": NAME_RULE, "type": "tag_name"}])
    return name


# -- the admins' list ----------------------------------------------------------------------


async def list_tags(limit: int, offset: int, *, q: str | None = None) -> tuple[list[Tag], int]:
    query = Tag.all().order_by("key", "id")
    if q:
        query = query.filter(key__contains=key_of(q))
    return await page(query, limit, offset)


async def all_tags() -> list[Tag]:
    """Every tag by name, letter case ignored (from the configuration's snapshot)."""
    return list((await config.snapshot()).tags)


async def get_tag(tag_id: int) -> Tag:
    return await get_or_404(Tag, tag_id, "tag")


async def _unique(key: str, exclude_id: int | None = None) -> None:
    query = Tag.filter(key=key)
    if exclude_id is not None:
        query = query.exclude(id=exclude_id)
    if await query.exists():
        raise Conflict("a tag with this name already exists", {"field": "name"})


async def create_tag(*, name: str, color: str = "") -> Tag:
    name = check_name(name)
    await _unique(key_of(name))
    return await save(Tag(name=name, key=key_of(name), color=color), "tag")


async def update_tag(tag_id: int, **fields: Any) -> Tag:
    tag = await get_tag(tag_id)
    if "name" in fields:
        fields["name"] = check_name(fields["name"])
        fields["key"] = key_of(fields["name"])
        await _unique(fields["key"], exclude_id=tag_id)
    tag.update_from_dict(fields)
    return await save(tag, "tag")


async def delete_tag(tag_id: int) -> None:
    """Takes the tag off every ticket (and out of the macros) too."""
    tag = await get_tag(tag_id)
    await tag.delete()


async def by_names(names: Iterable[str]) -> list[Tag]:
    """The tags named (letter case ignored, a leading # allowed), in the order given;
    NotFound naming the unknown ones."""
    wanted = list(dict.fromkeys(key_of(n) for n in names if key_of(n)))
    if not wanted:
        raise Invalid("name at least one tag", {"field": "tags"})
    found = {t.key: t for t in await Tag.filter(key__in=wanted)}
    unknown = [k for k in wanted if k not in found]
    if unknown:
        raise UnknownTags(unknown)
    return [found[k] for k in wanted]


class UnknownTags(Invalid):
    code = "unknown_tag"

    def __init__(self, names: list[str]) -> None:
        super().__init__(
            f"no such tag: {', '.join(names)}", [{"loc": ["tags"], "msg": "unknown tag"}]
        )
        self.names = names


async def by_ids(tag_ids: Iterable[int], field: str = "tag_ids") -> list[Tag]:
    wanted = list(dict.fromkeys(tag_ids))
    found = {t.id: t for t in await Tag.filter(id__in=wanted)}
    unknown = [i for i in wanted if i not in found]
    if unknown:
        message = f"no such tag: {', '.join(map(str, unknown))}"
        raise Invalid(message, [{"loc": [field], "msg": message, "type": "unknown_reference"}])
    return [found[i] for i in wanted]


# -- a ticket's tags -----------------------------------------------------------------------


async def attach(rows: Sequence[Ticket]) -> Sequence[Ticket]:
    """Sets `ticket.tags` (a list of Tag) on each ticket, for the API's TicketOut."""
    known = await tags_of([t.id for t in rows])
    for ticket in rows:
        ticket.tags = known[ticket.id]
    return rows


@dataclass(frozen=True, slots=True)
class Changed:
    ticket: Ticket
    added: list[Tag]
    removed: list[Tag]
    tags: list[Tag]  # the ticket's tags now


async def change(
    ticket_id: int,
    actor: Actor,
    *,
    add: Sequence[Tag] = (),
    remove: Sequence[Tag] = (),
    replace: Sequence[Tag] | None = None,
) -> Changed:
    """Puts `add` on the ticket and takes `remove` off (or makes its tags `replace`):
    an event per change, the card edited. Tags it has already (or lacks) are no change."""
    async with transaction():
        ticket = await tickets.held_ticket(ticket_id, actor)
        current = {t.id: t for t in (await tags_of([ticket.id]))[ticket.id]}
        if replace is not None:
            wanted = {t.id: t for t in replace}
            add = [t for i, t in wanted.items() if i not in current]
            remove = [t for i, t in current.items() if i not in wanted]
        added = [t for t in dict((t.id, t) for t in add).values() if t.id not in current]
        removed = [t for t in dict((t.id, t) for t in remove).values() if t.id in current]
        if len(current) + len(added) - len(removed) > TICKET_TAG_LIMIT:
            raise Invalid(f"a ticket has at most {TICKET_TAG_LIMIT} tags", {"field": "tags"})
        if added:
            try:
                await TicketTag.bulk_create([TicketTag(ticket_id=ticket.id, tag=t) for t in added])
            except IntegrityError:
                raise Conflict("the ticket's tags changed meanwhile; try again") from None
            await tickets.record(ticket, "tagged", actor, tags=[t.name for t in added])
        if removed:
            await TicketTag.filter(ticket_id=ticket.id, tag_id__in=[t.id for t in removed]).delete()
            await tickets.record(ticket, "untagged", actor, tags=[t.name for t in removed])
        if added or removed:
            await Ticket.filter(id=ticket.id).update(updated_at=tickets.now())
            await tickets.refresh_card(ticket)
        now = (await tags_of([ticket.id]))[ticket.id]
    return Changed(ticket, added, removed, now)


async def toggle(ticket_id: int, tag_id: int, actor: Actor) -> Changed:
    """The card's menu: the tag goes on, or off when the ticket has it."""
    tag = await Tag.get_or_none(id=tag_id)
    if tag is None:
        raise NotFound("no such tag")
    async with transaction():
        # Under the ticket's lock: of two agents toggling at once, the second undoes
        # the first rather than repeating it.
        await tickets.held_ticket(ticket_id, actor)
        has = await TicketTag.filter(ticket_id=ticket_id, tag_id=tag_id).exists()
        return await change(ticket_id, actor, **({"remove": [tag]} if has else {"add": [tag]}))


async def in_thread(ticket: Ticket, changed: Changed, by: str) -> None:
    """Tells the ticket's thread which tags went on and off (if any did)."""
    if not (changed.added or changed.removed):
        return
    with speaking(None):
        notice = staff_ui.tags_changed(
            [t.name for t in changed.added], [t.name for t in changed.removed], by
        )
    await staff_thread.in_thread(ticket, notice)


# -- the statistics per tag ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TagFigures:
    tag: Tag
    opened: int  # tickets created in the period with the tag
    solved: int  # of them resolved or closed
    first_response_count: int
    first_response_average: float | None  # seconds, alerts left out
    csat_average: float | None
    csat_count: int


async def stats_by_tag(flt: StatsFilter) -> list[TagFigures]:
    """Per tag, the tickets created in the filter's period that carry it now: how many,
    how many were solved, their average first response (seconds; alerts left out, as in
    the other reports) and average rating. Every tag is listed, unused ones with zeros."""
    rows = await TicketTag.filter(flt.ticket_q("ticket__")).values(
        "tag_id",
        "ticket__created_at",
        "ticket__first_response_at",
        "ticket__resolved_at",
        "ticket__closed_at",
        "ticket__csat",
        "ticket__source",
    )
    sums: dict[int, dict[str, Any]] = {}
    for row in rows:
        s = sums.setdefault(row["tag_id"], {"opened": 0, "solved": 0, "fr": [], "csat": []})
        s["opened"] += 1
        if row["ticket__resolved_at"] is not None or row["ticket__closed_at"] is not None:
            s["solved"] += 1
        first: datetime | None = row["ticket__first_response_at"]
        if first is not None and row["ticket__source"] != TicketSource.ALERT:
            s["fr"].append((first - row["ticket__created_at"]).total_seconds())
        if row["ticket__csat"] is not None:
            s["csat"].append(row["ticket__csat"])
    result = []
    for tag in await all_tags():
        s = sums.get(tag.id, {"opened": 0, "solved": 0, "fr": [], "csat": []})
        result.append(
            TagFigures(
                tag=tag,
                opened=s["opened"],
                solved=s["solved"],
                first_response_count=len(s["fr"]),
                first_response_average=round(sum(s["fr"]) / len(s["fr"]), 3) if s["fr"] else None,
                csat_average=round(sum(s["csat"]) / len(s["csat"]), 2) if s["csat"] else None,
                csat_count=len(s["csat"]),
            )
        )
    return result
