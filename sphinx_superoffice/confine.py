"""Keep what is outside the docset root out of the build: the Sphinx side of
:mod:`.containment`.

- **Pages**: Sphinx reads every source file it finds, following symbolic links. At
  ``config-inited`` every source page (and folder) of the site index walk that is a
  symbolic link leading outside the root is added to ``exclude_patterns``, with one
  ``superoffice.page_refused`` warning each; so is a folder link back to a folder that
  holds it (Sphinx would read its pages again at every level, about 40 deep).
- **Images and downloads**: Sphinx copies the file an image node or a
  ``download_reference`` names into ``_images``/``_downloads`` when the page is read
  (its asset collectors, at ``doctree-read``). :class:`OutsideFilesTransform` runs
  just before them and replaces an image whose file exists outside the root (or whose
  URL has an unsafe scheme) by its alt text, and such a download by its text, with a
  ``superoffice.image_refused`` / ``superoffice.download_refused`` warning. A file that
  does not exist is left to Sphinx (``image.not_readable``: nothing is copied). This
  covers ``:::image``, Markdown images, landing-page images and links, and any other
  construct that makes these nodes.
"""

from __future__ import annotations

import os
import posixpath
import re
from glob import glob
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import get_image_filename_for_language
from sphinx.util.matching import Matcher

from . import containment
from .config import get_config, project_root, source_dir
from .siteindex import TOC_NAMES
from .sitemodel import app_site_index
from .urls import refused_scheme
from .warnings_ import SoWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .siteindex import FileTree

#: ``data:`` images that markdown-it lets through too: never a script
_DATA_IMAGE_RE = re.compile(r"^data:image/(?:gif|png|jpeg|webp);", re.IGNORECASE)
_GLOB_SPECIAL_RE = re.compile(r"([*?\[])")


def setup_confine(app: Sphinx) -> None:
    # after Sphinx merges the source suffixes (800), before docfx.json (810), landing
    # pages (850) and the toc (900) look at the files
    app.connect("config-inited", _exclude_outside_pages, priority=805)
    app.add_transform(OutsideFilesTransform)


# --- pages -------------------------------------------------------------------------------


def _pattern(rel: str) -> str:
    """An ``exclude_patterns`` entry matching exactly the path ``rel``."""
    return _GLOB_SPECIAL_RE.sub(r"[\1]", rel)


def _exclude_outside_pages(app: Sphinx, config: Config) -> None:
    index = app_site_index(app)
    root = index.root
    suffixes = tuple(str(s) for s in config.source_suffix)
    excluded = Matcher(list(config.exclude_patterns))
    new: list[str] = []
    for rel, kind in outside_links(index.files, root, suffixes):
        if excluded(rel):
            continue
        full = index.srcdir / rel
        if kind == "cycle":
            reason = "is a symbolic link to a folder that holds it"
        else:
            reason = containment.outside_reason(full, root)
        what = "page" if kind == "page" else "folder of pages"
        warn(
            f"{what} {rel!r} {reason}; left out of the build",
            SoWarning.PAGE_REFUSED,
            f"{full}:1",
        )
        new.append(_pattern(rel))
    if new:
        config.exclude_patterns = [*config.exclude_patterns, *new]


def outside_links(
    tree: FileTree, root: Path, suffixes: tuple[str, ...], limit: int = 100_000
) -> list[tuple[str, str]]:
    """``(path, kind)`` of every source page (``"page"``) and folder (``"folder"``) under
    ``tree`` that is a symbolic link leading outside ``root``, and of every folder link
    back to a folder that holds it (``"cycle"``), as Sphinx finds them: following the
    links that stay inside (at most ``limit`` folders)."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[str, frozenset[Path]]] = [("", frozenset())]
    walked = 0
    while stack and walked < limit:
        rel, ancestors = stack.pop()
        listing = tree.listing(rel)
        real = containment.real_path(tree.base / rel) if rel else tree.base
        if listing is None or real is None:
            continue
        walked += 1
        ancestors = ancestors | {real}
        prefix = rel + "/" if rel else ""
        for name in listing.files:
            path = tree.base / rel / name
            if (
                name.endswith(suffixes)
                and name.lower() not in TOC_NAMES  # no page: the toc reader refuses it
                and path.is_symlink()
                and not containment.is_inside(path, root)
            ):
                found.append((prefix + name, "page"))
        for name in reversed(listing.dirs):
            if name in listing.links:
                target = containment.real_path(tree.base / rel / name)
                if target is None or not target.is_relative_to(root):
                    found.append((prefix + name, "folder"))
                    continue
                if target in ancestors:
                    found.append((prefix + name, "cycle"))
                    continue
            elif tree.skipped(rel, name):
                continue  # the build's output
            stack.append((prefix + name, ancestors))
    return sorted(found)


# --- images and downloads ------------------------------------------------------------


class OutsideFilesTransform(SphinxTransform):
    """Refuse images and downloads whose file is outside the root (see the module doc)."""

    # after every read transform that may add or rewrite images (i18n: 20, toc: <900),
    # before the asset collectors (the doctree-read event: 880)
    default_priority = 870

    def apply(self, **kwargs: Any) -> None:
        root = project_root(self.env)
        srcdir = source_dir(self.env)
        docdir = posixpath.dirname(self.env.docname)
        schemes = get_config(self.config).url_schemes
        for image in list(self.document.findall(nodes.image)):
            reason = self._image_problem(str(image.get("uri", "")), root, srcdir, docdir, schemes)
            if reason:
                alt = str(image.get("alt", ""))
                warn(
                    f"image {image.get('uri')!r} {reason}; not copied (shown as its alt text)",
                    SoWarning.IMAGE_REFUSED,
                    image,
                )
                _replace(image, [nodes.Text(alt)] if alt else [])
        for download in list(self.document.findall(addnodes.download_reference)):
            target = str(download.get("reftarget", ""))
            if "://" in target:
                scheme = refused_scheme(target, schemes)
                reason = f"has the refused URL scheme {scheme!r}" if scheme else ""
            else:
                reason = _file_problem(target, root, srcdir, docdir)
            if reason:
                warn(
                    f"download {target!r} {reason}; not copied (shown as text)",
                    SoWarning.DOWNLOAD_REFUSED,
                    download,
                )
                _replace(download, list(download.children))

    def _image_problem(
        self, uri: str, root: Path, srcdir: Path, docdir: str, schemes: list[str]
    ) -> str:
        if _DATA_IMAGE_RE.match(uri):
            return ""
        scheme = refused_scheme(uri, schemes)
        if scheme is not None and len(scheme) > 1:  # not a C: drive
            return f"has the refused URL scheme {scheme!r}"
        if uri.startswith("data:") or "://" in uri:
            return ""  # Sphinx leaves it as a URL: nothing is copied
        candidates = [uri]
        if self.config.language:
            candidates.append(get_image_filename_for_language(uri, self.env))
        for candidate in candidates:
            reason = _file_problem(candidate, root, srcdir, docdir)
            if reason:
                return reason
            if candidate.endswith(".*"):
                pattern = _lexical(candidate, srcdir, docdir)
                for match in glob(glob_escape_dir(pattern)):  # noqa: PTH207
                    reason = containment.outside_reason(Path(match), root)
                    if reason:
                        return reason
        return ""


def glob_escape_dir(pattern: Path) -> str:
    """``pattern`` (``…/name.*``) with its folder part escaped for :func:`glob`."""
    return os.path.join(_GLOB_SPECIAL_RE.sub(r"[\1]", str(pattern.parent)), pattern.name)  # noqa: PTH118


def _lexical(target: str, srcdir: Path, docdir: str) -> Path:
    """The absolute, normalised path Sphinx makes of a file named in a page
    (``env.relfn2path``: ``/x`` from the source folder, else from the page's folder)."""
    if target.startswith("/"):
        joined = srcdir.joinpath(*PurePosixPath(target).parts[1:])
    else:
        joined = srcdir / docdir / target
    return Path(os.path.normpath(joined))


def _file_problem(target: str, root: Path, srcdir: Path, docdir: str) -> str:
    """Why Sphinx may not copy the file ``target`` names ("" when it may, or when there
    is no such file: then Sphinx warns that it cannot read it, and copies nothing)."""
    problem = containment.name_problem(target)
    if problem:
        return problem
    path = _lexical(target, srcdir, docdir)
    if not containment.exists(path):
        return ""
    return containment.outside_reason(path, root)


def _replace(node: nodes.Element, children: list[nodes.Node]) -> None:
    """Replace ``node`` by ``children`` (in a paragraph where text may not stand)."""
    parent = node.parent
    if parent is None:
        return
    if children and not isinstance(parent, nodes.TextElement | nodes.Inline):
        children = [nodes.paragraph("", "", *children)]
    index = parent.index(node)
    parent.remove(node)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
