"""The toc model (``toc/model.py``), without Sphinx: placement, occurrences, digest."""

from __future__ import annotations

from typing import Any

from sphinx_superoffice.toc.model import TocModel, TocNode, finish_model, folder_title


def nav() -> list[TocNode]:
    return [
        TocNode("Home", "index"),
        TocNode(
            "Group",
            children=[
                TocNode("A", "a"),
                TocNode("", "b", children=[TocNode("C", "c")]),
                TocNode("A again", "a", anchor="part"),
            ],
        ),
        TocNode("Moved", "old", children=[TocNode("D", "d")]),
        TocNode("Outside", url="https://example.com/"),
    ]


def summary(model: TocModel) -> dict[str, Any]:
    return {
        "root_doc": model.root_doc,
        "occurrences": {doc: [list(p) for p in paths] for doc, paths in model.occurrences.items()},
        "toctree_children": {
            doc: [[title, child] for title, child in entries]
            for doc, entries in model.toctree_children.items()
        },
        "titled_by_page": sorted(model.titled_by_page),
        "stubs": sorted(model.stubs),
    }


def test_placement(data_regression: Any) -> None:
    """Each page is placed once, under the nearest page above its first occurrence; a
    redirect page (stub) is not placed, its children go to the page above it."""
    model = finish_model(nav(), "index", ["toc.yml"], True, is_stub=lambda doc: doc == "old")
    data_regression.check(summary(model))


def test_without_a_root_page_the_first_listed_page_is_the_root() -> None:
    roots = [TocNode("Moved", "old"), TocNode("First", "first"), TocNode("Second", "second")]
    model = finish_model(roots, "index", [], False, is_stub=lambda doc: doc == "old")
    assert model.root_doc == "first"
    assert model.toctree_children == {"first": [("Second", "second")]}


def test_digest_follows_the_navigation() -> None:
    first = finish_model(nav(), "index", [], True).digest
    assert finish_model(nav(), "index", [], True).digest == first
    changed = nav()
    changed[0].title = "Start"
    assert finish_model(changed, "index", [], True).digest != first
    stubbed = finish_model(nav(), "index", [], True, is_stub=lambda doc: doc == "d")
    assert stubbed.digest != first


def test_folder_title() -> None:
    assert folder_title("getting-started") == "Getting started"
    assert folder_title("web_api") == "Web api"
    assert folder_title("--x--") == "X"
