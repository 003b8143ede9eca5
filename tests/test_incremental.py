"""Incremental builds: editing an include re-reads exactly the pages that include it."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

#: errors.md includes a missing file; other.md includes warn.md, which does too.
BROKEN = {"errors", "other"}


def _read_docs(src: Path, out: Path) -> set[str]:
    """Build (incrementally, reusing the saved environment) and return the docs read."""
    read: set[str] = set()
    app = SphinxTestApp("html", srcdir=src, builddir=out)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    return read


def _edit(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    future = time.time() + 5
    os.utime(path, (future, future))


@pytest.fixture
def project(rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-includes", src)
    out = tmp_path / "build"
    assert "index" in _read_docs(src, out)  # first build reads everything
    # nothing changed: only the pages with a broken include are read again, so their
    # warnings stay visible on every build until the include is fixed
    assert _read_docs(src, out) == BROKEN
    return src, out


@pytest.mark.parametrize(
    ("include", "includers"),
    [
        ("includes/step.md", {"index", "sub/page"}),
        ("includes/basic.md", {"index"}),
        ("includes/nested-b.md", {"index"}),  # nested: the root page depends on it too
        ("includes/inline.md", {"index", "sub/page"}),  # inline and ~/ includes
    ],
)
def test_editing_an_include_rereads_its_includers(project, include, includers):
    src, out = project
    _edit(src / include, "Edited fragment.\n")
    assert _read_docs(src, out) == includers | BROKEN
    html = (out / "html" / f"{sorted(includers)[0]}.html").read_text(encoding="utf-8")
    assert "Edited fragment." in html


def test_creating_a_missing_include_rereads_the_page(project):
    src, out = project
    _edit(src / "includes" / "missing.md", "Now it exists.\n")
    assert _read_docs(src, out) == BROKEN
    assert "Now it exists." in (out / "html" / "errors.html").read_text(encoding="utf-8")
