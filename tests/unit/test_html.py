"""Splitting and trimming Telegram HTML: limits kept, markup never broken."""

import re

import pytest

from bot.ui.html import (
    CAPTION_LIMIT,
    MESSAGE_LIMIT,
    escape,
    split_html,
    trim_html,
    utf16_len,
    visible_length,
    visible_text,
)


def _balanced(chunk: str) -> bool:
    stack = []
    for closing, name in re.findall(r"<(/?)([a-z-]+)[^>]*>", chunk):
        if closing:
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


def test_escape_neutralises_markup_a_customer_typed():
    assert escape("<b>x</b> & <script>") == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;"
    assert visible_length(escape("a<b")) == 3


def test_visible_length_counts_utf16_like_telegram():
    assert utf16_len("😀") == 2
    assert visible_length("<b>😀</b>&amp;") == 3


def test_short_text_is_one_chunk_and_empty_is_none():
    assert split_html("<b>hi</b>") == ["<b>hi</b>"]
    assert split_html("   ") == []


def test_long_plain_text_splits_at_paragraphs_within_limit():
    paragraph = ("word " * 150).strip()  # 749 characters
    text = "\n\n".join([paragraph] * 12)
    chunks = split_html(text, MESSAGE_LIMIT)
    assert len(chunks) >= 2
    assert all(visible_length(c) <= MESSAGE_LIMIT for c in chunks)
    # Nothing is lost or duplicated, and cuts fall between paragraphs.
    assert sorted(visible_text("\n\n".join(chunks)).split()) == sorted(text.split())
    assert all(c.endswith("word") for c in chunks)


def test_tags_open_at_a_cut_are_closed_and_reopened():
    text = "<b>" + "x" * 5000 + "</b> tail <i>" + "y" * 5000 + "</i>"
    chunks = split_html(text, MESSAGE_LIMIT)
    assert all(_balanced(c) for c in chunks)
    assert all(visible_length(c) <= MESSAGE_LIMIT for c in chunks)
    assert chunks[1].startswith("<b>")
    joined = "".join(visible_text(c) for c in chunks)
    assert joined == visible_text(text)


def test_entities_are_never_cut_in_half():
    text = "&amp;" * 5000
    chunks = split_html(text, MESSAGE_LIMIT)
    assert all(not re.search(r"&[a-z]*$", c) for c in chunks)
    assert sum(visible_length(c) for c in chunks) == 5000


@pytest.mark.parametrize("limit", [CAPTION_LIMIT, MESSAGE_LIMIT])
def test_trim_marks_the_cut(limit):
    text = "<b>" + "z" * (limit * 2) + "</b>"
    trimmed = trim_html(text, limit)
    assert visible_length(trimmed) == limit
    assert trimmed.endswith("…") and _balanced(trimmed)
    assert trim_html("short", limit) == "short"
