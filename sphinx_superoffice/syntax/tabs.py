"""Tabbed content: ``# [Title](#tab/id)`` headings (dfm-spec §6) → sphinx-design tab sets.

A core rule that runs after ``inline`` regroups sibling blocks, in every container
(the page, list items, block quotes, alerts, includes, ``:::`` blocks):

- a heading (H1 to H6) whose only inline is a link to ``#tab/<id>[/<condition>]``
  starts a tab; the following tab heading starts the next tab of the same group;
- the group ends at a thematic break (``---``/``***``, consumed), at a tab heading of
  another level (which starts a new group), or at the end of the container. As in DocFX
  (``TabGroupAggregator``), a heading that is not a tab is tab content, of any level,
  when a thematic break closes the group later in the container; a group that no break
  closes ends at its first non-tab heading of the same or a higher level, with a warning
  (DocFX would put that heading and all that follows into the last tab).

Tabs become sphinx-design ``tab-set``/``tab-item`` components whose labels carry
``sync_group="tabs"`` and ``sync_id=<id>``, so sphinx-design's JavaScript keeps
every tab with the same id in sync on the page and across the site (``?tabs=<id>``
selects one from the URL, as in DocFX). Which tab is selected, and which dependent
tabs (``#tab/<id>/<condition>``) are visible, is decided at build time in document
order, as DocFX's ``ActiveAndVisibleRewriter`` does; ``superoffice-dfm.js`` updates the
visible dependent tabs when the reader selects another tab.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .._myst import MystWarnings
from .._sphinx_design import (
    create_component,
    is_component,
    sd_tab_input,
    sd_tab_label,
    without_components,
)
from ..warnings_ import SoWarning
from .contract import block_spans, token_line_of, warn_flagged

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.application import Sphinx

    from .contract import Renderer, TokenRenderer

#: DocFX's ``TabGroupParser``: ``#tab/<id>[+<id>…][/<condition>]``.
TAB_HREF_RE = re.compile(
    r"^#tab/(?P<id>[a-zA-Z0-9\-]+(?:\+[a-zA-Z0-9\-]+)*)(?:/(?P<condition>[a-zA-Z0-9\-]+)?)?$"
)
#: A heading that looks like a tab but was not parsed as a sole link (e.g. spaces in the id).
_RAW_TAB_RE = re.compile(r"^\[(?P<title>(?:\\.|[^\\\]])*)\]\(\s*<?#tab/[^)]*\)\s*$")
#: sphinx-design sync group of every DFM tab (so ``?tabs=<id>`` selects a tab, as in DocFX).
SYNC_GROUP = "tabs"


def tabs_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "dfm_tabs", _tabs_core_rule)


# --- parsing -------------------------------------------------------------------------------


def _tab_of(block: list[Token]) -> dict[str, Any] | None:
    """The tab a heading block defines (id, condition, level, title inline), or None."""
    if len(block) != 3 or block[0].type != "heading_open" or block[1].type != "inline":
        return None
    inline = block[1]
    children = [
        c
        for c in (inline.children or [])
        if not (c.type == "text" and not c.content.strip()) and c.type != "softbreak"
    ]
    level = int(block[0].tag[1])
    if (
        len(children) >= 2
        and children[0].type == "link_open"
        and children[-1].type == "link_close"
        and not any(c.type == "link_open" for c in children[1:-1])
    ):
        href = str(children[0].attrGet("href") or "")
        if not href.startswith("#tab/"):
            return None
        m = TAB_HREF_RE.match(href)
        if m is None:
            return {"malformed": href}
        return {
            "id": m.group("id"),
            "condition": m.group("condition") or "",
            "level": level,
            "title": children[1:-1],
        }
    if "#tab/" in inline.content and (
        _RAW_TAB_RE.match(inline.content.strip())
        or any(
            c.type == "link_open" and str(c.attrGet("href")).startswith("#tab/") for c in children
        )
    ):
        return {"malformed": inline.content.strip()}
    return None


def _degrade_heading(block: list[Token], href: str) -> None:
    """A malformed tab heading stays a heading: drop the link (keep its text) and warn later."""
    inline = block[1]
    m = _RAW_TAB_RE.match(inline.content.strip())
    if m is not None and not any(c.type == "link_open" for c in inline.children or []):
        from markdown_it.token import Token

        text = Token("text", "", 0)
        text.content = re.sub(r"\\(.)", r"\1", m.group("title"))
        inline.children = [text]
    else:
        inline.children = [
            c
            for c in inline.children or []
            if not (c.type in ("link_open", "link_close") and c.type and _is_tab_link(c))
        ]
    block[0].meta["dfm_tab_malformed"] = href


def _is_tab_link(tok: Token) -> bool:
    return tok.type == "link_close" or str(tok.attrGet("href") or "").startswith("#tab/")


def _new(type_: str, nesting: Literal[-1, 0, 1], line_map: list[int] | None) -> Token:
    from markdown_it.token import Token

    tok = Token(type_, "div", nesting, block=True)
    tok.map = line_map
    return tok


def _regroup(tokens: list[Token]) -> list[Token]:
    """Regroup the sibling blocks of one container (recursing into nested containers)."""
    blocks: list[list[Token]] = []
    for begin, end in block_spans(tokens):
        block = tokens[begin:end]
        if len(block) > 2 and block[0].nesting == 1 and block[1].type != "inline":
            block = [block[0], *_regroup(block[1:-1]), block[-1]]
        blocks.append(block)

    out: list[Token] = []
    k = 0
    while k < len(blocks):
        tab = _tab_of(blocks[k])
        if tab is None:
            out.extend(blocks[k])
            k += 1
            continue
        if "malformed" in tab:
            _degrade_heading(blocks[k], tab["malformed"])
            out.extend(blocks[k])
            k += 1
            continue
        level = tab["level"]
        closed = _closed_by_break(blocks, k + 1, level)
        tabs: list[tuple[dict[str, Any], list[Token], list[Token]]] = []
        ended_by = "end of container"
        ended_at = ""
        while k < len(blocks):
            block = blocks[k]
            info = _tab_of(block)
            if info is not None and "malformed" not in info:
                if info["level"] != level:
                    ended_by = "tab heading of another level"
                    break
                tabs.append((info, block, []))
                k += 1
                continue
            if block[0].type == "hr":
                ended_by = "thematic break"
                k += 1  # consumed, not rendered
                break
            if not closed and block[0].type == "heading_open" and int(block[0].tag[1]) <= level:
                if info is not None:  # malformed tab heading: degrade, then end the group
                    _degrade_heading(block, info["malformed"])
                ended_by = "heading"
                ended_at = block[1].content if len(block) > 1 else ""
                break
            if info is not None:
                _degrade_heading(block, info["malformed"])
            tabs[-1][2].extend(block)
            k += 1
        group_open = _new("dfm_tabs_open", 1, tabs[0][1][0].map)
        group_open.meta = {"ended_by": ended_by, "ended_at": ended_at, "count": len(tabs)}
        out.append(group_open)
        for info, heading, content in tabs:
            tab_open = _new("dfm_tab_open", 1, heading[0].map)
            tab_open.meta = {"id": info["id"], "condition": info["condition"], "level": level}
            title = heading[1]
            title.children = info["title"]
            out.extend([tab_open, title, *content, _new("dfm_tab_close", -1, None)])
        out.append(_new("dfm_tabs_close", -1, None))
    return out


def _closed_by_break(blocks: list[list[Token]], start: int, level: int) -> bool:
    """Whether a thematic break ends the group that starts before ``blocks[start]``
    (before a tab heading of another level starts a new group)."""
    for block in blocks[start:]:
        if block[0].type == "hr":
            return True
        info = _tab_of(block) if block[0].type == "heading_open" else None
        if info is not None and "malformed" not in info and info["level"] != level:
            return False
    return False


def _tabs_core_rule(state: StateCore) -> None:
    if not any(t.type == "inline" and "#tab/" in t.content for t in state.tokens):
        return
    state.tokens[:] = _regroup(state.tokens)


# --- rendering -------------------------------------------------------------------------------


@dataclass
class PageTabs:
    """Tabs selected so far on the page, in document order (DocFX's ActiveAndVisibleRewriter);
    a per-page slot."""

    selected: list[str] = field(default_factory=list)


def render_tabs(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``dfm_tabs`` → a sphinx-design ``tab-set`` with build-time selection and visibility."""
    items = [c for c in token.children if c.type == "dfm_tab"]
    ids = [(str(c.meta["id"]), str(c.meta["condition"])) for c in items]
    if len(items) == 1:
        renderer.so_warning(
            f"tab group with a single tab ({ids[0][0]!r}): rendered as a one-tab set",
            SoWarning.TAB,
            token,
        )
    seen: set[tuple[str, str]] = set()
    for item, key in zip(items, ids, strict=True):
        if key in seen:
            renderer.so_warning(
                f"duplicate tab id {'/'.join(p for p in key if p)!r} in one tab group",
                SoWarning.TAB,
                item,
            )
        seen.add(key)

    if token.meta.get("ended_by") == "heading":
        renderer.so_warning(
            f"tab group has no closing '---': it ends at the heading "
            f"{token.meta.get('ended_at', '')!r} (DocFX would put that heading and all that "
            "follows into the last tab); end the group with '---'",
            SoWarning.TAB,
            token,
        )
    state = renderer.page_slot(PageTabs)
    visible = [not cond or cond in state.selected for _, cond in ids]
    if not any(visible):
        renderer.so_warning(
            "every tab of this group depends on a tab selected nowhere before it; all are shown",
            SoWarning.TAB,
            token,
        )
        visible = [True] * len(ids)
    active = next(
        (i for i, (tid, _) in enumerate(ids) if visible[i] and tid in state.selected),
        visible.index(True),
    )
    state.selected.append(ids[active][0])

    tab_set = create_component("tab-set", classes=["sd-tab-set", "dfm-tabs"])
    renderer.add_line_and_source_path(tab_set, token)
    with renderer.current_node_context(tab_set, append=True):
        for i, item in enumerate(items):
            _render_tab(renderer, item, selected=(i == active), hidden=not visible[i])


def _render_tab(renderer: Renderer, token: SyntaxTreeNode, *, selected: bool, hidden: bool) -> None:
    tab_id, condition = str(token.meta["id"]), str(token.meta["condition"])
    extra = []
    if condition:
        extra = ["dfm-tab-conditional", f"dfm-tab-condition-{condition}"]
        if hidden:
            extra.append("dfm-tab-hidden")
    item = create_component("tab-item", classes=["sd-tab-item", *extra], selected=selected)
    renderer.add_line_and_source_path(item, token)
    title, *body = token.children
    label = nodes.rubric("", classes=["sd-tab-label", *extra])
    label["sync_group"] = SYNC_GROUP
    label["sync_id"] = tab_id
    renderer.add_line_and_source_path(label, token)
    with renderer.current_node_context(label):
        renderer.render_children(title)
    item += label
    content = create_component("tab-content", classes=["sd-tab-content"])
    with renderer.current_node_context(content):
        render_blocks(renderer, body)
    for rubric in content.findall(nodes.rubric):
        # a heading inside a tab (myst makes it a rubric): still a heading of its level
        # for readers and assistive technology, as DocFX's <hN> is (Sphinx's heading-level)
        if rubric.get("level") in (1, 2, 3, 4, 5, 6):
            rubric["heading-level"] = rubric["level"]
    item += content
    renderer.current_node.append(item)


def render_blocks(renderer: Renderer, children: list[SyntaxTreeNode]) -> None:
    """Render some of a token's children (``render_children`` renders all of them)."""
    for child in children:
        render = renderer.rules.get(f"render_{child.type}")
        if render is not None:
            render(child)
        else:  # as myst's render_children does
            renderer.create_warning(
                f"No render method for: {child.type}",
                MystWarnings.RENDER_METHOD,
                line=token_line_of(child),
                append_to=renderer.current_node,
            )


def warn_malformed_heading(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """Warn for a heading that links to ``#tab/…`` but is not a valid tab heading."""
    warn_flagged(
        renderer,
        token,
        "dfm_tab_malformed",
        "malformed tab heading '{}' (expected '# [Title](#tab/id)' or "
        "'#tab/id/condition' with ids of letters, digits and '-'): rendered as a heading",
        SoWarning.TAB,
    )


RENDERERS: dict[str, TokenRenderer] = {"dfm_tabs": render_tabs}


# --- HTML ------------------------------------------------------------------------------------


class DfmTabsHtmlTransform(SphinxPostTransform):
    """Copy the dependent-tab classes of each label onto its radio input (after sphinx-design)."""

    default_priority = 210
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        if without_components(self.document):
            return
        # a class condition is matched in C-speed isinstance calls; sphinx-design's
        # components are containers
        for tab_set in self.document.findall(nodes.container):
            if not is_dfm_tab_set(tab_set):
                continue
            # sphinx-design assigns ``children`` directly, so ``parent`` is not set: use indexes
            children = tab_set.children
            for index, label in enumerate(children):
                if not isinstance(label, sd_tab_label):
                    continue
                classes = [c for c in label["classes"] if c.startswith("dfm-tab-")]
                if classes and index > 0 and isinstance(children[index - 1], sd_tab_input):
                    children[index - 1]["classes"].extend(classes)


def is_dfm_tab_set(node: nodes.Node) -> bool:
    return is_component(node, "tab-set") and "dfm-tabs" in node.get("classes", [])


def setup_tabs(app: Sphinx) -> None:
    app.add_post_transform(DfmTabsHtmlTransform)
