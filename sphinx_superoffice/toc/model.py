"""The navigation model: :class:`TocNode` trees and what a build derives from them.

Pure data and functions (no Sphinx, no file system): the reader
(:mod:`.reader`) turns toc.yml files into :class:`TocNode` trees, and
:func:`finish_model` derives from them what the build needs: where each page occurs,
the hidden toctree of each page (its children, so that Sphinx's own
``parents``/``prev``/``next`` follow toc order) and a digest that changes when the
navigation does.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: The names of a toc file (compared lower-cased).
TOC_NAMES = ("toc.yml", "toc.yaml")


@dataclass
class TocNode:
    """One navigation entry."""

    title: str
    docname: str | None = None
    anchor: str = ""
    url: str | None = None
    expanded: bool = False
    children: list[TocNode] = field(default_factory=list)
    location: str = ""


@dataclass
class NavSpec:
    """A nav entry with everything but its page-relative URL computed (once per build)."""

    title: str
    external: str | None
    #: the output folder of the target page; ``"\\x00"`` for an entry without a page
    target_dir: str
    target_file: str
    fragment: str
    expanded: bool
    children: list[NavSpec]


@dataclass
class TocModel:
    """The resolved navigation of one build."""

    roots: list[TocNode]
    root_doc: str
    toc_files: list[str]
    #: docname -> [(title, child docname)]: the hidden toctree of each page
    toctree_children: dict[str, list[tuple[str | None, str]]] = field(default_factory=dict)
    #: docname -> index paths of every occurrence in ``roots``, in pre-order
    occurrences: dict[str, list[tuple[int, ...]]] = field(default_factory=dict)
    digest: str = ""
    #: pages whose toc item has no name: the nav shows the page title
    titled_by_page: set[str] = field(default_factory=set)
    #: redirect pages listed in a toc (no toctree placement)
    stubs: set[str] = field(default_factory=set)
    #: the configured ``root_doc`` when no such page exists (``root_doc`` is then the
    #: first page of the navigation): the build writes a redirect page there to it
    home: str | None = None
    #: the nav entries with target URIs (filled lazily at write time)
    nav_specs: list[NavSpec] | None = None
    #: per output folder: the nav as template dicts, for the last few folders written
    #: (pages are written in docname order, so a folder's pages mostly come together;
    #: keeping every folder's copy would cost ~0.2 MiB per folder on a big site)
    nav_cache: OrderedDict[str, list[dict[str, Any]]] = field(default_factory=OrderedDict)


def folder_title(folder: str) -> str:
    """A folder's title in the navigation: ``getting-started`` → ``Getting started``."""
    return re.sub(r"[-_]+", " ", folder).strip().capitalize()


def finish_model(
    roots: list[TocNode],
    root_doc: str,
    toc_files: list[str],
    root_doc_exists: bool,
    is_stub: Callable[[str], bool] = lambda docname: False,
) -> TocModel:
    """The model of the navigation tree ``roots``: occurrences, placement and digest.

    Redirect pages (``is_stub``) listed in a toc stay in the nav (linking their target)
    but get no toctree placement: their children go to the page above them. Without a
    ``root_doc`` page, the first page of the navigation becomes the root, and
    ``home`` names the missing page (the home page, a redirect to the root).
    """
    model = TocModel(roots=roots, root_doc=root_doc, toc_files=toc_files)
    _index(model)
    model.stubs = {doc for doc in model.occurrences if is_stub(doc)}
    if not root_doc_exists:
        first = next((d for d in model.occurrences if d not in model.stubs), None)
        if first is not None:
            model.root_doc = first
            model.home = root_doc
    _place(model)
    model.digest = _digest(model)
    return model


def _index(model: TocModel) -> None:
    def walk(items: list[TocNode], prefix: tuple[int, ...]) -> None:
        for i, node in enumerate(items):
            path = (*prefix, i)
            if node.docname:
                model.occurrences.setdefault(node.docname, []).append(path)
                if not node.title:
                    model.titled_by_page.add(node.docname)
            walk(node.children, path)

    walk(model.roots, ())


def _place(model: TocModel) -> None:
    """Give each page one toctree parent: the nearest page above its first occurrence."""
    seen = {model.root_doc}
    children = model.toctree_children

    def walk(items: list[TocNode], parent: str) -> None:
        for node in items:
            below = parent
            if node.docname and node.docname not in model.stubs:
                if node.docname not in seen:
                    seen.add(node.docname)
                    children.setdefault(parent, []).append((node.title or None, node.docname))
                below = node.docname
            walk(node.children, below)

    walk(model.roots, model.root_doc)


def _digest(model: TocModel) -> str:
    parts: list[str] = [model.root_doc, *sorted(model.stubs)]

    def walk(items: list[TocNode], depth: int) -> None:
        for node in items:
            parts.append(
                f"{depth}\x1f{node.title}\x1f{node.docname}\x1f{node.anchor}\x1f"
                f"{node.url}\x1f{node.expanded}"
            )
            walk(node.children, depth + 1)

    walk(model.roots, 0)
    return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()


def nav_signatures(roots: list[TocNode], titles: Mapping[str, str]) -> dict[str, str]:
    """``docname -> digest`` of the navigation a page's own HTML shows: every trail from
    the root to the page, the entries beside it and under it (``""``: what a page in no
    toc shows, the top level). ``titles`` gives the title of a nameless entry's page.

    Two builds whose digests for a page are equal draw the same nav on that page, so
    after a toc edit only the pages whose digest changed are written again.
    """

    def entry(node: TocNode) -> str:
        title = node.title or titles.get(node.docname or "", "")
        return (
            f"{title}\x1f{node.docname}\x1f{node.anchor}\x1f{node.url}\x1f"
            f"{node.expanded}\x1f{bool(node.children)}"
        )

    parts: dict[str, list[str]] = {"": [entry(node) for node in roots]}

    def walk(items: list[TocNode], trail: tuple[str, ...]) -> None:
        level = "\x1d".join(entry(node) for node in items)
        for node in items:
            here = entry(node)
            if node.docname:
                below = "\x1d".join(entry(child) for child in node.children)
                parts.setdefault(node.docname, []).append("\x1e".join((*trail, level, here, below)))
            walk(node.children, (*trail, here))

    walk(roots, ())
    return {
        docname: hashlib.sha256("\x1c".join(texts).encode()).hexdigest()[:16]
        for docname, texts in parts.items()
    }
