"""The ``superoffice`` domain: what each page declares, kept across incremental builds.

:class:`SoDomain` keeps, per page, its front-matter uid, every id its HTML carries
(section ids, DocFX slugs, explicit ``<a id>`` anchors, raw-HTML ids) and what its
links depend on, with ``clear_doc``/``merge_domaindata`` so ``-j N`` sees what
``-j 1`` sees. :func:`collect_page` fills it when a page has been read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Set
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import clean_astext, make_refnode

from ..sitemodel import heading_text, page_metadata
from ..warnings_ import SoWarning, warn

if TYPE_CHECKING:
    from sphinx import addnodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: ids in raw HTML: any element's ``id``, an ``<a>``'s ``name`` (both are fragment targets)
_RAW_ID_RE = re.compile(
    r"""(?:<[a-z][^<>]*?\sid|<a\s[^<>]*?\bname)\s*=\s*(?:"([^"]+)"|'([^']+)')""", re.IGNORECASE
)


class SoDomain(Domain):
    """Cross-document state of sphinx-superoffice: uids and the anchors of each page."""

    name = "superoffice"
    label = "DocFX"
    object_types = {"uid": ObjType("uid", "uid")}
    roles = {"uid": XRefRole()}
    initial_data: ClassVar[dict[str, Any]] = {
        "uids": {},
        "anchors": {},
        "links": {},
        "xrefmaps": {},
        "stub_uids": {},
        "targets": {},
    }
    data_version = 6

    @property
    def uid_decls(self) -> dict[str, str]:
        """docname -> the uid its front matter declares."""
        uids: dict[str, str] = self.data["uids"]
        return uids

    @property
    def stub_uids(self) -> dict[str, str]:
        """redirect stub -> its uid (:mod:`.stubpages`: replaced each build, never read)."""
        uids: dict[str, str] = self.data["stub_uids"]
        return uids

    @property
    def anchors(self) -> dict[str, dict[str, str]]:
        """docname -> {HTML id: title of the heading it names, or ""}."""
        anchors: dict[str, dict[str, str]] = self.data["anchors"]
        return anchors

    @property
    def links(self) -> dict[str, dict[str, set[str]]]:
        """docname -> {"docs": pages it links to, "uids": uids it uses, "missing": paths}."""
        links: dict[str, dict[str, set[str]]] = self.data["links"]
        return links

    def note_link(self, docname: str, kind: str, target: str) -> None:
        """Record that ``docname`` depends on a page, a uid or a (missing) path."""
        entry = self.links.setdefault(docname, {"docs": set(), "uids": set(), "missing": set()})
        entry[kind].add(target)

    @property
    def targets(self) -> dict[str, dict[str, list[str]]]:
        """docname -> {uid: [anchor, name, fullName, nameWithType, commentId]}: the uids a
        page declares besides its front-matter uid (API reference items)."""
        targets: dict[str, dict[str, list[str]]] = self.data["targets"]
        return targets

    def declare_targets(self, docname: str, targets: dict[str, list[str]]) -> None:
        """The uids ``docname`` declares, each at an anchor, with its display names."""
        self.targets[docname] = targets

    @property
    def uids(self) -> dict[str, str]:
        """uid -> docname; of two pages declaring one uid, the first in docname order wins
        (a front-matter uid before an API item's)."""
        table: dict[str, str] = {}
        decls = {**self.uid_decls, **self.stub_uids}
        for docname in sorted(decls):
            table.setdefault(decls[docname], docname)
        for docname in sorted(self.targets):
            for uid in self.targets[docname]:
                table.setdefault(uid, docname)
        return table

    def uid_target(self, uid: str, docname: str) -> list[str] | None:
        """[anchor, name, fullName, nameWithType, commentId] of an API uid of ``docname``."""
        return self.targets.get(docname, {}).get(uid)

    @property
    def xrefmap_digests(self) -> dict[str, str]:
        """xrefmap (as configured) -> digest of the file the pages were last read with."""
        digests: dict[str, str] = self.data["xrefmaps"]
        return digests

    def external_uid_users(self) -> set[str]:
        """Pages using a uid that no page declares (an xrefmap's, intersphinx's, or none)."""
        owners = self.uids
        return {
            docname
            for docname, entry in self.links.items()
            if any(uid not in owners for uid in entry["uids"])
        }

    def target_signature(self, docname: str) -> tuple[object, ...] | None:
        """What links to ``docname`` show of it: its title, anchors, uid and API uids with
        their names (None when it is not a page)."""
        if docname not in self.env.all_docs:
            return None
        anchors = self.anchors.get(docname, {})
        targets = self.targets.get(docname, {})
        return (
            page_title(self.env, docname),
            tuple(sorted(anchors.items())),
            self.uid_decls.get(docname),
            tuple(sorted((uid, tuple(names)) for uid, names in targets.items())),
        )

    def clear_doc(self, docname: str) -> None:
        self.uid_decls.pop(docname, None)
        self.anchors.pop(docname, None)
        self.links.pop(docname, None)
        self.targets.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, uid in otherdata["uids"].items():
            if docname in docnames:
                self.uid_decls[docname] = uid
        for docname, ids in otherdata["anchors"].items():
            if docname in docnames:
                self.anchors[docname] = ids
        for docname, entry in otherdata["links"].items():
            if docname in docnames:
                self.links[docname] = entry
        for docname, targets in otherdata["targets"].items():
            if docname in docnames:
                self.targets[docname] = targets

    def linking_docs(self, added: Set[str], changed: Set[str], removed: Set[str]) -> set[str]:
        """Pages whose links may resolve differently now that these pages changed.

        A page linking to (an anchor of) a changed page, using a uid that a changed page
        declared, or with an unresolved uid or path while pages were added or changed.
        """
        touched = added | changed | removed
        owners = self.uids
        outdated: set[str] = set()
        for docname, entry in self.links.items():
            if docname in touched:
                continue
            if entry["docs"] & touched or ((added or changed) and entry["missing"]):
                outdated.add(docname)
            else:
                for uid in entry["uids"]:
                    owner = owners.get(uid)
                    if owner in touched or (owner is None and (added or changed)):
                        outdated.add(docname)
                        break
        return outdated

    def check_consistency(self) -> None:
        """Warn about every uid declared by more than one page (after all reading)."""
        by_uid: dict[str, list[str]] = {}
        for docname, uid in {**self.uid_decls, **self.stub_uids}.items():
            by_uid.setdefault(uid, []).append(docname)
        for uid, docnames in sorted(by_uid.items()):
            if len(docnames) > 1:
                first, *others = sorted(docnames)
                for other in others:
                    warn(
                        f"duplicate uid {uid!r}: declared by {self.env.doc2path(first)} "
                        f"and {self.env.doc2path(other)}; links go to the first",
                        SoWarning.DUPLICATE_UID,
                        (other, 1),
                    )

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Every uid, for objects.inv; priority -1 keeps them out of the search index (a
        reader searching finds each page once, by its title and text, not again as a
        "DocFX uid")."""
        for uid, docname in sorted(self.uids.items()):
            target = self.uid_target(uid, docname)
            if target is None:
                yield uid, page_title(self.env, docname), "uid", docname, "", -1
            else:  # an API item: its dfapi object is what search lists
                yield uid, target[2], "uid", docname, target[0], -1

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        docname = self.uids.get(target)
        if docname is None:
            return None
        found = self.uid_target(target, docname)
        anchor = found[0] if found is not None else ""
        return make_refnode(builder, fromdocname, docname, anchor, contnode, target)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        ref = self.resolve_xref(env, fromdocname, builder, "uid", target, node, contnode)
        return [("superoffice:uid", ref)] if ref is not None else []


def page_title(env: BuildEnvironment, docname: str) -> str:
    """A page's title: front-matter ``title``, else its first heading, else its docname."""
    meta = page_metadata(env, docname)
    if meta.get("title"):
        return str(meta["title"])
    return heading_text(env, docname) or docname


def get_domain(env: BuildEnvironment) -> SoDomain:
    return env.domains["superoffice"]  # type: ignore[return-value]


# --- read time: what each page declares --------------------------------------------------


def settle_uid_labels(app: Sphinx, env: BuildEnvironment) -> None:
    """Give each case-folded uid label to the first page, in name order, that declares
    the uid (as a serial build reads them).

    :func:`collect_page` lets the first page read keep it; a parallel read merges its
    batches as they end, and Sphinx's standard domain lets the last batch merged win.
    Only a label that one uid page took from another moves; an explicit label or a
    redirect stub's stays where it is."""
    domain = get_domain(env)
    std = env.domains.standard_domain
    first: dict[str, str] = {}
    for docname in sorted(domain.uid_decls):
        first.setdefault(domain.uid_decls[docname].lower(), docname)
    for key, docname in first.items():
        holder = std.labels.get(key, (docname,))[0]
        if holder != docname and domain.uid_decls.get(holder, "").lower() == key:
            std.labels[key] = (docname, "", page_title(env, docname))
            std.anonlabels[key] = (docname, "")


def collect_page(app: Sphinx, doctree: nodes.document) -> None:
    """The page's uid and every id its HTML will carry."""
    env = app.env
    docname = env.docname
    domain = get_domain(env)
    uid = str(env.metadata.get(docname, {}).get("uid") or "").strip()
    if uid:
        domain.uid_decls[docname] = uid
        # also a std label, so `{ref}` and objects.inv (std:label) know the page by its uid;
        # std labels are case-insensitive, so the first page keeps a case-folded twin
        std = env.domains.standard_domain
        key = uid.lower()
        if std.labels.get(key, (docname,))[0] == docname:
            std.labels[key] = (docname, "", page_title(env, docname))
            std.anonlabels[key] = (docname, "")
    ids: dict[str, str] = {}
    for anchor, node in doctree.ids.items():
        title = ""
        if isinstance(node, nodes.section) and node.children:
            heading = node[0]
            if len(heading) == 1 and isinstance(heading[0], nodes.Text):
                title = str(heading[0])  # what clean_astext gives, without its deep copy
            else:
                title = clean_astext(heading)
        elif isinstance(node, nodes.rubric):
            title = clean_astext(node)
        ids[anchor] = title
    for raw in doctree.findall(nodes.raw):
        for m in _RAW_ID_RE.finditer(raw.astext()):
            ids.setdefault(m.group(1) or m.group(2), "")
    domain.anchors[docname] = ids
