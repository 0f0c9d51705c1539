"""FAQ articles offered in the new-ticket wizard before a ticket is opened, and the
deflections they earned (a customer said an article solved it and opened no ticket)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from models.directory import Category, Department
    from models.people import Customer


class Article(Model):
    id = fields.IntField(primary_key=True)
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="articles", on_delete=fields.CASCADE
    )
    department_id: int
    # None: offered for every category of the department (and for "no category").
    category: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="articles", null=True, on_delete=fields.SET_NULL
    )
    category_id: int | None
    title_en = fields.CharField(max_length=128)
    title_ru = fields.CharField(max_length=128)
    body_en = fields.TextField()
    body_ru = fields.TextField()
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "article"
        indexes = (("department_id", "active"),)

    def title_in(self, language: str | None) -> str:
        return self.title_ru if language == "ru" else self.title_en

    def body_in(self, language: str | None) -> str:
        return self.body_ru if language == "ru" else self.body_en


class Deflection(Model):
    """An article that solved the customer's problem in the wizard: no ticket opened."""

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "models.Article", related_name="deflections", on_delete=fields.CASCADE
    )
    article_id: int
    customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="deflections", null=True, on_delete=fields.SET_NULL
    )
    customer_id: int | None
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="deflections", on_delete=fields.CASCADE
    )
    department_id: int
    created_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "deflection"
