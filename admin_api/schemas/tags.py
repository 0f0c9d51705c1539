"""Tags, macros, a ticket's tags and the statistics per tag."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, ClassVar

from pydantic import Field, StringConstraints

from admin_api.schemas.common import Color, Id, Input, Output, PageQuery
from admin_api.schemas.tickets import TagRef, TicketOut

TagName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^#?[^\W][\w-]{0,31}$"),
    Field(description="One word: letters of any alphabet, digits, _ or - (at most 32)"),
]
MacroName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class TagIn(Input):
    name: TagName = Field(description="Unique, letter case ignored; one word")
    color: Color = Field("", description="Emoji or #hex shown before the tag on cards")


class TagPatch(Input):
    name: TagName | None = None
    color: Color | None = None


class TagOut(Output):
    id: int
    name: str
    color: str
    created_at: datetime


class TagQuery(PageQuery):
    q: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)] | None
    ) = Field(None, description="A part of the name, letter case ignored")


class TicketTagsIn(Input):
    tags: list[TagName] = Field(
        max_length=20, description="Tag names (letter case ignored); unknown names are 422"
    )


class TicketTagsOut(Output):
    ticket_id: int
    tags: list[TagRef]


# -- macros --------------------------------------------------------------------------------


class MacroIn(Input):
    name: MacroName = Field(description="Unique, letter case ignored; /macro <name>")
    template_id: Id | None = Field(
        None, description="A canned answer sent to the customer (placeholders filled)"
    )
    status_id: Id | None = Field(None, description="A status agents may set, set last")
    tag_ids: list[Id] = Field(default_factory=list, max_length=20, description="Tags to add")
    assignee_id: Id | None = Field(None, description="Assign the ticket to this agent")
    assign_to_me: bool = Field(False, description="Assign it to whoever applies the macro")
    active: bool = True


class MacroPatch(Input):
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"template_id", "status_id", "assignee_id"})

    name: MacroName | None = None
    template_id: Id | None = None
    status_id: Id | None = None
    tag_ids: list[Id] | None = Field(None, max_length=20)
    assignee_id: Id | None = None
    assign_to_me: bool | None = None
    active: bool | None = None


class MacroOut(Output):
    id: int
    name: str
    template_id: int | None
    status_id: int | None
    tag_ids: list[int]
    assignee_id: int | None
    assign_to_me: bool
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, macro: Any) -> MacroOut:
        """`macro` with its tags fetched."""
        return cls(
            id=macro.id,
            name=macro.name,
            template_id=macro.template_id,
            status_id=macro.status_id,
            tag_ids=sorted(t.id for t in macro.tags),
            assignee_id=macro.assignee_id,
            assign_to_me=macro.assign_to_me,
            active=macro.active,
            created_at=macro.created_at,
        )


class MacroQuery(PageQuery):
    active: bool | None = None


class MacroApplied(Output):
    macro_id: int
    steps: list[str] = Field(description="What was done, in order: assign, tags, reply, status")
    ticket: TicketOut = Field(description="The ticket as it now is")


# -- statistics ----------------------------------------------------------------------------


class TagStatsRow(Output):
    tag: TagRef
    opened: int = Field(description="Tickets created in the period that carry the tag")
    solved: int = Field(description="Of them, resolved or closed")
    first_response_count: int
    first_response_average: float | None = Field(
        description="Average seconds to the first answer; alerts left out; null: none"
    )
    csat_average: float | None = Field(description="Average rating (1-5); null: none")
    csat_count: int


class TagStats(Output):
    rows: list[TagStatsRow]
