"""The nav once per build: ``_static/superoffice-nav.json`` and each page's short nav."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

Item = dict[str, Any]


def nav_file(app: SphinxTestApp) -> list[Item]:
    data = json.loads((Path(app.outdir) / "_static" / "superoffice-nav.json").read_text("utf-8"))
    assert set(data) == {"items"}
    items: list[Item] = data["items"]
    return items


def walk(items: list[Item], trail: tuple[Item, ...] = ()) -> list[tuple[Item, ...]]:
    out = []
    for item in items:
        out.append((*trail, item))
        out += walk(item.get("c", []), (*trail, item))
    return out


def check_structure(app: SphinxTestApp, items: list[Item]) -> None:
    outdir = Path(app.outdir)
    for path in walk(items):
        item = path[-1]
        assert set(item) <= {"t", "u", "e", "c"}, item
        assert isinstance(item["t"], str) and item["t"]
        assert item.get("e", 1) == 1 and item.get("c", [None]) != []
        url = item.get("u")
        if url is None or "://" in url:
            continue
        # relative to the output root: the file is there
        assert not url.startswith(("/", "..")), url
        assert (outdir / url.split("#")[0]).is_file(), url


def sidebar_links(app: SphinxTestApp, page: str) -> tuple[BeautifulSoup, list[str]]:
    soup = BeautifulSoup((Path(app.outdir) / page).read_text("utf-8"), "html.parser")
    nav = soup.select_one("#so-sidebar")
    assert nav is not None
    here = posixpath.dirname(page)
    links = []
    for a in nav.select("ul.so-tree a.so-tree-link"):
        href = str(a["href"])
        if "://" in href:
            links.append(href)
        elif href.startswith("#"):  # the page links itself as "#"
            links.append(page + href.rstrip("#"))
        else:
            links.append(posixpath.normpath(posixpath.join(here, href)))
    return soup, links


def expected_links(items: list[Item], page: str) -> list[str]:
    """Trail, the page's siblings and its children, in tree order (root-relative)."""
    path = next(p for p in walk(items) if p[-1].get("u") == page)
    keep: list[Item] = []

    def visit(level: list[Item], depth: int) -> None:
        for item in level:
            if depth < len(path) - 1:
                if item is path[depth]:
                    keep.append(item)
                    visit(item.get("c", []), depth + 1)
            else:  # the page's level: every sibling, and the page's children
                keep.append(item)
                if item is path[-1]:
                    keep.extend(item.get("c", []))

    visit(items, 0)
    return [
        posixpath.normpath(i["u"].split("#")[0])
        + ("#" + i["u"].split("#")[1] if "#" in i["u"] else "")
        for i in keep
        if "u" in i
    ]


def deepest(items: list[Item]) -> str:
    urls = [p[-1].get("u") for p in walk(items)]
    paths = [
        p
        for p in walk(items)
        if "u" in p[-1] and "#" not in p[-1]["u"] and urls.count(p[-1]["u"]) == 1
    ]
    return str(max(paths, key=len)[-1]["u"])


@pytest.mark.sphinx("html", testroot="theme")
def test_nav_file_from_sphinx_toctree(app: SphinxTestApp) -> None:
    app.build()
    items = nav_file(app)
    check_structure(app, items)
    page = deepest(items)
    assert len(next(p for p in walk(items) if p[-1].get("u") == page)) >= 3, page
    soup, links = sidebar_links(app, page)
    assert links == expected_links(items, page)
    sidebar = soup.select_one("#so-sidebar")
    assert sidebar is not None
    up = "../" * page.count("/")
    assert str(sidebar["data-so-nav"]) == f"{up}_static/superoffice-nav.json"  # unversioned
    assert sidebar["data-so-page"] == page
    assert sidebar["data-so-root"] == (up or "./")
    # the whole tree is not in the page
    all_links = [p[-1]["u"] for p in walk(items) if "u" in p[-1]]
    assert len(links) < len(all_links)


@pytest.mark.sphinx(
    "html",
    testroot="site-toc",
    srcdir="site-toc-navfile",
    confoverrides={"html_theme": "superoffice", "templates_path": []},
)
def test_nav_file_from_toc_yml(app: SphinxTestApp) -> None:
    app.build()
    items = nav_file(app)
    check_structure(app, items)
    page = deepest(items)
    _soup, links = sidebar_links(app, page)
    assert links == expected_links(items, page)
    # a page in no toc keeps the top level only
    _soup, top = sidebar_links(app, "orphan.html")
    assert top == [i["u"] for i in items if "u" in i]
