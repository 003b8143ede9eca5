"""uids: front-matter ``uid`` values as cross-reference targets.

``SoDomain`` keeps ``uid -> (docname, line)`` so a duplicate is caught whichever
process read the pages (``merge_domaindata``), and each uid is also a std label,
so ``{ref}`uid``` works and ``objects.inv`` exports it for intersphinx.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import TYPE_CHECKING, Any

from sphinx.domains import Domain

from .warnings_ import SoWarning, warn

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class SoDomain(Domain):
    """Cross-document state of sphinx-superoffice."""

    name = "superoffice"
    label = "DocFX"
    initial_data = {"uids": {}}
    data_version = 1

    @property
    def uids(self) -> dict[str, str]:
        """uid -> docname."""
        return self.data["uids"]

    def clear_doc(self, docname: str) -> None:
        for uid, doc in list(self.uids.items()):
            if doc == docname:
                del self.uids[uid]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for uid, doc in otherdata["uids"].items():
            if doc in docnames:
                self.add_uid(uid, doc)

    def add_uid(self, uid: str, docname: str) -> bool:
        """Register a uid; warn (naming both files) and keep the first if it is taken."""
        other = self.uids.get(uid)
        if other is not None and other != docname:
            first, second = sorted((other, docname))
            warn(
                f"duplicate uid {uid!r}: declared by {self.env.doc2path(first)} "
                f"and {self.env.doc2path(second)}",
                SoWarning.DUPLICATE_UID,
                (second, 1),
            )
            return False
        self.uids[uid] = docname
        return True

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        yield from ()

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def page_title(env: BuildEnvironment, docname: str) -> str:
    meta = env.metadata.get(docname, {})
    if meta.get("title"):
        return str(meta["title"])
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def _register_uid(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    uid = str(env.metadata.get(docname, {}).get("uid") or "").strip()
    if not uid:
        return
    domain: SoDomain = env.domains["superoffice"]  # type: ignore[assignment]
    if domain.add_uid(uid, docname):
        std = env.domains.standard_domain
        # std labels are looked up lower-cased by the ``ref`` role
        std.labels[uid.lower()] = (docname, "", page_title(env, docname))
        std.anonlabels[uid.lower()] = (docname, "")


def setup_references(app: Sphinx) -> None:
    app.add_domain(SoDomain)
    app.connect("doctree-read", _register_uid)
