"""A reader for the YAML that generators write, in pure Python: the same result as
:func:`.yamlread.load_yaml` (every scalar a string, lines included), or ``None``.

DocFX's ManagedReference files (and the CRMScript generator's) are block mappings and
sequences of one-line scalars: plain, single- or double-quoted, ``[]`` and ``{}``.
libyaml reads them through PyYAML's Python events and nodes, 4 µs a line (an API page
has 400 lines: 1.7 ms, about a tenth of the page's build). Read line by line here
they cost about a third of that.

Anything outside that subset (a block scalar, a scalar over several lines, a flow
collection with content, an anchor, alias, tag, merge key, directive, document
marker, complex key, tab in indentation or in a plain scalar, a line break other
than ``\\n``/``\\r\\n``, an escape this module does not know, an indentation YAML
refuses) gives ``None``, and the caller reads the text with libyaml, which also
reports what is malformed. So the result is libyaml's whenever one is given: the
tests compare both on every corpus file and on generated documents.
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
#: line breaks of YAML 1.1 that ``split("\n")`` would not see, and a lone CR
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
#: what only a quoted scalar may hold (a tab) or what ends a plain one early (a comment,
#: a mapping indicator)
_NOT_PLAIN = re.compile(r"\t| #|: |:$")


def load_block_yaml(text: str) -> Any | None:
    """``text`` read as :func:`.yamlread.load_yaml` reads it, or ``None`` if it is
    outside this module's subset (then libyaml must read it)."""
    if text.startswith("\ufeff") or _OTHER_BREAKS.search(text):
        return None
    lines: list[tuple[int, int, str]] = []  # (1-based line, indent, content)
    for number, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        content = line.lstrip(" ")
        if not content or content.startswith("#"):
            continue
        if content[0] == "\t" or content.isspace():
            return None  # a tab in the indentation (or a line of blanks and tabs)
        indent = len(line) - len(content)
        if indent == 0 and content.startswith(("---", "...", "%")):
            return None
        lines.append((number, indent, content.rstrip(" ")))
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
    def __init__(self, lines: list[tuple[int, int, str]]) -> None:
        self.lines = lines
        self.at = 0

    def block(self, index: int, indent: int, depth: int) -> Any:
        """The mapping or sequence whose first line is ``index`` (at ``indent``)."""
        if depth > MAX_DEPTH:
            raise _Outside
        content = self.lines[index][2]
        if content == "-" or content.startswith("- "):
            return self.sequence(index, indent, depth)
        return self.mapping(index, indent, depth)

    def _deeper(self, index: int, indent: int) -> bool:
        return index < len(self.lines) and self.lines[index][1] > indent

    def sequence(self, index: int, indent: int, depth: int) -> YamlList:
        items = YamlList()
        items.line = self.lines[index][0]
        items.item_lines = []
        lines = self.lines
        while index < len(lines) and lines[index][1] == indent:
            number, _, content = lines[index]
            if not (content == "-" or content.startswith("- ")):
                break  # a key after a sequence written in line with it (``key:\n- a``)
            rest = content[1:].lstrip(" ")
            if not rest or rest.startswith("#"):
                if self._deeper(index + 1, indent):
                    items.item_lines.append(lines[index + 1][0])
                    items.append(self.block(index + 1, lines[index + 1][1], depth + 1))
                    index = self.at
                else:
                    items.item_lines.append(number)
                    items.append("")
                    index += 1
                continue
            if rest == "-" or rest.startswith("- "):
                raise _Outside  # a sequence in a sequence on one line
            items.item_lines.append(number)
            if _key(rest) is not None:
                # a mapping that starts on the item's line, its keys in line with the first
                column = len(content) - len(rest) + indent
                lines[index] = (number, column, rest)
                items.append(self.mapping(index, column, depth + 1))
                index = self.at
                continue
            items.append(_scalar(rest, number))
            index += 1
            if self._deeper(index, indent):
                raise _Outside  # a scalar over several lines
        self.at = index
        return items

    def mapping(self, index: int, indent: int, depth: int) -> YamlDict:
        data = YamlDict()
        data.line = self.lines[index][0]
        data.key_lines = {}
        data.name_lines = {}
        lines = self.lines
        while index < len(lines) and lines[index][1] == indent:
            number, _, content = lines[index]
            if content == "-" or content.startswith("- "):
                raise _Outside  # an item among the keys: YAML refuses it
            found = _key(content)
            if found is None:
                raise _Outside  # a scalar over several lines, or not YAML
            name, rest = found
            index += 1
            if not rest or rest.startswith("#"):
                following = lines[index] if index < len(lines) else None
                if following is not None and following[1] > indent:
                    value = self.block(index, following[1], depth + 1)
                    line = following[0]
                    index = self.at
                elif (
                    following is not None
                    and following[1] == indent
                    and (following[2] == "-" or following[2].startswith("- "))
                ):
                    value = self.sequence(index, indent, depth + 1)  # in line with the key
                    line = following[0]
                    index = self.at
                else:
                    value, line = "", number
            else:
                value, line = _scalar(rest, number), number
                if self._deeper(index, indent):
                    raise _Outside  # a scalar over several lines
            data[name] = value
            data.key_lines[name] = line
            data.name_lines[name] = number
        self.at = index
        return data


def _key(content: str) -> tuple[str, str] | None:
    """``(key, the rest after the colon)`` if ``content`` starts a mapping entry."""
    if content[0] in "\"'":
        match = (_DOUBLE if content[0] == '"' else _SINGLE).match(content)
        if match is None:
            raise _Outside  # a quoted scalar over several lines
        after = content[match.end() :].lstrip(" ")
        if not (after == ":" or after.startswith(": ")):
            return None
        return _quoted(match), after[1:].lstrip(" ")
    colon = content.find(": ")
    if colon < 0:
        if not content.endswith(":"):
            return None
        colon = len(content) - 1
    name = content[:colon].rstrip(" ")
    if not name or name[0] in _INDICATORS or "\t" in name or " #" in name or name == "<<":
        raise _Outside
    return _plain(name), content[colon + 1 :].lstrip(" ")


def _scalar(text: str, number: int) -> Any:
    """A one-line value: a quoted or plain scalar, or an empty flow collection."""
    first = text[0]
    if first in "\"'":
        match = (_DOUBLE if first == '"' else _SINGLE).match(text)
        if match is None:
            raise _Outside  # over several lines
        after = text[match.end() :].lstrip(" ")
        if after and not after.startswith("#"):
            raise _Outside
        return _quoted(match)
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
    if first in _INDICATORS or _NOT_PLAIN.search(text):
        raise _Outside
    return _plain(text)


def _plain(text: str) -> str:
    # as :func:`.yamlread._scalar`: these plain scalars are null, an empty string
    return "" if text in ("~", "null") else text


def _quoted(match: re.Match[str]) -> str:
    body = match.group(1)
    if match.group(0)[0] == "'":
        return body.replace("''", "'")
    return _ESCAPE.sub(_unescape, body) if "\\" in body else body


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) > 1:
        return chr(int(code[1:], 16))
    found = _ESCAPES.get(code)
    if found is None:
        raise _Outside
    return found
