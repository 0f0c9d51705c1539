"""A Telegram message's text and entities as the HTML a client would show.

The page renders what Telegram would display, which is the text plus its entities (the
emulator parsed the bot's HTML into them, as strictly as Telegram). Built from entities,
the result can only hold the tags below: everything in the text itself is escaped, and
links keep only http(s), mailto and tg addresses.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlsplit

_SIMPLE = {
    "bold": "b",
    "italic": "i",
    "underline": "u",
    "strikethrough": "s",
    "code": "code",
    "blockquote": "blockquote",
    "expandable_blockquote": "blockquote",
}
_SAFE_SCHEMES = ("http", "https", "mailto", "tg")


def _safe_url(url: str) -> str | None:
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in _SAFE_SCHEMES else None


def _tags(entity: dict[str, Any], fragment: str) -> tuple[str, str]:
    kind = entity.get("type")
    if kind in _SIMPLE:
        tag = _SIMPLE[kind]
        return f"<{tag}>", f"</{tag}>"
    if kind == "spoiler":
        return '<span class="tg-spoiler">', "</span>"
    if kind == "pre":
        return "<pre>", "</pre>"
    if kind in ("text_link", "url", "email"):
        target = entity.get("url") if kind == "text_link" else fragment
        if kind == "email":
            target = f"mailto:{fragment}"
        elif kind == "url" and "://" not in fragment:
            target = f"http://{fragment}"
        url = _safe_url(str(target or ""))
        if url is None:
            return "", ""
        return f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">', "</a>"
    if kind in ("mention", "hashtag", "bot_command", "cashtag", "text_mention"):
        return f'<span class="tg-{kind.replace("_", "-")}">', "</span>"
    return "", ""


def _utf16_index(text: str) -> list[int]:
    """Python string index of each UTF-16 offset (and of the end)."""
    index = []
    for position, char in enumerate(text):
        index.append(position)
        if ord(char) > 0xFFFF:
            index.append(position)
    index.append(len(text))
    return index


def to_html(text: str, entities: list[dict[str, Any]] | None) -> str:
    """Escaped text with the entities' markup; line breaks become <br>."""
    if not text:
        return ""
    index = _utf16_index(text)
    spans = []
    for entity in entities or []:
        try:
            start = index[int(entity["offset"])]
            end = index[min(int(entity["offset"]) + int(entity["length"]), len(index) - 1)]
        except (KeyError, ValueError, IndexError, TypeError):
            continue
        if end <= start:
            continue
        opening, closing = _tags(entity, text[start:end])
        if opening:
            spans.append((start, end, opening, closing))
    # Outer entities first where two start together; Telegram's entities nest.
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    position = 0

    def emit(upto: int) -> None:
        nonlocal position
        if upto > position:
            out.append(escape(text[position:upto]).replace("\n", "<br>"))
            position = upto

    def close_until(limit: int) -> None:
        while stack and stack[-1][0] <= limit:
            end, closing = stack.pop()
            emit(end)
            out.append(closing)

    for start, end, opening, closing in spans:
        close_until(start)
        emit(start)
        # An entity crossing an enclosing one's end is cut there (keeps the HTML nested).
        if stack and end > stack[-1][0]:
            end = stack[-1][0]
        out.append(opening)
        stack.append((end, closing))
    close_until(len(text))
    emit(len(text))
    return "".join(out)
