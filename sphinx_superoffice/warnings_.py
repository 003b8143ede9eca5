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
