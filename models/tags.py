"""Tags on tickets and macros (issue 16, point 6): admin-maintained labels agents put
on tickets, and named sequences of steps (an answer, tags, an assignee, a status)
applied with one button."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from models.directory import Status, Template
    from models.people import Agent
    from models.tickets import Ticket


class Tag(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=32)
    # The name folded (str.casefold): unique, so "Billing" and "billing" are one tag in
    # every alphabet on both databases (no collation needed).
    key = fields.CharField(max_length=32, unique=True)
    color = fields.CharField(max_length=16, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "tag"
        ordering = ("name", "id")


class TicketTag(Model):
    """A tag on a ticket; its own row (not a hidden M2M table) so that lists filter and
    statistics group by it with plain queries."""

    id = fields.IntField(primary_key=True)
    ticket: fields.ForeignKeyRelation[Ticket] = fields.ForeignKeyField(
        "models.Ticket", related_name="tag_links", on_delete=fields.CASCADE
    )
    ticket_id: int
    tag: fields.ForeignKeyRelation[Tag] = fields.ForeignKeyField(
        "models.Tag", related_name="ticket_links", on_delete=fields.CASCADE
    )
    tag_id: int
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "ticket_tag"
        unique_together = (("ticket_id", "tag_id"),)
        # The tag filter and the statistics by tag start from the tag.
        indexes = (("tag_id", "ticket_id"),)


class Macro(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=64)
    key = fields.CharField(max_length=64, unique=True)  # the name folded, as Tag.key
    # The answer sent to the customer (a canned answer, its placeholders filled).
    template: fields.ForeignKeyNullableRelation[Template] = fields.ForeignKeyField(
        "models.Template", related_name="macros", null=True, on_delete=fields.SET_NULL
    )
    template_id: int | None
    status: fields.ForeignKeyNullableRelation[Status] = fields.ForeignKeyField(
        "models.Status", related_name="macros", null=True, on_delete=fields.SET_NULL
    )
    status_id: int | None
    assignee: fields.ForeignKeyNullableRelation[Agent] = fields.ForeignKeyField(
        "models.Agent", related_name="macros", null=True, on_delete=fields.SET_NULL
    )
    assignee_id: int | None
    # Assign the ticket to whoever applies the macro (instead of `assignee`).
    assign_to_me = fields.BooleanField(default=False)
    tags: fields.ManyToManyRelation[Tag] = fields.ManyToManyField(
        "models.Tag", related_name="macros", through="macro_tag"
    )
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "macro"
        ordering = ("name", "id")
