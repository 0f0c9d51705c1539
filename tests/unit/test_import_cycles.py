"""The project's modules import each other one way: no module-level import cycle.

A cycle works only as long as each module's top-level names are bound before the other
needs them, and breaks on an innocent reordering (the import inside a function that
hid the wizard <-> follow-up cycle was one). Every module is imported for real, and
the graph of its module-level imports (read with ast; imports inside functions and
under `if TYPE_CHECKING:` do not run at import time) is checked for cycles."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "admin_api")
# Imported by those packages; part of the graph, so a cycle through them counts too.
ALSO_IN_GRAPH = ("models", "console")


def _modules(packages: tuple[str, ...]) -> dict[str, Path]:
    found = {}
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """The imports that run when the module is imported (not those in functions or
    classes' methods, nor under `if TYPE_CHECKING:`)."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If):
            if not _type_checking(node.test):
                pending += node.body
            pending += node.orelse
        elif isinstance(node, ast.Try):
            pending += node.body + node.orelse + node.finalbody
            for handler in node.handlers:
                pending += handler.body
        elif isinstance(node, ast.With):
            pending += node.body
    return found


def _all_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Every import, those inside functions included (not under `if TYPE_CHECKING:`)."""
    hidden = {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _type_checking(node.test)
        for sub in ast.walk(node)
    }
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in hidden
    ]


def _graph(modules: dict[str, Path], *, deferred: bool = False) -> dict[str, set[str]]:
    """Who imports whom: at module level, or also inside functions (`deferred`)."""
    graph: dict[str, set[str]] = {name: set() for name in modules}
    imports = _all_imports if deferred else _top_level_imports
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in imports(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from package import module` depends on the module; a name defined
                # in the package depends on the package.
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in node.names
                ]
            graph[name] |= {target for target in targets if target in modules} - {name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_every_module_imports() -> None:
    for name in _modules(PACKAGES):
        importlib.import_module(name)


def test_no_import_cycle() -> None:
    graph = _graph(_modules(PACKAGES + ALSO_IN_GRAPH))
    cycles = _cycles(graph)
    assert not cycles, "module-level import cycles:\n" + "\n".join(
        " <-> ".join(component) for component in cycles
    )


def test_no_cycle_through_an_import_inside_a_function() -> None:
    """An import deferred into a function only hides a cycle (the wizard <-> follow-up
    one was such). The console is left out: it defers its pages' imports so that a
    process nobody opens the console of never loads them (tests/unit/
    test_startup_imports.py), and its app and pages refer to each other that way."""
    cycles = _cycles(_graph(_modules((*PACKAGES, "models")), deferred=True))
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
    assert _graph(modules)["handlers.customer.m"] == set()
    assert _graph(modules, deferred=True)["handlers.customer.m"] == {"handlers.customer.followup"}


def test_a_cycle_is_found() -> None:
    """The check itself: a two-module cycle and a longer one are reported, a chain not."""
    graph = {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"e"}, "e": {"c"}, "f": {"a"}}
    assert sorted(_cycles(graph)) == [["a", "b"], ["c", "d", "e"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


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
    assert _graph(modules)["handlers.customer.m"] == expected
