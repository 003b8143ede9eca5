"""Fixtures for the rich DFM blocks (tabs, snippets, ``:::`` blocks, video, div, lexers).

Sphinx's testing fixtures come from ``pytest_plugins`` in ``tests/conftest.py``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent.parent / "roots"

#: Builds one Markdown page in a copy of a test root: (text, confoverrides) -> app
BuildPage = Callable[..., SphinxTestApp]


@pytest.fixture
def build_page(tmp_path: Path) -> BuildPage:
    """Write ``index.md`` into a fresh copy of ``test-rich-syntax`` and build it."""

    def build(
        text: str,
        *,
        root: str = "test-rich-syntax",
        buildername: str = "html",
        confoverrides: dict[str, Any] | None = None,
        extra_pages: dict[str, str] | None = None,
    ) -> SphinxTestApp:
        srcdir = tmp_path / "src"
        if not (srcdir / "conf.py").exists():
            shutil.copytree(ROOTS / root, srcdir, dirs_exist_ok=True)
        (srcdir / "index.md").write_text(text, encoding="utf-8")
        for name, page in (extra_pages or {}).items():
            (srcdir / name).write_text(page, encoding="utf-8")
        app = SphinxTestApp(
            buildername,
            srcdir=srcdir,
            builddir=tmp_path / "_build",
            confoverrides=confoverrides or {},
            freshenv=True,
        )
        try:
            app.build()
        finally:
            app.cleanup()
        return app

    return build


def normalise(text: str, app: SphinxTestApp) -> str:
    """Make build output independent of the temporary directory and ANSI colours."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    return text.replace(str(app.srcdir), "<src>")


def doctree_and_warnings(app: SphinxTestApp, docname: str = "index") -> str:
    """The page's doctree ``pformat()`` and the build's warnings, normalised."""
    doctree = app.env.get_doctree(docname).pformat()
    warnings = normalise(app.warning.getvalue(), app).strip()
    out = normalise(doctree, app).rstrip()
    if warnings:
        out += "\n\nwarnings:\n" + warnings
    return out
