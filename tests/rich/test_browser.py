"""Real Chromium: synced tabs, dependent tabs and the zone pivot selector work when clicked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..toolkit import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed"),
]

PAGE = """\
# Browser

### [Linux](#tab/linux)

Linux first.

### [Windows](#tab/windows)

Windows first.

***

Between.

### [Linux](#tab/linux)

Linux second.

### [Windows](#tab/windows)

Windows second.

***

### [App](#tab/app/linux)

App on Linux.

### [App](#tab/app/windows)

App on Windows.

***

::: zone pivot="web"
Web text.
::: zone-end

::: zone pivot="win,mac"
Desktop text.
::: zone-end
"""


OTHER_PAGE = """\
# Other page

## [Linux](#tab/linux)

Linux elsewhere.

## [Windows](#tab/windows)

Windows elsewhere.

---
"""


@pytest.fixture
def page(build_root: Any, browser: Any) -> Iterator[Any]:
    app = build_root("test-rich-syntax", files={"index.md": PAGE, "other.md": OTHER_PAGE})
    url = (Path(app.outdir) / "index.html").as_uri()
    outside: list[str] = []
    pg = browser.new_page()
    try:

        def route(r: Any) -> None:
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        pg.route("**/*", route)
        pg.goto(url)
        pg.wait_for_load_state("load")
        yield pg
    finally:
        pg.close()
    assert outside == [], f"requests left the site: {outside}"


def _visible(page: Any, text: str) -> bool:
    return bool(page.get_by_text(text, exact=True).is_visible())


def test_clicking_a_tab_switches_its_synced_twin(page: Any) -> None:
    assert _visible(page, "Linux first.") and _visible(page, "Linux second.")
    assert not _visible(page, "Windows second.")
    labels = page.locator("label.sd-tab-label", has_text="Windows")
    labels.first.click()
    assert _visible(page, "Windows first.")
    # the twin in the second group switched too (sphinx-design sync by id)
    assert _visible(page, "Windows second.")
    assert not _visible(page, "Linux second.")
    assert (
        page.locator("label.sd-tab-label", has_text="Windows")
        .nth(1)
        .evaluate("l => document.getElementById(l.htmlFor).checked")
    )


def test_dependent_tab_follows_the_selected_condition(page: Any) -> None:
    assert _visible(page, "App on Linux.")
    assert not _visible(page, "App on Windows.")
    app_labels = page.locator("label.sd-tab-label", has_text="App")
    assert app_labels.nth(0).is_visible() and not app_labels.nth(1).is_visible()
    page.locator("label.sd-tab-label", has_text="Windows").first.click()
    page.wait_for_function(
        "() => !document.querySelectorAll('label.dfm-tab-conditional')[1]"
        ".classList.contains('dfm-tab-hidden')"
    )
    assert _visible(page, "App on Windows.")
    assert not _visible(page, "App on Linux.")
    assert not app_labels.nth(0).is_visible() and app_labels.nth(1).is_visible()


def test_zone_pivot_selector_changes_the_visible_content(page: Any) -> None:
    selector = page.locator(".dfm-pivot-selector")
    assert selector.is_visible()
    assert _visible(page, "Web text.") and not _visible(page, "Desktop text.")
    assert selector.locator("button[data-pivot=web]").get_attribute("aria-pressed") == "true"
    selector.locator("button[data-pivot=win]").click()
    assert _visible(page, "Desktop text.") and not _visible(page, "Web text.")
    assert selector.locator("button[data-pivot=win]").get_attribute("aria-pressed") == "true"
    assert "pivots=win" in page.url
    selector.locator("button[data-pivot=mac]").click()
    assert _visible(page, "Desktop text.")


def test_tab_selection_carries_over_to_another_page(page: Any) -> None:
    page.locator("label.sd-tab-label", has_text="Windows").first.click()
    page.goto(page.url.split("?")[0].replace("index.html", "other.html"))
    page.wait_for_load_state("load")
    assert _visible(page, "Windows elsewhere.")
    assert not _visible(page, "Linux elsewhere.")


def test_tabs_query_selects_a_tab_as_in_docfx(page: Any) -> None:
    page.goto(page.url.split("?")[0] + "?tabs=windows")
    page.wait_for_load_state("load")
    assert _visible(page, "Windows first.") and _visible(page, "Windows second.")
    assert _visible(page, "App on Windows.")
