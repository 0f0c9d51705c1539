"""FAQ articles (CRUD) and the deflections they earned."""

from __future__ import annotations

from admin_api.registry import READ_ROLES, Call, Registry
from admin_api.schemas.faq import (
    ArticleIn,
    ArticleOut,
    ArticlePatch,
    ArticleQuery,
    DeflectionQuery,
    DeflectionRow,
    DeflectionStats,
)
from admin_api.views.crud import Resource, Summaries, register_crud
from bot.services import faq, tokens

ARTICLES = Resource(
    path="/articles",
    id_param="article_id",
    tag="faq",
    summaries=Summaries.of(
        "FAQ articles",
        "a FAQ article",
        delete="Delete a FAQ article without deflections",
    ),
    query=ArticleQuery,
    create_body=ArticleIn,
    patch_body=ArticlePatch,
    out=ArticleOut,
    list_items=faq.list_articles,
    get_item=faq.get_article,
    create_item=faq.create_article,
    update_item=faq.update_article,
    delete_item=faq.delete_article,
    conflicts=("delete",),
)


def register(api: Registry) -> None:
    register_crud(api, ARTICLES)

    @api.route(
        "GET",
        "/stats/deflections",
        summary="Tickets the FAQ saved: deflections per article and per department",
        tag="stats",
        roles=READ_ROLES,
        scope="only deflections in their agent's departments count.",
        query=DeflectionQuery,
        response=DeflectionStats,
    )
    async def deflections(call: Call) -> DeflectionStats:
        q: DeflectionQuery = call.query
        result = await faq.deflection_stats(
            q.since,
            q.until,
            department_id=q.department_id,
            departments=await tokens.department_scope(call.principal),
        )
        return DeflectionStats(
            total=result.total,
            by_article=[
                DeflectionRow.model_validate(r, from_attributes=True) for r in result.by_article
            ],
            by_department=[
                DeflectionRow.model_validate(r, from_attributes=True) for r in result.by_department
            ],
        )
