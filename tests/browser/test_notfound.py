"""The 404 page works at any depth: served for ``/no/a/b/c/missing`` by a server that
answers a missing path with the site's ``404.html``, its styles, scripts and links load."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from ..toolkit import CHROMIUM, Build
from .conftest import _QuietHandler, serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no {CHROMIUM}"),
]


class _NotFoundHandler(_QuietHandler):
    """Static files; a missing path gets ``<lang>/404.html`` with status 404 (as GitHub
    Pages, Read the Docs and ``error_page 404`` do)."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        lang = self.path.lstrip("/").split("/", 1)[0]
        page = Path(self.directory) / (lang if lang in ("en", "no") else "en") / "404.html"
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_404_page_works_at_any_depth(
    build_root: Callable[..., Build], browser: Any, tmp_path: Path
) -> None:
    en = build_root("test-site-published", tree="en", confdir=".")
    no = en.again(tree="no")
    site = tmp_path / "site"
    shutil.copytree(en.outdir, site / "en")
    shutil.copytree(no.outdir, site / "no")
    with serve(site, _NotFoundHandler) as base:
        url = base.rstrip("/")
        context = browser.new_context()
        page = context.new_page()
        failed: list[str] = []
        page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
        response = page.goto(url + "/no/a/b/c/missing")
        assert response is not None and response.status == 404
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").first.inner_text() == "Finner ikke siden"
        # the theme's stylesheet applied (not the browser's default look) and its script ran
        assert page.evaluate("getComputedStyle(document.querySelector('.so-header')).position") in (
            "sticky",
            "fixed",
        )
        assert failed == [f"404 {url}/no/a/b/c/missing"], "an asset of the 404 page is missing"
        hrefs = page.evaluate(
            "[...document.querySelectorAll('a[href]')].map(a => a.href)"
            ".filter(h => !h.includes('#'))"
        )
        assert f"{url}/no/index.html" in hrefs and f"{url}/en/index.html" in hrefs
        assert len(hrefs) >= 5
        statuses = page.evaluate(
            "hrefs => Promise.all(hrefs.map(h => fetch(h).then(r => [h, r.status])))", hrefs
        )
        assert [s for s in statuses if s[1] != 200] == []
        # search from the 404 page: the index loads from the site root, results link there
        page.goto(url + "/no/a/b/c/missing")
        page.keyboard.press("/")
        page.keyboard.type("Deep")
        results = page.locator("dialog.so-search-dialog .so-dialog-results")
        expect(results.locator('a[href="/no/a/b/deep.html"]')).to_have_count(1)
        context.close()
