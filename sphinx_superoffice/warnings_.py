"""Every warning this extension emits, as one documented Enum.

Each warning is logged with ``type="superoffice"`` and the subtype below, so a
project can silence one kind, for example::

    suppress_warnings = ["superoffice.include_missing"]
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from docutils import nodes

LOGGER = logging.getLogger("sphinx_superoffice")


class SoWarning(Enum):
    """The subtypes of ``superoffice`` warnings (``suppress_warnings = ["superoffice.<value>"]``)."""

    CONFIG = "config"
    """A ``superoffice_*`` configuration value is invalid; the default is used."""
    FRONT_MATTER = "front_matter"
    """The YAML front matter of a page is malformed or not a mapping."""
    DATE = "date"
    """A ``date`` / ``so.date`` value could not be parsed."""
    DUPLICATE_UID = "duplicate_uid"
    """Two pages declare the same ``uid``."""
    ENCODING = "encoding"
    """A source file could not be decoded as UTF-8 or UTF-16."""
    INCLUDE_MISSING = "include_missing"
    """An ``[!include]`` target does not exist or cannot be read."""
    INCLUDE_REFUSED = "include_refused"
    """An ``[!include]`` target is a URL, an absolute path or outside the project root."""
    INCLUDE_CYCLE = "include_cycle"
    """An ``[!include]`` chain includes a file that is already being included."""
    ALERT = "alert"
    """An alert marker is followed by text on the same line; it stays a plain quote."""
    TOC = "toc"
    """A ``toc.yml`` is malformed, or an item's target is missing, circular or refused."""
    TOC_CASE = "toc_case"
    """A ``toc.yml`` href resolves only case-insensitively (DocFX ran on Windows); it is used."""
    TOC_NOT_INCLUDED = "toc_not_included"
    """The one summary line listing the pages that no ``toc.yml`` reaches."""
    LANDING = "landing"
    """A YAML landing page is malformed, has an unknown ``YamlMime`` or a missing image."""
    REDIRECT = "redirect"
    """A redirect target is missing, a loop, refused (``javascript:``) or conflicting."""
    DOCFX_JSON = "docfx_json"
    """``docfx.json`` is unreadable or has a key this extension does not understand."""

    @property
    def qualified(self) -> str:
        return f"superoffice.{self.value}"


def warn(
    message: str,
    subtype: SoWarning,
    location: nodes.Node | tuple[str | None, int | None] | str | None,
    **kwargs: Any,
) -> None:
    """Log one suppressible warning at a location (node, ``(docname, line)`` or ``path:line``)."""
    LOGGER.warning(
        message,
        type="superoffice",
        subtype=subtype.value,
        location=location,
        **kwargs,
    )
