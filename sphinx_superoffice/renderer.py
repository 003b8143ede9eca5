"""``DocfxRenderer``: myst's Sphinx renderer plus the DocFX token types.

Each ``render_<token type>`` method is a one-line dispatch to the module that
owns the construct (``syntax/…``, ``frontmatter``), so the rule and its rendering
live side by side.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from . import frontmatter
from ._myst import SphinxRenderer
from .syntax import alerts, anchors, colons, includes, leftovers, links, snippets, tabs, xref
from .translation import is_translated, remember_references, start_page
from .warnings_ import SoWarning, warn

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

    from ._myst import MystWarnings


class DocfxRenderer(SphinxRenderer):
    """Render DocFX Markdown tokens into docutils nodes."""

    include_stack: list[Path]
    _page_path: Path | None = None  # page_source_path(), once per render

    def setup_render(self, options: dict[str, Any], env: Any) -> None:
        super().setup_render(options, env)
        self._page_path = None
        self.include_stack = [self.page_source_path()]
        if not is_translated(self.document["source"]):
            start_page(self.page_source_path())
        elif origin := self.md_env.get("superoffice_origin"):
            # a translated message from an include: resolve as if inside that include
            self.include_stack.append(Path(origin))

    def _render_finalise(self) -> None:
        super()._render_finalise()
        if not is_translated(self.document["source"]):
            remember_references(self.page_source_path(), self.md_env, include=False)

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

    def so_warning(
        self, message: str, subtype: SoWarning, location: SyntaxTreeNode | str | None
    ) -> None:
        """Log a ``superoffice`` warning at a token (file:line of the current file) or a string."""
        if location is None or isinstance(location, str):
            warn(message, subtype, location)
            return
        line = includes.token_line_of(location)
        warn(message, subtype, f"{self.current_source_path()}:{line}")

    def md_config_extra_alerts(self) -> dict[str, str]:
        return {k.upper(): v for k, v in self.md.options["superoffice_extra_alerts"].items()}

    def create_warning(
        self,
        message: str,
        subtype: MystWarnings | str,
        *,
        wtype: str | None = None,
        line: int | None = None,
        append_to: nodes.Element | None = None,
    ) -> nodes.system_message | None:
        """Inside an include, point myst's own warnings at the include's file:line."""
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

    # --- DocFX tokens -----------------------------------------------------------------

    def render_front_matter(self, token: SyntaxTreeNode) -> None:
        frontmatter.render_front_matter(self, token)

    def render_dfm_include(self, token: SyntaxTreeNode) -> None:
        includes.render_include(self, token)

    def render_dfm_include_inline(self, token: SyntaxTreeNode) -> None:
        includes.render_include_inline(self, token)

    def render_dfm_alert(self, token: SyntaxTreeNode) -> None:
        alerts.render_alert(self, token)

    def render_dfm_div(self, token: SyntaxTreeNode) -> None:
        alerts.render_div(self, token)

    def render_dfm_video(self, token: SyntaxTreeNode) -> None:
        alerts.render_video(self, token)

    def render_dfm_leftover(self, token: SyntaxTreeNode) -> None:
        leftovers.render_leftover(self, token)

    def render_dfm_unknown_marker(self, token: SyntaxTreeNode) -> None:
        name = token.meta["name"]
        self.so_warning(
            f"[!{name}] is not an alert type; shown as text "
            f"(add it to superoffice_alerts to make it one)",
            SoWarning.ALERT,
            token,
        )

    def render_link(self, token: SyntaxTreeNode) -> None:
        if str(token.attrGet("href") or "").startswith("xref:"):
            xref.render_xref_link(self, token)
        else:
            super().render_link(token)

    def render_link_unknown(self, token: SyntaxTreeNode) -> None:
        links.render_link_unknown(self, token)

    def render_link_anchor(self, token: SyntaxTreeNode, target: str) -> None:
        links.render_link_anchor(self, token, target)

    def render_dfm_xref(self, token: SyntaxTreeNode) -> None:
        xref.render_xref(self, token)

    def render_dfm_anchor(self, token: SyntaxTreeNode) -> None:
        anchors.render_anchor(self, token)

    def render_dfm_tabs(self, token: SyntaxTreeNode) -> None:
        tabs.render_tabs(self, token)

    def render_heading(self, token: SyntaxTreeNode) -> None:
        tabs.warn_malformed_heading(self, token)
        super().render_heading(token)

    def render_dfm_snippet(self, token: SyntaxTreeNode) -> None:
        snippets.render_snippet(self, token)

    def render_dfm_colon_invalid(self, token: SyntaxTreeNode) -> None:
        colons.render_invalid(self, token)

    def render_dfm_colon_invalid_inline(self, token: SyntaxTreeNode) -> None:
        colons.render_invalid_inline(self, token)

    def render_dfm_zone(self, token: SyntaxTreeNode) -> None:
        colons.render_zone(self, token)

    def render_dfm_moniker(self, token: SyntaxTreeNode) -> None:
        colons.render_moniker(self, token)

    def render_dfm_row(self, token: SyntaxTreeNode) -> None:
        colons.render_row(self, token)

    def render_dfm_column(self, token: SyntaxTreeNode) -> None:
        colons.render_column(self, token)

    def render_dfm_image_complex(self, token: SyntaxTreeNode) -> None:
        colons.render_image_complex(self, token)

    def render_dfm_image_inline(self, token: SyntaxTreeNode) -> None:
        colons.render_image_inline(self, token)

    def render_dfm_noloc(self, token: SyntaxTreeNode) -> None:
        colons.render_noloc(self, token)

    def render_dfm_colon_code(self, token: SyntaxTreeNode) -> None:
        colons.render_code(self, token)

    def render_dfm_colon_video(self, token: SyntaxTreeNode) -> None:
        colons.render_video(self, token)

    def render_blockquote(self, token: SyntaxTreeNode) -> None:
        kind = token.meta.get("dfm_marker_with_text") if token.meta else None
        if kind:
            self.so_warning(
                f"text after the [!{kind}] marker on the same line: rendered as a plain quote "
                f"(put the text on the next line to make an alert)",
                SoWarning.ALERT,
                token,
            )
        super().render_blockquote(token)
