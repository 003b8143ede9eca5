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
        children: list[Token] = []
        for child in block.children:
            if child.type == "text" and "[!" in child.content:
                for m in _LEFTOVER_RE.finditer(child.content):
                    if m.group(2) and m.group(2).upper() not in types:
                        continue  # [!something] that DocFX does not know either
                    warning = Token("dfm_leftover", "", 0)
                    warning.content = m.group(0)
                    warning.meta = {"line_offset": block.content.count("\n", 0, _find(block, m))}
                    children.append(warning)
            children.append(child)
        block.children = children


def _find(block: Token, m: re.Match[str]) -> int:
    index = block.content.find(m.group(0))
    return max(index, 0)


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
