"""The shared helpers of the syntax modules, without Sphinx."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from sphinx_superoffice.syntax.contract import (
    block_spans,
    parse_html_attributes,
    token_line_of,
)


def test_block_spans():
    tokens = MarkdownIt("commonmark").parse("para\n\n- a\n- b\n\n# head\n")
    spans = block_spans(tokens)
    assert [tokens[begin].type for begin, _ in spans] == [
        "paragraph_open",
        "bullet_list_open",
        "heading_open",
    ]
    assert spans[-1][1] == len(tokens)
    # the children of the list: its two items
    begin, end = spans[1]
    items = block_spans(tokens, begin + 1, end - 1)
    assert [tokens[b].type for b, _ in items] == ["list_item_open", "list_item_open"]


def test_parse_html_attributes():
    assert parse_html_attributes(
        ' href="a&amp;b.md" Title=\'t\' download data-x=1 href="second"'
    ) == {"href": "a&b.md", "title": "t", "download": "", "data-x": "1"}


def test_token_line_of_an_inline_token_is_its_blocks():
    tokens = MarkdownIt("commonmark").parse("\n\nfirst line\nsecond *line*\n")
    tree = SyntaxTreeNode(tokens)
    paragraph = tree.children[0]
    emphasis = paragraph.children[0].children[-1]
    assert emphasis.type == "em"
    # maps are 0-based here; myst makes them 1-based before rendering
    assert token_line_of(emphasis) == 2
