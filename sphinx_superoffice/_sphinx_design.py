"""Every use of sphinx-design's internals, in one place.

- What DocFX syntax builds sphinx-design components with: ``create_component``,
  ``is_component``, ``PassthroughTextElement``, the tab input and label nodes
  (re-exported), and the static folder it appends to ``html_static_path``
  (:func:`design_static_dir`).
- Its three component walks, and its ``doctree-resolved`` walk for the links of
  components that open in a new tab, skipped on pages that cannot need them (below).

sphinx-design turns its dropdowns, tab sets and asides into HTML in three
post-transforms (``DropdownHtmlTransform``, ``TabSetHtmlTransform``,
``AsideHtmlTransform``). Each walks every node of every page with a Python condition,
``is_component(node, name)``, which calls ``node.get`` in a ``try`` and catches the
AttributeError of every Text node: a walk costs several times a walk filtered by node
class. Most DocFX pages have no component, and the walks run in the main process,
where a parallel build's writers wait for each resolved page: on the SuperOffice
``no`` tree they were 2.1 of the 7.4 s (profiled) spent resolving pages.

So each of them first asks whether the page has a component at all: one walk
filtered by node class (a node carrying ``design_component``), made once per page
resolved and remembered on the document object while it is resolved. A page without a
component skips the three walks and this extension's own tab transform that follows
them; a page with one goes through sphinx-design's own code. The transforms are
replaced in Sphinx's registry (:func:`._sphinx.replace_post_transform`) by subclasses;
a version of sphinx-design without one of them leaves it alone.

sphinx-design 0.8 also walks every resolved page at ``doctree-resolved``
(``_resolve_new_tab_refs``, with a Python condition on every node) for the containers
its buttons and cards mark ``sd_new_tab`` when read; the same one walk notes whether
the page has such a mark, and the listener is replaced by one that calls
sphinx-design's only on those pages (:func:`._sphinx.replace_listener`): 11 % of the
time spent resolving the ``en`` tree's pages (profiled). (The cost is
sphinx-design's ``is_component``: an ``isinstance(node, nodes.Element)`` test before
``node.get`` would make the walks cheap for every page.)
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx_design.shared import PassthroughTextElement, create_component, is_component
from sphinx_design.tabs import sd_tab_input, sd_tab_label

from ._sphinx import replace_listener, replace_post_transform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.transforms.post_transforms import SphinxPostTransform

__all__ = [
    "PassthroughTextElement",
    "create_component",
    "design_static_dir",
    "is_component",
    "sd_tab_input",
    "sd_tab_label",
    "setup_design_walks",
    "without_components",
]


def design_static_dir() -> Path:
    """sphinx-design's static folder (the one it appends to ``html_static_path``)."""
    import sphinx_design.extension

    return Path(sphinx_design.extension.STATIC_DIR)


#: the attribute of a document object being resolved: whether it has a component
_FOUND = "_superoffice_design_components"

#: module -> class of each component walk
_WALKS = (
    ("sphinx_design.dropdown", "DropdownHtmlTransform"),
    ("sphinx_design.tabs", "TabSetHtmlTransform"),
    ("sphinx_design.aside", "AsideHtmlTransform"),
)


def _findings(document: nodes.document) -> tuple[bool, bool]:
    """Whether ``document`` has a sphinx-design component, and a container marked to
    open its links in a new tab: one walk, remembered on the document object (the
    post-transforms and the ``doctree-resolved`` listener of one page share it)."""
    found: tuple[bool, bool] | None = getattr(document, _FOUND, None)
    if found is None:
        components = new_tab = False
        for node in document.findall(nodes.Element):
            attributes = node.attributes
            if "design_component" in attributes:
                components = True
            if attributes.get("sd_new_tab"):
                new_tab = True
        found = (components, new_tab)
        setattr(document, _FOUND, found)
    return found


def without_components(document: nodes.document) -> bool:
    """Whether ``document`` has no sphinx-design component (asked once per document
    object: the post-transforms of one page share the answer)."""
    return not _findings(document)[0]


def _skipping(walk: type[SphinxPostTransform]) -> type[SphinxPostTransform]:
    def run(self: Any, **kwargs: Any) -> None:
        if not without_components(self.document):
            walk.run(self, **kwargs)

    return type(walk.__name__, (walk,), {"run": run, "__module__": __name__})


def setup_design_walks(app: Sphinx) -> None:
    """After sphinx-design's setup: replace its walks."""
    for module_name, name in _WALKS:
        try:
            walk = getattr(importlib.import_module(module_name), name)
        except (ImportError, AttributeError):
            continue
        replace_post_transform(app, walk, _skipping(walk))
    new_tab_links = getattr(
        importlib.import_module("sphinx_design.extension"), "_resolve_new_tab_refs", None
    )
    if new_tab_links is not None:

        def resolve_new_tab_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
            if _findings(doctree)[1]:
                new_tab_links(app, doctree, docname)

        replace_listener(app, "doctree-resolved", new_tab_links, resolve_new_tab_links)
