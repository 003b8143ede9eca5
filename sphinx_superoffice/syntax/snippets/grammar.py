"""The markdown-it rule of ``[!code-<lang>[name](path?query#fragment "title")]``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

#: ``[!code-lang[name](path "title")]``; the path may hold balanced parentheses.
SNIPPET_RE = re.compile(
    r"""\[!code(?:-(?P<lang>[^\[\]\s]*))?[ \t]*
        \[(?P<name>(?:\\.|[^\\\]\n])*)\]
        \([ \t]*(?P<path><[^>\n]*>|(?:\\.|\([^()\s]*\)|[^\s()\\"])+)
        (?:[ \t]+"(?P<title>[^"\n]*)")?[ \t]*\)
        \]""",
    re.IGNORECASE | re.VERBOSE,
)


def split_target(raw: str) -> tuple[str, str, str]:
    """``path?query#fragment`` → (path, query, fragment)."""
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    raw = re.sub(r"\\(.)", r"\1", raw).strip()
    path, _h, fragment = raw.partition("#")
    path, _q, query = path.partition("?")
    return path, query, fragment


def snippet_block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """``[!code-lang[name](path)]``, alone on its line."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start] + state.tShift[start]
    line = state.src[pos : state.eMarks[start]]
    if line[:6].lower() != "[!code":
        return False
    m = SNIPPET_RE.match(line)
    if not m or line[m.end() :].strip(" \t"):
        return False
    if silent:
        return True
    path, query, fragment = split_target(m.group("path"))
    token = state.push("dfm_snippet", "code", 0)
    token.map = [start, start + 1]
    token.content = m.group(0)
    token.meta = {
        "language": m.group("lang") or "",
        "name": m.group("name"),
        "title": m.group("title") or "",
        "path": path,
        "query": query,
        "fragment": fragment,
    }
    state.line = start + 1
    return True


def snippets_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before(
        "paragraph",
        "dfm_snippet",
        snippet_block_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
