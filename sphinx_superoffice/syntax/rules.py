"""markdown-it helpers shared by the syntax modules' rules (pure: no Sphinx)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

#: the blocks a DocFX block statement may interrupt (it may start a line anywhere)
BLOCK_ALT = ("paragraph", "reference", "blockquote", "list")


def add_block_rule(md: MarkdownIt, name: str, rule: Any, before: str = "paragraph") -> None:
    """Add a block rule that may interrupt paragraphs, references, quotes and lists."""
    md.block.ruler.before(before, name, rule, {"alt": list(BLOCK_ALT)})


def statement_on_line(
    state: StateBlock, start: int, prefix: str, pattern: re.Pattern[str]
) -> re.Match[str] | None:
    """The match of ``pattern`` when line ``start`` holds that statement and nothing else
    (not indented code; ``prefix``, lower-case, is checked first as a cheap filter)."""
    if state.sCount[start] - state.blkIndent >= 4:
        return None
    pos = state.bMarks[start] + state.tShift[start]
    line = state.src[pos : state.eMarks[start]]
    if line[: len(prefix)].lower() != prefix:
        return None
    m = pattern.match(line)
    if not m or line[m.end() :].strip(" \t"):
        return None
    return m


def push_statement(
    state: StateBlock, start: int, m: re.Match[str], kind: str, meta: dict[str, Any], tag: str = ""
) -> Token:
    """Push the token of a one-line statement (its text and meta) and move past the line."""
    token = state.push(kind, tag, 0)
    token.map = [start, start + 1]
    token.content = m.group(0)
    token.meta = meta
    state.line = start + 1
    return token


def statement_rule(
    kind: str,
    prefix: str,
    pattern: re.Pattern[str],
    meta_of: Callable[[re.Match[str]], dict[str, Any]],
    tag: str = "",
) -> Callable[[StateBlock, int, int, bool], bool]:
    """A block rule for a statement alone on its line: a ``kind`` token with
    ``meta_of(match)`` as its meta."""

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        m = statement_on_line(state, start, prefix, pattern)
        if m is None:
            return False
        if not silent:
            push_statement(state, start, m, kind, meta_of(m), tag)
        return True

    rule.__doc__ = f"``{prefix}…`` alone on its line -> a ``{kind}`` token."
    return rule
