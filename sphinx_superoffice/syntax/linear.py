"""Inline rules that keep a paragraph's parse linear in its length.

markdown-it tries every inline rule at every position where plain text stops. Two
of those rules look at the whole rest of the paragraph each time, so a paragraph of
n such positions took n² steps (100,000 ``[!include[`` on one line: minutes):

- the link rules look for the ``]`` that closes a ``[``. A ``[`` that no ``]``
  follows is text (:func:`unclosed_bracket_rule` says so at once; no rule can start
  there, so nothing else changes);
- myst's role rule (``{name}`content```) copies the rest of the paragraph before it
  matches its start. :func:`guard_myst_role` runs it only where a role can start.

Pure: markdown-it only.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .._markdown_it import rule_of

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

#: ``state.cache`` keys are positions (never negative): the paragraph's last ``]``
_LAST_CLOSE = -301
#: where a myst role can start: ``{name}`` and a backtick (mdit-py-plugins' own test)
_ROLE_START = re.compile(r"\{[a-zA-Z0-9_\-+:]+\}`")


def unclosed_bracket_rule(state: StateInline, silent: bool) -> bool:
    """A ``[`` that no ``]`` follows in its paragraph is text."""
    if state.src[state.pos] != "[":
        return False
    last = state.cache.get(_LAST_CLOSE)
    if last is None:
        last = state.cache[_LAST_CLOSE] = state.src.rfind("]")
    if state.pos < last:
        return False
    if not silent:
        state.append_pending("[")
    state.pos += 1
    return True


def guard_myst_role(md: MarkdownIt) -> None:
    """Run myst's role rule only where ``{name}``` `` starts (it copies the rest of the
    paragraph first, wherever it is tried)."""
    if "myst_role" not in md.inline.ruler.get_all_rules():
        return
    role, alt = rule_of(md.inline.ruler, "myst_role")

    def myst_role(state: StateInline, silent: bool) -> bool:
        if _ROLE_START.match(state.src, state.pos) is None:
            return False
        return bool(role(state, silent))

    md.inline.ruler.at("myst_role", myst_role, {"alt": alt})


def linear_plugin(md: MarkdownIt) -> None:
    guard_myst_role(md)
    first = "myst_role" if "myst_role" in md.inline.ruler.get_all_rules() else "link"
    md.inline.ruler.before(first, "dfm_unclosed_bracket", unclosed_bracket_rule)
