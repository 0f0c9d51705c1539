"""Building blocks shared by the resources' schemas."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

T = TypeVar("T")

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
Color = Annotated[str, StringConstraints(strip_whitespace=True, max_length=16)]
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
TelegramId = Annotated[int, Field(ge=-(2**52), le=2**52)]


def _iso_only(value: object) -> object:
    # pydantic would read "0" or 13 as Unix timestamps; the document says ISO 8601.
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError("must be an ISO 8601 date-time string")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z") from None


def _as_utc(value: datetime) -> datetime:
    # Converting the extremes (year 1 or 9999 with an offset) overflows: bad input.
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("the time is out of range") from None


# ISO 8601 only; a moment without an offset is read as UTC (the API speaks UTC).
UtcDatetime = Annotated[datetime, BeforeValidator(_iso_only), AfterValidator(_as_utc)]


class Input(BaseModel):
    """Request bodies and queries: unknown fields are an error, not silently dropped.
    (The registry refuses NUL characters before these models see the input.)"""

    model_config = ConfigDict(extra="forbid")


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class PageQuery(Input):
    limit: int = Field(50, ge=1, le=200, description="Items per page")
    offset: int = Field(0, ge=0, le=1_000_000, description="Items to skip")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class Deleted(BaseModel):
    deleted: bool = True
    id: int
