"""Building blocks shared by the resources' schemas."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)

T = TypeVar("T")

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
ShortText = Annotated[str, StringConstraints(max_length=255)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
Color = Annotated[str, StringConstraints(strip_whitespace=True, max_length=16)]
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
TelegramId = Annotated[int, Field(ge=-(2**52), le=2**52)]


def _assume_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# A moment without an offset is read as UTC (the API speaks UTC throughout).
UtcDatetime = Annotated[datetime, AfterValidator(_assume_utc)]


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
