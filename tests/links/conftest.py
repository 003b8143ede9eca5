"""Fixtures for the link, anchor and xref tests: build copies of the ``test-links-*`` roots.

Sphinx's testing fixtures come from ``pytest_plugins`` in ``tests/conftest.py``.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent.parent / "roots"
REPO = ROOTS.parents[1]


def load_checker() -> Any:
    """``benchmarks/check_links.py`` as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("check_links", REPO / "benchmarks/check_links.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def warnings_of(app: Any) -> list[str]:
    """The build's warnings about its sources, the site copy shown as ``<site>``.

    (Warnings without a location, such as Sphinx's "directive already registered" when
    several apps run in one process, are left out.)
    """
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    text = text.replace(str(app.site), "<site>")
    return [
        line
        for line in text.splitlines()
        if line.startswith("<site>") and ("WARNING" in line or "ERROR" in line)
    ]


class SiteBuilder:
    """Copy a ``test-links-*`` root and build one of its trees.

    ``builder(root, tree="docs/no", buildername="html", **kwargs)``: the copy is made
    once per builder (so two trees of one root can link to each other), and each tree
    builds into ``<copy>/_build/<tree name>/<buildername>``.
    """

    def __init__(self, base: Path) -> None:
        self.base = base
        self.apps: list[SphinxTestApp] = []

    def __call__(
        self, root: str, tree: str = "docs/no", buildername: str = "html", **kwargs: Any
    ) -> SphinxTestApp:
        site = self.base / root
        if not site.exists():
            shutil.copytree(ROOTS / root, site)
        builddir = kwargs.pop("builddir", site / "_build" / Path(tree).name)
        app = SphinxTestApp(
            buildername, srcdir=site / tree, builddir=builddir, freshenv=True, **kwargs
        )
        self.apps.append(app)
        app.build()
        app.site = site  # type: ignore[attr-defined]
        return app

    def cleanup(self) -> None:
        for app in self.apps:
            app.cleanup()


@pytest.fixture
def build_site(tmp_path: Path) -> Iterator[SiteBuilder]:
    """A :class:`SiteBuilder` for one test."""
    builder = SiteBuilder(tmp_path)
    yield builder
    builder.cleanup()


@pytest.fixture(scope="module")
def module_site_builder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteBuilder]:
    """A :class:`SiteBuilder` shared by the tests of one module (build once, assert often)."""
    builder = SiteBuilder(tmp_path_factory.mktemp("site"))
    yield builder
    builder.cleanup()


#: Pages next to ``index.md`` in :func:`render_md` projects, so links have targets.
SIBLINGS = {
    "other.md": '---\nuid: Other.Page\n---\n\n# Other page\n\n## <a id="part"></a>Part\n',
    "folder/index.md": "# Folder\n",
    "Folder/CaseOnly.md": "# Case only\n",
    "landing.md": "# Landing\n",
    "downloads/file.zip": "zip",
}


@pytest.fixture
def render_md(tmp_path: Path) -> Iterator[Any]:
    """Read ``index.md`` (plus :data:`SIBLINGS`) in a fresh project.

    Returns the read (unresolved) doctree dump, without source paths, followed by the
    warnings that reading gave.
    """

    def _render(text: str, conf: str = "") -> str:
        src = tmp_path / "src"
        if src.exists():
            shutil.rmtree(src)
        src.mkdir()
        (src / "conf.py").write_text(
            'extensions = ["sphinx_superoffice"]\nsuppress_warnings = ["toc.not_included"]\n'
            + conf,
            encoding="utf-8",
        )
        for name, content in {**SIBLINGS, "index.md": text}.items():
            path = src / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        app = SphinxTestApp("dummy", srcdir=src, freshenv=True)
        apps.append(app)
        app.build()
        dump = re.sub(r' source="[^"]*"', "", app.env.get_doctree("index").pformat()).rstrip()
        warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).replace(str(src), "<src>")
        lines = [w for w in warnings.splitlines() if w.startswith("<src>/index.md")]
        return "\n".join([dump, *lines]).rstrip() + "\n"

    apps: list[SphinxTestApp] = []
    yield _render
    for app in apps:
        app.cleanup()
