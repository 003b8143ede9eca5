"""Real Chromium on the shared Norwegian tree (the session's one build, ``corpus_no``):
the front door shows a glyph in every card and list item, and the tree has a home page.

``corpus_no`` is built with Sphinx's ``basic`` theme: the glyphs come from the
extension's own ``superoffice-dfm.css``, so this also shows they work in any theme.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ..browser.conftest import serve
from ..conftest import CHROMIUM, CORPUS

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]

#: each visual of a card or list item: its mask (or image), its drawn size
VISUALS_JS = """sel => [...document.querySelectorAll(sel)].map(item => {
  const v = item.querySelector('.so-icon, img.so-landing-image');
  if (!v) return null;
  const s = getComputedStyle(v), r = v.getBoundingClientRect();
  return {tag: v.tagName, cls: v.className, mask: s.maskImage || s.webkitMaskImage,
          colour: s.backgroundColor, w: r.width, h: r.height};
})"""


def _glyphless(visuals: list[Any]) -> list[Any]:
    return [
        v
        for v in visuals
        if v is None
        or (v["tag"] != "IMG" and "url(" not in str(v["mask"]))
        or not (v["w"] >= 12 and v["h"] >= 12)
    ]


def test_learn_index_shows_a_glyph_in_every_card_and_list_item(
    corpus_no: Any, browser: Any
) -> None:
    out = Path(corpus_no.outdir)
    data = yaml.safe_load((CORPUS / "docs" / "no" / "learn" / "index.yml").read_text("utf-8-sig"))
    cards = len(data["highlightedContent"]["items"])
    links = sum(len(c.get("links") or []) for c in data["conceptualContent"]["items"])
    assert cards == 8 and links >= 40

    # a tree without index.md has a home page: a redirect to the first page of the toc
    assert 'url=learn/index.html"' in (out / "index.html").read_text(encoding="utf-8")

    with serve(out) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.goto(url + "index.html")
            page.wait_for_url(url + "learn/index.html", timeout=15000)
            page.wait_for_load_state("load")
            card_visuals = page.evaluate(VISUALS_JS, ".so-landing-highlight")
            item_visuals = page.evaluate(VISUALS_JS, "ul.so-landing-links > li")
        finally:
            context.close()
    assert len(card_visuals) == cards
    assert len(item_visuals) == links
    assert _glyphless(card_visuals) == []
    assert _glyphless(item_visuals) == []
    # painted, not a transparent placeholder: the glyph takes the text colour
    assert all(v["colour"] not in ("rgba(0, 0, 0, 0)", "transparent") for v in item_visuals)
