"""The ``:::`` grammar: markdown-it rules, attribute checks and moniker ranges (no Sphinx).

The block rule makes ``dfm_<name>_open``/``_close`` containers and self-closing
``dfm_colon_<name>`` tokens; the inline rule ``dfm_image_inline`` and ``dfm_noloc``; a
line DocFX would reject becomes ``dfm_colon_invalid`` (``_inline``) with the reason in
``meta["why"]``. Every valid token carries its attributes in ``meta["attrs"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lines import line_offset_at
from ..rules import add_block_rule

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline

_OPEN_RE = re.compile(r"^(?P<colons>:{3,})[ \t]*(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<rest>.*)$")
_ATTR_RE = re.compile(r'[ \t]*(?P<key>[A-Za-z][\w-]*)[ \t]*=[ \t]*"(?P<value>(?:\\.|[^"\\])*)"')
_PIVOT_RE = re.compile(r"^[a-z0-9-]+$")


@dataclass(frozen=True)
class Extension:
    """What DocFX accepts for one ``:::`` extension."""

    attributes: frozenset[str]
    required: frozenset[str] = frozenset()
    #: ``container``: ends at ``::: <name>-end``; ``block``: one self-closing line;
    #: ``inline``: parsed inside paragraphs
    kind: str = "container"


EXTENSIONS: dict[str, Extension] = {
    "zone": Extension(frozenset({"target", "pivot"})),
    "moniker": Extension(frozenset({"range"}), frozenset({"range"})),
    "row": Extension(frozenset()),
    "column": Extension(frozenset({"span"})),
    "code": Extension(
        frozenset({"language", "source", "range", "highlight", "id", "interactive", "title"}),
        frozenset({"source"}),
        "block",
    ),
    "video": Extension(
        frozenset({"source", "title", "max-width", "thumbnail", "upload-date", "duration", "type"}),
        frozenset({"source"}),
        "block",
    ),
    "image": Extension(
        frozenset({"type", "source", "alt-text", "border", "lightbox", "link", "loc-scope"}),
        frozenset({"source"}),
        "inline",
    ),
    "no-loc": Extension(frozenset({"text"}), frozenset({"text"}), "inline"),
    "form": Extension(
        frozenset({"model", "action", "submittext"}), frozenset({"action", "submittext"}), "block"
    ),
}
#: containers whose content may be indented as a whole (DocFX dedents columns); a zone's
#: or a moniker's indented lines stay indented code, as in DocFX (MonikerRangeWithCodeIndent)
_DEDENTED = frozenset({"row", "column", "image"})


def parse_attributes(text: str, ext: Extension) -> tuple[dict[str, str] | None, str]:
    """``a="x" b="y"`` → ({"a": "x", …}, ""), or (None, why) when DocFX would reject it."""
    attrs: dict[str, str] = {}
    pos = 0
    for m in _ATTR_RE.finditer(text):
        if text[pos : m.start()].strip():
            break
        key = m.group("key").lower()
        if key not in ext.attributes:
            return None, f"unknown attribute {key!r}"
        if key in attrs:
            return None, f"duplicate attribute {key!r}"
        attrs[key] = m.group("value").replace('\\"', '"')
        pos = m.end()
    if text[pos:].strip():
        return None, f"cannot read {text[pos:].strip()!r} (values must be double-quoted)"
    missing = sorted(ext.required - set(attrs))
    if missing:
        return None, f"missing required attribute {missing[0]!r}"
    return attrs, ""


def _split_line(line: str) -> tuple[str, str, bool] | None:
    """``:::name attrs:::`` → (name, attrs, self-closed); None when not a ``:::`` line."""
    m = _OPEN_RE.match(line.strip())
    if m is None:
        return None
    rest = m.group("rest").rstrip()
    closed = rest.endswith(":::")
    if closed:
        rest = rest[:-3].rstrip(":").rstrip()
    return m.group("name").lower(), rest, closed


# --- block rule ------------------------------------------------------------------------------


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _find_end(state: StateBlock, start: int, end: int, name: str) -> int | None:
    """The line of the matching ``::: <name>-end`` (nested openers of the same name counted)."""
    depth = 0
    for line in range(start + 1, end):
        if (
            state.sCount[line] < state.blkIndent
            and state.bMarks[line] + state.tShift[line] < state.eMarks[line]
        ):
            return None
        parts = _split_line(_line(state, line))
        if parts is None:
            continue
        found, rest, _closed = parts
        if found == f"{name}-end" and not rest.strip(": \t"):
            if depth == 0:
                return line
            depth -= 1
        elif found == name and (name != "image" or 'type="complex"' in rest):
            depth += 1
    return None


def _push_invalid(state: StateBlock, start: int, line: str, why: str) -> bool:
    token = state.push("dfm_colon_invalid", "", 0)
    token.map = [start, start + 1]
    token.content = line
    token.meta = {"why": why}
    state.line = start + 1
    return True


def colon_block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    line = _line(state, start)
    if not line.startswith(":::"):
        return False
    parts = _split_line(line)
    if parts is None:
        return False
    name, rest, closed = parts
    colon_fence = bool(state.md.options.get("superoffice_colon_fence"))
    ext = EXTENSIONS.get(name)
    if ext is None:
        if colon_fence:
            return False  # leave it to myst's colon_fence
        if silent:
            return False
        base = name.removesuffix("-end")
        why = (
            f"'::: {name}' without an open '::: {base}'"
            if name.endswith("-end") and base in EXTENSIONS
            else f"unknown ':::' extension {name!r}"
        )
        return _push_invalid(state, start, line, why)
    attrs, why = parse_attributes(rest, ext)
    if (
        attrs is not None
        and name == "image"
        and attrs.get("type") != "icon"
        and "alt-text" not in attrs
    ):
        attrs, why = None, "missing required attribute 'alt-text'"
    if attrs is not None and name == "zone":
        why = _zone_error(attrs)
        if why:
            attrs = None
    if attrs is None:
        if silent:
            return False
        return _push_invalid(state, start, line, f"invalid ':::{name}': {why}")
    complex_image = name == "image" and attrs.get("type") == "complex"
    if ext.kind == "inline" and not complex_image:
        return False  # a paragraph; the inline rule renders it
    if ext.kind == "block":
        if silent:
            return True
        if not closed:
            return _push_invalid(state, start, line, f"':::{name}' must end with ':::'")
        token = state.push(f"dfm_colon_{name}", "", 0)
        token.map = [start, start + 1]
        token.meta = {"attrs": attrs}
        token.content = line
        state.line = start + 1
        return True
    if silent:
        return True

    # a container
    end_line = _find_end(state, start, end, name)
    stop = end if end_line is None else end_line
    indents = [
        state.sCount[li]
        for li in range(start + 1, stop)
        if state.bMarks[li] + state.tShift[li] < state.eMarks[li]
    ]
    old = (state.parentType, state.lineMax, state.blkIndent)
    token = state.push(f"dfm_{'image_complex' if complex_image else name}_open", "div", 1)
    token.map = [start, stop + 1 if end_line is not None else stop]
    token.meta = {"attrs": attrs, "unclosed": end_line is None, "name": name}
    token.content = line
    state.parentType = "dfm_colon"
    state.lineMax = stop
    if name in _DEDENTED:
        state.blkIndent = max(state.blkIndent, min(indents, default=state.blkIndent))
    state.md.block.tokenize(state, start + 1, stop)
    state.parentType, state.lineMax, state.blkIndent = old
    state.push(f"dfm_{'image_complex' if complex_image else name}_close", "div", -1)
    state.line = stop + 1 if end_line is not None else stop
    return True


def _zone_error(attrs: dict[str, str]) -> str:
    if "pivot" not in attrs and "target" not in attrs:
        return "a zone needs 'pivot' or 'target'"
    if "pivot" in attrs:
        pivots = [p.strip() for p in attrs["pivot"].split(",")]
        bad = [p for p in pivots if not _PIVOT_RE.match(p)]
        if bad:
            return f"pivot {bad[0]!r} is not lower-case letters, digits and '-'"
        if attrs.get("target") == "pdf":
            return "a 'pdf' target zone cannot have a pivot"
    if "target" in attrs and attrs["target"] not in ("docs", "chromeless", "pdf"):
        return f"target {attrs['target']!r} is not docs, chromeless or pdf"
    return ""


# --- inline rule -----------------------------------------------------------------------------


def colon_inline_rule(state: StateInline, silent: bool) -> bool:
    """``:::image …:::`` (not complex) and ``:::no-loc text="…":::`` inside running text."""
    src, pos = state.src, state.pos
    if not src.startswith(":::", pos):
        return False
    m = re.compile(r":::[ \t]*(image|no-loc)\b((?:[^:\n\"]|\"(?:\\.|[^\"\\\n])*\")*):::").match(
        src, pos
    )
    if m is None:
        return False
    name = m.group(1).lower()
    attrs, why = parse_attributes(m.group(2), EXTENSIONS[name])
    if attrs is not None and name == "image":
        kind = attrs.get("type", "content")
        if kind not in ("content", "icon"):
            attrs, why = None, f"inline image type {kind!r}"
        elif kind != "icon" and "alt-text" not in attrs:
            attrs, why = None, "missing required attribute 'alt-text'"
    if not silent:
        if attrs is None:
            token = state.push("dfm_colon_invalid_inline", "", 0)
            token.content = m.group(0)
            token.meta = {"why": f"invalid ':::{name}': {why}"}
        else:
            token = state.push("dfm_noloc" if name == "no-loc" else "dfm_image_inline", "", 0)
            token.content = m.group(0)
            token.meta = {"attrs": attrs}
        token.meta["line_offset"] = line_offset_at(state, pos)
    state.pos = m.end()
    return True


def colons_plugin(md: MarkdownIt) -> None:
    names = [rule.name for rule in md.block.ruler.__rules__]
    md.options["superoffice_colon_fence"] = "colon_fence" in names
    before = "colon_fence" if "colon_fence" in names else "fence"
    add_block_rule(md, "dfm_colon", colon_block_rule, before)
    md.inline.ruler.before("link", "dfm_colon_inline", colon_inline_rule)


# --- moniker ranges ------------------------------------------------------------------------

_COMPARE_RE = re.compile(r"(?P<op><=|>=|<|>|=)?\s*(?P<name>[A-Za-z0-9][\w.\-]*)")


def moniker_in_range(expr: str, current: str, monikers: list[str]) -> bool | None:
    """Evaluate ``>= a || = b`` (space = and) for ``current``; None if it cannot be evaluated."""
    order = {m.lower(): i for i, m in enumerate(monikers)}
    cur = current.lower()
    for alternative in expr.split("||"):
        ok = True
        conditions = list(_COMPARE_RE.finditer(alternative))
        rest = _COMPARE_RE.sub("", alternative).strip()
        if not conditions or rest:
            return None
        for cond in conditions:
            op, name = cond.group("op") or "=", cond.group("name").lower()
            if op == "=":
                ok = ok and name == cur
                continue
            if name not in order or cur not in order:
                return None
            a, b = order[cur], order[name]
            ok = ok and {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
        if ok:
            return True
    return False
