"""SQLite's search by GLOB (fewer than three characters, the walk of the list's first
tickets) folds letter case exactly as FTS5's trigram index does, for every character."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from bot.services import text_search


def fts5_folds(chars: list[str]) -> dict[str, str]:
    """What FTS5's trigram tokenizer (case_sensitive 0) makes of each character."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram case_sensitive 0')")
        db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        db.execute("INSERT INTO t (x) VALUES (?)", ("|" + "|".join(chars) + "|",))
        rows = db.execute("SELECT term, offset FROM v").fetchall()
    finally:
        db.close()
    return {chars[offset // 2]: term[1] for term, offset in rows if offset % 2 == 0}


def test_glob_classes_are_fts5s_folding_of_every_character():
    # Every character below U+1F000 (all of those with a case; none above folds), not
    # only those Python calls cased: the classes are built from Python's list, FTS5
    # decides. (SQLite reads the non-characters U+FFFE and U+FFFF as U+FFFD, in FTS5 and
    # GLOB alike: no folding.)
    chars = [
        chr(i)
        for i in range(0x20, 0x1F000)
        if not 0xD800 <= i < 0xE000 and i not in (0xFFFE, 0xFFFF) and chr(i) != "|"
    ]
    folds = fts5_folds(chars)
    assert len(folds) == len(chars)
    alike: defaultdict[str, set[str]] = defaultdict(set)
    for char, fold in folds.items():
        alike[fold].add(char)
    classes = text_search.fold_classes()
    for char in chars:
        assert set(classes.get(char, char)) == alike[folds[char]], hex(ord(char))
    # What that means for a few alphabets.
    assert classes["я"] == "Яя" and classes["Ё"] == "Ёё" and classes["k"] == "Kk\u212a"
    assert classes["σ"] == "Σςσ" and "е" not in classes["ё"]


def test_a_glob_pattern_takes_every_character_literally():
    assert text_search.glob_patterns("a*") == ["*A[*]*", "*a[*]*"]
    assert text_search.glob_patterns("?[") == ["*[?][[]*"]
    assert text_search.glob_patterns("1]") == ["*1]*"]
    assert text_search.glob_patterns("Ёж!") == ["*[Ёё][Жж]!*"]
    assert text_search.glob_patterns("a^-") == ["*[Aa]^-*"]


def test_an_fts5_phrase_takes_every_character_literally():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram case_sensitive 0')")
    texts = ['say "hi" OR NEAR(x, y) -z ^a *b* col:1 {c} + AND NOT', "hi OR x", "plain"]
    db.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", enumerate(texts, 1))
    for query, found in [
        ('"hi" OR', [1]),
        ("hi OR", [2]),
        ("y) -z ^a *b", [1]),
        ("col:1 {c}", [1]),
        ("AND NOT", [1]),
        ('""', []),
        ("hi NEAR", []),
        ("plain OR x", []),
    ]:
        phrase = text_search.fts_phrase(query)
        rows = db.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid", (phrase,))
        assert [r[0] for r in rows] == found, query
