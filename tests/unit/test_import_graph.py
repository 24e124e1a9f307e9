"""The package's imports read top to bottom: no module imports, directly or round a loop, one that imports it,
and no module hides an import of ours inside a function (the usual way to dodge such a loop). The tree is in
layers, each importing only its own and those below it: the content format, records, pages, outputs, engines;
an engine's library (MkDocs and its fork ProperDocs, Pagefind's client) is imported in that engine alone."""

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


LAYERS = ("generator.format", "generator.records", "generator.pages", "generator.outputs", "generator.engines")
# The libraries only one engine may import, by the top-level name Python imports them as.
ENGINE_LIBRARIES = {"mkdocs": "generator.engines.mkdocs", "properdocs": "generator.engines.mkdocs",
                    "pagefind": "generator.engines.pagefind"}
SHARED_ENGINE = "generator.engines.pagefind"  # the search index every engine writes


def _layer(module: str) -> int | None:
    for rank, layer in enumerate(LAYERS):
        if module == layer or module.startswith(layer + "."):
            return rank
    return None  # above the layers: the CLI, the importers, the name sites' zensical.toml gives


def _engine(module: str) -> str | None:
    parts = module.split(".")
    return ".".join(parts[:3]) if module.startswith("generator.engines.") else None


def _layer_breaks(edges: dict[str, set[str]]) -> list[str]:
    breaks = []
    for module, targets in sorted(edges.items()):
        for target in sorted(targets):
            here, there = _layer(module), _layer(target)
            if here is not None and (there is None or there > here):
                breaks.append(f"{module} (a lower layer) imports {target}")
            engine, other = _engine(module), _engine(target)
            if engine and other and other not in (engine, SHARED_ENGINE):
                breaks.append(f"{module} imports another engine: {target}")
    return breaks


def _library_imports(module: str, source: str) -> list[str]:
    """The imports in `source` (module `module`) of an engine's library outside that engine, with their lines."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        else:
            continue
        for name in names:
            home = ENGINE_LIBRARIES.get(name.split(".")[0])
            if home and not (module == home or module.startswith(home + ".")):
                found.append(f"{module}:{node.lineno} imports {name}")
    return found


def test_each_layer_imports_only_its_own_and_those_below():
    edges, _ = _graph()
    assert _layer_breaks(edges) == []


def test_an_engine_s_library_is_imported_in_that_engine_alone():
    found = [line for module, path in MODULES.items()
             for line in _library_imports(module, path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_checks_see_a_loop_a_hidden_import_and_a_layer_broken():
    """The graph is read from the source: a made-up loop, layer break and function-level import must be found."""
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c"]]
    edges, _ = _graph()
    assert "generator.pages.site" in edges["generator.pages.rendering"]  # `from .site import ...`
    assert "generator.format.schema" in edges["generator.pages.rendering"]  # `from ..format import schema as s`
    assert "generator.outputs.writing" in edges["generator.engines.mkdocs.plugin"]
    made_up = {"generator.records.model": {"generator.pages.site"},
               "generator.engines.zensical.source": {"generator.engines.mkdocs.config", "generator.engines.pagefind.index"},
               "generator.format.schema": {"generator.cli"}}
    assert _layer_breaks(made_up) == [
        "generator.engines.zensical.source imports another engine: generator.engines.mkdocs.config",
        "generator.format.schema (a lower layer) imports generator.cli",
        "generator.records.model (a lower layer) imports generator.pages.site"]
    library = "import mkdocs.plugins\nfrom pagefind.service import PagefindService\nimport markdown\n"
    assert _library_imports("generator.pages.rendering", library) == [
        "generator.pages.rendering:1 imports mkdocs.plugins", "generator.pages.rendering:2 imports pagefind.service"]
    assert _library_imports("generator.engines.mkdocs.plugin", library) == [
        "generator.engines.mkdocs.plugin:2 imports pagefind.service"]
