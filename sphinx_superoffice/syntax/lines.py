"""Where inline tokens are: their line within their paragraph, counted once.

Inline tokens have no ``map``; their line is the paragraph's first line plus the line
breaks before them. Counting them per token (walking the paragraph up to it, or
``src.count("\\n", 0, pos)`` in a rule) is quadratic in a paragraph of many links or
statements, so both counts are made once per paragraph:

- :func:`line_offset_at`, for an inline rule recording ``meta["line_offset"]``: the
  newlines of the source before a position, counted on from the previous call;
- :func:`token_lines_rule`, a core rule: the soft and hard breaks before each
  non-text token, as ``meta["breaks_before"]`` (absent: none), read by
  :func:`breaks_before`.

Pure: markdown-it only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline

#: markdown-it's ``state.cache`` maps positions (never negative) to positions; these
#: negative keys keep a paragraph's last newline count, so counting moves forward only
_COUNTED_POS, _COUNTED_LINES = -201, -202
#: the key of the breaks before a token
BREAKS = "breaks_before"
_BREAK_TYPES = frozenset({"softbreak", "hardbreak"})


def line_offset_at(state: StateInline, pos: int) -> int:
    """The newlines in the paragraph's source before ``pos``, counted on from the
    previous call: linear in the paragraph however many statements it holds."""
    cache = state.cache
    start, lines = cache.get(_COUNTED_POS, 0), cache.get(_COUNTED_LINES, 0)
    if pos < start:
        start, lines = 0, 0
    lines += state.src.count("\n", start, pos)
    cache[_COUNTED_POS], cache[_COUNTED_LINES] = pos, lines
    return lines


def token_lines_rule(state: StateCore) -> None:
    """Record the line breaks before each non-text inline token, one pass per paragraph."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        breaks = 0
        for child in block.children:
            if child.type in _BREAK_TYPES:
                breaks += 1
            elif breaks and child.type != "text":
                child.meta[BREAKS] = breaks


def breaks_before(token: Any) -> int:
    """The soft and hard breaks before an inline token (or its syntax-tree node) in its
    paragraph, as :func:`token_lines_rule` recorded them."""
    return int(token.meta.get(BREAKS, 0))


def token_lines_plugin(md: MarkdownIt) -> None:
    """Count token lines last, after every rule that adds or moves inline tokens."""
    md.core.ruler.push("dfm_token_lines", token_lines_rule)
