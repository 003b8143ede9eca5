"""``DocfxRenderer``: myst's Sphinx renderer plus the DocFX token types.

The DocFX tokens are rendered by the syntax modules: the parser registers each
module's ``RENDERERS`` table with :meth:`DocfxRenderer.add_renderers` (see
:mod:`.syntax.contract`). What stays here is where the renderer is (the page, the
include being rendered), per-page state, and the overrides of myst's own tokens
(links, headings, block quotes, front matter).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MethodType
from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes

from . import frontmatter
from ._myst import MystWarnings, SphinxRenderer, add_front_matter_metadata, setup_render
from .syntax import alerts, links, tabs, xref
from .syntax.contract import warn_at
from .translation import is_translated, remember_references, start_page

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

    from .syntax.contract import Renderer, TokenRenderer
    from .warnings_ import SoWarning

T = TypeVar("T")


class DocfxRenderer(SphinxRenderer):
    """Render DocFX Markdown tokens into docutils nodes."""

    include_stack: list[Path]
    _page_path: Path | None = None  # page_source_path(), once per render
    _page_slots: dict[type, Any]

    def add_renderers(self, renderers: Mapping[str, TokenRenderer]) -> None:
        """Render the token types of a syntax module with its functions."""
        for token_type, function in renderers.items():
            key = f"render_{token_type}"
            if key in self.rules:
                raise ValueError(f"a renderer for {token_type!r} is already registered")
            self.rules[key] = MethodType(function, self)

    def setup_render(self, options: dict[str, Any], env: Any) -> None:
        setup_render(self, options, env)  # myst's, without a docutils settings object
        self._page_path = None
        self._page_slots = {}
        self.include_stack = [self.page_source_path()]
        if not is_translated(self.document["source"]):
            start_page(self.sphinx_env, self.page_source_path())
        elif origin := self.md_env.get("superoffice_origin"):
            # a translated message from an include: resolve as if inside that include
            self.include_stack.append(Path(origin))

    def _render_finalise(self) -> None:
        super()._render_finalise()
        if not is_translated(self.document["source"]):
            remember_references(
                self.sphinx_env, self.page_source_path(), self.md_env, include=False
            )

    # --- where we are ---------------------------------------------------------------

    def page_source_path(self) -> Path:
        """The page being read (not the include currently rendered)."""
        if self._page_path is None:
            self._page_path = self._find_page_path()
        return self._page_path

    def _find_page_path(self) -> Path:
        env = self.sphinx_env
        if env is not None and getattr(env, "docname", None):
            return Path(env.doc2path(env.docname)).resolve()
        return Path(self.document["source"]).resolve()

    def current_source_path(self) -> Path:
        """The file whose text is being rendered: the page or the innermost include."""
        return self.include_stack[-1]

    def page_slot(self, kind: type[T]) -> T:
        """Per-page state of one concern: the instance of ``kind`` for this page."""
        try:
            return self._page_slots[kind]
        except KeyError:
            item = self._page_slots[kind] = kind()
            return item

    def so_warning(
        self, message: str, subtype: SoWarning, location: SyntaxTreeNode | str | None
    ) -> None:
        """Log a ``superoffice`` warning at a token (file:line of the current file) or a string."""
        warn_at(self, message, subtype, location)

    def create_warning(
        self,
        message: str,
        subtype: MystWarnings | str,
        *,
        wtype: str | None = None,
        line: int | None = None,
        append_to: nodes.Element | None = None,
    ) -> nodes.system_message | None:
        """Inside an include, point myst's own warnings at the include's file:line.

        A heading-level jump (``# A`` then ``### B``) is silent, as in DocFX."""
        if subtype is MystWarnings.MD_HEADING_NON_CONSECUTIVE:
            return None
        if len(self.include_stack) <= 1:
            return super().create_warning(
                message, subtype, wtype=wtype, line=line, append_to=append_to
            )
        from sphinx.util import logging

        subtype_str = subtype if isinstance(subtype, str) else subtype.value
        logging.getLogger("myst_parser").warning(
            message,
            type=wtype or "myst",
            subtype=subtype_str,
            location=f"{self.current_source_path()}:{line or 0}",
        )
        return None

    # --- myst's own tokens, the DocFX way --------------------------------------------

    def renderInlineAsText(self, tokens: list[SyntaxTreeNode]) -> str:
        """An image's alt text: an xref inside it stays as written (``@uid``), since
        DocFX never reads xrefs in alt text (XrefTest.XrefTestGeneral)."""
        result = ""
        for token in tokens or []:
            if token.type == "dfm_xref":
                result += token.content
            else:
                result += super().renderInlineAsText([token])
        return result

    def render_front_matter(self, token: SyntaxTreeNode) -> None:
        field_list = frontmatter.render_front_matter(self, token)
        if field_list is not None:
            # as myst does: make the keys readable in env.metadata during the read already
            add_front_matter_metadata(self, field_list)

    def render_link(self, token: SyntaxTreeNode) -> None:
        if str(token.attrGet("href") or "").startswith("xref:"):
            xref.render_xref_link(self, token)
        else:
            super().render_link(token)

    def render_link_unknown(self, token: SyntaxTreeNode) -> None:
        links.render_link_unknown(self, token)

    def render_link_anchor(self, token: SyntaxTreeNode, target: str) -> None:
        links.render_link_anchor(self, token, target)

    def render_heading(self, token: SyntaxTreeNode) -> None:
        tabs.warn_malformed_heading(self, token)
        super().render_heading(token)

    def render_blockquote(self, token: SyntaxTreeNode) -> None:
        alerts.warn_marker_with_text(self, token)
        super().render_blockquote(token)


if TYPE_CHECKING:
    _CONFORMS: type[Renderer] = DocfxRenderer  # mypy: the renderer keeps the contract
