"""Transforms of Sphinx and docutils that visit every node of every page, run only on
a page where they would change something.

A transform that looks for nodes of some classes walks the page once; one that calls a
visitor method for every node costs several times that (on an API page of 480 nodes,
Sphinx's dangling-reference check took 1 ms, a walk for one class 0.18 ms). Where one
walk for the classes such a transform acts on shows that it would change nothing, it
is skipped; otherwise the original runs, unchanged.

- :class:`_DanglingReferences` (docutils' ``DanglingReferences`` as Sphinx runs it):
  its visitor resolves references that still have a ``refname`` (reStructuredText's
  named hyperlinks, footnotes and citations), then reports unreferenced targets.
  MyST and this extension make references that are already resolved or refer by
  ``refuri``, so on a page without a target and without such a reference it does
  nothing.

- Post-transforms that look for nodes only reading makes (C and C++ ``alias``
  nodes, ``only`` nodes, images, API signatures) ask :func:`has_nodes` first: the
  classes of a page's nodes are counted in one walk when its post-transforms start
  (:class:`NodeCensus`), so a page without images skips Sphinx's two image walks and
  this extension's lightbox walk, and every DocFX page the C and C++ domains' alias
  walks. They run in the main process of a parallel write, where the writers wait
  for each resolved page. The count holds for these because no post-transform before
  them makes such nodes (Sphinx's, sphinx-design's and this extension's: resolved
  references, component HTML); an extension whose post-transform made images before
  priority 100 would have them left alone by Sphinx's image download.

- Four of Sphinx's read transforms find their nodes with a ``NodeMatcher``, which makes
  docutils call a Python function for every node of the page (0.9 ms each on an API
  page, five times a walk for one class): the translatable nodes before translation,
  the count of translated messages, footnotes for LaTeX and translatable inlines.
  :data:`_READ_FASTER` finds the same nodes by class, the originals running where
  there is something for them to do.

- Read transforms that look only for nodes of some classes (substitution references,
  targets, block quotes, citations, glossaries, transitions, numbered figures and
  tables, doctest blocks; docutils' and Sphinx's) are taken off a page's list of
  transforms when the page has no node of those classes (:class:`ReadCensus`, one
  walk after translation). Each would walk the page to find nothing: on an API page of
  460 nodes about 0.09 ms each. The census holds because no transform between it and
  them makes such nodes, except docutils' substitutions and ``pending`` nodes' own
  transforms (a page with either keeps every transform) and MyST's footnote
  collector (a transition: a page with footnotes keeps the transition check). A page
  with a transform of another package keeps every transform.

(Sphinx's highlight-language transform has its own short path, in
:mod:`.highlighting`, which asks the census too.)
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import docutils
from docutils import nodes
from docutils.transforms import Transform, misc, references
from sphinx import addnodes
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.builders.latex.transforms import FootnoteDocnameUpdater
from sphinx.domains.citation import CitationDefinitionTransform, CitationReferenceTransform
from sphinx.transforms import (
    AutoNumbering,
    DefaultSubstitutions,
    DoctestTransform,
    GlossarySorter,
    HandleCodeBlocks,
    MoveModuleTargets,
    ReorderConsecutiveTargetAndIndexNodes,
    SphinxTransform,
)
from sphinx.transforms.i18n import (
    PreserveTranslatableMessages,
    RemoveTranslatableInline,
    TranslationProgressTotaliser,
)
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.transforms.references import SphinxDanglingReferences

from ._sphinx import replace_post_transform, replace_transform
from .parallel import KNOWN_PACKAGES
from .state import get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: what the dangling-reference visitor and its target check act on
_DANGLING = (nodes.reference, nodes.footnote_reference, nodes.citation_reference, nodes.target)


class _DanglingReferences(SphinxDanglingReferences):
    """Sphinx's dangling-reference check, run only on a page with a target or a
    reference that still waits for its name."""

    def apply(self, **kwargs: Any) -> None:
        # (docutils 0.21's findall takes one class, not a tuple)
        for node in self.document.findall(nodes.Element):
            if not isinstance(node, _DANGLING):
                continue
            if isinstance(node, nodes.target) or (not node.resolved and node.hasattr("refname")):
                super().apply(**kwargs)
                return


class _PreserveTranslatableMessages(PreserveTranslatableMessages):
    """The translatable nodes, found by class (as the ``NodeMatcher`` does)."""

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(addnodes.translatable):
            node.preserve_original_messages()


class _TranslationProgressTotaliser(TranslationProgressTotaliser):
    """The elements with a ``translated`` attribute, counted in a walk by class."""

    def apply(self, **kwargs: Any) -> None:
        builder = get_state(self.env).builder
        if builder is None or isinstance(builder, MessageCatalogBuilder):
            super().apply(**kwargs)  # (Sphinx leaves the document without a count)
            return
        total = translated = 0
        for node in self.document.findall(nodes.Element):
            if "translated" in node.attributes:
                total += 1
                if node["translated"]:
                    translated += 1
        self.document["translation_progress"] = {"total": total, "translated": translated}


class _FootnoteDocnameUpdater(FootnoteDocnameUpdater):
    """Sphinx's, on a page with a footnote or a footnote reference."""

    def apply(self, **kwargs: Any) -> None:
        for kind in self.TARGET_NODES:
            if next(self.document.findall(kind), None) is not None:
                super().apply(**kwargs)
                return


class _RemoveTranslatableInline(RemoveTranslatableInline):
    """Sphinx's, on a page with a translatable inline."""

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.inline):
            if "translatable" in node.attributes:
                super().apply(**kwargs)
                return


#: Sphinx's read transforms that walk with a ``NodeMatcher``, and what replaces each
_READ_FASTER: tuple[tuple[type[Transform], type[Transform]], ...] = (
    (PreserveTranslatableMessages, _PreserveTranslatableMessages),
    (TranslationProgressTotaliser, _TranslationProgressTotaliser),
    (FootnoteDocnameUpdater, _FootnoteDocnameUpdater),
    (RemoveTranslatableInline, _RemoveTranslatableInline),
)


#: docutils 1.0 writes doctests as literal blocks, which Sphinx's doctest transform checks
_DOCTESTS: tuple[type[nodes.Element], ...] = (
    (nodes.doctest_block, nodes.literal_block)
    if docutils.__version_info__[:2] >= (1, 0)
    else (nodes.doctest_block,)
)

#: read transforms (docutils' and Sphinx's) that act only on nodes of these classes
#: (AutoNumbering's are the standard domain's numbered kinds: :func:`_read_gates`)
_READ_GATED: tuple[tuple[type[Transform], tuple[type[nodes.Node], ...]], ...] = (
    (DefaultSubstitutions, (nodes.substitution_reference,)),
    (references.Substitutions, (nodes.substitution_reference,)),
    (MoveModuleTargets, (nodes.target,)),
    (HandleCodeBlocks, (nodes.block_quote,)),
    (ReorderConsecutiveTargetAndIndexNodes, (nodes.target,)),
    (references.PropagateTargets, (nodes.target,)),
    (references.AnonymousHyperlinks, (nodes.reference, nodes.target)),
    (DoctestTransform, _DOCTESTS),
    (GlossarySorter, (addnodes.glossary,)),
    (CitationDefinitionTransform, (nodes.citation,)),
    (CitationReferenceTransform, (nodes.citation_reference,)),
    (references.ExternalTargets, (nodes.target,)),
    (references.InternalTargets, (nodes.target,)),
    (_FootnoteDocnameUpdater, tuple(FootnoteDocnameUpdater.TARGET_NODES)),
    # MyST's footnote collector (623) may end the footnotes with a transition
    (misc.Transitions, (nodes.transition, nodes.footnote)),
)
#: a page with one of these keeps every transform: a substitution brings in any node,
#: and a ``pending`` node's transform may make any
_GENERATIVE = (nodes.substitution_reference, nodes.substitution_definition, nodes.pending)


class ReadCensus(SphinxTransform):
    """Take off the page's list of transforms each of :data:`_READ_GATED` that has no
    node to act on (see the module's docstring)."""

    default_priority = 30  # after translation (20), which may bring any node

    def apply(self, **kwargs: Any) -> None:
        pending = self.document.transformer.transforms
        classes = {entry[1] for entry in pending}
        if any(cls.__module__.split(".")[0] not in KNOWN_PACKAGES for cls in classes):
            return
        kinds = frozenset(map(type, self.document.findall()))
        if any(issubclass(kind, _GENERATIVE) for kind in kinds):
            return
        skipped = _skipped(self.env, kinds)
        if skipped & classes:
            # (docutils' Transformer pops them from the end: the order is kept)
            pending[:] = [e for e in pending if e[2] is not None or e[1] not in skipped]


def _read_gates(env: Any) -> dict[type[Transform], tuple[type[nodes.Node], ...]]:
    numbered = tuple(env.get_domain("std").enumerable_nodes)
    return {**dict(_READ_GATED), AutoNumbering: numbered}


@dataclass
class _Gates:
    """Per build: the read transforms each set of node classes skips."""

    skipped: dict[frozenset[type], frozenset[type]] = field(default_factory=dict)


def _skipped(env: Any, kinds: frozenset[type]) -> frozenset[type]:
    cache = get_state(env).slot(_Gates).skipped
    found = cache.get(kinds)
    if found is None:
        found = cache[kinds] = frozenset(
            transform
            for transform, targets in _read_gates(env).items()
            if not any(issubclass(kind, targets) for kind in kinds)
        )
    return found


#: the attribute of a document object being resolved: the classes of its nodes
_KINDS = "_superoffice_node_kinds"


class NodeCensus(SphinxPostTransform):
    """Count the classes of the page's nodes before any other post-transform runs."""

    default_priority = 1

    def run(self, **kwargs: Any) -> None:
        setattr(self.document, _KINDS, frozenset(map(type, self.document.findall())))


def node_kinds(document: nodes.document) -> frozenset[type] | None:
    """The classes of the nodes ``document`` had when its post-transforms started (None
    outside them, or for a document resolved without :class:`NodeCensus`)."""
    kinds: frozenset[type] | None = getattr(document, _KINDS, None)
    return kinds


def has_nodes(document: nodes.document, classes: type | tuple[type, ...]) -> bool:
    """Whether ``document`` had a node of ``classes`` when its post-transforms started
    (true if they were not counted)."""
    kinds = node_kinds(document)
    return kinds is None or any(issubclass(kind, classes) for kind in kinds)


def skipped_without(
    transform: type[Transform], classes: type | tuple[type, ...]
) -> type[Transform]:
    """``transform``, skipped on a page without a node of ``classes`` (which no
    post-transform before it makes)."""

    def apply(self: Any, **kwargs: Any) -> None:
        if has_nodes(self.document, classes):
            transform.apply(self, **kwargs)

    return type(transform.__name__, (transform,), {"apply": apply, "__module__": __name__})


#: (module, class, the node classes it acts on): post-transforms of Sphinx whose nodes
#: only reading makes
_GATED = (
    ("sphinx.domains.c", "AliasTransform", ("sphinx.domains.c", "AliasNode")),
    ("sphinx.domains.cpp", "AliasTransform", ("sphinx.domains.cpp", "AliasNode")),
    ("sphinx.transforms.post_transforms", "OnlyNodeTransform", addnodes.only),
    ("sphinx.transforms.post_transforms", "PropagateDescDomain", addnodes.desc_signature),
    ("sphinx.transforms.post_transforms.images", "ImageDownloader", nodes.image),
    ("sphinx.transforms.post_transforms.images", "DataURIExtractor", nodes.image),
)


def setup_walks(app: Sphinx) -> None:
    replace_transform(app, SphinxDanglingReferences, _DanglingReferences)
    app.add_transform(ReadCensus)
    for original, faster in _READ_FASTER:
        replace_transform(app, original, faster)
    app.add_post_transform(NodeCensus)
    for module_name, name, kinds in _GATED:
        try:
            transform = getattr(importlib.import_module(module_name), name)
            if isinstance(kinds, tuple):  # a node class of the transform's own module
                kinds = getattr(importlib.import_module(kinds[0]), kinds[1])
        except (ImportError, AttributeError):  # not in this version of Sphinx
            continue
        replace_post_transform(app, transform, skipped_without(transform, kinds))
