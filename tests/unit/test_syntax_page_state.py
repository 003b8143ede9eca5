"""Syntax modules use only the renderer contract: per-page state through ``page_slot``,
myst's fallback for a token without renderer. Tested with a stand-in renderer, no Sphinx app."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from sphinx_superoffice.syntax import alerts, tabs


class PageOnly:
    """Just what these functions may use; no ``__dict__`` to stash anything in."""

    __slots__ = ("_slots", "current_node", "rules", "warnings")

    def __init__(self, current_node: nodes.Element) -> None:
        self.current_node = current_node
        self.rules: dict[str, Any] = {}
        self.warnings: list[tuple[str, int | None]] = []
        self._slots: dict[type, Any] = {}

    def page_slot(self, kind: type) -> Any:
        return self._slots.setdefault(kind, kind())

    def create_warning(self, message: str, subtype: Any, *, line: int | None = None, **_: Any):
        self.warnings.append((message, line))


def _in_section(title: str) -> nodes.Element:
    section = nodes.section()
    section += nodes.title(title, title)
    paragraph = nodes.paragraph()
    section += paragraph
    return paragraph


def test_video_titles_are_unique_on_one_page_only():
    page = PageOnly(_in_section("Setup"))
    assert alerts.unique_video_title(page, "") == "Video: Setup"  # type: ignore[arg-type]
    assert alerts.unique_video_title(page, "") == "Video: Setup (2)"  # type: ignore[arg-type]
    assert alerts.unique_video_title(page, "Given") == "Given"  # type: ignore[arg-type]
    other_page = PageOnly(_in_section("Setup"))
    assert alerts.unique_video_title(other_page, "") == "Video: Setup"  # type: ignore[arg-type]


def test_render_blocks_falls_back_like_myst():
    tree = SyntaxTreeNode(MarkdownIt("commonmark").parse("one\n\ntwo\n"))
    mystery = Token("dfm_mystery", "", 0)
    mystery.map = [7, 8]
    blocks = [tree.children[0], SyntaxTreeNode([mystery]).children[0], tree.children[1]]
    page = PageOnly(nodes.container())
    rendered: list[SyntaxTreeNode] = []
    page.rules["render_paragraph"] = rendered.append
    tabs.render_blocks(page, blocks)  # type: ignore[arg-type]
    assert rendered == [blocks[0], blocks[2]]
    assert page.warnings == [("No render method for: dfm_mystery", 7)]
