"""DocFX syntax that stays text: say so, instead of showing it to readers unannounced.

DocFX renders a statement it cannot parse (``[!include[a](b.md) ]`` with a space, an
alert marker outside a quote) as plain text. We do the same, but add one warning at the
line, because that text is almost always an authoring mistake. Escaped statements
(``\\[!include…``) are left alone: the escape is markdown-it's own ``text_special``
token, which this rule runs before ``text_join`` merges away.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.token import Token

from ..warnings_ import SoWarning
from .contract import warn_at

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.tree import SyntaxTreeNode

    from .contract import Renderer, TokenRenderer

_LEFTOVER_RE = re.compile(r"\[!(include|video|div|code-[\w-]+)\b|\[!([A-Za-z]+)\]", re.IGNORECASE)


def leftovers_rule(state: StateCore) -> None:
    types: set[str] = state.md.options.get("superoffice_alert_types", set())
    for block in state.tokens:
        if block.type != "inline" or not block.children or "[!" not in block.content:
            continue
        content = block.content
        # where the search in the paragraph's source goes on from, and the line there:
        # each occurrence is found after the previous one (its own line), in one pass
        cursor = lines = 0
        absent: set[str] = set()  # not in the source after the cursor (so never again)
        children: list[Token] = []
        for child in block.children:
            if child.type == "text" and "[!" in child.content:
                # the text as written, if it is (no typographer replacement changed it)
                base = content.find(child.content, cursor)
                for m in _LEFTOVER_RE.finditer(child.content):
                    if m.group(2) and m.group(2).upper() not in types:
                        continue  # [!something] that DocFX does not know either
                    found = base + m.start() if base >= 0 else _find(content, m, cursor, absent)
                    if found >= cursor:
                        lines += content.count("\n", cursor, found)
                        cursor = found + len(m.group(0))
                    warning = Token("dfm_leftover", "", 0)
                    warning.content = m.group(0)
                    warning.meta = {"line_offset": lines}
                    children.append(warning)
            children.append(child)
        block.children = children


def _find(content: str, m: re.Match[str], cursor: int, absent: set[str]) -> int:
    text = m.group(0)
    found = -1 if text in absent else content.find(text, cursor)
    if found < 0:
        absent.add(text)
    return found


def leftovers_plugin(md: MarkdownIt) -> None:
    md.core.ruler.before("text_join", "dfm_leftovers", leftovers_rule)


def render_leftover(renderer: Renderer, token: SyntaxTreeNode) -> None:
    warn_at(
        renderer,
        f"{token.content!r} is not valid DocFX syntax here and is shown as text",
        SoWarning.SYNTAX,
        token,
        line_offset=int(token.meta.get("line_offset", 0)),
    )


RENDERERS: dict[str, TokenRenderer] = {"dfm_leftover": render_leftover}
