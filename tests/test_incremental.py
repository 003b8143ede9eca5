"""Incremental builds: editing an include re-reads exactly the pages that include it."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from .toolkit import Build, write_files

#: any bytes do for an image Sphinx copies
PNG = b"\x89PNG\r\n\x1a\n"


def _reading(read: set[str]) -> dict[str, Callable[..., Any]]:
    """The event handler that notes the docs a build reads."""
    return {"env-before-read-docs": lambda app, env, docnames: read.update(docnames)}


def _read_and_written(build: Build) -> tuple[set[str], set[str]]:
    """Build again incrementally; return the docs read and the pages written."""
    read: set[str] = set()
    written: set[str] = set()

    def page(app: Any, pagename: str, *args: Any) -> None:
        if pagename in app.env.found_docs:
            written.add(pagename)

    build.again(events={**_reading(read), "html-page-context": page})
    return read, written


def _read_docs(build: Build) -> set[str]:
    """Build again (incrementally, reusing the saved environment) and return the docs read."""
    read: set[str] = set()
    build.again(events=_reading(read))
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
def project(build_root):
    # no broken includes here: a page with one is read again on every build, on purpose
    # (its warning stays visible), which would blur what these tests measure
    read: set[str] = set()
    first = build_root(
        "test-includes",
        files={"errors.md": None, "other.md": "# Other page\n"},
        events=_reading(read),
    )
    assert "index" in read  # first build reads everything
    assert _read_docs(first) == set()  # nothing changed: nothing is read
    return first


def test_a_page_whose_include_or_image_is_still_missing_is_not_read_again(build_root):
    """Sphinx reads a page with a missing dependency on every build (and here its
    linkers too); while the file is still missing nothing of the page changed."""
    first = build_root(
        "test-includes",
        files={"other.md": "# Other\n\n![gone](gone.png)\n\nSee [errors](errors.md).\n"},
    )
    # errors.md includes a missing file, other.md shows a missing image and links to errors
    assert "missing" in " ".join(w for w in first.warnings if "errors.md" in w)
    assert "gone.png" in first.warning_text
    assert _read_docs(first) == set()
    # creating the missing file reads the page again
    write_files(Path(first.srcdir), {"gone.png": PNG}, mtime=time.time() + 5)
    # (its title and anchors did not change: the page linking to it is not written)
    assert _read_and_written(first) == ({"other"}, {"other"})


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
    read: set[str] = set()
    written: set[str] = set()
    events = {
        **_reading(read),
        "html-page-context": lambda app, pagename, *args: (
            written.add(pagename) if pagename in app.env.found_docs else None
        ),
    }
    _edit(Path(project.srcdir) / include, "Edited fragment.\n")
    project.again(events=events)
    assert read == includers
    assert written == includers  # and only they are written again
    html = project.html(f"{sorted(includers)[0]}.html")
    assert "Edited fragment." in html


def test_creating_a_missing_include_rereads_the_page(build_root):
    first = build_root("test-includes")
    _edit(Path(first.srcdir) / "includes" / "missing.md", "Now it exists.\n")
    assert "errors" in _read_docs(first)
    assert "Now it exists." in first.html("errors.html")


def test_landing_page_links_are_noted_like_markdown_links(build_root):
    """A landing page is written again when the title of a page it links to changes, and
    read again when a dead link's target appears (its links go through the link
    registry)."""
    first = build_root("test-site-toc")
    src = Path(first.srcdir)
    assert _read_docs(first) == set()
    _edit(src / "learn" / "intro.md", "# Introduction, edited\n")
    read, written = _read_and_written(first)
    assert read == {"learn/intro"}
    assert {"learn/intro", "learn/index", "sub/hub"} <= written  # both link it
    _edit(src / "nowhere.md", "# Now somewhere\n")
    assert "learn/index" in _read_docs(first)
    html = first.html("learn/index.html")
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


#: a layout that draws Sphinx's global toctree in the sidebar (as alabaster, furo...)
TOCTREE_LAYOUT = """{% extends "!layout.html" %}
{% block sidebar1 %}<nav>{{ toctree(collapse=False) }}</nav>{% endblock %}
"""


def _toc_project(rootdir: Path, tmp_path: Path, theme: str, template: str | None) -> Path:
    """A copy of test-site-toc with ``theme`` and a layout template: ``"whole_nav"`` (the
    root's, drawing the whole ``superoffice_nav`` on every page), ``"toctree"``
    (:data:`TOCTREE_LAYOUT`) or None."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-site-toc", src)
    conf = (src / "conf.py").read_text(encoding="utf-8") + f"html_theme = {theme!r}\n"
    if template is None:
        shutil.rmtree(src / "_templates")
        conf = conf.replace('templates_path = ["_templates"]\n', "")
    elif template == "toctree":
        (src / "_templates" / "layout.html").write_text(TOCTREE_LAYOUT, encoding="utf-8")
    (src / "conf.py").write_text(conf, encoding="utf-8")
    return src


@pytest.mark.parametrize(
    ("theme", "template"),
    [("basic", "whole_nav"), ("alabaster", "whole_nav"), ("basic", None), ("superoffice", None)],
)
def test_a_toc_edit_rereads_no_page_and_equals_a_clean_build(rootdir, tmp_path, theme, template):
    """Children reordered, renamed, moved under another page, a page taken out of the toc
    (learn/Case) and one put in (orphan): nothing is read again, the pages showing what
    changed are written, and the output is the one of a clean build, byte for byte."""
    src = _toc_project(rootdir, tmp_path, theme, template)
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


@pytest.mark.parametrize(
    ("theme", "template", "expected"),
    [
        # the superoffice theme shows a page's trail, siblings and children (the whole
        # nav comes from the nav file); basic shows Sphinx's parents and prev/next
        ("superoffice", None, {"learn/index", "learn/group-a", "learn/group-b"}),
        ("basic", None, {"learn/index", "learn/group-a", "learn/group-b"}),
        ("basic", "toctree", "all"),  # Sphinx's global toctree on every page
        ("basic", "whole_nav", "all"),  # the whole superoffice_nav on every page
    ],
)
def test_a_toc_rename_writes_only_the_pages_that_show_it(
    rootdir, tmp_path, theme, template, expected
):
    src = _toc_project(rootdir, tmp_path, theme, template)
    out = tmp_path / "build"
    _, everything, _ = _build(src, out)
    toc = src / "learn" / "toc.yml"
    _edit(toc, toc.read_text(encoding="utf-8").replace("name: Group A", "name: Renamed A"))
    read, written, _ = _build(src, out)
    assert read == set()
    assert written == (everything if expected == "all" else expected)
    clean = tmp_path / "clean"
    _build(src, clean)
    assert _snapshot(out / "html") == _snapshot(clean / "html")
