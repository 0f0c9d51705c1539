"""The project's modules import each other one way: no module-level import cycle.

A cycle works only as long as each module's top-level names are bound before the other
needs them, and breaks on an innocent reordering (the import inside a function that
hid the wizard <-> follow-up cycle was one). Every module is imported for real, and
the graph of its module-level imports (read with ast; imports inside functions and
under `if TYPE_CHECKING:` do not run at import time) is checked for cycles."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from tools.import_graph import (
    find_cycles,
    import_graph,
    module_paths,
)

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "admin_api")
# Imported by those packages; part of the graph, so a cycle through them counts too.
ALSO_IN_GRAPH = ("models", "console")


def test_every_module_imports() -> None:
    for name in module_paths(ROOT, PACKAGES):
        importlib.import_module(name)


def test_no_import_cycle() -> None:
    graph = import_graph(module_paths(ROOT, PACKAGES + ALSO_IN_GRAPH))
    cycles = find_cycles(graph)
    assert not cycles, "module-level import cycles:\n" + "\n".join(
        " <-> ".join(component) for component in cycles
    )


def test_no_cycle_through_an_import_inside_a_function() -> None:
    """An import deferred into a function only hides a cycle (the wizard <-> follow-up
    one was such). The console is left out: it defers its pages' imports so that a
    process nobody opens the console of never loads them (tests/unit/
    test_startup_imports.py), and its app and pages refer to each other that way."""
    cycles = find_cycles(import_graph(module_paths(ROOT, (*PACKAGES, "models")), deferred=True))
    assert not cycles, "import cycles through imports inside functions:\n" + "\n".join(
        " <-> ".join(component) for component in cycles
    )


def test_a_deferred_import_counts_when_asked(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import handlers.customer\n"
        "def f():\n    from handlers.customer import followup\n"
    )
    modules = {
        "handlers.customer": ROOT / "handlers/customer/__init__.py",
        "handlers.customer.followup": ROOT / "handlers/customer/followup.py",
        "handlers.customer.m": module,
    }
    assert import_graph(modules)["handlers.customer.m"] == set()
    assert import_graph(modules, deferred=True)["handlers.customer.m"] == {
        "handlers.customer.followup"
    }


def test_a_cycle_is_found() -> None:
    """The check itself: a two-module cycle and a longer one are reported, a chain not."""
    graph = {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"e"}, "e": {"c"}, "f": {"a"}}
    assert sorted(find_cycles(graph)) == [["a", "b"], ["c", "d", "e"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import handlers.customer.wizard", {"handlers.customer.wizard"}),
        ("from handlers.customer import followup", {"handlers.customer.followup"}),
        ("from handlers.customer import router", {"handlers.customer"}),
        ("def f():\n    from handlers.customer import followup", set()),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from handlers.customer import followup",
            set(),
        ),
        ("from . import followup", {"handlers.customer.followup"}),
    ],
)
def test_what_counts_as_an_import(tmp_path: Path, source: str, expected: set[str]) -> None:
    module = tmp_path / "m.py"
    module.write_text(source)
    modules = {
        "handlers.customer": ROOT / "handlers/customer/__init__.py",
        "handlers.customer.wizard": ROOT / "handlers/customer/wizard.py",
        "handlers.customer.followup": ROOT / "handlers/customer/followup.py",
        "handlers.customer.m": module,
    }
    assert import_graph(modules)["handlers.customer.m"] == expected
