"""The DocFX Markdown of an API page (``summary``, ``remarks``, ``example``, descriptions).

Each fragment is rendered by the build's DocFX parser (:func:`..parser.docfx_parser`)
into the node it belongs to, with its line in the YAML file, so ``<xref href>`` tags,
``@uid``, links, raw HTML and entities work as on any page and warnings name file:line.
DocFX's ``<pre><code>`` examples (HTML, not Markdown) become highlighted code blocks in
the item's language (or the ``class="lang-x"`` they name). Text without any Markdown or
HTML character skips the parser: most summaries are one plain sentence.
"""

from __future__ import annotations

import html
import re
from contextlib import ExitStack
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx import addnodes

from ..parser import docfx_parser
from ..references import get_domain
from ..syntax.xref import HTML_XREF_RE, html_xref_parts

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from ..syntax.contract import Renderer

#: one line that Markdown renders as itself, in one paragraph (no list marker, emphasis,
#: code, link, HTML, entity, escape, xref, or table)
_PLAIN = re.compile(r"(?!\d+[.)](?:\s|$))[\w(\"'][^\n*_`\[\]<>&@\\|!~{}$]*")
_PRE_CODE = re.compile(
    r"<pre>\s*<code(?P<attrs>[^>]*)>(?P<code>.*?)</code>\s*</pre>", re.DOTALL | re.IGNORECASE
)
_CLASS = re.compile(r"""class\s*=\s*["'](?:lang(?:uage)?-)?(?P<lang>[\w#+.-]+)""", re.IGNORECASE)


class Fragments:
    """Renders one page's Markdown fragments (one MarkdownIt per page)."""

    def __init__(self, document: nodes.document, language: str) -> None:
        env = document.settings.env
        self.document = document
        self.language = language
        self._md: MarkdownIt | None = None
        self._env = env
        self._borrowed = ExitStack()

    @property
    def md(self) -> MarkdownIt:
        """The page's MarkdownIt (the build's shared one, :func:`..parser.docfx_parser`,
        until :meth:`close`), its renderer set up once for the page (a render per
        fragment would build a docutils settings object each time: 1 s per 400)."""
        if self._md is None:
            self._md = self._borrowed.enter_context(docfx_parser(self._env, self._env.myst_config))
            self._md.options["document"] = self.document
            # render nothing: the renderer is then set up for this page (its document,
            # environment, include stack) and each fragment is a nested render
            self._md.render("", {})
        return self._md

    def close(self) -> None:
        """Give the MarkdownIt back (the page is built)."""
        self._borrowed.close()
        self._md = None

    def render(self, text: str, line: int, into: nodes.Element) -> None:
        """Render ``text`` (found at ``line`` of the file) as blocks appended to ``into``."""
        if not text.strip():
            return
        if "<" not in text:  # no ``<pre><code>`` example: the text is Markdown
            self._markdown(text, line, into)
            return
        pos = 0
        for match in _PRE_CODE.finditer(text):
            self._markdown(text[pos : match.start()], line + text.count("\n", 0, pos), into)
            lang = _CLASS.search(match.group("attrs"))
            code = html.unescape(match.group("code")).strip("\n")
            block = nodes.literal_block(code, code, language=self._lexer(lang))
            block.source, block.line = (
                self.document["source"],
                line + text.count("\n", 0, match.start()),
            )
            into += block
            pos = match.end()
        self._markdown(text[pos:], line + text.count("\n", 0, pos), into)

    def inline(self, text: str, line: int) -> list[nodes.Node]:
        """``text`` as inline nodes (a one-paragraph fragment loses its paragraph)."""
        box = nodes.container()
        self.render(text, line, box)
        if len(box.children) == 1 and isinstance(box[0], nodes.paragraph):
            return list(box[0].children)
        return list(box.children)

    def _lexer(self, found: re.Match[str] | None) -> str:
        if found is None:
            return self.language
        lang = found.group("lang").lower()
        return {"c#": "csharp", "cs": "csharp", "vb": "vbnet"}.get(lang, lang)

    def _markdown(self, text: str, line: int, into: nodes.Element) -> None:
        stripped = text.strip()
        if not stripped:
            return
        if _PLAIN.fullmatch(stripped):
            para = nodes.paragraph(stripped, stripped)
            para.source, para.line = self.document["source"], line
            into += para
            return
        renderer = cast("Renderer", self.md.renderer)
        box = nodes.container()
        with renderer.current_node_context(box):
            renderer.nested_render_text(text, max(line - 1, 0))
        for raw in list(box.findall(nodes.raw)):
            if "<xref" in raw.astext().lower():
                self._raw_xrefs(raw)
        into.extend(box.children)

    def _raw_xrefs(self, raw: nodes.raw) -> None:
        """DocFX's ``<xref href>`` tags inside raw HTML (summaries are HTML) become links;
        an empty tag (``<xref href=''/>``) shows nothing, as in DocFX."""
        text = raw.astext()
        out: list[nodes.Node] = []
        pos = 0
        for m in HTML_XREF_RE.finditer(text):
            if m.start() > pos:
                out.append(nodes.raw("", text[pos : m.start()], format="html"))
            pos = m.end()
            parts, throw = html_xref_parts(m)
            if parts["uid"]:
                out.append(self._pending(parts, m.group(0), throw, raw))
        if pos == 0:
            return
        if pos < len(text):
            out.append(nodes.raw("", text[pos:], format="html"))
        raw.replace_self(out)

    def _pending(
        self, parts: dict[str, str], tag: str, throw: bool, raw: nodes.raw
    ) -> addnodes.pending_xref:
        env = self._env
        node = addnodes.pending_xref(
            "",
            refdomain="superoffice",
            reftype="uid",
            reftarget=parts["uid"],
            refdoc=env.docname,
            refexplicit=bool(parts.get("text")),
            so_anchor=parts.get("anchor", ""),
            so_raw=tag,
        )
        if parts.get("display"):
            node["so_display"] = parts["display"]
        if not throw:
            node["so_shorthand"] = True
        node["so_alt"] = parts.get("alt") or parts["uid"]  # shown if unresolved, as DocFX
        node.source, node.line = raw.source, raw.line
        node += nodes.inline("", parts.get("text", ""), classes=["xref", "superoffice"])
        get_domain(env).note_link(env.docname, "uids", parts["uid"])
        return node
