"""Real Chromium: a redirect page lands on its target."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..browser.conftest import serve
from ..toolkit import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed"),
]


@pytest.fixture
def served(build_root: Any) -> Iterator[str]:
    app = build_root("test-site-redirects")
    with serve(Path(app.outdir)) as url:
        yield url.rstrip("/")


def test_redirect_stub_lands_on_target(served: str, browser: Any) -> None:
    try:
        page = browser.new_page()
        # a chain: stub-chain -> /no/stub-abs -> https://docs.example.com/no/target.html
        page.goto(f"{served}/stub-chain.html")
        page.wait_for_url(f"{served}/target.html", timeout=15000)
        assert page.locator("h1").first.inner_text().startswith("Target page")

        # a redirect_from page at an old path, with an anchor kept by stub-rel
        page.goto(f"{served}/old/path.html")
        page.wait_for_url(f"{served}/target.html", timeout=15000)
        page.goto(f"{served}/stub-rel.html")
        page.wait_for_url(f"{served}/target.html#section", timeout=15000)

        # a refused target stays put and shows text, no link
        page.goto(f"{served}/stub-js.html")
        page.wait_for_timeout(500)
        assert page.url == f"{served}/stub-js.html"
        assert page.locator("a").count() == 0
    finally:
        page.close()
