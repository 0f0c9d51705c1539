"""bot.services.notices: every notice the services emit has a renderer once the
presentation is installed, and a notice without one fails loudly instead of being
dropped."""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass

import pytest

from bot import presentation
from bot.config import Settings
from bot.i18n import create_i18n
from bot.services import notices


def _notice_types() -> list[type[notices.Notice]]:
    return [
        value
        for value in vars(notices).values()
        if inspect.isclass(value)
        and issubclass(value, notices.Notice)
        and value is not notices.Notice
    ]


def test_every_notice_has_a_renderer() -> None:
    presentation.install(Settings.model_construct())
    kinds = _notice_types()
    assert len(kinds) > 20
    assert [k.__name__ for k in kinds if not notices.registered(k)] == []


def test_notices_carry_data_and_are_frozen() -> None:
    for kind in _notice_types():
        assert dataclasses.is_dataclass(kind), kind
        assert kind.__dataclass_params__.frozen, kind  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class _Unheard(notices.Notice):
    number: int


async def test_a_notice_without_renderer_is_refused() -> None:
    with pytest.raises(notices.Unrendered, match="_Unheard"):
        await notices.emit(_Unheard(1))


async def test_emit_hands_the_notice_to_its_renderer() -> None:
    got: list[notices.Notice] = []

    async def render(notice: _Unheard) -> None:
        got.append(notice)

    notices.register(_Unheard, render)
    try:
        await notices.emit(_Unheard(7))
    finally:
        notices._renderers.pop(_Unheard)
    assert got == [_Unheard(7)]


def test_the_team_name_is_the_presentations() -> None:
    presentation.install(Settings.model_construct())
    with create_i18n("en").context():
        assert notices.team_name("en") == "Support"
        assert notices.team_name("ru") != "Support"
