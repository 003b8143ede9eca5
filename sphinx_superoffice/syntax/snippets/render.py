"""A ``dfm_snippet`` token (or ``:::code``) rendered: the file resolved, read and selected."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from ... import containment
from ...i18n import _
from ...warnings_ import SoWarning
from ..contract import token_line_of
from ..paths import read_statement_file, resolve_statement_file
from .selection import (
    SnippetQuery,
    dedent_lines,
    highlight_lines,
    lexer_for,
    parse_query,
    select_lines,
    tag_syntaxes,
)

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

    from ..contract import Renderer, TokenRenderer


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
    """The existing file whose path equals ``target`` but for letter case, if exactly one.

    Only folders inside ``root`` are listed: at a symbolic link that leads out, the path
    found so far comes back as it is, for the caller to refuse.
    """
    parts = target.relative_to(root).parts
    current = root
    for i, part in enumerate(parts):
        if not containment.is_inside(current, root):
            return current.joinpath(*parts[i:])
        candidate = current / part
        if not containment.exists(candidate):
            if not containment.is_dir(current):
                return None
            try:
                matches = [p for p in current.iterdir() if p.name.lower() == part.lower()]
            except OSError:
                return None
            if len(matches) != 1:
                return None
            candidate = matches[0]
        current = candidate
    return current if containment.is_file(current) else None


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
    text = read_statement_file(
        renderer, target, location, noun="code snippet", unreadable=SoWarning.SNIPPET_MISSING
    )
    if text is None:
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
