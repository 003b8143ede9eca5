"""Redirect pages: front matter redirect_url and redirect_from."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from sphinx_superoffice.sitemodel import stub_pages


def _refresh(html: str) -> str | None:
    match = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]*)">', html)
    return match.group(1) if match else None


@pytest.fixture
def built(build_root: Any) -> Any:
    return build_root("test-site-redirects")


def test_redirect_url_pages(built: Any) -> None:
    out = Path(built.outdir)
    html = (out / "stub-abs.html").read_text()
    # an absolute URL under superoffice_site_url maps back to the local page
    assert _refresh(html) == "target.html"
    assert '<link rel="canonical" href="https://docs.example.com/no/target.html">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<a href="target.html" rel="canonical">Target page</a>' in html
    assert "<title>Target page</title>" in html
    # the redirect page does not use the theme's layout
    assert 'class="superoffice-redirect"' in html and "searchbox" not in html

    assert _refresh((out / "stub-rel.html").read_text()) == "target.html#section"
    # a chain of redirect pages is followed to its end
    assert _refresh((out / "stub-chain.html").read_text()) == "target.html"
    assert _refresh((out / "stub-ext.html").read_text()) == "https://example.org/elsewhere"


def test_bad_targets_are_not_followed(built: Any) -> None:
    out = Path(built.outdir)
    warnings = [w for w in built.warnings if "[superoffice.redirect]" in w]
    for name in ("stub-js", "stub-missing", "loop-a", "loop-b"):
        html = (out / f"{name}.html").read_text()
        assert _refresh(html) is None, name
        assert "javascript:" not in html
        assert '<meta name="robots" content="noindex">' in html
        assert "This page has moved." in html
        assert len([w for w in warnings if f"{name}.md" in w]) == 1, name
    assert any("refused URL scheme 'javascript'" in w for w in warnings)
    assert any("redirect loop: loop-a -> loop-b -> loop-a" in w for w in warnings)
    assert any("'https://docs.example.com/no/nothing.html'" in w for w in warnings)


def test_redirect_from_pages(built: Any) -> None:
    out = Path(built.outdir)
    html = (out / "old" / "path.html").read_text()
    assert _refresh(html) == "../target.html"
    assert '<link rel="canonical" href="https://docs.example.com/no/target.html">' in html
    assert _refresh((out / "old" / "other.html").read_text()) == "../target.html"
    # an old path that is a page of its own, and one outside the site, are skipped
    index = (out / "index.html").read_text()
    assert _refresh(index) is None and "See" in index
    warnings = [w for w in built.warnings if "redirect_from '" in w]
    assert len(warnings) == 2
    assert any("'/no/index' skipped: 'index' is a page of its own" in w for w in warnings)
    assert any("'/en/elsewhere' skipped: outside" in w for w in warnings)


def test_redirect_pages_stay_out_of_toc_and_search(built: Any) -> None:
    env = built.env
    # a stub (front matter only) is never read: no page metadata, not a Sphinx doc
    assert "stub-abs" in stub_pages(env)
    assert "stub-abs" not in env.all_docs
    assert not [w for w in built.warnings if "toctree" in w]
    assert not [w for w in built.warnings if "toc_not_included" in w]
    searchindex = (Path(built.outdir) / "searchindex.js").read_text()
    assert "obsoletezzz" not in searchindex.lower()  # body of a redirect page
    assert '"content"' in searchindex  # a term of the target page


def test_redirect_page_follows_its_target(build_root: Any) -> None:
    app = build_root("test-site-redirects")
    stub = Path(app.outdir) / "stub-abs.html"
    assert "<title>Target page</title>" in stub.read_text()
    target = Path(app.srcdir) / "target.md"
    target.write_text(
        target.read_text()
        .replace("title: Target page\n", "")
        .replace("# Target page", "# Renamed target")
    )
    app.again()
    # stub-abs.md was not edited; its page names the target's new title
    assert "<title>Renamed target</title>" in stub.read_text()
    target.unlink()
    app.again()
    # the target is gone: the redirect page no longer points at it
    assert "http-equiv" not in stub.read_text()


def test_dead_redirect_repaired_by_redirect_from(built: Any) -> None:
    # stub-claimed.md points at a missing page, but target.md declares
    # redirect_from: /no/stub-claimed -- the page that took over its path
    html = (Path(built.outdir) / "stub-claimed.html").read_text()
    assert _refresh(html) == "target.html"
    notes = [w for w in built.warnings if "stub-claimed" in w]
    assert len(notes) == 1 and "using 'target', whose redirect_from names this page" in notes[0]
