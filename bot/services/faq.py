"""FAQ before a ticket: articles per department (and optionally category), offered in
the new-ticket wizard, and the deflections they earn (the customer said one solved it
and opened no ticket).

Matching runs in the database, no external service: PostgreSQL's full-text ranking
(`ts_rank` over a 'simple' tsvector, titles weighted above bodies) and on SQLite the
FTS5 index of migration 14 (`article_fts`, ranked by `bm25`, titles weighted above
bodies). What the customer typed becomes a list of word prefixes (`charg*` finds
"charged" and "charge", `оплат*` finds "оплата" and "оплатить") joined by OR: a crude
stem that works the same in both languages and both databases. Only words of the
text go into the query (letters and digits), so nothing typed is query syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.functions import Count

from bot.clock import CLOCK
from bot.delivery.outbox import transaction
from bot.services import config
from bot.services.directory import get_or_404, invalid_field, page, require_ref, save
from bot.services.errors import Conflict, NotFound
from models import Article, Category, Customer, Deflection, Department

# Articles offered at once, at most.
OFFERED = 3
# Words of a subject that go into the query, at most.
MAX_TERMS = 12
_WORD = re.compile(r"\w+")
# Words too common to say anything about a problem.
_STOP = frozenset(
    {
        *("the", "and", "for", "with", "not", "you", "are", "was", "how", "can", "cant"),
        *("why", "what", "when", "this", "that", "have", "has", "from", "does", "did", "don"),
        *("что", "как", "для", "это", "при", "нет", "или", "уже", "мне", "меня", "мой"),
        *("моя", "все", "всё", "если", "так"),
    }
)


def terms(text: str) -> list[str]:
    """The word prefixes of `text` to look for, in order, without repeats."""
    found: list[str] = []
    for word in _WORD.findall(text.lower()):
        word = word.strip("_")
        if len(word) < 3 or word in _STOP or word.isdigit():
            continue
        stem = word[: max(4, len(word) - 2)]
        if stem not in found:
            found.append(stem)
    return found[:MAX_TERMS]


# -- matching -------------------------------------------------------------------------------


def _where(department_id: int, category_id: int | None, exclude: list[int]) -> tuple[str, list]:
    """Active articles of the department: of the category or of none (for every one)."""
    sql = 'a."active" AND a."department_id" = {}'
    params: list[Any] = [department_id]
    if category_id:
        sql += ' AND (a."category_id" IS NULL OR a."category_id" = {})'
        params.append(category_id)
    else:
        sql += ' AND a."category_id" IS NULL'
    for article_id in exclude:
        sql += ' AND a."id" <> {}'
        params.append(article_id)
    return sql, params


def _numbered(sql: str, postgres: bool) -> str:
    if not postgres:
        return sql.replace("{}", "?")
    count = 0

    def number(_: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"${count}"

    return re.sub(r"\{\}", number, sql)


async def suggest(
    text: str,
    department_id: int,
    category_id: int | None = None,
    *,
    exclude: list[int] | tuple[int, ...] = (),
    limit: int = OFFERED,
) -> list[Article]:
    """The active articles of the department (and category) that best match `text`,
    best first; none when nothing matches."""
    words = terms(text)
    if not words or department_id not in (await config.snapshot()).faq_departments:
        return []
    db = Article._meta.db
    postgres = db.capabilities.dialect == "postgres"
    where, params = _where(department_id, category_id, list(exclude))
    if postgres:
        query = " | ".join(f"{w}:*" for w in words)
        vector = (
            "setweight(to_tsvector('simple', a.\"title_en\" || ' ' || a.\"title_ru\"), 'A') || "
            "setweight(to_tsvector('simple', a.\"body_en\" || ' ' || a.\"body_ru\"), 'B')"
        )
        # `where` and `vector` are ours; every value is a parameter.
        sql = (
            f'SELECT a."id" FROM "article" AS a, to_tsquery(\'simple\', {{}}) AS q '  # noqa: S608
            f"WHERE {where} AND ({vector}) @@ q "
            f'ORDER BY ts_rank({vector}, q) DESC, a."id" LIMIT {{}}'
        )
        params = [query, *params, limit]
    else:
        query = " OR ".join(f'"{w}"*' for w in words)
        sql = (
            'SELECT a."id" FROM "article_fts" '  # noqa: S608
            'JOIN "article" AS a ON a."id" = "article_fts"."rowid" '
            f'WHERE "article_fts" MATCH {{}} AND {where} '
            'ORDER BY bm25("article_fts", 10.0, 10.0, 1.0, 1.0), a."id" LIMIT {}'
        )
        params = [query, *params, limit]
    rows = await db.execute_query_dict(_numbered(sql, postgres), params)
    ids = [row["id"] for row in rows]
    found = {a.id: a for a in await Article.filter(id__in=ids)}
    return [found[i] for i in ids if i in found]


async def for_category(
    department_id: int,
    category_id: int,
    category_name: str,
    *,
    exclude: list[int] | tuple[int, ...] = (),
) -> list[Article]:
    """What is offered when the category is chosen: the active articles filed under it
    (oldest first), then the department's that best match the category's name."""
    if department_id not in (await config.snapshot()).faq_departments:
        return []  # (the configuration, read anyway, says whether it has any)
    own = (
        await Article.filter(department_id=department_id, category_id=category_id, active=True)
        .exclude(id__in=list(exclude) or [0])
        .order_by("id")
        .limit(OFFERED)
    )
    if len(own) == OFFERED:
        return own
    more = await suggest(
        category_name,
        department_id,
        category_id,
        exclude=[*exclude, *(a.id for a in own)],
        limit=OFFERED - len(own),
    )
    return [*own, *more]


async def offered(article_ids: list[int], department_id: int) -> list[Article]:
    """The articles still active and of the department, in the given order (a screen
    shown again after an admin switched one off no longer offers it)."""
    found = {
        a.id: a
        for a in await Article.filter(id__in=article_ids, department_id=department_id, active=True)
    }
    return [found[i] for i in article_ids if i in found]


async def deflect(article_id: int, department_id: int, customer: Customer) -> Deflection:
    """The customer said the article solved it: counted once per press of Yes."""
    article = await Article.get_or_none(id=article_id, department_id=department_id, active=True)
    if article is None:
        raise NotFound("this article is not available")
    return await Deflection.create(
        article_id=article.id,
        customer_id=customer.id,
        department_id=department_id,
        created_at=CLOCK.now(),
    )


# -- the admin's side ------------------------------------------------------------------------


async def list_articles(
    limit: int,
    offset: int,
    *,
    department_id: int | None = None,
    category_id: int | None = None,
    active: bool | None = None,
) -> tuple[list[Article], int]:
    query = Article.all().order_by("department_id", "id")
    if department_id is not None:
        query = query.filter(department_id=department_id)
    if category_id is not None:
        query = query.filter(category_id=category_id)
    if active is not None:
        query = query.filter(active=active)
    return await page(query, limit, offset)


async def get_article(article_id: int) -> Article:
    return await get_or_404(Article, article_id, "article")


async def _check_refs(department_id: int, category_id: int | None) -> None:
    await require_ref(Department, department_id, "department_id", "department")
    category = await require_ref(Category, category_id, "category_id", "category")
    if category is not None and category.department_id != department_id:
        raise invalid_field(
            "category_id",
            f"category {category_id} does not belong to department {department_id}",
            "not_in_department",
        )


async def create_article(**fields: Any) -> Article:
    await _check_refs(fields["department_id"], fields.get("category_id"))
    return await save(Article(**fields), "article")


async def update_article(article_id: int, **fields: Any) -> Article:
    article = await get_article(article_id)
    if "department_id" in fields or "category_id" in fields:
        await _check_refs(
            fields.get("department_id", article.department_id),
            fields.get("category_id", article.category_id),
        )
    article.update_from_dict(fields)
    return await save(article, "article")


async def delete_article(article_id: int) -> None:
    async with transaction():
        article = await get_article(article_id)
        if await Deflection.filter(article_id=article_id).exists():
            # Deleting would take its deflections out of the statistics.
            raise Conflict("the article has deflections; deactivate it instead (active=false)")
        await article.delete()


# -- statistics -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeflectionRow:
    id: int
    name: str
    department_id: int
    deflections: int


@dataclass(frozen=True, slots=True)
class DeflectionStats:
    total: int
    by_article: list[DeflectionRow]
    by_department: list[DeflectionRow]


async def deflection_stats(
    since: datetime | None = None,
    until: datetime | None = None,
    *,
    department_id: int | None = None,
    departments: frozenset[int] | None = None,
) -> DeflectionStats:
    """Deflections in [since, until), per article and per department, most first.
    `departments`: the caller's scope (None: every department)."""
    query = Deflection.all()
    if since is not None:
        query = query.filter(created_at__gte=since)
    if until is not None:
        query = query.filter(created_at__lt=until)
    if department_id is not None:
        query = query.filter(department_id=department_id)
    if departments is not None:
        query = query.filter(department_id__in=list(departments) or [0])
    per_article = (
        await query.annotate(n=Count("id"))
        .group_by("article_id", "department_id")
        .values("article_id", "department_id", "n")
    )
    titles = dict(
        await Article.filter(id__in=[r["article_id"] for r in per_article] or [0]).values_list(
            "id", "title_en"
        )
    )
    names = dict(await Department.all().values_list("id", "name"))
    by_article = sorted(
        (
            DeflectionRow(
                r["article_id"], titles.get(r["article_id"], ""), r["department_id"], r["n"]
            )
            for r in per_article
        ),
        key=lambda row: (-row.deflections, row.id),
    )
    per_department: dict[int, int] = {}
    for row in by_article:
        per_department[row.department_id] = (
            per_department.get(row.department_id, 0) + row.deflections
        )
    by_department = sorted(
        (DeflectionRow(d, names.get(d, ""), d, n) for d, n in per_department.items()),
        key=lambda row: (-row.deflections, row.id),
    )
    return DeflectionStats(
        total=sum(per_department.values()), by_article=by_article, by_department=by_department
    )
