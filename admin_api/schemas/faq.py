"""FAQ articles offered in the new-ticket wizard, and their deflection statistics."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, ClassVar

from pydantic import BaseModel, Field, StringConstraints, model_validator

from admin_api.schemas.common import Id, Input, Name, Output, PageQuery, UtcDatetime

ArticleBody = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=3500)
]


class ArticleIn(Input):
    department_id: Id
    category_id: Id | None = Field(
        None, description="null: offered for every category of the department"
    )
    title_en: Name
    title_ru: Name
    body_en: ArticleBody = Field(description="Plain text (shown escaped), up to 3500 characters")
    body_ru: ArticleBody
    active: bool = True


class ArticlePatch(Input):
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"category_id"})

    department_id: Id | None = None
    category_id: Id | None = None
    title_en: Name | None = None
    title_ru: Name | None = None
    body_en: ArticleBody | None = None
    body_ru: ArticleBody | None = None
    active: bool | None = None


class ArticleOut(Output):
    id: int
    department_id: int
    category_id: int | None
    title_en: str
    title_ru: str
    body_en: str
    body_ru: str
    active: bool
    created_at: datetime
    updated_at: datetime


class ArticleQuery(PageQuery):
    department_id: Id | None = None
    category_id: Id | None = None
    active: bool | None = None


class DeflectionQuery(Input):
    since: UtcDatetime | None = Field(None, description="Deflections at or after this time")
    until: UtcDatetime | None = Field(None, description="Deflections before this time")
    department_id: Id | None = None

    @model_validator(mode="after")
    def _period(self) -> DeflectionQuery:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError("since is after until")
        return self


class DeflectionRow(BaseModel):
    id: int = Field(description="The article's or the department's id")
    name: str = Field(description="The article's English title, or the department's name")
    department_id: int
    deflections: int


class DeflectionStats(BaseModel):
    total: int
    by_article: list[DeflectionRow]
    by_department: list[DeflectionRow]
