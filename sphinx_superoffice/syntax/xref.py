"""Cross references by uid, every DocFX form (dfm-spec §8).

=====================================  ==========================================
``<xref:uid>``, ``<xref:"a uid">``      inline rule ``dfm_xref_auto`` (before autolink)
``@uid``, ``@"a uid"``, ``@'a uid'``    inline rule ``dfm_xref_shorthand``
``<xref href="uid" …/>``, ``<xref uid="uid">text</xref>``   inline rule ``dfm_xref_html``
``[text](xref:uid)``, ``[t][1]`` with ``[1]: xref:uid`` or ``<xref:uid>``   link tokens
=====================================  ==========================================

Each becomes a ``pending_xref`` (domain ``superoffice``, type ``uid``) that
:mod:`..references` resolves: case-sensitively against the project's uids, then
imported ``xrefmap.yml`` files, intersphinx and the fallback URL template. The
uid may carry ``#anchor`` and the query keys ``text``, ``alt``, ``title``,
``displayProperty`` (the xrefmap property shown, default ``name``; a page's only name is
its title) and ``altProperty`` (shown when a map entry has no href, default
``fullName``). Empty link text becomes the target's title; an unresolved xref shows its
``text``, its ``alt``, else its uid (dfx: ``XrefDetails.ConvertToHtmlNode``).

A line that starts with ``<xref`` is never an HTML block: the tag is an xref in a paragraph
(``<xref href="uid"/>`` alone on its line included), never raw HTML a browser ignores.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote

from docutils import nodes
from sphinx import addnodes

from .._markdown_it import rule_of
from ..references import get_domain
from .contract import parse_html_attributes
from .links import token_line

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline
    from markdown_it.tree import SyntaxTreeNode

    from .contract import Renderer, TokenRenderer

_AUTO_RE = re.compile(r"""<xref:(?:"(?P<dq>[^"\n]*)"|'(?P<sq>[^'\n]*)'|(?P<bare>[^\s<>]+))>""")
_HTML_RE = re.compile(r"<xref\b(?P<attrs>[^<>]*?)(?:/>|>(?P<inner>[^<]*)</xref\s*>)", re.IGNORECASE)
#: characters that end a shorthand uid; punctuation from _PUNCT ends it only before a stop
_STOP = frozenset(" \t\n\r\"'<>[]|")
_PUNCT = frozenset(".,;:!?~")
#: query keys and ``<xref>`` attributes kept (the others are left on nothing: the uid
#: is the page or the map entry)
_KEYS = {"text": "text", "alt": "alt", "title": "title", "displayproperty": "display",
         "altproperty": "altprop"}  # fmt: skip
_XREF_LINE_RE = re.compile(r"[ ]{0,3}<xref[\s/>]", re.IGNORECASE)


def split_uid(spec: str) -> dict[str, str]:
    """``uid?text=t&alt=a#anchor`` → dict of uid (URL-decoded), anchor, text, alt, title."""
    rest, _, anchor = spec.partition("#")
    uid, _, query = rest.partition("?")
    parts = {"uid": unquote(uid).strip(), "anchor": unquote(anchor)}
    for key, value in parse_qsl(query, keep_blank_values=True):
        name = _KEYS.get(key.lower())
        if name:
            parts[name] = value
    return parts


def _push(state: StateInline, spec: dict[str, str], raw: str, form: str, throw: bool) -> None:
    token = state.push("dfm_xref", "", 0)
    token.meta = {**spec, "raw": raw, "form": form, "throw": throw}
    token.content = raw


def xref_auto_rule(state: StateInline, silent: bool) -> bool:
    """``<xref:uid>``, ``<xref:"uid with spaces">``."""
    if not state.src.startswith("<xref:", state.pos):
        return False
    m = _AUTO_RE.match(state.src, state.pos, state.posMax)
    if not m:
        return False
    spec = m.group("dq") if m.group("dq") is not None else m.group("sq")
    if spec is None:
        spec = m.group("bare")
    parts = split_uid(spec)
    if not parts["uid"]:
        return False
    if not silent:
        _push(state, parts, m.group(0), "auto", throw=True)
    state.pos = m.end()
    return True


def _shorthand_end(src: str, start: int, end: int) -> int:
    i = start
    while i < end:
        char = src[i]
        if char in _STOP:
            return i
        if char in _PUNCT:
            j = i
            while j < end and src[j] in _PUNCT:
                j += 1
            if j >= end or src[j] in _STOP:
                return i
            i = j
            continue
        i += 1
    return end


def xref_shorthand_rule(state: StateInline, silent: bool) -> bool:
    """``@uid``, ``@"uid"``, ``@'uid'``: not after a letter or digit (e-mail addresses)."""
    src, pos, end = state.src, state.pos, state.posMax
    if src[pos] != "@" or pos + 1 >= end:
        return False
    if pos > 0 and (src[pos - 1].isalnum() or src[pos - 1] in "@_"):
        return False
    quote = src[pos + 1]
    if quote in "\"'":
        close = src.find(quote, pos + 2, end)
        if close < 0 or "\n" in src[pos + 2 : close] or close == pos + 2:
            return False
        spec, stop = src[pos + 2 : close], close + 1
    else:
        if not quote.isalpha():
            return False
        stop = _shorthand_end(src, pos + 1, end)
        spec = src[pos + 1 : stop]
    parts = split_uid(spec)
    if not parts["uid"]:
        return False
    if not silent:
        _push(state, parts, src[pos:stop], "shorthand", throw=False)
    state.pos = stop
    return True


def xref_html_rule(state: StateInline, silent: bool) -> bool:
    """``<xref href="uid" text="…" alt="…" title="…"/>`` or ``<xref uid="uid">text</xref>``."""
    if state.src[state.pos : state.pos + 5].lower() != "<xref":
        return False
    m = _HTML_RE.match(state.src, state.pos, state.posMax)
    if not m:
        return False
    parts, throw = html_xref_parts(m)
    if not parts["uid"]:
        return False
    if not silent:
        _push(state, parts, m.group(0), "html", throw=throw)
    state.pos = m.end()
    return True


#: an ``<xref …/>`` or ``<xref …>text</xref>`` tag (also inside raw HTML: :mod:`..apiref`)
HTML_XREF_RE = _HTML_RE


def html_xref_parts(m: re.Match[str]) -> tuple[dict[str, str], bool]:
    """The uid parts of an ``<xref>`` tag matched by :data:`HTML_XREF_RE`, and whether
    it says ``data-throw-if-not-resolved="true"``."""
    attrs = parse_html_attributes(m.group("attrs"))
    spec = attrs.get("href") or attrs.get("uid") or ""
    parts = split_uid(spec)
    overrides = (
        ("text", ("text", "name")),
        ("alt", ("alt", "fullname")),
        ("title", ("title",)),
        ("display", ("displayproperty",)),
        ("altprop", ("altproperty",)),
    )
    for key, names in overrides:
        for name in names:
            if attrs.get(name):
                parts[key] = attrs[name]
                break
    inner = (m.group("inner") or "").strip()
    if inner:
        parts["text"] = inner
    return parts, attrs.get("data-throw-if-not-resolved", "").lower() == "true"


def xref_plugin(md: MarkdownIt) -> None:
    html_block, alt = rule_of(md.block.ruler, "html_block")

    def dfm_html_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        """markdown-it's ``html_block``, except for a line that starts with ``<xref``."""
        begin = state.bMarks[start] + state.tShift[start]
        if _XREF_LINE_RE.match(state.src, state.bMarks[start], begin + 6):
            return False
        return bool(html_block(state, start, end, silent))

    md.block.ruler.at("html_block", dfm_html_block, {"alt": alt})
    md.inline.ruler.before("autolink", "dfm_xref_auto", xref_auto_rule)
    md.inline.ruler.before("html_inline", "dfm_xref_html", xref_html_rule)
    md.inline.ruler.push("dfm_xref_shorthand", xref_shorthand_rule)


# --- rendering --------------------------------------------------------------------------


def _pending(
    renderer: Renderer, token: SyntaxTreeNode, parts: dict[str, str], explicit: bool,
    raw: str, quiet: bool,
) -> addnodes.pending_xref:  # fmt: skip
    node = addnodes.pending_xref(
        refdomain="superoffice",
        reftype="uid",
        reftarget=parts["uid"],
        refdoc=renderer.sphinx_env.docname,
        refexplicit=explicit,
        so_anchor=parts.get("anchor", ""),
        so_raw=raw,
    )
    if parts.get("alt"):
        node["so_alt"] = parts["alt"]
    if parts.get("display"):
        node["so_display"] = parts["display"]
    if parts.get("altprop"):
        node["so_altprop"] = parts["altprop"]
    if parts.get("title"):
        node["reftitle"] = parts["title"]
    if quiet:
        node["so_shorthand"] = True
    renderer.add_line_and_source_path(node, token)
    node.line = token_line(token)
    env = renderer.sphinx_env
    get_domain(env).note_link(env.docname, "uids", parts["uid"])
    return node


def render_xref(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """A ``dfm_xref`` token (``<xref:…>``, ``@…``, ``<xref …/>``)."""
    meta = token.meta
    text = str(meta.get("text") or "")
    node = _pending(
        renderer, token, meta, bool(text), str(meta["raw"]), quiet=not meta.get("throw")
    )
    inner = nodes.inline("", "", classes=["xref", "superoffice"])
    if text:
        inner += nodes.Text(text)
    node.append(inner)
    renderer.current_node.append(node)


def render_xref_link(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``[text](xref:uid)`` and reference definitions whose target is an xref."""
    href = renderer.md.normalizeLinkText(str(token.attrGet("href") or ""))
    parts = split_uid(href[len("xref:") :])
    inner = nodes.inline("", "", classes=["xref", "superoffice"])
    with renderer.current_node_context(inner):
        renderer.render_children(token)
    explicit = token.info != "auto" and bool(inner.children)
    if not explicit and parts.get("text"):
        inner += nodes.Text(parts["text"])
        explicit = True
    raw = f"<{href}>" if token.info == "auto" else href
    node = _pending(renderer, token, parts, explicit, raw, quiet=False)
    if token.attrGet("title"):
        node["reftitle"] = str(token.attrGet("title"))
    node.append(inner)
    renderer.current_node.append(node)


RENDERERS: dict[str, TokenRenderer] = {"dfm_xref": render_xref}
