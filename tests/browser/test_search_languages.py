"""Search in the page's language, in real Chromium: Norwegian finds inflected forms."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route, expect

from ..toolkit import REPO
from .conftest import CHROMIUM, serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """example-docs built as the multilingual site (en, no), served: (URL, folder)."""
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
        yield url, out


@pytest.fixture(scope="module")
def example_url(example_site: tuple[str, Path]) -> str:
    return example_site[0]


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


#: a redirect stub's refresh
REFRESH = re.compile(r'<meta http-equiv="refresh" content="(\d+); url=[^"]*"\s*/?>')
#: the query the search page is audited with (it has results on both languages)
SEARCH_QUERY = "import"
#: boxes the theme's script makes keyboard-reachable when they scroll (tabindex="0")
SCROLLERS_MARKED = """() => [...document.querySelectorAll(
    '.so-body table, .so-body div.highlight pre')].every(
    (el) => (el.scrollWidth > el.clientWidth + 1) === (el.getAttribute('tabindex') === '0'))"""


def site_pages(out: Path) -> list[str]:
    """Every HTML page of a built site (redirect stubs and the language root included)."""
    return sorted(
        path.relative_to(out).as_posix()
        for path in out.rglob("*.html")
        if not {"_static", "_sources", "_images"} & set(path.relative_to(out).parts)
    )


def test_every_example_page_has_no_axe_violations(
    browser: Browser, example_site: tuple[str, Path]
) -> None:
    """axe, every rule enabled, on every page of example-docs (real DocFX content), light
    and dark, 1280 and 375 px wide. One context and one tab: each page is loaded once and
    audited four times (viewport and colour scheme change in place); a redirect stub is
    audited as itself (without its refresh)."""
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    url, out = example_site
    pages = site_pages(out)
    assert len(pages) > 30 and "en/admin/import/settings.html" in pages
    axe_script = Axe().axe_script
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    def route(route: Route) -> None:
        request = route.request
        if not request.url.startswith(url):
            route.abort()  # YouTube embeds: the one outside request
        elif request.is_navigation_request() and request.frame == page.main_frame:
            response = route.fetch()
            html = response.text()
            refresh = REFRESH.search(html)
            if refresh is None:
                route.fulfill(response=response)
                return
            # a redirect stub is audited as itself: its refresh (immediate, which axe's
            # meta-refresh rule allows) is taken out so that it stays on the page
            assert refresh.group(1) == "0", refresh.group(0)
            route.fulfill(response=response, body=REFRESH.sub("", html))
        else:
            route.continue_()

    context.route("**/*", route)
    found = []
    for rel in pages:
        is_search = rel.endswith("search.html")
        target = url + rel + (f"?q={SEARCH_QUERY}" if is_search else "")
        page.goto(target, wait_until="load")
        if is_search:
            page.wait_for_selector("#search-results ul.search li a")
            # Sphinx fills the results heading when the search has finished
            page.wait_for_function(
                "document.querySelector('#search-results h2')?.textContent.trim().length > 0"
            )
        page.evaluate(axe_script)
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_function(SCROLLERS_MARKED)
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
                result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
                found += [
                    (rel, scheme, width, v["id"], [n["target"] for n in v["nodes"]][:3])
                    for v in result["violations"]
                ]
        assert page.url == target, (rel, page.url)
    context.close()
    assert found == []


def test_search_finds_each_page_once_by_its_title(
    browser: Browser, example_site: tuple[str, Path]
) -> None:
    """A page's DocFX uid is in objects.inv but not in the search index: searching lists
    each page once, under its title (before: again as "<uid> (DocFX uid, in <title>)")."""
    url, out = example_site
    index = json.loads(
        (out / "en" / "searchindex.js").read_text(encoding="utf-8")[len("Search.setIndex(") : -1]
    )
    assert not [t for t in index["objtypes"].values() if t.startswith("superoffice:")]
    assert b"superoffice:uid" in zlib.decompress(
        (out / "en" / "objects.inv").read_bytes().split(b"\n", 4)[4]
    )
    page = browser.new_page()
    for lang, query in (("en", "import"), ("no", "import")):
        page.goto(f"{url}{lang}/search.html?q={query}")
        page.wait_for_function(
            "document.querySelector('#search-results h2')?.textContent.trim().length > 0"
        )
        results = page.locator("#search-results ul.search > li")
        found = [
            (li.locator("a").first.get_attribute("href") or "", li.locator("a").first.inner_text())
            for li in results.all()
        ]
        pages = [href.split("#")[0] for href, _ in found]
        # the same pages that say "import" in their text, each once, by its <h1>
        assert len(found) >= 4 and len(set(pages)) == len(pages), found
        for href, title in found:
            html = (out / lang / href.split("#")[0]).read_text(encoding="utf-8")
            h1 = re.search(r"<h1>(.*?)<a class=\"headerlink\"", html, re.S)
            assert h1 is not None and re.sub(r"<[^>]+>", "", h1.group(1)) == title, href
        assert "DocFX uid" not in page.locator("#search-results").inner_text()
    page.close()
