"""Jinja2 pages: autoescaped, texts from the bot's gettext catalogs.

Jinja2 is imported on the first page asked for, not at start-up (a process that
nobody opens the console of never loads it; tests/unit/test_startup_imports.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiogram.utils.i18n import I18n
from aiohttp import web

TEMPLATES = Path(__file__).resolve().parent / "templates"


def duration(seconds: float | None) -> str:
    """12 s, 5 min, 3 h 5 min, 2 d 4 h; a dash when there is none."""
    if seconds is None:
        return "–"
    total = round(seconds)
    if total < 60:
        return f"{total} s"
    minutes = total // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def when(moment: datetime | None) -> str:
    """A moment in UTC, to the minute."""
    if moment is None:
        return "–"
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M")


class Renderer:
    def __init__(self, i18n: I18n) -> None:
        self.i18n = i18n
        self._env: Any = None

    def environment(self) -> Any:
        if self._env is None:
            import jinja2

            self._env = jinja2.Environment(
                loader=jinja2.FileSystemLoader(TEMPLATES),
                autoescape=True,
                undefined=jinja2.StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
            )
            self._env.filters["duration"] = duration
            self._env.filters["when"] = when
        return self._env

    def gettext(self, language: str) -> Any:
        def translate(text: str, **values: Any) -> str:
            translated = self.i18n.gettext(text, locale=language)
            return translated % values if values else translated

        return translate

    def page(
        self, request: web.Request, name: str, context: dict[str, Any], *, status: int = 200
    ) -> web.Response:
        from console.keys import LANGUAGE, SESSION

        language = request.get(LANGUAGE, "en")
        session = request.get(SESSION)
        values = {
            "_": self.gettext(language),
            "language": language,
            "session": session,
            "principal": session.principal if session else None,
            "csrf": session.csrf_token if session else "",
            "can_act": session is not None and session.principal.role.value != "readonly",
            "is_admin": session is not None and session.principal.role.value == "admin",
            "path": request.path,
            "static": lambda name: str(request.app.router["static"].url_for(filename=name)),
            **context,
        }
        text = self.environment().get_template(name).render(values)
        return web.Response(text=text, content_type="text/html", charset="utf-8", status=status)
