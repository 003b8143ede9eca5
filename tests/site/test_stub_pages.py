"""Redirect stubs off the page pipeline (issue 13, item 3): a page whose only content is
``redirect_url`` front matter is never read or drawn as an article, and still writes
the same redirect page, resolves as a link and uid target, and builds incrementally."""

from __future__ import annotations

import os
import time
import zlib
from pathlib import Path
from typing import Any

import pytest

from sphinx_superoffice.siteindex import read_front_matter
from sphinx_superoffice.sitemodel import stub_page, stub_pages

from ..toolkit import Build, write_files

LANDING = """\
### YamlMime:SubCategory
title: Hub
landingContent:
  - title: Moved
    linkLists:
      - itemType: explore
        typeDesc: concept
        links:
          - text: The old page
            url: old.md
"""

FILES = {
    "index.md": (
        "# Home\n\nSee [old](old.md), [the section](old.md#x), <xref:old-uid> and [hub](hub.yml).\n"
    ),
    "old.md": "---\nredirect_url: new.md\nuid: old-uid\ntitle: Old page\n---\n",
    "new.md": "# New page\n\ntext\n",
    "other.md": "# Other page\n\nmore\n",
    "kept.md": "---\nredirect_url: new.md\n---\n\n# Kept\n\nA redirect page with text.\n",
    "hub.yml": LANDING,
}


def _reads(read: set[str]) -> dict[str, Any]:
    return {"env-before-read-docs": lambda app, env, docnames: read.update(docnames)}


def _refresh(build: Build, page: str) -> str:
    html = build.html(page)
    start = html.index('http-equiv="refresh" content="0; url=') + 37
    return html[start : html.index('"', start)]


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    future = time.time() + 5
    os.utime(path, (future, future))


@pytest.mark.parametrize(
    ("text", "stub"),
    [
        ("---\nredirect_url: a.md\n---\n", True),
        ("---\nredirect_url: a.md\nuid: u\n---\n\n  \n", True),
        ("---\nredirect_url: a.md\n---\n# Title\n", False),  # text: a page
        ("---\nredirect_url: ''\n---\n", False),  # no target
        ("---\ntitle: x\n---\n", False),
        ("# no front matter\n", False),
        ("---\nredirect_url: [a\n---\n", False),  # malformed: read as a page, warned
    ],
)
def test_stub_page_is_front_matter_with_redirect_url_only(
    tmp_path: Path, text: str, stub: bool
) -> None:
    path = tmp_path / "page.md"
    path.write_text(text, encoding="utf-8")
    assert (stub_page(read_front_matter(path)) is not None) == stub


def test_stubs_are_not_read_and_still_write_their_redirect_page(build_project: Any) -> None:
    read: set[str] = set()
    build = build_project(files=FILES, events=_reads(read))
    assert set(stub_pages(build.env)) == {"old"}
    assert "old" not in read and "old" not in build.env.found_docs
    assert "kept" in read  # a redirect page with text still goes through the pipeline
    html = build.html("old.html")
    assert '<meta name="robots" content="noindex">' in html
    assert _refresh(build, "old.html") == "new.html"
    assert '<link rel="canonical" href="new.html">' in html
    assert "<title>New page</title>" in html
    # links, uids and landing-page links to the stub resolve to its page
    index = build.html("index.html")
    # the link, the uid, and the anchor link (a stub has no anchors: its page, warned)
    assert index.count('href="old.html"') == 3
    assert "uid-missing" not in build.warning_text
    assert 'href="old.html"' in build.html("hub.html")
    assert not [w for w in build.warnings if "old" in w and "anchor" not in w]
    # the stub's uid stays in objects.inv, named by its front-matter title
    inventory = (Path(build.outdir) / "objects.inv").read_bytes()
    lines = zlib.decompress(inventory.split(b"\n", 4)[4]).decode().splitlines()
    assert "old-uid superoffice:uid -1 old.html Old page" in lines


def test_stub_edits_are_incremental(build_project: Any) -> None:
    build = build_project(files=FILES, reuse=False)
    src = Path(build.srcdir)
    out = Path(build.outdir)
    stub_html = out / "old.html"
    before = stub_html.stat().st_mtime_ns

    # no change: nothing read, the stub page is not written again
    read: set[str] = set()
    again = build.again(events=_reads(read))
    assert read == set()
    assert stub_html.stat().st_mtime_ns == before

    # the stub's target changes: its page follows, no page is read but its linkers
    _touch(src / "old.md", "---\nredirect_url: other.md\nuid: old-uid\ntitle: Old page\n---\n")
    read.clear()
    again = again.again(events=_reads(read))
    assert _refresh(again, "old.html") == "other.html"
    assert "old" not in read
    assert read <= {"index", "hub"}

    # the target's title changes: the stub page names the new title
    _touch(src / "other.md", "# Renamed other\n\nmore\n")
    again = again.again()
    assert "<title>Renamed other</title>" in stub_html.read_text()

    # a stub becomes a page, and back
    _touch(src / "old.md", "# Old page, back\n\ntext\n")
    read.clear()
    again = again.again(events=_reads(read))
    assert "old" in read and "old" in again.env.found_docs
    assert "http-equiv" not in stub_html.read_text()
    _touch(src / "old.md", "---\nredirect_url: new.md\n---\n")
    again = again.again()
    assert "old" not in again.env.all_docs
    assert _refresh(again, "old.html") == "new.html"


def test_stubs_build_the_same_serial_parallel_and_incremental(
    build_project: Any, tmp_path: Path
) -> None:
    def snapshot(build: Build) -> dict[str, bytes]:
        out = Path(build.outdir)
        return {
            str(p.relative_to(out)): p.read_bytes()
            for p in sorted(out.rglob("*.html"))
            if ".doctrees" not in p.parts
        }

    conf = 'project = "Stubs"\n'  # the same name in every folder
    serial = snapshot(build_project(files=FILES, conf=conf))
    parallel = snapshot(build_project(files=FILES, conf=conf, parallel=2))
    assert list(serial) == list(parallel)
    for name, data in serial.items():
        assert data == parallel[name], name
    first = build_project(files={**FILES, "old.md": "# Old\n\ntext\n"}, conf=conf)
    write_files(Path(first.srcdir), {"old.md": FILES["old.md"]}, mtime=time.time() + 5)
    incremental = snapshot(first.again())
    for name, data in serial.items():
        assert data == incremental[name], name
