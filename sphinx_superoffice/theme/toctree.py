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
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import TocTree

from ..state import get_state

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
        return local_toctree(app, pagename, **kwargs)

    return toctree


def local_toctree(app: Sphinx, pagename: str, collapse: bool = True, **kwargs: Any) -> str:
    """What ``StandaloneHTMLBuilder._get_local_toctree`` returns, from the cached tree."""
    builder = cast("StandaloneHTMLBuilder", app.builder)
    if "includehidden" not in kwargs:
        kwargs["includehidden"] = False
    if kwargs.get("maxdepth") == "":
        kwargs.pop("maxdepth")
    tree = global_toctree(app, pagename, collapse=collapse, **kwargs)
    return str(builder.render_partial(tree)["fragment"])


def global_toctree(
    app: Sphinx,
    pagename: str,
    *,
    collapse: bool = False,
    includehidden: bool = True,
    maxdepth: int = 0,
    titles_only: bool = False,
) -> nodes.Element | None:
    """``sphinx.environment.adapters.toctree.global_toctree_for_doc``, resolved once."""
    env, builder = app.env, app.builder
    cache = get_state(env).slot(ToctreeCache)
    if cache.uses_tocdepth is None:
        cache.uses_tocdepth = any(int(m.get("tocdepth", 0) or 0) > 0 for m in env.metadata.values())
    key = (bool(includehidden), bool(titles_only))
    resolved = cache.resolved.get(key)
    if resolved is None:
        resolved = cache.resolved[key] = _resolve(app, *key)
    if cache.uses_tocdepth or (collapse and len(resolved.refs.get(pagename, ())) > 1):
        return _sphinx_global_toctree(
            app,
            pagename,
            collapse=collapse,
            includehidden=includehidden,
            maxdepth=maxdepth,
            titles_only=titles_only,
        )
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
