"""Reading ManagedReference files: Norway-safe, with lines, tolerant of stray bytes. Pure.

PyYAML refuses a stream with a control character (a DEL byte pasted into a summary is
enough). :func:`clean_text` removes them (keeping every line number) and says where
the first one was, so the page is read and the author told. A file that still is no
YAML, or no ManagedReference page, gives :class:`~.model.MrefError` with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..yamlfast import load_block_yaml
from ..yamlread import load_yaml, yaml_mime
from .model import MREF_MIME, Item, MrefError, MrefPage, is_toc, parse_item, parse_page

#: what YAML refuses in a stream (its printable set, minus tab, LF and CR)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def clean_text(text: str) -> tuple[str, int, int]:
    """``text`` without the control characters YAML refuses, their count, and the line
    of the first (0 if none). Newlines are kept, so every line number stays right."""
    first = _CONTROL.search(text)
    if first is None:
        return text, 0, 0
    line = text.count("\n", 0, first.start()) + 1
    cleaned, count = _CONTROL.subn("", text)
    return cleaned, count, line


@dataclass
class ReadResult:
    """A file read: its page (None for a toc), and what was wrong but survivable."""

    page: MrefPage | None
    #: (message, line) of problems that did not stop the read
    notes: list[tuple[str, int]]


def read_page(text: str) -> ReadResult:
    """Read a ManagedReference file's text.

    Raises :class:`MrefError` (with the line) for malformed YAML, a YAML bomb, or a
    mapping without items; a toc with the ManagedReference header gives ``page=None``.
    """
    notes: list[tuple[str, int]] = []
    if yaml_mime(text) != MREF_MIME:
        raise MrefError(f"not a ManagedReference file (YamlMime {yaml_mime(text)!r})", 1)
    text, count, line = clean_text(text)
    if count:
        plural = "s" if count > 1 else ""
        notes.append((f"{count} control character{plural} removed (YAML refuses them)", line))
    try:
        data = _load(text)
    except Exception as exc:  # yaml.YAMLError, YamlRefused
        mark = getattr(exc, "problem_mark", None)
        where = int(getattr(exc, "line", 0) or (mark.line + 1 if mark is not None else 0))
        raise MrefError(f"malformed YAML: {exc}".replace("\n", " "), where) from exc
    if is_toc(data):
        return ReadResult(None, notes)
    return ReadResult(parse_page(data), notes)


def _load(text: str) -> Any:
    """``text`` read as :func:`..yamlread.load_yaml` reads it: line by line where it is
    block YAML of one-line scalars, as generators write it (:mod:`..yamlfast`), else
    by libyaml."""
    data = load_block_yaml(text)
    return load_yaml(text) if data is None else data


_ITEMS = re.compile(r"^items:[ \t]*\r?\n", re.MULTILINE)
_NEXT = re.compile(r"^(?:- |[^\s#-])", re.MULTILINE)


def first_item(text: str) -> Item | None:
    """The first item of a ManagedReference file (a type page's type), reading only that
    item's YAML: a namespace page needs the kind and summary of each of its types."""
    text = clean_text(text)[0]
    start = _ITEMS.search(text)
    if start is None:
        return None
    body = text[start.end() :]
    first = body.find("- ")
    if first < 0:
        return None
    end = _NEXT.search(body, first + 2)
    chunk = body[: end.start()] if end else body
    try:
        data = _load("items:\n" + chunk)
        return parse_item(data["items"][0])
    except Exception:  # malformed YAML, no item: the namespace page shows the link only
        return None
