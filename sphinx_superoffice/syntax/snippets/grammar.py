"""The markdown-it rule of ``[!code-<lang>[name](path?query#fragment "title")]``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..rules import add_block_rule, statement_rule

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

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


def _snippet_meta(m: re.Match[str]) -> dict[str, Any]:
    path, query, fragment = split_target(m.group("path"))
    return {
        "language": m.group("lang") or "",
        "name": m.group("name"),
        "title": m.group("title") or "",
        "path": path,
        "query": query,
        "fragment": fragment,
    }


#: ``[!code-lang[name](path)]``, alone on its line.
snippet_block_rule = statement_rule("dfm_snippet", "[!code", SNIPPET_RE, _snippet_meta, "code")


def snippets_plugin(md: MarkdownIt) -> None:
    add_block_rule(md, "dfm_snippet", snippet_block_rule)
