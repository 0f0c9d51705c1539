"""The console's FAQ articles section, a category's required fields as JSON, and the
dashboard's deflection total."""

from __future__ import annotations

import json
import re

import pytest

from bot.clock import CLOCK
from models import Article, Category, Deflection
from tests.factories import make_desk


@pytest.fixture
async def desk(db):
    return await make_desk()


def _error(text: str, name: str) -> str:
    found = re.search(rf'id="f-{name}-error"[^>]*>([^<]*)<', text)
    assert found, f"no error shown for {name}"
    return found.group(1)


async def test_articles_section_creates_and_checks(admin, desk):
    status, text = await admin.get("/console/config/articles")
    assert status == 200 and "FAQ articles" in text
    form = {
        "department_id": str(desk.tech.id),
        "category_id": str(desk.invoices.id),  # a Billing category
        "title_en": "Refunds",
        "title_ru": "Возвраты",
        "body_en": "Press <Refund>.",
        "body_ru": "Нажмите «Возврат».",
        "active": "on",
    }
    status, text = await admin.post("/console/config/articles", form)
    assert status == 422 and "does not belong" in text
    assert await Article.all().count() == 0
    status, text = await admin.post(
        "/console/config/articles", {**form, "department_id": str(desk.billing.id)}
    )
    assert status == 200 and 'data-done="created"' in text
    article = await Article.get()
    assert article.category_id == desk.invoices.id and article.body_en == "Press <Refund>."
    status, text = await admin.get(f"/console/config/articles/{article.id}")
    assert status == 200 and "Press &lt;Refund&gt;." in text


async def test_category_required_fields_as_json(admin, desk):
    url = f"/console/config/categories/{desk.invoices.id}"
    await admin.get(url)
    form = {"name": "Invoices", "department_id": str(desk.billing.id), "active": "on"}
    fields = [{"key": "contract", "label": {"en": "Contract", "ru": "Договор"}, "pattern": "("}]
    status, text = await admin.post(url, {**form, "required_fields": json.dumps(fields)})
    assert status == 422 and "regular expression" in _error(text, "required_fields")
    status, text = await admin.post(url, {**form, "required_fields": "[{not json"})
    assert status == 422 and _error(text, "required_fields")
    assert (await Category.get(id=desk.invoices.id)).required_fields is None
    fields[0]["pattern"] = r"\d{6}"
    status, text = await admin.post(url, {**form, "required_fields": json.dumps(fields)})
    assert status == 200
    stored = (await Category.get(id=desk.invoices.id)).required_fields
    assert stored[0]["key"] == "contract" and stored[0]["pattern"] == r"\d{6}"
    status, text = await admin.get(url)
    assert "Договор" in text  # shown back as JSON in the textarea


async def test_dashboard_counts_deflections(admin, desk):
    article = await Article.create(
        department=desk.billing, title_en="A", title_ru="А", body_en="x", body_ru="x"
    )
    for _ in range(3):
        await Deflection.create(
            article=article, department=desk.billing, customer=desk.alice, created_at=CLOCK.now()
        )
    status, text = await admin.get("/console/dashboard")
    assert status == 200
    assert re.search(r'data-total="deflections"[^>]*>3<', text)
