"""JSON as DocFX reads ``docfx.json``, with the line of every key and item.

DocFX reads it with ``System.Text.Json`` allowing ``//`` and ``/* */`` comments and
trailing commas (``SystemTextJsonUtility``); Python's ``json`` allows neither and keeps no
positions. This small reader does both: :func:`read_json` returns the value and a table
``path -> line`` (``("build", "content", 0, "src")`` -> 7), so that a warning about a key
points at the key's own line. Pure.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

Path_ = tuple[str | int, ...]

_WS = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.S)
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}


class JsonError(ValueError):
    """Not JSON; ``line`` is where reading stopped (1-based)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"{message} (line {line})")
        self.line = line


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.lines: dict[Path_, int] = {}
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, pos: int | None = None) -> int:
        return bisect.bisect_right(self._line_starts, self.pos if pos is None else pos)

    def fail(self, message: str) -> JsonError:
        return JsonError(message, self.line())

    def skip(self) -> None:
        match = _WS.match(self.text, self.pos)
        self.pos = match.end() if match else self.pos
        if self.text.startswith("/*", self.pos):
            raise self.fail("unterminated comment")

    def peek(self) -> str:
        self.skip()
        return self.text[self.pos : self.pos + 1]

    def string(self) -> str:
        try:
            value, end = json.decoder.scanstring(self.text, self.pos + 1)  # type: ignore[attr-defined]
        except ValueError as exc:
            raise self.fail(f"bad string: {exc}") from None
        self.pos = end
        return str(value)

    def value(self, path: Path_) -> Any:
        c = self.peek()
        self.lines.setdefault(path, self.line())
        if c == "{":
            return self.obj(path)
        if c == "[":
            return self.array(path)
        if c == '"':
            return self.string()
        for word, literal in _LITERALS.items():
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return literal
        match = _NUMBER.match(self.text, self.pos)
        if match:
            self.pos = match.end()
            number = match.group()
            return float(number) if any(c in number for c in ".eE") else int(number)
        raise self.fail("expected a value" if c else "unexpected end of file")

    def obj(self, path: Path_) -> dict[str, Any]:
        self.pos += 1
        out: dict[str, Any] = {}
        while True:
            c = self.peek()
            if c == "}":
                self.pos += 1
                return out
            if c != '"':
                raise self.fail("expected a key in double quotes")
            line = self.line()
            key = self.string()
            if self.peek() != ":":
                raise self.fail("expected ':'")
            self.pos += 1
            self.lines[(*path, key)] = line
            out[key] = self.value((*path, key))
            c = self.peek()
            if c == ",":
                self.pos += 1
            elif c != "}":
                raise self.fail("expected ',' or '}'")

    def array(self, path: Path_) -> list[Any]:
        self.pos += 1
        out: list[Any] = []
        while True:
            if self.peek() == "]":
                self.pos += 1
                return out
            out.append(self.value((*path, len(out))))
            c = self.peek()
            if c == ",":
                self.pos += 1
            elif c != "]":
                raise self.fail("expected ',' or ']'")


def read_json(text: str) -> tuple[Any, dict[Path_, int]]:
    """The value of a JSON text (comments and trailing commas allowed) and the line of
    each key and array item, by path. Raises :class:`JsonError`."""
    reader = _Reader(text.removeprefix("\ufeff"))
    value = reader.value(())
    if reader.peek():
        raise reader.fail("text after the JSON value")
    return value, reader.lines
