"""toc.yml → hidden toctrees, superoffice_nav, breadcrumbs, prev/next."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def _find(nav: list[dict[str, Any]], title: str) -> dict[str, Any]:
    for item in nav:
        if item["title"] == title:
            return item
        try:
            return _find(item["children"], title)
        except KeyError:
            pass
    raise KeyError(title)


def _titles(nav: list[dict[str, Any]]) -> list[Any]:
    return [
        (item["title"], _titles(item["children"])) if item["children"] else item["title"]
        for item in nav
    ]


def test_toctrees_follow_toc_order(build_root: Any) -> None:
    app = build_root("test-site-toc")
    env = app.env
    # no root toc.yml and no index page: the first page of the navigation is the root
    assert app.config.root_doc == "learn/index"
    assert env.toctree_includes["learn/index"] == [
        "learn/intro",
        "learn/group-a",
        "learn/group-b",
        "sub/index",
        "learn/Case",
    ]
    assert env.toctree_includes["sub/index"] == ["sub/page"]
    # the redirect page listed in the toc gets no toctree entry
    assert "stub" not in {d for docs in env.toctree_includes.values() for d in docs}
    relations = env.collect_relations()
    order = [
        "learn/index",
        "learn/intro",
        "learn/group-a",
        "learn/group-b",
        "sub/index",
        "sub/page",
        "learn/Case",
    ]
    for prev, doc, nxt in zip([None, *order[:-1]], order, [*order[1:], None], strict=True):
        assert relations[doc][1:] == [prev, nxt], doc
    assert relations["sub/page"][0] == "sub/index"

    warnings = app.warnings
    assert not [w for w in warnings if "isn't included in any toctree" in w]
    summary = [w for w in warnings if "superoffice.toc_not_included" in w]
    assert len(summary) == 1
    assert "2 page(s) are in no toc.yml" in summary[0]
    assert ": orphan, sub/hub [" in summary[0]
    case = [w for w in warnings if "superoffice.toc_case" in w]
    assert len(case) == 1 and "'case.md'" in case[0] and "learn/toc.yml:23" in case[0]
    missing = [w for w in warnings if "[superoffice.toc]" in w]
    assert len(missing) == 1 and "'nope.md'" in missing[0] and "learn/toc.yml:25" in missing[0]
    assert "orphan" in env.metadata["orphan"]


def test_nav_context(build_root: Any, recorder: Any) -> None:
    build_root("test-site-toc", events=recorder.events)
    page = recorder.pages["learn/group-b"]
    nav = page["nav"]
    assert _titles(nav) == [
        "Overview",
        "Introduction",
        ("Group", ["Group A", "Group B anchor", ("Deeper group", ["Intro again"])]),
        ("Sub section", ["Sub page"]),
        "External",
        "Case page",
        "Missing",
        "Old stub",
    ]
    group = _find(nav, "Group")
    assert group["url"] is None and group["on_trail"] and group["expanded"]
    assert not group["current"]
    current = _find(nav, "Group B anchor")
    assert current["current"] and current["on_trail"]
    assert current["url"] == "group-b.html#anchor"
    assert _find(nav, "Sub section")["url"] == "../sub/index.html"
    assert not _find(nav, "Sub section")["expanded"]
    assert _find(nav, "Sub page")["expanded"]  # expanded: true in sub/toc.yml
    assert _find(nav, "External")["url"] == "https://example.com/x"
    assert _find(nav, "Missing")["url"] is None
    # a redirect page listed in a toc links to where it leads
    assert _find(nav, "Old stub")["url"] == "intro.html"
    assert page["crumbs"] == [
        {"title": "Group", "url": None},
        {"title": "Group B anchor", "url": "group-b.html#anchor"},
    ]

    # a page listed twice is current in both places
    intro = recorder.pages["learn/intro"]["nav"]
    assert _find(intro, "Introduction")["current"]
    assert _find(intro, "Intro again")["current"]
    assert _find(intro, "Deeper group")["on_trail"]
    assert recorder.pages["learn/intro"]["crumbs"] == [
        {"title": "Introduction", "url": "intro.html"}
    ]

    # URLs are relative to the page; other pages' flags are untouched
    sub = recorder.pages["sub/page"]["nav"]
    assert _find(sub, "Introduction")["url"] == "../learn/intro.html"
    assert not _find(sub, "Group")["on_trail"]
    assert _find(sub, "Sub section")["on_trail"] and _find(sub, "Sub page")["current"]

    # pages in no toc get the full nav and no trail
    assert recorder.pages["orphan"]["crumbs"] == []
    assert not _find(recorder.pages["orphan"]["nav"], "Group")["on_trail"]


def test_nav_cache_is_bounded(build_root: Any) -> None:
    """Only the last few folders' navs are kept; an evicted folder's nav comes back equal."""
    from sphinx_superoffice.toc import get_model
    from sphinx_superoffice.toc.navigation import NAV_CACHE_SIZE, nav_for_dir

    app = build_root("test-site-toc").app
    model = get_model(app.env)
    assert model is not None
    first = nav_for_dir(app, model, "learn")
    assert _find(first, "Sub page")["url"] == "../sub/page.html"
    for i in range(3 * NAV_CACHE_SIZE):
        deep = nav_for_dir(app, model, f"a/b{i}")
        assert _find(deep, "Sub page")["url"] == "../../sub/page.html"
    assert len(model.nav_cache) == NAV_CACHE_SIZE
    assert "learn" not in model.nav_cache
    assert nav_for_dir(app, model, "learn") == first


def test_nav_rendered_in_html(build_root: Any) -> None:
    html = build_root("test-site-toc").html("learn/group-a.html")
    assert '<li class="current trail "><a href="group-a.html">Group A</a>' in html
    assert '<ol id="so-crumbs"><li>Group</li><li><a href="group-a.html">Group A</a></li></ol>' in (
        html
    )
    # Sphinx's own prev/next follow the toc
    assert '<a href="intro.html" title="Introduction"\n             accesskey="P">' in html
    assert '<a href="group-b.html" title="Group B"\n             accesskey="N">' in html


def test_incremental_toc_edit_updates_unedited_pages(build_root: Any, recorder: Any) -> None:
    app = build_root("test-site-toc")
    srcdir = Path(app.srcdir)
    page = Path(app.outdir) / "sub" / "page.html"
    assert ">Group A</a>" in page.read_text()

    toc = srcdir / "learn" / "toc.yml"
    toc.write_text(toc.read_text().replace("name: Group A", "name: Renamed A"))

    app2 = app.again(events=recorder.events)
    # sub/page.md was not edited, yet it is re-written with the new navigation
    assert "sub/page" in recorder.pages
    assert ">Renamed A</a>" in page.read_text()
    assert ">Group A</a>" not in page.read_text()
    assert _find(recorder.pages["sub/page"]["nav"], "Renamed A")["url"] == ("../learn/group-a.html")
    assert app2.env.toctree_includes["learn/index"][1] == "learn/group-a"

    # moving a page in the toc moves Sphinx's toctree too
    toc.write_text(
        toc.read_text()
        .replace(
            "  href: ../sub/toc.yml\n",
            "  href: ../sub/toc.yml\n  items:\n  - name: Moved A\n    href: ../learn/group-a.md\n",
        )
        .replace("    href: group-a.md\n", "    href: nope2.md\n")
    )
    app3 = app.again()
    assert "learn/group-a" not in app3.env.toctree_includes["learn/index"]
    assert "learn/group-a" in app3.env.toctree_includes["sub/index"]

    # nothing changed: nothing is re-read
    recorder.pages.clear()
    app.again(events=recorder.events)
    # (extra pages are written every time: the index, search, the 404 page and the home
    # page that a tree without index.md gets)
    extra = ("genindex", "search", "index", "404")
    assert not [p for p in recorder.pages if not p.startswith(extra)]


def test_parallel_build(build_root: Any) -> None:
    app = build_root("test-site-toc", parallel=2)
    assert app.env.toctree_includes["sub/index"] == ["sub/page"]
    assert "orphan" in app.env.metadata["orphan"]
    assert not [w for w in app.warnings if "isn't included in any toctree" in w]
    html = (Path(app.outdir) / "sub" / "page.html").read_text()
    assert '<li class="current trail expanded"><a href="page.html">Sub page</a>' in html


def test_configured_root(build_root: Any) -> None:
    app = build_root("test-site-toc", confoverrides={"superoffice_toc_root": ["sub/toc.yml"]})
    assert app.config.root_doc == "sub/page"
    summary = [w for w in app.warnings if "superoffice.toc_not_included" in w]
    assert len(summary) == 1 and "learn/intro" in summary[0]


def test_toc_shapes(build_root: Any, recorder: Any) -> None:
    app = build_root("test-site-toc-shapes", events=recorder.events)
    # a root toc.yml: the root page is index (it exists)
    assert app.config.root_doc == "index"
    nav = recorder.pages["index"]["nav"]
    assert _titles(nav) == [
        "Home page",  # no name: the page title
        ("Folder with toc", ["With toc page"]),  # folder/ with a toc.yml: embedded
        "Folder without toc",  # folder/ without a toc.yml: its index page
        "By uid",
        ("Cyc1", ["Cycle one", ("To two", ["Back to one", "Two"])]),
        "Markdown toc",
        "Broken",
        "Anchor",
    ]
    assert _find(nav, "Folder without toc")["url"] == "notoc/index.html"
    assert _find(nav, "By uid")["url"] == "b/page.html"
    assert _find(nav, "Anchor")["url"] == "a/page.html#part"
    assert _find(nav, "Back to one")["children"] == []  # the cycle is cut
    assert _find(nav, "Markdown toc")["url"] is None
    assert app.env.toctree_includes["index"] == [
        "withtoc/page",
        "notoc/index",
        "b/page",
        "cyc1/one",
        "cyc2/two",
        "a/page",
    ]
    warnings = [w for w in app.warnings if "[superoffice.toc]" in w]
    assert len(warnings) == 3
    assert any(
        "circular toc inclusion: toc.yml -> cyc1/toc.yml -> cyc2/toc.yml -> cyc1/toc.yml" in w
        for w in warnings
    )
    assert any("toc.md is not supported" in w for w in warnings)
    assert any("malformed toc.yml" in w and "b/toc.yml" in w for w in warnings)
    assert not [w for w in app.warnings if "isn't included" in w]


def test_nameless_item_follows_page_title(build_root: Any) -> None:
    app = build_root("test-site-toc-shapes")
    other = Path(app.outdir) / "notoc" / "index.html"

    def nav_html() -> str:
        return re.search(r'<nav id="so-nav">.*?</nav>', other.read_text(), re.S).group(0)

    assert '<a href="../index.html">Home page</a>' in nav_html()
    index = Path(app.srcdir) / "index.md"
    index.write_text(index.read_text().replace("# Home page", "# Start page"))
    app.again()
    # notoc/index.md was not edited; its nav shows the new title of index.md
    assert '<a href="../index.html">Start page</a>' in nav_html()


def test_breadcrumbs_never_repeat(build_project: Any) -> None:
    """A folder entry and its first page (or a group) of the same title give one crumb:
    the page itself, or the one that links somewhere."""
    app = build_project(
        "# Home\n",
        conf='html_theme = "superoffice"\n',
        files={
            "toc.yml": "- name: Home\n  href: index.md\n- name: Import\n  href: imp/toc.yml\n",
            "imp/toc.yml": "- name: Import\n  href: index.md\n"
            "- name: Excel\n  href: excel.md\n  items:\n  - name: Excel\n    items:\n"
            "    - name: Deeper\n      href: deeper.md\n"
            "- name: Import\n  items:\n  - name: Deep\n    href: deep.md\n",
            "imp/index.md": "# Import\n",
            "imp/excel.md": "# Excel\n",
            "imp/deep.md": "# Deep\n",
            "imp/deeper.md": "# Deeper\n",
        },
    )

    def crumbs(page: str) -> list[str]:
        html = (Path(app.outdir) / page).read_text(encoding="utf-8")
        trail = html.split('aria-label="Breadcrumb"', 1)[1].split("</ol>", 1)[0]
        return re.findall(r"<li>(.*?)</li>", trail)

    assert crumbs("imp/index.html") == ['<span aria-current="page">Import</span>']
    assert crumbs("imp/deep.html") == [
        "<span>Import</span>",
        '<span aria-current="page">Deep</span>',
    ]
    # the group "Excel" under the page "Excel": the crumb that links stays
    assert crumbs("imp/deeper.html") == [
        "<span>Import</span>",
        '<a href="excel.html">Excel</a>',
        '<span aria-current="page">Deeper</span>',
    ]
