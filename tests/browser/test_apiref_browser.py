"""An API reference page (DocFX's CatLibrary sample) in real Chromium: axe with no rule
filtered, light and dark, 1280 and 375 px; every member reachable from "In this article"."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Page, expect

from ..toolkit import Build
from .conftest import serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no /usr/bin/chromium"),
]

NewPage = Callable[..., Page]
PAGE = "api/CatLibrary.Cat-2.html"


@pytest.fixture(scope="module")
def base_url(build_root: Callable[..., Build]) -> Iterator[str]:
    """The API test site (``test-apiref``), served."""
    site = build_root("test-apiref")
    with serve(Path(site.outdir)) as url:
        yield url


def _describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}" for v in violations
    )


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_api_page_passes_axe(new_page: NewPage, scheme: str, width: int) -> None:
    page = new_page(width=width, scheme=scheme)
    page.goto(PAGE)
    page.wait_for_load_state("networkidle")
    bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (bg == "rgb(15, 20, 25)") == (scheme == "dark")
    violations = Axe().run(page).response["violations"]
    assert violations == [], _describe(violations)


def test_members_are_reachable_from_in_this_article(new_page: NewPage) -> None:
    page = new_page(width=1280)
    page.goto(PAGE)
    page.wait_for_load_state("networkidle")
    toc = page.locator("nav.so-toc")
    hrefs = toc.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    members = page.locator("section.so-api-member").evaluate_all("els => els.map(e => e.id)")
    assert len(members) == 20
    assert {f"#{m}" for m in members} <= set(hrefs)
    assert "#methods" in hrefs and "#constructors" in hrefs
    link = toc.locator('a[href="#CatLibrary_Cat_2_CalculateFood_System_DateTime_"]')
    link.click()
    assert page.url.endswith("#CatLibrary_Cat_2_CalculateFood_System_DateTime_")
    expect(page.locator("#CatLibrary_Cat_2_CalculateFood_System_DateTime_ h3")).to_be_in_viewport()


@pytest.mark.parametrize("width", [320, 375])
def test_no_horizontal_page_scroll(new_page: NewPage, width: int) -> None:
    """Long signatures, declarations and parameter tables wrap or scroll inside."""
    page = new_page(width=width, height=800)
    page.goto(PAGE)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
