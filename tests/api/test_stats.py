"""Statistics: every figure of a known data set, computed by hand; filters, CSV, scoping.

The data set (times are minutes after the ticket's creation; "res" is resolved_at, or
closed_at when the ticket was closed without being resolved; "due": the ticket has SLA
due times):

 #   dept     category  prio    status       assignee customer  fr   res  due sla       csat
 T1  Billing  Invoices  normal  closed       Alice    K1 gold   10   60   y   ok        5
 T2  Billing  Invoices  high    closed       Alice    K1 gold   20   120c y   breached  4
 T3  Billing  Invoices  normal  resolved     Alice    K2 std    30   240  y   ok        -
 T4  Billing  -         low     in progress  Alice    K2 std    5    -    y   warning   -
 T5  Billing  -         normal  new          -        K3 prem   -    -    y   breached  -
 T6  Network  Outage    urgent  closed       Bob      K1 gold   15   90   y   breached  2
 T7  Network  Outage    urgent  waiting      Bob      K3 prem   40   -    n   ok        -
 T8  Network  Outage    high    resolved     Bob      K2 std    60   600  y   ok        3
 T9  Network  -         normal  on hold (*)  -        K2 std    -    -    n   ok        -
 T10 Billing  Invoices  normal  closed       Bob      K3 prem   25   180  y   ok        5
 T11 Network  Outage    low     in progress  Bob      K1 gold   50   -    y   breached  -
 T12 Billing  -         normal  closed       -        K3 prem   -    30c  n   ok        1

(*) a custom status without a lifecycle role. "c": closed_at only (no resolved_at).
T10 was resolved at 180 and closed at 300: resolution counts 180.
T1..T12 are created on 2024-03-01 10:00, 11:00, 03-02 10:00, 11:00, ... 03-06 11:00 UTC.

Agent answers (kind agent; rating): T1 Alice +1; T2 Alice -1, Alice unrated; T3 Alice +1;
T4 Alice unrated; T6 Bob +1, Carol -1; T7 Bob unrated; T8 Bob +1, Bob +1; T10 Bob -1;
T11 Carol +1. Plus messages that are not answers: a customer message, a note by Alice
and a system message on T1. Dave is an agent with no tickets and no answers.

Percentiles interpolate linearly between ranks (PostgreSQL's percentile_cont): over
sorted values v0..v(n-1) the q-th one sits at position q*(n-1).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from bot.i18n import create_i18n
from bot.services import rollups
from bot.services import tickets as ticket_service
from models import (
    Agent,
    Category,
    Counter,
    Customer,
    Department,
    Message,
    Priority,
    Status,
    Ticket,
)
from models.enums import MessageKind, SlaState, StatusRole, TicketSource

BASE = "/api/v1/stats"
MIN = 60  # seconds


def _at(day: int, hour: int) -> datetime:
    return datetime(2024, 3, day, hour, tzinfo=UTC)


@pytest.fixture
async def data(db: str) -> SimpleNamespace:
    billing = await Department.create(name="Billing", order=1)
    network = await Department.create(name="Network", order=2)
    invoices = await Category.create(name="Invoices", department=billing, order=1)
    outage = await Category.create(name="Outage", department=network, order=2)
    alice = await Agent.create(telegram_id=101, name="Alice")
    bob = await Agent.create(telegram_id=102, name="Bob")
    carol = await Agent.create(telegram_id=103, name="Carol")
    dave = await Agent.create(telegram_id=104, name="Dave")
    await alice.departments.add(billing)
    await bob.departments.add(billing, network)
    await carol.departments.add(network)
    k1 = await Customer.create(telegram_id=201, first_name="K1", support_level="gold")
    k2 = await Customer.create(telegram_id=202, first_name="K2", support_level="standard")
    k3 = await Customer.create(telegram_id=203, first_name="K3", support_level="premium")
    prio = {p.name: p for p in await Priority.all()}
    status = {s.role: s for s in await Status.filter(role__isnull=False)}
    on_hold = await Status.create(name="on hold", order=35, is_final=False)

    specs = [
        # dept, category, prio, status, assignee, customer, fr, resolved, closed, due, sla, csat
        (billing, invoices, "normal", "closed", alice, k1, 10, 60, 1440, True, "ok", 5),
        (billing, invoices, "high", "closed", alice, k1, 20, None, 120, True, "br", 4),
        (billing, invoices, "normal", "resolved", alice, k2, 30, 240, None, True, "ok", None),
        (billing, None, "low", "in_progress", alice, k2, 5, None, None, True, "wa", None),
        (billing, None, "normal", "new", None, k3, None, None, None, True, "br", None),
        (network, outage, "urgent", "closed", bob, k1, 15, 90, 2000, True, "br", 2),
        (network, outage, "urgent", "waiting", bob, k3, 40, None, None, False, "ok", None),
        (network, outage, "high", "resolved", bob, k2, 60, 600, None, True, "ok", 3),
        (network, None, "normal", None, None, k2, None, None, None, False, "ok", None),
        (billing, invoices, "normal", "closed", bob, k3, 25, 180, 300, True, "ok", 5),
        (network, outage, "low", "in_progress", bob, k1, 50, None, None, True, "br", None),
        (billing, None, "normal", "closed", None, k3, None, None, 30, False, "ok", 1),
    ]  # fmt: skip
    sla = {"ok": SlaState.OK, "wa": SlaState.WARNING, "br": SlaState.BREACHED}
    tickets = []
    for i, spec in enumerate(specs):
        dept, cat, pri, role, assignee, customer, fr, resolved, closed, due, state, csat = spec
        created = _at(1 + i // 2, 10 + i % 2)

        def later(minutes: int | None, created: datetime = created) -> datetime | None:
            return None if minutes is None else created + timedelta(minutes=minutes)

        tickets.append(
            await Ticket.create(
                number=1001 + i,
                customer=customer,
                department=dept,
                category=cat,
                priority=prio[pri],
                status=status[StatusRole(role)] if role else on_hold,
                subject=f"ticket {i + 1}",
                assignee=assignee,
                created_at=created,
                first_response_at=later(fr),
                resolved_at=later(resolved),
                closed_at=later(closed),
                first_response_due=later(60) if due else None,
                resolution_due=later(480) if due else None,
                sla_state=sla[state],
                csat=csat,
            )
        )
    t = {n: tickets[n - 1] for n in range(1, 13)}
    answers = [
        (1, alice, 1), (2, alice, -1), (2, alice, None), (3, alice, 1), (4, alice, None),
        (6, bob, 1), (6, carol, -1), (7, bob, None), (8, bob, 1), (8, bob, 1), (10, bob, -1),
        (11, carol, 1),
    ]  # fmt: skip
    for number, agent, rating in answers:
        await Message.create(
            ticket=t[number], kind=MessageKind.AGENT, author_agent=agent, text="a", rating=rating
        )
    await Message.create(ticket=t[1], kind=MessageKind.CUSTOMER, author_customer=k1, text="q")
    await Message.create(ticket=t[1], kind=MessageKind.NOTE, author_agent=alice, text="n")
    await Message.create(ticket=t[1], kind=MessageKind.SYSTEM, text="s")
    # Rows written straight into the tables, as a bulk load would: the statistics'
    # roll-ups are counted from them (the services keep them in step otherwise).
    await rollups.rebuild()
    return SimpleNamespace(
        billing=billing,
        network=network,
        invoices=invoices,
        outage=outage,
        alice=alice,
        bob=bob,
        carol=carol,
        dave=dave,
        k1=k1,
        k2=k2,
        k3=k3,
        prio=prio,
        status=status,
        on_hold=on_hold,
    )


def row(
    id: int | None,
    name: str,
    count: int,
    processed: int,
    fr: tuple[float | None, float | None],
    res: tuple[float | None, float | None],
    sla: tuple[int, int, float | None],
    csat: tuple[int, float | None],
    answers: tuple[int, int, int] | None = None,
) -> dict[str, Any]:
    """An expected breakdown row; fr/res = (median, p90) seconds, sla = (tracked,
    breached, rate), csat = (count, average), answers = (sent, up, down)."""
    expected = {
        "id": id,
        "name": name,
        "count": count,
        "processed": processed,
        "unprocessed": count - processed,
        "first_response_median": fr[0],
        "first_response_p90": fr[1],
        "resolution_median": res[0],
        "resolution_p90": res[1],
        "sla_tracked": sla[0],
        "sla_breached": sla[1],
        "breach_rate": sla[2],
        "csat_count": csat[0],
        "csat_average": csat[1],
    }
    if answers is not None:
        expected |= dict(zip(("answers_sent", "answers_up", "answers_down"), answers, strict=True))
    return expected


NONE = (None, None)
NO_SLA = (0, 0, None)
NO_CSAT = (0, None)


async def get_ok(client: Any, path: str, **params: Any) -> Any:
    status, body = await client.get(path, params=params)
    assert status == 200, body
    return body


# -- the overview ----------------------------------------------------------------------------


async def test_overview_of_the_data_set(client, data):
    body = await get_ok(client, BASE)
    assert body == {
        "total": 12,
        # closed T1 T2 T6 T10 T12 (5) + resolved T3 T8 (2)
        "processed": 7,
        "unprocessed": 5,
        # not final: new T5; in progress T4 T11; waiting T7; resolved T3 T8; on hold T9
        "open_by_role": {
            "new": 1,
            "in_progress": 2,
            "waiting": 1,
            "resolved": 2,
            "closed": 0,
            "other": 1,
        },
        "first_response": {
            # minutes, sorted: 5 10 15 20 25 30 40 50 60 (9 tickets)
            "count": 9,
            "median": 25 * MIN,  # position 4 -> 25 min = 1500 s
            "p90": 52 * MIN,  # position 7.2 -> 50 + 0.2*(60-50) = 52 min = 3120 s
        },
        "resolution": {
            # minutes, sorted: 30 60 90 120 180 240 600 (T12 T1 T6 T2 T10 T3 T8)
            "count": 7,
            "median": 120 * MIN,  # position 3 -> 120 min = 7200 s
            "p90": 384 * MIN,  # position 5.4 -> 240 + 0.4*(600-240) = 384 min = 23040 s
        },
        # due times on T1 T2 T3 T4 T5 T6 T8 T10 T11 (9); breached T2 T5 T6 T11 (4)
        "sla": {"tracked": 9, "breached": 4, "breach_rate": 0.4444},  # 4/9
        # 5 4 2 3 5 1 -> sum 20 / 6
        "csat": {
            "average": 3.33,
            "count": 6,
            "distribution": {"1": 1, "2": 1, "3": 1, "4": 1, "5": 2},
        },
        # 12 answers; +1 on T1 T3 T6 T8 T8 T11 (6); -1 on T2 T6 T10 (3)
        "answers": {"sent": 12, "up": 6, "down": 3},
    }


async def test_empty_database_gives_zeros_and_nulls(client, db):
    body = await get_ok(client, BASE)
    assert body == {
        "total": 0,
        "processed": 0,
        "unprocessed": 0,
        "open_by_role": {
            "new": 0,
            "in_progress": 0,
            "waiting": 0,
            "resolved": 0,
            "closed": 0,
            "other": 0,
        },
        "first_response": {"count": 0, "median": None, "p90": None},
        "resolution": {"count": 0, "median": None, "p90": None},
        "sla": {"tracked": 0, "breached": 0, "breach_rate": None},
        "csat": {
            "average": None,
            "count": 0,
            "distribution": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0},
        },
        "answers": {"sent": 0, "up": 0, "down": 0},
    }
    for by in ("status", "category", "department", "priority", "agent", "sla-level"):
        assert await get_ok(client, f"{BASE}/by-{by}") == {"by": by, "items": []}
    ratings = await get_ok(client, f"{BASE}/by-rating")
    assert ratings["items"] == [
        row(v, n, 0, 0, NONE, NONE, NO_SLA, NO_CSAT)
        for v, n in [(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5"), (None, "unrated")]
    ]
    status, raw = await client.get(BASE, params={"format": "csv"})
    assert status == 200
    lines = dict(list(csv.reader(io.StringIO(raw.decode())))[1:])
    assert lines["total"] == "0" and lines["first_response.median"] == ""
    assert lines["sla.breach_rate"] == "" and lines["csat.average"] == ""


# -- breakdowns -------------------------------------------------------------------------------


async def test_by_status(client, data):
    s = data.status
    body = await get_ok(client, f"{BASE}/by-status")
    assert body["by"] == "status"
    # ordered by the status's order: new 10, in progress 20, waiting 30, on hold 35, ...
    assert body["items"] == [
        # T5: no response yet, due and breached
        row(s["new"].id, "new", 1, 0, NONE, NONE, (1, 1, 1.0), NO_CSAT),
        # T4 T11: fr 5, 50 -> median 27.5 min = 1650 s, p90 5 + 0.9*45 = 45.5 min = 2730 s;
        # both due, T11 breached
        row(s["in_progress"].id, "in progress", 2, 0, (1650, 2730), NONE, (2, 1, 0.5), NO_CSAT),
        # T7: fr 40 min = 2400 s; no due time
        row(s["waiting"].id, "waiting for customer", 1, 0, (2400, 2400), NONE, NO_SLA, NO_CSAT),
        # T9: nothing but the ticket
        row(data.on_hold.id, "on hold", 1, 0, NONE, NONE, NO_SLA, NO_CSAT),
        # T3 T8 (processed): fr 30, 60 -> 45 min = 2700, p90 30 + 0.9*30 = 57 min = 3420;
        # res 240, 600 -> 420 min = 25200, p90 240 + 0.9*360 = 564 min = 33840;
        # both due, none breached; csat 3 (T8)
        row(
            s["resolved"].id, "resolved", 2, 2, (2700, 3420), (25200, 33840), (2, 0, 0.0), (1, 3.0)
        ),
        # T1 T2 T6 T10 T12: fr 10 15 20 25 -> pos 1.5: 17.5 min = 1050, pos 2.7: 23.5 = 1410;
        # res 30 60 90 120 180 -> 90 min = 5400, pos 3.6: 120 + 0.6*60 = 156 min = 9360;
        # due T1 T2 T6 T10, breached T2 T6 -> 2/4; csat 5 4 2 5 1 = 17/5
        row(s["closed"].id, "closed", 5, 5, (1050, 1410), (5400, 9360), (4, 2, 0.5), (5, 3.4)),
    ]


async def test_by_category(client, data):
    body = await get_ok(client, f"{BASE}/by-category")
    assert body["items"] == [
        # T1 T2 T3 T10, all processed; fr 10 20 25 30 -> 22.5 min = 1350, pos 2.7: 28.5 = 1710;
        # res 60 120 180 240 -> 150 min = 9000, pos 2.7: 180 + 0.7*60 = 222 min = 13320;
        # 4 due, T2 breached -> 0.25; csat 5 4 5 -> 14/3 = 4.67
        row(
            data.invoices.id, "Invoices", 4, 4, (1350, 1710), (9000, 13320), (4, 1, 0.25), (3, 4.67)
        ),
        # T6 T7 T8 T11, processed T6 T8; fr 15 40 50 60 -> 45 min = 2700, pos 2.7: 57 = 3420;
        # res 90 600 -> 345 min = 20700, 90 + 0.9*510 = 549 min = 32940;
        # due T6 T8 T11, breached T6 T11 -> 2/3; csat 2 3 -> 2.5
        row(data.outage.id, "Outage", 4, 2, (2700, 3420), (20700, 32940), (3, 2, 0.6667), (2, 2.5)),
        # T4 T5 T9 T12, processed T12; fr 5 min = 300; res 30 min = 1800;
        # due T4 T5, breached T5; csat 1
        row(None, "uncategorised", 4, 1, (300, 300), (1800, 1800), (2, 1, 0.5), (1, 1.0)),
    ]


async def test_by_department(client, data):
    body = await get_ok(client, f"{BASE}/by-department")
    assert body["items"] == [
        # T1 T2 T3 T4 T5 T10 T12, processed T1 T2 T3 T10 T12;
        # fr 5 10 20 25 30 -> 20 min = 1200, pos 3.6: 25 + 0.6*5 = 28 min = 1680;
        # res 30 60 120 180 240 -> 120 min = 7200, pos 3.6: 180 + 0.6*60 = 216 min = 12960;
        # due T1 T2 T3 T4 T5 T10, breached T2 T5 -> 2/6; csat 5 4 5 1 -> 15/4
        row(
            data.billing.id, "Billing", 7, 5, (1200, 1680), (7200, 12960), (6, 2, 0.3333), (4, 3.75)
        ),
        # T6 T7 T8 T9 T11, processed T6 T8; fr 15 40 50 60 -> 2700, 3420 (as Outage);
        # res 90 600 -> 20700, 32940; due T6 T8 T11, breached T6 T11; csat 2 3
        row(
            data.network.id, "Network", 5, 2, (2700, 3420), (20700, 32940), (3, 2, 0.6667), (2, 2.5)
        ),
    ]


async def test_by_priority(client, data):
    p = data.prio
    body = await get_ok(client, f"{BASE}/by-priority")
    # ordered by level: low 2, normal 3, high 4, urgent 5
    assert body["items"] == [
        # T4 T11: fr 5 50 -> 1650, 2730; both due, T11 breached
        row(p["low"].id, "low", 2, 0, (1650, 2730), NONE, (2, 1, 0.5), NO_CSAT),
        # T1 T3 T5 T9 T10 T12, processed T1 T3 T10 T12;
        # fr 10 25 30 -> 25 min = 1500, pos 1.8: 25 + 0.8*5 = 29 min = 1740;
        # res 30 60 180 240 -> 120 min = 7200, pos 2.7: 180 + 0.7*60 = 222 min = 13320;
        # due T1 T3 T5 T10, breached T5 -> 1/4; csat 5 5 1 -> 11/3
        row(p["normal"].id, "normal", 6, 4, (1500, 1740), (7200, 13320), (4, 1, 0.25), (3, 3.67)),
        # T2 T8: fr 20 60 -> 40 min = 2400, 20 + 0.9*40 = 56 min = 3360;
        # res 120 600 -> 360 min = 21600, 120 + 0.9*480 = 552 min = 33120; T2 breached; 4 3
        row(p["high"].id, "high", 2, 2, (2400, 3360), (21600, 33120), (2, 1, 0.5), (2, 3.5)),
        # T6 T7, processed T6: fr 15 40 -> 27.5 min = 1650, 15 + 0.9*25 = 37.5 min = 2250;
        # res 90 min = 5400; due T6 only, breached; csat 2
        row(p["urgent"].id, "urgent", 2, 1, (1650, 2250), (5400, 5400), (1, 1, 1.0), (1, 2.0)),
    ]


async def test_by_agent(client, data):
    body = await get_ok(client, f"{BASE}/by-agent")
    assert body["by"] == "agent"
    # by name; Dave (no tickets, no answers) has no row; the unassigned last
    assert body["items"] == [
        # T1 T2 T3 T4, processed T1 T2 T3; fr 5 10 20 30 -> 15 min = 900, pos 2.7: 27 = 1620;
        # res 60 120 240 -> 120 min = 7200, pos 1.8: 120 + 0.8*120 = 216 min = 12960;
        # 4 due, T2 breached; csat 5 4 -> 4.5; answers T1 T2 T2 T3 T4: +1 T1 T3, -1 T2
        row(
            data.alice.id,
            "Alice",
            4,
            3,
            (900, 1620),
            (7200, 12960),
            (4, 1, 0.25),
            (2, 4.5),
            answers=(5, 2, 1),
        ),
        # T6 T7 T8 T10 T11, processed T6 T8 T10;
        # fr 15 25 40 50 60 -> 40 min = 2400, pos 3.6: 50 + 0.6*10 = 56 min = 3360;
        # res 90 180 600 -> 180 min = 10800, pos 1.8: 180 + 0.8*420 = 516 min = 30960;
        # due T6 T8 T10 T11, breached T6 T11; csat 2 3 5 -> 10/3;
        # answers T6 T7 T8 T8 T10: +1 T6 T8 T8, -1 T10
        row(
            data.bob.id,
            "Bob",
            5,
            3,
            (2400, 3360),
            (10800, 30960),
            (4, 2, 0.5),
            (3, 3.33),
            answers=(5, 3, 1),
        ),
        # no tickets assigned; answered T6 (-1) and T11 (+1), both Bob's
        row(data.carol.id, "Carol", 0, 0, NONE, NONE, NO_SLA, NO_CSAT, answers=(2, 1, 1)),
        # T5 T9 T12, processed T12; res 30 min = 1800; due T5, breached; csat 1
        row(None, "unassigned", 3, 1, NONE, (1800, 1800), (1, 1, 1.0), (1, 1.0), answers=(0, 0, 0)),
    ]


async def test_by_sla_level(client, data):
    body = await get_ok(client, f"{BASE}/by-sla-level")
    assert body["items"] == [
        # gold: T1 T2 T6 T11, processed T1 T2 T6;
        # fr 10 15 20 50 -> 17.5 min = 1050, pos 2.7: 20 + 0.7*30 = 41 min = 2460;
        # res 60 90 120 -> 90 min = 5400, pos 1.8: 90 + 0.8*30 = 114 min = 6840;
        # all due, breached T2 T6 T11 -> 3/4; csat 5 4 2 -> 11/3
        row(None, "gold", 4, 3, (1050, 2460), (5400, 6840), (4, 3, 0.75), (3, 3.67)),
        # premium: T5 T7 T10 T12, processed T10 T12;
        # fr 25 40 -> 32.5 min = 1950, 25 + 0.9*15 = 38.5 min = 2310;
        # res 30 180 -> 105 min = 6300, 30 + 0.9*150 = 165 min = 9900;
        # due T5 T10, breached T5; csat 5 1 -> 3.0
        row(None, "premium", 4, 2, (1950, 2310), (6300, 9900), (2, 1, 0.5), (2, 3.0)),
        # standard: T3 T4 T8 T9, processed T3 T8;
        # fr 5 30 60 -> 30 min = 1800, pos 1.8: 30 + 0.8*30 = 54 min = 3240;
        # res 240 600 -> 420 min = 25200, 240 + 0.9*360 = 564 min = 33840;
        # due T3 T4 T8, none breached; csat 3
        row(None, "standard", 4, 2, (1800, 3240), (25200, 33840), (3, 0, 0.0), (1, 3.0)),
    ]


async def test_by_rating(client, data):
    body = await get_ok(client, f"{BASE}/by-rating")
    assert body["items"] == [
        # T12: closed after 30 min without an answer, no due time
        row(1, "1", 1, 1, NONE, (1800, 1800), NO_SLA, (1, 1.0)),
        # T6: fr 15 min = 900, res 90 min = 5400, breached
        row(2, "2", 1, 1, (900, 900), (5400, 5400), (1, 1, 1.0), (1, 2.0)),
        # T8: fr 60 min = 3600, res 600 min = 36000
        row(3, "3", 1, 1, (3600, 3600), (36000, 36000), (1, 0, 0.0), (1, 3.0)),
        # T2: fr 20 min = 1200, closed at 120 min = 7200, breached
        row(4, "4", 1, 1, (1200, 1200), (7200, 7200), (1, 1, 1.0), (1, 4.0)),
        # T1 T10: fr 10 25 -> 17.5 min = 1050, 10 + 0.9*15 = 23.5 min = 1410;
        # res 60 180 -> 120 min = 7200, 60 + 0.9*120 = 168 min = 10080
        row(5, "5", 2, 2, (1050, 1410), (7200, 10080), (2, 0, 0.0), (2, 5.0)),
        # T3 T4 T5 T7 T9 T11, processed T3; fr 5 30 40 50 -> 35 min = 2100,
        # pos 2.7: 40 + 0.7*10 = 47 min = 2820; res 240 min = 14400;
        # due T3 T4 T5 T11, breached T5 T11
        row(None, "unrated", 6, 1, (2100, 2820), (14400, 14400), (4, 2, 0.5), NO_CSAT),
    ]


# -- filters ------------------------------------------------------------------------------


async def test_period_filter(client, data):
    # T3 T4 (03-02) and T5 T6 (03-03)
    body = await get_ok(
        client, BASE, created_from="2024-03-02T00:00:00Z", created_to="2024-03-04T00:00:00Z"
    )
    assert body["total"] == 4 and body["processed"] == 2  # T3 resolved, T6 closed
    # fr 5 15 30 -> 15 min = 900, pos 1.8: 15 + 0.8*15 = 27 min = 1620
    assert body["first_response"] == {"count": 3, "median": 900, "p90": 1620}
    # res 90 240 -> 165 min = 9900, 90 + 0.9*150 = 225 min = 13500
    assert body["resolution"] == {"count": 2, "median": 9900, "p90": 13500}
    assert body["sla"] == {"tracked": 4, "breached": 2, "breach_rate": 0.5}  # T5 T6
    assert body["csat"]["count"] == 1 and body["csat"]["average"] == 2.0  # T6
    # answers on T3 (+1), T4, T6 (+1, -1)
    assert body["answers"] == {"sent": 4, "up": 2, "down": 1}

    # from is inclusive, to exclusive: T2 was created at 11:00 exactly
    body = await get_ok(client, BASE, created_to="2024-03-01T11:00:00Z")
    assert body["total"] == 1 and body["csat"]["distribution"]["5"] == 1  # T1
    # an offset is honoured, no offset means UTC: both are 03-06 11:00 UTC -> T12 only
    for moment in ("2024-03-06T12:00:00+01:00", "2024-03-06T11:00:00"):
        body = await get_ok(client, BASE, created_from=moment)
        assert body["total"] == 1 and body["csat"]["distribution"]["1"] == 1
    # an empty period (from == to) is valid and empty
    body = await get_ok(
        client, BASE, created_from="2024-03-02T10:00:00Z", created_to="2024-03-02T10:00:00Z"
    )
    assert body["total"] == 0

    # breakdowns take the same filter
    body = await get_ok(client, f"{BASE}/by-department", created_from="2024-03-05T00:00:00Z")
    # T9 T10 T11 T12: Billing T10 T12, Network T9 T11
    assert [(r["name"], r["count"], r["processed"]) for r in body["items"]] == [
        ("Billing", 2, 2),
        ("Network", 2, 0),
    ]


async def test_agent_filter(client, data):
    body = await get_ok(client, BASE, agent_id=data.alice.id)
    # T1 T2 T3 T4; answers on them: 5, +1 T1 T3, -1 T2
    assert (body["total"], body["processed"], body["unprocessed"]) == (4, 3, 1)
    assert body["answers"] == {"sent": 5, "up": 2, "down": 1}
    assert body["csat"]["average"] == 4.5  # 5 4

    body = await get_ok(client, f"{BASE}/by-agent", agent_id=data.bob.id)
    # Bob's tickets; Carol answered two of them (T6 -1, T11 +1); Alice has no row
    assert [
        (r["name"], r["count"], r["answers_sent"], r["answers_up"], r["answers_down"])
        for r in body["items"]
    ] == [("Bob", 5, 5, 3, 1), ("Carol", 0, 2, 1, 1)]

    # an agent with no tickets, or no such agent: zeros, not an error
    for agent_id in (data.dave.id, 99999):
        body = await get_ok(client, BASE, agent_id=agent_id)
        assert body["total"] == 0 and body["answers"]["sent"] == 0


async def test_customer_and_department_filters(client, data):
    body = await get_ok(client, BASE, customer_id=data.k1.id)
    # T1 T2 T6 T11: processed T1 T2 T6; csat 5 4 2 -> 11/3
    assert (body["total"], body["processed"]) == (4, 3)
    assert body["csat"]["average"] == 3.67
    assert body["sla"] == {"tracked": 4, "breached": 3, "breach_rate": 0.75}

    body = await get_ok(client, BASE, department_id=data.network.id)
    # T6 T7 T8 T9 T11; answers T6 (Bob +1, Carol -1), T7, T8 (+1 +1), T11 (+1)
    assert (body["total"], body["processed"]) == (5, 2)
    assert body["answers"] == {"sent": 6, "up": 4, "down": 1}

    body = await get_ok(
        client,
        f"{BASE}/by-category",
        department_id=data.billing.id,
        customer_id=data.k3.id,
    )
    # Billing and K3: T5 (uncategorised), T10 (Invoices), T12 (uncategorised)
    assert [(r["name"], r["count"]) for r in body["items"]] == [
        ("Invoices", 1),
        ("uncategorised", 2),
    ]


# -- CSV ----------------------------------------------------------------------------------


async def test_overview_csv(client, data):
    response = await client.client.get(
        BASE,
        params={"format": "csv", "department_id": str(data.billing.id)},
        headers={"Authorization": f"Bearer {client.token}"},
    )
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(
        r'attachment; filename="helpdesk-stats-overview-\d{4}-\d{2}-\d{2}\.csv"', disposition
    )
    rows = list(csv.reader(io.StringIO((await response.read()).decode("utf-8"))))
    assert rows[0] == ["key", "value"]
    values = dict(rows[1:])
    assert len(values) == len(rows) - 1  # one line per key
    # Billing: T1 T2 T3 T4 T5 T10 T12 (see test_by_department)
    assert values["total"] == "7"
    assert values["processed"] == "5"
    assert values["unprocessed"] == "2"
    assert values["open_by_role.new"] == "1"  # T5
    assert values["open_by_role.in_progress"] == "1"  # T4
    assert values["open_by_role.resolved"] == "1"  # T3
    assert values["first_response.median"] == "1200.0"
    assert values["first_response.p90"] == "1680.0"
    assert values["resolution.median"] == "7200.0"
    assert values["sla.breach_rate"] == "0.3333"
    assert values["csat.average"] == "3.75"
    assert values["csat.distribution.5"] == "2"  # T1 T10
    # answers on T1 (+1), T2 (-1, -), T3 (+1), T4 (-), T10 (-1)
    assert (values["answers.sent"], values["answers.up"], values["answers.down"]) == (
        "6",
        "2",
        "2",
    )


async def test_by_agent_csv(client, data):
    status, raw = await client.get(f"{BASE}/by-agent", params={"format": "csv"})
    assert status == 200
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert list(rows[0]) == [
        "id",
        "name",
        "count",
        "processed",
        "unprocessed",
        "first_response_median",
        "first_response_p90",
        "resolution_median",
        "resolution_p90",
        "sla_tracked",
        "sla_breached",
        "breach_rate",
        "csat_count",
        "csat_average",
        "answers_sent",
        "answers_up",
        "answers_down",
    ]
    assert [r["name"] for r in rows] == ["Alice", "Bob", "Carol", "unassigned"]
    alice, bob, carol, unassigned = rows
    assert alice["id"] == str(data.alice.id)
    assert (alice["count"], alice["processed"], alice["first_response_median"]) == (
        "4",
        "3",
        "900.0",
    )
    assert (alice["answers_sent"], alice["answers_up"], alice["answers_down"]) == ("5", "2", "1")
    assert (bob["count"], bob["csat_average"], bob["resolution_p90"]) == ("5", "3.33", "30960.0")
    # no tickets: empty cells for what cannot be computed
    assert (carol["count"], carol["first_response_median"], carol["breach_rate"]) == ("0", "", "")
    assert (unassigned["id"], unassigned["count"], unassigned["csat_average"]) == ("", "3", "1.0")


async def test_csv_cells_cannot_start_a_formula(client, data):
    await Agent.filter(id=data.alice.id).update(name="=HYPERLINK(1)")
    status, raw = await client.get(f"{BASE}/by-agent", params={"format": "csv"})
    assert status == 200
    names = [r["name"] for r in csv.DictReader(io.StringIO(raw.decode("utf-8")))]
    assert names[0] == "'=HYPERLINK(1)"  # agents sort by name and "=" < "B"
    # the JSON keeps the name as it is
    body = await get_ok(client, f"{BASE}/by-agent")
    assert body["items"][0]["name"] == "=HYPERLINK(1)"


# -- access and validation -----------------------------------------------------------------


async def test_agent_token_sees_only_its_departments(client, data, make_token):
    alice = client.as_(await make_token("agent", data.alice.id))  # Billing
    body = await get_ok(alice, BASE)
    assert body["total"] == 7  # T1 T2 T3 T4 T5 T10 T12
    body = await get_ok(alice, f"{BASE}/by-department")
    assert [(r["name"], r["count"]) for r in body["items"]] == [("Billing", 7)]
    # asking for another department does not widen the scope
    body = await get_ok(alice, BASE, department_id=data.network.id)
    assert body["total"] == 0 and body["answers"]["sent"] == 0
    body = await get_ok(alice, f"{BASE}/by-agent")
    # Billing tickets: Alice T1-T4, Bob T10, unassigned T5 T12; Carol answered none of them
    assert [(r["name"], r["count"]) for r in body["items"]] == [
        ("Alice", 4),
        ("Bob", 1),
        ("unassigned", 2),
    ]

    carol = client.as_(await make_token("agent", data.carol.id))  # Network
    status, raw = await carol.get(f"{BASE}/by-status", params={"format": "csv"})
    assert status == 200
    counts = {r["name"]: r["count"] for r in csv.DictReader(io.StringIO(raw.decode()))}
    # T6 closed, T7 waiting, T8 resolved, T9 on hold, T11 in progress
    assert counts == {
        "in progress": "1",
        "waiting for customer": "1",
        "on hold": "1",
        "resolved": "1",
        "closed": "1",
    }

    bob = client.as_(await make_token("agent", data.bob.id))  # both departments
    assert (await get_ok(bob, BASE))["total"] == 12

    # the token of an agent without a department sees nothing
    dave = client.as_(await make_token("agent", data.dave.id))
    body = await get_ok(dave, BASE)
    assert body["total"] == 0 and body["answers"]["sent"] == 0
    assert (await get_ok(dave, f"{BASE}/by-agent"))["items"] == []


async def test_readonly_is_allowed_and_a_token_is_required(client, data, make_token):
    readonly = client.as_(await make_token("readonly"))
    assert (await get_ok(readonly, BASE))["total"] == 12
    assert len((await get_ok(readonly, f"{BASE}/by-priority"))["items"]) == 4
    for path in (BASE, f"{BASE}/by-agent", f"{BASE}/by-rating"):
        status, body = await client.as_(None).get(path)
        assert status == 401 and body["error"]["code"] == "unauthorized"
        status, body = await client.as_(None).get(path, params={"format": "csv"})
        assert status == 401 and body["error"]["code"] == "unauthorized"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"created_from": "2024-03-05T00:00:00Z", "created_to": "2024-03-01T00:00:00Z"}, []),
        ({"created_from": "yesterday"}, ["created_from"]),
        ({"created_to": "2024-13-01"}, ["created_to"]),
        ({"created_from": "9999-12-31T23:59:59-05:00"}, ["created_from"]),
        ({"created_to": "0001-01-01T00:00:00+05:00"}, ["created_to"]),
        ({"agent_id": "abc"}, ["agent_id"]),
        ({"agent_id": "0"}, ["agent_id"]),
        ({"customer_id": "-1"}, ["customer_id"]),
        ({"department_id": "99999999999999999999"}, ["department_id"]),
        ({"format": "xml"}, ["format"]),
        ({"colour": "red"}, ["colour"]),
    ],
)
async def test_bad_filters_are_422(client, db, params, field):
    for path in (BASE, f"{BASE}/by-agent", f"{BASE}/by-sla-level"):
        status, body = await client.get(path, params=params)
        assert status == 422, (path, params, body)
        assert body["error"]["code"] == "invalid"
        assert [d["loc"] for d in body["error"]["details"]] == [field]
        assert "<" not in str(body)


async def test_openapi_documents_the_stats_endpoints(client):
    status, doc = await client.as_(None).get("/api/openapi.json")
    assert status == 200
    # (The FAQ's deflections have their own parameters: tests/api/test_faq.py.)
    assert "/api/v1/stats/deflections" in doc["paths"]
    paths = [
        p
        for p in doc["paths"]
        if p.startswith("/api/v1/stats") and p != "/api/v1/stats/deflections"
    ]
    assert paths == [
        "/api/v1/stats",
        "/api/v1/stats/by-status",
        "/api/v1/stats/by-category",
        "/api/v1/stats/by-department",
        "/api/v1/stats/by-priority",
        "/api/v1/stats/by-agent",
        "/api/v1/stats/by-sla-level",
        "/api/v1/stats/by-rating",
        "/api/v1/stats/daily",
        "/api/v1/stats/tags",
    ]
    for path in paths:
        operation = doc["paths"][path]["get"]
        assert "csv" in operation["summary"]
        params = {p["name"]: p for p in operation["parameters"]}
        assert set(params) == {
            "created_from",
            "created_to",
            "agent_id",
            "customer_id",
            "department_id",
            "format",
        }
        assert {"200", "401", "403", "422"} <= set(operation["responses"])
    # JSON by default, CSV on request: both content types are documented, and the JSON
    # schema is the response model's
    models = {
        "/api/v1/stats": "StatsOverview",
        "/api/v1/stats/by-agent": "AgentStatsBreakdown",
        "/api/v1/stats/by-rating": "StatsBreakdown",
    }
    for path, model in models.items():
        content = doc["paths"][path]["get"]["responses"]["200"]["content"]
        assert set(content) == {"application/json", "text/csv"}
        ref = content["application/json"]["schema"]["$ref"]
        assert ref == f"#/components/schemas/{model}"
    schemas = doc["components"]["schemas"]
    for model in ("StatsBreakdown", "AgentStatsBreakdown"):
        assert set(schemas[model]["properties"]) == {"by", "items"}
    overview = schemas["StatsOverview"]["properties"]
    assert {"total", "processed", "open_by_role", "first_response", "sla", "csat"} <= set(overview)


# -- alerts --------------------------------------------------------------------------------


async def test_alerts_are_left_out_of_response_and_resolution_times(client, data):
    """An alert starts with support's own message: its "first response" (before the fix
    it came out negative: set at creation, just before created_at) and resolution
    would measure the customer. They count as tickets, never in the durations."""
    before = await get_ok(client, BASE)
    agents_before = {r["name"]: r for r in (await get_ok(client, f"{BASE}/by-agent"))["items"]}
    created = _at(10, 10)
    # An alert as the old code stored it: answered "before" it was created, then closed.
    await Ticket.create(
        number=2001,
        customer=data.k1,
        department=data.billing,
        priority=data.prio["normal"],
        status=data.status[StatusRole.CLOSED],
        subject="maintenance",
        assignee=data.alice,
        source=TicketSource.ALERT,
        alert_kind="information",
        created_at=created,
        first_response_at=created - timedelta(seconds=1),
        closed_at=created + timedelta(days=3),
    )
    await rollups.rebuild()
    # And one through the service: the customer answers, Root answers and closes it.
    await Counter.filter(name="ticket").update(value=3000)  # past the data set's numbers
    root = await Agent.create(telegram_id=109, name="Root", role="admin")
    with create_i18n("en").context():
        alert = await ticket_service.send_alert(
            customer_id=data.k2.id,
            kind="complaint",
            subject="Unpaid invoice",
            text="Your invoice is overdue.",
            department_id=data.billing.id,
            priority_id=None,
            actor=await ticket_service.agent_actor(root),
        )
        k2 = ticket_service.Actor(ticket_service.ActorType.CUSTOMER, "K2", id=data.k2.id)
        await ticket_service.add_customer_message(alert.id, "I paid it", [], k2)
        await ticket_service.reply(alert.id, "Thank you", await ticket_service.agent_actor(root))
        await ticket_service.close(alert.id, await ticket_service.agent_actor(root))
    after = await get_ok(client, BASE)
    assert after["total"] == before["total"] + 2
    assert after["first_response"] == before["first_response"]
    assert after["resolution"] == before["resolution"]
    # The same in every breakdown and in the CSV.
    by_agent = {r["name"]: r for r in (await get_ok(client, f"{BASE}/by-agent"))["items"]}
    alice, alice_before = by_agent["Alice"], agents_before["Alice"]
    assert alice["count"] == alice_before["count"] + 1
    for figure in ("first_response_median", "first_response_p90", "resolution_median"):
        assert alice[figure] == alice_before[figure], figure
    assert by_agent["Root"]["count"] == 1 and by_agent["Root"]["first_response_median"] is None
    csv_after = dict(
        list(csv.reader(io.StringIO((await get_ok(client, BASE, format="csv")).decode())))[1:]
    )
    assert csv_after["first_response.median"] == str(before["first_response"]["median"])
    assert float(csv_after["first_response.median"]) >= 0


async def test_daily_series_adds_up_to_the_overview(client, data):
    period = "created_from=2024-03-01T00:00:00Z&created_to=2024-03-08T00:00:00Z"
    status, body = await client.get(f"{BASE}/daily?{period}")
    assert status == 200
    days = body["days"]
    assert [d["day"] for d in days][:2] == ["2024-03-01", "2024-03-02"] and len(days) == 7
    assert [d["total"] for d in days] == [2, 2, 2, 2, 2, 2, 0]
    _, overview = await client.get(f"{BASE}?{period}")
    assert sum(d["total"] for d in days) == overview["total"] == 12
    assert sum(d["sla_breached"] for d in days) == overview["sla"]["breached"]
    assert sum(d["answers_sent"] for d in days) == overview["answers"]["sent"]
    assert days[0]["first_response_median"] == 15 * MIN
    status, text = await client.get(f"{BASE}/daily?{period}&format=csv")
    assert status == 200 and text.decode().startswith("day,total,processed,")
    status, body = await client.get(f"{BASE}/daily")
    assert status == 422 and "created_from" in body["error"]["message"]
    status, body = await client.get(
        f"{BASE}/daily?created_from=2020-01-01T00:00:00Z&created_to=2024-01-01T00:00:00Z"
    )
    assert status == 422 and body["error"]["code"] == "period_too_long"
