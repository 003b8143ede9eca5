"""The ``:::`` tokens rendered into docutils nodes (the grammar is in :mod:`.grammar`)."""

from __future__ import annotations

import html
import os
import re
from typing import TYPE_CHECKING

from docutils import nodes

from ..._sphinx_design import create_component
from ...i18n import _
from ...urls import has_scheme, refused_scheme
from ...warnings_ import SoWarning
from .. import alerts
from ..contract import token_line_of
from ..snippets.render import render_code_snippet
from ..snippets.selection import SnippetQuery, parse_ranges
from .grammar import moniker_in_range

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

    from ..contract import Renderer, TokenRenderer


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
    if relative is not None and not has_scheme(source):
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
        schemes = renderer.sphinx_env.config.superoffice_url_schemes
        scheme = refused_scheme(attrs["link"], schemes)
        if scheme is not None:
            renderer.so_warning(
                f"image link {attrs['link']!r} has the refused URL scheme {scheme!r}; "
                "the image is shown without it",
                SoWarning.URL_REFUSED,
                token,
            )
            return image
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
    query = SnippetQuery(tag=attrs.get("id", ""))
    for key in ("range", "highlight"):
        if key in attrs:
            parsed = parse_ranges(attrs[key])
            if parsed is None:
                query.errors.append(f"{key}={attrs[key]!r} is not a list of line ranges; ignored")
            elif key == "range":
                query.ranges = parsed
            else:
                query.highlight = parsed
    render_code_snippet(
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


def render_form(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``::: form action="…" submitText="…" :::`` → DocFX's chromeless form (dfx:
    ``ChromelessFormsTest``): the action and model are data attributes only, the button is
    disabled and the form has no ``action``, so nothing is ever sent anywhere; the form is
    named by its button text for assistive technology."""
    attrs: dict[str, str] = token.meta["attrs"]
    data = "".join(
        f' data-{key}="{html.escape(attrs[key])}"' for key in ("model", "action") if key in attrs
    )
    text = html.escape(attrs["submittext"])
    markup = (
        f'<form class="chromeless-form"{data} aria-label="{text}">\n<div></div>\n'
        f'<button class="button is-primary" disabled="disabled" type="submit">{text}</button>\n'
        "</form>\n"
    )
    node = nodes.raw("", markup, format="html")
    renderer.add_line_and_source_path(node, token)
    renderer.current_node.append(node)


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
    "dfm_colon_form": render_form,
}
