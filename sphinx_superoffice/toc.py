"""``toc.yml`` → the site's navigation: hidden toctrees, nav tree, breadcrumbs.

How it works (architecture.md §5):

1. ``config-inited``: every ``toc.yml`` under the source directory is read, and the
   tree is resolved from the root tocs (``superoffice_toc_root``, else ``toc.yml`` at
   the root, else every toc that no other toc references, sorted by path). Embedded
   tocs (``href: x/toc.yml``) and folders with a toc (``href: x/``) are expanded in
   place. The result is a :class:`TocModel`, computed once per build.
2. ``env-get-outdated``: the model's digest is compared with the previous build's; when
   it differs (a toc.yml changed, a listed page appeared...) every document is returned,
   so that every page gets the new navigation (Sphinx #5506).
3. :class:`TocTreeTransform` appends one hidden ``toctree`` node to each page that has
   children in the toc, before Sphinx's toctree collector runs: Sphinx's own
   ``parents``/``prev``/``next`` then follow toc order. Each page is placed once (its
   first occurrence in pre-order), so the toctrees form a tree without cycles. Pages in
   no toc get ``orphan`` metadata; one summary warning lists them.
4. ``html-page-context``: ``superoffice_nav`` and ``superoffice_breadcrumbs``. The nav
   is built once per output folder (URLs are relative) and shared; per page only the
   nodes on the page's trail are copied with their flags flipped.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.matching import Matcher

from .config import get_config
from .sitepaths import SiteFiles, YamlDict, YamlList, load_yaml
from .state import config_state, get_state
from .warnings_ import SoWarning, warn

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

LOGGER = logging.getLogger(__name__)

TOC_NAMES = ("toc.yml", "toc.yaml")
_UID_RE = re.compile(r"^uid:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)


@dataclass
class TocNode:
    """One navigation entry."""

    title: str
    docname: str | None = None
    anchor: str = ""
    url: str | None = None
    expanded: bool = False
    children: list[TocNode] = field(default_factory=list)
    location: str = ""


@dataclass
class TocModel:
    """The resolved navigation of one build."""

    roots: list[TocNode]
    root_doc: str
    toc_files: list[str]
    #: docname -> [(title, child docname)]: the hidden toctree of each page
    toctree_children: dict[str, list[tuple[str | None, str]]] = field(default_factory=dict)
    #: docname -> index paths of every occurrence in ``roots``, in pre-order
    occurrences: dict[str, list[tuple[int, ...]]] = field(default_factory=dict)
    digest: str = ""
    #: pages whose toc item has no name: the nav shows the page title
    titled_by_page: set[str] = field(default_factory=set)
    #: redirect pages listed in a toc (no toctree placement)
    stubs: set[str] = field(default_factory=set)
    #: the nav entries with target URIs (filled lazily at write time)
    nav_specs: list[_NavSpec] | None = None
    #: per output folder: the nav as template dicts, for the last few folders written
    #: (pages are written in docname order, so a folder's pages mostly come together;
    #: keeping every folder's copy would cost ~0.2 MiB per folder on a big site)
    nav_cache: OrderedDict[str, list[dict[str, Any]]] = field(default_factory=OrderedDict)


def setup_toc(app: Sphinx) -> None:
    app.connect("config-inited", _config_inited, priority=900)
    app.connect("env-get-outdated", _env_get_outdated)
    app.connect("env-updated", _env_updated)
    app.connect("env-check-consistency", _check_not_included)
    app.connect("html-page-context", _html_page_context)
    app.add_transform(TocTreeTransform)


def get_model(env: BuildEnvironment) -> TocModel | None:
    """The navigation model of the build of ``env`` (``None`` before ``config-inited``)."""
    return get_state(env).peek(TocModel)


# -- reading toc.yml -----------------------------------------------------------------


def _walk_tocs(srcdir: Path, skip: set[Path], excluded: Matcher) -> list[str]:
    """Source-relative paths of every toc.yml, sorted."""
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(srcdir):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and (here / d).resolve() not in skip
        )
        for name in filenames:
            if name.lower() in TOC_NAMES:
                rel = (here / name).relative_to(srcdir).as_posix()
                if not excluded(rel):
                    found.append(rel)
    return sorted(found)


class _TocReader:
    """Resolves raw toc.yml files into :class:`TocNode` trees."""

    def __init__(self, srcdir: Path, files: SiteFiles, toc_files: list[str]) -> None:
        self.srcdir = srcdir
        self.files = files
        self.toc_files = toc_files
        self.raw: dict[str, list[Any]] = {}
        self._uids: dict[str, str] | None = None

    def load(self, rel: str) -> list[Any] | None:
        if rel in self.raw:
            return self.raw[rel]
        path = self.srcdir / rel
        try:
            text = path.read_text(encoding="utf-8-sig")
            data = load_yaml(text)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            warn(f"cannot read toc: {exc}", SoWarning.TOC, f"{path}:1")
            return None
        except Exception as exc:  # yaml.YAMLError and friends
            warn(f"malformed toc.yml: {exc}".replace("\n", " "), SoWarning.TOC, f"{path}:1")
            return None
        if isinstance(data, YamlDict):
            data = data.get("items", YamlList())
        if data in ("", None):
            data = YamlList()
        if not isinstance(data, list):
            warn(
                "a toc.yml must be a list of items or a mapping with 'items'",
                SoWarning.TOC,
                f"{path}:1",
            )
            return None
        self.raw[rel] = data
        return data

    def referenced_tocs(self) -> set[str]:
        """Every toc.yml that another toc embeds (``href: x/toc.yml`` or ``href: x/``)."""
        refs: set[str] = set()

        def walk(items: Iterable[Any], tocdir: str) -> None:
            for item in items:
                if not isinstance(item, dict):
                    continue
                href = str(item.get("href", "") or "")
                sub = self._toc_target(href, tocdir) if href else None
                if sub:
                    refs.add(sub)
                walk(item.get("items") or [], tocdir)

        for rel in self.toc_files:
            items = self.load(rel)
            if items is not None:
                walk(items, posixpath.dirname(rel))
        return refs

    def _toc_target(self, href: str, tocdir: str) -> str | None:
        """The toc file an href embeds, if it names a toc or a folder that has one."""
        path = href.split("#", 1)[0].split("?", 1)[0].replace("\\", "/")
        if "://" in path or path.startswith("/"):
            return None
        joined = posixpath.normpath(posixpath.join(tocdir, path))
        if posixpath.basename(path).lower() in TOC_NAMES:
            real, _ = self.files.find(joined)
            return real
        if path.endswith("/"):
            for name in TOC_NAMES:
                real, _ = self.files.find(posixpath.join(joined, name))
                if real:
                    return real
        return None

    def uids(self) -> dict[str, str]:
        """``uid -> docname`` read from front matter; only computed if a toc uses a uid."""
        if self._uids is None:
            self._uids = {}
            for dirpath, dirnames, filenames in os.walk(self.srcdir):
                dirnames[:] = [d for d in dirnames if not d.startswith((".", "_"))]
                for name in filenames:
                    if not name.endswith(".md"):
                        continue
                    path = Path(dirpath) / name
                    try:
                        with path.open(encoding="utf-8-sig", errors="replace") as fh:
                            head = fh.read(4096)
                    except OSError:
                        continue
                    if not head.startswith("---"):
                        continue
                    front = head.split("\n---", 1)[0]
                    match = _UID_RE.search(front)
                    rel = path.relative_to(self.srcdir).as_posix()
                    docname = self.files.path2doc(rel)
                    if match and docname:
                        self._uids.setdefault(match.group(1), docname)
        return self._uids

    def expand(self, rel: str, stack: tuple[str, ...]) -> list[TocNode]:
        items = self.load(rel)
        if items is None:
            return []
        tocdir = posixpath.dirname(rel)
        stack = (*stack, rel)
        out: list[TocNode] = []
        for item in items:
            node = self.item(item, rel, tocdir, stack)
            if node is not None:
                out.append(node)
        return out

    def item(self, raw: Any, rel: str, tocdir: str, stack: tuple[str, ...]) -> TocNode | None:
        line = getattr(raw, "line", 0)
        location = f"{self.srcdir / rel}:{line}" if line else f"{self.srcdir / rel}:1"
        if not isinstance(raw, dict):
            warn(f"toc item is not a mapping: {raw!r}", SoWarning.TOC, location)
            return None
        name = str(raw.get("name") or raw.get("displayName") or "").strip()
        node = TocNode(
            title=name,
            expanded=str(raw.get("expanded", "")).lower() in ("true", "yes"),
            location=location,
        )

        def at(key: str) -> str:
            key_line = raw.line_of(key) if isinstance(raw, YamlDict) else line
            return f"{self.srcdir / rel}:{key_line}" if key_line else location

        href = str(raw.get("href") or "").strip()
        topic = str(raw.get("topicHref") or raw.get("homepage") or "").strip()
        uid = str(raw.get("topicUid") or raw.get("uid") or raw.get("homepageUid") or "").strip()
        if href:
            sub = self._toc_target(href, tocdir)
            is_toc = posixpath.basename(href.split("#")[0]).lower() in (*TOC_NAMES, "toc.md")
            if sub:
                if sub in stack:
                    warn(
                        f"circular toc inclusion: {' -> '.join((*stack, sub))}",
                        SoWarning.TOC,
                        at("href"),
                    )
                else:
                    node.children.extend(self.expand(sub, stack))
                if not node.title:
                    folder = posixpath.basename(posixpath.dirname(sub)) or "toc"
                    node.title = re.sub(r"[-_]+", " ", folder).strip().capitalize()
            elif is_toc:
                why = "toc.md is not supported" if href.lower().endswith(".md") else "not found"
                warn(f"toc href {href!r}: {why}", SoWarning.TOC, at("href"))
            else:
                self._link(node, href, tocdir, at("href"))
        if topic:
            key = "topicHref" if raw.get("topicHref") else "homepage"
            self._link(node, topic, tocdir, at(key))
        if uid:
            docname = self.uids().get(uid)
            if docname:
                node.docname, node.url, node.anchor = docname, None, ""
            else:
                warn(f"toc uid {uid!r} is not a uid of any page", SoWarning.TOC, at("uid"))
        sub_items = raw.get("items")
        if isinstance(sub_items, list):
            for sub_item in sub_items:
                child = self.item(sub_item, rel, tocdir, stack)
                if child is not None:
                    node.children.append(child)
        if not node.title and node.docname is None and node.url is None and not node.children:
            warn("toc item has neither name, href nor items", SoWarning.TOC, location)
            return None
        return node

    def _link(self, node: TocNode, href: str, tocdir: str, location: str) -> None:
        target = self.files.resolve(href, tocdir)
        if target.url is not None:
            node.url, node.docname = target.url, None
            return
        if target.docname is None:
            why = target.problem or "not a page of this build"
            warn(f"toc href {href!r} does not resolve ({why})", SoWarning.TOC, location)
            return
        if target.case_fixed:
            warn(
                f"toc href {href!r} matches {target.path!r} only case-insensitively",
                SoWarning.TOC_CASE,
                location,
            )
        node.docname, node.anchor, node.url = target.docname, target.anchor, None


def build_model(
    srcdir: Path,
    files: SiteFiles,
    toc_files: list[str],
    root_tocs: list[str],
    root_doc: str,
    root_doc_exists: bool,
    is_stub: Callable[[str], bool] = lambda docname: False,
) -> TocModel:
    """Resolve the navigation tree and the toctree placement of every page.

    Redirect pages (``is_stub``) listed in a toc stay in the nav (linking their target)
    but get no toctree placement: their children go to the page above them.
    """
    reader = _TocReader(srcdir, files, toc_files)
    if root_tocs:
        roots_files = []
        for rel in root_tocs:
            real, _ = files.find(posixpath.normpath(rel))
            if real is None:
                warn(f"superoffice_toc_root: {rel!r} not found", SoWarning.TOC, None)
            else:
                roots_files.append(real)
    elif any(t.lower() in TOC_NAMES for t in toc_files):
        roots_files = [next(t for t in toc_files if t.lower() in TOC_NAMES)]
    else:
        referenced = reader.referenced_tocs()
        roots_files = [t for t in toc_files if t not in referenced]

    roots: list[TocNode] = []
    if len(roots_files) == 1:
        roots = reader.expand(roots_files[0], ())
    else:
        for rel in roots_files:
            folder = posixpath.dirname(rel) or "."
            title = re.sub(r"[-_]+", " ", folder.split("/")[0]).strip().capitalize()
            group = TocNode(title=title, location=f"{srcdir / rel}:1")
            group.children = reader.expand(rel, ())
            roots.append(group)

    model = TocModel(roots=roots, root_doc=root_doc, toc_files=toc_files)
    _index(model)
    model.stubs = {doc for doc in model.occurrences if is_stub(doc)}
    if not root_doc_exists:
        first = next((d for d in model.occurrences if d not in model.stubs), None)
        if first is not None:
            model.root_doc = first
    _place(model)
    model.digest = _digest(model)
    return model


def _index(model: TocModel) -> None:
    def walk(items: list[TocNode], prefix: tuple[int, ...]) -> None:
        for i, node in enumerate(items):
            path = (*prefix, i)
            if node.docname:
                model.occurrences.setdefault(node.docname, []).append(path)
                if not node.title:
                    model.titled_by_page.add(node.docname)
            walk(node.children, path)

    walk(model.roots, ())


def _place(model: TocModel) -> None:
    """Give each page one toctree parent: the nearest page above its first occurrence."""
    seen = {model.root_doc}
    children = model.toctree_children

    def walk(items: list[TocNode], parent: str) -> None:
        for node in items:
            below = parent
            if node.docname and node.docname not in model.stubs:
                if node.docname not in seen:
                    seen.add(node.docname)
                    children.setdefault(parent, []).append((node.title or None, node.docname))
                below = node.docname
            walk(node.children, below)

    walk(model.roots, model.root_doc)


def _digest(model: TocModel) -> str:
    parts: list[str] = [model.root_doc, *sorted(model.stubs)]

    def walk(items: list[TocNode], depth: int) -> None:
        for node in items:
            parts.append(
                f"{depth}\x1f{node.title}\x1f{node.docname}\x1f{node.anchor}\x1f"
                f"{node.url}\x1f{node.expanded}"
            )
            walk(node.children, depth + 1)

    walk(model.roots, 0)
    return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()


_REDIRECT_RE = re.compile(r"^redirect_url\s*:", re.MULTILINE)


def is_redirect_stub(srcdir: Path, docname: str) -> bool:
    """Whether the Markdown page's front matter has ``redirect_url`` (read before parsing,
    to keep redirect pages out of the toctrees)."""
    path = srcdir / (docname + ".md")
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8-sig", errors="replace")
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        return False
    front = text[3:].split("\n---", 1)[0]
    return bool(_REDIRECT_RE.search(front))


# -- Sphinx events -------------------------------------------------------------------


def _config_inited(app: Sphinx, config: Config) -> None:
    settings = get_config(config)
    srcdir = Path(app.srcdir).resolve()
    skip = {Path(app.outdir).resolve(), Path(app.doctreedir).resolve()}
    excluded = Matcher(list(config.exclude_patterns))
    # the landing module excludes every toc.yml from the page set; we still read them
    toc_excluded = Matcher([p for p in config.exclude_patterns if not p.endswith("toc.yml")])
    included = Matcher(list(config.include_patterns))
    suffixes = list(config.source_suffix) or [".md"]

    def is_doc(docname: str) -> bool:
        for suffix in suffixes:
            rel = docname + suffix
            if (srcdir / rel).is_file():
                return included(rel) and not excluded(rel)
        return False

    files = SiteFiles(srcdir, suffixes, settings.site_url, is_doc, srcdir / settings.root)
    toc_files = _walk_tocs(srcdir, skip, toc_excluded)
    root_doc = config.root_doc
    model = build_model(
        srcdir,
        files,
        toc_files,
        settings.toc_root,
        root_doc,
        is_doc(root_doc),
        lambda docname: is_redirect_stub(srcdir, docname),
    )
    if model.root_doc != root_doc:
        LOGGER.info(
            "superoffice: no %r page; using %r (the first page of the navigation) as root_doc",
            root_doc,
            model.root_doc,
        )
        config.root_doc = model.root_doc
    config_state(config).set_slot(model)


def _env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    model = get_model(env)
    if model is None:
        return []
    previous = getattr(env, "superoffice_toc_digest", None)
    env.superoffice_toc_digest = model.digest  # type: ignore[attr-defined]
    if previous is not None and previous != model.digest:
        LOGGER.info("superoffice: toc.yml navigation changed; re-reading every page")
        return sorted(env.found_docs - added - changed)
    return []


def _env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Re-write every page when a title that the nav shows (nameless toc item) changed."""
    model = get_model(env)
    if model is None or not model.titled_by_page:
        return []
    titles = "\x1e".join(
        f"{doc}\x1f{env.titles[doc].astext() if doc in env.titles else ''}"
        for doc in sorted(model.titled_by_page)
    )
    digest = hashlib.sha256(titles.encode()).hexdigest()
    previous = getattr(env, "superoffice_nav_titles", None)
    env.superoffice_nav_titles = digest  # type: ignore[attr-defined]
    if previous is not None and previous != digest:
        return sorted(env.found_docs)
    return []


class TocTreeTransform(SphinxTransform):
    """Append the page's hidden toctree (its children in toc.yml); mark unlisted pages."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        model = get_model(self.env)
        if model is None:
            return
        docname = self.env.docname
        entries = model.toctree_children.get(docname)
        if entries:
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
            wrapper = nodes.compound(classes=["toctree-wrapper", "superoffice-toctree"])
            wrapper += toctree
            self.document += wrapper
        if docname not in model.occurrences and docname != model.root_doc:
            meta = self.env.metadata[docname]
            if "orphan" not in meta:  # an author's own `orphan:` needs no summary line
                meta["superoffice_not_in_toc"] = "1"
            meta["orphan"] = ""


def _check_not_included(app: Sphinx, env: BuildEnvironment) -> None:
    model = get_model(env)
    if model is None:
        return
    missing = sorted(
        doc
        for doc in env.all_docs
        if doc not in model.occurrences
        and doc != model.root_doc
        and "redirect_url" not in env.metadata.get(doc, {})
        and env.metadata.get(doc, {}).get("superoffice_not_in_toc") == "1"
    )
    if missing:
        shown = ", ".join(missing[:50]) + (", ..." if len(missing) > 50 else "")
        warn(
            f"{len(missing)} page(s) are in no toc.yml (reachable only by links): {shown}",
            SoWarning.TOC_NOT_INCLUDED,
            None,
        )


# -- template context ----------------------------------------------------------------


def _page_dir(uri: str) -> str:
    return uri.rsplit("/", 1)[0] if "/" in uri else ""


@dataclass
class _NavSpec:
    """A nav entry with everything but its page-relative URL computed (once per build)."""

    title: str
    external: str | None
    target_dir: str
    target_file: str
    fragment: str
    expanded: bool
    children: list[_NavSpec]


def _nav_specs(app: Sphinx, model: TocModel) -> list[_NavSpec]:
    if model.nav_specs is not None:
        return model.nav_specs
    env = app.env
    builder = app.builder
    redirect_of = _redirect_resolver(app)

    def convert(items: list[TocNode]) -> list[_NavSpec]:
        out = []
        for node in items:
            external = node.url
            target_dir = target_file = fragment = ""
            title = node.title
            if node.docname:
                docname, anchor = node.docname, node.anchor
                target = redirect_of(docname) if redirect_of else None
                if target is not None and target[2] is not None:
                    external = target[2]  # a redirect page listed in a toc: link its target
                else:
                    if target is not None and target[0] is not None:
                        docname, anchor = target[0], target[1]
                    uri = builder.get_target_uri(docname)
                    target_dir, _, target_file = uri.rpartition("/")
                    fragment = "#" + anchor if anchor else ""
                if not title and node.docname in env.titles:
                    title = env.titles[node.docname].astext()
            out.append(
                _NavSpec(
                    title=title or (node.docname or ""),
                    external=external,
                    target_dir=target_dir if node.docname else "\x00",
                    target_file=target_file,
                    fragment=fragment,
                    expanded=node.expanded,
                    children=convert(node.children),
                )
            )
        return out

    model.nav_specs = convert(model.roots)
    return model.nav_specs


_NAV_CACHE_SIZE = 8


def _nav_for_dir(app: Sphinx, model: TocModel, folder: str) -> list[dict[str, Any]]:
    """The nav as template dicts with URLs relative to pages in ``folder`` (cached)."""
    cached = model.nav_cache.get(folder)
    if cached is not None:
        model.nav_cache.move_to_end(folder)
        return cached
    prefixes: dict[str, str] = {}

    def url_of(spec: _NavSpec) -> str | None:
        if spec.external is not None:
            return spec.external
        if spec.target_dir == "\x00":
            return None
        prefix = prefixes.get(spec.target_dir)
        if prefix is None:
            rel = posixpath.relpath(spec.target_dir or ".", folder or ".")
            prefix = prefixes[spec.target_dir] = "" if rel == "." else rel + "/"
        return (prefix + spec.target_file or "./") + spec.fragment

    def convert(specs: list[_NavSpec]) -> list[dict[str, Any]]:
        return [
            {
                "title": spec.title,
                "url": url_of(spec),
                "current": False,
                "on_trail": False,
                "expanded": spec.expanded,
                "children": convert(spec.children),
            }
            for spec in specs
        ]

    nav = convert(_nav_specs(app, model))
    model.nav_cache[folder] = nav
    if len(model.nav_cache) > _NAV_CACHE_SIZE:
        model.nav_cache.popitem(last=False)
    return nav


def _redirect_resolver(app: Sphinx) -> Any:
    """The redirects module's target lookup (soft dependency, so toc works without it)."""
    try:
        from .redirects import nav_target
    except ImportError:  # pragma: no cover
        return None
    return lambda docname: nav_target(app, docname)


def _overlay(
    items: list[dict[str, Any]],
    trail: dict[int, Any],
    current: set[tuple[int, ...]],
    prefix: tuple[int, ...],
) -> list[dict[str, Any]]:
    out = list(items)
    for index, sub in trail.items():
        path = (*prefix, index)
        node = dict(items[index])
        node["on_trail"] = True
        node["current"] = path in current
        node["expanded"] = node["expanded"] or bool(node["children"])
        if sub:
            node["children"] = _overlay(node["children"], sub, current, path)
        out[index] = node
    return out


def page_navigation(
    app: Sphinx, pagename: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``(superoffice_nav, superoffice_breadcrumbs)`` for one page."""
    model = get_model(app.env)
    if model is None:
        return [], []
    folder = _page_dir(app.builder.get_target_uri(pagename))
    nav = _nav_for_dir(app, model, folder)
    paths = model.occurrences.get(pagename)
    if not paths:
        return nav, []
    trail: dict[int, Any] = {}
    for path in paths:
        level = trail
        for index in path:
            level = level.setdefault(index, {})
    flagged = _overlay(nav, trail, set(paths), ())
    crumbs = []
    level_items = flagged
    for index in paths[0]:
        node = level_items[index]
        crumbs.append({"title": node["title"], "url": node["url"]})
        level_items = node["children"]
    return flagged, crumbs


def _html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    nav, crumbs = page_navigation(app, pagename)
    context["superoffice_nav"] = nav
    context["superoffice_breadcrumbs"] = crumbs
