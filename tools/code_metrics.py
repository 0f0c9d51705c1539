"""Structure counts for a checkout: the before/after figures of the lifecycle refactor.

    python -m tools.code_metrics [ROOT]          # ROOT defaults to this checkout

- predicate sites: uses of a status flag as a lifecycle rule (`.is_final`, `StatusRole.X`,
  `customer_can_reply`, `is_new(`) outside the lifecycle module and the models;
- ORM calls in handlers and API views: calls on a model class (`Ticket.filter(...)`, one per
  chain), on a row (`.save()`, `.delete()`, `.fetch_related()`, `.refresh_from_db()`) and
  `in_transaction(`;
- handlers: functions that handlers/ registers (`*.register(fn, ...)` or `@router.x(...)`)
  and how many are longer than 15 lines (from `def` to the last line);
- service modules that import aiogram or the presentation (bot.ui);
- import cycles among the project's modules (imports inside functions included);
- mypy errors: `mypy` as configured in pyproject.toml when it has [tool.mypy], else on
  bot/ handlers/ admin_api/ with --ignore-missing-imports; errors in the project's packages
  only (not in sandbox/ or tests/, which mypy follows imports into).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tools.import_graph import find_cycles, import_graph, module_paths

PACKAGES = ("bot", "handlers", "admin_api", "console", "models")
PREDICATE = re.compile(r"\.is_final\b|StatusRole\.[A-Z_]+|customer_can_reply|\bis_new\(")
ROW_METHODS = {"save", "delete", "fetch_related", "refresh_from_db"}
LONG = 15


def sources(root: Path, *packages: str) -> list[Path]:
    return sorted(p for pkg in packages for p in (root / pkg).rglob("*.py"))


def predicate_sites(root: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in sources(root, "bot", "handlers", "admin_api", "console"):
        rel = str(path.relative_to(root))
        if rel == "bot/services/lifecycle.py":
            continue
        for line in path.read_text().splitlines():
            code = line.split("#", 1)[0]
            counts[rel] += len(PREDICATE.findall(code))
    return +counts


def model_names(root: Path) -> set[str]:
    names: set[str] = set()
    for path in sources(root, "models"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef):
                names.add(node.name)
    return names


def orm_calls(root: Path) -> Counter[str]:
    models = model_names(root)
    counts: Counter[str] = Counter()
    for path in sources(root, "handlers") + sources(root, "admin_api/views"):
        tree = ast.parse(path.read_text())
        imported = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("models")
            for alias in node.names
            if alias.name in models
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute):
                on_model = isinstance(func.value, ast.Name) and func.value.id in imported
                if on_model or func.attr in ROW_METHODS:
                    counts[str(path.relative_to(root))] += 1
            elif isinstance(func, ast.Name) and func.id == "in_transaction":
                counts[str(path.relative_to(root))] += 1
    return +counts


def handlers(root: Path) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for path in sources(root, "handlers"):
        tree = ast.parse(path.read_text())
        registered: set[str] = set()
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "register"
                and node.args
                and isinstance(node.args[0], ast.Name)
            ):
                registered.add(node.args[0].id)
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            decorated = any(
                isinstance(d, ast.Call)
                and isinstance(d.func, ast.Attribute)
                and isinstance(d.func.value, ast.Attribute)
                for d in node.decorator_list
            )
            if node.name in registered or decorated:
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                found.append((f"{path.relative_to(root)}:{node.name}", length))
    return found


def import_cycles(root: Path) -> list[list[str]]:
    return find_cycles(import_graph(module_paths(root, PACKAGES), deferred=True))


def presentation_in_services(root: Path) -> list[str]:
    offenders = []
    for path in sources(root, "bot/services"):
        text = path.read_text()
        if re.search(r"^\s*(from|import) (aiogram|bot\.ui)\b", text, re.M):
            offenders.append(str(path.relative_to(root)))
    return offenders


def mypy_errors(root: Path) -> int | None:
    mypy = Path(sys.executable).with_name("mypy")
    if not mypy.exists():
        return None
    configured = "[tool.mypy]" in (root / "pyproject.toml").read_text()
    args = [str(mypy)] if configured else [str(mypy), "bot", "handlers", "admin_api"]
    if not configured:
        args.append("--ignore-missing-imports")
    # The arguments are this script's own, no input of anyone's.
    run = subprocess.run(args, cwd=root, capture_output=True, text=True, check=False)  # noqa: S603
    ours = tuple(f"{package}/" for package in PACKAGES)
    return sum(
        1 for line in run.stdout.splitlines() if ": error:" in line and line.startswith(ours)
    )


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent).resolve()
    predicates = predicate_sites(root)
    print(f"predicate sites: {sum(predicates.values())} in {len(predicates)} files")
    for name, n in predicates.most_common():
        print(f"    {n:3} {name}")
    orm = orm_calls(root)
    print(f"ORM calls in handlers and API views: {sum(orm.values())} in {len(orm)} files")
    for name, n in orm.most_common():
        print(f"    {n:3} {name}")
    found = handlers(root)
    long = sorted((n, name) for name, n in found if n > LONG)
    print(f"handlers: {len(found)}, longer than {LONG} lines: {len(long)}")
    for n, name in reversed(long):
        print(f"    {n:3} {name}")
    offenders = presentation_in_services(root)
    total = len(sources(root, "bot/services"))
    print(f"service modules importing aiogram or bot.ui: {len(offenders)} of {total}")
    for name in offenders:
        print(f"    {name}")
    cycles = import_cycles(root)
    print(f"import cycles: {len(cycles)}")
    for cycle in cycles:
        print("    " + " <-> ".join(cycle))
    errors = mypy_errors(root)
    print(f"mypy errors: {'mypy not installed' if errors is None else errors}")


if __name__ == "__main__":
    main()
