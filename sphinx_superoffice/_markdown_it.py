"""Every use of markdown-it-py's private API, in one place, with the reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def rule_of(ruler: Any, name: str) -> tuple[Callable[..., Any], list[str]]:
    """The function of the rule ``name`` of a ruler (``md.block.ruler``…) and the rules
    it may interrupt (``alt``).

    A rule that wraps a built-in one (our ``blockquote``, which splits DocFX alerts out
    of the real quote) needs the original function; ``Ruler`` keeps it in the private
    ``__rules__`` list and offers no getter.
    """
    rule = ruler.__rules__[ruler.__find__(name)]
    return rule.fn, list(rule.alt)
