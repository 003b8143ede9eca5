"""``:smile:`` → 😄: Markdig's emoji shortcodes, which DocFX turns on (dfm-spec §11).

An inline rule (``dfm_emoji``) looks the name up in the ``emoji`` package's GitHub alias
table and pushes the Unicode character as text: no image, nothing fetched from another
host. A name the table does not know stays text, as in Markdig. Unlike Markdig, a
shortcode between two letters or digits is text too: ``"h:m:s"`` is a time format, not
``h`` Ⓜ️ ``s``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

_SHORTCODE_RE = re.compile(r":([a-z0-9_+-]{1,60}):")


@lru_cache(maxsize=1024)
def shortcode(name: str) -> str | None:
    """The emoji of a GitHub shortcode name (``smile``, ``+1``), or None.

    The ``emoji`` package is imported by the first page with a ``:name:`` text: its
    tables take 8.6 MiB, which a process that reads no such page (the main process of
    a parallel build) does not need."""
    import emoji

    text = f":{name}:"
    found = emoji.emojize(text, language="alias")
    return None if found == text else found


def emoji_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != ":":
        return False
    src, pos = state.src, state.pos
    m = _SHORTCODE_RE.match(src, pos, state.posMax)
    if not m:
        return False
    if pos > 0 and src[pos - 1].isalnum() and m.end() < len(src) and src[m.end()].isalnum():
        return False
    char = shortcode(m.group(1))
    if char is None:
        return False
    if not silent:
        token = state.push("text", "", 0)
        token.content = char
    state.pos = m.end()
    return True


def emoji_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.push("dfm_emoji", emoji_rule)
