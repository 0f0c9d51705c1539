"""The minimum detail gate: per category, required fields the wizard asks after the
description (a contract number, a device, a screenshot), each checked before the
customer moves on, and stored with the ticket.

A category's `required_fields` is a list of
`{"key", "label": {"en", "ru"}, "kind", "pattern", "max_length", "hint": {"en", "ru"}}`
(admin_api.schemas.directory.RequiredField checks it on the way in: keys unique, the
pattern a valid regular expression). Kinds: "text" (optionally a pattern the whole
answer must match, and a length limit), "number", "screenshot" (at least one photo or
document attached to the ticket).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from models import Category

TEXT_LIMIT = 200  # an answer's length when the field sets none
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def nested_repetition(pattern: str) -> bool:
    """Whether `pattern` repeats something that itself repeats, like `(a+)+` or
    `(\\w*\\s?)*`: Python's matcher can take exponential time on such a pattern, and a
    customer's answer is matched in the bot's process. (The pattern compiles.)"""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    repeats = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)

    def parts(op: Any, arg: Any) -> list[Any]:
        """The sub-patterns of one node."""
        if op == c.SUBPATTERN:
            return [arg[-1]]
        if op == c.BRANCH:
            return list(arg[1])
        if op in (c.ASSERT, c.ASSERT_NOT):
            return [arg[1]]
        return []

    def walk(items: Any, inside: bool) -> bool:
        for op, arg in items:
            if op in repeats:
                _low, high, body = arg
                if inside and high > 1:
                    return True
                if walk(body, inside or (high > 1 and op != c.POSSESSIVE_REPEAT)):
                    return True
            elif any(walk(part, inside) for part in parts(op, arg)):
                return True
        return False

    return walk(_parser.parse(pattern), False)


class Kind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    SCREENSHOT = "screenshot"


class Problem(StrEnum):
    """Why an answer was refused."""

    FORMAT = "format"
    NUMBER = "number"
    TOO_LONG = "too_long"


@dataclass(frozen=True, slots=True)
class RequiredField:
    key: str
    label: dict[str, str]
    kind: Kind = Kind.TEXT
    pattern: str | None = None
    max_length: int = TEXT_LIMIT
    hint: dict[str, str] = field(default_factory=dict)

    def label_in(self, language: str | None) -> str:
        return self.label.get(language or "", "") or self.label.get("en", "") or self.key

    def hint_in(self, language: str | None) -> str:
        return self.hint.get(language or "", "") or self.hint.get("en", "")

    @classmethod
    def of(cls, raw: dict[str, Any]) -> RequiredField:
        return cls(
            key=str(raw["key"]),
            label=dict(raw.get("label") or {}),
            kind=Kind(raw.get("kind") or Kind.TEXT),
            pattern=raw.get("pattern") or None,
            max_length=int(raw.get("max_length") or TEXT_LIMIT),
            hint=dict(raw.get("hint") or {}),
        )


def fields_of(category: Category | None) -> list[RequiredField]:
    """What the wizard asks for a ticket in `category` (none without one)."""
    if category is None or not category.required_fields:
        return []
    return [RequiredField.of(raw) for raw in category.required_fields]


def check(required: RequiredField, answer: str) -> Problem | None:
    """Why `answer` (already stripped) is not acceptable for a text or number field,
    or None when it is."""
    if len(answer) > required.max_length:
        return Problem.TOO_LONG
    if required.kind == Kind.NUMBER:
        return None if _NUMBER.fullmatch(answer) else Problem.NUMBER
    if required.pattern and not re.fullmatch(required.pattern, answer):
        return Problem.FORMAT
    return None


def stored(required: RequiredField, answer: str) -> dict[str, Any]:
    """One answer as kept on the ticket: with the labels as the category has them now."""
    return {
        "key": required.key,
        "label": dict(required.label),
        "kind": required.kind.value,
        "value": answer,
    }
