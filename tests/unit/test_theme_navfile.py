"""The page's own nav (trail, siblings, children) and the nav file's form, without Sphinx."""

from __future__ import annotations

from typing import Any

from sphinx_superoffice.theme.navfile import local_nav, nav_json


def item(title: str, *children: dict[str, Any], **flags: Any) -> dict[str, Any]:
    return {
        "title": title,
        "url": flags.get("url", title + ".html"),
        "current": flags.get("current", False),
        "on_trail": flags.get("on_trail", False),
        "expanded": flags.get("expanded", False),
        "children": list(children),
    }


def titles(items: list[Any]) -> list[Any]:
    return [[i["title"], titles(i["children"])] if i["children"] else i["title"] for i in items]


TREE = [
    item("a", item("a1"), item("a2")),
    item(
        "b",
        item("b1", item("b1x")),
        item("b2", item("b2a", item("deep")), item("b2b"), current=True, on_trail=True),
        item("b3", item("b3a")),
        on_trail=True,
    ),
    item("c", item("c1")),
]


def test_trail_siblings_and_children() -> None:
    assert titles(local_nav(TREE)) == [["b", ["b1", ["b2", ["b2a", "b2b"]], "b3"]]]


def test_top_level_page_keeps_its_siblings() -> None:
    tree = [item("a", item("a1")), item("b", item("b1", item("x")), current=True)]
    assert titles(local_nav(tree)) == ["a", ["b", ["b1"]]]


def test_page_in_no_nav_keeps_the_top_level() -> None:
    assert titles(local_nav(TREE)) != titles(TREE)
    tree = [dict(i, current=False, on_trail=False) for i in TREE]
    assert titles(local_nav(tree)) == ["a", "b", "c"]


def test_input_is_not_changed() -> None:
    before = titles(TREE)
    local_nav(TREE)
    assert titles(TREE) == before


def test_nav_json_is_compact() -> None:
    tree = [item("g", item("p", expanded=True), url=None, expanded=True), item("x")]
    assert nav_json(tree) == [
        {"t": "g", "e": 1, "c": [{"t": "p", "u": "p.html", "e": 1}]},
        {"t": "x", "u": "x.html"},
    ]
