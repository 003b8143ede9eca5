"""Write time: resolve every ``superoffice`` pending_xref, before Sphinx's resolvers.

Each failure gives one ``superoffice.*`` warning with a "did you mean" and degrades to
text (or to the page, for a missing anchor): never a dead link. A uid no page declares
is looked up, in order, in the imported DocFX xrefmaps, through ``missing-reference``
(intersphinx), and in ``superoffice_xref_fallback_url``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..sitemodel import stub_pages
from ..state import get_state
from ..suggest import NameIndex, hint_text
from ..urls import is_absolute, refused_scheme
from ..warnings_ import SoWarning, warn
from .domain import SoDomain, get_domain, page_title
from .xrefmap import Xrefmaps, XrefTable

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


#: DocFX's displayProperty -> index in an API uid's target entry (default: name)
_DISPLAY = {"name": 1, "fullName": 2, "nameWithType": 3}


@dataclass
class UidTable:
    """uid -> docname of the build, and the names arranged for "did you mean" (the uids,
    each page's anchors), made once per write phase (reset at env-updated)."""

    table: dict[str, str] | None = None
    #: "uids", or "#" + a docname: its anchors
    names: dict[str, NameIndex] = field(default_factory=dict)


def uid_table(env: BuildEnvironment, domain: SoDomain) -> dict[str, str]:
    cache = get_state(env).slot(UidTable)
    if cache.table is None:
        cache.table = domain.uids
    return cache.table


def reset_uid_table(app: Sphinx, env: BuildEnvironment) -> None:
    slot = get_state(env).slot(UidTable)
    slot.table = None
    slot.names.clear()


def _element(inner: nodes.Node) -> nodes.Element:
    """``inner``, bare text put in the ``inline`` every other link has."""
    if isinstance(inner, nodes.Text):
        return nodes.inline(inner, inner, classes=["xref", "superoffice"])
    assert isinstance(inner, nodes.Element)
    return inner


def _unreadable_xrefmap(path: str, exc: Exception) -> None:
    warn(f"cannot read xrefmap {path!r}: {exc}", SoWarning.XREFMAP, None, once=True)


class SoReferenceResolver(SphinxPostTransform):
    """Resolve every ``superoffice`` pending_xref: one warning and plain text when impossible."""

    default_priority = 8  # before myst's (9) and Sphinx's (10) resolvers

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        self._uids: dict[str, str] | None = None
        self._xrefmap: XrefTable | None = None
        self._names = get_state(self.env).slot(UidTable).names
        self._uris: dict[str, str] = {}  # "from\0to" -> the relative URI of page to
        # parent -> its children to replace: one pass per parent at the end, since
        # ``replace_self`` looks each node up in its parent (a paragraph of n links: n²)
        replacements: dict[int, tuple[nodes.Element, dict[int, nodes.Element]]] = {}
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("refdomain") != "superoffice":
                continue
            reftype = node["reftype"]
            if reftype == "doc":
                new = self.resolve_doc(domain, node)
            elif reftype == "uid":
                new = self.resolve_uid(domain, node)
            elif reftype == "tree":
                new = self.resolve_tree(node)
            else:
                continue
            new.update_basic_atts(node)  # as replace_self does
            parent = node.parent
            replacements.setdefault(id(parent), (parent, {}))[1][id(node)] = new
        for parent, news in replacements.values():
            for index, child in enumerate(parent.children):
                if id(child) in news:
                    parent[index] = news[id(child)]

    # -- helpers

    def _index(self, key: str, names: Any) -> NameIndex:
        """The names of ``key`` arranged for "did you mean" (once per write phase)."""
        if key not in self._names:
            self._names[key] = NameIndex(names)
        return self._names[key]

    def _uid_index(self, domain: SoDomain) -> NameIndex:
        """ "Did you mean" among the pages' uids and API pages' own, not every member's
        (12,000 CRMScript members made each suggestion cost 0.2 s)."""
        if "uids" not in self._names:
            assert self._uids is not None
            self._names["uids"] = NameIndex(
                {
                    uid: docname
                    for uid, docname in self._uids.items()
                    if (target := domain.uid_target(uid, docname)) is None or not target[0]
                }
            )
        return self._names["uids"]

    def _contents(self, node: addnodes.pending_xref, default: str) -> nodes.Node:
        """What the link shows: the xref's own content if explicit (an API page's link
        holds bare text, shown as such), else ``default``."""
        first = node[0] if node.children else None
        if isinstance(first, nodes.Text):
            return nodes.Text(first if node.get("refexplicit") and first else default)
        inner = first.deepcopy() if isinstance(first, nodes.Element) else nodes.inline()
        if not node.get("refexplicit") or not inner.children:
            inner = nodes.inline(default, default, classes=inner.get("classes", []))
        return inner

    def _refnode(
        self, node: addnodes.pending_xref, docname: str, anchor: str, text: str
    ) -> nodes.Element:
        inner = self._contents(node, text)
        fromdoc = node.get("refdoc", self.env.docname)
        if fromdoc == docname and anchor:
            ref = nodes.reference("", "", inner, internal=True, refid=anchor)
        else:
            # what make_refnode writes, with each target's relative URI computed once
            # per page (an API page links the same few pages dozens of times)
            key = f"{fromdoc}\0{docname}"
            uri = self._uris.get(key)
            if uri is None:
                builder = get_state(self.env).builder
                assert builder is not None
                try:
                    uri = self._uris[key] = builder.get_relative_uri(fromdoc, docname)
                except NoUri:
                    return _element(inner)
            refuri = f"{uri}#{anchor}" if anchor else uri
            ref = nodes.reference("", "", inner, internal=True, refuri=refuri)
        if node.get("reftitle"):
            ref["reftitle"] = node["reftitle"]
        return ref

    def _unresolved(self, node: addnodes.pending_xref, shown: str) -> nodes.Element:
        inner = _element(self._contents(node, shown))
        inner["classes"] = ["xref", "superoffice", "unresolved"]
        return inner

    def _anchor(
        self, domain: SoDomain, node: addnodes.pending_xref, docname: str, anchor: str
    ) -> tuple[str, str] | None:
        """(id, title) of ``anchor`` on ``docname``; a case-only twin with a warning; else None."""
        ids = domain.anchors.get(docname, {})
        if anchor in ids:
            return anchor, ids[anchor]
        twins = sorted(self._index("#" + docname, ids).twins(anchor))
        if twins:
            warn(
                f"anchor '#{anchor}' differs only by letter case from '#{twins[0]}' "
                f"on {docname!r}; linked to it",
                SoWarning.LINK_CASE,
                node,
            )
            return twins[0], ids[twins[0]]
        return None

    # -- the three kinds

    def resolve_doc(self, domain: SoDomain, node: addnodes.pending_xref) -> nodes.Element:
        docname = node["reftarget"]
        anchor = node.get("so_anchor", "")
        fromdoc = node.get("refdoc", self.env.docname)
        if docname not in self.env.all_docs and docname not in stub_pages(self.env):
            warn(
                f"link target {node.get('so_href', docname)!r}: page {docname!r} is not "
                "in the build (rendered as text)",
                SoWarning.LINK_MISSING,
                node,
            )
            return self._unresolved(node, node.get("so_href", docname))
        if not anchor:
            return self._refnode(node, docname, "", page_title(self.env, docname))
        found = self._anchor(domain, node, docname, anchor)
        if found is not None:
            targetid, title = found
            return self._refnode(node, docname, targetid, title or page_title(self.env, docname))
        match, case_only = self._index("#" + docname, domain.anchors.get(docname, {})).suggestion(
            anchor
        )
        hint = hint_text(match, case_only)
        if docname == fromdoc:
            warn(
                f"anchor '#{anchor}' not found on this page{hint} (rendered as text)",
                SoWarning.ANCHOR_MISSING,
                node,
                suggestion=_anchor_suggestion(match),
            )
            return self._unresolved(node, "#" + anchor)
        warn(
            f"anchor '#{anchor}' not found in {docname!r}{hint} (linked to the page)",
            SoWarning.ANCHOR_MISSING,
            node,
            suggestion=_anchor_suggestion(match),
        )
        return self._refnode(node, docname, "", page_title(self.env, docname))

    def resolve_uid(self, domain: SoDomain, node: addnodes.pending_xref) -> nodes.Element:
        uid = node["reftarget"]
        anchor = node.get("so_anchor", "")
        if self._uids is None:
            self._uids = uid_table(self.env, domain)
        docname = self._uids.get(uid)
        if docname is not None and (api := domain.uid_target(uid, docname)) is not None:
            # an API item: its anchor, shown by the name its displayProperty asks for
            which = _DISPLAY.get(node.get("so_display", ""), 1)
            return self._refnode(node, docname, anchor or api[0], api[which] or uid)
        if docname is not None:
            targetid = ""
            if anchor:
                found = self._anchor(domain, node, docname, anchor)
                if found is None:
                    ids = domain.anchors.get(docname, {})
                    match, case_only = self._index("#" + docname, ids).suggestion(anchor)
                    warn(
                        f"anchor '#{anchor}' of uid {uid!r} not found in {docname!r}"
                        f"{hint_text(match, case_only)} (linked to the page)",
                        SoWarning.ANCHOR_MISSING,
                        node,
                        suggestion=_anchor_suggestion(match),
                    )
                else:
                    targetid = found[0]
            return self._refnode(node, docname, targetid, page_title(self.env, docname))
        if self._xrefmap is None:
            self._xrefmap = get_state(self.env).slot(Xrefmaps).table(_unreadable_xrefmap)
        entry = self._xrefmap.get(uid)
        if entry is not None and entry.href:
            name = entry.prop(node.get("so_display", "name")) or entry.name
            return self._external(node, entry.href, anchor, name)
        contnode = _element(self._contents(node, uid))  # what a handler expects
        try:
            result = self.env.events.emit_firstresult(
                "missing-reference", self.env, node, contnode, allowed_exceptions=(NoUri,)
            )
        except NoUri:
            result = None
        if result is not None:
            if anchor and isinstance(result, nodes.reference) and result.get("refuri"):
                result["refuri"] = result["refuri"].split("#")[0] + "#" + anchor
            return result
        template = self.config.superoffice_xref_fallback_url
        if template:
            url = template.replace("{uid}", quote(uid, safe="()[]._-,~!*'@:"))
            return self._external(node, url, anchor, uid)
        if node.get("so_quiet"):
            # a type that DocFX marked external and no source knows (System.Object): text
            return self._unresolved(node, node.get("so_alt") or uid)
        subtype = SoWarning.UID_SHORTHAND if node.get("so_shorthand") else SoWarning.UID_MISSING
        if node.get("so_subtype"):  # a uid of generated data (an API page's type)
            subtype = SoWarning(node["so_subtype"])
        match, case_only = self._uid_index(domain).suggestion(uid)
        warn(
            f"uid not found: {uid!r}{hint_text(match, case_only)} (rendered as text)",
            subtype,
            node,
            suggestion=match,
        )
        # an unresolved xref shows its text, its alt, a known entry's altProperty, else:
        # `@uid` as written (DocFX's XrefDetails.ConvertToHtmlNode shows the raw source,
        # and in prose "@domain.com" is meant literally), any other form its uid (never
        # the raw `<xref:…>`)
        raw = str(node.get("so_raw", ""))
        shown = node.get("so_alt") or (
            entry is not None and entry.prop(node.get("so_altprop", "fullName"))
        )
        return self._unresolved(node, shown or (raw if raw.startswith("@") else uid))

    def _external(
        self, node: addnodes.pending_xref, href: str, anchor: str, text: str
    ) -> nodes.Element:
        if anchor:
            href = href.split("#")[0] + "#" + anchor
        scheme = refused_scheme(href, self.config.superoffice_url_schemes)
        if scheme is not None:
            warn(
                f"uid {node['reftarget']!r}: URL {href!r} has the refused scheme {scheme!r} "
                "(rendered as text)",
                SoWarning.URL_REFUSED,
                node,
            )
            return self._unresolved(node, node.get("so_alt") or text)
        ref = nodes.reference("", "", internal=False, refuri=href)
        if node.get("reftitle"):
            ref["reftitle"] = node["reftitle"]
        ref += self._contents(node, text)
        return ref

    def resolve_tree(self, node: addnodes.pending_xref) -> nodes.Element:
        """A page of another tree: ``so_base`` + path; a relative base is relative to this site."""
        base = node["so_base"]
        url = node["reftarget"]
        builder = get_state(self.env).builder
        assert builder is not None
        if builder.name == "dirhtml" and url.endswith(".html"):
            # the other tree is built by the same builder: a/b.html -> a/b/, a/index.html -> a/
            stem = url.removesuffix(".html")
            if stem == "index":
                url = ""
            elif stem.endswith("/index"):
                url = stem.removesuffix("index")
            else:
                url = stem + "/"
        if not is_absolute(base):
            fromdoc = node.get("refdoc", self.env.docname)
            page_dir = posixpath.dirname(builder.get_target_uri(fromdoc))
            up = posixpath.relpath(".", page_dir) if page_dir else "."
            base = posixpath.normpath(posixpath.join(up, base)) + "/"
        href = base.rstrip("/") + "/" + url
        anchor = node.get("so_anchor", "")
        if anchor:
            href += "#" + anchor
        ref = nodes.reference("", "", internal=False, refuri=href)
        if node.get("reftitle"):
            ref["reftitle"] = node["reftitle"]
        ref += self._contents(node, node["reftarget"])
        return ref


def _anchor_suggestion(match: str | None) -> str | None:
    return None if match is None else "#" + match
