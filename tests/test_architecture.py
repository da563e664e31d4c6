"""The package's shape: layers import one way, only the app layer imports Streamlit, no cycles.

Read from the source with ``ast`` (nothing is imported), so a violation names the file and
the import that breaks the rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dashboard"
LAYERS = ("settings", "core", "geo", "query", "io", "store", "ui", "app", "cli", "__main__")
"""Lowest first: a module may import its own layer and the layers before it, never after."""
STREAMLIT = ("streamlit", "streamlit_folium")


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(path: Path) -> list[tuple[int, str]]:
    """Absolute names of everything ``path`` imports (``dashboard.…`` and third-party)."""
    result = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            result.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}:{node.lineno}: relative import; use absolute `from dashboard.… import`"
            result.append((node.lineno, node.module))
            if node.module.startswith("dashboard"):
                result.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return result


MODULES = _modules()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_layers(module):
    own = _layer(module)
    if own not in LAYERS:
        pytest.skip("package root")
    for line, name in _imports(MODULES[module]):
        if name.split(".")[0] in STREAMLIT:
            assert own == "app", f"{MODULES[module]}:{line}: only dashboard/app may import {name}"
        if name.startswith("dashboard.") and name in MODULES or name.rsplit(".", 1)[0] in MODULES and name.startswith("dashboard."):
            target = _layer(name)
            if target in LAYERS:
                assert LAYERS.index(target) <= LAYERS.index(own), f"{MODULES[module]}:{line}: {own} may not import {name} ({target} is a higher layer)"


def test_no_import_cycles():
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        targets = set()
        for _, name in _imports(path):
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module and name.startswith("dashboard"):
                targets.add(name)
        graph[module] = targets
    visiting, done, cycles = set(), set(), []

    def visit(node: str, trail: list[str]) -> None:
        if node in done:
            return
        if node in visiting:
            cycles.append(trail[trail.index(node):] + [node])
            return
        visiting.add(node)
        for target in sorted(graph.get(node, ())):
            # a package's __init__ importing its own submodules is not a cycle of ideas
            if not target.startswith(node + "."):
                visit(target, trail + [target])
        visiting.discard(node)
        done.add(node)

    for module in sorted(graph):
        visit(module, [module])
    assert not cycles, "import cycles: " + "; ".join(" → ".join(c) for c in cycles)
