"""Relative links the way DocFX resolves them (dfm-spec §10, issue 3): rendering.

Every link that is not a URL goes through :func:`render_link_unknown`, and
:func:`.link_targets.classify` (pure) decides what its path is:

- the path is resolved against the file that holds the link (in an include, the
  include's own file), ``~/`` against the docset root, ``\\`` as ``/``;
- a page of this build (``x.md``, a folder's ``index.md``, ``x.yml`` with a
  document ``x``) becomes a ``pending_xref`` that :mod:`..references` resolves,
  checking the ``#anchor`` against the ids of the target page;
- a target that exists only with other letter case resolves, with a
  ``superoffice.link_case`` warning (DocFX ran on Windows);
- a page of another configured tree (``superoffice_external_trees``, e.g. the
  English build next to the Norwegian one) becomes a link into that tree;
- any other existing file inside the docset root is a download, copied into
  the output; one whose real path is outside the root (through a symbolic link)
  is refused (:mod:`..containment`) and shown as text;
- anything else warns once, suggests the closest existing file, and renders as
  plain text: never a dead link.

Raw ``<a href="…">text</a>`` with a relative or ``#`` ``href`` (the corpus uses
them for ``download`` links) is turned into a link token by an inline rule, so it
gets the same treatment. ``#anchor`` links on the same page resolve in the same place.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util.matching import Matcher

from .. import containment
from ..config import project_root, source_dir
from ..fileindex import FileIndex
from ..references import get_domain
from ..sitemodel import is_page, site_index
from ..state import get_state
from ..urls import is_absolute
from ..warnings_ import SoWarning, warn
from ..yamlread import YAML_PAGE_MIMES
from .contract import parse_html_attributes
from .lines import breaks_before
from .link_targets import SiteView, classify, configured_trees

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.environment import BuildEnvironment

    from .contract import Renderer


# --- raw <a href="…">…</a> ------------------------------------------------------------

_A_OPEN_RE = re.compile(r"<a(?P<attrs>(?:[ \t\n]+[^<>]*?)?)[ \t\n]*>", re.IGNORECASE)
_A_CLOSE_RE = re.compile(r"</a[ \t\n]*>", re.IGNORECASE)
_A_START_RE = re.compile(r"<a", re.IGNORECASE)
#: ``state.cache`` keys (positions are never negative): the last look for ``</a>``,
#: from where and what it found, so a paragraph of many ``<a href>`` is read once
_CLOSE_FROM, _CLOSE_START, _CLOSE_END = -401, -402, -403


def _next_close(state: StateInline, start: int) -> tuple[int, int] | None:
    """(start, end) of the first ``</a>`` at or after ``start`` that ends by ``posMax``."""
    cache = state.cache
    since, found = cache.get(_CLOSE_FROM, -1), cache.get(_CLOSE_START, -1)
    if not (0 <= since <= start and (found < 0 or start <= found)):
        m = _A_CLOSE_RE.search(state.src, start)
        since, found = start, m.start() if m else -1
        cache[_CLOSE_FROM], cache[_CLOSE_START] = since, found
        cache[_CLOSE_END] = m.end() if m else -1
    end = cache[_CLOSE_END]
    return (found, end) if found >= 0 and end <= state.posMax else None


def html_link_rule(state: StateInline, silent: bool) -> bool:
    """``<a href="relative/path">text</a>`` → link tokens (the text parsed as Markdown)."""
    src = state.src
    pos = state.pos
    if src[pos : pos + 2].lower() != "<a" or state.linkLevel > 0:
        return False
    m = _A_OPEN_RE.match(src, pos, state.posMax)
    if not m:
        return False
    attrs = parse_html_attributes(m.group("attrs"))
    href = attrs.get("href")
    if not href or is_absolute(href):
        return False  # URLs and site-absolute links stay raw HTML
    close = _next_close(state, m.end())
    nested = _A_START_RE.search(src, m.end(), close[0] if close else state.posMax)
    if nested and _A_OPEN_RE.match(src, nested.start(), state.posMax):
        # <a href=x><a href=x>text</a>: a browser closes the first <a> at the second,
        # so it is an empty, invisible link; drop it rather than emit a dead raw href
        state.pos = m.end()
        return True
    if not close:
        return False
    if silent:  # skipped over (inside a link's label): a rule must move on
        state.pos = close[1]
        return True
    token = state.push("link_open", "a", 1)
    token.attrs = {"href": state.md.normalizeLink(href)}
    if "title" in attrs:
        token.attrs["title"] = attrs["title"]
    token.info = "html"
    token.meta = {"download": "download" in attrs}
    old_max = state.posMax
    state.pos, state.posMax = m.end(), close[0]
    state.linkLevel += 1
    state.md.inline.tokenize(state)
    state.linkLevel -= 1
    state.pos, state.posMax = close[1], old_max
    state.push("link_close", "a", -1)
    return True


def html_links_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("html_inline", "dfm_html_link", html_link_rule)


# --- where a token is -------------------------------------------------------------------


def token_line(token: SyntaxTreeNode) -> int:
    """The 1-based line of an inline token: its block's line plus the line breaks before
    it (counted once per paragraph, :mod:`.lines`)."""
    block: SyntaxTreeNode | None = token
    while block is not None and not block.map:
        block = block.parent
    # the renderer has already made token maps 1-based (myst's ``_render_tokens``)
    first = block.map[0] if block is not None and block.map else 0
    return first + breaks_before(token)


# --- the build, as link classification sees it ------------------------------------------


@dataclass
class _LinkSite:
    """Per build: the :class:`SiteView` links are classified against, made on first use."""

    view: SiteView | None = None


def site_view(env: BuildEnvironment) -> SiteView:
    """This build's :class:`SiteView` (folders, trees, file index, docnames)."""
    slot = get_state(env).slot(_LinkSite)
    if slot.view is None:
        root = project_root(env)

        def path2doc(path: Path) -> str | None:
            docname = env.path2doc(str(path))
            return docname if docname and is_page(env, docname) else None

        slot.view = SiteView(
            root=root,
            srcdir=source_dir(env),
            trees=configured_trees(env.config),
            index=FileIndex(root, site_index(env).case_index()),
            path2doc=path2doc,
            excluded=Matcher(env.config.exclude_patterns),
            source_suffixes=tuple(env.config.source_suffix),
            landing_mimes=YAML_PAGE_MIMES,
        )
    return slot.view


# --- rendering --------------------------------------------------------------------------


def split_href(href: str) -> tuple[str, str]:
    """``path?query#fragment`` → (path, fragment); DocFX drops the query of file links."""
    path, _, fragment = href.partition("#")
    path = path.partition("?")[0]
    return path, fragment


def _link_contents(renderer: Renderer, token: SyntaxTreeNode) -> nodes.inline:
    inner = nodes.inline("", "", classes=["xref", "superoffice"])
    with renderer.current_node_context(inner):
        renderer.render_children(token)
    return inner


def _xref_node(
    renderer: Renderer, token: SyntaxTreeNode, reftype: str, target: str, **attrs: str
) -> addnodes.pending_xref:
    explicit = token.info != "auto" and bool(token.children)
    node = addnodes.pending_xref(
        refdomain="superoffice",
        reftype=reftype,
        reftarget=target,
        refdoc=renderer.sphinx_env.docname,
        refexplicit=explicit,
        **attrs,
    )
    renderer.add_line_and_source_path(node, token)
    node.line = token_line(token)
    title = token.attrGet("title")
    if title:
        node["reftitle"] = str(title)
    node.append(_link_contents(renderer, token))
    return node


def _plain_text(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """An unresolvable link: its text, without a link (a link without text shows nothing,
    as DocFX's empty ``<a>`` does: :func:`_shown_as` tells the warning so)."""
    inner = _link_contents(renderer, token)
    if not inner.children:
        return
    inner["classes"] = ["xref", "superoffice", "unresolved"]
    renderer.current_node.append(inner)


def _shown_as(token: SyntaxTreeNode) -> str:
    """How an unresolvable link shows, for its warning."""
    if token.children:
        return " (rendered as text)"
    return " (a link without text: nothing shown, as in DocFX)"


def render_link_anchor(renderer: Renderer, token: SyntaxTreeNode, target: str) -> None:
    """``[text](#anchor)``: an anchor of the page (includes link into the including page)."""
    target = renderer.md.normalizeLinkText(target)
    anchor = target[1:]
    node = _xref_node(
        renderer, token, "doc", renderer.sphinx_env.docname, so_anchor=anchor, so_href=target
    )
    renderer.current_node.append(node)


def render_link_unknown(renderer: Renderer, token: SyntaxTreeNode) -> None:
    """A link that is not a URL: a page, an anchor, another tree or a download."""
    href = renderer.md.normalizeLinkText(str(token.attrGet("href") or "")).strip()
    if is_absolute(href):
        renderer.render_link_url(token)  # tel:, file:, site-absolute … stay as written
        return
    path, fragment = split_href(href.replace("\\", "/"))
    if not path:
        render_link_anchor(renderer, token, "#" + fragment)
        return
    env = renderer.sphinx_env
    site = site_view(env)
    root = site.root
    here = renderer.current_source_path()
    base = root if path.startswith("~/") else here.parent
    target = Path(os.path.normpath(base / path.removeprefix("~/")))
    location = f"{here}:{token_line(token)}"
    problem = containment.name_problem(target)
    if problem:
        message = f"link target {path!r} {problem}{_shown_as(token)}"
        renderer.so_warning(message, SoWarning.LINK_MISSING, location)
        _plain_text(renderer, token)
        return
    resolved = classify(site, target)
    if resolved.case_fixed and resolved.path is not None:
        actual = Path(os.path.relpath(resolved.path, here.parent)).as_posix()
        warn(
            f"link target {path!r} differs only by letter case from {actual!r}; "
            "linked to it (fix the case: it breaks on case-sensitive hosts)",
            SoWarning.LINK_CASE,
            location,
            suggestion=actual,
        )
    if resolved.kind in ("doc", "missing"):
        get_domain(env).note_link(
            env.docname,
            "docs" if resolved.kind == "doc" else "missing",
            resolved.docname or os.path.relpath(target, root),
        )
    if resolved.kind == "doc":
        node = _xref_node(
            renderer, token, "doc", resolved.docname, so_anchor=fragment, so_href=href
        )
        renderer.current_node.append(node)
    elif resolved.kind == "tree":
        node = _xref_node(
            renderer,
            token,
            "tree",
            resolved.url,
            so_anchor=fragment,
            so_href=href,
            so_base=resolved.tree_base,
        )
        renderer.current_node.append(node)
    elif resolved.kind == "download" and (
        refused := containment.outside_reason(resolved.path or target, root)
    ):
        renderer.so_warning(
            f"download {path!r} {refused}; not copied{_shown_as(token)}",
            SoWarning.DOWNLOAD_REFUSED,
            location,
        )
        _plain_text(renderer, token)
    elif resolved.kind == "download":
        assert resolved.path is not None
        page_dir = renderer.page_source_path().parent
        reftarget = Path(os.path.relpath(resolved.path, page_dir)).as_posix()
        explicit = token.info != "auto" and bool(token.children)
        node = addnodes.download_reference(
            refdomain=None, reftype="myst", reftarget=reftarget, refexplicit=explicit,
            refdoc=env.docname,
        )  # fmt: skip
        renderer.add_line_and_source_path(node, token)
        inner = _link_contents(renderer, token)
        if not inner.children:
            inner = nodes.literal(resolved.path.name, resolved.path.name)
        node.append(inner)
        renderer.current_node.append(node)
    else:
        hint = None if containment.exists(target) else site.index.suggest(target, here.parent)
        message = f"link target {path!r} {resolved.reason}"
        if hint:
            message += f"; did you mean {hint!r}?"
        subtype = SoWarning.LINK_OUT_OF_TREE if resolved.out_of_tree else SoWarning.LINK_MISSING
        warn(message + _shown_as(token), subtype, location, suggestion=hint)
        _plain_text(renderer, token)
