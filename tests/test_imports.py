"""The package's import graph has no cycle, ``TYPE_CHECKING`` and function-level imports included.

The graph is read from the source with :mod:`ast`, so it sees every ``import``
statement wherever it stands (a lazy import inside a function, or one only for type
checkers, still ties two modules together for a reader). ``from package import name``
is an edge to the submodule ``package.name`` when there is one, else to ``package``.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import sphinx_superoffice

PACKAGE = Path(sphinx_superoffice.__file__).parent

#: Edges that still close a cycle in modules of other owners on this branch, to be
#: removed when the branches merge. Each is (importer, imported).
KNOWN_CYCLE_EDGES: set[tuple[str, str]] = set()


def module_names() -> dict[str, Path]:
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def imports_of(name: str, path: Path, modules: set[str]) -> set[str]:
    """The package modules that ``name`` imports, anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                found.add(submodule if submodule in modules else source)
    return {m for m in found if m in modules and m != name}


def import_graph() -> dict[str, set[str]]:
    modules = module_names()
    return {name: imports_of(name, path, set(modules)) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_every_kind_of_import():
    graph = import_graph()
    # a TYPE_CHECKING import, `from . import module`, and a lazy import in a function
    assert "sphinx_superoffice.syntax.contract" in graph["sphinx_superoffice.syntax.paths"]
    assert "sphinx_superoffice.syntax.alerts" in graph["sphinx_superoffice.syntax.registry"]
    assert "sphinx_superoffice.parser" in graph["sphinx_superoffice"]
    # `from . import frontmatter` imports frontmatter, not the package's __init__
    assert "sphinx_superoffice" not in graph["sphinx_superoffice.renderer"]


def test_no_import_cycle():
    graph = import_graph()
    for importer, imported in KNOWN_CYCLE_EDGES:
        graph[importer].discard(imported)
    assert cycles(graph) == []


def test_known_cycle_edges_still_exist():
    """Drop an entry of KNOWN_CYCLE_EDGES as soon as its edge is gone."""
    graph = import_graph()
    assert {(a, b) for a, b in KNOWN_CYCLE_EDGES if b not in graph[a]} == set()


def test_only_the_parser_imports_the_renderer():
    graph = import_graph()
    importers = {name for name, deps in graph.items() if "sphinx_superoffice.renderer" in deps}
    assert importers == {"sphinx_superoffice.parser"}


def test_the_syntax_contract_imports_only_warnings():
    graph = import_graph()
    assert graph["sphinx_superoffice.syntax.contract"] <= {
        "sphinx_superoffice.warnings_",
        "sphinx_superoffice._myst",
    }
    # the syntax package's __init__ imports nothing, so importing one syntax module
    # does not import them all
    assert graph["sphinx_superoffice.syntax"] == set()


#: Modules with no Sphinx and no docutils in them (their tests run without either).
PURE_MODULES = [
    "sphinx_superoffice.syntax.colons.grammar",
    "sphinx_superoffice.syntax.linear",
    "sphinx_superoffice.syntax.lines",
    "sphinx_superoffice.syntax.snippets.grammar",
    "sphinx_superoffice.syntax.snippets.selection",
]


def test_pure_modules_import_neither_sphinx_nor_docutils():
    code = "\n".join(
        [
            "import sys",
            *(f"import {name}" for name in PURE_MODULES),
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sphinx', 'docutils'}))",
        ]
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == "[]"


def test_emoji_tables_load_with_the_first_shortcode() -> None:
    """The ``emoji`` package (8.6 MiB of tables) is imported by the first ``:name:``
    looked up, not by the extension: a parallel build's main process reads no page."""
    code = (
        "import sys\n"
        "import sphinx_superoffice, sphinx_superoffice.parser\n"
        "from sphinx_superoffice.syntax.emoji import shortcode\n"
        "assert 'emoji' not in sys.modules\n"
        "assert shortcode('smile') == '\\N{SMILING FACE WITH OPEN MOUTH AND SMILING EYES}'\n"
        "assert 'emoji' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ})
