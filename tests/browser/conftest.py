"""Fixtures for the real-Chromium tests: serve a built test site, open pages in Chromium.

Every test is skipped, cleanly, when Debian's ``/usr/bin/chromium`` is absent (the
``browser`` fixture skips, and the test module marks itself ``skipif``).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Request,
)

from ..conftest import CHROMIUM_ARGS  # noqa: F401  (shared with the tests)
from ..toolkit import CHROMIUM, Build  # noqa: F401  (CHROMIUM: shared with the tests)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@contextlib.contextmanager
def serve(
    directory: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] | None = None
) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 from a background thread; yield its base URL (with a
    trailing slash). ``handler_class`` (quiet by default) answers the requests."""
    handler = functools.partial(handler_class or _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def base_url(build_root: Callable[..., Build]) -> Iterator[str]:
    """The test site (``test-theme``), built once without a warning, served."""
    site = build_root("test-theme")
    assert site.warnings == [], "the test site must build without warnings"
    with serve(Path(site.outdir)) as url:
        yield url


@pytest.fixture
def new_page(browser: Browser, base_url: str) -> Iterator[Callable[..., Page]]:
    """Factory: a page in a fresh context; fails the test on page errors or off-site requests."""
    contexts: list[BrowserContext] = []
    errors: list[str] = []
    offsite: list[str] = []

    def on_request(request: Request) -> None:
        if not request.url.startswith((base_url, "data:", "about:")):
            offsite.append(request.url)

    def make(width: int = 1280, height: int = 900, scheme: str = "light", js: bool = True) -> Page:
        ctx = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=scheme,  # type: ignore[arg-type]
            java_script_enabled=js,
            base_url=base_url,
        )
        contexts.append(ctx)
        page = ctx.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("request", on_request)
        return page

    yield make
    for ctx in contexts:
        ctx.close()
    assert errors == [], f"JavaScript errors: {errors}"
    assert offsite == [], f"requests left the site: {offsite}"
