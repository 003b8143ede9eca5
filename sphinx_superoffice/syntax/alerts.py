"""Quote sections: alerts ``> [!NOTE]``, sections ``> [!div …]`` and videos ``> [!Video url]``.

DocFX replaces the block-quote parser (dfm-spec §3–4). We wrap markdown-it's own
``blockquote`` rule, so nesting (list items, includes, nested quotes) comes for
free, and then split the quote's direct children at marker lines:

- a paragraph line that is exactly ``[!TYPE]`` opens an alert box;
- ``[!div attrs]`` opens a ``<div>`` with those attributes;
- ``[!Video https://…]`` is a one-line video embed;
- text before the first marker stays an ordinary block quote.

Each new marker closes the box before it, so one quote can hold several boxes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from docutils import nodes
from sphinx import addnodes

from .._markdown_it import rule_of
from ..i18n import _
from ..warnings_ import SoWarning
from .contract import block_spans, warn_flagged

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode

    from .contract import Renderer, TokenRenderer

#: The built-in alert types and their docutils node.
ALERT_NODES: dict[str, type[nodes.Admonition]] = {
    "NOTE": nodes.note,
    "TIP": nodes.tip,
    "IMPORTANT": nodes.important,
    "WARNING": nodes.warning,
    "CAUTION": nodes.caution,
}

_MARKER_RE = re.compile(r"^\[!([A-Za-z][\w-]*)\]\s*$")
_MARKER_WITH_TEXT_RE = re.compile(r"^\[!([A-Za-z][\w-]*)\][ \t]+\S")
_VIDEO_RE = re.compile(r"^\[!video[ \t]+(https?://[^\s\]]+)\]\s*$", re.IGNORECASE)
_DIV_RE = re.compile(r"^\[!div(?:[ \t]+(.*?))?\]\s*$", re.IGNORECASE)
_YOUTUBE_HOSTS = frozenset(
    {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}
)
_ATTR_RE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'`]+))""")


def alert_types(md: MarkdownIt) -> set[str]:
    """All marker names (upper case) that make an alert, built-in and configured."""
    types: set[str] = md.options["superoffice_alert_types"]
    return types


def extra_alert_titles(md: MarkdownIt) -> dict[str, str]:
    """The configured alert types (``superoffice_alerts``, upper case) and their titles."""
    extra: dict[str, str] = md.options.get("superoffice_extra_alerts") or {}
    return {k.upper(): v for k, v in extra.items()}


def quote_sections_plugin(md: MarkdownIt) -> None:
    """Replace the ``blockquote`` block rule by one that also splits out DocFX sections.

    The configured alert types are read from ``md.options["superoffice_extra_alerts"]``.
    """
    md.options["superoffice_alert_types"] = set(ALERT_NODES) | set(extra_alert_titles(md))
    inner: Callable[[StateBlock, int, int, bool], bool]
    inner, alt = rule_of(md.block.ruler, "blockquote")

    def dfm_quote(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        first = len(state.tokens)
        if not inner(state, start, end, silent):
            return False
        if not silent:
            _split_quote(state, first)
        return True

    md.block.ruler.at("blockquote", dfm_quote, {"alt": alt})


def _classify(line: str, types: set[str]) -> tuple[str, str] | None:
    """What a paragraph line opens: ('alert', TYPE), ('video', url), ('div', attrs),
    ('unknown', NAME) for a marker of no known type, or None."""
    line = line.strip()
    if not line.startswith("[!"):
        return None
    if m := _VIDEO_RE.match(line):
        return ("video", m.group(1))
    if m := _DIV_RE.match(line):
        return ("div", m.group(1) or "")
    if m := _MARKER_RE.match(line):
        name = m.group(1).upper()
        return ("alert", name) if name in types else ("unknown", m.group(1))
    return None


def _split_quote(state: StateBlock, first: int) -> None:
    """Rewrite the block quote just pushed at ``tokens[first:]`` into DocFX sections."""
    tokens = state.tokens
    types = alert_types(state.md)
    open_tok, close_tok = tokens[first], tokens[-1]
    body = tokens[first + 1 : -1]
    if not any(
        t.type == "inline" and t.level == open_tok.level + 2 and "[!" in t.content for t in body
    ):
        return
    if len(body) >= 2 and body[0].type == "paragraph_open":
        head = body[1].content
        m = _MARKER_WITH_TEXT_RE.match(head)
        if m and m.group(1).upper() in types:
            # DocFX: text after the marker turns the alert back into a plain quote.
            # Keep the text, drop the raw marker, and let the renderer warn.
            open_tok.meta["dfm_marker_with_text"] = m.group(1).upper()
            body[1].content = head[m.end() - 1 :].lstrip()
            return

    # 1. split paragraphs at marker lines, so every marker starts a paragraph of its own
    pieces: list[Token] = []
    for begin, end in block_spans(tokens, first + 1, len(tokens) - 1):
        block = tokens[begin:end]
        if block[0].type == "paragraph_open" and len(block) == 3:
            pieces.extend(_unknown_markers(block, types))
            pieces.extend(_split_paragraph(block, types))
        elif _is_setext_heading(block):
            pieces.extend(_unknown_markers(block, types))
            pieces.extend(_split_setext_heading(state, block, types))
        else:
            pieces.extend(block)

    # 2. group the quote's children into sections
    out: list[Token] = []
    section_close: Token | None = None
    plain_open = False
    spans = block_spans(pieces, 0, len(pieces))
    for begin, end in spans:
        block = pieces[begin:end]
        marker = block[1].meta.get("dfm_marker") if block[0].type == "paragraph_open" else None
        if marker is None:
            if section_close is None and not plain_open:
                out.append(open_tok)
                plain_open = True
            out.extend(block)
            continue
        if plain_open:
            out.append(close_tok)
            plain_open = False
        if section_close is not None:
            out.append(section_close)
            section_close = None
        kind, value = marker
        line_map = block[0].map
        if kind == "video":
            tok = _new_token("dfm_video", 0, open_tok.level, line_map)
            tok.meta = {"url": value}
            out.append(tok)
            continue
        tok_open = _new_token(f"dfm_{kind}_open", 1, open_tok.level, line_map)
        tok_close = _new_token(f"dfm_{kind}_close", -1, open_tok.level, None)
        tok_open.meta = {"type": value} if kind == "alert" else {"attrs": value}
        out.append(tok_open)
        section_close = tok_close
    if section_close is not None:
        out.append(section_close)
    if plain_open:
        out.append(close_tok)

    # the children of a section sit one level higher than they did inside the quote
    # (levels are only used for bookkeeping by markdown-it; nesting is what matters)
    state.tokens[first:] = out


def _new_token(
    type_: str, nesting: Literal[-1, 0, 1], level: int, line_map: list[int] | None
) -> Token:
    from markdown_it.token import Token

    tok = Token(type_, "div", nesting, level=level, block=True)
    tok.map = line_map
    return tok


def _unknown_markers(block: list[Token], types: set[str]) -> list[Token]:
    """A ``dfm_unknown_marker`` token per ``[!NAME]`` line of no known type, to warn about."""
    start_line = block[0].map[0] if block[0].map else 0
    found = []
    for offset, line in enumerate(block[1].content.split("\n")):
        marker = _classify(line, types)
        if marker is not None and marker[0] == "unknown":
            tok = _new_token("dfm_unknown_marker", 0, block[0].level, [start_line + offset] * 2)
            tok.meta = {"name": marker[1]}
            found.append(tok)
    return found


def _is_setext_heading(block: list[Token]) -> bool:
    return len(block) == 3 and block[0].type == "heading_open" and block[0].markup in "=-"


def _split_setext_heading(state: StateBlock, block: list[Token], types: set[str]) -> list[Token]:
    """A heading underlined with ``=`` or ``-`` whose text holds a marker line::

        > [!WARNING]
        > Title
        > ---

    DocFX's quote parser takes the marker line first, so what follows it is the heading
    (inside the alert). Split the heading's lines as a paragraph's; the text after the
    last marker stays the heading. With no text after it, the underline is shown as the
    text of a paragraph (nothing is dropped)."""
    from markdown_it.token import Token

    h_open, inline, h_close = block
    as_paragraph = [
        Token("paragraph_open", "p", 1, level=h_open.level, block=True, map=h_open.map),
        inline,
        Token("paragraph_close", "p", -1, level=h_close.level, block=True),
    ]
    split = _split_paragraph(as_paragraph, types)
    if split is as_paragraph:
        return block
    last_open, last_inline, _ = split[-3:]
    if last_inline.meta.get("dfm_marker") is None:
        h_open.map = last_open.map
        return [*split[:-3], h_open, last_inline, h_close]
    underline = ""
    if h_open.map:
        lines = state.src.split("\n")
        if 0 < h_open.map[1] <= len(lines):
            underline = re.sub(r"^[\s>]*", "", lines[h_open.map[1] - 1]).strip()
    if underline:
        line_map = [h_open.map[1] - 1, h_open.map[1]] if h_open.map else None
        text = Token("inline", "", 0, level=inline.level, block=True, map=line_map)
        text.content, text.children = underline, []
        split += [
            Token("paragraph_open", "p", 1, level=h_open.level, block=True, map=line_map),
            text,
            Token("paragraph_close", "p", -1, level=h_close.level, block=True),
        ]
    return split


def _split_paragraph(block: list[Token], types: set[str]) -> list[Token]:
    """Split one paragraph into paragraphs at marker lines; mark the marker paragraphs."""
    from markdown_it.token import Token

    p_open, inline, p_close = block
    # each group: (line offset, text lines, marker or None)
    groups: list[tuple[int, list[str], tuple[str, str] | None]] = []
    for offset, line in enumerate(inline.content.split("\n")):
        marker = _classify(line, types)
        if marker is not None and marker[0] == "unknown":
            marker = None  # DocFX leaves it as text; _split_quote reports it
        if marker is not None:
            groups.append((offset, [], marker))
        elif not groups or groups[-1][2] is not None:
            groups.append((offset, [line], None))
        else:
            groups[-1][1].append(line)
    if len(groups) == 1 and groups[0][2] is None:
        return block

    start_line = p_open.map[0] if p_open.map else 0
    result: list[Token] = []
    for offset, lines, marker in groups:
        line_map = [start_line + offset, start_line + offset + max(1, len(lines))]
        para_open = Token("paragraph_open", "p", 1, level=p_open.level, block=True, map=line_map)
        para_inline = Token("inline", "", 0, level=inline.level, block=True, map=line_map)
        para_inline.content = "\n".join(lines)
        para_inline.children = []
        if marker is not None:
            para_inline.meta = {"dfm_marker": marker}
        para_close = Token("paragraph_close", "p", -1, level=p_close.level, block=True)
        result.extend([para_open, para_inline, para_close])
    return result


# --- rendering ---------------------------------------------------------------------------


def render_alert(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``dfm_alert`` → a Sphinx admonition node (titles come from Sphinx, so are localised)."""
    kind = str(token.meta["type"])
    node_cls = ALERT_NODES.get(kind)
    if node_cls is not None:
        node: nodes.Element = node_cls()
    else:
        title = extra_alert_titles(renderer.md).get(kind) or kind.capitalize()
        node = nodes.admonition(classes=[f"admonition-{kind.lower()}", kind.lower()])
        node += nodes.title(title, _(title))
    node["classes"].append("dfm-alert")
    renderer.add_line_and_source_path(node, token)
    with renderer.current_node_context(node, append=True):
        renderer.render_children(token)


def render_unknown_marker(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``[!NAME]`` of no known alert type stays text (as in DocFX): say so."""
    name = token.meta["name"]
    renderer.so_warning(
        f"[!{name}] is not an alert type; shown as text "
        f"(add it to superoffice_alerts to make it one)",
        SoWarning.ALERT,
        token,
    )


def warn_marker_with_text(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """A block quote that starts ``[!NOTE] text``: DocFX makes it a plain quote; say so."""
    warn_flagged(
        renderer,
        token,
        "dfm_marker_with_text",
        "text after the [!{}] marker on the same line: rendered as a plain quote "
        "(put the text on the next line to make an alert)",
        SoWarning.ALERT,
    )


def parse_div_attributes(text: str) -> dict[str, str] | None:
    """``class="a b" id="x"`` → a dict; None when the text is not well-formed."""
    text = text.strip()
    if text.startswith("`"):
        if not (text.endswith("`") and len(text) > 1):
            return None
        text = text[1:-1]
    attrs: dict[str, str] = {}
    pos = 0
    for m in _ATTR_RE.finditer(text):
        if text[pos : m.start()].strip():
            return None
        attrs[m.group(1).lower()] = next(g for g in m.groups()[1:] if g is not None)
        pos = m.end()
    if text[pos:].strip():
        return None
    return attrs


def render_div(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``dfm_div`` → a container carrying the given classes and id."""
    raw = str(token.meta["attrs"])
    attrs = parse_div_attributes(raw)
    container = nodes.container(classes=["dfm-div"])
    if attrs is None:
        renderer.so_warning(
            f"malformed [!div] attributes {raw!r}; rendered as a plain section",
            SoWarning.ALERT,
            token,
        )
    else:
        container["classes"].extend(attrs.get("class", "").split())
        if "id" in attrs:
            container["ids"].append(nodes.make_id(attrs["id"]) or attrs["id"])
    renderer.add_line_and_source_path(container, token)
    with renderer.current_node_context(container, append=True):
        renderer.render_children(token)


def video_embed_url(url: str) -> str:
    """DocFX's ``FixUpLink``: https, privacy-enhanced YouTube embeds, ``rel=0``."""
    if url.startswith("http:"):
        url = "https:" + url[5:]
    parts = urlsplit(url)
    host = parts.netloc.lower()
    query = parse_qs(parts.query)
    if host in {
        "youtube.com",
        "www.youtube.com",
        "youtu.be",
        "www.youtube-nocookie.com",
        "m.youtube.com",
    }:
        video_id = ""
        path = parts.path
        if host == "youtu.be":
            video_id = path.strip("/")
        elif path.startswith("/embed/"):
            video_id = path[len("/embed/") :].strip("/")
        elif "v" in query:
            video_id = query.pop("v")[0]
        if "list" in query and not video_id:
            video_id = "videoseries"
        flat = {k: v[0] for k, v in query.items()}
        flat.setdefault("rel", "0")
        return urlunsplit(
            ("https", "www.youtube-nocookie.com", f"/embed/{video_id}", urlencode(flat), "")
        )
    if host.endswith("channel9.msdn.com") and "nocookie" not in query:
        sep = "&" if parts.query else ""
        return urlunsplit(parts._replace(query=f"{parts.query}{sep}nocookie=true"))
    return urlunsplit(parts._replace(path=parts.path or "/"))


def render_video(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``dfm_video`` → a responsive, titled iframe (raw HTML; other builders get a link)."""
    append_video(renderer, token, str(token.meta["url"]))


@dataclass
class VideoTitles:
    """The iframe titles given on the page so far, and how often (a per-page slot)."""

    used: dict[str, int] = field(default_factory=dict)


def unique_video_title(renderer: Renderer, title: str) -> str:
    """An iframe title, unique on the page: the given one, else "Video: <section title>"."""
    if not title:
        section = renderer.current_node
        while section is not None and not isinstance(section, nodes.section):
            section = section.parent
        heading = section[0].astext() if section is not None and len(section) else ""
        title = _("Video: %s") % heading if heading else _("Video")
    used = renderer.page_slot(VideoTitles).used
    used[title] = used.get(title, 0) + 1
    return title if used[title] == 1 else f"{title} ({used[title]})"


def append_video(
    renderer: Renderer,
    token: SyntaxTreeNode,
    source: str,
    *,
    title: str = "",
    max_width: str = "",
) -> None:
    """Append the embed of a video (``> [!Video url]`` and ``:::video source="":::``)."""
    url = video_embed_url(source)
    given = bool(title)
    title = unique_video_title(renderer, title)
    container = nodes.container(classes=["so-video", "embeddedvideo"])
    renderer.add_line_and_source_path(container, token)
    style = ""
    if max_width.isdigit():
        style = f' style="max-width:{max_width}px"'
    iframe = (
        f'<iframe src="{html.escape(url)}" title="{html.escape(title)}" loading="lazy" '
        'allow="fullscreen; picture-in-picture" allowfullscreen="" '
        f'referrerpolicy="strict-origin-when-cross-origin"{style}></iframe>'
    )
    container += nodes.raw("", iframe, format="html")
    # other builders (text, LaTeX, gettext) get a plain link instead of the iframe
    fallback = addnodes.only(expr="not html")
    para = nodes.paragraph()
    para += nodes.reference(url, title if given else url, refuri=url)
    fallback += para
    container += fallback
    renderer.current_node.append(container)


RENDERERS: dict[str, TokenRenderer] = {
    "dfm_alert": render_alert,
    "dfm_div": render_div,
    "dfm_video": render_video,
    "dfm_unknown_marker": render_unknown_marker,
}
