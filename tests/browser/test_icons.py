"""Every Phosphor icon the shared corpus uses draws a visible glyph in real Chromium.

The page holds one tag per distinct ``class`` value of the corpus's ``<i class="ph …">``
tags (``ph ph-fill ph-circle`` too), with ``aria-hidden``; one screenshot of the page is
cut at each tag's box and must have dark pixels (the glyph, in ``currentColor``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from ..toolkit import CHROMIUM, CORPUS, Build
from .conftest import serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.corpus,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no {CHROMIUM}"),
]

_TAG = re.compile(r"""<i\b[^>]*\bclass=["']([^"']*\bph\b[^"']*)["']""")


def corpus_icon_classes() -> list[str]:
    """Every distinct class value of the corpus's Phosphor icon tags."""
    if not (CORPUS / "docs").is_dir():
        pytest.skip(f"{CORPUS} is not there")
    found: set[str] = set()
    for path in (p for p in CORPUS.rglob("*.md") if p.is_file()):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "ph-" in text:
            found.update(" ".join(m.split()) for m in _TAG.findall(text))
    return sorted(found)


def test_every_corpus_icon_draws_a_glyph(
    build_project: Callable[..., Build], browser: object
) -> None:
    classes = corpus_icon_classes()
    names = {n for c in classes for n in c.split() if n.startswith("ph-") and n != "ph-fill"}
    assert len(names) >= 150  # the corpus's 155 names, not a stub
    rows = "\n".join(
        f'<p>{i} <i class="{c}" aria-hidden="true"></i> {c}</p>' for i, c in enumerate(classes)
    )
    unknown = '<p>x <i class="ph ph-no-such-icon" aria-hidden="true"></i></p>'
    page = "# Icons\n\n" + rows + "\n" + unknown + "\n"
    site = build_project(page, conf='html_theme = "superoffice"\n')
    line = len(classes) + 3
    assert [w for w in site.warnings if "icon" in w] == [
        f"<src>/index.md:{line}: WARNING: Phosphor icon 'ph-no-such-icon' is not shipped; it "
        "draws nothing [superoffice.icon]"
    ]
    html = site.html("index.html")
    assert "superoffice-phosphor.css" in html
    with serve(Path(site.outdir)) as url:
        context = browser.new_context(viewport={"width": 900, "height": 800})  # type: ignore[attr-defined]
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(url + "index.html")
        page.add_style_tag(content="i[class] { font-size: 32px; color: #000; }")
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('main i[class]')].map(el => {
                 el.scrollIntoView();
                 const r = el.getBoundingClientRect();
                 return [el.className, el.getAttribute('aria-hidden'),
                         r.x + window.scrollX, r.y + window.scrollY, r.width, r.height];
               })"""
        )
        shot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("L")
        context.close()
    assert not [r for r in requests if not r.startswith((url, "data:"))], "off-site request"
    assert len(boxes) == len(classes) + 1
    blank = []
    for name, hidden, x, y, width, height in boxes:
        assert hidden == "true", name
        if "no-such-icon" in name:
            assert width == 0 and height == 0  # an unknown name stays hidden
            continue
        if width < 20 or height < 20:
            blank.append(f"{name} ({width}x{height})")
            continue
        crop = shot.crop((round(x), round(y), round(x + width), round(y + height)))
        dark = sum(crop.histogram()[:128])
        if dark < 12:  # the smallest glyph (dots-three) has 16 at 32 px; a blank box 0
            blank.append(f"{name} ({dark} dark pixels)")
    assert blank == [], f"icons without a visible glyph: {blank}"
