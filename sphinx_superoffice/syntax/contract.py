"""What a syntax module may use: the renderer it is handed, and the helpers they share.

A syntax module (``syntax/…``) owns one DocFX construct: its markdown-it rule and the
rendering of its tokens. It never imports the renderer. It exports

- its markdown-it plugin (``md.use(plugin)``), and
- ``RENDERERS``: a table of token renderers, token type → ``function(renderer, token)``,
  that :mod:`..parser` registers into the renderer's rules (myst looks a token's
  renderer up as ``rules["render_<type>"]``);

and every function of the table receives the renderer as a :class:`Renderer`: the
part of myst's Sphinx renderer (and of ``DocfxRenderer``) a syntax module may use.
:mod:`.registry` lists the syntax modules, in the order their rules are installed.

This module imports nothing of the package but :mod:`..warnings_`, so any module can
import it without an import cycle.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, MutableMapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

from ..warnings_ import SoWarning, warn

if TYPE_CHECKING:
    from docutils import nodes
    from docutils.utils import Reporter
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.environment import BuildEnvironment

T = TypeVar("T")


class Renderer(Protocol):
    """What a syntax module may use of the renderer (myst's, plus DocFX's page state)."""

    #: the MarkdownIt instance (its ``options`` carry the plugins' settings)
    md: MarkdownIt
    #: the document being built, its reporter, and the node new nodes are appended to
    document: nodes.document
    reporter: Reporter
    current_node: nodes.Element
    #: markdown-it's env of the text being rendered (an include has its own)
    md_env: MutableMapping[str, Any]
    #: the page, then every include being rendered, innermost last
    include_stack: list[Path]

    @property
    def rules(self) -> Mapping[str, Callable[[SyntaxTreeNode], None]]:
        """Token renderers by ``render_<token type>``."""
        ...

    @property
    def sphinx_env(self) -> BuildEnvironment: ...

    # --- where we are

    def page_source_path(self) -> Path:
        """The page being read (not the include currently rendered)."""
        ...

    def current_source_path(self) -> Path:
        """The file whose text is being rendered: the page or the innermost include."""
        ...

    def page_slot(self, kind: type[T]) -> T:
        """Per-page state of one concern: the instance of ``kind`` for this page."""
        ...

    # --- warnings

    def so_warning(
        self, message: str, subtype: SoWarning, location: SyntaxTreeNode | str | None
    ) -> None:
        """A ``superoffice`` warning at a token (file:line of the current file) or a string."""
        ...

    def create_warning(
        self,
        message: str,
        subtype: Any,
        *,
        wtype: str | None = None,
        line: int | None = None,
        append_to: nodes.Element | None = None,
    ) -> nodes.system_message | None:
        """myst's own warning (``myst.<subtype>``)."""
        ...

    # --- building nodes

    def current_node_context(
        self, node: nodes.Element, append: bool = False
    ) -> AbstractContextManager[None]: ...

    def add_line_and_source_path(self, node: nodes.Element, token: SyntaxTreeNode) -> None: ...

    def render_children(self, token: SyntaxTreeNode) -> None: ...

    def nested_render_text(self, text: str, lineno: int, inline: bool = False) -> None: ...

    def render_link_url(self, token: SyntaxTreeNode) -> None: ...

    def dict_to_fm_field_list(
        self, data: dict[str, Any], language_code: str, line: int = 0
    ) -> nodes.field_list: ...


#: Renders one token (a node of markdown-it's syntax tree) into ``renderer.current_node``.
TokenRenderer = Callable[[Renderer, "SyntaxTreeNode"], None]


class SyntaxPlugin(NamedTuple):
    """A syntax module as the parser installs it: its rules and its token renderers."""

    #: ``md.use(plugin)``: adds the markdown-it rules
    plugin: Callable[[MarkdownIt], None]
    #: token type (as in ``SyntaxTreeNode.type``) → its renderer
    renderers: Mapping[str, TokenRenderer]


# --- where a token is ----------------------------------------------------------------------


def token_line_of(token: SyntaxTreeNode) -> int:
    """1-based line of a token (inline tokens carry their block's line).

    myst's renderer has already made ``map`` 1-based (``_render_tokens``), so no ``+ 1``.
    An inline rule that needs the exact line records ``meta["line_offset"]`` (the line
    breaks before it in its paragraph); :func:`warn_at` adds it.
    """
    node: SyntaxTreeNode | None = token
    while node is not None:
        if node.map:
            return node.map[0]
        node = node.parent
    return 0


def location_of(renderer: Renderer, token: SyntaxTreeNode, line_offset: int = 0) -> str:
    """``file:line`` of a token, in the file being rendered (the page or an include)."""
    return f"{renderer.current_source_path()}:{token_line_of(token) + line_offset}"


def warn_at(
    renderer: Renderer,
    message: str,
    subtype: SoWarning,
    where: SyntaxTreeNode | str | None,
    *,
    line_offset: int = 0,
) -> None:
    """Log a ``superoffice`` warning at a token (plus ``line_offset`` lines) or a location."""
    if where is None or isinstance(where, str):
        warn(message, subtype, where)
    else:
        warn(message, subtype, location_of(renderer, where, line_offset))


def warn_flagged(
    renderer: Renderer, token: SyntaxTreeNode, key: str, message: str, subtype: SoWarning
) -> None:
    """Warn at ``token`` when its rule flagged it with ``token.meta[key]``; ``{}`` in
    ``message`` is replaced by that value."""
    value = token.meta.get(key) if token.meta else None
    if value:
        warn_at(renderer, message.replace("{}", str(value)), subtype, token)


# --- token streams -------------------------------------------------------------------------


def block_spans(
    tokens: list[Token], start: int = 0, stop: int | None = None
) -> list[tuple[int, int]]:
    """Split ``tokens[start:stop]`` into top-level blocks, as (begin, end) index pairs."""
    stop = len(tokens) if stop is None else stop
    spans = []
    i = start
    while i < stop:
        depth = 0
        j = i
        while True:
            depth += tokens[j].nesting
            j += 1
            if depth <= 0 or j >= stop:
                break
        spans.append((i, j))
        i = j
    return spans


# --- HTML ----------------------------------------------------------------------------------

_HTML_ATTR_RE = re.compile(
    r"""(?P<name>[A-Za-z_:][\w.:-]*)
        (?:[ \t\n]*=[ \t\n]*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s"'=<>`]+)))?""",
    re.VERBOSE,
)


def parse_html_attributes(text: str) -> dict[str, str]:
    """HTML attributes (names lower-cased, entities decoded, the first of a name kept);
    a bare attribute has the value ``""``."""
    attrs: dict[str, str] = {}
    for m in _HTML_ATTR_RE.finditer(text):
        value = next((v for v in (m.group("dq"), m.group("sq"), m.group("uq")) if v), "")
        attrs.setdefault(m.group("name").lower(), html.unescape(value))
    return attrs
