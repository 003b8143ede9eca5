"""Reading toc.yml files into :class:`~.model.TocNode` trees.

Each item's ``href`` / ``topicHref`` / ``uid`` resolves like a link (:class:`SiteFiles`);
an ``href`` that names a toc file or a folder with one embeds that toc in place. Every
problem is one warning at the item's line; the item is then dropped or kept without
its link.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import containment
from ..encoding import read_source_checked
from ..warnings_ import SoWarning, warn
from ..yamlread import YamlDict, YamlList, YamlRefused, load_yaml
from .model import TOC_NAMES, TocModel, TocNode, finish_model, folder_title

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..siteindex import SiteIndex
    from ..sitepaths import SiteFiles

#: ``report(message, subtype, location)``: where problems go (a warning by default)
Report = Callable[[str, SoWarning, "str | None"], None]


class TocReader:
    """Resolves raw toc.yml files into :class:`TocNode` trees."""

    def __init__(
        self, index: SiteIndex, files: SiteFiles, toc_files: list[str], report: Report = warn
    ) -> None:
        self.index = index
        self.srcdir = index.srcdir
        self.files = files
        self.toc_files = toc_files
        self.report = report
        self.raw: dict[str, list[Any]] = {}
        self._uids: dict[str, str] | None = None

    def load(self, rel: str) -> list[Any] | None:
        if rel in self.raw:
            return self.raw[rel]
        path = self.srcdir / rel
        refused = containment.outside_reason(path, self.index.root)
        if refused:
            self.report(f"toc {rel!r} {refused}; not read", SoWarning.TOC, f"{path}:1")
            return None
        try:
            text, problem = read_source_checked(path)
        except OSError as exc:
            self.report(f"cannot read toc: {exc}", SoWarning.TOC, f"{path}:1")
            return None
        if problem:
            self.report(f"encoding: {problem}", SoWarning.ENCODING, f"{path}:1")
        try:
            data = load_yaml(text.lstrip("\ufeff"))
        except Exception as exc:  # yaml.YAMLError (YamlRefused: a bomb) and friends
            line = exc.line if isinstance(exc, YamlRefused) else 1
            self.report(
                f"malformed toc.yml: {exc}".replace("\n", " "), SoWarning.TOC, f"{path}:{line}"
            )
            return None
        if isinstance(data, YamlDict):
            data = data.get("items", YamlList())
        if data in ("", None):
            data = YamlList()
        if not isinstance(data, list):
            self.report(
                "a toc.yml must be a list of items or a mapping with 'items'",
                SoWarning.TOC,
                f"{path}:1",
            )
            return None
        self.raw[rel] = data
        return data

    def toc_graph(self) -> dict[str, set[str]]:
        """Each toc file -> the toc files it embeds (``href: x/toc.yml`` or ``href: x/``)."""
        graph: dict[str, set[str]] = {}

        def walk(items: Iterable[Any], tocdir: str, refs: set[str]) -> None:
            for item in items:
                if not isinstance(item, dict):
                    continue
                href = str(item.get("href", "") or "")
                sub = self._toc_target(href, tocdir) if href else None
                if sub:
                    refs.add(sub)
                walk(item.get("items") or [], tocdir, refs)

        for rel in self.toc_files:
            items = self.load(rel)
            graph[rel] = set()
            if items is not None:
                walk(items, posixpath.dirname(rel), graph[rel])
        return graph

    def unreferenced_tocs(self) -> list[str]:
        """The tocs no other toc embeds, plus, for tocs that only embed each other (a
        cycle no root reaches), one toc of each cycle: expanding it reports the cycle."""
        graph = self.toc_graph()
        referenced = set().union(*graph.values())
        roots = [t for t in self.toc_files if t not in referenced]

        def reach(starts: Iterable[str]) -> set[str]:
            seen: set[str] = set()
            stack = list(starts)
            while stack:
                rel = stack.pop()
                if rel not in seen:
                    seen.add(rel)
                    stack.extend(graph.get(rel, ()))
            return seen

        reached = reach(roots)
        for rel in self.toc_files:
            if rel not in reached and rel in reach(graph.get(rel, ())):
                roots.append(rel)  # on a cycle that nothing else embeds
                reached |= reach([rel])
        chosen = set(roots)
        return [t for t in self.toc_files if t in chosen]

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
            self._uids = self.index.uids(hidden=False, docname=self.files.path2doc)
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
            self.report(f"toc item is not a mapping: {raw!r}", SoWarning.TOC, location)
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
                    self.report(
                        f"circular toc inclusion: {' -> '.join((*stack, sub))}",
                        SoWarning.TOC,
                        at("href"),
                    )
                else:
                    node.children.extend(self.expand(sub, stack))
                if not node.title:
                    folder = posixpath.basename(posixpath.dirname(sub)) or "toc"
                    node.title = folder_title(folder)
            elif is_toc:
                why = "toc.md is not supported" if href.lower().endswith(".md") else "not found"
                self.report(f"toc href {href!r}: {why}", SoWarning.TOC, at("href"))
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
                self.report(f"toc uid {uid!r} is not a uid of any page", SoWarning.TOC, at("uid"))
        sub_items = raw.get("items")
        if isinstance(sub_items, list):
            for sub_item in sub_items:
                child = self.item(sub_item, rel, tocdir, stack)
                if child is not None:
                    node.children.append(child)
        if not node.title and node.docname is None and node.url is None and not node.children:
            self.report("toc item has neither name, href nor items", SoWarning.TOC, location)
            return None
        return node

    def _link(self, node: TocNode, href: str, tocdir: str, location: str) -> None:
        target = self.files.resolve(href, tocdir)
        if target.url is not None:
            node.url, node.docname = target.url, None
            return
        if target.docname is None:
            why = target.problem or "not a page of this build"
            self.report(f"toc href {href!r} does not resolve ({why})", SoWarning.TOC, location)
            return
        if target.case_fixed:
            self.report(
                f"toc href {href!r} matches {target.path!r} only case-insensitively",
                SoWarning.TOC_CASE,
                location,
            )
        node.docname, node.anchor, node.url = target.docname, target.anchor, None


def build_model(
    index: SiteIndex,
    files: SiteFiles,
    toc_files: list[str],
    root_tocs: list[str],
    root_doc: str,
    root_doc_exists: bool,
    is_stub: Callable[[str], bool] = lambda docname: False,
    report: Report = warn,
) -> TocModel:
    """Resolve the navigation tree and the toctree placement of every page.

    Redirect pages (``is_stub``) listed in a toc stay in the nav (linking their target)
    but get no toctree placement: their children go to the page above them.
    """
    reader = TocReader(index, files, toc_files, report)
    srcdir = index.srcdir
    if root_tocs:
        roots_files = []
        for rel in root_tocs:
            real, _ = files.find(posixpath.normpath(rel))
            if real is None:
                report(f"superoffice_toc_root: {rel!r} not found", SoWarning.TOC, None)
            else:
                roots_files.append(real)
    elif any(t.lower() in TOC_NAMES for t in toc_files):
        roots_files = [next(t for t in toc_files if t.lower() in TOC_NAMES)]
    else:
        roots_files = reader.unreferenced_tocs()

    roots: list[TocNode] = []
    if len(roots_files) == 1:
        roots = reader.expand(roots_files[0], ())
    else:
        for rel in roots_files:
            folder = posixpath.dirname(rel) or "."
            title = folder_title(folder.split("/")[0])
            group = TocNode(title=title, location=f"{srcdir / rel}:1")
            group.children = reader.expand(rel, ())
            roots.append(group)

    return finish_model(roots, root_doc, toc_files, root_doc_exists, is_stub)


def is_redirect_stub(index: SiteIndex, docname: str) -> bool:
    """Whether the Markdown page's front matter has ``redirect_url`` (read before parsing,
    to keep redirect pages out of the toctrees)."""
    return "redirect_url" in index.front_matter(docname + ".md").data
