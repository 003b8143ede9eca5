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


def setup_a11y(app: Sphinx) -> None:
    on_page_context(app, _repair_body)


def repair_html(html: str) -> str:
    """Give toctree captions an ``aria-level`` and labelled icon tags ``role="img"``."""
    html = _CAPTION.sub(r'\1 aria-level="2"', html)
    return _LABELLED_ICON.sub('<i role="img"', html)


def _repair_body(app: Sphinx, pagename: str, context: Context, doctree: Doctree) -> None:
    body = context.get("body")
    if isinstance(body, str) and ('role="heading"' in body or "aria-label=" in body):
        context["body"] = repair_html(body)
