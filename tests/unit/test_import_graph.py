"""The package's imports read top to bottom: no module imports, directly or round a loop, one that imports it,
and no module hides an import of ours inside a function (the usual way to dodge such a loop)."""

from __future__ import annotations

import ast
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).resolve().parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _targets(module: str, node: ast.AST) -> list[str]:
    """The package modules an import statement runs: the one named, and the packages above it, except the
    importing module's own packages, which Python has begun to run before it (a package's __init__ may import
    its modules)."""
    is_package = MODULES[module].name == "__init__.py"
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            base = module.split(".") if is_package else module.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            origin = ".".join(base + ([node.module] if node.module else []))
        else:
            origin = node.module or ""
        # `from pkg import name`: name may itself be a module of pkg
        names = [f"{origin}.{a.name}" if f"{origin}.{a.name}" in MODULES else origin for a in node.names]
    targets = set()
    for name in names:
        parts = name.split(".")
        for n in range(1, len(parts) + 1):
            candidate = ".".join(parts[:n])
            if candidate in MODULES and not module.startswith(candidate + "."):
                targets.add(candidate)
    return sorted(targets)


def _graph() -> tuple[dict[str, set[str]], list[str]]:
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    nested: list[str] = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        in_function = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                in_function.update(id(child) for child in ast.walk(node) if child is not node)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                targets = [t for t in _targets(module, node) if t != module]
                edges[module].update(targets)
                if targets and id(node) in in_function:
                    nested.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} imports {', '.join(targets)}")
    return edges, nested


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_no_module_of_the_package_imports_round_a_loop():
    edges, _ = _graph()
    assert _cycles(edges) == []


def test_no_import_of_ours_hides_in_a_function():
    _, nested = _graph()
    assert nested == []


def test_the_checks_see_a_loop_and_a_hidden_import():
    """The graph is read from the source: a made-up loop and function-level import must be found."""
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c"]]
    edges, _ = _graph()
    assert "generator.site" in edges["generator.rendering"]  # `from .site import ...`
    assert "generator.exports" in edges["generator.plugin"] and "generator.exports.writing" in edges["generator.exports"]
