"""Code snippets: ``[!code-<lang>[name](path?query#fragment "title")]`` (dfm-spec §5).

- Block-level only: the statement must be the whole line (in a paragraph it is text).
- The path resolves like an include: against the file holding the statement (so a
  snippet in an include resolves against the include), ``~/`` is the docset root,
  and URLs, absolute paths and paths outside the root are refused without reading.
- Selection, in DocFX's priority order: a tag (``#tag`` or ``?name=tag``) > a line
  range ``#L1-L5`` > ``?start=&end=`` > ``?range=1-3,5-`` > the whole file. Regions are
  recognised per language (``// <tag>``, ``#region``, ``<!-- <tag> -->``…, §5.3).
- Common indentation is removed (or ``?dedent=N`` spaces); ``?highlight=`` marks lines
  of the output snippet.
- The file is a dependency of the page (``env.note_dependency``), so editing it
  re-reads the page, as for includes.

``:::code source="" language="" range="" highlight="" id="":::`` (``syntax/colons.py``)
is rendered by :func:`render_code_snippet` with the same selection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import _

from ..encoding import read_source
from ..warnings_ import SoWarning
from .contract import token_line_of
from .paths import resolve_statement_file

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.tree import SyntaxTreeNode

    from .contract import Renderer, TokenRenderer

#: ``[!code-lang[name](path "title")]``; the path may hold balanced parentheses.
SNIPPET_RE = re.compile(
    r"""\[!code(?:-(?P<lang>[^\[\]\s]*))?[ \t]*
        \[(?P<name>(?:\\.|[^\\\]\n])*)\]
        \([ \t]*(?P<path><[^>\n]*>|(?:\\.|\([^()\s]*\)|[^\s()\\"])+)
        (?:[ \t]+"(?P<title>[^"\n]*)")?[ \t]*\)
        \]""",
    re.IGNORECASE | re.VERBOSE,
)
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


# --- markdown-it rule ---------------------------------------------------------------------------


def split_target(raw: str) -> tuple[str, str, str]:
    """``path?query#fragment`` → (path, query, fragment)."""
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    raw = re.sub(r"\\(.)", r"\1", raw).strip()
    path, _h, fragment = raw.partition("#")
    path, _q, query = path.partition("?")
    return path, query, fragment


def snippet_block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """``[!code-lang[name](path)]``, alone on its line."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start] + state.tShift[start]
    line = state.src[pos : state.eMarks[start]]
    if line[:6].lower() != "[!code":
        return False
    m = SNIPPET_RE.match(line)
    if not m or line[m.end() :].strip(" \t"):
        return False
    if silent:
        return True
    path, query, fragment = split_target(m.group("path"))
    token = state.push("dfm_snippet", "code", 0)
    token.map = [start, start + 1]
    token.content = m.group(0)
    token.meta = {
        "language": m.group("lang") or "",
        "name": m.group("name"),
        "title": m.group("title") or "",
        "path": path,
        "query": query,
        "fragment": fragment,
    }
    state.line = start + 1
    return True


def snippets_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before(
        "paragraph",
        "dfm_snippet",
        snippet_block_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )


# --- rendering ---------------------------------------------------------------------------


def resolve_snippet(renderer: Renderer, path: str, location: str) -> Path | None:
    """The snippet file, resolved like an include (and, as on Windows, case-insensitively);
    None (after a warning) if refused/missing."""
    return resolve_statement_file(
        renderer,
        path,
        location,
        noun="code snippet",
        refused=SoWarning.SNIPPET_REFUSED,
        missing=SoWarning.SNIPPET_MISSING,
        fallback=case_insensitive,
    )


def case_insensitive(target: Path, root: Path) -> Path | None:
    """The existing file whose path equals ``target`` but for letter case, if exactly one."""
    current = root
    for part in target.relative_to(root).parts:
        candidate = current / part
        if not candidate.exists():
            if not current.is_dir():
                return None
            matches = [p for p in current.iterdir() if p.name.lower() == part.lower()]
            if len(matches) != 1:
                return None
            candidate = matches[0]
        current = candidate
    return current if current.is_file() else None


def _not_found(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """DocFX's placeholder for a missing sample: a warning box, never stale or wrong code."""
    box = nodes.warning(classes=["dfm-snippet-missing"])
    renderer.add_line_and_source_path(box, token)
    box += nodes.paragraph("", _("It looks like the sample you are looking for does not exist."))
    renderer.current_node.append(box)


def render_snippet(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """``dfm_snippet`` → a highlighted literal block of the selected lines."""
    meta = token.meta
    q = parse_query(str(meta["query"]), str(meta["fragment"]))
    render_code_snippet(
        renderer,
        token,
        path=str(meta["path"]),
        language=str(meta["language"]),
        query=q,
        title=str(meta.get("title") or ""),
    )


def render_code_snippet(
    renderer: Renderer,
    token: SyntaxTreeNode,
    *,
    path: str,
    language: str,
    query: SnippetQuery,
    title: str = "",
) -> None:
    """Read, select, dedent and append one snippet (shared by ``[!code]`` and ``:::code``)."""
    line = token_line_of(token)
    location = f"{renderer.current_source_path()}:{line}"
    for error in query.errors:
        renderer.so_warning(error, SoWarning.SNIPPET_QUERY, location)
    target = resolve_snippet(renderer, path, location)
    if target is None:
        _not_found(renderer, token)
        return
    try:
        text = read_source(target)
    except (OSError, UnicodeError) as exc:
        renderer.so_warning(
            f"code snippet {str(target)!r} cannot be read: {exc}",
            SoWarning.SNIPPET_MISSING,
            location,
        )
        _not_found(renderer, token)
        return
    lines = text.splitlines()
    selected = select_lines(lines, query, tag_syntaxes(language, path))
    if not any(s.strip() for s in selected):
        if query.tag:
            message = f"code snippet {path!r}: region {query.tag!r} not found"
        else:
            message = (
                f"code snippet {path!r}: the line range selects nothing "
                f"(the file has {len(lines)} lines)"
            )
        renderer.so_warning(message, SoWarning.SNIPPET_SELECTION, location)
        _not_found(renderer, token)
        return
    code = "\n".join(dedent_lines(selected, query.dedent))
    lexer = lexer_for(language, path)
    node = nodes.literal_block(code, code, language=lexer, classes=["dfm-snippet"])
    renderer.add_line_and_source_path(node, token)
    if query.highlight:
        node["highlight_args"] = {"hl_lines": highlight_lines(query.highlight, len(selected))}
    if title:
        node["dfm_title"] = title
    renderer.current_node.append(node)


RENDERERS: dict[str, TokenRenderer] = {"dfm_snippet": render_snippet}
