"""Search: defer Sphinx's own scripts so that only the CSS blocks rendering."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def setup_search(app: Sphinx) -> None:
    app.connect("html-page-context", _add_search_context)


def _add_search_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Tell the templates whether a search index is written (``html_search``)."""
    builder = app.builder
    context["superoffice_has_search"] = bool(getattr(builder, "search", False)) and bool(
        getattr(builder, "indexer", None) is not None
    )
