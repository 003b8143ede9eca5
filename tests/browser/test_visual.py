"""What a reader sees: screenshots compared with committed references, and every icon drawn.

The pages of ``tests/roots/test-visual`` (a landing page with every hub-page icon, an
article with images and alerts, a tabbed article, the search page), light and dark, at
1280 and 375 px, are compared with ``tests/browser/screenshots/`` within a tolerance that
absorbs anti-aliasing but not a missing icon (``tools/screenshots.py``: :func:`compare`).

After a change that is meant to alter the pages, remake the references (and the README's
pictures, from the same run) with::

    python tools/screenshots.py

A failing comparison leaves the capture and a picture of the difference in the test's
temporary folder (named in the failure message).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ..conftest import CHROMIUM, REPO

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]


def _screenshots() -> ModuleType:
    name = "so_tools_screenshots"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "tools" / "screenshots.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


shots = _screenshots()


@pytest.fixture(scope="module")
def visual_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The visual test site, built once (warnings are errors) and served."""
    site = shots.build_site(tmp_path_factory.mktemp("visual"))
    with shots.serve(site) as url:
        yield url


@pytest.mark.parametrize("shot", shots.SHOTS, ids=[s.name for s in shots.SHOTS])
def test_screenshot_matches_reference(
    browser: Any, visual_url: str, shot: Any, tmp_path: Path
) -> None:
    missing = shots.font_missing()
    if missing:
        pytest.skip(f"the references are made with {shots.FONT}: {missing}")
    reference = shots.REFERENCES / f"{shot.name}.png"
    actual = shots.capture(browser, visual_url, shot)
    if not reference.is_file():
        pytest.fail(f"no reference {reference.name}: run python tools/screenshots.py")
    problem = shots.compare(reference.read_bytes(), actual)
    if problem:
        (tmp_path / f"{shot.name}.png").write_bytes(actual)
        diff = tmp_path / f"{shot.name}-diff.png"
        diff.write_bytes(shots.diff_image(reference.read_bytes(), actual))
        pytest.fail(
            f"{shot.name} differs from its reference: {problem}. The capture and the "
            f"difference are in {tmp_path}; if the change is meant, run "
            "python tools/screenshots.py"
        )


#: every .so-icon: its computed mask image and its drawn size
ICONS_JS = """() => [...document.querySelectorAll('.so-icon')].map(e => {
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {cls: e.className, mask: s.maskImage || s.webkitMaskImage, w: r.width, h: r.height,
          hidden: e.getAttribute('aria-hidden'), drawn: e.getClientRects().length > 0};
})"""


def icon_problems(page: Any) -> list[str]:
    """The icons of the page that show no glyph, or are not hidden from screen readers."""
    problems = []
    for icon in page.evaluate(ICONS_JS):
        if "url(" not in str(icon["mask"]):
            problems.append(f"{icon['cls']}: mask {icon['mask']!r}")
        elif icon["drawn"] and not (icon["w"] > 0 and icon["h"] > 0):
            problems.append(f"{icon['cls']}: {icon['w']}x{icon['h']}")
        if icon["hidden"] != "true":
            problems.append(f"{icon['cls']}: not aria-hidden")
    return problems


@pytest.mark.parametrize("width", [1280, 375])
def test_every_icon_has_a_glyph(browser: Any, visual_url: str, width: int) -> None:
    """Every .so-icon on the pages (header, landing cards and lists) has a glyph, and the
    landing page draws one per card and link: 3 glyphs and an image, 13 link icons."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        for key, path in shots.PAGES.items():
            page.goto(visual_url + path, wait_until="load")
            assert icon_problems(page) == [], key
        page.goto(visual_url + shots.PAGES["landing"], wait_until="load")
        highlights = page.locator(".so-landing-highlight")
        assert highlights.count() == 4
        for i in range(4):
            card = highlights.nth(i)
            assert card.locator(".so-icon, img.so-landing-image").count() == 1
            visual = card.locator(".so-icon, img.so-landing-image").first.bounding_box()
            assert visual is not None and visual["width"] >= 32 and visual["height"] >= 32
        links = page.locator("ul.so-landing-links li")
        assert links.count() == 13
        assert page.locator("ul.so-landing-links li .so-icon").count() == 13
    finally:
        context.close()


def test_an_icon_without_a_glyph_is_invisible(browser: Any, visual_url: str) -> None:
    """A so-icon-* name without a glyph paints nothing: a transparent mask, not a box."""
    from io import BytesIO

    from PIL import Image

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(visual_url + shots.PAGES["landing"], wait_until="load")
        page.evaluate(
            """() => document.querySelector('.so-landing-summary').insertAdjacentHTML(
                 'afterbegin',
                 '<span id="bogus" class="so-icon so-icon-bogus" aria-hidden="true"></span>')"""
        )
        mask = page.evaluate("getComputedStyle(document.querySelector('#bogus')).maskImage")
        assert "gradient" in mask, mask  # the transparent fallback, not "none"
        picture = Image.open(BytesIO(page.locator("#bogus").screenshot())).convert("RGB")
        assert len(picture.getcolors() or []) == 1, "the icon paints something"
    finally:
        context.close()
