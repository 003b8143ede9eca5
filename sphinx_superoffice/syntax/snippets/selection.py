"""Which lines of a file a snippet shows: regions, ranges, dedent, highlight (no Sphinx).

- Selection, in DocFX's priority order: a tag (``#tag`` or ``?name=tag``) > a line
  range ``#L1-L5`` > ``?start=&end=`` > ``?range=1-3,5-`` > the whole file. Regions are
  recognised per language (``// <tag>``, ``#region``, ``<!-- <tag> -->``…, §5.3).
- Common indentation is removed (or ``?dedent=N`` spaces); ``?highlight=`` marks lines
  of the output snippet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_LINE_RANGE_RE = re.compile(r"^L(?P<start>\d+)(?:-(?:L(?P<end>\d+))?)?$", re.IGNORECASE)
_RANGE_ITEM_RE = re.compile(r"^\s*(?P<start>\d+)\s*(?:(?P<dash>-)\s*(?P<end>\d+)?)?\s*$")

#: DocFX language names and file extensions → Pygments lexer names.
LANGUAGE_LEXERS: dict[str, str] = {
    "cs": "csharp",
    "csharp": "csharp",
    "c#": "csharp",
    "vb": "vbnet",
    "vbnet": "vbnet",
    "vbs": "vbscript",
    "js": "javascript",
    "javascript": "javascript",
    "ts": "typescript",
    "typescript": "typescript",
    "json": "json",
    "xml": "xml",
    "xsl": "xml",
    "xslt": "xml",
    "xsd": "xml",
    "config": "xml",
    "csproj": "xml",
    "xaml": "xml",
    "html": "html",
    "htm": "html",
    "aspx": "aspx-cs",
    "ascx": "aspx-cs",
    "cshtml": "html",
    "css": "css",
    "sql": "sql",
    "http": "http",
    "ps1": "powershell",
    "powershell": "powershell",
    "py": "python",
    "python": "python",
    "sh": "bash",
    "bash": "bash",
    "bat": "batch",
    "cmd": "batch",
    "text": "text",
    "txt": "text",
    "crmscript": "crmscript",
    "yml": "yaml",
    "yaml": "yaml",
    "java": "java",
    "php": "php",
    "cpp": "cpp",
    "c": "c",
}


# --- regions / tags (dfm-spec §5.3) ---------------------------------------------------------


@dataclass(frozen=True)
class TagSyntax:
    """One comment style of region markers: start/end regexes with a ``name`` group."""

    start: re.Pattern[str]
    end: re.Pattern[str]
    #: ``#region``: the end marker has no name and closes the nearest open region
    nested: bool = False


def _comment_tags(open_: str, close: str = "") -> TagSyntax:
    o, c = re.escape(open_), re.escape(close)
    name = r"(?P<name>[\w.-]+)"
    return TagSyntax(
        re.compile(rf"^\s*{o}\s*<\s*{name}\s*>\s*{c}\s*$", re.IGNORECASE),
        re.compile(rf"^\s*{o}\s*<\s*/\s*{name}\s*>\s*{c}\s*$", re.IGNORECASE),
    )


_C = _comment_tags("//")
_REGION = TagSyntax(
    re.compile(r"^\s*#\s*region(?:\s+(?P<name>.*?))?\s*$", re.IGNORECASE),
    re.compile(r"^\s*#\s*endregion\b.*$", re.IGNORECASE),
    nested=True,
)
_VB_REGION = TagSyntax(
    re.compile(r"^\s*#\s*Region(?:\s+\"?(?P<name>.*?)\"?)?\s*$", re.IGNORECASE),
    re.compile(r"^\s*#\s*End\s+Region\b.*$", re.IGNORECASE),
    nested=True,
)
_MARKUP = _comment_tags("<!--", "-->")
_SQL = _comment_tags("--")
_HASH = _comment_tags("#")
_REM = _comment_tags("rem")
_PERCENT = _comment_tags("%")
_SEMI = _comment_tags(";")
_CSS = _comment_tags("/*", "*/")
_VB = _comment_tags("'")

_C_LIKE = [
    "actionscript",
    "arduino",
    "assembly",
    "cpp",
    "c",
    "h",
    "hpp",
    "cc",
    "m",
    "objc",
    "csharp",
    "cs",
    "cuda",
    "d",
    "fsharp",
    "fs",
    "go",
    "java",
    "javascript",
    "js",
    "json",
    "pascal",
    "php",
    "processing",
    "react",
    "tsx",
    "rust",
    "rs",
    "scala",
    "smalltalk",
    "swift",
    "typescript",
    "ts",
    "crmscript",
]
_TAG_SYNTAX: dict[str, tuple[TagSyntax, ...]] = {}
for _lang in _C_LIKE:
    _TAG_SYNTAX[_lang] = (_C,)
for _lang in ("csharp", "cs"):
    _TAG_SYNTAX[_lang] = (_C, _REGION)
_TAG_SYNTAX["cshtml"] = (_C, _REGION, _MARKUP)
for _lang in ["vb", "vbnet", "vbs", "bas", "vba"]:
    _TAG_SYNTAX[_lang] = (_VB, _VB_REGION)
_TAG_SYNTAX["vbhtml"] = (_VB, _VB_REGION, _MARKUP)
for _lang in [
    "xml",
    "xsl",
    "xslt",
    "xsd",
    "wsdl",
    "csdl",
    "edmx",
    "xaml",
    "html",
    "htm",
    "jsp",
    "asp",
    "aspx",
    "ascx",
    "handlebars",
]:
    _TAG_SYNTAX[_lang] = (_MARKUP,)
for _lang in ("php", "react"):
    _TAG_SYNTAX[_lang] = (_C, _MARKUP)
_TAG_SYNTAX["ruby"] = _TAG_SYNTAX["rb"] = (_HASH, _MARKUP)
for _lang in ["sql", "haskell", "hs", "lua"]:
    _TAG_SYNTAX[_lang] = (_SQL,)
for _lang in ["perl", "pl", "powershell", "ps1", "python", "py", "r", "shell", "sh", "bash"]:
    _TAG_SYNTAX[_lang] = (_HASH,)
for _lang in ["batchfile", "bat", "cmd"]:
    _TAG_SYNTAX[_lang] = (_REM,)
for _lang in ["erlang", "erl", "matlab"]:
    _TAG_SYNTAX[_lang] = (_PERCENT,)
for _lang in ("lisp", "lsp"):
    _TAG_SYNTAX[_lang] = (_SEMI,)
_TAG_SYNTAX["css"] = (_CSS,)
_ALL_SYNTAXES = (_C, _REGION, _VB, _VB_REGION, _MARKUP, _SQL, _HASH, _REM, _PERCENT, _SEMI, _CSS)


def tag_syntaxes(language: str, path: str) -> tuple[TagSyntax, ...]:
    """Region marker styles for a snippet: by its language, else its extension, else all."""
    for key in (language.lower(), Path(path).suffix.lstrip(".").lower()):
        if key in _TAG_SYNTAX:
            return _TAG_SYNTAX[key]
    return _ALL_SYNTAXES


def _name_matches(found: str | None, wanted: str) -> bool:
    if found is None:
        return False
    found = found.strip().lower()
    return found in (wanted.lower(), f"snippet{wanted.lower()}")


def find_tag(lines: list[str], tag: str, syntaxes: tuple[TagSyntax, ...]) -> list[str] | None:
    """The lines between the start and end markers of ``tag``, without any marker lines."""
    for syntax in syntaxes:
        start: int | None = None
        stack: list[tuple[str | None, int]] = []
        for i, line in enumerate(lines):
            if syntax.nested:
                if m := syntax.start.match(line):
                    stack.append((m.group("name"), i))
                elif syntax.end.match(line) and stack:
                    name, begin = stack.pop()
                    if _name_matches(name, tag):
                        return _without_markers(lines[begin + 1 : i], syntaxes)
                continue
            if (m := syntax.start.match(line)) and _name_matches(m.group("name"), tag):
                start = i  # a repeated start tag restarts the region
            elif (
                start is not None
                and (m := syntax.end.match(line))
                and _name_matches(m.group("name"), tag)
            ):
                return _without_markers(lines[start + 1 : i], syntaxes)
    return None


def _without_markers(lines: list[str], syntaxes: tuple[TagSyntax, ...]) -> list[str]:
    return [
        line
        for line in lines
        if not any(s.start.match(line) or s.end.match(line) for s in syntaxes)
    ]


# --- the query -----------------------------------------------------------------------------


@dataclass
class SnippetQuery:
    """What part of the file to show, parsed from ``?query#fragment`` or ``:::code`` attributes."""

    tag: str = ""
    line_range: tuple[int, int | None] | None = None
    start: int | None = None
    end: int | None = None
    ranges: list[tuple[int, int | None]] = field(default_factory=list)
    highlight: list[tuple[int, int | None]] = field(default_factory=list)
    dedent: int | None = None
    errors: list[str] = field(default_factory=list)


def parse_ranges(text: str) -> list[tuple[int, int | None]] | None:
    """``1-2,10,20-21,29-`` → [(1, 2), (10, 10), (20, 21), (29, None)]; None when malformed."""
    result: list[tuple[int, int | None]] = []
    for item in text.split(","):
        m = _RANGE_ITEM_RE.match(item)
        if m is None:
            return None
        start = int(m.group("start"))
        if m.group("dash") is None:
            end: int | None = start
        else:
            end = int(m.group("end")) if m.group("end") else None
        if start < 1 or (end is not None and end < start):
            return None
        result.append((start, end))
    return result or None


def parse_query(query: str, fragment: str) -> SnippetQuery:
    """DocFX's ``TryParseQuery``: items left to right; stop at the first bad one."""
    q = SnippetQuery()
    if fragment:
        if m := _LINE_RANGE_RE.match(fragment):
            start = int(m.group("start"))
            if m.group("end"):
                q.line_range = (start, int(m.group("end")))
            elif fragment.endswith("-"):
                q.line_range = (start, None)
            else:
                q.line_range = (start, start)
        else:
            q.tag = fragment
    for item in query.split("&") if query else []:
        key, _sep, value = item.partition("=")
        key = key.strip().lower()
        ok = True
        if key == "name" and value:
            q.tag = q.tag or value
        elif key in ("start", "end") and value.isdigit() and int(value) >= 1:
            setattr(q, key, int(value))
        elif key == "range" and (ranges := parse_ranges(value)) is not None:
            q.ranges = ranges
        elif key == "highlight" and (ranges := parse_ranges(value)) is not None:
            q.highlight = ranges
        elif key == "dedent" and re.fullmatch(r"-?\d+", value):
            q.dedent = int(value)
        else:
            ok = False
        if not ok:
            q.errors.append(f"{item!r} in the snippet query is not understood; ignored from there")
            break
    return q


def select_lines(lines: list[str], q: SnippetQuery, syntaxes: tuple[TagSyntax, ...]) -> list[str]:
    """The lines the query selects, in DocFX's priority order; ``[]`` when nothing matches."""
    if q.tag:
        return find_tag(lines, q.tag, syntaxes) or []
    if q.line_range is not None:
        return _pick(lines, [q.line_range])
    if q.start is not None or q.end is not None:
        return _pick(lines, [(q.start or 1, q.end)])
    if q.ranges:
        return _pick(lines, q.ranges)
    return lines


def _pick(lines: list[str], ranges: list[tuple[int, int | None]]) -> list[str]:
    out: list[str] = []
    for start, end in ranges:
        out.extend(lines[start - 1 : len(lines) if end is None else end])
    return out


def dedent_lines(lines: list[str], dedent: int | None) -> list[str]:
    """Remove the common indentation (tabs expand to 4 columns), or up to ``dedent`` spaces."""
    lines = [line.expandtabs(4).rstrip() for line in lines]
    if dedent is not None and dedent >= 0:
        return [line[min(dedent, len(line) - len(line.lstrip(" "))) :] for line in lines]
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    common = min(indents, default=0)
    return [line[common:] for line in lines]


def highlight_lines(ranges: list[tuple[int, int | None]], count: int) -> list[int]:
    """Concrete 1-based line numbers of the output snippet to highlight."""
    result: list[int] = []
    for start, end in ranges:
        result.extend(range(start, min(count, end if end is not None else count) + 1))
    return sorted(set(result))


def lexer_for(language: str, path: str) -> str:
    """The Pygments lexer of a snippet: from ``-lang`` (DocFX names), else the file extension."""
    # DocFX: `-interactive` only adds a "Try it" button; the language is what precedes it
    lang = language.lower().removesuffix("-interactive")
    if lang:
        return LANGUAGE_LEXERS.get(lang, lang)
    ext = Path(path).suffix.lstrip(".").lower()
    return LANGUAGE_LEXERS.get(ext, "text")
