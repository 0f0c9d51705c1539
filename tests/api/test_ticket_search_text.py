"""The ticket list's `q` as text: a case-insensitive substring of the subject or of any
message, in any alphabet, whatever characters it holds. On SQLite three characters or
more come from the FTS5 trigram indexes of migration 10 (after a walk of the list's
first tickets), fewer from GLOB: every way finds exactly what a recount finds.
PostgreSQL (ILIKE-style matches) answers the same."""

from __future__ import annotations

import random
from urllib.parse import quote

import pytest

from bot.db import connection, dialect_of
from bot.i18n import create_i18n
from bot.presentation import mirror
from bot.services import ticket_queries
from models import Message, MessageLink, Ticket
from models.enums import MessageKind, Side
from tests.factories import make_desk, open_ticket


async def numbers_found(client, q: str, **params) -> list[int]:
    """Every ticket the search finds, page after page (small pages: the cursor and the
    parts' merge are in play), checked against the total."""
    query = "&".join(
        [f"q={quote(q, safe='')}", "limit=3", *(f"{k}={v}" for k, v in params.items())]
    )
    numbers: list[int] = []
    cursor = None
    while True:
        status, page = await client.get(
            f"/api/v1/tickets?{query}" + (f"&cursor={cursor}" if cursor else "")
        )
        assert status == 200, (q, page)
        assert page["total_exact"] is True, q
        numbers += [t["number"] for t in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert page["total"] == len(numbers), q
    return numbers


async def index_is_in_step() -> None:
    """FTS5 checks its indexes against the rows they index (SQLite)."""
    for table in ("ticket_subject_fts", "message_text_fts"):
        await connection().execute_script(
            f'INSERT INTO "{table}" ("{table}", rank) VALUES (\'integrity-check\', 1)'
        )


@pytest.fixture
async def desk(db):
    desk = await make_desk()
    opened = [
        (desk.alice, "Не работает VPN", "Добрый день! ПРИНТЕР печатает пустые листы"),
        (desk.carl, "Invoice for MARCH", "The Router blinks RED since Monday"),
        (desk.alice, 'Quote "x" and *star*', "use OR NEAR(a b) -minus ^caret col:umn {brace} + ?"),
        (desk.carl, "Ёлка", "Ёжик в тумане; λόγος ΣΟΦΊΑ"),
        (desk.alice, "Printer", "Paper jam in tray 2 [a-z]"),
    ]
    desk.tickets = [
        await open_ticket(who, desk.tech, subject, text) for who, subject, text in opened
    ]
    # Texts under three characters are in no trigram; a later message, in capitals.
    await Message.create(ticket=desk.tickets[1], kind=MessageKind.AGENT, text="ок")
    await Message.create(ticket=desk.tickets[4], kind=MessageKind.NOTE, text="ПЕЧАТАЕТ ОПЯТЬ")
    return desk


@pytest.mark.parametrize(
    ("q", "numbers"),
    [
        ("принтер", [1001]),
        ("ПРИНТЕР", [1001]),
        ("пРиНтЕр", [1001]),
        ("не РАБОТАЕТ", [1001]),
        ("печатает", [1005, 1001]),  # a note in capitals, a description in lower case
        ("vpn", [1001]),
        ("march", [1002]),
        ("router BLINKS red", [1002]),
        ("ёлка", [1004]),
        ("ЁЖИК В", [1004]),
        ("елка", []),  # е and ё are letters of their own
        ("σοφία", [1004]),
        ("ΛΌΓΟΣ", [1004]),  # final sigma and capital sigma fold alike
        ("printer", [1005]),  # the latin subject, not the cyrillic ПРИНТЕР
        ("ok", []),
        ("ОК", [1002]),  # a message of two characters
        ("о", [1005, 1002, 1001]),  # one character: о, О; not the latin o
        ("o", [1003, 1002]),
        ("Ё", [1004]),
        ("ы", [1001]),
        ("Ы", [1001]),
        ("ЁЖ", [1004]),
        ("  router  ", [1002]),  # the text without the spaces around it
        ("1004", [1004]),  # the number
        ("#1002", [1002]),
    ],
)
async def test_a_substring_in_any_letter_case_and_alphabet(client, desk, q, numbers):
    assert await numbers_found(client, q) == numbers


@pytest.mark.parametrize(
    ("q", "numbers"),
    [
        ('"', [1003]),
        ('"x"', [1003]),
        ('""', []),
        ('x" and', [1003]),
        ("*", [1003]),
        ("*star*", [1003]),
        ("star*", [1003]),
        ("*s", [1003]),
        ("a*", []),
        ("OR", [1003, 1002]),  # "use OR", "fOR"
        ("use OR NEAR", [1003]),
        ("NEAR(", [1003]),
        ("NEAR(a b)", [1003]),
        ("a OR b", []),  # not "a" or "b": the words in this order
        ("march OR router", []),
        ("-minus", [1003]),
        ("-", [1005, 1003]),
        ("^caret", [1003]),
        ("^", [1003]),
        ("col:umn", [1003]),
        ("{brace}", [1003]),
        ("+ ?", [1003]),
        ("?", [1003]),
        ("[", [1005]),
        ("[a-z]", [1005]),
        ("a-z", [1005]),
        ("[b-z]", []),  # no class: the characters
        ("]", [1005]),
        ("NOT", []),
        ("AND", [1003]),
        ("%", []),
        ("_", []),
        ("\\", []),
        ("'", []),
        ("';--", []),
    ],
)
async def test_search_syntax_is_only_characters(client, desk, q, numbers):
    assert await numbers_found(client, q) == numbers


# Latin, Cyrillic, Greek letters in both cases, digits, and what a query language or
# a pattern would treat specially.
ALPHABET = 'abcxABCXабвяАБВЯσςΣ12 "*?[]-%_():^'


def spelled(text: str, rng: random.Random) -> str:
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)


@pytest.mark.parametrize("walk", [4, 1000])
async def test_every_search_finds_what_a_recount_finds(client, db, monkeypatch, walk):
    """Random tickets and messages, random searches (parts of the texts in other letter
    case, and made up): the API finds exactly the tickets a recount in Python finds
    (casefold: for these letters what FTS5 and PostgreSQL's UPPER fold), in the list's
    order, page by page. A walk of 4 tickets mostly falls back to the index;
    a walk of all of them mostly finds the page in the walk."""
    monkeypatch.setattr(ticket_queries, "_WALK", walk)
    rng = random.Random(20261207 + walk)
    desk = await make_desk()

    def some_text(low: int, high: int) -> str:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(low, high)))

    for n in range(40):
        who = desk.alice if n % 2 else desk.carl
        subject = some_text(1, 12).strip() or "x"
        ticket = await open_ticket(who, desk.billing if n % 3 else desk.tech, subject, "start")
        for _ in range(rng.randint(0, 3)):
            kind = rng.choice([MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.NOTE])
            await Message.create(ticket=ticket, kind=kind, text=some_text(0, 14))

    tickets = await Ticket.all().prefetch_related("messages")
    texts = {t.number: [t.subject, *(m.text for m in t.messages)] for t in tickets}
    everything = [text for each in texts.values() for text in each if text]
    queries = set()
    while len(queries) < 60:
        source = rng.choice(everything)
        start = rng.randrange(len(source))
        piece = source[start : start + rng.randint(1, 5)]
        queries.add(spelled(piece, rng).strip() or "a")
    queries |= {some_text(1, 4).strip() or "b" for _ in range(20)}

    for q in sorted(queries):
        number = q.lstrip("#")
        expected = {
            n
            for n, each in texts.items()
            if any(q.casefold() in text.casefold() for text in each)
            or (number.isascii() and number.isdigit() and int(number) == n)
        }
        sort = rng.choice(list(ticket_queries.SORTS))
        found = await numbers_found(client, q, sort=sort)
        assert set(found) == expected, q
        field = sort.lstrip("-")
        keyed = {t.number: (getattr(t, field), t.id) for t in tickets}
        in_order = sorted(expected, key=keyed.__getitem__, reverse=sort.startswith("-"))
        assert found == in_order, (q, sort)
    if dialect_of(db) == "sqlite":
        await index_is_in_step()


async def test_the_index_follows_edits_and_deletions(client, desk, database_url):
    ticket = desk.tickets[1]  # Invoice for MARCH / The Router blinks RED since Monday
    first = await Message.filter(ticket=ticket).order_by("id").first()
    await MessageLink.create(
        message=first, ticket=ticket, side=Side.CUSTOMER, chat_id=502, telegram_message_id=77
    )
    with create_i18n("en").context():  # the staff copy's text is rendered
        assert await mirror.customer_edited(502, 77, "The modem is dead", desk.carl)
    assert await numbers_found(client, "router") == []
    assert await numbers_found(client, "Modem IS") == [1002]
    assert await numbers_found(client, "ro") == []  # nor two of its characters

    await Ticket.filter(id=ticket.id).update(subject="Счёт за март")
    assert await numbers_found(client, "invoice") == []
    assert await numbers_found(client, "СЧЁТ") == [1002]

    # The ticket goes, and its messages with it (the foreign key's cascade).
    await Ticket.filter(id=desk.tickets[3].id).delete()
    assert await numbers_found(client, "ёжик") == []
    assert await numbers_found(client, "ёлка") == []
    if dialect_of(database_url) == "sqlite":
        await index_is_in_step()
