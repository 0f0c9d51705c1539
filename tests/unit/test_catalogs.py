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
