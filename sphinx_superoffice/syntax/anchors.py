"""Heading anchors the DocFX way (dfm-spec §9).

- :func:`docfx_slugify` is Markdig's GitHub auto-identifier: Unicode letters and
  digits kept (lower-cased), ``-``/``_`` kept, a space becomes ``-``, everything
  else dropped, no trimming and no dash collapsing; an empty result is ``section``.
  It is installed as ``myst_heading_slug_func`` so myst computes (and
  de-duplicates with ``-1``, ``-2``) the slugs, for H1-H6. DocFX inlines (xrefs,
  anchors, includes) are tokens of their own, so they contribute nothing.
- Explicit anchors ``<a id="x"></a>`` / ``<a name="x"></a>`` are an inline rule
  producing ``dfm_anchor`` tokens. At the start of a heading the id becomes the
  section's (primary) id, as DocFX's ``<h2 id="x">``; elsewhere an empty
  ``<span id="x">`` marks the place.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from docutils import nodes

from ..warnings_ import SoWarning
from .lines import line_offset_at
from .links import token_line

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .contract import Renderer, TokenRenderer

_KEPT_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd"})


def docfx_slugify(title: str) -> str:
    """DocFX's (Markdig ``AutoIdentifierOptions.GitHub``) heading id for a plain-text title."""
    out: list[str] = []
    for char in title:
        if char == " ":
            out.append("-")
        elif char in "-_":
            out.append(char)
        elif ord(char) <= 0xFFFF and unicodedata.category(char) in _KEPT_CATEGORIES:
            # .NET works on UTF-16 code units: astral letters are lone surrogates there
            lower = char.lower()
            out.append(lower if len(lower) == 1 else char)
    return "".join(out) or "section"


#: ``<a id="x"></a>``, ``<a name='x'></a>``, ``<a id="x"/>``: an empty anchor element.
ANCHOR_RE = re.compile(
    r"""<a[ \t\n]+(?:id|name)[ \t]*=[ \t]*(?:"(?P<dq>[^"<>]*)"|'(?P<sq>[^'<>]*)')
        [ \t\n]*(?:/>|>[ \t\n]*</a[ \t]*>)""",
    re.IGNORECASE | re.VERBOSE,
)


def anchor_rule(state: StateInline, silent: bool) -> bool:
    """``<a id|name="x"></a>`` → a ``dfm_anchor`` token carrying ``x``."""
    src = state.src
    pos = state.pos
    if not src.startswith("<a", pos) and not src.startswith("<A", pos):
        return False
    m = ANCHOR_RE.match(src, pos)
    if not m:
        return False
    anchor = (m.group("dq") if m.group("dq") is not None else m.group("sq")).strip()
    if not anchor:
        return False
    if not silent:
        token = state.push("dfm_anchor", "", 0)
        token.meta = {"id": anchor, "line_offset": line_offset_at(state, pos)}
        token.content = m.group(0)
    state.pos = m.end()
    return True


def anchors_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("html_inline", "dfm_anchor", anchor_rule)


def render_anchor(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """An explicit anchor: the id of the heading it starts, or an empty span where it stands."""
    anchor = str(token.meta["id"])
    document = renderer.document
    holder = renderer.current_node
    if anchor in document.ids:
        renderer.so_warning(
            f"duplicate anchor id {anchor!r} on this page; the first one is kept",
            SoWarning.ANCHOR_DUPLICATE,
            f"{renderer.current_source_path()}:{token_line(token)}",
        )
        return
    if isinstance(holder, nodes.title) and isinstance(holder.parent, nodes.section):
        section = holder.parent
        if not holder.children and not section["ids"]:
            # the section's id before docutils assigns one: DocFX's <h2 id="x">
            section["ids"].append(anchor)
            document.ids[anchor] = section
            return
    if isinstance(holder, nodes.rubric) and not holder.children and not holder["ids"]:
        holder["ids"].append(anchor)
        document.ids[anchor] = holder
        return
    span = nodes.inline("", "", ids=[anchor], classes=["dfm-anchor"])
    renderer.add_line_and_source_path(span, token)
    holder.append(span)
    document.ids[anchor] = span


def _slug_defaults(app: Sphinx, config: Config) -> None:
    """DocFX slugs unless the project chose its own slug function."""
    if config.myst_heading_slug_func is None:
        # an import path (not the function) keeps the config picklable and comparable
        config.myst_heading_slug_func = f"{__name__}.docfx_slugify"


def setup_anchors(app: Sphinx) -> None:
    app.connect("config-inited", _slug_defaults, priority=10)


RENDERERS: dict[str, TokenRenderer] = {"dfm_anchor": render_anchor}
