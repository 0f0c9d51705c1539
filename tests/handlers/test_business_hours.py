"""Business hours (issue 16, point 4) through the real dispatcher on the desk's clock:
a customer who opens a ticket or writes outside the department's hours is told when it
opens (once per closed stretch, in their language, where the department says so), and
the SLA counts only working time - a Friday-evening ticket is due on Monday morning."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import CLOCK
from bot.i18n import create_i18n
from bot.services import automation
from models import Department, Priority, SlaPolicy, Ticket
from models.enums import SlaState
from tests.handlers.wizard_support import STAFF, desk_with_staff_chat, last, press
from tests.staff.helpers import card_of, fresh, new_ticket, staff_desk, tap

BERLIN = ZoneInfo("Europe/Berlin")
OFFICE = {d: ["09:00-18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}


@pytest.fixture
def clock() -> Iterator[None]:
    CLOCK.reset()
    CLOCK.freeze()
    with create_i18n("en").context():
        yield
    CLOCK.reset()


def next_weekday(weekday: int, at: time) -> datetime:
    """The Berlin wall time `at` on the next `weekday` (Monday 0) at least two days on,
    outside the DST changes (the test's own arithmetic stays in one offset)."""
    day: date = CLOCK.now().astimezone(BERLIN).date() + timedelta(days=2)
    while day.weekday() != weekday or day.month in (3, 10):
        day += timedelta(days=1)
    return datetime.combine(day, at, BERLIN)


def move_to(moment: datetime) -> None:
    CLOCK.advance(moment - CLOCK.now())


async def _hours(desk, **more) -> None:
    await Department.filter(id=desk.billing.id).update(
        time_zone="Europe/Berlin", schedule=OFFICE, holidays=[], **more
    )
    normal = await Priority.get(is_default=True)
    await SlaPolicy.create(
        name="normal", priority=normal, first_response_minutes=60, resolution_minutes=600
    )


async def _open(env, user, chat_id: int, labels: tuple[str, ...]) -> Ticket:
    """The wizard: Billing, Invoices, normal priority, a subject, a description, Send."""
    new, urgency, skip, send = labels
    user.send_text("/start")
    await env.step()
    await press(env, user, chat_id, last(env, chat_id), new)
    screen = await press(env, user, chat_id, last(env, chat_id), "Billing")
    screen = await press(env, user, chat_id, screen, "Invoices")
    screen = await press(env, user, chat_id, screen, urgency)
    user.send_text("Charged twice")
    await env.step()
    user.send_text("The March invoice was charged twice")
    await env.step()
    screen = await press(env, user, chat_id, last(env, chat_id), skip)
    await press(env, user, chat_id, screen, send)
    return await Ticket.filter(customer__telegram_id=chat_id).order_by("-id").first()


def _closed_notices(env, chat_id: int) -> list[str]:
    return [m["text"] for m in env.api.bot_messages(chat_id) if m["text"].startswith("🌙")]


async def test_a_friday_evening_ticket_is_told_monday_and_due_on_monday(env, clock):
    desk = await desk_with_staff_chat(env)
    await _hours(desk)
    alice = env.api.add_user(501, "Alice", username="alice")
    friday_evening = next_weekday(4, time(19, 0))
    move_to(friday_evening)
    ticket = await _open(env, alice, 501, ("New ticket", "normal", "Skip", "Send"))
    assert _closed_notices(env, 501) == [
        "🌙 We're closed now; we'll answer on Monday from 09:00 (UTC+1). Your message is "
        "saved, there is no need to write again."
    ]
    # The notice follows the acknowledgement.
    assert "is registered" in env.api.bot_messages(501)[-2]["text"]
    monday = friday_evening + timedelta(days=3)
    monday_nine = monday.replace(hour=9)
    # 60 and 600 working minutes from Monday 09:00: 10:00 and Tuesday 10:00 (9 h a day).
    assert ticket.first_response_due == monday_nine + timedelta(hours=1)
    assert ticket.resolution_due == monday_nine + timedelta(days=1, hours=1)

    # A follow-up in the same closed stretch is not told again; on Saturday neither.
    move_to(friday_evening + timedelta(hours=15))
    alice.send_text("Any news?", reply_to_message_id=env.api.bot_messages(501)[-2]["message_id"])
    await env.step()
    assert len(_closed_notices(env, 501)) == 1

    # The weekend does not count: no warning on Sunday night, a warning at 80 % of the
    # hour (Monday 09:48), the breach at 10:00.
    assert await automation.run_due(monday.replace(hour=8, minute=59)) == automation.Done()
    done = await automation.run_due(monday.replace(hour=9, minute=48))
    assert (done.warnings, done.breaches) == (1, 0)
    done = await automation.run_due(monday.replace(hour=10))
    assert (done.warnings, done.breaches) == (0, 1)
    assert (await Ticket.get(id=ticket.id)).sla_state == SlaState.BREACHED
    await env.step()
    [breach] = [m["text"] for m in env.api.bot_messages(STAFF) if m["text"].startswith("🔴")]
    assert f"#{ticket.number}" in breach


async def test_in_hours_nothing_is_said_and_a_russian_customer_is_told_in_russian(env, clock):
    desk = await desk_with_staff_chat(env)
    await _hours(desk)
    alice = env.api.add_user(501, "Alice", username="alice")
    carl = env.api.add_user(502, "Carl", language_code="ru")
    tuesday_noon = next_weekday(1, time(12, 0))
    move_to(tuesday_noon)
    ticket = await _open(env, alice, 501, ("New ticket", "normal", "Skip", "Send"))
    assert _closed_notices(env, 501) == []
    assert ticket.first_response_due == tuesday_noon + timedelta(hours=1)
    # Wednesday is a holiday: Tuesday evening's customer is told Thursday.
    wednesday = (tuesday_noon + timedelta(days=1)).date().isoformat()
    await Department.filter(id=desk.billing.id).update(holidays=[wednesday])
    move_to(tuesday_noon + timedelta(hours=7))
    await _open(env, carl, 502, ("Новая", "обычный", "Пропустить", "Отправить"))
    assert _closed_notices(env, 502) == [
        "🌙 Сейчас мы не работаем; ответим в четверг с 09:00 (UTC+1). Ваше сообщение "
        "сохранено, писать ещё раз не нужно."
    ]


async def test_the_notice_can_be_switched_off(env, clock):
    desk = await desk_with_staff_chat(env)
    await _hours(desk, closed_notice=False)
    alice = env.api.add_user(501, "Alice", username="alice")
    sunday = next_weekday(6, time(11, 0))
    move_to(sunday)
    ticket = await _open(env, alice, 501, ("New ticket", "normal", "Skip", "Send"))
    assert _closed_notices(env, 501) == []
    # The SLA still counts working time only.
    assert ticket.first_response_due == sunday + timedelta(hours=23)  # Monday 10:00


async def test_without_hours_the_desk_is_open_around_the_clock(env, clock):
    await desk_with_staff_chat(env)
    normal = await Priority.get(is_default=True)
    await SlaPolicy.create(
        name="normal", priority=normal, first_response_minutes=60, resolution_minutes=600
    )
    alice = env.api.add_user(501, "Alice", username="alice")
    sunday = next_weekday(6, time(3, 0))
    move_to(sunday)
    ticket = await _open(env, alice, 501, ("New ticket", "normal", "Skip", "Send"))
    assert _closed_notices(env, 501) == []
    assert ticket.first_response_due == sunday + timedelta(hours=1)


async def test_the_clock_stopped_over_the_weekend_moves_the_due_time_by_working_time(env, clock):
    """Opened Friday 17:00, answered 17:30 (waiting: the clock stands), the customer
    replies Monday 10:00: the stop took 90 working minutes (Friday 17:30-18:00, Monday
    09:00-10:00), so the resolution, due Monday 18:00, is due Tuesday 10:30; its
    warning comes when 80 % of the 600 working minutes are used: Monday 17:30."""
    people = await staff_desk(env)
    await _hours(people.desk)
    friday = next_weekday(4, time(17, 0))
    move_to(friday)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    assert ticket.resolution_due == friday + timedelta(days=3, hours=1)  # Monday 18:00
    move_to(friday + timedelta(minutes=30))
    card = await card_of(env, ticket.id)
    await tap(env, people.ann, card, "I'll answer")
    people.ann.send_text("Which invoice?", chat_id=STAFF, reply_to_message_id=card["message_id"])
    await env.step()
    assert (await fresh(ticket.id)).sla_paused_at is not None
    monday = friday + timedelta(days=3)
    move_to(monday.replace(hour=10))
    people.alice.send_text("No. 1042", reply_to_message_id=last(env, 501)["message_id"])
    await env.step()
    resumed = await fresh(ticket.id)
    assert resumed.sla_paused_at is None
    assert resumed.resolution_due == monday.replace(hour=10, minute=30) + timedelta(days=1)
    assert await automation.run_due(monday.replace(hour=17, minute=29)) == automation.Done()
    done = await automation.run_due(monday.replace(hour=17, minute=30))
    assert (done.warnings, done.breaches) == (1, 0)
    done = await automation.run_due(resumed.resolution_due)
    assert (done.warnings, done.breaches) == (0, 1)
