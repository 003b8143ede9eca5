"""Make the README screenshots of the superoffice theme with Debian's Chromium.

Usage::

    python tools/screenshots.py                      # build tests/roots/test-theme first
    python tools/screenshots.py --site path/to/html  # an already built site
    python tools/screenshots.py --page guide/start.html --out docs/screenshots

Writes ``desktop-light.png``, ``desktop-dark.png`` (1280 px wide) and ``mobile-light.png``,
``mobile-dark.png`` (375 px wide) of one page. Needs playwright and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEST_SITE = ROOT / "tests" / "roots" / "test-theme"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: (file stem, viewport width, viewport height)
VIEWS = [("desktop", 1280, 800), ("mobile", 375, 720)]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log on the console."""


def build_test_site(dest: Path) -> Path:
    """Build the theme's test site into ``dest`` and return the HTML directory."""
    from sphinx.cmd.build import build_main

    src = dest / "src"
    shutil.copytree(TEST_SITE, src)
    out = dest / "html"
    if build_main(["-b", "html", "-q", str(src), str(out)]) != 0:
        raise SystemExit("building the test site failed")
    return out


def shoot(site: Path, page: str, out_dir: Path) -> list[Path]:
    """Serve ``site`` on 127.0.0.1 and screenshot ``page`` in each view and colour scheme."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for stem, width, height in VIEWS:
                for scheme in ("light", "dark"):
                    ctx = browser.new_context(
                        viewport={"width": width, "height": height},
                        color_scheme=scheme,
                        device_scale_factor=1,
                    )
                    tab = ctx.new_page()
                    tab.goto(base + page)
                    tab.wait_for_load_state("networkidle")
                    path = out_dir / f"{stem}-{scheme}.png"
                    tab.screenshot(path=str(path), animations="disabled", caret="hide")
                    written.append(path)
                    ctx.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--site", type=Path, help="built HTML site (default: build the test site)")
    parser.add_argument("--page", default="alerts.html", help="page to capture (relative path)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_test_site(Path(tmp))
        for path in shoot(site, args.page, args.out):
            print(
                f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
                f"  {path.stat().st_size:,d} B"
            )


if __name__ == "__main__":
    main()
