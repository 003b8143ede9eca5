"""The superoffice theme in real Chromium: axe, keyboard, no-JS, search, theme persistence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no /usr/bin/chromium"),
]

NewPage = Callable[..., Page]

#: One page of each type the acceptance criteria name.
PAGE_TYPES = {
    "article": "guide/start.html",
    "landing": "index.html",
    "search": "search.html?q=sign",
    "tabs-alerts": "alerts.html",
    "table-screenshot": "guide/reference.html",
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def _describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}" for v in violations
    )


def _settle(page: Page, path: str) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    if path.startswith("search.html"):
        page.wait_for_selector("#search-results ul.search li a")


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_axe_no_violations(new_page: NewPage, axe: Axe, kind: str, scheme: str, width: int) -> None:
    """axe with every rule enabled (no filters) finds nothing."""
    page = new_page(width=width, scheme=scheme)
    _settle(page, PAGE_TYPES[kind])
    bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (bg == "rgb(15, 20, 25)") == (scheme == "dark")
    result = axe.run(page)
    violations = result.response["violations"]
    assert violations == [], _describe(violations)


def test_axe_dark_chosen_with_toggle(new_page: NewPage, axe: Axe) -> None:
    """The explicit dark choice (not only the system preference) is accessible too."""
    page = new_page(scheme="light")
    _settle(page, PAGE_TYPES["tabs-alerts"])
    page.evaluate("localStorage.setItem('so-theme', 'dark')")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    violations = axe.run(page).response["violations"]
    assert violations == [], _describe(violations)


@pytest.mark.parametrize("width", [320, 375, 768, 1280, 1920])
@pytest.mark.parametrize("path", ["guide/reference.html", "alerts.html", "index.html"])
def test_no_horizontal_page_scroll(new_page: NewPage, width: int, path: str) -> None:
    page = new_page(width=width, height=800)
    _settle(page, path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def _focused(page: Page) -> str:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          if (!el) return "";
          if (el.id) return "#" + el.id;
          if (el.closest("#so-sidebar")) return "nav:" + el.textContent.trim();
          return el.tagName.toLowerCase() + "." + [...el.classList].join(".");
        }"""
    )


def test_keyboard_reaches_skip_link_search_nav_and_toggle(new_page: NewPage) -> None:
    page = new_page()
    _settle(page, "guide/start.html")
    page.keyboard.press("Tab")
    assert _focused(page) == "a.so-skip"
    expect(page.locator("a.so-skip")).to_be_in_viewport()
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        seen.append(_focused(page))
    assert "#so-search-input" in seen
    assert "button.so-theme-toggle" in seen
    assert "#so-filter-input" in seen
    assert any(s.startswith("nav:") for s in seen), seen
    # the skip link moves focus to the main content
    page.keyboard.press("Shift+Tab")
    page.goto("guide/start.html")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert _focused(page) == "#main-content"


def test_focus_is_visible(new_page: NewPage) -> None:
    page = new_page()
    _settle(page, "guide/start.html")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    skip_top = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert outline == "solid"
    assert skip_top >= 0
    for _ in range(3):
        page.keyboard.press("Tab")
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert style == ["solid", "3px"]


def test_drawer_by_keyboard_and_escape(new_page: NewPage) -> None:
    page = new_page(width=375, height=740)
    _settle(page, "guide/start.html")
    sidebar = page.locator("#so-sidebar")
    expect(sidebar).not_to_be_visible()
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # drawer toggle (checkbox behind the menu button)
    assert _focused(page) == "#so-drawer"
    page.keyboard.press("Space")
    expect(sidebar).to_be_visible()
    page.wait_for_timeout(300)  # the slide-in transition
    header = page.locator(".so-header").bounding_box()
    box = sidebar.bounding_box()
    assert header is not None and box is not None
    assert abs(box["y"] - (header["y"] + header["height"])) < 1  # below the whole header
    assert abs(box["y"] + box["height"] - 740) < 1  # down to the bottom of the screen
    expect(sidebar.locator('a[aria-current="page"]')).to_be_in_viewport()
    page.wait_for_function("document.activeElement.closest('#so-sidebar') !== null")
    page.keyboard.press("Escape")
    expect(sidebar).not_to_be_visible()
    assert _focused(page) == "#so-drawer"


def test_search_dialog_keyboard_and_results(new_page: NewPage) -> None:
    page = new_page()
    _settle(page, "alerts.html")
    dialog = page.locator("dialog.so-search-dialog")
    page.keyboard.press("/")
    expect(dialog).to_be_visible()
    assert _focused(page) == "#so-dialog-input"
    page.keyboard.type("zebraword")
    first = dialog.locator(".so-dialog-results a").first
    expect(first).to_have_attribute("href", "./guide/start.html")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "./guide/start.html"
    page.keyboard.press("Escape")
    expect(dialog).not_to_be_visible()
    # Ctrl+K opens it too; stemming finds "sign" for "signing"
    page.keyboard.press("Control+k")
    expect(dialog).to_be_visible()
    page.keyboard.type("signing")
    expect(dialog.locator(".so-dialog-results a[href='./guide/start.html']")).to_have_count(1)
    all_link = dialog.locator(".so-all a")
    expect(all_link).to_have_attribute("href", "search.html?q=signing")
    page.keyboard.press("Escape")
    expect(dialog).not_to_be_visible()


def test_typing_in_header_search_opens_dialog(new_page: NewPage) -> None:
    page = new_page(width=375, height=740)
    _settle(page, "guide/deep/page.html")
    page.locator("#so-search-input").type("zebra")
    dialog = page.locator("dialog.so-search-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#so-dialog-input")).to_have_value("zebra")
    expect(dialog.locator(".so-dialog-results a").first).to_have_attribute(
        "href", "../../guide/start.html"
    )


def test_full_search_page(new_page: NewPage) -> None:
    page = new_page()
    _settle(page, "search.html?q=zebraword")
    results = page.locator("#search-results ul.search li a")
    expect(results).to_have_count(1)
    expect(results.first).to_have_text("Get started")


def test_theme_choice_persists_across_pages(new_page: NewPage) -> None:
    page = new_page(scheme="light")
    _settle(page, "guide/start.html")
    toggle = page.locator("button.so-theme-toggle")
    expect(toggle).to_be_visible()
    toggle.click()  # auto -> light
    toggle.click()  # light -> dark
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    expect(toggle).to_have_attribute("title", "Theme: dark")
    page.locator("a.so-next").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("guide/index.html")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(15, 20, 25)"
    assert page.evaluate("document.getElementById('pygments_dark_css').media") == "all"
    toggle.click()  # dark -> auto: follows the (light) system preference again
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme ?? null") is None
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


@pytest.mark.parametrize("width", [1280, 375])
def test_without_javascript_nav_is_visible_and_links_work(new_page: NewPage, width: int) -> None:
    page = new_page(width=width, js=False)
    page.goto("guide/start.html")
    sidebar = page.locator("#so-sidebar")
    if width < 800:
        expect(sidebar).not_to_be_visible()
        page.locator("label.so-menu-btn").click()  # the CSS-only drawer
    expect(sidebar).to_be_visible()
    expect(page.locator(".so-theme-toggle")).to_be_hidden()
    # without JS the page carries its trail, siblings and children: a sibling's page
    # lists its own children, and their links work
    sidebar.get_by_role("link", name="Guide").click()
    page.wait_for_load_state()
    assert page.url.endswith("guide/index.html")
    if width < 800:
        page.locator("label.so-menu-btn").click()
    link = page.locator("#so-sidebar").get_by_role("link", name="A deep page")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("guide/deep/page.html")
    expect(page.locator("h1")).to_have_text("A deep page¶")


def test_tabs_by_keyboard(new_page: NewPage) -> None:
    page = new_page()
    _settle(page, "alerts.html")
    page.locator(".sd-tab-set > label").first.click()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text("Open the File menu.")).to_be_visible()
    expect(page.get_by_text("Settings.", exact=False)).not_to_be_visible()


def test_code_copy_button(new_page: NewPage) -> None:
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    _settle(page, "alerts.html")
    button = page.locator("div.highlight button.so-copy")
    expect(button).to_have_count(1)
    button.click()
    expect(button).to_have_attribute("aria-label", "Copied")
    text = page.evaluate("navigator.clipboard.readText()")
    assert text.startswith("def hello(name: str) -> str:")
    assert 'return f"Hello {name}"' in text


def test_screenshot_zoom(new_page: NewPage) -> None:
    page = new_page()
    _settle(page, "guide/reference.html")
    img = page.locator('img[alt$="-screenshot"]')
    border = img.evaluate("el => getComputedStyle(el).borderTopStyle")
    assert border == "solid"
    page.locator("button.so-zoom").click()
    dialog = page.locator("dialog.so-zoom-dialog")
    expect(dialog).to_be_visible()
    alt = "Contact card in the web client -screenshot"
    expect(dialog.locator("img")).to_have_attribute("alt", alt)
    page.keyboard.press("Escape")
    expect(dialog).not_to_be_visible()
    assert _focused(page) == "button.so-zoom"


def test_in_this_article_tracks_scrolling(new_page: NewPage) -> None:
    page = new_page(height=500)
    _settle(page, "guide/deep/page.html")
    page.locator("#second-part").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    active = page.locator(".so-toc a.is-active")
    expect(active).to_have_attribute("href", "#second-part")
    expect(active).to_have_attribute("aria-current", "location")
    page.evaluate("window.scrollTo(0, 0)")
    expect(active).to_have_attribute("href", "#first-part")


def test_nav_filter(new_page: NewPage) -> None:
    page = new_page()
    _settle(page, "alerts.html")
    page.locator("#so-filter-input").fill("deep")
    sidebar = page.locator("#so-sidebar")
    expect(sidebar.get_by_role("link", name="A deep page")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Alerts and tabs")).not_to_be_visible()
    expect(sidebar.get_by_role("link", name="Reference")).not_to_be_visible()
    page.locator("#so-filter-input").fill("")
    expect(sidebar.get_by_role("link", name="Alerts and tabs")).to_be_visible()


def test_language_switcher(new_page: NewPage) -> None:
    page = new_page()
    _settle(page, "guide/start.html")
    page.locator(".so-lang summary").click()
    links = page.locator(".so-lang-list a")
    expect(links).to_have_count(3)
    expect(links.nth(2)).to_contain_text("(home page)")
    page.keyboard.press("Escape")
    expect(links.first).not_to_be_visible()


def test_print_hides_chrome(new_page: NewPage) -> None:
    page = new_page()
    _settle(page, "guide/start.html")
    page.emulate_media(media="print")
    for sel in (".so-header", "#so-sidebar", ".so-toc", ".so-prevnext", ".so-footer"):
        expect(page.locator(sel)).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()


def test_video_embed_is_16_by_9(new_page: NewPage) -> None:
    page = new_page(width=375)
    _settle(page, "alerts.html")
    box = page.locator(".so-video iframe").bounding_box()
    assert box is not None
    assert abs(box["width"] / box["height"] - 16 / 9) < 0.02


def test_current_page_is_scrolled_into_view_in_the_nav(new_page: NewPage) -> None:
    page = new_page(height=420)
    _settle(page, "topics/t16.html")
    inside = page.evaluate(
        """() => {
          const nav = document.getElementById("so-sidebar").getBoundingClientRect();
          const cur = document.querySelector('#so-sidebar [aria-current="page"]');
          const r = cur.getBoundingClientRect();
          return [document.getElementById("so-sidebar").scrollTop > 0,
                  r.top >= nav.top && r.bottom <= nav.bottom];
        }"""
    )
    assert inside == [True, True]


def test_phosphor_icons_draw_without_requests(new_page: NewPage) -> None:
    page = new_page()
    _settle(page, "alerts.html")
    icon = page.locator("i.ph.ph-gear")
    mask = icon.evaluate("el => getComputedStyle(el).maskImage")
    assert mask.startswith('url("data:image/svg+xml')
    box = icon.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0
    page.evaluate(
        "document.querySelector('main p').insertAdjacentHTML('beforeend',"
        " '<i class=\"ph ph-unknown-icon\"></i>')"
    )
    expect(page.locator("i.ph-unknown-icon")).to_be_hidden()


def test_in_this_article_on_small_screens(new_page: NewPage) -> None:
    page = new_page(width=375, height=740)
    _settle(page, "guide/start.html")
    expect(page.locator("nav.so-toc")).to_be_hidden()
    mobile = page.locator("nav.so-toc-mobile")
    expect(mobile).to_be_visible()
    link = mobile.get_by_role("link", name="Next steps")
    expect(link).to_be_hidden()
    mobile.locator("summary").click()
    link.click()
    assert page.url.endswith("#next-steps")


def test_in_this_article_on_small_screens_without_javascript(new_page: NewPage) -> None:
    """Without superoffice.js there is no collapsed copy: the page's own list shows
    after the article."""
    page = new_page(width=375, height=740, js=False)
    page.goto("guide/start.html")
    expect(page.locator("nav.so-toc-mobile")).to_have_count(0)
    toc = page.locator("nav.so-toc")
    expect(toc).to_be_visible()
    toc.get_by_role("link", name="Next steps").click()
    assert page.url.endswith("#next-steps")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_dialogs_open(new_page: NewPage, axe: Axe, scheme: str) -> None:
    """The search dialog (with results) and the image zoom pass axe too."""
    page = new_page(scheme=scheme)
    _settle(page, "guide/reference.html")
    page.keyboard.press("Control+k")
    page.keyboard.type("sign")
    expect(page.locator(".so-dialog-results a").first).to_be_visible()
    violations = axe.run(page).response["violations"]
    assert violations == [], _describe(violations)
    page.keyboard.press("Escape")
    page.locator("button.so-zoom").click()
    expect(page.locator("dialog.so-zoom-dialog")).to_be_visible()
    violations = axe.run(page).response["violations"]
    assert violations == [], _describe(violations)


def _nav_links(page: Page) -> list[str]:
    return [
        str(a).strip()
        for a in page.locator("#so-sidebar ul.so-tree a.so-tree-link").all_text_contents()
    ]


@pytest.mark.parametrize("js", [True, False])
def test_nav_of_a_deep_page(new_page: NewPage, js: bool) -> None:
    """With JS the whole tree comes from the nav file, the page current, highlighted and
    in view; without JS (or when the file cannot be fetched) the page's own nav: its
    trail, its siblings and its children."""
    page = new_page(js=js)
    page.goto("guide/deep/page.html")
    sidebar = page.locator("#so-sidebar")
    trail_siblings_children = ["Guide", "Reference", "A deep page"]
    if js:
        expect(sidebar).to_have_attribute("data-so-nav-state", "full")
        links = _nav_links(page)
        assert links[:4] == ["Get started", "Guide", "Reference", "A deep page"]
        assert "Topic 16" in links and len(links) == 22
        current = sidebar.locator('a[aria-current="page"]')
        expect(current).to_have_count(1)
        expect(current).to_have_text("A deep page")
        expect(current).to_be_visible()
        expect(current).to_have_css("font-weight", "650")
        expect(sidebar.locator("li.is-current")).to_have_count(1)
        # the trail is open, other branches closed
        opened = [
            str(t).strip() for t in sidebar.locator("details[open] > summary").all_text_contents()
        ]
        assert opened == ["Contents", "Guide"]
        # the filter works on the whole tree
        page.locator("#so-filter-input").fill("topic 1")
        expect(sidebar.get_by_role("link", name="Topic 12")).to_be_visible()
        expect(sidebar.get_by_role("link", name="Reference")).not_to_be_visible()
    else:
        expect(sidebar).not_to_have_attribute("data-so-nav-state", "full")
        assert _nav_links(page) == trail_siblings_children
        expect(sidebar.locator('a[aria-current="page"]')).to_have_text("A deep page")


def test_nav_file_unreachable_keeps_the_page_nav(new_page: NewPage) -> None:
    page = new_page()
    page.route("**/superoffice-nav.json*", lambda route: route.abort())
    page.goto("guide/deep/page.html")
    sidebar = page.locator("#so-sidebar")
    expect(sidebar).to_have_attribute("data-so-nav-state", "page")
    assert _nav_links(page) == ["Guide", "Reference", "A deep page"]
    page.locator("#so-filter-input").fill("refer")
    expect(sidebar.get_by_role("link", name="A deep page")).not_to_be_visible()
