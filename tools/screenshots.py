"""Screenshots of the superoffice theme: the visual test's references and the README's.

Usage::

    python tools/screenshots.py          # build tests/roots/test-visual, shoot every view,
                                         # write the references and the README pictures
    python tools/screenshots.py --site path/to/html --out DIR   # another built site

One run captures the landing page, an article with images and alerts, a tabbed article
and the search page, light and dark, at 1280 and 375 px, into
``tests/browser/screenshots/<page>-<view>-<scheme>.png`` (the references that
``tests/browser/test_visual.py`` compares with), and copies the landing page's four into
``docs/screenshots/`` (the README's). The test captures with :func:`capture` and compares
with :func:`compare`, both from here, so a reference and a test run are made alike.

Robust by construction: a fixed viewport and device scale, ``prefers-reduced-motion``,
no animations or caret, and the theme's fonts pinned to DejaVu Sans (Debian's
``fonts-dejavu-core``; :func:`font_missing` tells the test to skip without it). Needs
playwright, Pillow and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VISUAL_SITE = ROOT / "tests" / "roots" / "test-visual"
REFERENCES = ROOT / "tests" / "browser" / "screenshots"
README_SHOTS = ROOT / "docs" / "screenshots"
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
    "--font-render-hinting=none",
]

#: page key -> path in the built site
PAGES = {
    "landing": "index.html",
    "article": "learn/article.html",
    "tabs": "learn/tabs.html",
    "search": "search.html?q=settings",
}
#: view -> viewport (width, height)
VIEWS = {"desktop": (1280, 800), "mobile": (375, 720)}
SCHEMES = ("light", "dark")
#: the page whose pictures the README shows
README_PAGE = "landing"
#: the font every capture uses (installed with fontconfig on Debian)
FONT = "DejaVu Sans"
PIN_FONTS = (
    f':root {{ --so-font: "{FONT}", sans-serif; --so-mono: "DejaVu Sans Mono", monospace; }}'
)
#: a full-page capture is cut at this height (keeps the references small)
MAX_HEIGHT = 2400


@dataclass(frozen=True)
class Shot:
    page: str
    view: str
    scheme: str

    @property
    def name(self) -> str:
        return f"{self.page}-{self.view}-{self.scheme}"


SHOTS = [Shot(p, v, s) for p in PAGES for v in VIEWS for s in SCHEMES]


def font_missing() -> str:
    """Why captures cannot match the references here ("" when they can)."""
    try:
        found = subprocess.run(
            ["fc-list", FONT], capture_output=True, text=True, check=False, timeout=30
        ).stdout
    except OSError as exc:
        return f"fc-list: {exc}"
    return "" if found.strip() else f"the font {FONT!r} is not installed"


def build_site(dest: Path) -> Path:
    """Build the visual test site (warnings are errors) into ``dest``; return its HTML."""
    from sphinx.cmd.build import build_main

    src = dest / "src"
    shutil.copytree(VISUAL_SITE, src)
    out = dest / "html"
    if build_main(["-b", "html", "-q", "-W", "--keep-going", str(src), str(out)]) != 0:
        raise RuntimeError("building the visual test site failed (warnings are errors)")
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log on the console."""


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def open_page(browser: Any, base_url: str, shot: Shot) -> tuple[Any, Any]:
    """``(context, page)``: the shot's page loaded and settled, fonts pinned."""
    width, height = VIEWS[shot.view]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=1,
        color_scheme=shot.scheme,
        reduced_motion="reduce",
        locale="en-US",
    )
    page = context.new_page()
    page.goto(base_url + PAGES[shot.page], wait_until="load")
    if shot.page == "search":
        page.wait_for_selector("#search-results ul.search li a")
    page.add_style_tag(content=PIN_FONTS)
    # the fonts, then two frames: every mask and image is decoded and painted
    page.evaluate(
        "document.fonts.ready.then(() => new Promise(r => requestAnimationFrame("
        "() => requestAnimationFrame(r))))"
    )
    return context, page


def capture(browser: Any, base_url: str, shot: Shot) -> bytes:
    """The shot as PNG bytes: the whole page, cut at :data:`MAX_HEIGHT`."""
    context, page = open_page(browser, base_url, shot)
    try:
        width = VIEWS[shot.view][0]
        height = min(int(page.evaluate("document.documentElement.scrollHeight")), MAX_HEIGHT)
        png: bytes = page.screenshot(
            full_page=True,
            clip={"x": 0, "y": 0, "width": width, "height": height},
            animations="disabled",
            caret="hide",
            scale="css",
        )
        return png
    finally:
        context.close()


#: a pixel differs when one of its channels differs by more than this (0-255)
CHANNEL_THRESHOLD = 48
#: the side of the square in which differing pixels are counted
WINDOW = 9
#: fail when more than this share of one window's pixels differ
WINDOW_LIMIT = 0.15


def compare(reference: bytes, actual: bytes) -> str:
    """Why ``actual`` does not match ``reference`` ("" when it does).

    Anti-aliasing changes scattered pixels a little; a missing icon, a moved line or
    another colour changes a dense patch a lot. So a pixel counts only when a channel
    differs by more than :data:`CHANNEL_THRESHOLD`, and the images differ when, in some
    :data:`WINDOW` x :data:`WINDOW` square, more than :data:`WINDOW_LIMIT` of the pixels
    count (an icon of 18 px is about 30 % strokes).
    """
    from PIL import Image, ImageChops, ImageFilter

    ref = Image.open(io.BytesIO(reference)).convert("RGB")
    act = Image.open(io.BytesIO(actual)).convert("RGB")
    if ref.size != act.size:
        return f"size {act.size[0]}x{act.size[1]}, reference {ref.size[0]}x{ref.size[1]}"
    red, green, blue = ImageChops.difference(ref, act).split()
    strongest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    changed = strongest.point(lambda v: 255 if v > CHANNEL_THRESHOLD else 0)
    count = changed.histogram()[255]
    if not count:
        return ""
    densest = changed.filter(ImageFilter.BoxBlur(WINDOW // 2)).getextrema()[1] / 255
    if densest <= WINDOW_LIMIT:
        return ""
    box = changed.getbbox()
    return (
        f"{count} pixels differ (in {box}); up to {densest:.0%} of a {WINDOW}x{WINDOW} "
        f"square (limit {WINDOW_LIMIT:.0%})"
    )


def diff_image(reference: bytes, actual: bytes) -> bytes:
    """The actual picture, faded, with the differing pixels in red (for a failed test)."""
    from PIL import Image, ImageChops

    ref = Image.open(io.BytesIO(reference)).convert("RGB")
    act = Image.open(io.BytesIO(actual)).convert("RGB")
    if ref.size != act.size:
        return actual
    strongest = ImageChops.difference(ref, act).convert("L")
    mask = strongest.point(lambda v: 255 if v > CHANNEL_THRESHOLD // 3 else 0)
    faded = Image.blend(act, Image.new("RGB", act.size, "white"), 0.7)
    faded.paste(Image.new("RGB", act.size, (220, 0, 0)), mask=mask)
    out = io.BytesIO()
    faded.save(out, format="PNG")
    return out.getvalue()


def shoot_all(site: Path, references: Path, readme: Path | None) -> list[Path]:
    """Capture every shot of ``site`` into ``references``; copy the README's set."""
    from playwright.sync_api import sync_playwright

    references.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for shot in SHOTS:
                path = references / f"{shot.name}.png"
                path.write_bytes(capture(browser, base, shot))
                written.append(path)
        finally:
            browser.close()
    if readme is not None:
        readme.mkdir(parents=True, exist_ok=True)
        for view in VIEWS:
            for scheme in SCHEMES:
                source = references / f"{Shot(README_PAGE, view, scheme).name}.png"
                target = readme / f"{view}-{scheme}.png"
                shutil.copyfile(source, target)
                written.append(target)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--site", type=Path, help="built HTML site (default: build test-visual)")
    parser.add_argument("--out", type=Path, help="write here only (not the references/README)")
    args = parser.parse_args(argv)
    missing = font_missing()
    if missing:
        raise SystemExit(f"cannot make the references: {missing}")
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_site(Path(tmp))
        if args.out:
            paths = shoot_all(site, args.out, None)
        else:
            paths = shoot_all(site, REFERENCES, README_SHOTS)
        for path in paths:
            shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            print(f"{shown}  {path.stat().st_size:,d} B")


if __name__ == "__main__":
    main()
