"""A copied slice of the real corpus (docs/no; MIT, see the README of the test root)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from sphinx_superoffice.sitemodel import stub_pages
from sphinx_superoffice.toc import get_model


def _walk(nav: list[dict[str, Any]]) -> Any:
    for item in nav:
        yield item
        yield from _walk(item["children"])


def test_corpus_slice(build_root: Any, recorder: Any) -> None:
    app = build_root("test-site-corpus", events=recorder.events)
    env = app.env
    out = Path(app.outdir)
    warnings = app.warnings
    assert not [w for w in warnings if "isn't included in any toctree" in w]

    # every page listed in a toc.yml is in the nav, current, with its trail
    model = get_model(app.env)
    assert model is not None
    listed = set(model.occurrences)
    assert len(listed) >= 15
    for docname in listed:
        if docname in model.stubs:
            continue
        page = recorder.pages[docname]
        current = [i for i in _walk(page["nav"]) if i["current"]]
        assert current, docname
        assert page["crumbs"][-1]["title"] == current[0]["title"]
        own = Path(app.builder.get_target_uri(docname)).name
        assert all(i["url"].split("#")[0] == own for i in current), docname

    # landing pages render every card and every link; local links are never dead
    for landing in ("contact/index", "company/index"):
        source = yaml.safe_load((Path(app.srcdir) / f"{landing}.yml").read_text("utf-8-sig"))
        cards = source["landingContent"]
        html = (out / f"{landing}.html").read_text()
        assert html.count('class="sd-card sd-sphinx-override') == len(cards)
        links = [lk for c in cards for ll in c["linkLists"] for lk in ll["links"]]
        for link in links:
            assert f">{link['text']}</" in html, link
        hrefs = re.findall(r'<a class="reference [^"]*" href="([^"]+)"', html)
        dead = html.count('class="so-dead-link"')
        assert len(hrefs) + dead == len(links)
        for href in hrefs:
            if urlsplit(href).scheme:
                continue
            target = (out / landing).parent / href.split("#")[0]
            assert target.resolve().is_file(), href
        landing_warnings = [w for w in warnings if f"{landing}.yml" in w and "landing link" in w]
        assert len(landing_warnings) == dead

    # redirect stubs (kept off the page pipeline): a redirect page whose local target
    # exists, or a warning
    stubs = sorted(stub_pages(env))
    assert len(stubs) == 19
    assert not [d for d in env.found_docs if env.metadata[d].get("redirect_url")]
    followed = 0
    for stub in stubs:
        html = (out / f"{stub}.html").read_text()
        match = re.search(r'http-equiv="refresh" content="0; url=([^"]*)"', html)
        if match and not urlsplit(match.group(1)).scheme:
            target = (out / stub).parent / match.group(1).split("#")[0]
            assert target.resolve().is_file(), stub
            followed += 1
        elif not match:
            assert len([w for w in warnings if f"{stub}.md" in w and "redirect" in w]) == 1
    assert followed >= 10
