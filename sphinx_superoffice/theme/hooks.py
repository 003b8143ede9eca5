"""Connect the theme's ``html-page-context`` features with one short signature."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

#: the page's template context
Context: TypeAlias = dict[str, Any]
#: the page's doctree (None for pages without a source, such as ``genindex``)
Doctree: TypeAlias = "nodes.document | None"
#: ``(app, pagename, context, doctree)``: Sphinx's handler without ``templatename``
PageHook = Callable[["Sphinx", str, Context, Any], None]


def on_page_context(app: Sphinx, hook: PageHook, priority: int = 500) -> None:
    """Call ``hook(app, pagename, context, doctree)`` for every page Sphinx writes (the
    redirect pages are written without Sphinx's page machinery:
    :func:`..redirects.write_redirect_pages`)."""

    def handler(
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: nodes.document | None,
    ) -> None:
        hook(app, pagename, context, doctree)

    app.connect("html-page-context", handler, priority=priority)


def uses_superoffice_theme(app: Sphinx) -> bool:
    """Whether this build's HTML builder draws the superoffice theme."""
    theme = getattr(app.builder, "theme", None)
    return theme is not None and theme.name == "superoffice"
