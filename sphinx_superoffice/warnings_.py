"""Every warning this extension emits, as one documented Enum.

Each warning is logged with ``type="superoffice"`` and the subtype below, so a
project can silence one kind, for example::

    suppress_warnings = ["superoffice.include_missing"]
"""

from __future__ import annotations

import logging as _stdlib_logging
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from .state import get_state

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from sphinx.application import Sphinx

LOGGER = logging.getLogger("sphinx_superoffice")
#: the log record attribute that carries a warning's "did you mean" target
SUGGESTION_ATTRIBUTE = "superoffice_suggestion"
#: the log record attribute of a warning given once per build (per parallel process)
ONCE_ATTRIBUTE = "superoffice_once"


class SoWarning(Enum):
    """The subtypes of ``superoffice`` warnings.

    Silence one with ``suppress_warnings = ["superoffice.<value>"]``.
    """

    CONFIG = "config"
    """A ``superoffice_*`` setting (or the theme's ``edit_url``) is invalid; the default is used."""
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
    """An ``[!include]`` target is a URL, an absolute path, no valid file name, or outside
    the project root (also through a symbolic link, which the warning names)."""
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
    """A YAML landing page is malformed, has an unknown ``YamlMime``, a missing image, a
    ``url:`` or image that is refused (outside the project root, unsafe URL scheme), or an
    icon name without a glyph (hidden; one warning per name)."""
    API = "api"
    """A ManagedReference (API reference) ``.yml`` page is malformed YAML, has no items, or
    had control characters that YAML refuses (removed; the page is read); its data names a
    type uid that resolves nowhere (each use, with a "did you mean"), or uids that DocFX
    marks external and nothing documents (one summary per build). Shown as text."""
    REDIRECT = "redirect"
    """A redirect target is missing, a loop, refused (``javascript:``) or conflicting; or a
    ``redirect_from`` path would replace one of Sphinx's pages (``genindex``, ``search``…),
    write into ``_static``/``_images``/``_sources``/``_downloads``, or has characters
    outside letters, digits and ``-_.~/``."""
    DOCFX_JSON = "docfx_json"
    """``docfx.json`` is unreadable or has a key this extension does not understand; a
    glob leaves the source directory, or a resource is a symbolic link leading outside
    the project root (not copied)."""
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
    """A ``superoffice_xrefmaps`` file cannot be read or parsed, or is outside both the
    configuration directory and the project root (see ``superoffice_xrefmaps_anywhere``)."""
    TAB = "tab"
    """A tab group is malformed: a single tab, a duplicate id, a bad ``#tab/`` link."""
    SNIPPET_MISSING = "snippet_missing"
    """A code snippet file does not exist or cannot be read."""
    SNIPPET_REFUSED = "snippet_refused"
    """A code snippet path (``[!code]``, ``:::code``) is a URL, an absolute path, no valid
    file name, or outside the project root (also through a symbolic link)."""
    IMAGE_REFUSED = "image_refused"
    """An image (``:::image``, ``![]()``, a landing-page image) is outside the project root
    (also through a symbolic link) or has an unsafe URL scheme; its alt text is shown."""
    DOWNLOAD_REFUSED = "download_refused"
    """A download link (``[x](file.zip)``, ``<a href download>``, a landing-page link) names
    a file outside the project root (also through a symbolic link); its text is shown."""
    PAGE_REFUSED = "page_refused"
    """A source page, or a folder of pages, is a symbolic link leading outside the project
    root (or a folder link back to a folder that holds it); it is left out of the build."""
    URL_REFUSED = "url_refused"
    """A URL this extension would write (``:::image link``, an xrefmap or fallback href)
    has a scheme outside ``superoffice_url_schemes`` (``javascript:``, ``data:``…); the
    text is shown without a link."""
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
    ICON = "icon"
    """A Phosphor icon tag (``<i class="ph ph-…">``) names an icon the theme does not ship;
    it takes its space but draws nothing (``tools/phosphor_icons.py`` adds icons)."""

    @property
    def qualified(self) -> str:
        return f"superoffice.{self.value}"


def warn(
    message: str,
    subtype: SoWarning,
    location: nodes.Node | tuple[str | None, int | None] | str | None,
    *,
    suggestion: str | None = None,
    once_key: str | None = None,
    **kwargs: Any,
) -> None:
    """Log one suppressible warning at a location (node, ``(docname, line)`` or ``path:line``).

    For the build report (:mod:`.report`): ``suggestion`` is the "did you mean" target
    the message names (not parsed out of the text); ``once_key`` marks a warning given
    once per build (per process when parallel): the report keeps the first by file and
    line of those with the same key, so ``-j 1`` and ``-j 2`` report the same one.
    """
    if suggestion is not None:
        kwargs.setdefault("extra", {})[SUGGESTION_ATTRIBUTE] = suggestion
    if once_key is not None:
        kwargs.setdefault("extra", {})[ONCE_ATTRIBUTE] = once_key
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
    the main process, so it also sees the warnings that parallel readers and writers
    send back. It runs before Sphinx's own location translation, so it compares
    locations the way Sphinx will print them: ``(docname, line)`` and a docname become
    the source path, a node its ``source:line``.
    """

    def __init__(self, doc2path: Callable[[str], object] | None = None) -> None:
        super().__init__()
        self._seen: set[tuple[str, str]] = set()
        self._doc2path = doc2path

    def _path(self, docname: str) -> str:
        return docname if self._doc2path is None else str(self._doc2path(docname))

    def location_key(self, location: object) -> str:
        """``location`` as Sphinx prints it (``path:line``)."""
        if isinstance(location, tuple):
            docname, line = location
            if not docname:
                return ""
            path = self._path(docname)
            return f"{path}:{line}" if line is not None else path
        if isinstance(location, str):
            return location if ":" in location else self._path(location)
        return logging.get_node_location(location) or repr(location)

    def forget(self) -> None:
        """Start over: a new build reports every warning once again."""
        self._seen.clear()

    def filter(self, record: _stdlib_logging.LogRecord) -> bool:
        location = getattr(record, "location", None)
        if record.levelno < _stdlib_logging.WARNING or location is None:
            return True
        key = (record.getMessage(), self.location_key(location))
        if key in self._seen:
            return False
        self._seen.add(key)
        return True


@dataclass
class _Filters:
    """The duplicate filters of this app's warning handlers (Sphinx swaps the handlers out
    while it buffers warnings, so they are kept here to be reset)."""

    installed: list[DuplicateWarningFilter] = field(default_factory=list)


def _install_duplicate_filter(app: Sphinx) -> None:
    env = app.env
    slot = get_state(env).slot(_Filters)
    for handler in _stdlib_logging.getLogger("sphinx").handlers:
        if isinstance(handler, logging.WarningStreamHandler) and not any(
            isinstance(f, DuplicateWarningFilter) for f in handler.filters
        ):
            # first, so a dropped duplicate is neither counted nor raised under -W
            duplicate_filter = DuplicateWarningFilter(env.doc2path)
            handler.filters.insert(0, duplicate_filter)
            slot.installed.append(duplicate_filter)


def _forget_seen_warnings(app: Sphinx, env: Any, *changes: Any) -> list[str]:
    """A new build of the same app (``app.build()`` again) shows its warnings again."""
    for duplicate_filter in get_state(env).slot(_Filters).installed:
        duplicate_filter.forget()
    return []


def setup_warnings(app: Sphinx) -> None:
    app.connect("builder-inited", _install_duplicate_filter)
    app.connect("env-get-outdated", _forget_seen_warnings, priority=0)
