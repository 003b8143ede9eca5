"""Incremental builds: editing an include re-reads exactly the pages that include it."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp


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


def _build(src: Path, out: Path) -> tuple[set[str], set[str], str]:
    """Build incrementally; return the docs read, the pages written, and the status log."""
    read: set[str] = set()
    written: set[str] = set()
    app = SphinxTestApp("html", srcdir=src, builddir=out)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    app.connect(
        "html-page-context",
        lambda app, pagename, *args: (
            written.add(pagename) if pagename in app.env.found_docs else None
        ),
    )
    try:
        app.build()
        status = app.status.getvalue() + app.warning.getvalue()
    finally:
        app.cleanup()
    return read, written, status


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts
    }


def test_a_rebuild_with_no_change_writes_no_page(rootdir, tmp_path):
    """sphinx-design's ``html_static_path`` append no longer reads as a configuration
    change: the second build reads and writes nothing, and its output is the same."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-site-toc", src)
    out = tmp_path / "build"
    read, written, _ = _build(src, out)
    assert read and written
    before = _snapshot(out / "html")
    assert (out / "html" / "_static" / "sphinx-design.min.css").is_file()
    assert (out / "html" / "_static" / "design-tabs.js").is_file()
    read, written, status = _build(src, out)
    assert "configuration has changed" not in status
    assert (read, written) == (set(), set())
    assert _snapshot(out / "html") == before


def _edit(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    future = time.time() + 5
    os.utime(path, (future, future))


@pytest.fixture
def project(rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-includes", src)
    # no broken includes here: a page with one is read again on every build, on purpose
    # (its warning stays visible), which would blur what these tests measure
    (src / "errors.md").unlink()
    (src / "other.md").write_text("# Other page\n", encoding="utf-8")
    out = tmp_path / "build"
    assert "index" in _read_docs(src, out)  # first build reads everything
    assert _read_docs(src, out) == set()  # nothing changed: nothing is read
    return src, out


def test_a_page_with_a_broken_include_is_read_again(rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-includes", src)
    out = tmp_path / "build"
    _read_docs(src, out)
    # errors.md includes a missing file, other.md a fragment that does; index links to other
    assert _read_docs(src, out) == {"errors", "other", "index"}


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
    read, written, _ = _build(src, out)
    assert read == includers
    assert written == includers  # and only they are written again
    html = (out / "html" / f"{sorted(includers)[0]}.html").read_text(encoding="utf-8")
    assert "Edited fragment." in html


def test_creating_a_missing_include_rereads_the_page(rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-includes", src)
    out = tmp_path / "build"
    _read_docs(src, out)
    _edit(src / "includes" / "missing.md", "Now it exists.\n")
    assert "errors" in _read_docs(src, out)
    assert "Now it exists." in (out / "html" / "errors.html").read_text(encoding="utf-8")


def test_landing_page_links_are_noted_like_markdown_links(rootdir, tmp_path):
    """A landing page is read again when a page it links to changes or a dead link's
    target appears (its links go through the link registry)."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-site-toc", src)
    out = tmp_path / "build"
    _read_docs(src, out)
    assert _read_docs(src, out) == set()
    _edit(src / "learn" / "intro.md", "# Introduction, edited\n")
    assert _read_docs(src, out) == {"learn/intro", "learn/index", "sub/hub"}  # both link it
    _edit(src / "nowhere.md", "# Now somewhere\n")
    assert "learn/index" in _read_docs(src, out)
    html = (out / "html" / "learn" / "index.html").read_text(encoding="utf-8")
    assert 'href="../nowhere.html"' in html


TOC_EDIT = """\
### YamlMime:TableOfContent
items:
- name: Overview
  href: index.yml
- name: Group, renamed
  items:
  - name: Group B first
    href: group-b.md
  - name: Group A
    href: group-a.md
- name: Introduction
  href: intro.md
  items:
  - name: Once orphan
    href: ../orphan.md
- name: Sub section
  href: ../sub/toc.yml
  topicHref: ../sub/index.md
- name: Old stub
  href: ../stub.md
"""


@pytest.mark.parametrize("theme", ["basic", "alabaster"])
def test_a_toc_edit_rereads_no_page_and_equals_a_clean_build(rootdir, tmp_path, theme):
    """Children reordered, renamed, moved under another page, a page taken out of the toc
    (learn/Case) and one put in (orphan): nothing is read again, every page is written,
    and the output is the one of a clean build, byte for byte."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-site-toc", src)
    (src / "conf.py").write_text(
        (src / "conf.py").read_text(encoding="utf-8") + f"html_theme = {theme!r}\n",
        encoding="utf-8",
    )
    out = tmp_path / "build"
    _build(src, out)
    _edit(src / "learn" / "toc.yml", TOC_EDIT)
    read, written, status = _build(src, out)
    assert read == set()
    assert "learn/intro" in written and "orphan" in written
    clean = tmp_path / "clean"
    _, _, clean_status = _build(src, clean)
    assert _snapshot(out / "html") == _snapshot(clean / "html")
    not_in_toc = [line for line in status.splitlines() if "in no toc.yml" in line]
    assert not_in_toc == [line for line in clean_status.splitlines() if "in no toc.yml" in line]
    assert "learn/Case" in not_in_toc[0] and "orphan" not in not_in_toc[0]
    assert "../orphan.html" in (out / "html" / "learn" / "intro.html").read_text(encoding="utf-8")
