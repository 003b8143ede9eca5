"""Shared by toc.yml, landing pages and redirects: resolving site paths to pages.

DocFX links point at source files (``../a/b.md``, ``index.yml``), at site URLs
(``https://docs.superoffice.com/no/a/b.html``) or at site-absolute paths
(``/no/a/b``). :class:`SiteFiles` maps each of them to a docname, without
reading anything outside the source directory.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from . import containment
from .siteindex import FileTree
from .urls import DEFAULT_URL_SCHEMES, refused_scheme, url_scheme
from .yamlread import YamlDict, YamlList, load_yaml, yaml_mime

__all__ = [
    "SAFE_SCHEMES",
    "SiteFiles",
    "Target",
    "YamlDict",  # re-exported: the YAML reader lives in .yamlread
    "YamlList",
    "load_yaml",
    "url_scheme",
    "yaml_mime",
]

#: URL schemes a link or redirect may use by default (``superoffice_url_schemes``);
#: anything else (``javascript:``) is refused.
SAFE_SCHEMES = frozenset(DEFAULT_URL_SCHEMES)


@dataclass(frozen=True)
class Target:
    """Where a link points once resolved."""

    docname: str | None = None
    """The local page, or ``None``."""
    anchor: str = ""
    """The ``#fragment`` without ``#``."""
    url: str | None = None
    """An external URL (to keep as it is), or ``None``."""
    path: str | None = None
    """The source-relative path it resolved to (``a/b.md``), also for non-pages."""
    case_fixed: bool = False
    """The path matched only case-insensitively."""
    problem: str = ""
    """Why it did not resolve (empty when it did)."""


class SiteFiles:
    """Source files of one build: resolve relative paths and site URLs to docnames.

    :param srcdir: the Sphinx source directory; nothing outside it is looked at.
    :param suffixes: the source suffixes that make a file a page (``.md``, ``.yml``).
    :param site_url: the published URL of ``srcdir`` (``https://host/no/``), may be empty.
    :param is_doc: tells whether a docname is a page of the build (not excluded).
    :param root: the docset root (``superoffice_root``); a link from the source directory
        to a page elsewhere under it (``../../en/x.md``) becomes a link to that page on
        the published site, derived from ``site_url``, if the file exists.
    :param tree: the source directory's files (the build's site index); a new listing
        of ``srcdir`` when not given.
    :param schemes: the URL schemes a link may use (``superoffice_url_schemes``).
    """

    def __init__(
        self,
        srcdir: str | os.PathLike[str],
        suffixes: list[str],
        site_url: str = "",
        is_doc: Any = None,
        root: str | os.PathLike[str] | None = None,
        tree: FileTree | None = None,
        schemes: Collection[str] = SAFE_SCHEMES,
    ) -> None:
        self.srcdir = Path(srcdir).resolve()
        self.root = Path(root).resolve() if root is not None else self.srcdir
        self.root_url = ""
        if site_url and self.root != self.srcdir and self.srcdir.is_relative_to(self.root):
            depth = len(self.srcdir.relative_to(self.root).parts)
            base = site_url if site_url.endswith("/") else site_url + "/"
            self.root_url = urljoin(base, "../" * depth)
        self.suffixes = [s.lower() for s in suffixes]
        parts = urlsplit(site_url)
        self.site_netloc = parts.netloc.lower()
        self.site_path = "/" + parts.path.strip("/") + "/" if parts.path.strip("/") else "/"
        self.has_site_url = bool(site_url)
        self._is_doc = is_doc
        self.tree = tree if tree is not None else FileTree(self.srcdir)
        self.schemes = frozenset(s.lower() for s in schemes)

    # -- file system -----------------------------------------------------------------

    def find(self, relpath: str) -> tuple[str | None, bool]:
        """The real source-relative path of ``relpath`` and whether only its case matched."""
        return self.tree.find(relpath)

    def is_file(self, relpath: str) -> bool:
        return self.tree.is_file(relpath)

    def is_dir(self, relpath: str) -> bool:
        return self.tree.is_dir(relpath)

    def path2doc(self, relpath: str) -> str | None:
        """The docname of a source-relative file path, if it is a page of the build."""
        lower = relpath.lower()
        for suffix in self.suffixes:
            if lower.endswith(suffix):
                docname = relpath[: -len(suffix)]
                if self._is_doc is None or self._is_doc(docname):
                    return docname
                return None
        return None

    # -- links -----------------------------------------------------------------------

    def resolve(self, href: str, base_docdir: str) -> Target:
        """Resolve a link written in a file of the folder ``base_docdir`` (source-relative).

        Handles relative file paths, ``#fragments``, ``?queries`` (dropped), folder links
        (``x/`` → ``x/index.*``), site URLs and site-absolute paths under ``site_url``.
        External URLs come back as ``Target(url=...)``; refused schemes as a problem.
        """
        href = href.strip()
        if not href:
            return Target(problem="empty link")
        if href.startswith("#"):
            return Target(problem="same-page anchor", anchor=href[1:])
        refused = refused_scheme(href, self.schemes)
        if refused is not None and len(refused) > 1:  # not a C: drive
            return Target(problem=f"refused URL scheme {refused!r}")
        scheme = url_scheme(href)
        if scheme is not None:
            local = self.site_relative(href)
            if local is None:
                return Target(url=href)
            return self._resolve_site_path(local, href)
        if href.startswith("//"):
            return Target(url=href)
        if href.startswith("/"):
            local = self.site_relative(href)
            if local is None:
                return Target(problem=f"site-absolute path outside {self.site_path!r}")
            return self._resolve_site_path(local, href)
        path, _, anchor = href.partition("#")
        path = unquote(path.split("?", 1)[0]).replace("\\", "/")
        problem = containment.name_problem(path)
        if problem:
            return Target(problem=f"the path {problem}", anchor=anchor)
        joined = posixpath.normpath(posixpath.join(base_docdir, path)) if path else ""
        if joined.startswith("../") or joined == "..":
            return self._resolve_outside(joined, anchor)
        return self._resolve_file(joined, anchor, keep_html=False)

    def _resolve_outside(self, joined: str, anchor: str) -> Target:
        """A path above the source directory: a page of a sibling tree on the site."""
        target = (self.srcdir / joined).resolve()
        if not target.is_relative_to(self.root) or target == self.root:
            return Target(problem="outside the project root", anchor=anchor)
        if not self.root_url:
            return Target(problem="outside the source directory", anchor=anchor)
        if not containment.is_file(target):
            return Target(problem="no such file (outside the source directory)", anchor=anchor)
        rel = target.relative_to(self.root).as_posix()
        for suffix in self.suffixes:
            if rel.lower().endswith(suffix):
                rel = rel[: -len(suffix)] + ".html"
                break
        return Target(url=self.root_url + rel + (f"#{anchor}" if anchor else ""))

    def site_relative(self, url: str) -> str | None:
        """The part of an absolute or site-absolute URL under ``site_url`` (``a/b.html#x``)."""
        if not self.has_site_url:
            return None
        parts = urlsplit(url)
        if parts.netloc and parts.netloc.lower() != self.site_netloc:
            return None
        path = unquote(parts.path)
        if not (path + "/").startswith(self.site_path):
            return None
        rest = path[len(self.site_path) :]
        return rest + ("#" + parts.fragment if parts.fragment else "")

    def _resolve_site_path(self, local: str, original: str) -> Target:
        path, _, anchor = local.partition("#")
        problem = containment.name_problem(path)
        if problem:
            return Target(problem=f"the path {problem}", anchor=anchor)
        path = posixpath.normpath(path) if path else ""
        target = self._resolve_file(path if path != "." else "", anchor, keep_html=True)
        if target.docname is None and not target.problem:
            return Target(problem="not a page of this site", anchor=anchor)
        return target

    def _resolve_file(self, path: str, anchor: str, keep_html: bool) -> Target:
        """``path`` is source-relative and normalised; try it as file, page URL, folder."""
        candidates: list[str] = []
        stem = path
        lower = path.lower()
        if lower.endswith(".html") or lower.endswith(".htm"):
            stem = path.rsplit(".", 1)[0]
            candidates += [stem + s for s in self.suffixes]
        elif path == "" or path.endswith("/") or self.is_dir(path):
            folder = path.rstrip("/")
            candidates += [posixpath.join(folder, "index" + s) for s in self.suffixes]
        else:
            candidates.append(path)
            if keep_html:  # extension-less URL (``/no/admin/learn/adjusting-views``)
                candidates += [path + s for s in self.suffixes]
                candidates += [posixpath.join(path, "index" + s) for s in self.suffixes]
        for exact_only in (True, False):
            for candidate in candidates:
                if exact_only:
                    if not self.is_file(candidate):
                        continue
                    real, fixed = candidate, False
                else:
                    real, fixed = self.find(candidate)  # type: ignore[assignment]
                    if real is None or not self.is_file(real):
                        continue
                docname = self.path2doc(real)
                return Target(docname=docname, anchor=anchor, path=real, case_fixed=fixed)
        return Target(problem="no such file", anchor=anchor, path=path)
