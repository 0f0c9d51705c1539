"""Telegram HTML: escaping, visible length and splitting that never breaks markup.

Telegram counts limits (4096 per message, 1024 per caption) on the text left after
entity parsing, in UTF-16 code units, so tags cost nothing and `&amp;` costs one.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024

_TOKEN_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def escape(text: object) -> str:
    """Escapes anything a person typed before it goes into an HTML message."""
    return html.escape(str(text), quote=False)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass(slots=True)
class _Unit:
    raw: str
    visible: int
    tag: str | None = None  # tag name for tags
    closing: bool = False


def _tokenize(source: str) -> list[_Unit]:
    units: list[_Unit] = []
    pos = 0
    for match in _TOKEN_RE.finditer(source):
        units.extend(_Unit(ch, utf16_len(ch)) for ch in source[pos : match.start()])
        raw = match.group(0)
        if raw.startswith("&"):
            units.append(_Unit(raw, utf16_len(html.unescape(raw))))
        else:
            units.append(_Unit(raw, 0, match.group(2).lower(), bool(match.group(1))))
        pos = match.end()
    units.extend(_Unit(ch, utf16_len(ch)) for ch in source[pos:])
    return units


def visible_length(source: str) -> int:
    return sum(unit.visible for unit in _tokenize(source))


def _break_rank(unit: _Unit, following: _Unit | None) -> int:
    if unit.raw == "\n":
        return 3 if following is not None and following.raw == "\n" else 2
    if unit.raw in (" ", "\t"):
        return 1
    return 0


def split_html(source: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Splits HTML into chunks of at most `limit` visible units each.

    Cuts prefer a blank line, then a line end, then a space, within the last half of a
    chunk; tags open at a cut are closed at the end of one chunk and reopened at the
    start of the next, so every chunk is valid HTML on its own.
    """
    units = _tokenize(source)
    if sum(u.visible for u in units) <= limit:
        return [source] if source.strip() else []
    chunks: list[str] = []
    stack: list[_Unit] = []  # open tags at `start`
    start = 0
    while start < len(units):
        count = 0
        end = start
        best_cut, best_rank = None, 0
        while end < len(units) and count + units[end].visible <= limit:
            count += units[end].visible
            following = units[end + 1] if end + 1 < len(units) else None
            rank = _break_rank(units[end], following)
            if rank and count >= limit // 2 and rank >= best_rank:
                best_cut, best_rank = end + 1, rank
            end += 1
        if end < len(units) and best_cut is not None:
            end = best_cut
        if end == start:  # a single unit wider than the limit cannot happen for limit >= 2
            end = start + 1
        opening = "".join(u.raw for u in stack)
        body_stack = list(stack)
        for unit in units[start:end]:
            if unit.tag is None:
                continue
            if unit.closing:
                for i in range(len(body_stack) - 1, -1, -1):
                    if body_stack[i].tag == unit.tag:
                        del body_stack[i]
                        break
            else:
                body_stack.append(unit)
        closing = "".join(f"</{u.tag}>" for u in reversed(body_stack))
        text = opening + "".join(u.raw for u in units[start:end]) + closing
        if visible_text(text).strip():
            chunks.append(text.strip("\n") if not body_stack and not stack else text)
        stack = body_stack
        start = end
    return chunks


def visible_text(source: str) -> str:
    """The text a reader sees (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", source))


def trim_html(source: str, limit: int, ellipsis: str = "…") -> str:
    """The first `limit` visible units of `source`, marked as cut when it was longer."""
    if visible_length(source) <= limit:
        return source
    first = split_html(source, limit - utf16_len(ellipsis))[0]
    return first + ellipsis


def without_first_line(text: str, line: str) -> str:
    """`text` without its first line when that line is `line`: a subject taken from
    the first line of a text (an alert's) is shown once, not twice."""
    first, _, rest = text.strip().partition("\n")
    return rest.strip("\n") if first.strip() == line.strip() else text
