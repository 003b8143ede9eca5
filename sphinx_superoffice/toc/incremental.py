"""A toc.yml edit without re-reading pages.

The toc is read at ``config-inited``; at read time it leaves two marks on a page: the
hidden toctree of the page's children (:class:`~.events.TocTreeTransform`, which Sphinx's
toctree collector turns into ``env.tocs``/``env.toctree_includes``/...) and the
``orphan`` metadata of a page in no toc. When only the toc changed, the pages themselves
did not: instead of reading every page again, :func:`update_toctrees` swaps the hidden
toctree in the stored doctree of each page whose children changed, runs Sphinx's own
toctree collector on it again, and fixes the ``orphan`` marks, so the environment is the
one a clean build would have. Every page is then written again (the nav is on every page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors.toctree import TocTreeCollector

from ..state import get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .model import TocModel

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

    Returns whether there was such an edit (then every page must be written again)."""
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
