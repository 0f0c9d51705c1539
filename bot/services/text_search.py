"""Free-text matching of tickets on SQLite: a case-insensitive substring of the subject
or of a message's text, in any alphabet.

Three characters or more are looked up in the FTS5 trigram indexes of migration 10
(`ticket_subject_fts`, `message_text_fts`, kept in step by triggers): the text is one
FTS5 phrase, so whatever was typed (`"`, `*`, `OR`, `NEAR(`, `-`, `%`, `_`) is only
characters, and a phrase of trigrams at consecutive positions is exactly a substring.
The trigram tokenizer cannot look up fewer than three characters: those read the texts
with GLOB instead. GLOB is also the test of a few given tickets (`*_test`), where an
index lookup would cost more than reading their texts. In a GLOB pattern each
character is the class of characters FTS5 folds to the same one (`[Aa]`, `[Яя]`,
`[Σςσ]`), so every way finds the same rows.

Case folding is FTS5's (simple per-character Unicode folding, no diacritics removed)
where SQLite's LIKE and UPPER fold only ASCII: "привет" finds "ПРИВЕТ". PostgreSQL
does not come here: its ILIKE-style matches on trigram indexes (migration 3) fold
Unicode case already.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections import defaultdict
from functools import cache
from typing import Any

from pypika_tortoise.context import SqlContext
from pypika_tortoise.terms import Term, ValueWrapper

# The trigram tokenizer's shortest searchable text.
TRIGRAM = 3
# Every character with a case in Unicode lies below this (Adlam is the last cased script).
_CASED_BELOW = 0x1F000
_GLOB_SPECIAL = frozenset("*?[")


class Sql(Term):
    """A subquery the ORM cannot express (MATCH, GLOB, a correlated test), `{}` in
    `template` standing for each value in turn. The values stay parameters, rendered
    where the ORM renders its own."""

    def __init__(self, template: str, *values: Any, enclosed: bool = True) -> None:
        super().__init__()
        self.template = template
        self.values = values
        self.enclosed = enclosed

    def get_sql(self, ctx: SqlContext) -> str:
        pieces = self.template.split("{}")
        assert len(pieces) == len(self.values) + 1, self.template
        out = [pieces[0]]
        for value, piece in zip(self.values, pieces[1:], strict=True):
            out.append(value.get_sql(ctx) if isinstance(value, Term) else _param(value, ctx))
            out.append(piece)
        return "(" + "".join(out) + ")" if self.enclosed else "".join(out)


def _param(value: Any, ctx: SqlContext) -> str:
    return ValueWrapper(value).get_sql(ctx)


def fts_phrase(text: str) -> str:
    """`text` as one FTS5 phrase: double quotes inside are doubled, nothing else is
    syntax inside a phrase."""
    return '"' + text.replace('"', '""') + '"'


def subject_ids(text: str) -> Sql:
    """`id` of every ticket whose subject holds `text`, in no order."""
    if len(text) >= TRIGRAM:
        return Sql(
            'SELECT "rowid" AS "id" FROM "ticket_subject_fts" WHERE "ticket_subject_fts" MATCH {}',
            fts_phrase(text),
        )
    return _globbed('SELECT "id" FROM "ticket" WHERE {}', '"subject"', text)


def message_ticket_ids(text: str) -> Sql:
    """`id` of the ticket of every message whose text holds `text` (once per message),
    in no order."""
    if len(text) >= TRIGRAM:
        return Sql(
            'SELECT "m"."ticket_id" AS "id" FROM "message_text_fts" JOIN "message" AS "m" '
            'ON "m"."id" = "message_text_fts"."rowid" WHERE "message_text_fts" MATCH {}',
            fts_phrase(text),
        )
    return _globbed('SELECT "ticket_id" AS "id" FROM "message" WHERE {}', '"text"', text)


def subject_test(text: str) -> Sql:
    """The ticket of the enclosing query (`"ticket"`) if its subject holds `text`."""
    return _globbed(
        'SELECT "s"."id" FROM "ticket" AS "s" WHERE "s"."id" = "ticket"."id" AND {}',
        '"s"."subject"',
        text,
    )


def message_test(text: str) -> Sql:
    """The ticket of the enclosing query (`"ticket"`) if one of its messages holds `text`."""
    return _globbed(
        'SELECT "m"."ticket_id" FROM "message" AS "m" WHERE "m"."ticket_id" = "ticket"."id" AND {}',
        '"m"."text"',
        text,
    )


def _globbed(template: str, column: str, text: str) -> Sql:
    """`template` with `{}` as the test that `column` holds `text`."""
    patterns = glob_patterns(text)
    test = "(" + " OR ".join(f"{column} GLOB {{}}" for _ in patterns) + ")"
    return Sql(template.replace("{}", test), *patterns)


def glob_patterns(text: str) -> list[str]:
    """GLOB patterns of which one matches where `text` is: one with a class per
    character (`*[Aa][Bb]*`), or for one or two characters every spelling of them
    (`*ab*`, `*aB*`, …: SQLite skips to a literal fast, a class it tries everywhere)."""
    classes = [fold_classes().get(char, char) for char in text]
    if len(text) < TRIGRAM:
        return [
            "*" + "".join(map(_glob_literal, spelling)) + "*"
            for spelling in itertools.product(*classes)
        ]
    return ["*" + "".join(f"[{c}]" if len(c) > 1 else _glob_literal(c) for c in classes) + "*"]


def _glob_literal(char: str) -> str:
    # Only letters have case, so a class never holds `]`, `^` or `-`.
    return f"[{char}]" if char in _GLOB_SPECIAL else char


@cache
def fold_classes() -> dict[str, str]:
    """Each character FTS5 folds together with another: all of that fold's characters.

    Asked of the SQLite library the process runs on (its FTS5 tables decide, not
    Python's Unicode version), for every character Python knows to have a case: one
    in-memory document of them, each between separators, read back through fts5vocab.
    About 60 ms, once per process, at its first search.
    """
    cased = [c for c in map(chr, range(_CASED_BELOW)) if c.lower() != c or c.upper() != c]
    separator = "\x01"
    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram case_sensitive 0')")
        db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        db.execute("INSERT INTO t (x) VALUES (?)", (separator + separator.join(cased) + separator,))
        # Token i is the trigram starting at character i: even ones are <sep, c, sep>.
        folded = {
            cased[offset // 2]: term[1]
            for term, offset in db.execute("SELECT term, offset FROM v")
            if offset % 2 == 0
        }
    finally:
        db.close()
    groups: defaultdict[str, set[str]] = defaultdict(set)
    for char, fold in folded.items():
        groups[fold] |= {char, fold}
    classes = ["".join(sorted(group)) for group in groups.values() if len(group) > 1]
    return {char: same for same in classes for char in same}
