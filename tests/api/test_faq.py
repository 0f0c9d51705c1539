"""FAQ articles, deflection statistics and categories' required fields in the admin API,
and the matching service on both databases (incl. Russian text)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.services import faq, tickets
from models import Agent, Article, Category, Customer, Deflection, Department
from models.enums import ActorType, TicketSource
from tests.api.conftest import ApiClient
from tests.factories import open_ticket

V1 = "/api/v1"


def _article(department_id: int, **extra) -> dict:
    return {
        "department_id": department_id,
        "title_en": "Charged twice",
        "title_ru": "Списали дважды",
        "body_en": "A double charge is a bank hold.",
        "body_ru": "Двойное списание - блокировка банка.",
        **extra,
    }


async def test_articles_crud_validated(client: ApiClient, make_token):
    billing = await Department.create(name="Billing")
    tech = await Department.create(name="Tech")
    invoices = await Category.create(department=billing, name="Invoices")

    status, body = await client.post(
        f"{V1}/articles", _article(billing.id, category_id=invoices.id)
    )
    assert status == 201 and body["category_id"] == invoices.id and body["active"] is True
    article_id = body["id"]
    # A category of another department, a missing department, an empty body, an extra field.
    status, body = await client.post(f"{V1}/articles", _article(tech.id, category_id=invoices.id))
    assert status == 422 and "does not belong" in body["error"]["message"]
    status, _ = await client.post(f"{V1}/articles", _article(999))
    assert status == 422
    status, _ = await client.post(f"{V1}/articles", _article(billing.id, body_en="  "))
    assert status == 422
    status, _ = await client.post(f"{V1}/articles", _article(billing.id, colour="red"))
    assert status == 422
    assert await Article.all().count() == 1

    status, body = await client.patch(
        f"{V1}/articles/{article_id}", {"category_id": None, "title_en": "Double charge"}
    )
    assert status == 200 and body["category_id"] is None and body["title_en"] == "Double charge"
    status, body = await client.get(f"{V1}/articles", params={"department_id": billing.id})
    assert status == 200 and body["total"] == 1
    status, body = await client.get(f"{V1}/articles", params={"department_id": tech.id})
    assert body["total"] == 0

    readonly = client.as_(await make_token("readonly"))
    status, _ = await readonly.post(f"{V1}/articles", _article(billing.id))
    assert status == 403
    status, _ = await readonly.get(f"{V1}/articles/{article_id}")
    assert status == 200

    # With a deflection it stays (the statistics would lose it): deactivate instead.
    alice = await Customer.create(telegram_id=21, first_name="Alice")
    await faq.deflect(article_id, billing.id, alice)
    status, body = await client.delete(f"{V1}/articles/{article_id}")
    assert status == 409 and "deactivate" in body["error"]["message"]
    status, body = await client.post(f"{V1}/articles", _article(tech.id))
    status, _ = await client.delete(f"{V1}/articles/{body['id']}")
    assert status == 200
    status, _ = await client.get(f"{V1}/articles/{body['id']}")
    assert status == 404


async def test_deflection_stats_over_a_period_and_scoped(client: ApiClient, make_token):
    billing = await Department.create(name="Billing")
    tech = await Department.create(name="Tech")
    alice = await Customer.create(telegram_id=21, first_name="Alice")
    twice = await Article.create(**_article(billing.id))
    refund = await Article.create(**_article(billing.id, title_en="Refunds"))
    vpn = await Article.create(**_article(tech.id, title_en="VPN"))
    day = datetime(2026, 3, 10, tzinfo=UTC)
    for article, department, when in (
        (twice, billing, day),
        (twice, billing, day + timedelta(hours=1)),
        (refund, billing, day + timedelta(days=1)),
        (vpn, tech, day),
        (vpn, tech, day - timedelta(days=30)),  # before the period
    ):
        await Deflection.create(
            article=article, department=department, customer=alice, created_at=when
        )
    period = {"since": "2026-03-01T00:00:00Z", "until": "2026-04-01T00:00:00Z"}
    status, body = await client.get(f"{V1}/stats/deflections", params=period)
    assert status == 200
    assert body["total"] == 4
    assert [(r["id"], r["deflections"]) for r in body["by_article"]] == [
        (twice.id, 2),
        (refund.id, 1),
        (vpn.id, 1),
    ]
    assert body["by_article"][1]["name"] == "Refunds"
    assert [(r["name"], r["deflections"]) for r in body["by_department"]] == [
        ("Billing", 3),
        ("Tech", 1),
    ]
    status, body = await client.get(f"{V1}/stats/deflections")
    assert body["total"] == 5
    status, body = await client.get(
        f"{V1}/stats/deflections", params={**period, "department_id": tech.id}
    )
    assert body["total"] == 1
    # An agent token counts its departments only.
    bob = await Agent.create(telegram_id=12, name="Bob")
    await bob.departments.add(tech)
    agent = client.as_(await make_token("agent", bob.id))
    status, body = await agent.get(f"{V1}/stats/deflections", params=period)
    assert status == 200 and body["total"] == 1
    status, body = await client.get(
        f"{V1}/stats/deflections", params={"since": "2026-04-01", "until": "2026-03-01"}
    )
    assert status == 422


async def test_matching_ranks_locally_in_both_languages(db):
    billing = await Department.create(name="Billing")
    tech = await Department.create(name="Tech")
    invoices = await Category.create(department=billing, name="Invoices")
    other = await Category.create(department=billing, name="Other")
    twice = await Article.create(
        department=billing,
        title_en="Charged twice for one invoice",
        title_ru="Списали оплату дважды",
        body_en="A double charge is a bank hold.",
        body_ru="Двойное списание - это блокировка банка.",
    )
    refund = await Article.create(
        department=billing,
        category=invoices,
        title_en="Refunds",
        title_ru="Возврат денег",
        body_en="Refunds take 3 days; a charge is returned to the card.",
        body_ru="Возврат занимает 3 дня; оплата вернётся на карту.",
    )
    await Article.create(
        department=billing,
        category=other,
        title_en="Charged twice in another category",
        title_ru="Дважды в другой категории",
        body_en="-",
        body_ru="-",
    )
    await Article.create(
        department=tech,
        title_en="Charged twice by the VPN shop",
        title_ru="VPN",
        body_en="-",
        body_ru="-",
    )
    await Article.create(
        department=billing,
        title_en="Charged twice (inactive)",
        title_ru="-",
        body_en="-",
        body_ru="-",
        active=False,
    )

    found = await faq.suggest("I was charged twice!", billing.id, invoices.id)
    # The title match ranks above a body match; other categories, departments and
    # inactive articles are not offered.
    assert [a.id for a in found] == [twice.id, refund.id]
    found = await faq.suggest("Оплату списали два раза", billing.id, invoices.id)
    assert found[0].id == twice.id
    assert [a.id for a in await faq.suggest("ВОЗВРАТ", billing.id, invoices.id)] == [refund.id]
    # Without a category: only the department-wide articles.
    assert [a.id for a in await faq.suggest("refund charge", billing.id)] == [twice.id]
    assert await faq.suggest("printer jams", billing.id, invoices.id) == []
    # Query syntax typed by a customer is only words.
    for hostile in ('"charg* OR', "NEAR(twice", "a & b | !c:*", "'; DROP TABLE article; --"):
        await faq.suggest(hostile, billing.id, invoices.id)
    assert await Article.all().count() == 5
    assert await faq.suggest("charged twice", billing.id, invoices.id, exclude=[twice.id]) == [
        refund
    ]
    # Choosing the category: its own articles first, then the department's best
    # matches for its name.
    found = await faq.for_category(billing.id, invoices.id, "Invoices")
    assert [a.id for a in found] == [refund.id, twice.id]
    assert await faq.for_category(billing.id, invoices.id, "Invoices", exclude=[refund.id]) == [
        twice
    ]
    assert [a.id for a in await faq.for_category(tech.id, invoices.id, "Invoices")] == []
    # Kept in step with edits (SQLite: the FTS5 triggers).
    await Article.filter(id=refund.id).update(title_en="Printer jams")
    assert [a.id for a in await faq.suggest("printer", billing.id, invoices.id)] == [refund.id]
    await Article.filter(id=refund.id).delete()
    assert await faq.suggest("printer", billing.id, invoices.id) == []


async def test_category_required_fields_validated(client: ApiClient):
    billing = await Department.create(name="Billing")
    fields = [
        {
            "key": "contract",
            "label": {"en": "Contract number", "ru": "Номер договора"},
            "pattern": r"[A-Z]{2}-\d{4}",
            "max_length": 7,
            "hint": {"en": "Like AB-1234", "ru": "Например, AB-1234"},
        },
        {"key": "amount", "label": {"en": "Amount", "ru": "Сумма"}, "kind": "number"},
        {"key": "shot", "label": {"en": "Screenshot", "ru": "Скриншот"}, "kind": "screenshot"},
    ]
    body = {"name": "Invoices", "department_id": billing.id, "required_fields": fields}
    status, created = await client.post(f"{V1}/categories", body)
    assert status == 201
    assert [f["key"] for f in created["required_fields"]] == ["contract", "amount", "shot"]
    assert created["required_fields"][0]["pattern"] == r"[A-Z]{2}-\d{4}"

    bad = {
        "bad regex": [{**fields[0], "pattern": "([A-Z"}],
        "nested repetition": [{**fields[0], "pattern": r"([A-Z]+\s?)*\d"}],
        "duplicate keys": [fields[0], {**fields[1], "key": "contract"}],
        "bad key": [{**fields[1], "key": "Contract No"}],
        "missing ru label": [{**fields[1], "label": {"en": "Amount"}}],
        "pattern on a number": [{**fields[1], "pattern": r"\d+"}],
        "unknown kind": [{**fields[1], "kind": "video"}],
    }
    for case, value in bad.items():
        status, error = await client.patch(
            f"{V1}/categories/{created['id']}", {"required_fields": value}
        )
        assert status == 422, case
    status, error = await client.patch(
        f"{V1}/categories/{created['id']}", {"required_fields": bad["duplicate keys"]}
    )
    assert "duplicate keys: contract" in str(error)
    status, error = await client.patch(
        f"{V1}/categories/{created['id']}", {"required_fields": bad["bad regex"]}
    )
    assert "not a valid regular expression" in str(error)
    status, error = await client.patch(
        f"{V1}/categories/{created['id']}", {"required_fields": bad["nested repetition"]}
    )
    assert "repetition inside a repetition" in str(error)
    category = await Category.get(id=created["id"])
    assert [f["key"] for f in category.required_fields] == ["contract", "amount", "shot"]

    status, body = await client.patch(f"{V1}/categories/{created['id']}", {"required_fields": []})
    assert status == 200 and body["required_fields"] == []
    plain = await Category.create(department=billing, name="Other")
    status, body = await client.get(f"{V1}/categories/{plain.id}")
    assert status == 200 and body["required_fields"] == []


async def test_a_tickets_required_details_in_the_api(client: ApiClient):
    billing = await Department.create(name="Billing")
    alice = await Customer.create(telegram_id=21, first_name="Alice")
    plain = await open_ticket(alice, billing, "No details")
    answers = [
        {
            "key": "contract",
            "label": {"en": "Contract", "ru": "Договор"},
            "kind": "text",
            "value": "AB-1234",
        },
        {
            "key": "shot",
            "label": {"en": "Screenshot", "ru": "Скриншот"},
            "kind": "screenshot",
            "value": "",
        },
    ]
    detailed = await tickets.open_ticket(
        customer=alice,
        department_id=billing.id,
        category_id=None,
        priority_id=None,
        subject="With details",
        text="Please help",
        source=TicketSource.TELEGRAM,
        actor=tickets.Actor(ActorType.CUSTOMER, "Alice", id=alice.id),
        details=answers,
    )
    status, body = await client.get(f"{V1}/tickets/{detailed.id}")
    assert status == 200 and body["details"] == answers
    status, body = await client.get(f"{V1}/tickets/{plain.id}")
    assert status == 200 and body["details"] == []
    status, body = await client.get(f"{V1}/tickets")
    assert sorted(len(t["details"]) for t in body["items"]) == [0, 2]
