"""Departments, categories, priorities, statuses, SLA policies, templates."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, Field, StringConstraints, field_validator, model_validator

from admin_api.schemas.common import (
    Color,
    Id,
    Input,
    LongText,
    Name,
    Output,
    PageQuery,
    TelegramId,
)
from bot.services.details import nested_repetition
from models.enums import BreachAction, SettableBy, StatusRole

Order = Annotated[int, Field(ge=-10_000, le=10_000)]
ShortName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Language = Literal["en", "ru"]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")]
SupportLevel = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
Search = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
TimeZone = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64),
    Field(description="IANA name, e.g. Europe/Berlin; null: open 24/7"),
]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Interval = Annotated[str, StringConstraints(strip_whitespace=True, max_length=11)]
Schedule = Annotated[
    dict[Weekday, Annotated[list[Interval], Field(max_length=12)]],
    Field(
        description='Per weekday the working intervals, e.g. {"mon": ["09:00-13:00", '
        '"14:00-18:00"]}; a weekday left out is closed; "24:00" ends a day; across '
        "midnight: two intervals. Needs time_zone."
    ),
]
Holidays = Annotated[
    list[Annotated[str, StringConstraints(max_length=10)]],
    Field(max_length=400, description='Closed dates, e.g. ["2027-01-01"]'),
]


class DepartmentIn(Input):
    name: Name
    description: LongText = ""
    visible: bool = True
    staff_chat_id: TelegramId | None = Field(
        None, description="Own staff chat; null: the global one"
    )
    order: int = Field(0, ge=-10_000, le=10_000)
    active: bool = True
    lead_id: Id | None = Field(
        None, description="Agent told of breaches by policies with breach_action notify_lead"
    )
    time_zone: TimeZone | None = None
    schedule: Schedule | None = None
    holidays: Holidays | None = None
    closed_notice: bool = Field(
        True, description="Outside hours, tell a customer who writes when the desk opens"
    )


class DepartmentPatch(Input):
    NULLABLE: ClassVar[frozenset[str]] = frozenset(
        {"staff_chat_id", "lead_id", "time_zone", "schedule", "holidays"}
    )

    name: Name | None = None
    description: LongText | None = None
    visible: bool | None = None
    staff_chat_id: TelegramId | None = None
    order: int | None = Field(None, ge=-10_000, le=10_000)
    active: bool | None = None
    lead_id: Id | None = None
    time_zone: TimeZone | None = None
    schedule: Schedule | None = None
    holidays: Holidays | None = None
    closed_notice: bool | None = None


class DepartmentOut(Output):
    id: int
    name: str
    description: str
    visible: bool
    staff_chat_id: int | None
    order: int
    active: bool
    lead_id: int | None
    time_zone: str | None
    schedule: dict[str, list[str]] | None
    holidays: list[str] | None
    closed_notice: bool
    created_at: datetime
    updated_at: datetime


class DepartmentQuery(PageQuery):
    active: bool | None = None
    visible: bool | None = None


# -- categories ---------------------------------------------------------------------------


FieldKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
FieldLabel = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
FieldHint = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]


class FieldLabels(Input):
    en: FieldLabel
    ru: FieldLabel


class FieldHints(Input):
    en: FieldHint = ""
    ru: FieldHint = ""


class RequiredField(Input):
    """A detail the new-ticket wizard asks for tickets of the category, after the
    description, until the answer is acceptable."""

    key: FieldKey = Field(description="Unique in the category, e.g. contract_number")
    label: FieldLabels = Field(description="What the customer is asked for, per language")
    kind: Literal["text", "number", "screenshot"] = Field(
        "text", description="screenshot: at least one photo or document attached"
    )
    pattern: str | None = Field(
        None,
        max_length=300,
        description="text only: a regular expression the whole answer must match",
    )
    max_length: int = Field(200, ge=1, le=1000, description="text: the longest answer")
    hint: FieldHints | None = Field(None, description="Shown when the pattern does not match")

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value:
            try:
                re.compile(value)
            except re.error as error:
                raise ValueError(f"not a valid regular expression: {error}") from None
            if nested_repetition(value):
                raise ValueError(
                    "a repetition inside a repetition (like (a+)+) can make matching take "
                    "minutes; write it without nesting"
                )
        return value or None

    @model_validator(mode="after")
    def _pattern_for_text(self) -> RequiredField:
        if self.pattern and self.kind != "text":
            raise ValueError("a pattern is for text fields only")
        return self


def _unique_keys(value: list[RequiredField] | None) -> list[RequiredField] | None:
    keys = [f.key for f in value or []]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValueError(f"duplicate keys: {', '.join(duplicates)}")
    return value


RequiredFields = Annotated[
    list[RequiredField],
    Field(max_length=10, description="Asked in the wizard after the description, in order"),
]


class RequiredFieldOut(BaseModel):
    key: str
    label: dict[str, str]
    kind: str
    pattern: str | None = None
    max_length: int = 200
    hint: dict[str, str] | None = None


class CategoryIn(Input):
    name: Name
    department_id: Id
    responsible_agent_id: Id | None = Field(
        None, description="New tickets of the category are assigned to this agent"
    )
    color: Color = Field("", description="Emoji or #hex shown on cards")
    order: Order = 0
    active: bool = True
    required_fields: RequiredFields = Field(default_factory=list)

    @field_validator("required_fields")
    @classmethod
    def _keys(cls, value: list[RequiredField] | None) -> list[RequiredField] | None:
        return _unique_keys(value)


class CategoryPatch(Input):
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"responsible_agent_id"})

    name: Name | None = None
    department_id: Id | None = None
    responsible_agent_id: Id | None = None
    color: Color | None = None
    order: Order | None = None
    active: bool | None = None
    required_fields: RequiredFields | None = None

    @field_validator("required_fields")
    @classmethod
    def _keys(cls, value: list[RequiredField] | None) -> list[RequiredField] | None:
        return _unique_keys(value)


class CategoryOut(Output):
    id: int
    name: str
    department_id: int
    responsible_agent_id: int | None
    color: str
    order: int
    active: bool
    created_at: datetime
    required_fields: list[RequiredFieldOut]

    @field_validator("required_fields", mode="before")
    @classmethod
    def _stored_list(cls, value: Any) -> Any:
        return value or []


class CategoryQuery(PageQuery):
    department_id: Id | None = None
    active: bool | None = None


# -- priorities ---------------------------------------------------------------------------


Level = Annotated[int, Field(ge=0, le=1000, description="OTRS: low 2, normal 3, high 4, urgent 5")]


class PriorityIn(Input):
    name: ShortName
    level: Level
    color: Color = ""
    is_default: bool = Field(False, description="true moves the default from the current one")
    active: bool = True


class PriorityPatch(Input):
    name: ShortName | None = None
    level: Level | None = None
    color: Color | None = None
    is_default: bool | None = None
    active: bool | None = None


class PriorityOut(Output):
    id: int
    name: str
    level: int
    color: str
    is_default: bool
    active: bool

    @field_validator("is_default", mode="before")
    @classmethod
    def _stored_flag(cls, value: bool | None) -> bool:
        # Stored as True or NULL (the unique index keeps one default); exposed as a bool.
        return bool(value)


class PriorityQuery(PageQuery):
    active: bool | None = None


# -- statuses -----------------------------------------------------------------------------


Translations = Annotated[
    dict[LanguageCode, ShortName],
    Field(max_length=20, description='Name per language, e.g. {"ru": "Новая"}'),
]


class StatusIn(Input):
    name: ShortName
    translations: Translations = Field(default_factory=dict)
    color: Color = ""
    settable_by: SettableBy = SettableBy.ALL
    available: bool = True
    shown_by_default: bool = True
    customer_can_reply: bool = True
    is_new: bool = Field(False, description="Given to new tickets; moves from the current one")
    is_final: bool = False
    order: Order = 0


class StatusPatch(Input):
    name: ShortName | None = None
    translations: Translations | None = None
    color: Color | None = None
    settable_by: SettableBy | None = None
    available: bool | None = None
    shown_by_default: bool | None = None
    customer_can_reply: bool | None = None
    is_new: bool | None = None
    is_final: bool | None = None
    order: Order | None = None


class StatusOut(Output):
    id: int
    name: str
    translations: dict[str, str]
    color: str
    settable_by: SettableBy
    available: bool
    shown_by_default: bool
    customer_can_reply: bool
    is_new: bool
    is_final: bool
    role: StatusRole | None = Field(
        description="Lifecycle meaning the system relies on (read-only)"
    )
    order: int

    @field_validator("is_new", mode="before")
    @classmethod
    def _stored_flag(cls, value: bool | None) -> bool:
        # True on exactly one status, NULL on the others.
        return bool(value)


class StatusQuery(PageQuery):
    available: bool | None = None
    is_final: bool | None = None


# -- SLA policies -------------------------------------------------------------------------


Minutes = Annotated[int, Field(ge=1, le=525_600, description="1 minute .. 1 year")]
WarningRatio = Annotated[
    float, Field(ge=0.1, le=0.99, description="Share of the allowed time before the warning")
]


class SlaPolicyIn(Input):
    name: Name
    priority_id: Id | None = Field(None, description="null: any priority")
    support_level: SupportLevel | None = Field(None, description="null: any support level")
    first_response_minutes: Minutes
    resolution_minutes: Minutes = Field(description="Not shorter than first_response_minutes")
    warning_ratio: WarningRatio = 0.8
    breach_action: BreachAction = Field(
        BreachAction.NOTHING,
        description="On a breach, besides the notice: nothing, notify_lead (breach_agent_id, "
        "else the department's lead), reassign (to breach_agent_id), unassign (to the queue)",
    )
    breach_agent_id: Id | None = None
    active: bool = True


class SlaPolicyPatch(Input):
    NULLABLE: ClassVar[frozenset[str]] = frozenset(
        {"priority_id", "support_level", "breach_agent_id"}
    )

    name: Name | None = None
    priority_id: Id | None = None
    support_level: SupportLevel | None = None
    first_response_minutes: Minutes | None = None
    resolution_minutes: Minutes | None = None
    warning_ratio: WarningRatio | None = None
    breach_action: BreachAction | None = None
    breach_agent_id: Id | None = None
    active: bool | None = None


class SlaPolicyOut(Output):
    id: int
    name: str
    priority_id: int | None
    support_level: str | None
    first_response_minutes: int
    resolution_minutes: int
    warning_ratio: float
    breach_action: BreachAction
    breach_agent_id: int | None
    active: bool


class SlaPolicyQuery(PageQuery):
    priority_id: Id | None = None
    support_level: SupportLevel | None = None
    active: bool | None = None


# -- templates ----------------------------------------------------------------------------


Shortcut = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9_-]{1,32}$"),
    Field(description="Used as /t <shortcut>"),
]
TemplateText = Annotated[str, StringConstraints(min_length=1, max_length=4000)]


class TemplateIn(Input):
    title: Name
    shortcut: Shortcut
    text: TemplateText
    department_id: Id | None = Field(None, description="null: every department")
    language: Language | None = Field(None, description="null: any language")
    active: bool = True


class TemplatePatch(Input):
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"department_id", "language"})

    title: Name | None = None
    shortcut: Shortcut | None = None
    text: TemplateText | None = None
    department_id: Id | None = None
    language: Language | None = None
    active: bool | None = None


class TemplateOut(Output):
    id: int
    title: str
    shortcut: str
    text: str
    department_id: int | None
    language: str | None
    active: bool
    created_at: datetime


class TemplateQuery(PageQuery):
    department_id: Id | None = None
    language: Language | None = None
    q: Search | None = Field(None, description="Search in title and shortcut")
    active: bool | None = None
