"""Accessibility repairs of HTML that Sphinx itself writes into the page body."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .hooks import Context, Doctree, on_page_context

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Sphinx writes toctree captions as ``<p class="caption" role="heading">`` without the
#: ``aria-level`` that ARIA requires for that role (axe: aria-required-attr).
_CAPTION = re.compile(r'(<p class="caption" role="heading")(?![^>]*aria-level)')

#: DocFX content labels Phosphor icons as ``<i class="ph ph-x" aria-label="...">``; ARIA
#: prohibits a label on an element without a role (axe: aria-prohibited-attr). They are
#: pictures with a name, so they get ``role="img"``.
_LABELLED_ICON = re.compile(
    r'<i(?=\s)(?=[^>]*\sclass="(?:[^"]*\s)?ph(?:\s[^"]*)?")(?=[^>]*\saria-label=)(?![^>]*\srole=)'
)

#: A Markdown table's empty header cell (``| | Company | …``, the top-left corner): a
#: header without text names no column (axe: empty-table-header), so it is a data cell.
_EMPTY_HEADER = re.compile(r'<th class="(head(?: [^"]*)?)">((?:<p></p>)?)</th>')


def setup_a11y(app: Sphinx) -> None:
    on_page_context(app, _repair_body)


def repair_html(html: str) -> str:
    """Give toctree captions an ``aria-level`` and labelled icon tags ``role="img"``;
    an empty table header cell becomes a ``<td>``."""
    html = _CAPTION.sub(r'\1 aria-level="2"', html)
    html = _EMPTY_HEADER.sub(r'<td class="\1">\2</td>', html)
    return _LABELLED_ICON.sub('<i role="img"', html)


def _repair_body(app: Sphinx, pagename: str, context: Context, doctree: Doctree) -> None:
    body = context.get("body")
    if isinstance(body, str) and any(m in body for m in ('role="heading"', "aria-label=", "<th")):
        context["body"] = repair_html(body)
