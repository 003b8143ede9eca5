"""Every warning this extension emits, as one documented Enum.

Each warning is logged with ``type="superoffice"`` and the subtype below, so a
project can silence one kind, for example::

    suppress_warnings = ["superoffice.include_missing"]
"""

from __future__ import annotations

import logging as _stdlib_logging
from enum import Enum
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

LOGGER = logging.getLogger("sphinx_superoffice")


class SoWarning(Enum):
    """The subtypes of ``superoffice`` warnings.

    Silence one with ``suppress_warnings = ["superoffice.<value>"]``.
    """

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
    INCLUDE_LIMIT = "include_limit"
    """Includes nest deeper than ``superoffice_include_depth``, or one page renders more
    than ``superoffice_include_limit`` of them; the rest are left out."""
    ALERT = "alert"
    """An alert marker is followed by text on the same line (a plain quote), or names
    no known alert type."""
    SYNTAX = "syntax"
    """DocFX syntax that cannot be parsed where it stands and is shown as text."""
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
    LINK_MISSING = "link_missing"
    """A relative link's target does not exist or is not a page of the build; shown as text."""
    LINK_CASE = "link_case"
    """A link (or ``#anchor``) matches its target only when letter case is ignored; it resolves."""
    LINK_OUT_OF_TREE = "link_out_of_tree"
    """A link leaves the source tree into no ``superoffice_external_trees`` entry; shown as text."""
    ANCHOR_MISSING = "anchor_missing"
    """A ``#anchor`` is no id of the target page (links to the page, or text on the same page)."""
    ANCHOR_DUPLICATE = "anchor_duplicate"
    """An explicit ``<a id|name>`` anchor repeats an id already on the page; the first is kept."""
    UID_MISSING = "uid_missing"
    """An ``xref:``/``<xref:…>``/``<xref href>`` uid is found nowhere; shown as text."""
    UID_SHORTHAND = "uid_shorthand"
    """An ``@uid`` shorthand (or ``<xref>`` tag without ``data-throw-if-not-resolved``) is
    found nowhere; shown as written. DocFX stays silent here: silence it to match."""
    XREFMAP = "xrefmap"
    """A ``superoffice_xrefmaps`` file cannot be read or parsed."""
    TAB = "tab"
    """A tab group is malformed: a single tab, a duplicate id, a bad ``#tab/`` link."""
    SNIPPET_MISSING = "snippet_missing"
    """A code snippet file does not exist or cannot be read."""
    SNIPPET_REFUSED = "snippet_refused"
    """A code snippet path is a URL, an absolute path or outside the project root."""
    SNIPPET_SELECTION = "snippet_selection"
    """A snippet's region/tag is not in the file, or its line range selects nothing."""
    SNIPPET_QUERY = "snippet_query"
    """A snippet's query (``?range=``, ``#L…``, ``highlight``…) is malformed; the rest is
    ignored."""
    COLON = "colon"
    """A ``:::`` block has invalid attributes or is unknown; the line stays text."""
    COLON_END = "colon_end"
    """A ``:::`` container has no end marker (``::: zone-end``…); it ends with its container."""
    MONIKER = "moniker"
    """A ``::: moniker range`` cannot be evaluated against ``superoffice_monikers``."""
    LEXER = "lexer"
    """A code-fence language is known neither to Pygments nor to ``superoffice_lexer_aliases``."""

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


class DuplicateWarningFilter(_stdlib_logging.Filter):
    """Drop a warning identical (message and location) to one already shown.

    A warning inside an include shared by many pages points at the include's
    file:line, so it would otherwise repeat once per includer. The filter sits in
    the main process, so it also sees the warnings that parallel readers send back.
    """

    def __init__(self) -> None:
        super().__init__()
        self._seen: set[tuple[str, str]] = set()

    def filter(self, record: _stdlib_logging.LogRecord) -> bool:
        location = getattr(record, "location", None)
        if record.levelno < _stdlib_logging.WARNING or location is None:
            return True
        if isinstance(location, tuple):
            location = ":".join("" if part is None else str(part) for part in location)
        elif not isinstance(location, str):
            location = logging.get_node_location(location) or repr(location)
        key = (record.getMessage(), location)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True


def _install_duplicate_filter(app: Sphinx) -> None:
    for handler in _stdlib_logging.getLogger("sphinx").handlers:
        if isinstance(handler, logging.WarningStreamHandler) and not any(
            isinstance(f, DuplicateWarningFilter) for f in handler.filters
        ):
            # first, so a dropped duplicate is neither counted nor raised under -W
            handler.filters.insert(0, DuplicateWarningFilter())


def setup_warnings(app: Sphinx) -> None:
    app.connect("builder-inited", _install_duplicate_filter)
