"""File inclusion: ``[!include[title](path)]`` with DocFX v2 semantics (dfm-spec §2).

- A *block* include stands alone on its line, wherever a block may start (list
  items, block quotes, alerts); an *inline* include sits in running text and is
  parsed inline-only.
- Paths resolve against the file holding the statement (so nested includes
  resolve against the included file), ``~/`` means the docset root, and URLs,
  absolute paths and paths outside the root are refused without being read.
- The included file is rendered as a document of its own: its front matter is
  dropped, its reference-link definitions stay inside it, and its relative links
  and images are rebased onto the including page.
- Every include is a dependency of the page, so editing it re-reads its includers.
- Expansion is bounded: includes nest at most ``superoffice_include_depth`` levels, a
  page renders at most ``superoffice_include_limit`` of them in all (six files each
  including the next ten times would be 10⁵), and an include is never started without
  room on Python's stack; each bound gives one ``superoffice.include_limit`` warning
  with the chain of includes.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import project_root
from ..translation import remember_references
from ..warnings_ import SoWarning
from .contract import token_line_of
from .lines import line_offset_at
from .paths import read_statement_file, resolve_statement_file
from .rules import add_block_rule, statement_rule

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.tree import SyntaxTreeNode

    from .contract import Renderer, TokenRenderer

#: ``[!include[title](path "ignored title")]``: keyword case-insensitive, optional legacy
#: ``+``/``-``, spaces before ``[title]``, ``<path with spaces>``, ``\`` escapes.
INCLUDE_RE = re.compile(
    r"""\[!include[+-]?[ \t]*
        \[(?P<title>(?:\\.|[^\\\]\n])*)\]
        \([ \t]*(?P<path><[^>\n]*>|(?:\\.|[^\s()\\])+)
        (?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?[ \t]*\)
        \]""",
    re.IGNORECASE | re.VERBOSE,
)
#: the same without the ``<path>`` form (for a ``<`` that is never closed)
_PLAIN_PATH_RE = re.compile(INCLUDE_RE.pattern.replace("<[^>\\n]*>|", ""), re.I | re.X)
_ESCAPE_RE = re.compile(r"\\(.)")
#: what an inline include starts with, and its title (up to the ``]`` that ends it)
_HEAD_RE = re.compile(r"\[!include[+-]?[ \t]*\[", re.IGNORECASE)
_TITLE_RE = re.compile(r"(?:\\.|[^\\\]\n])*")
#: ``state.cache`` keys (positions are never negative): where the last title, and the
#: last ``<path``, that ran to the end of its line without closing ended
_OPEN_TITLE, _OPEN_ANGLE = -101, -102


def _clean_path(raw: str) -> str:
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    return _ESCAPE_RE.sub(r"\1", raw).strip()


#: A block include: ``[!include[…](…)]`` and nothing else on the line.
include_block_rule = statement_rule(
    "dfm_include",
    "[!include",
    INCLUDE_RE,
    lambda m: {"title": m.group("title"), "path": _clean_path(m.group("path"))},
)


def _pattern_at(state: StateInline, pos: int) -> re.Pattern[str] | None:
    """The pattern to match the statement at ``pos`` with: None when its title runs to
    the end of its line unclosed, the pattern without ``<path>`` when that does.

    Remembered per paragraph, so that a line of n unclosed statements is read once, not
    n times: every later title (or ``<path``) on that line runs into the same end.
    """
    src, cache = state.src, state.cache
    head = _HEAD_RE.match(src, pos)
    if head is None:
        return None
    start = head.end()
    if start < cache.get(_OPEN_TITLE, -1):
        return None
    end = _TITLE_RE.match(src, start).end()  # type: ignore[union-attr]
    if not src.startswith("]", end):
        cache[_OPEN_TITLE] = end
        return None
    angle = end + 2
    while src.startswith((" ", "\t"), angle):
        angle += 1
    if not src.startswith("](", end) or not src.startswith("<", angle):
        return INCLUDE_RE
    if angle < cache.get(_OPEN_ANGLE, -1):
        return _PLAIN_PATH_RE
    eol = src.find("\n", angle)
    eol = len(src) if eol < 0 else eol
    if src.find(">", angle, eol) < 0:
        cache[_OPEN_ANGLE] = eol
        return _PLAIN_PATH_RE
    return INCLUDE_RE


def include_inline_rule(state: StateInline, silent: bool) -> bool:
    """An inline include, inside running text."""
    src = state.src
    pos = state.pos
    if not src.startswith("[!", pos) or src[pos + 2 : pos + 9].lower() != "include":
        return False
    pattern = _pattern_at(state, pos)
    m = pattern.match(src, pos) if pattern is not None else None
    if not m:
        return False
    if not silent:
        token = state.push("dfm_include_inline", "", 0)
        token.meta = {"title": m.group("title"), "path": _clean_path(m.group("path"))}
        token.content = m.group(0)
        # the line of the statement, counted from the paragraph's first line
        token.meta["line_offset"] = line_offset_at(state, pos)
    state.pos = m.end()
    return True


def includes_plugin(md: MarkdownIt) -> None:
    add_block_rule(md, "dfm_include", include_block_rule)
    md.inline.ruler.before("link", "dfm_include_inline", include_inline_rule)


# --- resolution --------------------------------------------------------------------------


@dataclass
class IncludeCount:
    """Per page: how many includes were rendered, and whether the limit was reported."""

    renders: int = 0
    warned: bool = False


#: frames an include must find free on Python's stack: its own nested parse and render
#: (markdown-it nests at most 20 blocks deep) and the later walks of the doctree
STACK_HEADROOM = 300


def stack_depth() -> int:
    """How many frames are on the stack now (found in a few look-ups, not a walk)."""
    low, high = 0, 64
    while True:
        try:
            sys._getframe(high)
        except ValueError:
            break
        low, high = high, high * 2
    while low + 1 < high:  # frame ``low`` exists, ``high`` does not
        middle = (low + high) // 2
        try:
            sys._getframe(middle)
        except ValueError:
            high = middle
        else:
            low = middle
    return low + 1


#: recursion levels ``pickle`` spends per level of a doctree (node, its ``__dict__``, the
#: ``children`` list): Sphinx pickles every doctree, and on Python 3.11 that recursion
#: counts against the same limit as Python calls
PICKLE_FRAMES_PER_LEVEL = 4


def _tree_depth(node: Any) -> int:
    """How deep ``node`` sits in its doctree (the included content goes below it)."""
    depth = 0
    while node is not None:
        depth += 1
        node = node.parent
    return depth


def _within_bounds(renderer: Renderer, location: str) -> bool:
    """Whether one more include may be rendered here; warns once when not."""
    config = renderer.sphinx_env.config
    stack = renderer.include_stack
    count = renderer.page_slot(IncludeCount)
    problem = None
    if len(stack) > config.superoffice_include_depth:
        problem = (
            f"includes nest deeper than {config.superoffice_include_depth} levels "
            "(superoffice_include_depth); not included"
        )
    elif count.renders >= config.superoffice_include_limit:
        if count.warned:
            return False
        count.warned = True
        problem = (
            f"this page renders more than {config.superoffice_include_limit} includes "
            "(superoffice_include_limit); this and its later includes are left out"
        )
    elif (
        sys.getrecursionlimit() - stack_depth() < STACK_HEADROOM
        or _tree_depth(renderer.current_node) * PICKLE_FRAMES_PER_LEVEL
        > sys.getrecursionlimit() - STACK_HEADROOM
    ):
        problem = "includes nest too deeply for Python's recursion limit; not included"
    if problem is None:
        count.renders += 1
        return True
    root = project_root(renderer.sphinx_env)
    chain = " --> ".join(_display(p, root) for p in stack)
    renderer.so_warning(f"{problem}: {chain}", SoWarning.INCLUDE_LIMIT, location)
    return False


def resolve_include(renderer: Renderer, path: str, line: int) -> Path | None:
    """The file an include statement names, or None (after one warning) if refused/missing."""
    location = f"{renderer.current_source_path()}:{line}"
    if not _within_bounds(renderer, location):
        return None
    target = resolve_statement_file(
        renderer,
        path,
        location,
        noun="include",
        refused=SoWarning.INCLUDE_REFUSED,
        missing=SoWarning.INCLUDE_MISSING,
    )
    if target is None:
        return None
    root = project_root(renderer.sphinx_env)
    stack = renderer.include_stack
    if target in stack:
        chain = " --> ".join(_display(p, root) for p in [*stack, target])
        renderer.so_warning(
            f"circular include: {chain}; not included again",
            SoWarning.INCLUDE_CYCLE,
            location,
        )
        return None
    return target


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _read(renderer: Renderer, target: Path, location: str) -> str | None:
    return read_statement_file(
        renderer, target, location, noun="include file", unreadable=SoWarning.INCLUDE_MISSING
    )


def strip_front_matter(text: str) -> tuple[str, int]:
    """Drop a leading ``---`` YAML block; return the body and how many lines were dropped."""
    if not text.startswith("---"):
        return text, 0
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return text, 0
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[i + 1 :]), i + 1
    return text, 0


@contextmanager
def included_file(renderer: Renderer, target: Path) -> Iterator[None]:
    """Render as if inside ``target``: its source/lines for warnings, its own link scope."""
    document = renderer.document
    reporter = renderer.reporter
    saved_source, saved_rsource = document["source"], reporter.source
    saved_line_func = getattr(reporter, "get_source_and_line", None)
    saved_env = renderer.md_env
    page_dir = renderer.page_source_path().parent
    renderer.include_stack.append(target)
    try:
        document["source"] = str(target)
        reporter.source = str(target)
        reporter.get_source_and_line = lambda li: (str(target), li)
        # a document of its own: reference definitions do not cross the boundary,
        # and relative links/images are rebased from the included file to the page
        renderer.md_env = {
            "relative-images": os.path.relpath(target.parent, page_dir),
            "relative-docs": ("", str(page_dir), str(target.parent)),
        }
        yield
        # for translated re-parses of the page's messages
        remember_references(
            renderer.sphinx_env, renderer.page_source_path(), renderer.md_env, include=True
        )
    finally:
        renderer.include_stack.pop()
        renderer.md_env = saved_env
        document["source"], reporter.source = saved_source, saved_rsource
        if saved_line_func is not None:
            reporter.get_source_and_line = saved_line_func
        else:
            del reporter.get_source_and_line


def _include_source(
    renderer: Renderer, token: SyntaxTreeNode, line: int
) -> tuple[Path, str] | None:
    """The file an include token names and its text, or None after one warning."""
    target = resolve_include(renderer, str(token.meta["path"]), line)
    if target is None:
        return None
    text = _read(renderer, target, f"{renderer.current_source_path()}:{line}")
    return None if text is None else (target, text)


def render_include(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``dfm_include`` → the included file's blocks, in place."""
    found = _include_source(renderer, token, token_line_of(token))
    if found is None:
        return
    target, text = found
    with included_file(renderer, target):
        # front matter is dropped by nested_render_text; lines stay those of the file
        renderer.nested_render_text(text, 0)


def render_include_inline(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``dfm_include_inline`` → the included file parsed inline-only (no block syntax)."""
    line = token_line_of(token) + int(token.meta.get("line_offset", 0))
    found = _include_source(renderer, token, line)
    if found is None:
        return
    target, text = found
    body, skipped = strip_front_matter(text)
    # DocFX's inline-only pipeline concatenates paragraphs; blank lines become spaces
    body = " ".join(part.strip() for part in body.strip().split("\n\n") if part.strip())
    with included_file(renderer, target):
        renderer.nested_render_text(body, skipped, inline=True)


RENDERERS: dict[str, TokenRenderer] = {
    "dfm_include": render_include,
    "dfm_include_inline": render_include_inline,
}
