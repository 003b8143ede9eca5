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

(Sphinx's highlight-language transform has its own short path, in
:mod:`.highlighting`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.references import SphinxDanglingReferences

from ._sphinx import replace_transform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: what the dangling-reference visitor and its target check act on
_DANGLING = (nodes.reference, nodes.footnote_reference, nodes.citation_reference, nodes.target)


class _DanglingReferences(SphinxDanglingReferences):
    """Sphinx's dangling-reference check, run only on a page with a target or a
    reference that still waits for its name."""

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(_DANGLING):
            if isinstance(node, nodes.target) or (
                not node.resolved and node.hasattr("refname")
            ):
                super().apply(**kwargs)
                return


def setup_walks(app: Sphinx) -> None:
    replace_transform(app, SphinxDanglingReferences, _DanglingReferences)
