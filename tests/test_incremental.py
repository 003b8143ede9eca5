"""Incremental builds: editing an include re-reads exactly the pages that include it."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .toolkit import Build


def _reading(read: set[str]) -> dict[str, Callable[..., Any]]:
    """The event handler that notes the docs a build reads."""
    return {"env-before-read-docs": lambda app, env, docnames: read.update(docnames)}


def _read_docs(build: Build) -> set[str]:
    """Build again (incrementally, reusing the saved environment) and return the docs read."""
    read: set[str] = set()
    build.again(events=_reading(read))
    return read


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


def test_a_page_with_a_broken_include_is_read_again(build_root):
    first = build_root("test-includes")
    # errors.md includes a missing file, other.md a fragment that does; index links to other
    assert _read_docs(first) == {"errors", "other", "index"}


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
    _edit(Path(project.srcdir) / include, "Edited fragment.\n")
    assert _read_docs(project) == includers
    html = project.html(f"{sorted(includers)[0]}.html")
    assert "Edited fragment." in html


def test_creating_a_missing_include_rereads_the_page(build_root):
    first = build_root("test-includes")
    _edit(Path(first.srcdir) / "includes" / "missing.md", "Now it exists.\n")
    assert "errors" in _read_docs(first)
    assert "Now it exists." in first.html("errors.html")


def test_landing_page_links_are_noted_like_markdown_links(build_root):
    """A landing page is read again when a page it links to changes or a dead link's
    target appears (its links go through the link registry)."""
    first = build_root("test-site-toc")
    src = Path(first.srcdir)
    assert _read_docs(first) == set()
    _edit(src / "learn" / "intro.md", "# Introduction, edited\n")
    assert _read_docs(first) == {"learn/intro", "learn/index", "sub/hub"}  # both link it
    _edit(src / "nowhere.md", "# Now somewhere\n")
    assert "learn/index" in _read_docs(first)
    html = first.html("learn/index.html")
    assert 'href="../nowhere.html"' in html
