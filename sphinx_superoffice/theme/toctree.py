"""Sphinx's ``toctree()`` template function, resolved once per build, for every theme.

A theme that draws the global toctree on every page (alabaster, furo, sphinx-rtd-theme)
makes Sphinx resolve the whole toctree for every page: pages × entries. Here each
root toctree is resolved once per build and set of options, for no page in particular
(no ``current`` marks, links as docnames); a page then only marks its own branch, copies
what ``collapse`` keeps (with ``collapse=True`` that is the top level and the page's
trail) and makes its links relative, as Sphinx's ``_resolve_toctree`` does.

Where the result of Sphinx could depend on the page in another way (a document with
``tocdepth`` metadata; with ``collapse``, a page listed twice) Sphinx's own function is
called for that page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import TocTree
from sphinx.util.osutil import relative_uri

from ..state import get_state
from ..toc.incremental import note_global_toctree

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

#: a docname no page has: resolving for it marks no entry ``current``
_NOBODY = "\x00"
_START, _END = "\x00", "\x01"


class _DocnameBuilder:
    """Stands in for the builder while resolving: links become ``\\x00docname\\x01``."""

    def __init__(self, builder: Builder) -> None:
        self.tags = builder.tags

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return _START + to + _END


@dataclass
class _Resolved:
    """One option set's resolved root toctrees and, per docname, the links to it."""

    trees: list[tuple[nodes.Element, int]]  # with the toctree's own ``maxdepth``
    refs: dict[str, list[nodes.reference]]


@dataclass
class ToctreeCache:
    """The resolved global toctrees of the running build (a build-state slot)."""

    resolved: dict[tuple[bool, bool], _Resolved] = field(default_factory=dict)
    uses_tocdepth: bool | None = None
    #: per option set: whether :func:`fast_html` gave docutils' HTML on the first page
    checked: dict[tuple[Any, ...], bool] = field(default_factory=dict)
    #: the HTML inside a link whose title is more than text (``code``, emphasis...)
    inner_html: dict[int, str] = field(default_factory=dict)
    #: the HTML of a top-level entry off the page's branch, per output folder
    folder_html: dict[tuple[str, bool, int, int], str] = field(default_factory=dict)


def setup_toctree(app: Sphinx) -> None:
    # early, so that a theme wrapping ``toctree`` wraps this one
    app.connect("html-page-context", _page_context, priority=100)


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    builder = app.builder
    own = getattr(type(builder), "_get_local_toctree", None)
    if own is not StandaloneHTMLBuilder._get_local_toctree:
        return  # singlehtml and others draw the toctree their own way
    if "toctree" not in context:
        return
    context["toctree"] = _make_toctree(app, pagename)


def _make_toctree(app: Sphinx, pagename: str) -> Callable[..., str]:
    def toctree(**kwargs: Any) -> str:
        note_global_toctree(app)  # a toc edit then writes every page again
        return local_toctree(app, pagename, **kwargs)

    return toctree


def local_toctree(app: Sphinx, pagename: str, collapse: bool = True, **kwargs: Any) -> str:
    """What ``StandaloneHTMLBuilder._get_local_toctree`` returns, from the cached tree.

    The HTML is written here (:class:`_Html`), and each top-level entry off the page's
    branch is reused by every page of the same output folder; the first page of each
    option set is also rendered by docutils, and if the two differ, docutils renders
    every page of that option set.
    """
    builder = cast("StandaloneHTMLBuilder", app.builder)
    if "includehidden" not in kwargs:
        kwargs["includehidden"] = False
    if kwargs.get("maxdepth") == "":
        kwargs.pop("maxdepth")
    cache = get_state(app.env).slot(ToctreeCache)
    key = (bool(collapse), *sorted(kwargs.items()))
    checked = cache.checked.get(key)
    fast = None
    if checked is not False:
        fast = fast_html(app, pagename, collapse=collapse, **kwargs)
        if checked is True and fast is not None:
            return fast
    tree = global_toctree(app, pagename, collapse=collapse, **kwargs)
    html = str(builder.render_partial(tree)["fragment"])
    if checked is None and fast is not None:
        cache.checked[key] = fast == html
    return html


def _resolved_for(
    app: Sphinx, pagename: str, includehidden: bool, titles_only: bool, collapse: bool
) -> _Resolved | None:
    """The root toctrees resolved once per option set; None where Sphinx's own function
    must draw this page (``tocdepth`` metadata anywhere, or collapse on a page listed twice)."""
    env = app.env
    cache = get_state(env).slot(ToctreeCache)
    if cache.uses_tocdepth is None:
        cache.uses_tocdepth = any(int(m.get("tocdepth", 0) or 0) > 0 for m in env.metadata.values())
    key = (bool(includehidden), bool(titles_only))
    resolved = cache.resolved.get(key)
    if resolved is None:
        resolved = cache.resolved[key] = _resolve(app, *key)
    listed = [ref for ref in resolved.refs.get(pagename, ()) if not ref["anchorname"]]
    if cache.uses_tocdepth or (collapse and len(listed) > 1):
        return None
    return resolved


class ToctreeOptions(NamedTuple):
    """The options of Sphinx's ``toctree()`` template function that this module honours."""

    collapse: bool = False
    includehidden: bool = True
    maxdepth: int = 0
    titles_only: bool = False


def fast_html(app: Sphinx, pagename: str, **options: Any) -> str | None:
    """The toctree's HTML written without docutils (None where that is not possible);
    ``options`` are those of Sphinx's ``toctree()`` (:class:`ToctreeOptions`)."""
    collapse, includehidden, maxdepth, titles_only = ToctreeOptions(**options)
    builder = app.builder
    resolved = _resolved_for(app, pagename, includehidden, titles_only, collapse)
    if resolved is None:
        return None
    current, on_branch = _branch(resolved, pagename)
    uri = builder.get_target_uri(pagename)
    folder = uri.rsplit("/", 1)[0] + "/" if "/" in uri else ""
    parts: list[str] = []
    try:
        for tree, own_depth in resolved.trees:
            depth = int(maxdepth or 0) or own_depth
            page = _Marks(current, on_branch, collapse, depth, pagename, builder)
            html = _Html(
                page, get_state(app.env).slot(ToctreeCache), (folder, bool(collapse), depth)
            )
            html.tree(tree, folder + _NOBODY)
            parts.extend(html.body)
    except _Unsupported:
        return None
    return "".join(parts)


def global_toctree(app: Sphinx, pagename: str, **options: Any) -> nodes.Element | None:
    """``sphinx.environment.adapters.toctree.global_toctree_for_doc``, resolved once."""
    collapse, includehidden, maxdepth, titles_only = ToctreeOptions(**options)
    builder = app.builder
    resolved = _resolved_for(app, pagename, includehidden, titles_only, collapse)
    if resolved is None:
        return _sphinx_global_toctree(
            app,
            pagename,
            collapse=collapse,
            includehidden=includehidden,
            maxdepth=maxdepth,
            titles_only=titles_only,
        )
    current, on_branch = _branch(resolved, pagename)
    trees = []
    for tree, own_depth in resolved.trees:
        depth = int(maxdepth or 0) or own_depth
        marks = _Marks(current, on_branch, collapse, depth, pagename, builder)
        trees.append(marks.copy(tree, 1, initial=True)[0])
    if not trees:
        return None
    result = trees[0]
    for tree in trees[1:]:
        result.extend(tree.children)
    return result


def _branch(resolved: _Resolved, pagename: str) -> tuple[set[int], set[int]]:
    """The nodes Sphinx marks ``current`` (class) and ``iscurrent`` for ``pagename``."""
    current: set[int] = set()
    on_branch: set[int] = set()
    for ref in resolved.refs.get(pagename, ()):
        node: nodes.Element | None
        if not ref["anchorname"]:
            node = ref
            while node is not None:
                current.add(id(node))
                node = node.parent
        if id(ref.parent.parent) in on_branch:
            continue
        node = ref
        while node is not None:
            on_branch.add(id(node))
            node = node.parent
    return current, on_branch


def _resolve(app: Sphinx, includehidden: bool, titles_only: bool) -> _Resolved:
    env = app.env
    adapter = TocTree(env)
    proxy = cast("Builder", _DocnameBuilder(app.builder))
    trees = []
    for node in env.get_doctree(env.config.root_doc).findall(addnodes.toctree):
        tree = adapter.resolve(
            _NOBODY,
            proxy,
            node,
            prune=False,  # marks are made before pruning: pruned per page
            titles_only=titles_only,
            collapse=False,
            includehidden=includehidden,
        )
        if tree is not None:
            trees.append((tree, int(node.get("maxdepth", -1))))
    refs: dict[str, list[nodes.reference]] = {}
    for tree, _depth in trees:
        for ref in tree.findall(nodes.reference):
            uri = ref["refuri"]
            if uri.startswith(_START):
                refs.setdefault(uri[1 : uri.index(_END)], []).append(ref)
    return _Resolved(trees, refs)


@dataclass
class _Marks:
    """One page's marks on the cached tree, and the copy that applies them."""

    current: set[int]
    on_branch: set[int]
    collapse: bool
    maxdepth: int
    pagename: str
    builder: Builder

    def copy(
        self, node: nodes.Node, depth: int, *, initial: bool = False, parent_on: bool = False
    ) -> list[nodes.Element]:
        """``_toctree_copy_seq`` of Sphinx on the cached tree."""
        if isinstance(node, addnodes.compact_paragraph | nodes.list_item):
            copy = self._mark(node)
            on = id(node) in self.on_branch
            for sub in node.children:
                copy.extend(self.copy(sub, depth, parent_on=on))
            return [copy]
        if isinstance(node, nodes.bullet_list):
            on = id(node) in self.on_branch
            keep = depth <= 1 or (
                (depth <= self.maxdepth or self.maxdepth <= 0)
                and (not self.collapse or parent_on or on)
            )
            if not keep and not initial:
                return []
            copy = self._mark(node)
            for sub in node.children:
                copy.extend(self.copy(sub, depth + 1, parent_on=on))
            return [copy]
        if isinstance(node, nodes.reference):
            copy = self._mark(node)
            copy.extend(child.deepcopy() for child in node.children)
            uri = node["refuri"]
            if uri.startswith(_START):
                target = uri[1 : uri.index(_END)]
                rel = self.builder.get_relative_uri(self.pagename, target)
                copy["refuri"] = rel + node["anchorname"]
            return [copy]
        if isinstance(node, nodes.Element):
            return [node.deepcopy()]
        return []

    def _mark(self, node: nodes.Element) -> nodes.Element:
        copy = node.copy()
        if id(node) in self.current:
            copy["classes"].append("current")
        if id(node) in self.on_branch:
            copy["iscurrent"] = True
        return copy


def _sphinx_global_toctree(app: Sphinx, pagename: str, **options: Any) -> nodes.Element | None:
    from sphinx.environment.adapters.toctree import global_toctree_for_doc

    builder = app.builder
    try:
        return global_toctree_for_doc(app.env, pagename, builder, tags=builder.tags, **options)
    except TypeError:  # Sphinx < 9 has no ``tags`` argument
        return global_toctree_for_doc(app.env, pagename, builder, **options)


class _Unsupported(Exception):
    """A node :class:`_Html` does not write: docutils renders the page's toctree."""


_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord('"'): "&quot;", ord(">"): "&gt;"}
_ESCAPES[ord("@")] = "&#64;"
_SPACE = str.maketrans(dict.fromkeys("\n\r\t\v\f", " "))


def _encode(text: str) -> str:
    return text.translate(_ESCAPES)


def _classes(node: nodes.Element, marks: _Marks) -> list[str]:
    classes = list(node["classes"])
    if id(node) in marks.current:
        classes.append("current")
    return classes


class _Html:
    """The HTML docutils writes for a toctree (Sphinx's HTML5 translator), written
    directly from the cached tree with one page's marks; a top-level entry off the
    page's branch is written once per output folder."""

    def __init__(self, marks: _Marks, cache: ToctreeCache, key: tuple[str, bool, int]) -> None:
        self.marks = marks
        self.cache = cache
        self.folder_html = cache.folder_html
        self.key = key
        self.body: list[str] = []

    def tree(self, root: nodes.Element, base: str) -> None:
        for child in root.children:
            if isinstance(child, nodes.title):
                self.body.append(
                    '<p class="caption" role="heading"><span class="caption-text">'
                    f"{self._text(child)}</span></p>\n"
                )
            elif isinstance(child, nodes.bullet_list):
                self._list(child, 1, base, top=True)
            else:
                raise _Unsupported

    def _list(
        self, node: nodes.bullet_list, depth: int, base: str | None, *, top: bool = False
    ) -> None:
        if (
            set(node.attributes) - {"classes", "ids", "names", "dupnames", "backrefs", "iscurrent"}
            or node["ids"]
        ):
            raise _Unsupported
        classes = _classes(node, self.marks)
        self.body.append(f'<ul class="{" ".join(classes)}">\n' if classes else "<ul>\n")
        for item in node.children:
            if not isinstance(item, nodes.list_item):
                raise _Unsupported
            if top and id(item) not in self.marks.on_branch:
                key = (*self.key, id(item))
                html = self.folder_html.get(key)
                if html is None:
                    start = len(self.body)
                    self._item(item, depth, base)
                    html = self.folder_html[key] = "".join(self.body[start:])
                    del self.body[start:]
                self.body.append(html)
            else:
                self._item(item, depth, None)
        self.body.append("</ul>\n")

    def _item(self, node: nodes.list_item, depth: int, base: str | None) -> None:
        classes = _classes(node, self.marks)
        if node["ids"]:
            raise _Unsupported
        self.body.append(f'<li class="{" ".join(classes)}">' if classes else "<li>")
        on = id(node) in self.marks.on_branch
        for child in node.children:
            if isinstance(child, addnodes.compact_paragraph):
                for sub in child.children:
                    if not isinstance(sub, nodes.reference):
                        raise _Unsupported
                    self._reference(sub, base)
            elif isinstance(child, nodes.bullet_list):
                marks = self.marks
                keep = (depth + 1 <= marks.maxdepth or marks.maxdepth <= 0) and (
                    not marks.collapse or on or id(child) in marks.on_branch
                )
                if keep:
                    self._list(child, depth + 1, base)
            else:
                raise _Unsupported
        self.body.append("</li>\n")

    def _reference(self, node: nodes.reference, base: str | None) -> None:
        if (
            "refuri" not in node
            or any(k in node for k in ("reftitle", "target", "rel", "secnumber"))
            or node["ids"]
        ):
            raise _Unsupported
        uri = node["refuri"]
        if uri.startswith(_START):
            target = uri[1 : uri.index(_END)]
            builder = self.marks.builder
            if base is None:
                rel = builder.get_relative_uri(self.marks.pagename, target)
            else:
                rel = relative_uri(base, builder.get_target_uri(target))
            uri = rel + node["anchorname"]
        if uri.startswith("mailto:"):
            raise _Unsupported
        kind = "internal" if node.get("internal") else "external"
        classes = " ".join([*_classes(node, self.marks), "reference", kind])
        href = _encode((uri or "#").translate(_SPACE))
        self.body.append(f'<a class="{classes}" href="{href}">{self._text(node)}</a>')

    def _text(self, node: nodes.Element) -> str:
        if all(isinstance(c, nodes.Text) for c in node.children):
            return _encode(node.astext())
        inner = self.cache.inner_html.get(id(node))
        if inner is None:  # rendered by docutils once per build
            if not isinstance(node, nodes.reference):
                raise _Unsupported
            para = addnodes.compact_paragraph("", "")
            ref = nodes.reference("", "", refuri="#", internal=True)
            ref.extend(child.deepcopy() for child in node.children)
            para.append(ref)
            builder = cast("StandaloneHTMLBuilder", self.marks.builder)
            html = str(builder.render_partial(para)["fragment"])
            start, end = html.find(">") + 1, html.rfind("</a>")
            if not html.startswith("<a ") or end < start:
                raise _Unsupported
            inner = self.cache.inner_html[id(node)] = html[start:end]
        return inner
