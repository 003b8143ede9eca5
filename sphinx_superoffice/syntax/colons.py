"""Triple-colon blocks (dfm-spec §7): ``:::name attr="value":::``, ``::: name`` … ``::: name-end``.

- containers: ``::: zone pivot="a,b"`` / ``::: zone-end``, ``::: moniker range=">= x"`` /
  ``::: moniker-end``, ``:::row:::`` / ``:::row-end:::``, ``:::column span="2":::`` /
  ``:::column-end:::``, ``:::image type="complex" …:::`` *long description*
  ``:::image-end:::``. Their content is Markdown and may be indented as a whole.
- self-closing blocks: ``:::code …:::`` (a code snippet, ``syntax/snippets.py``) and
  ``:::video source="…":::`` (the embed of ``> [!Video]``).
- inline: ``:::image type="content|icon" …:::`` and ``:::no-loc text="…":::``.

Attribute values are double-quoted, names are case-insensitive; a duplicate, unknown
or unquoted attribute, a missing required one, or an unknown extension leaves the
line as text and warns (DocFX's ``invalid-<ext>``). The block rule sits before myst's
``colon_fence`` (when a project enables it), so myst never swallows these blocks;
``:::{directive}`` fences still reach myst.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.shared import create_component

from ..warnings_ import SoWarning
from . import alerts, snippets
from .contract import token_line_of

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.application import Sphinx

    from .contract import Renderer, TokenRenderer

_OPEN_RE = re.compile(r"^(?P<colons>:{3,})[ \t]*(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<rest>.*)$")
_ATTR_RE = re.compile(r'[ \t]*(?P<key>[A-Za-z][\w-]*)="(?P<value>(?:\\.|[^"\\])*)"')
_PIVOT_RE = re.compile(r"^[a-z0-9-]+$")
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Extension:
    """What DocFX accepts for one ``:::`` extension."""

    attributes: frozenset[str]
    required: frozenset[str] = frozenset()
    #: ``container``: ends at ``::: <name>-end``; ``block``: one self-closing line;
    #: ``inline``: parsed inside paragraphs
    kind: str = "container"


EXTENSIONS: dict[str, Extension] = {
    "zone": Extension(frozenset({"target", "pivot"})),
    "moniker": Extension(frozenset({"range"}), frozenset({"range"})),
    "row": Extension(frozenset()),
    "column": Extension(frozenset({"span"})),
    "code": Extension(
        frozenset({"language", "source", "range", "highlight", "id", "interactive", "title"}),
        frozenset({"source"}),
        "block",
    ),
    "video": Extension(
        frozenset({"source", "title", "max-width", "thumbnail", "upload-date", "duration", "type"}),
        frozenset({"source"}),
        "block",
    ),
    "image": Extension(
        frozenset({"type", "source", "alt-text", "border", "lightbox", "link", "loc-scope"}),
        frozenset({"source"}),
        "inline",
    ),
    "no-loc": Extension(frozenset({"text"}), frozenset({"text"}), "inline"),
}


def parse_attributes(text: str, ext: Extension) -> tuple[dict[str, str] | None, str]:
    """``a="x" b="y"`` → ({"a": "x", …}, ""), or (None, why) when DocFX would reject it."""
    attrs: dict[str, str] = {}
    pos = 0
    for m in _ATTR_RE.finditer(text):
        if text[pos : m.start()].strip():
            break
        key = m.group("key").lower()
        if key not in ext.attributes:
            return None, f"unknown attribute {key!r}"
        if key in attrs:
            return None, f"duplicate attribute {key!r}"
        attrs[key] = m.group("value").replace('\\"', '"')
        pos = m.end()
    if text[pos:].strip():
        return None, f"cannot read {text[pos:].strip()!r} (values must be double-quoted)"
    missing = sorted(ext.required - set(attrs))
    if missing:
        return None, f"missing required attribute {missing[0]!r}"
    return attrs, ""


def _split_line(line: str) -> tuple[str, str, bool] | None:
    """``:::name attrs:::`` → (name, attrs, self-closed); None when not a ``:::`` line."""
    m = _OPEN_RE.match(line.strip())
    if m is None:
        return None
    rest = m.group("rest").rstrip()
    closed = rest.endswith(":::")
    if closed:
        rest = rest[:-3].rstrip(":").rstrip()
    return m.group("name").lower(), rest, closed


# --- block rule ------------------------------------------------------------------------------


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _find_end(state: StateBlock, start: int, end: int, name: str) -> int | None:
    """The line of the matching ``::: <name>-end`` (nested openers of the same name counted)."""
    depth = 0
    for line in range(start + 1, end):
        if (
            state.sCount[line] < state.blkIndent
            and state.bMarks[line] + state.tShift[line] < state.eMarks[line]
        ):
            return None
        parts = _split_line(_line(state, line))
        if parts is None:
            continue
        found, rest, _closed = parts
        if found == f"{name}-end" and not rest.strip(": \t"):
            if depth == 0:
                return line
            depth -= 1
        elif found == name and (name != "image" or 'type="complex"' in rest):
            depth += 1
    return None


def _push_invalid(state: StateBlock, start: int, line: str, why: str) -> bool:
    token = state.push("dfm_colon_invalid", "", 0)
    token.map = [start, start + 1]
    token.content = line
    token.meta = {"why": why}
    state.line = start + 1
    return True


def colon_block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    line = _line(state, start)
    if not line.startswith(":::"):
        return False
    parts = _split_line(line)
    if parts is None:
        return False
    name, rest, closed = parts
    colon_fence = bool(state.md.options.get("superoffice_colon_fence"))
    ext = EXTENSIONS.get(name)
    if ext is None:
        if colon_fence:
            return False  # leave it to myst's colon_fence
        if silent:
            return False
        base = name.removesuffix("-end")
        why = (
            f"'::: {name}' without an open '::: {base}'"
            if name.endswith("-end") and base in EXTENSIONS
            else f"unknown ':::' extension {name!r}"
        )
        return _push_invalid(state, start, line, why)
    attrs, why = parse_attributes(rest, ext)
    if (
        attrs is not None
        and name == "image"
        and attrs.get("type") != "icon"
        and "alt-text" not in attrs
    ):
        attrs, why = None, "missing required attribute 'alt-text'"
    if attrs is not None and name == "zone":
        why = _zone_error(attrs)
        if why:
            attrs = None
    if attrs is None:
        if silent:
            return False
        return _push_invalid(state, start, line, f"invalid ':::{name}': {why}")
    complex_image = name == "image" and attrs.get("type") == "complex"
    if ext.kind == "inline" and not complex_image:
        return False  # a paragraph; the inline rule renders it
    if ext.kind == "block":
        if silent:
            return True
        if not closed:
            return _push_invalid(state, start, line, f"':::{name}' must end with ':::'")
        token = state.push(f"dfm_colon_{name}", "", 0)
        token.map = [start, start + 1]
        token.meta = {"attrs": attrs}
        token.content = line
        state.line = start + 1
        return True
    if silent:
        return True

    # a container
    end_line = _find_end(state, start, end, name)
    stop = end if end_line is None else end_line
    indents = [
        state.sCount[li]
        for li in range(start + 1, stop)
        if state.bMarks[li] + state.tShift[li] < state.eMarks[li]
    ]
    old = (state.parentType, state.lineMax, state.blkIndent)
    token = state.push(f"dfm_{'image_complex' if complex_image else name}_open", "div", 1)
    token.map = [start, stop + 1 if end_line is not None else stop]
    token.meta = {"attrs": attrs, "unclosed": end_line is None, "name": name}
    token.content = line
    state.parentType = "dfm_colon"
    state.lineMax = stop
    state.blkIndent = max(state.blkIndent, min(indents, default=state.blkIndent))
    state.md.block.tokenize(state, start + 1, stop)
    state.parentType, state.lineMax, state.blkIndent = old
    state.push(f"dfm_{'image_complex' if complex_image else name}_close", "div", -1)
    state.line = stop + 1 if end_line is not None else stop
    return True


def _zone_error(attrs: dict[str, str]) -> str:
    if "pivot" not in attrs and "target" not in attrs:
        return "a zone needs 'pivot' or 'target'"
    if "pivot" in attrs:
        pivots = [p.strip() for p in attrs["pivot"].split(",")]
        bad = [p for p in pivots if not _PIVOT_RE.match(p)]
        if bad:
            return f"pivot {bad[0]!r} is not lower-case letters, digits and '-'"
        if attrs.get("target") == "pdf":
            return "a 'pdf' target zone cannot have a pivot"
    if "target" in attrs and attrs["target"] not in ("docs", "chromeless", "pdf"):
        return f"target {attrs['target']!r} is not docs, chromeless or pdf"
    return ""


# --- inline rule -----------------------------------------------------------------------------


def colon_inline_rule(state: StateInline, silent: bool) -> bool:
    """``:::image …:::`` (not complex) and ``:::no-loc text="…":::`` inside running text."""
    src, pos = state.src, state.pos
    if not src.startswith(":::", pos):
        return False
    m = re.compile(r":::[ \t]*(image|no-loc)\b((?:[^:\n\"]|\"(?:\\.|[^\"\\\n])*\")*):::").match(
        src, pos
    )
    if m is None:
        return False
    name = m.group(1).lower()
    attrs, why = parse_attributes(m.group(2), EXTENSIONS[name])
    if attrs is not None and name == "image":
        kind = attrs.get("type", "content")
        if kind not in ("content", "icon"):
            attrs, why = None, f"inline image type {kind!r}"
        elif kind != "icon" and "alt-text" not in attrs:
            attrs, why = None, "missing required attribute 'alt-text'"
    if not silent:
        if attrs is None:
            token = state.push("dfm_colon_invalid_inline", "", 0)
            token.content = m.group(0)
            token.meta = {"why": f"invalid ':::{name}': {why}"}
        else:
            token = state.push("dfm_noloc" if name == "no-loc" else "dfm_image_inline", "", 0)
            token.content = m.group(0)
            token.meta = {"attrs": attrs}
        token.meta["line_offset"] = src.count("\n", 0, pos)
    state.pos = m.end()
    return True


def colons_plugin(md: MarkdownIt) -> None:
    names = [rule.name for rule in md.block.ruler.__rules__]
    md.options["superoffice_colon_fence"] = "colon_fence" in names
    before = "colon_fence" if "colon_fence" in names else "fence"
    md.block.ruler.before(
        before,
        "dfm_colon",
        colon_block_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.inline.ruler.before("link", "dfm_colon_inline", colon_inline_rule)


# --- rendering -------------------------------------------------------------------------------


def _warn_unclosed(renderer: Renderer, token: SyntaxTreeNode) -> None:
    if token.meta.get("unclosed"):
        name = token.meta["name"]
        renderer.so_warning(
            f"'::: {name}' has no '::: {name}-end'; it ends with its container",
            SoWarning.COLON_END,
            token,
        )


def render_invalid(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """An invalid ``:::`` line stays visible as text (as in DocFX), with a warning."""
    renderer.so_warning(f"{token.meta['why']}; left as text", SoWarning.COLON, token)
    # literal: shown exactly as written (no smart quotes), and not mistaken for prose
    para = nodes.paragraph(token.content, "", nodes.literal(token.content, token.content))
    renderer.add_line_and_source_path(para, token)
    renderer.current_node.append(para)


def render_invalid_inline(renderer: Renderer, token: SyntaxTreeNode) -> None:
    line = token_line_of(token) + int(token.meta.get("line_offset", 0))
    renderer.so_warning(
        f"{token.meta['why']}; left as text",
        SoWarning.COLON,
        f"{renderer.current_source_path()}:{line}",
    )
    renderer.current_node.append(nodes.literal(token.content, token.content))


def _container(renderer: Renderer, token: SyntaxTreeNode, classes: list[str]) -> nodes.Element:
    node = nodes.container(classes=classes)
    renderer.add_line_and_source_path(node, token)
    return node


def render_zone(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``::: zone`` → ``div.zone`` with ``has-pivot``/``has-target`` and one class per pivot."""
    _warn_unclosed(renderer, token)
    attrs: dict[str, str] = token.meta["attrs"]
    classes = ["zone", "dfm-zone"]
    if "target" in attrs:
        classes += ["has-target", f"dfm-target-{attrs['target']}"]
    pivots = [p.strip() for p in attrs.get("pivot", "").split(",") if p.strip()]
    if pivots:
        classes += ["has-pivot", *(f"dfm-pivot-{p}" for p in pivots)]
    node = _container(renderer, token, classes)
    node["dfm_pivots"] = " ".join(pivots)
    with renderer.current_node_context(node, append=True):
        renderer.render_children(token)


_COMPARE_RE = re.compile(r"(?P<op><=|>=|<|>|=)?\s*(?P<name>[A-Za-z0-9][\w.\-]*)")


def moniker_in_range(expr: str, current: str, monikers: list[str]) -> bool | None:
    """Evaluate ``>= a || = b`` (space = and) for ``current``; None if it cannot be evaluated."""
    order = {m.lower(): i for i, m in enumerate(monikers)}
    cur = current.lower()
    for alternative in expr.split("||"):
        ok = True
        conditions = list(_COMPARE_RE.finditer(alternative))
        rest = _COMPARE_RE.sub("", alternative).strip()
        if not conditions or rest:
            return None
        for cond in conditions:
            op, name = cond.group("op") or "=", cond.group("name").lower()
            if op == "=":
                ok = ok and name == cur
                continue
            if name not in order or cur not in order:
                return None
            a, b = order[cur], order[name]
            ok = ok and {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
        if ok:
            return True
    return False


def render_moniker(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``::: moniker range`` → shown, hidden or marked against ``superoffice_moniker``."""
    _warn_unclosed(renderer, token)
    expr = token.meta["attrs"]["range"]
    config = renderer.sphinx_env.config
    current: str = config.superoffice_moniker
    verdict: bool | None = True
    if current:
        verdict = moniker_in_range(expr, current, list(config.superoffice_monikers))
        if verdict is None:
            renderer.so_warning(
                f"moniker range {expr!r} cannot be evaluated for {current!r} "
                f"(known monikers: {', '.join(config.superoffice_monikers) or 'none'}); shown",
                SoWarning.MONIKER,
                token,
            )
            verdict = True
    if not verdict and config.superoffice_moniker_out_of_range == "hide":
        return
    classes = ["moniker", "dfm-moniker"]
    node = _container(renderer, token, classes)
    node["dfm_range"] = expr
    if not verdict:
        node["classes"].append("dfm-moniker-out-of-range")
        label = nodes.paragraph(classes=["dfm-moniker-label"])
        label += nodes.Text(_("Applies to: %s") % expr)
        node += label
    with renderer.current_node_context(node, append=True):
        renderer.render_children(token)


def render_row(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``:::row:::`` → a sphinx-design grid; columns share 12 units by their ``span``."""
    _warn_unclosed(renderer, token)
    grid = create_component(
        "grid-container", classes=["sd-container-fluid", "sd-sphinx-override", "dfm-row"]
    )
    renderer.add_line_and_source_path(grid, token)
    row = create_component("grid-row", classes=["sd-row", "sd-g-3"])
    grid += row
    with renderer.current_node_context(row):
        renderer.render_children(token)
    columns = [c for c in row.children if c.get("design_component") == "grid-item"]
    spans = [int(c["dfm_span"]) for c in columns]
    total = sum(spans) or 1
    widths = [max(1, 12 * s // total) for s in spans]
    if widths:
        widths[-1] = max(1, 12 - sum(widths[:-1]))
    for column, width in zip(columns, widths, strict=True):
        column["classes"] += ["sd-col-12", f"sd-col-md-{width}"]
    renderer.current_node.append(grid)


def render_column(renderer: Renderer, token: SyntaxTreeNode) -> None:
    _warn_unclosed(renderer, token)
    span_text = token.meta["attrs"].get("span", "1")
    span = int(span_text) if span_text.isdigit() and int(span_text) > 0 else 1
    if str(span) != span_text:
        renderer.so_warning(
            f"column span {span_text!r} is not a positive number; 1 is used", SoWarning.COLON, token
        )
    classes = ["sd-col", "sd-d-flex-column", "column", "dfm-column"]
    if span > 1:
        classes.append(f"span{span}")
    column = create_component("grid-item", classes=classes)
    column["dfm_span"] = span
    renderer.add_line_and_source_path(column, token)
    with renderer.current_node_context(column, append=True):
        renderer.render_children(token)


def _image_uri(renderer: Renderer, source: str) -> str:
    relative = renderer.md_env.get("relative-images")
    if relative is not None and not _SCHEME_RE.match(source):
        return os.path.normpath(os.path.join(relative, os.path.normpath(source)))  # noqa: PTH118
    return source


def _image(renderer: Renderer, attrs: dict[str, str], token: SyntaxTreeNode) -> nodes.Node:
    icon = attrs.get("type") == "icon"
    image = nodes.image(
        uri=_image_uri(renderer, attrs["source"]),
        alt="" if icon else attrs.get("alt-text", ""),
        classes=["dfm-image"],
    )
    renderer.add_line_and_source_path(image, token)
    border = attrs.get("border", "false" if icon else "true").lower() == "true"
    if border:
        image["classes"].append("mx-imgBorder")
    if icon:
        image["classes"].append("dfm-icon")
    if "lightbox" in attrs:
        image["classes"].append("dfm-lightbox")
    if "link" in attrs:
        ref = nodes.reference("", "", refuri=attrs["link"], classes=["dfm-image-link"])
        ref += image
        return ref
    return image


def render_image_inline(renderer: Renderer, token: SyntaxTreeNode) -> None:
    node = _image(renderer, token.meta["attrs"], token)
    line = token_line_of(token) + int(token.meta.get("line_offset", 0))
    for each in node.findall(nodes.Element):
        each.source, each.line = str(renderer.current_source_path()), line
    renderer.current_node.append(node)


def render_image_complex(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """A complex image: the image, then its long description in a visually hidden block."""
    _warn_unclosed(renderer, token)
    figure = _container(renderer, token, ["dfm-image-complex"])
    para = nodes.paragraph()
    para += _image(renderer, token.meta["attrs"], token)
    figure += para
    description = nodes.container(classes=["visually-hidden", "dfm-image-description"])
    figure += description
    with renderer.current_node_context(description):
        renderer.render_children(token)
    renderer.current_node.append(figure)


def render_noloc(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``:::no-loc text="…":::`` → the text as is (the paragraph's message keeps the markup)."""
    text = token.meta["attrs"]["text"]
    node = nodes.inline(text, text, classes=["no-loc"])
    node["support_smartquotes"] = False  # exactly as written: no typographic quotes either
    renderer.current_node.append(node)


def render_code(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``:::code source="" language="" range="" highlight="" id="":::`` → a snippet."""
    attrs: dict[str, str] = token.meta["attrs"]
    query = snippets.SnippetQuery(tag=attrs.get("id", ""))
    for key in ("range", "highlight"):
        if key in attrs:
            parsed = snippets.parse_ranges(attrs[key])
            if parsed is None:
                query.errors.append(f"{key}={attrs[key]!r} is not a list of line ranges; ignored")
            elif key == "range":
                query.ranges = parsed
            else:
                query.highlight = parsed
    snippets.render_code_snippet(
        renderer,
        token,
        path=attrs["source"],
        language=attrs.get("language", ""),
        query=query,
        title=attrs.get("title", ""),
    )


def render_video(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``:::video source="" title="":::`` → the same embed as ``> [!Video url]``."""
    attrs: dict[str, str] = token.meta["attrs"]
    if not re.match(r"^https?://", attrs["source"]):
        renderer.so_warning(
            f"video source {attrs['source']!r} is not an http(s) URL; left as text",
            SoWarning.COLON,
            token,
        )
        para = nodes.paragraph(token.content, token.content)
        renderer.current_node.append(para)
        return
    alerts.append_video(
        renderer,
        token,
        attrs["source"],
        title=attrs.get("title", ""),
        max_width=attrs.get("max-width", ""),
    )


RENDERERS: dict[str, TokenRenderer] = {
    "dfm_colon_invalid": render_invalid,
    "dfm_colon_invalid_inline": render_invalid_inline,
    "dfm_zone": render_zone,
    "dfm_moniker": render_moniker,
    "dfm_row": render_row,
    "dfm_column": render_column,
    "dfm_image_complex": render_image_complex,
    "dfm_image_inline": render_image_inline,
    "dfm_noloc": render_noloc,
    "dfm_colon_code": render_code,
    "dfm_colon_video": render_video,
}


# --- HTML: the zone pivot selector ----------------------------------------------------------


class ZonePivotHtmlTransform(SphinxPostTransform):
    """Put a pivot selector before the first pivot zone of a page (``superoffice-dfm.js``)."""

    default_priority = 220
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        zones = [
            z
            for z in self.document.findall(nodes.container)
            if "dfm-zone" in z["classes"] and z.get("dfm_pivots")
        ]
        if not zones:
            return
        pivots: list[str] = []
        for zone in zones:
            for pivot in zone["dfm_pivots"].split():
                if pivot not in pivots:
                    pivots.append(pivot)
        names: dict[str, str] = self.config.superoffice_zone_pivot_names
        buttons = "".join(
            f'<button type="button" class="dfm-pivot-option" data-pivot="{p}" '
            f'aria-pressed="{"true" if i == 0 else "false"}">'
            f"{_html_escape(names.get(p, p))}</button>"
            for i, p in enumerate(pivots)
        )
        aria_label = _html_escape(_("Choose a version"))
        selector = nodes.raw(
            "",
            f'<div class="dfm-pivot-selector" role="group" aria-label="{aria_label}" '
            f'data-pivots="{" ".join(pivots)}" hidden="hidden">{buttons}</div>\n',
            format="html",
        )
        first = zones[0]
        first.parent.insert(first.parent.index(first), selector)
        for zone in zones:
            label = ", ".join(names.get(p, p) for p in zone["dfm_pivots"].split())
            zone.insert(
                0,
                nodes.raw(
                    "",
                    f'<p class="dfm-zone-label">{_html_escape(label)}</p>\n',
                    format="html",
                ),
            )


class ImageLightboxHtmlTransform(SphinxPostTransform):
    """``:::image lightbox="…"``: the image links to its full-size copy (DocFX's lightbox)."""

    default_priority = 225
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        from sphinx.util.osutil import relative_uri

        builder = self.app.builder
        images_dir = relative_uri(builder.get_target_uri(self.env.docname), "_images")
        for image in list(self.document.findall(nodes.image)):
            if "dfm-lightbox" not in image["classes"] or isinstance(image.parent, nodes.reference):
                continue
            uri = image["candidates"].get("*", image["uri"])
            if uri not in self.env.images:
                continue  # a missing image: nothing to link to
            target = f"{images_dir}/{self.env.images[uri][1]}"
            reference = nodes.reference("", "", internal=True, refuri=target)
            reference["classes"].append("dfm-lightbox-link")
            image.replace_self(reference)
            reference.append(image)


def _html_escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def setup_colons(app: Sphinx) -> None:
    app.add_post_transform(ZonePivotHtmlTransform)
    app.add_post_transform(ImageLightboxHtmlTransform)
