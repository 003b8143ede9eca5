"""The project's documentation in real Chromium: three pages render with their title, the
navigation and the generated tables, without a console error or an off-site request."""

from __future__ import annotations

import dataclasses as dc
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Request, expect

from sphinx_superoffice.config import SuperOfficeConfig

from ..docs_site import build_docs
from .conftest import CHROMIUM, serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]


@pytest.fixture(scope="module")
def docs_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("docs-site") / "html"
    done = build_docs(out)
    assert done.returncode == 0, done.stderr
    with serve(out) as url:
        yield url


@pytest.mark.parametrize(
    ("page", "heading", "current"),
    [
        ("index.html", "sphinx-superoffice", "Overview"),
        ("migrating-from-docfx.html", "Migrating from DocFX", "Migrating from DocFX"),
        ("settings.html", "Settings", "Settings"),
    ],
)
def test_a_docs_page_renders(
    browser: Browser, docs_url: str, page: str, heading: str, current: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(f"console {message.type}: {message.text}")

    def on_request(request: Request) -> None:
        if not request.url.startswith((docs_url, "data:", "about:")):
            problems.append(f"off-site request: {request.url}")

    tab.on("console", on_console)
    tab.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    tab.on("request", on_request)
    response = tab.goto(docs_url + page)
    assert response is not None and response.ok
    tab.wait_for_load_state("networkidle")

    expect(tab).to_have_title(f"{heading} — sphinx-superoffice")
    expect(tab.locator("main h1")).to_have_text(f"{heading}¶")
    nav = tab.locator("#so-sidebar")
    expect(nav).to_be_visible()
    # the navigation is the docs' toc.yml, drawn with the current page marked
    expect(nav.get_by_role("link", name="Getting started")).to_be_visible()
    expect(nav.locator("[aria-current='page']")).to_have_text(current)
    if page == "settings.html":
        # one generated section per setting, each listed under "In this article"
        settings = tab.locator("main section[id^='superoffice-'] > h2")
        expect(settings).to_have_count(len(dc.fields(SuperOfficeConfig)))
        expect(tab.locator(".so-toc a[href='#superoffice-root']")).to_be_visible()
    context.close()
    assert problems == []
