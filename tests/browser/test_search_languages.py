"""Search in the page's language, in real Chromium: Norwegian finds inflected forms."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from ..toolkit import REPO
from .conftest import CHROMIUM, serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]


@pytest.fixture(scope="module")
def example_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("example-site")
    shutil.copytree(REPO / "example-docs", work / "ex", ignore=shutil.ignore_patterns("_build"))
    out = work / "ex" / "_build" / "html"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_superoffice.multilang",
            "-c",
            str(work / "ex"),
            str(work / "ex" / "docs"),
            str(out),
            "--languages",
            "en",
            "no",
            "-j",
            "2",
            "--",
            "-q",
        ],
        check=True,
        capture_output=True,
    )
    with serve(out) as url:
        yield url


def test_norwegian_search_finds_an_inflected_form(browser: Browser, example_url: str) -> None:
    # the pages say "leverandører"; "leverandøren" appears nowhere, but both stem alike
    text = "".join(
        p.read_text(encoding="utf-8") for p in (REPO / "example-docs/docs/no").rglob("*.md")
    )
    assert "leverandøren" not in text and "leverandører" in text
    page = browser.new_page()
    page.goto(f"{example_url}no/search.html?q=leverand%C3%B8ren")
    results = page.locator("#search-results li a")
    expect(results.first).to_be_visible(timeout=15000)
    hrefs = [a.get_attribute("href") or "" for a in results.all()]
    assert any("admin/import/from-erp.html" in href for href in hrefs), hrefs
    page.close()


def test_language_switcher_leads_to_the_same_page(browser: Browser, example_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{example_url}no/admin/import/from-erp.html")
    page.locator(".so-lang summary").click()
    page.locator('.so-lang-list a[hreflang="en"]').click()
    expect(page).to_have_url(f"{example_url}en/admin/import/from-erp.html")
    assert page.locator("html").get_attribute("lang") == "en"
    page.close()


EXAMPLE_PAGES = {
    "home": "en/index.html",
    "article-alerts-video": "no/admin/import/from-excel.html",
    "article-screenshot": "en/learn/getting-started/index.html",
    "search": "no/search.html?q=import",
}


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(EXAMPLE_PAGES))
def test_example_docs_have_no_axe_violations(
    browser: Browser, example_url: str, kind: str, scheme: str, width: int
) -> None:
    """axe, every rule enabled, on example-docs' real DocFX pages."""
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=scheme,  # type: ignore[arg-type]
        # YouTube embeds are the one outside request; block it, as the theme tests do
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(example_url) else route.abort()
        ),
    )
    page = context.new_page()
    page.goto(example_url + EXAMPLE_PAGES[kind])
    page.wait_for_load_state("networkidle")
    if kind == "search":
        page.wait_for_selector("#search-results ul.search li a")
        # Sphinx fills the results heading when the search has finished
        page.wait_for_function(
            "document.querySelector('#search-results h2')?.textContent.trim().length > 0"
        )
    violations = Axe().run(page).response["violations"]
    context.close()
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
