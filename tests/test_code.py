"""The code's shape, as docs/code-map.md promises it: each stage depends only on those before it (no module imports
one that imports it back, at any depth and in any function, type-checking imports included), and no module grows
past what a newcomer reads in one sitting."""
from __future__ import annotations

import ast
from pathlib import Path

from campaign.options import TOOL

LONGEST = 400
"""Lines a module may have: past this, a capability wants a module (or a room) of its own."""


def modules(root: Path) -> dict[str, Path]:
    """Dotted name → file, for every module of the package under `root`."""
    found = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that `name` imports anywhere in its file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            module = (f"{base}.{node.module}" if node.module else base) if node.level else node.module or ""
            targets = [f"{module}.{alias.name}" if f"{module}.{alias.name}" in known else module for alias in node.names]
        else:
            continue
        for target in targets:
            while target not in known and "." in target:
                target = target.rpartition(".")[0]
            if target in known and target != name:
                found.add(target)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import one another in a circle (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def graph_of(root: Path) -> dict[str, set[str]]:
    known = modules(root)
    return {name: imported(name, path, known) for name, path in known.items()}


def test_no_module_imports_one_that_imports_it_back() -> None:
    assert cycles(graph_of(TOOL)) == []


def test_a_cycle_is_found_at_any_depth(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "inner").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "inner" / "__init__.py").write_text("")
    (package / "a.py").write_text("from .inner import b\n")
    (package / "inner" / "b.py").write_text("def f():\n    from ..c import g\n")
    (package / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n")
    (package / "d.py").write_text("import pkg.a\n")
    assert cycles(graph_of(package)) == [["pkg.a", "pkg.c", "pkg.inner.b"]]


def test_every_module_reads_in_one_sitting() -> None:
    long = {str(path.relative_to(TOOL.parent)): lines for path in TOOL.rglob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST}
    assert long == {}


def test_no_module_uses_a_name_it_does_not_define() -> None:
    """pyflakes over the tool's code: a name used but never imported or defined fails only when its line runs (a
    layout's help block once raised NameError in every print worker, which no unit test of that module reached)."""
    from pyflakes.api import checkPath
    from pyflakes.reporter import Reporter

    found: list[str] = []

    class Collect(Reporter):
        def __init__(self) -> None:
            pass

        def flake(self, message: object) -> None:
            if type(message).__name__ in ("UndefinedName", "UndefinedLocal", "UndefinedExport"):
                found.append(str(message))

        def syntaxError(self, filename: str, msg: str, lineno: int, offset: int, text: str) -> None:  # noqa: N802
            found.append(f"{filename}:{lineno}: {msg}")

        def unexpectedError(self, filename: str, msg: str) -> None:  # noqa: N802
            found.append(f"{filename}: {msg}")

    for path in sorted(TOOL.rglob("*.py")) + sorted((TOOL.parent / "scripts").glob("*.py")):
        checkPath(str(path), Collect())
    assert found == []
