"""Glue for Phosphor icon tags: their stylesheet on the pages that use them, and a
warning for a name without a glyph (the glyphs and the subset: :mod:`.phosphor`).

A page's icon tags are raw HTML nodes (``<i class="ph ph-gear" aria-hidden="true">``);
with the ``superoffice`` theme, the page links ``superoffice-phosphor.css`` (a theme
static file) only if one of them names an icon, so pages without icons load nothing more.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..warnings_ import SoWarning, warn
from .hooks import uses_superoffice_theme
from .phosphor import CSS_NAME, LIST_FILE, drawn_selectors, has_glyph, read_list, uses_in_html

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

    from .phosphor import IconUse


@cache
def _selectors() -> frozenset[str]:
    """The selectors the committed subset draws (a file of the package: constant)."""
    return drawn_selectors(read_list(LIST_FILE.read_text(encoding="utf-8")))


def _icon_tags(doctree: nodes.Node) -> Iterator[tuple[nodes.raw, list[IconUse]]]:
    for raw in doctree.findall(nodes.raw):
        if "html" in raw.get("format", "").split():
            text = raw.astext()
            if "ph" in text and (uses := uses_in_html(text)):
                yield raw, uses


def _warn_unknown(app: Sphinx, doctree: nodes.document) -> None:
    """One ``superoffice.icon`` warning per page and icon name without a glyph, at the
    line of its first use (an HTML block's own line numbers counted)."""
    selectors, seen = _selectors(), set()
    for raw, _uses in _icon_tags(doctree):
        for offset, line in enumerate(raw.astext().splitlines()):
            for use in uses_in_html(line):
                if use not in seen and not has_glyph(use, selectors):
                    seen.add(use)
                    location = f"{raw.source}:{raw.line + offset}" if raw.line else raw
                    message = f"Phosphor icon {use.selector!r} is not shipped; it draws nothing"
                    warn(message, SoWarning.ICON, location)


def _link_stylesheet(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if not uses_superoffice_theme(app) or doctree is None:
        return
    if next(_icon_tags(doctree), None) is not None:
        app.add_css_file(CSS_NAME)  # during html-page-context: this page only


def setup_icons(app: Sphinx) -> None:
    app.connect("doctree-read", _warn_unknown)
    app.connect("html-page-context", _link_stylesheet)
