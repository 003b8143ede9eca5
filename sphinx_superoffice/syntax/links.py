"""Relative links the way DocFX resolves them (dfm-spec §10, issue 3).

Every link that is not a URL goes through :func:`render_link_unknown`:

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
  the output;
- anything else warns once, suggests the closest existing file, and renders as
  plain text: never a dead link.

Raw ``<a href="…">text</a>`` with a relative or ``#`` ``href`` (the corpus uses
them for ``download`` links) is turned into a link token by an inline rule, so it
gets the same treatment. ``#anchor`` links on the same page resolve in the same place.
"""

from __future__ import annotations

import difflib
import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.matching import Matcher

from ..config import project_root, source_dir
from ..references import get_domain
from ..state import get_state
from ..warnings_ import SoWarning

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.environment import BuildEnvironment

    from ..renderer import DocfxRenderer

REGEX_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
#: The page-like suffixes: a link to one of these is a page link, never a download.
PAGE_SUFFIXES = (".md", ".yml", ".yaml")

# --- raw <a href="…">…</a> ------------------------------------------------------------

_A_OPEN_RE = re.compile(r"<a(?P<attrs>(?:[ \t\n]+[^<>]*?)?)[ \t\n]*>", re.IGNORECASE)
_A_CLOSE_RE = re.compile(r"</a[ \t\n]*>", re.IGNORECASE)
_ATTR_RE = re.compile(
    r"""(?P<name>[A-Za-z_:][\w.:-]*)
        (?:[ \t\n]*=[ \t\n]*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s"'=<>`]+)))?""",
    re.VERBOSE,
)


def parse_attrs(text: str) -> dict[str, str]:
    """HTML attributes (entities decoded); a bare attribute has the value ``""``."""
    attrs: dict[str, str] = {}
    for m in _ATTR_RE.finditer(text):
        value = next((v for v in (m.group("dq"), m.group("sq"), m.group("uq")) if v), "")
        attrs.setdefault(m.group("name").lower(), html.unescape(value))
    return attrs


def html_link_rule(state: StateInline, silent: bool) -> bool:
    """``<a href="relative/path">text</a>`` → link tokens (the text parsed as Markdown)."""
    src = state.src
    pos = state.pos
    if src[pos : pos + 2].lower() != "<a" or state.linkLevel > 0:
        return False
    m = _A_OPEN_RE.match(src, pos, state.posMax)
    if not m:
        return False
    attrs = parse_attrs(m.group("attrs"))
    href = attrs.get("href")
    if not href or REGEX_SCHEME.match(href) or href.startswith("/"):
        return False  # URLs and site-absolute links stay raw HTML
    close = _A_CLOSE_RE.search(src, m.end(), state.posMax)
    nested = src.lower().find("<a", m.end(), close.start() if close else state.posMax)
    if nested >= 0 and _A_OPEN_RE.match(src, nested, state.posMax):
        # <a href=x><a href=x>text</a>: a browser closes the first <a> at the second,
        # so it is an empty, invisible link; drop it rather than emit a dead raw href
        state.pos = m.end()
        return True
    if not close:
        return False
    if silent:
        return True
    token = state.push("link_open", "a", 1)
    token.attrs = {"href": state.md.normalizeLink(href)}
    if "title" in attrs:
        token.attrs["title"] = attrs["title"]
    token.info = "html"
    token.meta = {"download": "download" in attrs}
    old_max = state.posMax
    state.pos, state.posMax = m.end(), close.start()
    state.linkLevel += 1
    state.md.inline.tokenize(state)
    state.linkLevel -= 1
    state.pos, state.posMax = close.end(), old_max
    state.push("link_close", "a", -1)
    return True


def html_links_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("html_inline", "dfm_html_link", html_link_rule)


# --- where a token is -------------------------------------------------------------------


def token_line(token: SyntaxTreeNode) -> int:
    """The 1-based line of an inline token: its block's line plus the line breaks before it."""
    block: SyntaxTreeNode | None = token
    while block is not None and not block.map:
        block = block.parent
    # the renderer has already made token maps 1-based (myst's ``_render_tokens``)
    first = block.map[0] if block is not None and block.map else 0
    inline = token.parent
    while inline is not None and inline.type != "inline":
        inline = inline.parent
    if inline is None:
        return first
    breaks = 0
    stack = list(reversed(inline.children))
    while stack:
        node = stack.pop()
        if node is token:
            break
        if node.type in ("softbreak", "hardbreak"):
            breaks += 1
        stack.extend(reversed(node.children))
    return first + breaks


# --- the file index: case-insensitive lookup and suggestions -----------------------------

_SKIP_DIRS = ("_build", "node_modules", "__pycache__")


class FileIndex:
    """Every file and folder under ``root``, by lower-cased relative path.

    Listed once per build (a link with other letter case, or a broken one, asks it);
    "did you mean" arranges it by folder and by file name on the first broken link.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        #: lower-cased relative path -> real relative paths
        self.paths: dict[str, list[str]] = {}
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS
            )
            rel_dir = Path(dirpath).relative_to(root).as_posix()
            prefix = "" if rel_dir == "." else rel_dir + "/"
            for name in [*dirnames, *sorted(filenames)]:
                rel = prefix + name
                self.paths.setdefault(rel.lower(), []).append(rel)
        self._suggestions: _Suggestions | None = None

    def find_case_insensitive(self, path: Path) -> Path | None:
        """The existing path that equals ``path`` but for letter case, if exactly one does."""
        if not path.is_relative_to(self.root):
            return None
        matches = self.paths.get(path.relative_to(self.root).as_posix().lower(), [])
        return self.root / matches[0] if len(matches) == 1 else None

    def suggest(self, target: Path, relative_to: Path) -> str | None:
        """The closest existing file to a missing ``target``, relative to ``relative_to``."""
        if not target.is_relative_to(self.root):
            return None
        if self._suggestions is None:
            self._suggestions = _Suggestions(self.paths)
        match = self._suggestions.closest(target.relative_to(self.root).as_posix())
        if match is None:
            return None
        return Path(os.path.relpath(self.root / match, relative_to)).as_posix()


@dataclass
class FileIndexes:
    """Per build: the :class:`FileIndex` of each root, listed on first use."""

    roots: dict[Path, FileIndex] = field(default_factory=dict)

    def of(self, root: Path) -> FileIndex:
        index = self.roots.get(root)
        if index is None:
            index = self.roots[root] = FileIndex(root)
        return index


def file_index(env: BuildEnvironment, root: Path) -> FileIndex:
    """This build's listing of ``root``."""
    return get_state(env).slot(FileIndexes).of(root)


class _Suggestions:
    """A file index arranged for "did you mean": by folder and by file name.

    Each answer is remembered, since a broken link in a shared include breaks on
    every page that includes it.
    """

    def __init__(self, index: dict[str, list[str]]) -> None:
        self.children: dict[str, list[str]] = {}  # lower-cased folder → real paths in it
        self.names: dict[str, list[str]] = {}  # lower-cased file name → real paths
        for key, paths in index.items():
            if not paths:
                continue
            folder, _, name = key.rpartition("/")
            self.children.setdefault(folder, []).append(paths[0])
            self.names.setdefault(name, []).append(paths[0])
        self.answers: dict[str, str | None] = {}

    def closest(self, rel: str) -> str | None:
        if rel not in self.answers:
            self.answers[rel] = self._closest(rel)
        return self.answers[rel]

    def _closest(self, rel: str) -> str | None:
        folder, _, name = rel.lower().rpartition("/")
        # a sibling with a similar name (a typo)
        match = difflib.get_close_matches(rel, self.children.get(folder, []), n=1, cutoff=0.6)
        if match:
            return match[0]
        # a moved file: the same name elsewhere, in a similar folder. A name like index.md
        # has hundreds of namesakes, so rank them by the folder names they share first
        namesakes = self.names.get(name, [])
        wanted = set(folder.split("/"))
        namesakes = sorted(
            namesakes, key=lambda path: -len(wanted.intersection(path.lower().split("/")))
        )[:_NAMESAKES]
        match = difflib.get_close_matches(rel, namesakes, n=1, cutoff=0.8)
        return match[0] if match else None


_NAMESAKES = 20


# --- classification ---------------------------------------------------------------------


@dataclass
class LinkTarget:
    """What a relative link points at."""

    kind: str  # "doc", "download", "tree" or "missing"
    path: Path | None = None
    docname: str = ""
    url: str = ""
    tree_base: str = ""
    case_fixed: bool = False
    reason: str = "not found"
    out_of_tree: bool = False


def _docname_of(env: BuildEnvironment, path: Path) -> str | None:
    srcdir = source_dir(env)
    if not path.is_relative_to(srcdir):
        return None
    docname = env.path2doc(str(path))
    return docname if docname and docname in env.found_docs else None


def _existing(path: Path, index: FileIndex) -> tuple[Path | None, bool]:
    """``path`` itself if it exists, else its case-insensitive twin; and whether case differed."""
    if path.exists():
        return path, False
    twin = index.find_case_insensitive(path)
    return (twin, True) if twin is not None else (None, False)


def _folder_page(folder: Path, index: FileIndex) -> tuple[Path | None, bool]:
    for name in ("index.md", "index.yml"):
        found, fixed = _existing(folder / name, index)
        if found is not None and found.is_file():
            return found, fixed
    return None, False


def _is_tree_page(env: BuildEnvironment, path: Path, tree_dir: Path) -> bool:
    """Whether another tree's build (same conf.py) makes a page of ``path``.

    Its ``exclude_patterns`` and source suffixes are this build's; a ``.yml`` page
    that is not a source is a page only through its ``.md`` twin.
    """
    suffix = path.suffix.lower()
    if suffix not in PAGE_SUFFIXES:
        return True  # a file, served as it is
    if Matcher(env.config.exclude_patterns)(path.relative_to(tree_dir).as_posix()):
        return False
    if suffix == ".yml":
        # a .yml is a page only as a landing page (or through its .md twin)
        return _is_landing_yaml(path) or path.with_suffix(".md").is_file()
    if suffix == ".md" or suffix in env.config.source_suffix:
        return True
    return path.with_suffix(".md").is_file()


def _is_landing_yaml(path: Path) -> bool:
    from ..landing import LANDING_MIMES
    from ..sitepaths import yaml_mime

    try:
        with path.open("rb") as fh:
            head = fh.read(200).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    return yaml_mime(head) in LANDING_MIMES


def configured_trees(config: Any) -> dict[str, str]:
    """Other trees: ``superoffice_external_trees``, plus the language trees if configured.

    A ``superoffice_languages`` setting (``{"en": "../en"}``, language folders) with
    ``superoffice_language_url`` (``"../{lang}/"``) adds each language's folder, unless
    ``superoffice_external_trees`` names that folder already.
    """
    trees = dict(config.superoffice_external_trees)
    languages = getattr(config, "superoffice_languages", None) or {}
    template = str(getattr(config, "superoffice_language_url", None) or "../{lang}/")
    for code, folder in sorted(languages.items()):
        trees.setdefault(folder, template.replace("{lang}", code))
    return trees


def classify(env: BuildEnvironment, target: Path) -> LinkTarget:
    """Decide what an absolute, normalised link path is."""
    root = project_root(env)
    srcdir = source_dir(env)
    trees = configured_trees(env.config)
    index = file_index(env, root)
    found, fixed = _existing(target, index)
    if found is not None and found.is_dir():
        found, fixed2 = _folder_page(found, index)
        fixed = fixed or fixed2
    if found is not None and found.is_relative_to(srcdir):
        docname = _docname_of(env, found)
        if docname is not None:
            return LinkTarget("doc", found, docname=docname, case_fixed=fixed)
        if found.suffix.lower() == ".yml":
            docname = _docname_of(env, found.with_suffix(".md"))
            if docname is None:
                # a .yml landing page whose document is "x" (another suffix)
                maybe = env.path2doc(str(found))
                docname = maybe if maybe and maybe in env.found_docs else None
            if docname is not None:
                return LinkTarget("doc", found, docname=docname, case_fixed=fixed)
    elif found is None and target.suffix.lower() == ".yml" and target.is_relative_to(srcdir):
        md_twin, fixed = _existing(target.with_suffix(".md"), index)
        if md_twin is not None and (docname := _docname_of(env, md_twin)):
            return LinkTarget("doc", md_twin, docname=docname, case_fixed=fixed)
    # another language tree, built side by side or published elsewhere
    for key, base in sorted(trees.items()):
        tree_dir = (srcdir / key).resolve()
        if not target.is_relative_to(tree_dir) or srcdir.is_relative_to(tree_dir):
            continue
        if (
            tree_dir.is_dir()
            and found is not None
            and found.is_file()
            and found.suffix.lower() not in PAGE_SUFFIXES
        ):
            break  # a file of the other tree: a download of this build
        if tree_dir.is_dir():
            in_tree = found
            if in_tree is None and target.suffix.lower() == ".yml":
                in_tree, fixed = _existing(target.with_suffix(".md"), index)
            if in_tree is None or not in_tree.is_relative_to(tree_dir):
                return LinkTarget("missing", target, reason="is not found in the tree " + key)
            if in_tree.is_dir():
                in_tree, _ = _folder_page(in_tree, index)
                if in_tree is None:
                    return LinkTarget("missing", target, reason="has no index page in " + key)
            if not _is_tree_page(env, in_tree, tree_dir):
                return LinkTarget("missing", target, reason="is not a page of the tree " + key)
        else:
            in_tree = target
        rel = in_tree.relative_to(tree_dir).as_posix()
        if in_tree.suffix.lower() in PAGE_SUFFIXES:
            rel = rel.rsplit(".", 1)[0] + ".html"
        return LinkTarget("tree", in_tree, url=rel, tree_base=base, case_fixed=fixed)
    if found is None:
        if not target.is_relative_to(srcdir) and target.suffix.lower() in PAGE_SUFFIXES:
            return LinkTarget(
                "missing",
                target,
                reason="is outside the source tree and in no superoffice_external_trees entry",
                out_of_tree=True,
            )
        return LinkTarget("missing", target)
    if found.is_dir():
        return LinkTarget("missing", target, reason="is a folder without an index page")
    if found.suffix.lower() in PAGE_SUFFIXES:
        if found.is_relative_to(srcdir):
            reason = (
                "is a YAML page without a document of this build"
                if found.suffix.lower() != ".md"
                else "is not a page of this build (excluded)"
            )
            return LinkTarget("missing", found, reason=reason)
        return LinkTarget(
            "missing",
            found,
            reason="is outside the source tree and in no superoffice_external_trees entry",
            out_of_tree=True,
        )
    if not found.is_relative_to(root):
        return LinkTarget("missing", found, reason="is outside the project root", out_of_tree=True)
    return LinkTarget("download", found, case_fixed=fixed)


# --- rendering --------------------------------------------------------------------------


def split_href(href: str) -> tuple[str, str]:
    """``path?query#fragment`` → (path, fragment); DocFX drops the query of file links."""
    path, _, fragment = href.partition("#")
    path = path.partition("?")[0]
    return path, fragment


def _link_contents(renderer: DocfxRenderer, token: SyntaxTreeNode) -> nodes.inline:
    inner = nodes.inline("", "", classes=["xref", "superoffice"])
    with renderer.current_node_context(inner):
        renderer.render_children(token)
    return inner


def _xref_node(
    renderer: DocfxRenderer, token: SyntaxTreeNode, reftype: str, target: str, **attrs: str
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


def _plain_text(renderer: DocfxRenderer, token: SyntaxTreeNode, shown: str) -> None:
    """An unresolvable link: its text (or its target), without a link."""
    inner = _link_contents(renderer, token)
    if not inner.children:
        inner += nodes.Text(shown)
    inner["classes"] = ["xref", "superoffice", "unresolved"]
    renderer.current_node.append(inner)


def render_link_anchor(renderer: DocfxRenderer, token: SyntaxTreeNode, target: str) -> None:
    """``[text](#anchor)``: an anchor of the page (includes link into the including page)."""
    target = renderer.md.normalizeLinkText(target)
    anchor = target[1:]
    node = _xref_node(
        renderer, token, "doc", renderer.sphinx_env.docname, so_anchor=anchor, so_href=target
    )
    renderer.current_node.append(node)


def render_link_unknown(renderer: DocfxRenderer, token: SyntaxTreeNode) -> None:
    """A link that is not a URL: a page, an anchor, another tree or a download."""
    href = renderer.md.normalizeLinkText(str(token.attrGet("href") or "")).strip()
    if REGEX_SCHEME.match(href) or href.startswith(("/", "//")):
        renderer.render_link_url(token)  # tel:, file:, site-absolute … stay as written
        return
    path, fragment = split_href(href.replace("\\", "/"))
    if not path:
        render_link_anchor(renderer, token, "#" + fragment)
        return
    env = renderer.sphinx_env
    root = project_root(env)
    here = renderer.current_source_path()
    base = root if path.startswith("~/") else here.parent
    target = Path(os.path.normpath(base / path.removeprefix("~/")))
    location = f"{here}:{token_line(token)}"
    resolved = classify(env, target)
    if resolved.case_fixed and resolved.path is not None:
        actual = Path(os.path.relpath(resolved.path, here.parent)).as_posix()
        renderer.so_warning(
            f"link target {path!r} differs only by letter case from {actual!r}; "
            "linked to it (fix the case: it breaks on case-sensitive hosts)",
            SoWarning.LINK_CASE,
            location,
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
        hint = None if target.exists() else file_index(env, root).suggest(target, here.parent)
        message = f"link target {path!r} {resolved.reason}"
        if hint:
            message += f"; did you mean {hint!r}?"
        subtype = SoWarning.LINK_OUT_OF_TREE if resolved.out_of_tree else SoWarning.LINK_MISSING
        renderer.so_warning(message + " (rendered as text)", subtype, location)
        _plain_text(renderer, token, path)
