"""EPUB: the epub builder writes XHTML, which an XML parser must read.

Sphinx's own markup is XHTML there, but sphinx-design writes each tab's radio button as
an HTML ``<input …>`` (no closing slash) for every HTML builder, tabs of DocFX pages
included; an EPUB page with tabs is then not well-formed. Before such a page is written
its body gets ``<input … />``. (The redirect pages' template asks :func:`writes_xhtml`.)
Raw HTML an author wrote is left as written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

#: an ``<input>`` tag that is not closed
_OPEN_INPUT = re.compile(r"<input\b([^>]*?)\s*(?<!/)>")


def writes_xhtml(builder: Builder | None) -> bool:
    """Whether ``builder`` writes XHTML pages (the epub builders)."""
    return getattr(builder, "out_suffix", "") == ".xhtml"


def close_inputs(html: str) -> str:
    """Every ``<input …>`` of ``html`` as ``<input … />``."""
    return _OPEN_INPUT.sub(r"<input\1 />", html)


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body")
    if writes_xhtml(app.builder) and isinstance(body, str) and "<input" in body:
        context["body"] = close_inputs(body)


def setup_epub(app: Sphinx) -> None:
    app.connect("html-page-context", _page_context)
