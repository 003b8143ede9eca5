"""A reader for the YAML that generators write, in pure Python: the same result as
:func:`.yamlread.load_yaml` (every scalar a string, lines included), or ``None``.

DocFX's ManagedReference files (and the CRMScript generator's) are block mappings and
sequences of one-line scalars: plain, single- or double-quoted, ``[]`` and ``{}``.
libyaml reads them through PyYAML's Python events and nodes, 4 µs a line (an API page
has 400 lines: 1.7 ms, about a tenth of the page's build). Read line by line here
they cost less than half of that (0.7 ms).

Anything outside that subset (a block scalar, a scalar over several lines, a flow
collection with content, an anchor, alias, tag, merge key, directive, document
marker, complex key, a tab anywhere, a line break other than ``\\n``/``\\r\\n``, an
escape this module does not know, an indentation YAML refuses) gives ``None``, and
the caller reads the text with libyaml, which also reports what is malformed. So the
result is libyaml's whenever one is given: the tests compare both on every corpus file
and on generated documents.
Pure: no Sphinx, no file system.
"""

from __future__ import annotations

import re
from typing import Any

from .yamlread import MAX_DEPTH, YamlDict, YamlList

__all__ = ["load_block_yaml"]


class _Outside(Exception):
    """The text is outside this module's subset: read it with libyaml."""


#: what a plain scalar (or key) may not start with
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
    "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
#: line breaks of YAML 1.1 that ``split("\n")`` would not see
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")


def load_block_yaml(text: str) -> Any | None:
    """``text`` read as :func:`.yamlread.load_yaml` reads it, or ``None`` if it is
    outside this module's subset (then libyaml must read it)."""
    if "\t" in text or text.startswith("\ufeff") or any(b in text for b in _OTHER_BREAKS):
        return None  # (a tab: in indentation YAML refuses it, in a scalar it is rare)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None  # a lone carriage return: a line break to YAML
    lines: list[tuple[int, int, str, bool]] = []  # (1-based line, indent, content, item?)
    for number, line in enumerate(text.split("\n"), 1):
        content = line.lstrip(" ")
        if not content or content[0] == "#":
            continue
        indent = len(line) - len(content)
        content = content.rstrip(" ")
        if indent == 0 and content.startswith(("---", "...", "%")):
            return None
        item = content[0] == "-" and (len(content) == 1 or content[1] == " ")
        lines.append((number, indent, content, item))
    if not lines or lines[0][1] != 0:
        return None
    try:
        reader = _Reader(lines)
        value = reader.block(0, 0, 1)
        if reader.at != len(lines):
            return None
        return value
    except _Outside:
        return None


class _Reader:
    def __init__(self, lines: list[tuple[int, int, str, bool]]) -> None:
        self.lines = lines
        self.at = 0

    def block(self, index: int, indent: int, depth: int) -> Any:
        """The mapping or sequence whose first line is ``index`` (at ``indent``)."""
        if depth > MAX_DEPTH:
            raise _Outside
        if self.lines[index][3]:
            return self.sequence(index, indent, depth)
        return self.mapping(index, indent, depth)

    def sequence(self, index: int, indent: int, depth: int) -> YamlList:
        lines = self.lines
        end = len(lines)
        items = YamlList()
        items.line = lines[index][0]
        items.item_lines = item_lines = []
        while index < end:
            number, at, content, item = lines[index]
            if at != indent or not item:
                break  # (a key after a sequence written in line with it: ``key:\n- a``)
            rest = content[1:].lstrip(" ")
            if not rest or rest[0] == "#":
                if index + 1 < end and lines[index + 1][1] > indent:
                    item_lines.append(lines[index + 1][0])
                    items.append(self.block(index + 1, lines[index + 1][1], depth + 1))
                    index = self.at
                else:
                    item_lines.append(number)
                    items.append("")
                    index += 1
                continue
            if rest == "-" or rest.startswith("- "):
                raise _Outside  # a sequence in a sequence on one line
            item_lines.append(number)
            if _key(rest) is not None:
                # a mapping that starts on the item's line, its keys in line with the first
                column = len(content) - len(rest) + indent
                lines[index] = (number, column, rest, False)
                items.append(self.mapping(index, column, depth + 1))
                index = self.at
                continue
            items.append(_scalar(rest, number))
            index += 1
            if index < end and lines[index][1] > indent:
                raise _Outside  # a scalar over several lines
        self.at = index
        return items

    def mapping(self, index: int, indent: int, depth: int) -> YamlDict:
        lines = self.lines
        end = len(lines)
        data = YamlDict()
        data.line = lines[index][0]
        data.key_lines = key_lines = {}
        data.name_lines = name_lines = {}
        while index < end:
            number, at, content, item = lines[index]
            if at != indent:
                break
            if item:
                raise _Outside  # an item among the keys: YAML refuses it
            found = _key(content)
            if found is None:
                raise _Outside  # a scalar over several lines, or not YAML
            name, rest = found
            index += 1
            following = lines[index] if index < end else None
            if rest and rest[0] != "#":
                data[name] = _scalar(rest, number)
                key_lines[name] = number
                if following is not None and following[1] > indent:
                    raise _Outside  # a scalar over several lines
            elif following is not None and following[1] > indent:
                data[name] = self.block(index, following[1], depth + 1)
                key_lines[name] = following[0]
                index = self.at
            elif following is not None and following[1] == indent and following[3]:
                data[name] = self.sequence(index, indent, depth + 1)  # in line with the key
                key_lines[name] = following[0]
                index = self.at
            else:
                data[name] = ""
                key_lines[name] = number
            name_lines[name] = number
        self.at = index
        return data


def _key(content: str) -> tuple[str, str] | None:
    """``(key, the rest after the colon)`` if ``content`` starts a mapping entry."""
    first = content[0]
    if first == '"' or first == "'":
        name, after = _quoted(content)
        if not (after == ":" or after.startswith(": ")):
            return None
        return name, after[1:].lstrip(" ")
    colon = content.find(": ")
    if colon < 0:
        if content[-1] != ":":
            return None
        colon = len(content) - 1
    name = content[:colon].rstrip(" ")
    if not name or first in _INDICATORS or " #" in name or name == "<<":
        raise _Outside
    return _plain(name), content[colon + 1 :].lstrip(" ")


def _scalar(text: str, number: int) -> Any:
    """A one-line value: a quoted or plain scalar, or an empty flow collection."""
    first = text[0]
    if first == '"' or first == "'":
        value, after = _quoted(text)
        if after and not after.startswith("#"):
            raise _Outside
        return value
    if first in "[{":
        body, _, after = text.partition("]" if first == "[" else "}")
        after = after.lstrip(" ")
        if body[1:].strip(" ") or (after and not after.startswith("#")):
            raise _Outside  # a flow collection with content
        empty: YamlList | YamlDict
        if first == "[":
            empty = YamlList()
            empty.item_lines = []
        else:
            empty = YamlDict()
            empty.key_lines, empty.name_lines = {}, {}
        empty.line = number
        return empty
    if first in _INDICATORS or ": " in text or " #" in text or text[-1] == ":":
        raise _Outside  # an indicator, a comment, a mapping on one line
    return _plain(text)


def _plain(text: str) -> str:
    """A plain scalar (key or value): as :func:`.yamlread._scalar`, these are null, an
    empty string."""
    return "" if text == "~" or text == "null" else text


def _quoted(text: str) -> tuple[str, str]:
    """The quoted scalar ``text`` starts with, and what follows it on the line."""
    match = (_DOUBLE if text[0] == '"' else _SINGLE).match(text)
    if match is None:
        raise _Outside  # a quoted scalar over several lines
    body = match.group(1)
    if text[0] == "'":
        value = body.replace("''", "'")
    else:
        value = _ESCAPE.sub(_unescape, body) if "\\" in body else body
    return value, text[match.end() :].lstrip(" ")


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) > 1:
        value = int(code[1:], 16)
        if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            raise _Outside  # no character, or half of one: libyaml says what it makes of it
        return chr(value)
    found = _ESCAPES.get(code)
    if found is None:
        raise _Outside
    return found
