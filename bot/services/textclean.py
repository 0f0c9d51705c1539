"""What a person typed, without what nobody can see.

Telegram clients let through texts made only of invisible characters - zero-width
spaces and joiners, a byte-order mark, left-to-right / right-to-left marks (Unicode's
format characters, category Cf). Such a text is empty to a reader, so it is treated as
empty: these are stripped from both ends, with the whitespace, before a text is checked
for emptiness or length. Inside a text they are kept: there they carry meaning (a
zero-width joiner inside an emoji sequence, a non-joiner inside a Persian word).
"""

from __future__ import annotations

import unicodedata

# Tag characters (also Cf) end emoji flag sequences such as the Scottish flag.
_TAGS = range(0xE0020, 0xE0080)


def _invisible(char: str) -> bool:
    return char.isspace() or (unicodedata.category(char) == "Cf" and ord(char) not in _TAGS)


def strip_invisible(text: str) -> str:
    """`text` without whitespace and invisible format characters at either end; ""
    when nothing visible is left."""
    start, end = 0, len(text)
    while start < end and _invisible(text[start]):
        start += 1
    while end > start and _invisible(text[end - 1]):
        end -= 1
    return text[start:end]
