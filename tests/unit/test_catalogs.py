"""Every text the code marks for translation has a Russian translation."""

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import LOCALES_DIR, load_catalogs


def test_russian_catalog_is_complete_and_current():
    root = LOCALES_DIR.parents[1]
    keywords = {"_": None, "gettext": None, "__": None, "N_": None}
    # The console's pages are Jinja2 templates (babel.cfg, as `make locales` reads them).
    method_map = [("**.py", "python"), ("**.html", "jinja2")]
    wanted = {
        message
        for folder in ("bot", "handlers", "console")
        for _, _, message, _, _ in extract_from_dir(
            root / folder, method_map=method_map, keywords=keywords
        )
        if isinstance(message, str)
    }
    assert wanted
    with (LOCALES_DIR / "ru" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        russian = {m.id: m.string for m in read_po(source, locale="ru") if m.id}
    assert wanted - set(russian) == set(), "run `make locales` and translate"
    assert [m for m in wanted if not russian[m]] == []


def test_catalogs_load_without_compiled_files():
    catalogs = load_catalogs()
    assert set(catalogs) >= {"en", "ru"}
    assert catalogs["ru"].gettext("Choose your language:") == "Выберите язык:"
    assert not list(LOCALES_DIR.rglob("*.mo"))


def test_every_catalog_parses_cleanly_and_holds_the_same_texts():
    """Merged catalogs stay well formed: an entry cut in half (a msgid without its
    msgstr) is an error, not a warning, and all three hold the same msgids."""
    paths = [
        LOCALES_DIR / "messages.pot",
        LOCALES_DIR / "en" / "LC_MESSAGES" / "messages.po",
        LOCALES_DIR / "ru" / "LC_MESSAGES" / "messages.po",
    ]
    ids = []
    for path in paths:
        with path.open("rb") as source:
            catalog = read_po(source, abort_invalid=True)
        ids.append({m.id for m in catalog if m.id})
    assert ids[0] == ids[1] == ids[2]
