"""Text entity parsing as Telegram does it (ported from tdlib's MessageEntity.cpp).

The parsers work on UTF-8 bytes because Telegram reports error positions as byte offsets and
entity offsets in UTF-16 code units; mirroring that keeps error texts and offsets identical.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .errors import ApiError, bad_request

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024

_SPACES = frozenset(b" \t\r\n\0\v\f")

# Entity type names used in tdlib's error messages ("Can't find end of Bold entity ...").
_BOLD = "Bold"
_ITALIC = "Italic"
_UNDERLINE = "Underline"
_STRIKE = "Strikethrough"
_SPOILER = "Spoiler"
_CODE = "Code"
_PRE = "Pre"
_PRE_CODE = "PreCode"
_TEXT_URL = "TextUrl"
_CUSTOM_EMOJI = "CustomEmoji"
_BLOCKQUOTE = "BlockQuote"
_EXPANDABLE_BLOCKQUOTE = "ExpandableBlockQuote"

_BOT_API_TYPE = {
    _BOLD: "bold",
    _ITALIC: "italic",
    _UNDERLINE: "underline",
    _STRIKE: "strikethrough",
    _SPOILER: "spoiler",
    _CODE: "code",
    _PRE: "pre",
    _PRE_CODE: "pre",
    _TEXT_URL: "text_link",
    _CUSTOM_EMOJI: "custom_emoji",
    _BLOCKQUOTE: "blockquote",
    _EXPANDABLE_BLOCKQUOTE: "expandable_blockquote",
}

# tdlib's sort priorities: on equal offset/length the lower value comes first.
_PRIORITY = {
    "mention": 50,
    "hashtag": 50,
    "bot_command": 50,
    "url": 50,
    "email": 50,
    "bold": 90,
    "italic": 91,
    "code": 20,
    "pre": 11,
    "text_link": 49,
    "text_mention": 49,
    "cashtag": 50,
    "phone_number": 50,
    "underline": 92,
    "strikethrough": 93,
    "blockquote": 0,
    "expandable_blockquote": 0,
    "spoiler": 94,
    "custom_emoji": 99,
    "date_time": 30,
}

KNOWN_ENTITY_TYPES = frozenset(_PRIORITY)


class EntityParseError(Exception):
    """A parse failure carrying tdlib's text, e.g. 'Unsupported start tag "x" at byte offset 0'."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for limits and entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _at(data: bytes | bytearray, index: int) -> int:
    # tdlib reads the NUL terminator past the end; emulate it instead of raising IndexError.
    return data[index] if index < len(data) else 0


def _is_first_unit(byte: int) -> bool:
    return (byte & 0xC0) != 0x80


def _utf16_units(byte: int) -> int:
    return 2 if byte >= 0xF0 else 1


def _is_alpha(byte: int) -> bool:
    return 65 <= byte <= 90 or 97 <= byte <= 122


def _is_digit(byte: int) -> bool:
    return 48 <= byte <= 57


def _is_alnum(byte: int) -> bool:
    return _is_alpha(byte) or _is_digit(byte)


def _is_hex(byte: int) -> bool:
    return _is_digit(byte) or 65 <= byte <= 70 or 97 <= byte <= 102


def _decode_html_entity(data: bytes, pos: int) -> tuple[int, int]:
    """Return (code point, position after the entity) or (0, pos) when it is not an entity."""
    end = pos + 1
    result = 0
    if _at(data, pos + 1) == ord("#"):
        end += 1
        if _at(data, pos + 2) == ord("x"):
            end += 1
            while _is_hex(_at(data, end)):
                result = result * 16 + int(chr(data[end]), 16)
                end += 1
        else:
            while _is_digit(_at(data, end)):
                result = result * 10 + data[end] - 48
                end += 1
        if result == 0 or result >= 0x10FFFF or end - pos >= 10:
            return 0, pos
    else:
        while _is_alpha(_at(data, end)):
            end += 1
        name = bytes(data[pos + 1 : end])
        result = {b"lt": 60, b"gt": 62, b"amp": 38, b"quot": 34}.get(name, 0)
        if not result:
            return 0, pos
    if _at(data, end) == ord(";"):
        end += 1
    return result, end


def checked_link(url: str) -> str:
    """Approximate tdlib's LinkManager::get_checked_link: '' for unusable links."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        return ""
    if "://" not in url:
        url = "http://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme in {"tg", "ton", "tonsite"}:
        return url
    if scheme not in {"http", "https", "ftp"}:
        return ""
    host = parts.hostname or ""
    if not host or ("." not in host and host != "localhost"):
        return ""
    if not parts.path:
        # Telegram normalizes "https://example.com" to "https://example.com/".
        url = parts._replace(path="/").geturl()
    return url


def link_user_id(url: str) -> int | None:
    """User id from a tg://user?id=N link (becomes a text_mention entity)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() != "tg" or parts.netloc.lower() != "user":
        return None
    values = parse_qs(parts.query).get("id")
    if not values or not values[0].isdigit():
        return None
    user_id = int(values[0])
    return user_id if user_id > 0 else None


def _custom_emoji_id(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme.lower() != "tg" or parts.netloc.lower() != "emoji":
        return None
    values = parse_qs(parts.query).get("id")
    if not values or not values[0].isdigit() or int(values[0]) == 0:
        return None
    return values[0]


def _make_entity(kind: str, offset: int, length: int, argument: str = "") -> dict[str, Any]:
    entity: dict[str, Any] = {"type": _BOT_API_TYPE[kind], "offset": offset, "length": length}
    if kind == _PRE_CODE:
        entity["language"] = argument
    elif kind == _TEXT_URL:
        entity["url"] = argument
    elif kind == _CUSTOM_EMOJI:
        entity["custom_emoji_id"] = argument
    return entity


def _link_entity(url: str, offset: int, length: int) -> dict[str, Any] | None:
    user_id = link_user_id(url)
    if user_id is not None:
        # The user object is filled in by the server, which knows the users.
        return {"type": "text_mention", "offset": offset, "length": length, "user": {"id": user_id}}
    checked = checked_link(url)
    if not checked:
        return None
    return _make_entity(_TEXT_URL, offset, length, checked)


def sort_entities(entities: list[dict[str, Any]]) -> None:
    entities.sort(key=lambda e: (e["offset"], -e["length"], _PRIORITY.get(e["type"], 50)))


_HTML_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "tg-time",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Telegram's HTML parse mode.

    ``strict_ampersand`` rejects a bare '&' that does not start a supported entity.  Telegram itself
    keeps such an '&' literally, but its documentation requires escaping, so the fake is stricter.
    """
    if "\0" in text:
        raise EntityParseError("Text must not contain null bytes")
    data = text.encode()
    size = len(data)
    out = bytearray()
    entities: list[dict[str, Any]] = []
    utf16 = 0
    # Each open tag: [tag_name, argument, unix_date, utf16_offset, byte position in out]
    nested: list[list[Any]] = []
    i = 0
    while i < size:
        c = data[i]
        if c == ord("&"):
            code, new_pos = _decode_html_entity(data, i)
            if code:
                if 0xD800 <= code <= 0xDFFF:
                    raise EntityParseError(
                        "Text contains invalid Unicode characters after decoding HTML entities, "
                        "check for unmatched surrogate code units"
                    )
                utf16 += 2 if code > 0xFFFF else 1
                out += chr(code).encode()
                i = new_pos
                continue
            if strict_ampersand:
                raise EntityParseError(
                    f'Unsupported entity "&" at byte offset {i}; it must be escaped as "&amp;"'
                )
        if c != ord("<"):
            if _is_first_unit(c):
                utf16 += _utf16_units(c)
            out.append(c)
            i += 1
            continue

        begin_pos = i
        i += 1
        if _at(data, i) != ord("/"):
            while _at(data, i) not in _SPACES and _at(data, i) != ord(">"):
                i += 1
            if _at(data, i) == 0:
                raise EntityParseError(f"Unclosed start tag at byte offset {begin_pos}")
            tag_name = data[begin_pos + 1 : i].decode(errors="replace").lower()
            if tag_name not in _HTML_TAGS:
                raise EntityParseError(
                    f'Unsupported start tag "{tag_name}" at byte offset {begin_pos}'
                )
            argument = ""
            date = 0
            while _at(data, i) != ord(">"):
                while _at(data, i) != 0 and _at(data, i) in _SPACES:
                    i += 1
                if _at(data, i) == ord(">"):
                    break
                attr_begin = i
                while _at(data, i) not in _SPACES and _at(data, i) not in b"=>/\"'":
                    i += 1
                attr_name = data[attr_begin:i].decode(errors="replace")
                if not attr_name:
                    raise EntityParseError(
                        f'Empty attribute name in the tag "{tag_name}" at byte offset {begin_pos}'
                    )
                while _at(data, i) != 0 and _at(data, i) in _SPACES:
                    i += 1
                if _at(data, i) != ord("="):
                    if _at(data, i) == 0:
                        raise EntityParseError(
                            f'Unclosed start tag "{tag_name}" at byte offset {begin_pos}'
                        )
                    if tag_name == "blockquote" and attr_name == "expandable":
                        argument = "1"
                    continue
                i += 1
                while _at(data, i) != 0 and _at(data, i) in _SPACES:
                    i += 1
                if _at(data, i) == 0:
                    raise EntityParseError(
                        f'Unclosed start tag "{tag_name}" at byte offset {begin_pos}'
                    )
                if _at(data, i) not in (ord("'"), ord('"')):
                    token_begin = i
                    while _is_alnum(_at(data, i)) or _at(data, i) in (ord("."), ord("-")):
                        i += 1
                    value = data[token_begin:i].decode().lower()
                    if _at(data, i) not in _SPACES and _at(data, i) != ord(">"):
                        raise EntityParseError(
                            f"Unexpected end of name token at byte offset {token_begin}"
                        )
                else:
                    quote = data[i]
                    i += 1
                    raw = bytearray()
                    while _at(data, i) != quote and _at(data, i) != 0:
                        if data[i] == ord("&"):
                            code, new_pos = _decode_html_entity(data, i)
                            if code:
                                raw += chr(code).encode(errors="surrogatepass")
                                i = new_pos
                                continue
                        raw.append(data[i])
                        i += 1
                    if _at(data, i) == quote:
                        i += 1
                    value = raw.decode(errors="replace")
                if _at(data, i) == 0:
                    raise EntityParseError(f"Unclosed start tag at byte offset {begin_pos}")
                if tag_name == "a" and attr_name == "href":
                    argument = value
                elif tag_name == "code" and attr_name == "class" and value.startswith("language-"):
                    argument = value[9:]
                elif tag_name == "span" and attr_name == "class" and value.startswith("tg-"):
                    argument = value[3:]
                elif tag_name == "tg-emoji" and attr_name == "emoji-id":
                    argument = value
                elif tag_name == "blockquote" and attr_name == "expandable":
                    argument = "1"
                elif tag_name == "tg-time" and attr_name == "unix":
                    match = re.match(r"-?\d+", value)
                    date = int(match.group()) if match else 0
                elif tag_name == "tg-time" and attr_name == "format":
                    argument = value
            if tag_name == "span" and argument != "spoiler":
                raise EntityParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {begin_pos}'
                )
            nested.append([tag_name, argument, date, utf16, len(out)])
            i += 1  # skip '>'
            continue

        # An end tag.
        if not nested:
            raise EntityParseError(f"Unexpected end tag at byte offset {begin_pos}")
        while _at(data, i) not in _SPACES and _at(data, i) != ord(">"):
            i += 1
        end_tag_name = data[begin_pos + 2 : i].decode(errors="replace").lower()
        while _at(data, i) in _SPACES and _at(data, i) != 0:
            i += 1
        if _at(data, i) != ord(">"):
            raise EntityParseError(f"Unclosed end tag at byte offset {begin_pos}")
        tag_name, argument, date, entity_offset, entity_begin = nested[-1]
        if end_tag_name and end_tag_name != tag_name:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {begin_pos}, expected "</{tag_name}>", '
                f'found "</{end_tag_name}>"'
            )
        if utf16 > entity_offset:
            length = utf16 - entity_offset
            entity: dict[str, Any] | None = None
            if tag_name in ("i", "em"):
                entity = _make_entity(_ITALIC, entity_offset, length)
            elif tag_name in ("b", "strong"):
                entity = _make_entity(_BOLD, entity_offset, length)
            elif tag_name in ("s", "strike", "del"):
                entity = _make_entity(_STRIKE, entity_offset, length)
            elif tag_name in ("u", "ins"):
                entity = _make_entity(_UNDERLINE, entity_offset, length)
            elif tag_name in ("tg-spoiler", "span"):
                entity = _make_entity(_SPOILER, entity_offset, length)
            elif tag_name == "tg-emoji":
                if not argument.isdigit() or int(argument) == 0:
                    raise EntityParseError("Invalid custom emoji identifier specified")
                entity = _make_entity(_CUSTOM_EMOJI, entity_offset, length, argument)
            elif tag_name == "tg-time":
                if date > 0:
                    entity = {
                        "type": "date_time",
                        "offset": entity_offset,
                        "length": length,
                        "unix_time": date,
                    }
                    if argument:
                        entity["date_time_format"] = argument
            elif tag_name == "a":
                url = argument or out[entity_begin:].decode(errors="replace")
                entity = _link_entity(url, entity_offset, length)
            elif tag_name == "pre":
                last = entities[-1] if entities else None
                if (
                    last is not None
                    and last["type"] == "code"
                    and last["offset"] == entity_offset
                    and last["length"] == length
                    and last.get("language")
                ):
                    # <pre><code class="language-x"> becomes one pre entity with a language.
                    last["type"] = "pre"
                else:
                    entity = _make_entity(_PRE, entity_offset, length)
            elif tag_name == "code":
                last = entities[-1] if entities else None
                if (
                    last is not None
                    and last["type"] == "pre"
                    and "language" not in last
                    and last["offset"] == entity_offset
                    and last["length"] == length
                    and argument
                ):
                    last["language"] = argument
                else:
                    entity = _make_entity(_CODE, entity_offset, length)
                    if argument:
                        entity["language"] = argument  # dropped below unless merged into pre
            elif tag_name == "blockquote":
                kind = _EXPANDABLE_BLOCKQUOTE if argument else _BLOCKQUOTE
                entity = _make_entity(kind, entity_offset, length)
            if entity is not None:
                entities.append(entity)
        nested.pop()
        i += 1
    if nested:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{nested[-1][0]}"')
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    sort_entities(entities)
    return out.decode(errors="replace"), entities


def _reserved(char: int) -> EntityParseError:
    return EntityParseError(
        f"Character '{chr(char)}' is reserved and must be escaped with the preceding '\\'"
    )


def parse_markdown_v2(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Telegram's MarkdownV2 parse mode."""
    data = text.encode()
    size = len(data)
    out = bytearray()
    entities: list[dict[str, Any]] = []
    utf16 = 0
    # Each open entity: [kind, argument, utf16_offset, byte_offset, position in out]
    nested: list[list[Any]] = []
    have_blockquote = False
    can_start_blockquote = True
    i = 0
    while i < size:
        c = data[i]
        following = _at(data, i + 1)
        if c == ord("\\") and 0 < following <= 126:
            i += 1
            utf16 += 1
            out.append(data[i])
            if data[i] != ord("\r"):
                can_start_blockquote = data[i] == ord("\n")
            i += 1
            continue
        reserved = b"_*[]()~`>#+-=|{}.!\n"
        if nested and nested[-1][0] in (_CODE, _PRE, _PRE_CODE):
            reserved = b"`"
        if c not in reserved:
            if _is_first_unit(c):
                utf16 += _utf16_units(c)
                if c != ord("\r"):
                    can_start_blockquote = False
            out.append(c)
            i += 1
            continue

        is_end = False
        if nested:
            top = nested[-1][0]
            if have_blockquote and c == ord("\n") and (i + 1 == size or following != ord(">")):
                is_end = True
            elif top == _BOLD:
                is_end = c == ord("*")
            elif top == _ITALIC:
                is_end = c == ord("_") and following != ord("_")
            elif top == _CODE:
                is_end = c == ord("`")
            elif top in (_PRE, _PRE_CODE):
                is_end = c == ord("`") and following == ord("`") and _at(data, i + 2) == ord("`")
            elif top in (_TEXT_URL, _CUSTOM_EMOJI):
                is_end = c == ord("]")
            elif top == _UNDERLINE:
                is_end = c == ord("_") and following == ord("_")
            elif top == _STRIKE:
                is_end = c == ord("~")
            elif top == _SPOILER:
                is_end = c == ord("|") and following == ord("|")

        if not is_end:
            kind: str | None
            argument = ""
            byte_offset = i
            if c == ord("_"):
                if following == ord("_"):
                    kind = _UNDERLINE
                    i += 1
                else:
                    kind = _ITALIC
            elif c == ord("*"):
                kind = _BOLD
            elif c == ord("~"):
                kind = _STRIKE
            elif c == ord("|"):
                if following != ord("|"):
                    raise _reserved(c)
                i += 1
                kind = _SPOILER
            elif c == ord("["):
                kind = _TEXT_URL
            elif c == ord("`"):
                if following == ord("`") and _at(data, i + 2) == ord("`"):
                    i += 3
                    kind = _PRE
                    language_end = i
                    while _at(data, language_end) not in _SPACES and _at(data, language_end) != ord(
                        "`"
                    ):
                        language_end += 1
                    if i != language_end and language_end < size and data[language_end] != ord("`"):
                        kind = _PRE_CODE
                        argument = data[i:language_end].decode(errors="replace")
                        i = language_end
                    if _at(data, i) in (ord("\n"), ord("\r")):
                        if _at(data, i + 1) in (ord("\n"), ord("\r")) and _at(data, i) != _at(
                            data, i + 1
                        ):
                            i += 2
                        else:
                            i += 1
                    i -= 1
                else:
                    kind = _CODE
            elif c == ord("!"):
                if following != ord("["):
                    raise _reserved(c)
                i += 1
                kind = _CUSTOM_EMOJI
            elif c == ord("\n"):
                utf16 += 1
                out.append(c)
                can_start_blockquote = True
                kind = None
            elif c == ord(">"):
                if not can_start_blockquote:
                    raise _reserved(c)
                if have_blockquote:
                    kind = None
                else:
                    kind = _BLOCKQUOTE
                    have_blockquote = True
            else:
                raise _reserved(c)
            if kind is not None:
                nested.append([kind, argument, utf16, byte_offset, len(out)])
            i += 1
            continue

        # The end of an entity.
        kind = nested[-1][0]
        if c == ord("\n") and kind != _BLOCKQUOTE:
            start = nested[-1][3]
            spoiler_before_newline = start == i - 2 or (start == i - 3 and out and out[-1] == 13)
            if kind != _SPOILER or not spoiler_before_newline:
                raise EntityParseError(
                    f"Can't find end of {kind} entity at byte offset {nested[-1][3]}"
                )
            nested.pop()
            if nested[-1][0] != _BLOCKQUOTE:
                raise EntityParseError(
                    f"Can't find end of {nested[-1][0]} entity at byte offset {nested[-1][3]}"
                )
            kind = _EXPANDABLE_BLOCKQUOTE
        _, argument, entity_offset, _, begin_in_out = nested[-1]
        skip = utf16 == entity_offset
        link: dict[str, Any] | None = None
        if kind in (_UNDERLINE, _SPOILER):
            i += 1
        elif kind in (_PRE, _PRE_CODE):
            i += 2
        elif kind in (_TEXT_URL, _CUSTOM_EMOJI):
            if _at(data, i + 1) != ord("("):
                if kind == _CUSTOM_EMOJI:
                    raise EntityParseError("The entity must contain a tg://emoji or tg://time URL")
                url = out[begin_in_out:].decode(errors="replace")
            else:
                i += 2
                url_begin = i
                raw = bytearray()
                while i < size and data[i] != ord(")"):
                    if data[i] == ord("\\") and 0 < _at(data, i + 1) <= 126:
                        raw.append(data[i + 1])
                        i += 2
                        continue
                    raw.append(data[i])
                    i += 1
                if _at(data, i) != ord(")"):
                    raise EntityParseError(f"Can't find end of a URL at byte offset {url_begin}")
                url = raw.decode(errors="replace")
            if kind == _CUSTOM_EMOJI:
                emoji_id = _custom_emoji_id(url)
                if emoji_id is None:
                    raise EntityParseError("Invalid tg://emoji or tg://time URL specified")
                argument = emoji_id
            elif not skip:
                link = _link_entity(url, entity_offset, utf16 - entity_offset)
                skip = link is None
        elif kind in (_BLOCKQUOTE, _EXPANDABLE_BLOCKQUOTE):
            have_blockquote = False
            out.append(c)
            can_start_blockquote = True
            utf16 += 1
            skip = False
        if not skip:
            if link is not None:
                entities.append(link)
            else:
                entities.append(_make_entity(kind, entity_offset, utf16 - entity_offset, argument))
        nested.pop()
        i += 1

    if have_blockquote and nested:
        kind = _BLOCKQUOTE
        if nested[-1][0] == _SPOILER and nested[-1][3] == size - 2:
            nested.pop()
            kind = _EXPANDABLE_BLOCKQUOTE
        if nested and nested[-1][0] == _BLOCKQUOTE:
            entity_offset = nested[-1][2]
            if utf16 != entity_offset:
                entities.append(_make_entity(kind, entity_offset, utf16 - entity_offset))
            nested.pop()
    if nested:
        raise EntityParseError(
            f"Can't find end of {nested[-1][0]} entity at byte offset {nested[-1][3]}"
        )
    sort_entities(entities)
    return out.decode(errors="replace"), entities


def parse_markdown(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Telegram's legacy Markdown parse mode."""
    data = text.encode()
    size = len(data)
    out = bytearray()
    entities: list[dict[str, Any]] = []
    utf16 = 0
    i = 0
    while i < size:
        c = data[i]
        if c == ord("\\") and _at(data, i + 1) in b"_*`[":
            i += 1
            out.append(data[i])
            utf16 += 1
            i += 1
            continue
        if c not in b"_*`[":
            if _is_first_unit(c):
                utf16 += _utf16_units(c)
            out.append(c)
            i += 1
            continue
        begin_pos = i
        end_char = ord("]") if c == ord("[") else c
        is_pre = False
        language = ""
        i += 1
        if c == ord("`") and _at(data, i) == ord("`") and _at(data, i + 1) == ord("`"):
            i += 2
            is_pre = True
            language_end = i
            while _at(data, language_end) not in _SPACES and _at(data, language_end) != ord("`"):
                language_end += 1
            if i != language_end and language_end < size and data[language_end] != ord("`"):
                language = data[i:language_end].decode(errors="replace")
                i = language_end
            if _at(data, i) in (ord("\n"), ord("\r")):
                if _at(data, i + 1) in (ord("\n"), ord("\r")) and _at(data, i) != _at(data, i + 1):
                    i += 2
                else:
                    i += 1
        entity_offset = utf16
        content_begin = len(out)
        while i < size and (
            data[i] != end_char
            or (is_pre and not (_at(data, i + 1) == ord("`") and _at(data, i + 2) == ord("`")))
        ):
            if _is_first_unit(data[i]):
                utf16 += _utf16_units(data[i])
            out.append(data[i])
            i += 1
        if i == size:
            raise EntityParseError(
                f"Can't find end of the entity starting at byte offset {begin_pos}"
            )
        if entity_offset != utf16:
            length = utf16 - entity_offset
            if c == ord("_"):
                entities.append(_make_entity(_ITALIC, entity_offset, length))
            elif c == ord("*"):
                entities.append(_make_entity(_BOLD, entity_offset, length))
            elif c == ord("["):
                if _at(data, i + 1) != ord("("):
                    url = out[content_begin:].decode(errors="replace")
                else:
                    i += 2
                    raw = bytearray()
                    while i < size and data[i] != ord(")"):
                        raw.append(data[i])
                        i += 1
                    url = raw.decode(errors="replace")
                link = _link_entity(url, entity_offset, length)
                if link is not None:
                    entities.append(link)
            elif is_pre:
                kind = _PRE_CODE if language else _PRE
                entities.append(_make_entity(kind, entity_offset, length, language))
            else:
                entities.append(_make_entity(_CODE, entity_offset, length))
        if is_pre:
            i += 2
        i += 1
    sort_entities(entities)
    return out.decode(errors="replace"), entities


_BOT_COMMAND_RE = re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>])")
_MENTION_RE = re.compile(r"(?<!\w)@[A-Za-z0-9_]{2,32}(?!\w)")
_HASHTAG_RE = re.compile(r"(?<!\w)#\w*[^\W\d]\w*(?![\w#])")
_URL_RE = re.compile(r"(?<![\w@/.])(?:https?://)[^\s<>\"]+[^\s<>\".,;:!?)\]'}]")
_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?!\w)"
)

# Auto-detected entities never overlap these "hard" ones.
_OPAQUE_TYPES = frozenset(
    {"code", "pre", "text_link", "text_mention", "custom_emoji", "url", "email"}
)


def detect_entities(text: str, existing: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Find bot_command/mention/hashtag/url/email entities the way Telegram adds them."""
    if not text:
        return []
    # Map character index -> UTF-16 offset once; texts are at most a few thousand characters.
    offsets = [0]
    for ch in text:
        offsets.append(offsets[-1] + (2 if ord(ch) > 0xFFFF else 1))
    blocked = [
        (e["offset"], e["offset"] + e["length"]) for e in existing if e["type"] in _OPAQUE_TYPES
    ]
    found: list[dict[str, Any]] = []
    for kind, pattern in (
        ("url", _URL_RE),
        ("email", _EMAIL_RE),
        ("bot_command", _BOT_COMMAND_RE),
        ("mention", _MENTION_RE),
        ("hashtag", _HASHTAG_RE),
    ):
        for match in pattern.finditer(text):
            start, end = offsets[match.start()], offsets[match.end()]
            if any(start < b_end and b_start < end for b_start, b_end in blocked):
                continue
            found.append({"type": kind, "offset": start, "length": end - start})
            blocked.append((start, end))
    return found


def _validate_explicit_entities(value: Any, text_length: int) -> list[dict[str, Any]]:
    """Validate a user-supplied entities array like the Bot API's get_text_entity."""
    if not isinstance(value, list):
        return []
    entities: list[dict[str, Any]] = []
    for raw in value:
        if not isinstance(raw, dict):
            raise bad_request("can't parse MessageEntity: expected an Object")
        for field in ("offset", "length"):
            if field not in raw:
                raise bad_request(f"can't parse MessageEntity: Can't find field \"{field}\"")
            if not isinstance(raw[field], int) or isinstance(raw[field], bool):
                raise bad_request(
                    f'can\'t parse MessageEntity: Field "{field}" must be of type Number'
                )
        kind = raw.get("type")
        if not isinstance(kind, str):
            raise bad_request("can't parse MessageEntity: Can't find field \"type\"")
        if kind not in KNOWN_ENTITY_TYPES:
            raise bad_request("can't parse MessageEntity: Unsupported type specified")
        entity: dict[str, Any] = {"type": kind, "offset": raw["offset"], "length": raw["length"]}
        if kind == "text_link":
            url = raw.get("url")
            if not isinstance(url, str):
                raise bad_request("can't parse MessageEntity: Can't find field \"url\"")
            entity["url"] = checked_link(url) or url
        elif kind == "text_mention":
            user = raw.get("user")
            if not isinstance(user, dict) or not isinstance(user.get("id"), int):
                raise bad_request("can't parse MessageEntity: Can't find field \"user\"")
            entity["user"] = {"id": user["id"]}
        elif kind == "pre" and isinstance(raw.get("language"), str) and raw["language"]:
            entity["language"] = raw["language"]
        elif kind == "custom_emoji":
            emoji_id = raw.get("custom_emoji_id")
            if not isinstance(emoji_id, str) or not emoji_id.isdigit():
                raise bad_request("can't parse MessageEntity: Can't find field \"custom_emoji_id\"")
            entity["custom_emoji_id"] = emoji_id
        elif kind == "date_time":
            if not isinstance(raw.get("unix_time"), int):
                raise bad_request("can't parse MessageEntity: Can't find field \"unix_time\"")
            entity["unix_time"] = raw["unix_time"]
            if isinstance(raw.get("date_time_format"), str):
                entity["date_time_format"] = raw["date_time_format"]
        # Telegram silently drops entities that fall outside the text; clip the same way.
        start = max(entity["offset"], 0)
        end = min(entity["offset"] + entity["length"], text_length)
        if end <= start:
            continue
        entity["offset"], entity["length"] = start, end - start
        entities.append(entity)
    sort_entities(entities)
    return entities


def _trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip surrounding whitespace like Telegram and shift/clip entities accordingly."""
    stripped_left = text.lstrip(" \t\r\n\v\f")
    left_units = utf16_len(text[: len(text) - len(stripped_left)])
    result = stripped_left.rstrip(" \t\r\n\v\f")
    total = utf16_len(result)
    kept: list[dict[str, Any]] = []
    for entity in entities:
        start = max(entity["offset"] - left_units, 0)
        end = min(entity["offset"] + entity["length"] - left_units, total)
        if end <= start:
            continue
        kept.append({**entity, "offset": start, "length": end - start})
    return result, kept


def parse_formatted_text(
    text: str,
    parse_mode: str,
    entities_value: Any,
    *,
    strict_ampersand: bool = True,
) -> tuple[str, list[dict[str, Any]]]:
    """Apply parse_mode or explicit entities, then trim and auto-detect like Telegram.

    Raises ApiError for parse failures ("Bad Request: can't parse entities: ...").
    """
    if len(text.encode()) > (1 << 15):
        raise bad_request("Text is too long")
    mode = parse_mode.lower().strip()
    entities: list[dict[str, Any]]
    if text and mode and mode != "none":
        try:
            if mode == "html":
                text, entities = parse_html(text, strict_ampersand=strict_ampersand)
            elif mode == "markdownv2":
                text, entities = parse_markdown_v2(text)
            elif mode == "markdown":
                text, entities = parse_markdown(text)
            else:
                raise bad_request("Unsupported parse_mode")
        except EntityParseError as exc:
            raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
    else:
        entities = _validate_explicit_entities(entities_value, utf16_len(text))
    text, entities = _trim(text, entities)
    entities.extend(detect_entities(text, entities))
    sort_entities(entities)
    return text, entities
