"""Per-page tables kept in the environment, and the one collector that keeps them.

Some facts a page's reading finds are needed later, by the whole build: the warnings
made while it was read (:mod:`.report.capture`), the languages of its code blocks
(:mod:`.highlighting`). Each lives in a ``docname -> value`` dict on ``env`` (pickled
with it, so an incremental build keeps the values of the pages it does not read
again), kept right by a :class:`PageTableCollector`: ``clear_doc`` when a page is read
again or removed, ``merge_other`` for the pages a parallel reader read. A concern
subclasses it with its attribute name and registers the subclass with
``app.add_env_collector``::

    class CodeLanguageCollector(PageTableCollector[frozenset[str]]):
        attribute = "superoffice_code_languages"

    CodeLanguageCollector.table(env)[env.docname] = frozenset({"python"})
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from sphinx.environment.collectors import EnvironmentCollector

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

V = TypeVar("V")


class PageTableCollector(EnvironmentCollector, Generic[V]):
    """Keeps the ``docname -> value`` table ``env.<attribute>`` across parallel reads
    and incremental builds; what fills it is the concern's own (a transform, a log
    filter), so :meth:`process_doc` does nothing."""

    #: the attribute of ``env`` that holds the table
    attribute: ClassVar[str]

    @classmethod
    def table(cls, env: BuildEnvironment) -> dict[str, V]:
        """The table in ``env``, created empty on first use."""
        found: dict[str, V] | None = getattr(env, cls.attribute, None)
        if found is None:
            found = {}
            setattr(env, cls.attribute, found)
        return found

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.table(env).pop(docname, None)

    def merge_other(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        docnames: AbstractSet[str],
        other: BuildEnvironment,
    ) -> None:
        ours, theirs = self.table(env), self.table(other)
        for docname in docnames:
            if docname in theirs:
                ours[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        pass
