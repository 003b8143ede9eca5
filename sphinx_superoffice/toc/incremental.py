"""A toc.yml edit without re-reading pages.

The toc is read at ``config-inited``; at read time it leaves two marks on a page: the
hidden toctree of the page's children (:class:`~.events.TocTreeTransform`, which Sphinx's
toctree collector turns into ``env.tocs``/``env.toctree_includes``/...) and the
``orphan`` metadata of a page in no toc. When only the toc changed, the pages themselves
did not: instead of reading every page again, :func:`update_toctrees` swaps the hidden
toctree in the stored doctree of each page whose children changed, runs Sphinx's own
toctree collector on it again, and fixes the ``orphan`` marks, so the environment is the
one a clean build would have. Then only the pages whose own nav, breadcrumbs or Sphinx
relations changed are written again (:func:`pages_to_write`), or every page when the
theme draws Sphinx's global toctree.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors.toctree import TocTreeCollector

from ..sitemodel import heading_text
from ..state import get_state
from .model import TocModel, nav_signatures

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


#: the attribute of ``env`` (pickled with it) holding the last build's toctree children
CHILDREN_ATTRIBUTE = "superoffice_toctree_children"
#: the metadata key that marks an ``orphan`` added because the page is in no toc
NOT_IN_TOC = "superoffice_not_in_toc"

#: the class of the wrapper around a page's hidden toctree
WRAPPER_CLASS = "superoffice-toctree"

Children = dict[str, list[tuple[str | None, str]]]


@dataclass
class TocEdit:
    """A toc edit found at ``env-get-outdated``: the previous children, the docs read."""

    previous: Children = field(default_factory=dict)
    read: set[str] = field(default_factory=set)
    pending: bool = False


def note_toc_edit(env: BuildEnvironment, previous: Children) -> None:
    """Remember that the toc changed since the last build."""
    edit = get_state(env).slot(TocEdit)
    edit.previous, edit.pending = previous, True


def note_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the pages read in this build get the new toc anyway."""
    get_state(env).slot(TocEdit).read.update(docnames)


def hidden_toctree(docname: str, entries: list[tuple[str | None, str]]) -> nodes.compound:
    """The hidden toctree of ``docname``'s children in the toc, in its wrapper."""
    toctree = addnodes.toctree()
    toctree["parent"] = docname
    toctree["entries"] = list(entries)
    toctree["includefiles"] = [doc for _, doc in entries]
    toctree["maxdepth"] = -1
    toctree["caption"] = None
    toctree["glob"] = False
    toctree["hidden"] = True
    toctree["includehidden"] = False
    toctree["numbered"] = 0
    toctree["titlesonly"] = False
    toctree["rawentries"] = []
    wrapper = nodes.compound(classes=["toctree-wrapper", WRAPPER_CLASS])
    wrapper += toctree
    return wrapper


def mark_not_in_toc(metadata: dict[str, object], listed: bool) -> None:
    """Set or clear the ``orphan`` of a page in no toc (an author's own ``orphan`` stays)."""
    if listed:
        if metadata.pop(NOT_IN_TOC, None) is not None:
            metadata.pop("orphan", None)
    else:
        if "orphan" not in metadata:
            metadata[NOT_IN_TOC] = "1"
        metadata["orphan"] = ""


def changed_children(previous: Children, current: Children) -> set[str]:
    """The pages whose hidden toctree differs between two models."""
    return {
        doc for doc in previous.keys() | current.keys() if previous.get(doc) != current.get(doc)
    }


def update_toctrees(app: Sphinx, env: BuildEnvironment, model: TocModel) -> bool:
    """After a toc edit, bring the pages not read in this build up to the new toc.

    Returns whether there was such an edit (then the pages whose toc-drawn parts changed
    are written again: :func:`pages_to_write`)."""
    edit = get_state(env).slot(TocEdit)
    if not edit.pending:
        return False
    edit.pending = False
    read = edit.read
    for doc in sorted(env.all_docs):
        if doc in read:
            continue
        listed = doc in model.occurrences or doc == model.root_doc
        mark_not_in_toc(env.metadata[doc], listed)
    for doc in sorted(
        changed_children(edit.previous, model.toctree_children) & env.all_docs.keys()
    ):
        if doc not in read:
            _swap_toctree(app, env, doc, model)
    return True


def _swap_toctree(app: Sphinx, env: BuildEnvironment, docname: str, model: TocModel) -> None:
    doctree = env.get_doctree(docname)
    for old in list(doctree.findall(_is_hidden_toctree)):
        old.parent.remove(old)
    entries = model.toctree_children.get(docname)
    if entries:
        doctree += hidden_toctree(docname, entries)
    collector = TocTreeCollector()
    collector.clear_doc(app, env, docname)
    current = env.current_document
    env.prepare_settings(docname)
    try:
        collector.process_doc(app, doctree)
    finally:
        env.current_document = current
    env._pickled_doctree_cache.pop(docname, None)
    app.builder.write_doctree(docname, doctree, _cache=False)


def _is_hidden_toctree(node: nodes.Node) -> bool:
    return isinstance(node, nodes.compound) and WRAPPER_CLASS in node["classes"]


# --- which pages to write again -------------------------------------------------------

#: the attribute of ``env`` (pickled with it) holding each page's navigation digest
SIGNATURES_ATTRIBUTE = "superoffice_nav_signatures"
#: a file in the doctree folder whose presence says that the theme drew Sphinx's global
#: ``toctree()`` on a page (then every page shows the whole toc); kept across builds
GLOBAL_TOCTREE_MARKER = "superoffice-global-toctree"


@dataclass
class GlobalToctree:
    """Whether this process noted the global toctree drawn (a build-state slot)."""

    noted: bool = False


def note_global_toctree(app: Sphinx) -> None:
    """The theme draws Sphinx's global toctree: a toc edit changes every page."""
    slot = get_state(app.env).slot(GlobalToctree)
    if not slot.noted:
        slot.noted = True
        (Path(app.doctreedir) / GLOBAL_TOCTREE_MARKER).touch()


def page_signatures(env: BuildEnvironment, model: TocModel) -> dict[str, str]:
    """``docname -> digest`` of what each page shows of the toc: its own nav (trail,
    siblings, children: :func:`~.model.nav_signatures`) and Sphinx's relations (parent
    chain, previous and next page, with their titles), which themes draw."""
    titles = {doc: heading_text(env, doc) for doc in env.titles}
    navs = nav_signatures(model.roots, titles)
    relations = env.collect_relations()
    out: dict[str, str] = {}
    for doc in env.found_docs:
        parts = [navs.get(doc, navs[""])]
        parent, prev, next_ = relations.get(doc, [None, None, None])
        chain = []
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = relations.get(parent, [None])[0]
        for other in (*chain, "\x1d", prev, next_):
            parts.append(f"{other}\x1f{titles.get(other or '', '')}")
        out[doc] = hashlib.sha256("\x1e".join(parts).encode()).hexdigest()[:16]
    return out


def pages_to_write(app: Sphinx, env: BuildEnvironment, model: TocModel, edited: bool) -> list[str]:
    """The pages not read whose toc-drawn parts changed since the last build: after a toc
    edit or a title change, only those are written again (every page when the theme
    draws the global toctree, or without the last build's digests)."""
    signatures = page_signatures(env, model)
    previous: dict[str, str] | None = getattr(env, SIGNATURES_ATTRIBUTE, None)
    setattr(env, SIGNATURES_ATTRIBUTE, signatures)
    if previous is None:
        return sorted(env.found_docs) if edited else []
    changed = sorted(doc for doc, digest in signatures.items() if previous.get(doc) != digest)
    if (edited or changed) and (Path(app.doctreedir) / GLOBAL_TOCTREE_MARKER).exists():
        return sorted(env.found_docs)
    return changed


class DrawnNav(list[Any]):
    """``superoffice_nav`` as templates get it: a list that notes (:data:`GLOBAL_TOCTREE_MARKER`)
    when a template walks it, i.e. draws the whole nav on the page, so that a toc edit
    then writes every page. Truth tests (``{% if superoffice_nav %}``) note nothing; this
    package's own code reads :attr:`plain`."""

    def __init__(self, items: list[Any], marker: Path) -> None:
        super().__init__(items)
        self.marker = marker

    @property
    def plain(self) -> list[Any]:
        return list(super().__iter__())

    def _note(self) -> None:
        if not self.marker.exists():
            self.marker.touch()

    def __bool__(self) -> bool:
        return super().__len__() > 0

    def __len__(self) -> int:
        self._note()
        return super().__len__()

    def __iter__(self) -> Iterator[Any]:
        self._note()
        return super().__iter__()

    def __getitem__(self, index: Any) -> Any:
        self._note()
        return super().__getitem__(index)

    def __reduce__(self) -> tuple[type[list[Any]], tuple[list[Any]]]:
        return (list, (self.plain,))


def drawn_nav(app: Sphinx, items: list[Any]) -> DrawnNav:
    """``items`` as the templates' ``superoffice_nav``."""
    return DrawnNav(items, Path(app.doctreedir) / GLOBAL_TOCTREE_MARKER)


def plain_nav(items: Any) -> Any:
    """The items of a ``superoffice_nav`` without noting anything."""
    return items.plain if isinstance(items, DrawnNav) else items
