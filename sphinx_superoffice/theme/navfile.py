"""The nav once per build: ``_static/superoffice-nav.json``, and each page's own short nav.

The whole navigation tree is written once per build as JSON (URLs relative to the output
root), as DocFX's modern template loads ``toc.json``; ``superoffice.js`` fetches it (the
browser keeps it and only asks the server whether it is current: ``cache: "no-cache"``,
so a page's HTML needs no version of it) and draws the full tree with the page
expanded and highlighted.
Each page's HTML keeps only what a reader without JavaScript needs (:func:`local_nav`):
the trail from the root to the page, the page's siblings and its children.

The JSON: ``{"items": [item, ...]}``, an item ``{"t": title, "u": url, "e": 1, "c": [...]}``
with ``u`` missing for a group without a page, ``e`` only when the entry is expanded by
default and ``c`` only when it has children.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..state import get_state
from .hooks import uses_superoffice_theme

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: a nav entry (``nav.NavItem``): title, url, current, on_trail, expanded, children
Item = Mapping[str, Any]
#: the whole nav for no page, URLs relative to the output root
RootNav = Callable[["Sphinx"], Sequence[Item]]

#: where the nav file is written, relative to the output directory
NAV_FILE = "_static/superoffice-nav.json"


def uses_nav_file(app: Sphinx) -> bool:
    """Whether this build writes the nav file: an HTML builder with the superoffice theme."""
    return uses_superoffice_theme(app) and app.builder.name != "singlehtml"


def nav_json(items: Sequence[Item]) -> list[dict[str, Any]]:
    """The nav items in the file's compact form."""
    out = []
    for item in items:
        entry: dict[str, Any] = {"t": item["title"]}
        if item["url"] is not None:
            entry["u"] = item["url"]
        if item["expanded"]:
            entry["e"] = 1
        if item["children"]:
            entry["c"] = nav_json(item["children"])
        out.append(entry)
    return out


@dataclass
class NavFile:
    """The nav file's text for this build (a build-state slot), made on first use."""

    text: str | None = None


def nav_file_text(app: Sphinx, root_nav: RootNav) -> str:
    """The nav file's content (computed once per build and process)."""
    slot = get_state(app.env).slot(NavFile)
    if slot.text is None:
        items = nav_json(root_nav(app))
        slot.text = json.dumps({"items": items}, ensure_ascii=False, separators=(",", ":"))
    return slot.text


def write_nav_file(app: Sphinx, root_nav: RootNav) -> None:
    """Write the nav file (unless it holds the same already)."""
    text = nav_file_text(app, root_nav)
    path = Path(app.outdir) / NAV_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def local_nav(items: Sequence[Item]) -> list[Item]:
    """The part of a page's nav that its own HTML carries: the trail from the root to the
    page, the page's siblings and its children (without their children). A page on no
    trail keeps the top level."""
    if any(item["current"] or item["on_trail"] for item in items):
        return _prune(items)
    return [_leaf(item) for item in items]


def _leaf(item: Item) -> Item:
    return item if not item["children"] else _with_children(item, [])


def _with_children(item: Item, children: list[Item]) -> Item:
    return {**item, "children": children}


def _prune(items: Sequence[Item]) -> list[Item]:
    here = any(item["current"] for item in items)
    out: list[Item] = []
    for item in items:
        if item["current"]:
            out.append(_with_children(item, [_leaf(c) for c in item["children"]]))
        elif item["on_trail"]:
            out.append(_with_children(item, _prune(item["children"])))
        elif here:
            out.append(_leaf(item))
    return out
