"""DocFX's glob patterns, as ``Docfx.Glob`` (``GlobMatcher``, ``FileGlob``) matches them.

A port of dotnet/docfx ``src/Docfx.Glob/GlobMatcher.cs`` and ``FileGlob.cs`` (MIT), with
their behaviour, quirks included (the tests in ``tests/unit/test_docfx_glob.py`` are
``test/Docfx.Glob.Tests/GlobMatcherTest.cs``'s cases):

- ``{a,b}`` alternatives, nested, expanded first (``\\{`` is a literal brace; an
  unbalanced brace matches nothing);
- a leading ``!`` negates the pattern (``!!`` cancels);
- ``**`` as a whole path segment matches any number of folders (``**/`` zero or more);
  ``**.md`` is a shortcut for ``**/*.md``, ``a**b`` is ``a*b``;
- ``*`` and ``?`` never match ``/``; ``[abc]`` is a character class;
- names that start with a dot (files or folders) are never matched by a wildcard unless
  the pattern spells the dot (or the mapping sets ``dot``);
- case-insensitive unless the mapping sets ``case``.

Pure: no Sphinx. Paths are ``/``-separated, relative to the mapping's ``src``.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


class GlobOptions(enum.IntFlag):
    """``GlobMatcherOptions``."""

    NONE = 0
    IGNORE_CASE = 0x1
    ALLOW_NEGATE = 0x2
    ALLOW_EXPAND = 0x4
    ALLOW_ESCAPE = 0x8
    ALLOW_GLOBSTAR = 0x10
    ALLOW_DOT_MATCH = 0x20


DEFAULT_OPTIONS = (
    GlobOptions.ALLOW_NEGATE
    | GlobOptions.IGNORE_CASE
    | GlobOptions.ALLOW_GLOBSTAR
    | GlobOptions.ALLOW_EXPAND
    | GlobOptions.ALLOW_ESCAPE
)

_NEED_ESCAPE = frozenset("'().*{}+?[]^$\\!")
_EXPAND_GLOBSTAR = re.compile(r"^\*{2,}(?=[^/*])")
_GLOBSTAR = re.compile(r"^\*{2,}/?$")
_UNESCAPE = re.compile(r"\\(.)")
_DOT_ALLOWED = r"(?!(?:^|\/)\.{1,2}(?:$|\/))"
_DOT_NOT_ALLOWED = r"(?!\.)"

# segment kinds
_GLOBSTAR_DIR = "globstar"  # ``**/``: files or folders
_GLOBSTAR_FILE = "globstar-file"  # ``**`` at the end: files only
_PLAIN = "plain"
_REGEX = "regex"


@dataclass(frozen=True)
class _Segment:
    kind: str
    text: str = ""
    regex: re.Pattern[str] | None = None


_EMPTY = _Segment(_PLAIN, "")


def parse_negate(pattern: str, options: GlobOptions = DEFAULT_OPTIONS) -> tuple[bool, str]:
    """``(negated, pattern without its leading !s)`` (``ParseNegate``)."""
    if not options & GlobOptions.ALLOW_NEGATE:
        return False, pattern
    stripped = pattern.lstrip("!")
    return (len(pattern) - len(stripped)) % 2 == 1, stripped


def expand_group(pattern: str, options: GlobOptions = DEFAULT_OPTIONS) -> list[str]:
    """``{a,b}c`` -> ``["ac", "bc"]`` (``ExpandGroup``); ``[]`` when braces are unbalanced.

    As DocFX's ungrouper: an escaped ``,{}`` loses its backslash (other escapes keep it),
    a comma outside braces is a comma, and an empty alternative before a comma is dropped
    (``{,b}`` is ``b``; ``{}`` and ``{a,}`` keep their empty one).
    """
    tokens: list[str] = []  # one character, or "{" "," "}" as structure (marked by \0)
    escaping = False
    for c in pattern:
        if escaping:
            if c not in ",{}":
                tokens.append("\\")
            tokens.append(c)
            escaping = False
        elif c == "\\" and options & GlobOptions.ALLOW_ESCAPE:
            escaping = True
        elif c in "{,}":
            tokens.append("\0" + c)
        else:
            tokens.append(c)
    result: list[str] = []
    level = 0
    for token in tokens:  # a comma outside braces is text
        level += {"\0{": 1, "\0}": -1}.get(token, 0)
        if level < 0:
            return []
        result.append("," if token == "\0," and level == 0 else token)
    if level != 0:
        return []

    def sequence(i: int) -> tuple[list[str], int, bool]:
        """Alternatives of the sequence from ``i`` to a structural ``,``/``}`` or the end,
        the index after it, and whether any token was consumed."""
        out = [""]
        start = i
        while i < len(result):
            token = result[i]
            if token in ("\0,", "\0}"):
                break
            if token == "\0{":
                alternatives, i = choice(i + 1)
                out = [prefix + alt for alt in alternatives for prefix in out]
                continue
            out = [prefix + token for prefix in out]
            i += 1
        return out, i, i > start

    def choice(i: int) -> tuple[list[str], int]:
        alternatives: list[str] = []
        while True:
            seq, i, consumed = sequence(i)
            closing = result[i]
            if consumed or closing == "\0}":
                alternatives.extend(seq)
            i += 1
            if closing == "\0}":
                return alternatives, i

    expanded, _, _ = sequence(0)
    return expanded


def _split(path: str, separators: str = "/") -> list[str]:
    """Path segments, each folder with its trailing ``/`` (``GlobMatcher.Split``)."""
    parts = [p for p in re.split("[" + re.escape(separators) + "]", path) if p]
    if not parts:
        return []
    out = [p + "/" for p in parts[:-1]]
    out.append(parts[-1] + "/" if path.endswith("/") else parts[-1])
    return out


def _char_class(chars: str) -> str:
    if not chars:
        return ""
    if chars == "^":
        return "[\\^]"
    # .NET takes ``[`` and doubled set operators literally; Python's re warns about them
    escaped = re.sub(r"(?<!\\)([\[&~|])", r"\\\1", chars)
    return f"[{escaped}]"


class GlobMatcher:
    """One DocFX glob (``GlobMatcher``): ``match(path)`` for files, ``partial=True`` for a
    folder (``a/``) that could still hold a match."""

    def __init__(self, pattern: str, options: GlobOptions = DEFAULT_OPTIONS) -> None:
        self.raw = pattern
        self.options = options
        self._dot = bool(options & GlobOptions.ALLOW_DOT_MATCH)
        self._ignore_case = bool(options & GlobOptions.IGNORE_CASE)
        self._negate, pattern = parse_negate(pattern, options)
        globs = expand_group(pattern, options) if options & GlobOptions.ALLOW_EXPAND else [pattern]
        self._items = [[self._segment(p) for p in self._expand_globstar(g)] for g in globs]

    def __repr__(self) -> str:
        return f"GlobMatcher({self.raw!r})"

    @staticmethod
    def _expand_globstar(glob: str) -> Iterator[str]:
        """``**.cs`` is ``**/*.cs``; ``a**.cs`` stays ``a*.cs`` (the regex makes it so)."""
        for part in _split(glob):
            if _EXPAND_GLOBSTAR.match(part):
                yield "**/"
                yield _EXPAND_GLOBSTAR.sub("*", part)
            else:
                yield part

    def _segment(self, part: str) -> _Segment:
        if self.options & GlobOptions.ALLOW_GLOBSTAR and _GLOBSTAR.match(part):
            return _Segment(_GLOBSTAR_DIR if part.endswith("/") else _GLOBSTAR_FILE)
        escape = bool(self.options & GlobOptions.ALLOW_ESCAPE)
        builder: list[str] = []
        magic = False
        start = ""
        if part and part[0] != ".":
            start = _DOT_ALLOWED if self._dot else _DOT_NOT_ALLOWED
        i = 0
        while i < len(part):
            c = part[i]
            if c == "\\":
                if not escape:
                    builder.append("\\\\")
                else:
                    i += 1
                    if i == len(part):
                        return _EMPTY  # a trailing backslash matches no file name
                    c = part[i]
                    builder.append("\\" + c if c in _NEED_ESCAPE else c)
            elif c == "?":
                builder.append("[^/]")
                magic = True
            elif c == "*":
                builder.append("[^/]*?")
                magic = True
            elif c == "[":
                cur, escaping, chars, closed = i + 1, False, [], False
                while cur < len(part):
                    d = part[cur]
                    if d == "\\":
                        escaping = True
                    elif d == "]" and not escaping:
                        closed = True
                        break
                    chars.append(d)
                    if d != "\\":
                        escaping = False
                    cur += 1
                if closed:
                    builder.append(_char_class("".join(chars)))
                    i = cur
                    magic = True
                else:
                    builder.append("\\[")
            else:
                builder.append("\\" + c if c in _NEED_ESCAPE else c)
            i += 1
        if not magic:
            return _Segment(_PLAIN, _UNESCAPE.sub(r"\1", part))
        content = "".join(builder)
        if not content:
            return _EMPTY
        content = start + "(?=.)" + content  # never the empty name: a/* is not a/
        flags = re.IGNORECASE if self._ignore_case else 0
        return _Segment(_REGEX, regex=re.compile(f"^{content}$", flags))

    def match(self, path: str, partial: bool = False) -> bool:
        """Whether ``path`` (``/`` or ``\\`` separated; a folder ends with ``/``) matches."""
        parts = _split(path, "/\\")
        found = any(self._match_one(parts, glob, partial) for glob in self._items)
        return self._negate ^ found

    def _disallowed(self, part: str) -> bool:
        return part in (".", "..") or (not self._dot and part.startswith("."))

    def _equal(self, a: str, b: str) -> bool:
        return a.lower() == b.lower() if self._ignore_case else a == b

    def _match_one(self, parts: list[str], glob: list[_Segment], partial: bool) -> bool:
        """``MatchOne``: dynamic programming over (file parts, glob parts), both from the end."""
        n = len(glob)
        prev = [True] + [False] * n
        for j in range(n):
            if partial:
                prev[j + 1] = True
            else:
                prev[j + 1] = glob[n - j - 1].kind == _GLOBSTAR_DIR and prev[j]
        for i in range(len(parts)):
            part = parts[len(parts) - i - 1]
            folder = part.endswith("/")
            cur = [False] * (n + 1)
            for j in range(n):
                seg = glob[n - j - 1]
                if seg.kind == _GLOBSTAR_DIR:
                    cur[j + 1] = not self._disallowed(part) and (
                        (prev[j + 1] and folder) or (prev[j] and folder) or cur[j]
                    )
                elif seg.kind == _GLOBSTAR_FILE:
                    cur[j + 1] = not self._disallowed(part) and (
                        prev[j + 1] or (prev[j] and not folder)
                    )
                elif seg.kind == _PLAIN:
                    cur[j + 1] = self._equal(part, seg.text) and prev[j]
                else:
                    assert seg.regex is not None
                    cur[j + 1] = bool(seg.regex.match(part)) and prev[j]
            prev = cur
        return prev[n]


def matchers(patterns: Iterable[str], options: GlobOptions = DEFAULT_OPTIONS) -> list[GlobMatcher]:
    return [GlobMatcher(p, options) for p in patterns]


def is_file_match(path: str, globs: list[GlobMatcher], excludes: list[GlobMatcher]) -> bool:
    """``FileGlob.IsFileMatch``: no exclude matches and some glob does."""
    return not any(e.match(path) for e in excludes) and any(g.match(path) for g in globs)


def is_folder_match(path: str, globs: list[GlobMatcher], excludes: list[GlobMatcher]) -> bool:
    """``FileGlob.IsDirectoryMatch`` (``path`` ends with ``/``): not excluded as a folder,
    and some glob could match below it."""
    return not any(e.match(path) for e in excludes) and any(g.match(path, True) for g in globs)


def get_files(
    cwd: Path,
    globs: list[GlobMatcher],
    excludes: list[GlobMatcher],
    start: str = "",
    allowed: Callable[[Path], bool] | None = None,
) -> Iterator[str]:
    """``FileGlob.GetFiles``: the files under ``cwd`` that match, relative to it, walking
    only folders that can hold a match (sorted, so the order is stable).

    :param start: walk only this sub-folder of ``cwd`` (paths stay relative to ``cwd``).
    :param allowed: a folder for which it returns False is not entered (containment).
    """
    start = start.strip("/")
    if start:
        prefix = ""
        for part in start.split("/"):
            prefix += part + "/"
            if not is_folder_match(prefix, globs, excludes):
                return
    seen: set[str] = set()

    def walk(folder: Path, rel: str) -> Iterator[str]:
        real = os.path.realpath(folder)
        if real in seen or (allowed is not None and not allowed(folder)):
            return  # a symbolic-link loop, or a folder outside the docset root
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        subfolders = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir:
                subfolders.append(entry)
            elif is_file_match(rel + entry.name, globs, excludes):
                yield rel + entry.name
        for entry in subfolders:
            sub = rel + entry.name + "/"
            if is_folder_match(sub, globs, excludes):
                yield from walk(Path(entry.path), sub)

    yield from walk(cwd / start if start else cwd, start + "/" if start else "")
