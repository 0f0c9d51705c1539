"""How a snooze's end is read (bot.services.snoozing.parse / preset): durations from
now, a UTC time or date, the card's presets; and what is refused, and why."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.services import snoozing

NOW = datetime(2026, 12, 6, 19, 7, 32, 123456, tzinfo=UTC)
BASE = NOW.replace(microsecond=0)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("30m", BASE + timedelta(minutes=30)),
        ("30min", BASE + timedelta(minutes=30)),
        ("3h", BASE + timedelta(hours=3)),
        ("3H", BASE + timedelta(hours=3)),
        ("2d", BASE + timedelta(days=2)),
        ("1w", BASE + timedelta(weeks=1)),
        ("1d 12h", BASE + timedelta(hours=36)),
        ("1d12h30m", BASE + timedelta(hours=36, minutes=30)),
        ("  2 d ", BASE + timedelta(days=2)),
        ("30м", BASE + timedelta(minutes=30)),
        ("3ч", BASE + timedelta(hours=3)),
        ("2Д", BASE + timedelta(days=2)),
        ("1н", BASE + timedelta(weeks=1)),
        ("2026-12-24 10:00", datetime(2026, 12, 24, 10, 0, tzinfo=UTC)),
        ("2026-12-24T10:00", datetime(2026, 12, 24, 10, 0, tzinfo=UTC)),
        ("2026-12-24", datetime(2026, 12, 24, 9, 0, tzinfo=UTC)),
        ("2026-12-06 19:09", datetime(2026, 12, 6, 19, 9, tzinfo=UTC)),
    ],
)
def test_what_a_snooze_reads(typed, expected):
    assert snoozing.parse(typed, NOW) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "format"),
        ("soon", "format"),
        ("2", "format"),
        ("d", "format"),
        ("2x", "format"),
        ("-2d", "format"),
        ("2d and more", "format"),
        ("12345d", "format"),  # five digits
        ("2026-02-30 10:00", "format"),
        ("2026-12-24 25:00", "format"),
        ("0000-01-01", "format"),
        ("24.12.2026", "format"),
        ("0m", "past"),
        ("2026-12-06 19:07", "past"),  # 32 seconds ago
        ("2026-12-06 19:08", "past"),  # in 28 seconds: under a minute
        ("2020-01-01 10:00", "past"),
        ("53w", "too_far"),
        ("366d", "too_far"),
        ("2028-01-01", "too_far"),
    ],
)
def test_what_a_snooze_refuses(typed, reason):
    with pytest.raises(snoozing.BadSnooze) as refused:
        snoozing.parse(typed, NOW)
    assert refused.value.reason == reason
    assert refused.value.details == {"field": "duration"}


def test_the_cards_presets():
    assert snoozing.preset(1, NOW) == NOW + timedelta(hours=1)
    assert snoozing.preset(2, NOW) == NOW + timedelta(hours=4)
    assert snoozing.preset(3, NOW) == datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    assert snoozing.preset(4, NOW) == NOW + timedelta(days=3)
    with pytest.raises(snoozing.BadSnooze):
        snoozing.preset(5, NOW)


def test_an_api_time_is_checked_and_read_as_utc():
    assert snoozing.checked(datetime(2026, 12, 7, 10, 0), NOW) == datetime(
        2026, 12, 7, 10, 0, tzinfo=UTC
    )
    with pytest.raises(snoozing.BadSnooze) as refused:
        snoozing.checked(NOW - timedelta(days=1), NOW)
    assert refused.value.reason == "past" and refused.value.details == {"field": "until"}
