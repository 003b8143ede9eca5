"""Build the test sites with the superoffice theme and check the HTML it writes."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from ..toolkit import REPO, Build

BuildRoot = Callable[..., Build]


@pytest.fixture(scope="module")
def theme_site(build_root: BuildRoot) -> Build:
    """``test-theme`` as it is, built once for the tests that only read it."""
    return build_root("test-theme")


@pytest.fixture(scope="module")
def contract_site(build_root: BuildRoot) -> Build:
    """``test-theme-contract`` as it is, built once."""
    return build_root("test-theme-contract")


def one(node: Tag, selector: str) -> Tag:
    """The first element matching ``selector``; fails the test when there is none."""
    found = node.select_one(selector)
    assert found is not None, selector
    return found


def page(app: Any, name: str) -> BeautifulSoup:
    """Parse one built page."""
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def test_entry_point_names_theme_module() -> None:
    meta = tomllib.loads((REPO / "pyproject.toml").read_text())
    target = meta["project"]["entry-points"]["sphinx.html_themes"]["superoffice"]
    module = import_module(target)
    assert callable(module.setup)
    assert (Path(module.THEME_DIR) / "theme.toml").is_file()
    assert 'inherit = "basic"' in (Path(module.THEME_DIR) / "theme.toml").read_text()


def test_build_has_no_warnings(theme_site: Build) -> None:
    built = theme_site
    assert built.warning.getvalue() == ""


def test_article_page(theme_site: Build) -> None:
    built = theme_site
    soup = page(built, "guide/start.html")
    assert one(soup, "html")["lang"] == "en"
    skip = one(soup, "a.so-skip")
    assert skip["href"] == "#main-content"
    assert one(soup, "main#main-content")
    # header: brand, search form (works without JS), language switcher; what needs
    # JavaScript (theme toggle, search dialog, nav filter) superoffice.js makes
    assert one(soup, ".so-brand").get_text(strip=True) == "SuperOffice Docs"
    form = one(soup, "header form.so-search")
    assert form["action"] == "../search.html"
    assert one(form, "input[name=q]")
    for needs_js in ("button.so-theme-toggle", "dialog", ".so-filter", ".so-toc-mobile"):
        assert soup.select_one(needs_js) is None, needs_js
    assert soup.select('meta[name="viewport"]') and len(soup.select('meta[name="viewport"]')) == 1
    langs = soup.select(".so-lang-list a")
    assert [a["hreflang"] for a in langs] == ["en", "no", "de"]
    assert "so-lang-inexact" in langs[2]["class"]
    # nav tree in the HTML, current page marked
    current = soup.select('#so-sidebar a[aria-current="page"]')
    assert [a.get_text() for a in current] == ["Get started"]
    # breadcrumbs: root, then the current page
    crumbs = [li.get_text(strip=True) for li in soup.select(".so-breadcrumbs li")]
    assert crumbs == ["SuperOffice test documentation", "Get started"]
    # "In this article": H2 with nested H3
    toc = one(soup, "nav.so-toc")
    assert [a["href"] for a in toc.select("a")] == [
        "#sign-in",
        "#with-single-sign-on",
        "#next-steps",
    ]
    assert one(toc, "li > ul > li > a")["href"] == "#with-single-sign-on"
    # written once: superoffice.js copies it above the article on small screens
    assert soup.select_one("nav.so-toc-mobile") is None
    # metadata line, localised date, edit link
    meta = one(soup, ".so-pagemeta")
    assert "Author: jdoe" in meta.get_text()
    assert one(meta, "time")["datetime"] == "2026-01-15"
    assert one(meta, "time").get_text() == "January 15, 2026"
    edit = one(meta, "a.so-edit")["href"]
    assert edit == "https://github.com/example/docs/edit/main/docs/guide/start.md"
    # previous / next
    assert one(soup, "a.so-prev")["href"] == "../index.html"
    assert one(soup, "a.so-next")["href"] == "index.html"
    assert one(soup, "footer").get_text(" ", strip=True).startswith("Theme test footer")


def test_only_css_blocks_rendering_and_nothing_leaves_the_site(theme_site: Build) -> None:
    built = theme_site
    for name in ("index.html", "alerts.html", "search.html", "guide/reference.html"):
        soup = page(built, name)
        for script in soup.find_all("script"):
            if script.get("src"):
                assert script.has_attr("defer") or script.has_attr("async"), (name, script)
            else:
                assert len(script.get_text()) < 400, "only the tiny theme-init script is inline"
        for tag, attr in (("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")):
            for el in soup.find_all(tag):
                url = str(el.get(attr) or "")
                assert not re.match(r"^(https?:)?//", url), (name, el)
        css = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
        assert any("superoffice.css" in href for href in css)
        assert not any("basic.css" in href for href in css)


def test_alerts_tabs_and_content_blocks(theme_site: Build) -> None:
    built = theme_site
    soup = page(built, "alerts.html")
    kinds = [
        next(c for c in div["class"] if c != "admonition")
        for div in soup.select("main div.admonition")
    ]
    assert kinds == ["note", "tip", "important", "warning", "caution"]
    assert one(soup, ".sd-tab-set")
    assert one(soup, ".so-video > iframe")
    assert one(soup, "div.highlight pre")
    ref = page(built, "guide/reference.html")
    assert one(ref, 'img[alt$="-screenshot"]')


def test_landing_layout(theme_site: Build) -> None:
    built = theme_site
    soup = page(built, "index.html")
    assert "so-layout-landing" in one(soup, "body")["class"]
    assert soup.select_one("nav.so-toc") is None
    assert soup.select(".sd-card")
    # Sphinx's toctree caption gets the aria-level its role="heading" requires
    caption = one(soup, 'p.caption[role="heading"]')
    assert caption["aria-level"] == "2"
    article = page(built, "guide/start.html")
    assert "so-layout-article" in one(article, "body")["class"]


def test_search_page(theme_site: Build) -> None:
    built = theme_site
    soup = page(built, "search.html")
    assert "so-layout-search" in one(soup, "body")["class"]
    srcs = [str(s["src"]).split("?")[0] for s in soup.find_all("script", src=True)]
    assert srcs.index("_static/doctools.js") < srcs.index("_static/searchtools.js")
    assert srcs.index("_static/searchtools.js") < srcs.index("searchindex.js")
    assert srcs.index("_static/language_data.js") < srcs.index("_static/searchtools.js")
    assert soup.select_one('[role="main"] #search-results') is not None
    assert soup.select_one("#search-progress") is not None
    assert (Path(built.outdir) / "searchindex.js").read_text().startswith("Search.setIndex(")


def test_contract_nav_and_breadcrumbs_are_used(contract_site: Build) -> None:
    built = contract_site
    soup = page(built, "other.html")
    tree = one(soup, "#so-sidebar ul.so-tree")
    top = tree.find_all("li", recursive=False)
    assert len(top) == 3
    assert one(top[0], "a").get_text() == "Home"
    group = top[1]
    assert one(group, "summary.so-tree-group").get_text() == "Group without page"
    assert one(group, "details").has_attr("open")
    assert one(group, 'a[aria-current="page"]').get_text() == "Other page"
    closed = top[2]
    assert one(closed, "a.so-tree-link")["href"] == "index.html#closed"
    assert not one(closed, "details").has_attr("open")
    crumbs = [li.get_text(strip=True) for li in soup.select(".so-breadcrumbs li")]
    assert crumbs == ["Docs", "Group without page", "Other page"]
    # no languages in the context: no switcher; landing layout from front matter
    assert soup.select_one(".so-lang") is None
    assert "so-layout-landing" in one(soup, "body")["class"]
    assert soup.select_one(".so-pagemeta") is None


def test_interface_translated(build_root: BuildRoot) -> None:
    built = build_root("test-theme", confoverrides={"language": "de"})
    soup = page(built, "guide/start.html")
    assert one(soup, "html")["lang"] == "de"
    assert one(soup, "a.so-skip").get_text() == "Zum Hauptinhalt springen"
    assert one(soup, ".so-toc-title").get_text() == "In diesem Artikel"
    assert one(soup, ".so-pagemeta time").get_text() == "15. Januar 2026"
    assert "Diese Seite bearbeiten" in one(soup, "a.so-edit").get_text()
    assert '"copy": "Code kopieren"' in one(soup, "body")["data-so-strings"]


def test_norwegian_uses_bokmal_catalog(build_root: BuildRoot) -> None:
    built = build_root("test-theme", confoverrides={"language": "no"})
    soup = page(built, "guide/start.html")
    assert one(soup, "html")["lang"] == "no"
    # search is stemmed per language by Sphinx: the Norwegian stemmer is shipped
    assert "NorwegianStemmer" in (Path(built.outdir) / "_static/language_data.js").read_text()
    assert one(soup, ".so-toc-title").get_text() == "I denne artikkelen"
    assert one(soup, ".so-pagemeta time").get_text() == "15. januar 2026"


def test_logo_and_product_name(build_root: BuildRoot) -> None:
    built = build_root(
        "test-theme-contract",
        confoverrides={"html_theme_options": {"logo": "logo.svg", "product_name": "CRM Help"}},
    )
    brand = one(page(built, "index.html"), "a.so-brand")
    assert one(brand, "img.so-logo")["src"] == "_static/logo.svg"
    assert one(brand, "img.so-logo")["alt"] == ""  # the product name next to it is the text
    assert brand.get_text(strip=True) == "CRM Help"
    assert brand["href"] == "#" or brand["href"] == "index.html"


def test_edit_url_without_path_is_one_warning_not_a_crash(build_root: BuildRoot) -> None:
    """A plain configuration error: one warning at its conf.py line, no "Edit this page"
    links, and the build goes on (no crash banner)."""
    conf = (REPO / "tests" / "roots" / "test-theme-contract" / "conf.py").read_text("utf-8")
    options = 'html_theme_options = {"show_breadcrumbs": "true"}'
    assert conf.splitlines()[5] == options
    conf = conf.replace(
        options, 'html_theme_options = {\n    "edit_url": "https://example.org/edit",\n}'
    )
    built = build_root("test-theme-contract", files={"conf.py": conf})
    warnings = [w for w in built.warnings if "edit_url" in w]
    assert len(warnings) == 1, built.warnings
    assert (
        "conf.py:7: WARNING: html_theme_options['edit_url'] must contain '{path}'" in (warnings[0])
    )
    assert "[superoffice.config]" in warnings[0]
    assert "so-edit" not in (Path(built.outdir) / "index.html").read_text(encoding="utf-8")


def test_other_theme_gets_no_superoffice_assets(build_root: BuildRoot) -> None:
    built = build_root(
        "test-theme-contract",
        confoverrides={"html_theme": "alabaster", "html_theme_options": {}},
    )
    html = (Path(built.outdir) / "index.html").read_text(encoding="utf-8")
    assert "superoffice.js" not in html
    assert "superoffice.css" not in html
    assert built.warning.getvalue() == ""


def test_breadcrumbs_can_be_switched_off(build_root: BuildRoot) -> None:
    built = build_root(
        "test-theme-contract", confoverrides={"html_theme_options": {"show_breadcrumbs": "false"}}
    )
    soup = page(built, "other.html")
    assert soup.select_one(".so-breadcrumbs") is None
    assert soup.select_one("#so-sidebar .so-tree") is not None


@pytest.mark.parametrize(
    "buildername", ["html", pytest.param("dirhtml"), pytest.param("singlehtml")]
)
def test_resolved_once_nav_equals_sphinx_toctree(build_root: BuildRoot, buildername: str) -> None:
    """The once-per-build nav gives, page by page, what Sphinx's own toctree gives."""
    from sphinx_superoffice.theme.nav import NavItem, sphinx_toctree_nav, toctree_nav

    def norm(items: list[NavItem]) -> list[tuple[object, ...]]:
        return [
            (
                i["title"],
                i["url"],
                i["current"],
                i["on_trail"],
                i["expanded"],
                norm(i["children"]),
            )
            for i in items
        ]

    built = build_root("test-theme", buildername=buildername).app
    docs = sorted(built.env.found_docs)
    assert len(docs) > 20
    for doc in docs:
        ours = toctree_nav(built, doc)
        assert norm(ours) == norm(sphinx_toctree_nav(built, doc)), doc
    if buildername != "html":
        return
    deep = toctree_nav(built, "guide/deep/page")
    guide = deep[0]["children"][1]
    assert guide["url"] == "../index.html"
    assert guide["on_trail"] and guide["expanded"]
    current = guide["children"][1]
    assert (current["title"], current["url"], current["current"]) == (
        "A deep page",
        "#",
        True,
    )


def test_icon_tag_in_a_heading_is_not_shown_as_text(build_project: Any) -> None:
    """``# Search <i class="ph …"></i>`` (the corpus's find-screen page): the breadcrumb,
    the nav entry without a name and the redirect page show "Search", never the tag."""
    app = build_project(
        "# Home\n\n[Find](find.md)\n",
        files={
            "toc.yml": "- name: Home\n  href: index.md\n- href: find.md\n",
            "find.md": '# Search <i class="ph ph-magnifying-glass" aria-hidden="true"></i>\n\n'
            "Text.\n",
            "old.md": "---\nredirect_url: find.md\n---\n",
        },
        conf='html_theme = "superoffice"\n',
    )
    page = (app.outdir / "find.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    crumb = soup.select_one('.so-breadcrumbs [aria-current="page"]')
    assert crumb is not None and crumb.get_text() == "Search"
    home = (app.outdir / "index.html").read_text(encoding="utf-8")
    stub = (app.outdir / "old.html").read_text(encoding="utf-8")
    for html in (page, home, stub):
        assert "&lt;i" not in html and "ph-magnifying-glass&" not in html
    links = [a.get_text() for a in BeautifulSoup(home, "html.parser").select(".so-tree-link")]
    assert "Search" in links, links
