"""The whole Norwegian tree of the real corpus (read-only, ../shared/corpus).

Checks the "done when" of issue 4: no "not included in any toctree" warning, every page
of a toc.yml in the nav with its trail, every landing page's cards and links rendered
with no dead local link, every redirect stub a redirect page whose local target exists
(or one warning when the target is missing in the source).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from sphinx_superoffice.sitemodel import stub_pages
from sphinx_superoffice.toc import get_model
from sphinx_superoffice.toc.navigation import page_navigation

CORPUS = Path(__file__).parents[3] / "shared" / "corpus" / "superoffice" / "docs" / "no"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/superoffice/docs/no")

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available"),
]


def _walk(nav: list[dict[str, Any]]) -> Any:
    for item in nav:
        yield item
        yield from _walk(item["children"])


class _Pages(dict[str, Any]):
    """Each page's (nav, breadcrumbs), computed as html-page-context computes them (the
    shared build writes with ``-j 2``, so a recorder in this process would miss pages)."""

    def __init__(self, app: Any) -> None:
        super().__init__()
        self.app = app

    def __missing__(self, docname: str) -> Any:
        value = self[docname] = page_navigation(self.app, docname)
        return value


@pytest.fixture(scope="module")
def corpus_build(corpus_no: Any) -> Any:
    """The session's one build of the tree (``corpus_no``), its pages' nav and warnings."""
    return corpus_no, _Pages(corpus_no.app), corpus_no.warnings


def test_no_toctree_warnings(corpus_build: Any) -> None:
    _, _, warnings = corpus_build
    assert not [w for w in warnings if "isn't included in any toctree" in w]
    assert not [w for w in warnings if "[toc." in w]
    summary = [w for w in warnings if "superoffice.toc_not_included" in w]
    assert len(summary) == 1


def test_every_toc_page_in_nav_with_trail(corpus_build: Any) -> None:
    app, pages, _ = corpus_build
    model = get_model(app.env)
    assert model is not None
    listed = [d for d in model.occurrences if d not in model.stubs]
    assert len(listed) > 400
    for docname in listed:
        nav, crumbs = pages[docname]
        current = [i for i in _walk(nav) if i["current"]]
        assert len(current) == len(model.occurrences[docname]), docname
        assert crumbs[-1]["title"] == current[0]["title"], docname
        # the trail: each breadcrumb is an ancestor on the trail
        level = nav
        for index in model.occurrences[docname][0]:
            assert level[index]["on_trail"], docname
            level = level[index]["children"]


def test_landing_pages(corpus_build: Any) -> None:
    app, _, warnings = corpus_build
    out = Path(app.outdir)
    landings = sorted(d for d in app.env.found_docs if app.env.metadata[d].get("layout"))
    assert len(landings) == 11
    for landing in landings:
        html = (out / f"{landing}.html").read_text()
        data = yaml.safe_load((CORPUS / f"{landing}.yml").read_text("utf-8-sig"))
        if "landingContent" in data:
            links = [
                lk for c in data["landingContent"] for ll in c["linkLists"] for lk in ll["links"]
            ]
            assert html.count("so-landing-card") == len(data["landingContent"]), landing
        else:
            links = [*data["highlightedContent"]["items"]]
            links += [lk for c in data["conceptualContent"]["items"] for lk in c["links"]]
        hrefs = re.findall(r'<a class="reference [^"]*" href="([^"]+)"', html)
        dead = html.count('class="so-dead-link"')
        assert len(hrefs) + dead == len(links), landing
        for href in hrefs:
            if not urlsplit(href).scheme:
                assert ((out / landing).parent / href.split("#")[0]).resolve().is_file(), href
        own = [w for w in warnings if f"{landing}.yml" in w and "landing link" in w]
        assert len(own) == dead, landing


def test_redirect_stubs(corpus_build: Any) -> None:
    app, _, warnings = corpus_build
    out = Path(app.outdir)
    env = app.env
    # front-matter-only stubs (kept off the page pipeline) and redirect pages with text
    stubs = sorted(stub_pages(env))
    assert len(stubs) > 500
    stubs += [d for d in env.found_docs if env.metadata[d].get("redirect_url")]
    local = 0
    for stub in stubs:
        html = (out / f"{stub}.html").read_text()
        assert '<meta name="robots" content="noindex">' in html
        match = re.search(r'http-equiv="refresh" content="0; url=([^"]*)"', html)
        if match is None:
            assert len([w for w in warnings if f"/{stub}.md" in w and "redirect" in w]) == 1
        elif not urlsplit(match.group(1)).scheme:
            assert ((out / stub).parent / match.group(1).split("#")[0]).resolve().is_file()
            local += 1
    assert local > 350
