"""Configuration the admins maintain: departments, categories, priorities, statuses, SLA."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from models.enums import BreachAction, SettableBy, StatusRole

if TYPE_CHECKING:
    from models.people import Agent


class Department(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=128, unique=True)
    description = fields.TextField(default="")
    visible = fields.BooleanField(default=True)
    # Own staff chat; None means the global STAFF_CHAT_ID / settings one.
    staff_chat_id = fields.BigIntField(null=True)
    order = fields.IntField(default=0)
    active = fields.BooleanField(default=True)
    # Told about its tickets' SLA breaches when a policy says "notify_lead".
    lead: fields.ForeignKeyNullableRelation[Agent] = fields.ForeignKeyField(
        "models.Agent", related_name="leads", null=True, on_delete=fields.SET_NULL
    )
    lead_id: int | None
    # Business hours (bot.services.hours): an IANA time zone, per weekday ("mon".."sun")
    # a list of "09:00-18:00" intervals (a day not listed is closed) and holiday dates
    # ("2027-01-01"). No time zone: open 24/7 and the SLA counts every minute.
    time_zone = fields.CharField(max_length=64, null=True)
    schedule: fields.JSONField[dict[str, list[str]] | None] = fields.JSONField(null=True)
    holidays: fields.JSONField[list[str] | None] = fields.JSONField(null=True)
    # Outside hours a customer who opens a ticket or writes is told when to expect an answer.
    closed_notice = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "department"
        ordering = ("order", "id")


class Category(Model):
    id = fields.IntField(primary_key=True)
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="categories", on_delete=fields.CASCADE
    )
    department_id: int
    name = fields.CharField(max_length=128)
    color = fields.CharField(max_length=16, default="")
    responsible_agent: fields.ForeignKeyNullableRelation[Agent] = fields.ForeignKeyField(
        "models.Agent", related_name="responsible_for", null=True, on_delete=fields.SET_NULL
    )
    responsible_agent_id: int | None
    order = fields.IntField(default=0)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    # What the wizard asks after the description (bot.services.details): a list of
    # {"key", "label": {"en", "ru"}, "kind": "text"|"number"|"screenshot", "pattern",
    # "max_length", "hint": {"en", "ru"}}; NULL or empty: nothing more is asked.
    required_fields: fields.JSONField[list[dict[str, Any]] | None] = fields.JSONField(null=True)

    class Meta:
        table = "category"
        unique_together = (("department", "name"),)
        ordering = ("order", "id")


class Priority(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=64, unique=True)
    level = fields.IntField(unique=True)
    color = fields.CharField(max_length=16, default="")
    # True on exactly the priority new tickets get when none is chosen; NULL elsewhere
    # (NULLs never collide in a unique index, so the database keeps it to one).
    is_default = fields.BooleanField(null=True, unique=True)
    active = fields.BooleanField(default=True)

    class Meta:
        table = "priority"
        ordering = ("level",)


class Status(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=64, unique=True)
    # Per-language names, e.g. {"ru": "Новая"}; `name` is the fallback.
    translations: fields.JSONField[dict[str, str]] = fields.JSONField(default=dict)
    color = fields.CharField(max_length=16, default="")
    settable_by = fields.CharEnumField(SettableBy, default=SettableBy.ALL, max_length=16)
    available = fields.BooleanField(default=True)
    shown_by_default = fields.BooleanField(default=True)
    customer_can_reply = fields.BooleanField(default=True)
    # True on exactly one status, NULL on the others: the unique index holds "one is_new".
    is_new = fields.BooleanField(null=True, unique=True)
    is_final = fields.BooleanField(default=False)
    # The lifecycle meaning the system uses for its own transitions (SPEC §2).
    role = fields.CharEnumField(StatusRole, max_length=16, null=True, unique=True)
    order = fields.IntField(default=0)

    class Meta:
        table = "status"
        ordering = ("order", "id")

    def name_in(self, language: str | None) -> str:
        return self.translations.get(language or "", self.name)


class SlaPolicy(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=128)
    priority: fields.ForeignKeyNullableRelation[Priority] = fields.ForeignKeyField(
        "models.Priority", related_name="sla_policies", null=True, on_delete=fields.CASCADE
    )
    priority_id: int | None
    support_level = fields.CharField(max_length=32, null=True)
    first_response_minutes = fields.IntField()
    resolution_minutes = fields.IntField()
    # Share of the allowed time after which the card turns yellow.
    warning_ratio = fields.FloatField(default=0.8)
    # On a breach, besides the notice (models.enums.BreachAction); `breach_agent` is the
    # lead to tell (else the department's) or the agent the ticket goes to.
    breach_action = fields.CharEnumField(BreachAction, default=BreachAction.NOTHING, max_length=16)
    breach_agent: fields.ForeignKeyNullableRelation[Agent] = fields.ForeignKeyField(
        "models.Agent", related_name="escalations", null=True, on_delete=fields.SET_NULL
    )
    breach_agent_id: int | None
    active = fields.BooleanField(default=True)

    class Meta:
        table = "sla_policy"


class Template(Model):
    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=128)
    shortcut = fields.CharField(max_length=32, db_index=True)
    text = fields.TextField()
    department: fields.ForeignKeyNullableRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="templates", null=True, on_delete=fields.CASCADE
    )
    department_id: int | None
    language = fields.CharField(max_length=8, null=True)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "template"


class Setting(Model):
    """Runtime settings the admin API changes (staff chat, auto-close hours, ...)."""

    key = fields.CharField(max_length=64, primary_key=True)
    value: fields.JSONField[Any] = fields.JSONField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "setting"


class Counter(Model):
    """Named monotonic counters; ticket numbers come from here, never from max()+1."""

    name = fields.CharField(max_length=32, primary_key=True)
    value = fields.BigIntField(default=0)

    class Meta:
        table = "counter"
