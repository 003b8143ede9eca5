"""Cross-document links: uids, page anchors, other trees, xrefmaps and intersphinx.

Read time (the renderer, ``syntax/links.py`` and ``syntax/xref.py``) turns links
into ``pending_xref`` nodes of the ``superoffice`` domain:

``doc``   a page of this build (``reftarget`` = docname) and an optional ``so_anchor``
``uid``   a DocFX uid (``reftarget``), optional ``so_anchor``
``tree``  a page of another configured tree (``reftarget`` = URL path in that tree)

:class:`SoDomain` keeps, per page, its front-matter uid and every id its HTML
carries (section ids, DocFX slugs, explicit ``<a id>`` anchors, raw-HTML ids), with
``clear_doc``/``merge_domaindata`` so ``-j N`` sees what ``-j 1`` sees.
:class:`SoReferenceResolver` resolves them all after reading, before Sphinx's
own resolver, so that each failure gives one ``superoffice.*`` warning with a
"did you mean" and degrades to text (or to the page, for a missing anchor):
never a dead link.

uids are case-sensitive, as in DocFX. Each is exported to ``objects.inv`` as
``superoffice:uid``, so other Sphinx projects link to it through intersphinx, and
an unknown uid here is looked up, in order, in the imported DocFX xrefmaps
(``superoffice_xrefmaps``), through intersphinx, and in
``superoffice_xref_fallback_url``.
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import posixpath
import re
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote, urljoin

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.errors import NoUri
from sphinx.roles import XRefRole
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import clean_astext, make_refnode

from .sitepaths import load_yaml
from .state import config_state, get_state
from .warnings_ import SoWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
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
    }
    data_version = 4

    @property
    def uid_decls(self) -> dict[str, str]:
        """docname -> the uid its front matter declares."""
        uids: dict[str, str] = self.data["uids"]
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
    def uids(self) -> dict[str, str]:
        """uid -> docname; of two pages declaring one uid, the first in docname order wins."""
        table: dict[str, str] = {}
        for docname in sorted(self.uid_decls):
            table.setdefault(self.uid_decls[docname], docname)
        return table

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

    def clear_doc(self, docname: str) -> None:
        self.uid_decls.pop(docname, None)
        self.anchors.pop(docname, None)
        self.links.pop(docname, None)

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
        for docname, uid in self.uid_decls.items():
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
        for uid, docname in sorted(self.uids.items()):
            yield uid, page_title(self.env, docname), "uid", docname, "", 1

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
        return make_refnode(builder, fromdocname, docname, "", contnode, target)

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
    meta = env.metadata.get(docname, {})
    if meta.get("title"):
        return str(meta["title"])
    title = env.titles.get(docname)
    text = clean_astext(title) if title is not None else ""
    return text or docname


def get_domain(env: BuildEnvironment) -> SoDomain:
    return env.domains["superoffice"]  # type: ignore[return-value]


# --- read time: what each page declares --------------------------------------------------


def _collect_page(app: Sphinx, doctree: nodes.document) -> None:
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
            title = clean_astext(node[0])
        elif isinstance(node, nodes.rubric):
            title = clean_astext(node)
        ids[anchor] = title
    for raw in doctree.findall(nodes.raw):
        for m in _RAW_ID_RE.finditer(raw.astext()):
            ids.setdefault(m.group(1) or m.group(2), "")
    domain.anchors[docname] = ids


# --- xrefmap.yml -------------------------------------------------------------------------


def parse_xrefmap(text: str, base: str | None) -> dict[str, tuple[str, str]]:
    """uid -> (href, name) of one DocFX xrefmap's text (YAML or JSON).

    Every scalar stays a string, as DocFX reads it: a uid ``1.10`` or ``no`` is that
    text, not a number or a boolean. ``base`` (None: the map's own ``baseUrl``)
    makes relative hrefs absolute. Raises :class:`ValueError` (or
    :class:`yaml.YAMLError`) on a map that is not one.
    """
    data = load_yaml(text) or {}
    if not isinstance(data, dict):
        raise ValueError("not a mapping")
    base_url = base if base is not None else str(data.get("baseUrl") or "")
    references = data.get("references") or []
    if not isinstance(references, list):
        raise ValueError("'references' is not a list")
    table: dict[str, tuple[str, str]] = {}
    for ref in references:
        if not isinstance(ref, dict):
            raise ValueError(f"reference {ref!r} is not a mapping")
        uid, href = str(ref.get("uid") or ""), str(ref.get("href") or "")
        if not uid or not href:
            continue
        if base_url:
            href = urljoin(base_url, href)
        table.setdefault(uid, (href, str(ref.get("name") or uid)))
    return table


def read_xrefmap(path: Path, base: str | None) -> dict[str, tuple[str, str]]:
    """:func:`parse_xrefmap` of a file, gzipped when its name ends in ``.gz``."""
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return parse_xrefmap(raw.decode("utf-8-sig"), base)


def xrefmap_digest(path: Path) -> str:
    """What changes when the file does ("" for a file that cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@dataclass
class Xrefmaps:
    """Per build: the configured xrefmap files, and their merged table once read."""

    #: (path as configured, absolute path, base URL or None for the file's own
    #: ``baseUrl``), in config order
    files: list[tuple[str, Path, str | None]] = field(default_factory=list)
    table: dict[str, tuple[str, str]] | None = None


def _xrefmap_files(app: Sphinx, config: Config) -> None:
    """Where this build's xrefmaps are (paths in conf.py are relative to its folder)."""
    setting = config.superoffice_xrefmaps
    entries: Iterable[tuple[str, str | None]] = (
        setting.items() if isinstance(setting, dict) else ((p, None) for p in setting)
    )
    files = [(entry, (Path(app.confdir) / entry).resolve(), base) for entry, base in entries]
    config_state(config).slot(Xrefmaps).files = files


def load_xrefmaps(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """All configured xrefmaps, merged (the first map that defines a uid wins); read once."""
    xrefmaps = get_state(env).slot(Xrefmaps)
    if xrefmaps.table is not None:
        return xrefmaps.table
    merged: dict[str, tuple[str, str]] = {}
    for _entry, path, base in xrefmaps.files:
        try:
            table = read_xrefmap(path, base)
        except (OSError, ValueError, yaml.YAMLError) as exc:
            warn(f"cannot read xrefmap {str(path)!r}: {exc}", SoWarning.XREFMAP, None, once=True)
            continue
        for uid, value in table.items():
            merged.setdefault(uid, value)
    xrefmaps.table = merged
    return merged


# --- write time: resolution -------------------------------------------------------------


def _suggest(wanted: str, candidates: Iterable[str]) -> str:
    """`` did you mean 'x'?`` for the closest candidate (a case-only twin first), or ""."""
    pool = list(candidates)
    lower = wanted.lower()
    twins = [c for c in pool if c.lower() == lower]
    if twins:
        return f"; did you mean {sorted(twins)[0]!r} (letter case differs)?"
    match = difflib.get_close_matches(wanted, pool, n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


class SoReferenceResolver(SphinxPostTransform):
    """Resolve every ``superoffice`` pending_xref: one warning and plain text when impossible."""

    default_priority = 8  # before myst's (9) and Sphinx's (10) resolvers

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        self._uids: dict[str, str] | None = None
        self._xrefmap: dict[str, tuple[str, str]] | None = None
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
            node.replace_self(new)

    # -- helpers

    def _contents(self, node: addnodes.pending_xref, default: str) -> nodes.Element:
        inner = node[0].deepcopy() if node.children else nodes.inline()
        if not node.get("refexplicit") or not inner.children:
            inner = nodes.inline(default, default, classes=inner.get("classes", []))
        return inner

    def _refnode(
        self, node: addnodes.pending_xref, docname: str, anchor: str, text: str
    ) -> nodes.Element:
        inner = self._contents(node, text)
        fromdoc = node.get("refdoc", self.env.docname)
        builder = get_state(self.env).builder
        assert builder is not None
        try:
            ref = make_refnode(builder, fromdoc, docname, anchor, inner)
        except NoUri:
            return inner
        if node.get("reftitle"):
            ref["reftitle"] = node["reftitle"]
        return ref

    def _unresolved(self, node: addnodes.pending_xref, shown: str) -> nodes.Element:
        inner = self._contents(node, shown)
        inner["classes"] = ["xref", "superoffice", "unresolved"]
        return inner

    def _anchor(
        self, domain: SoDomain, node: addnodes.pending_xref, docname: str, anchor: str
    ) -> tuple[str, str] | None:
        """(id, title) of ``anchor`` on ``docname``; a case-only twin with a warning; else None."""
        ids = domain.anchors.get(docname, {})
        if anchor in ids:
            return anchor, ids[anchor]
        twins = sorted(a for a in ids if a.lower() == anchor.lower())
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
        if docname not in self.env.all_docs:
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
        hint = _suggest(anchor, domain.anchors.get(docname, {}))
        if docname == fromdoc:
            warn(
                f"anchor '#{anchor}' not found on this page{hint} (rendered as text)",
                SoWarning.ANCHOR_MISSING,
                node,
            )
            return self._unresolved(node, "#" + anchor)
        warn(
            f"anchor '#{anchor}' not found in {docname!r}{hint} (linked to the page)",
            SoWarning.ANCHOR_MISSING,
            node,
        )
        return self._refnode(node, docname, "", page_title(self.env, docname))

    def resolve_uid(self, domain: SoDomain, node: addnodes.pending_xref) -> nodes.Element:
        uid = node["reftarget"]
        anchor = node.get("so_anchor", "")
        if self._uids is None:
            self._uids = domain.uids
        docname = self._uids.get(uid)
        if docname is not None:
            targetid = ""
            if anchor:
                found = self._anchor(domain, node, docname, anchor)
                if found is None:
                    warn(
                        f"anchor '#{anchor}' of uid {uid!r} not found in {docname!r}"
                        f"{_suggest(anchor, domain.anchors.get(docname, {}))} "
                        "(linked to the page)",
                        SoWarning.ANCHOR_MISSING,
                        node,
                    )
                else:
                    targetid = found[0]
            return self._refnode(node, docname, targetid, page_title(self.env, docname))
        if self._xrefmap is None:
            self._xrefmap = load_xrefmaps(self.env)
        if uid in self._xrefmap:
            href, name = self._xrefmap[uid]
            return self._external(node, href, anchor, name)
        contnode = self._contents(node, uid)
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
        subtype = SoWarning.UID_SHORTHAND if node.get("so_shorthand") else SoWarning.UID_MISSING
        warn(
            f"uid not found: {uid!r}{_suggest(uid, self._uids)} (rendered as text)",
            subtype,
            node,
        )
        shown = node.get("so_alt") or node.get("so_raw") or uid
        return self._unresolved(node, shown)

    def _external(
        self, node: addnodes.pending_xref, href: str, anchor: str, text: str
    ) -> nodes.reference:
        if anchor:
            href = href.split("#")[0] + "#" + anchor
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
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/", base):
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


def _outdated_linkers(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Re-read the pages that link into changed pages, so anchors and titles stay current.

    An xrefmap is a dependency too: when one changed since the last build, the pages
    that use a uid no page declares are read again.
    """
    domain = get_domain(env)
    outdated = domain.linking_docs(added, changed, removed)
    files = get_state(env).slot(Xrefmaps).files
    digests = {entry: xrefmap_digest(path) for entry, path, _ in files}
    if digests != domain.xrefmap_digests:
        domain.data["xrefmaps"] = digests
        outdated |= domain.external_uid_users() - (added | changed | removed)
    return sorted(outdated)


def _stable_image_names(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Name copied images in source-path order, whatever order ``-j N`` merged them in.

    Sphinx names two images with one file name ``x.png`` and ``x1.png`` in the order
    it meets them; with ``-j N`` that is the order worker processes finish, so pages
    sharing a name (the corpus has some) would swap images between builds. Pages
    whose images get another name are written again.
    """
    images = env.images
    taken: set[str] = set()
    renamed: set[str] = set()
    for filename in sorted(images):
        docnames, old = images[filename]
        base, ext = Path(filename).stem, Path(filename).suffix
        unique, i = base + ext, 0
        while unique in taken:
            i += 1
            unique = f"{base}{i}{ext}"
        taken.add(unique)
        if unique != old:
            images[filename] = (docnames, unique)
            renamed |= docnames
    images._existing = taken
    return sorted(renamed)


def setup_references(app: Sphinx) -> None:
    app.add_domain(SoDomain)
    app.add_post_transform(SoReferenceResolver)
    app.connect("doctree-read", _collect_page)
    app.connect("config-inited", _xrefmap_files)
    app.connect("env-get-outdated", _outdated_linkers)
    app.connect("env-get-updated", _stable_image_names)
    # TODO(merge): the package setup calls ``syntax.anchors.setup_anchors``; drop this then
    from .syntax.anchors import setup_anchors

    setup_anchors(app)
