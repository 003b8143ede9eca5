"""Robots: DocFX's ``ROBOTS`` and ``_noindex`` page metadata as ``<meta name="robots">``.

- ``ROBOTS: NOINDEX, NOFOLLOW`` (Microsoft Learn's key) is written as it is;
- ``_noindex: true`` (DocFX's own key; ``noindex: true`` too) gives ``noindex``; DocFX also
  keeps such a page out of its search, so it gets Sphinx's ``nosearch``.

A page whose directive says ``noindex`` is left out of ``sitemap.xml``
(:mod:`.sitemap`). Redirect pages carry their own ``noindex`` (:mod:`.redirects`).
:func:`page_robots` is the one place that reads the keys from a page's metadata
(front matter, and ``globalMetadata``/``fileMetadata`` once docfx.json puts them there).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sphinx.transforms import SphinxTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: the keys that mean "noindex" when true, and the key whose value is the directive
NOINDEX_KEYS = ("_noindex", "noindex")
ROBOTS_KEY = "ROBOTS"
_TRUE = {"true", "yes", "on", "1"}
_DIRECTIVE = re.compile(r"[A-Za-z0-9_:\-]+(?:\s*,\s*[A-Za-z0-9_:\-]+)*")


def page_metadata(env: BuildEnvironment, docname: str) -> Mapping[str, Any]:
    """The page's metadata the keys are read from: docfx.json's ``globalMetadata`` <
    ``fileMetadata`` < the page's front matter (:func:`.theme.docfxkeys.page_metadata`)."""
    from .theme.docfxkeys import page_metadata as docfx_page_metadata

    return docfx_page_metadata(env, docname)


def noindex_flag(metadata: Mapping[str, Any]) -> bool:
    """Whether ``_noindex`` (or ``noindex``) is true in the page's metadata."""
    return any(str(metadata.get(key, "")).strip().lower() in _TRUE for key in NOINDEX_KEYS)


def page_robots(metadata: Mapping[str, Any]) -> str | None:
    """The robots directive of a page (``NOINDEX, NOFOLLOW``, ``noindex``) or None.

    ``ROBOTS`` wins (a malformed value is ignored); ``_noindex`` adds ``noindex``.
    """
    value = " ".join(str(metadata.get(ROBOTS_KEY) or "").split())
    directive = value if _DIRECTIVE.fullmatch(value) else ""
    if noindex_flag(metadata) and "noindex" not in directive.lower():
        directive = f"noindex, {directive}" if directive else "noindex"
    return directive or None


def is_noindex(metadata: Mapping[str, Any]) -> bool:
    """Whether search engines are told not to index the page."""
    directive = page_robots(metadata) or ""
    return any(part.strip().lower() in ("noindex", "none") for part in directive.split(","))


class NoindexSearchTransform(SphinxTransform):
    """Keep ``_noindex`` pages out of the search index, as DocFX's search does."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        if noindex_flag(page_metadata(self.env, self.env.docname)):
            self.env.metadata[self.env.docname]["nosearch"] = ""


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None or app.env.metadata.get(pagename, {}).get("redirect_url"):
        return  # generated pages; redirect pages write their own noindex
    directive = page_robots(page_metadata(app.env, pagename))
    if directive:
        tag = f'<meta name="robots" content="{html.escape(directive)}" />'
        context["metatags"] = context.get("metatags", "") + tag + "\n"


def setup_robots(app: Sphinx) -> None:
    app.add_transform(NoindexSearchTransform)
    app.connect("html-page-context", _page_context)
