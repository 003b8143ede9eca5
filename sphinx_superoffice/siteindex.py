"""The site index: the source tree walked once per build, and what each file's head says.

:class:`FileTree` lists each folder at most once (``os.scandir``, on first need) and
answers exact and case-insensitive lookups from those listings; a walk reuses them.
:class:`SiteIndex` is one build's view: the source directory inside the docset root
(``superoffice_root``), giving

- the file index: :meth:`SiteIndex.folders` (every folder of the source directory,
  one walk), exact and case-folded lookups (:attr:`SiteIndex.files`), the docset
  root's case index and "did you mean" tables (:meth:`SiteIndex.case_index`,
  :meth:`SiteIndex.by_folder`, :meth:`SiteIndex.by_name`);
- the toc files (:meth:`SiteIndex.toc_files`) and the ``.yml`` files with their
  ``YamlMime`` header (:meth:`SiteIndex.yaml_files`, :meth:`SiteIndex.yaml_mime`);
- the front matter of a page, read with the one YAML reader (:mod:`.yamlread`), with
  its lines (:meth:`SiteIndex.front_matter`), and the uids of a tree
  (:meth:`SiteIndex.uids`).

Pure: no Sphinx. Nothing is read twice; nothing outside the folders asked about is
read. Walks never follow a symbolic link to a folder (as :func:`os.walk`) and skip the
build's output and doctree folders.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .encoding import decode_head
from .yamlread import (
    YamlDict,
    YamlList,
    api_page_uid,
    front_matter_parts,
    load_front_matter,
    metadata_text,
    simple_value,
    yaml_mime,
)

#: The names of a toc file (compared lower-cased).
TOC_NAMES = ("toc.yml", "toc.yaml")
#: Folders the case index and suggestions leave out (besides hidden ones).
UNINDEXED_DIRS = frozenset({"_build", "node_modules", "__pycache__"})
#: Bytes read to find a ``### YamlMime`` header.
_MIME_HEAD = 200
#: Bytes read to find the first uid of a ManagedReference page.
_UID_HEAD = 4096


def _head(path: Path, size: int) -> str:
    """The first ``size`` bytes of a file, decoded ("" if it cannot be read)."""
    try:
        with path.open("rb") as fh:
            return decode_head(fh.read(size))
    except OSError:
        return ""


#: Bytes read first to find a page's front matter (the rest only if it is longer).
_FRONT_MATTER_HEAD = 16384


@dataclass(frozen=True)
class Listing:
    """One folder's entries, each sorted by name."""

    dirs: tuple[str, ...]
    """Sub-folders, symbolic links to folders included."""
    files: tuple[str, ...]
    """Everything else (as :func:`os.walk` lists it)."""
    regular: frozenset[str]
    """The files that are files (a broken link or a pipe is not)."""
    links: frozenset[str]
    """The sub-folders that are symbolic links (listed, never walked into)."""
    lower: dict[str, str]
    """Lower-cased name -> real name (the first in sort order when two differ by case)."""


class FileTree:
    """A folder tree listed lazily, each folder once; paths are relative, with ``/``.

    :meth:`view` gives the same tree seen from a sub-folder, sharing the listings.
    """

    def __init__(
        self, base: str | os.PathLike[str], skip: Iterable[str | os.PathLike[str]] = ()
    ) -> None:
        self.base = Path(base).resolve()
        self._skip = frozenset(Path(p).resolve() for p in skip)
        self._listings: dict[str, Listing | None] = {}
        self._prefix = ""

    def view(self, rel: str) -> FileTree:
        """The tree below the folder ``rel``, sharing this tree's listings."""
        sub = FileTree.__new__(FileTree)
        sub.base = self.base / rel if rel else self.base
        sub._skip = self._skip
        sub._listings = self._listings
        sub._prefix = self._key(rel)
        return sub

    def _key(self, rel: str) -> str:
        rel = rel.strip("/")
        if not self._prefix:
            return rel
        return f"{self._prefix}/{rel}" if rel else self._prefix

    def listing(self, rel: str = "") -> Listing | None:
        """The entries of the folder ``rel`` (``None`` if it is no readable folder)."""
        key = self._key(rel)
        if key not in self._listings:
            self._listings[key] = _list(self.base / rel if rel else self.base)
        return self._listings[key]

    def skipped(self, rel_dir: str, name: str) -> bool:
        """Whether a walk leaves out the sub-folder ``name`` of ``rel_dir``."""
        listing = self.listing(rel_dir)
        if listing is not None and name in listing.links:
            return True
        if not self._skip:
            return False
        path = self.base / rel_dir / name
        return path in self._skip

    def walk(
        self, top: str = "", prune: Callable[[str], bool] | None = None
    ) -> Iterator[tuple[str, Listing]]:
        """``(folder, listing)`` for ``top`` and every folder below it, in sorted
        pre-order; ``prune(name)`` leaves a sub-folder (and everything in it) out."""
        stack = [top.strip("/")]
        while stack:
            rel = stack.pop()
            listing = self.listing(rel)
            if listing is None:
                continue
            yield rel, listing
            below = [
                posixpath.join(rel, name) if rel else name
                for name in listing.dirs
                if not self.skipped(rel, name) and not (prune and prune(name))
            ]
            stack.extend(reversed(below))

    def find(self, relpath: str) -> tuple[str | None, bool]:
        """The real relative path of ``relpath`` and whether only its letter case matched."""
        relpath = posixpath.normpath(relpath)
        if relpath in (".", ""):
            return "", False
        if relpath.startswith("../") or relpath == ".." or relpath.startswith("/"):
            return None, False
        real: list[str] = []
        fixed = False
        for part in relpath.split("/"):
            listing = self.listing("/".join(real))
            if listing is None:
                return None, False
            if part in listing.dirs or part in listing.files:
                real.append(part)
                continue
            actual = listing.lower.get(part.lower())
            if actual is None:
                return None, False
            real.append(actual)
            fixed = True
        return "/".join(real), fixed

    def _entry(self, relpath: str) -> tuple[Listing | None, str]:
        relpath = posixpath.normpath(relpath) if relpath else ""
        if relpath.startswith(("../", "/")) or relpath == "..":
            return None, ""
        folder, _, name = relpath.rpartition("/")
        return self.listing(folder), name

    def is_file(self, relpath: str) -> bool:
        """Whether ``relpath`` (exact case) is a file; links are followed."""
        listing, name = self._entry(relpath)
        return listing is not None and name in listing.regular

    def is_dir(self, relpath: str) -> bool:
        """Whether ``relpath`` (exact case) is a folder; links are followed."""
        if relpath in ("", "."):
            return self.listing("") is not None
        listing, name = self._entry(relpath)
        return listing is not None and name in listing.dirs


def _list(path: Path) -> Listing | None:
    dirs: list[str] = []
    files: list[str] = []
    regular: set[str] = set()
    links: set[str] = set()
    try:
        with os.scandir(path) as entries:
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if is_dir:
                    dirs.append(entry.name)
                    if entry.is_symlink():
                        links.add(entry.name)
                else:
                    files.append(entry.name)
                    try:
                        if entry.is_file():
                            regular.add(entry.name)
                    except OSError:
                        pass
    except OSError:
        return None
    names = sorted([*dirs, *files], reverse=True)
    return Listing(
        dirs=tuple(sorted(dirs)),
        files=tuple(sorted(files)),
        regular=frozenset(regular),
        links=frozenset(links),
        lower={name.lower(): name for name in names},
    )


@dataclass(frozen=True)
class FrontMatter:
    """A page's front matter as the YAML reader reads it (typed, as page metadata)."""

    data: YamlDict = field(default_factory=YamlDict)
    """The mapping (empty without front matter, or when it is not a mapping)."""
    offset: int = 1
    """File line of the front matter's first YAML line, minus one."""
    error: str = ""
    """Why the front matter could not be read (malformed YAML...)."""
    body: bool = True
    """Whether the page has more than its front matter (anything but white space)."""

    def text(self, key: str) -> str | None:
        """The value of ``key`` as the page's metadata will hold it, if the key is there."""
        if key not in self.data:
            return None
        return metadata_text(self.data[key])

    def line(self, key: str) -> int | None:
        """The file line of ``key``."""
        return self.data.key_line(key) + self.offset if key in self.data else None

    def item_line(self, key: str, value: str) -> int | None:
        """The file line of ``value`` in the list (or the value) of ``key``."""
        if key not in self.data:
            return None
        items = self.data[key]
        if isinstance(items, YamlList):
            for index, item in enumerate(items):
                if metadata_text(item).strip() == value:
                    return items.line_of_item(index) + self.offset
            return self.line(key)
        return self.data.line_of(key) + self.offset


def _front_matter_head(path: Path) -> tuple[tuple[str, int, str] | None, bool]:
    """The parts of a Markdown file's front matter (:func:`.front_matter_parts`), and
    whether the file goes on past the bytes read. Raises OSError."""
    with path.open("rb") as fh:
        data = fh.read(_FRONT_MATTER_HEAD)
        more = len(data) == _FRONT_MATTER_HEAD
        text = decode_head(data)
        found = front_matter_parts(text)
        if found is None and more and text.startswith("---"):
            found = front_matter_parts(decode_head(data + fh.read()))
    return found, more


def _front_matter_text(path: Path) -> str | None:
    """The YAML text of a Markdown file's front matter (None: none, or unreadable)."""
    try:
        found, _more = _front_matter_head(path)
    except OSError:
        return None
    return found[0] if found is not None else None


def read_front_matter(path: Path) -> FrontMatter:
    """The front matter of the Markdown file ``path`` (UTF-8, UTF-8 BOM or UTF-16, with or
    without its byte-order mark)."""
    try:
        found, more = _front_matter_head(path)
    except OSError as exc:
        return FrontMatter(error=str(exc))
    if found is None:
        return FrontMatter()
    yaml_text, first_line, after = found
    body = more or bool(after.strip())
    try:
        loaded = load_front_matter(yaml_text)
    except Exception as exc:  # yaml.YAMLError and friends
        return FrontMatter(error=str(exc).replace("\n", " "))
    if not isinstance(loaded, YamlDict):
        return FrontMatter(error="the front matter is not a mapping", body=body)
    return FrontMatter(data=loaded, offset=first_line - 1, body=body)


class SiteIndex:
    """The source tree of one build (see the module documentation).

    :param srcdir: the Sphinx source directory.
    :param root: the docset root (``superoffice_root``); when it holds ``srcdir``, one
        tree serves both, else ``srcdir`` is the tree's base.
    :param skip: folders no walk enters (the build's output and doctrees).
    """

    def __init__(
        self,
        srcdir: str | os.PathLike[str],
        root: str | os.PathLike[str] | None = None,
        skip: Iterable[str | os.PathLike[str]] = (),
    ) -> None:
        self.srcdir = Path(srcdir).resolve()
        self.root = Path(root).resolve() if root is not None else self.srcdir
        base = self.root if self.srcdir.is_relative_to(self.root) else self.srcdir
        self._tree = FileTree(base, skip)
        #: the source directory's files
        self.files = self._tree.view(_relative(self.srcdir, base))
        self._trees: dict[Path, FileTree] = {}
        self._skip = list(skip)
        self._folders: list[tuple[str, Listing]] | None = None
        self._mimes: dict[str, str | None] = {}
        self._heads: dict[Path, FrontMatter] = {}
        self._case_index: dict[str, list[str]] | None = None
        self._tables: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None

    # -- the file index ---------------------------------------------------------------

    def tree_at(self, folder: str | os.PathLike[str]) -> FileTree:
        """The files of ``folder`` (absolute), from the one tree when it is inside it."""
        path = Path(folder).resolve()
        if path.is_relative_to(self._tree.base):
            return self._tree.view(_relative(path, self._tree.base))
        if path not in self._trees:
            self._trees[path] = FileTree(path, self._skip)
        return self._trees[path]

    def folders(self) -> list[tuple[str, Listing]]:
        """Every folder of the source directory (source-relative), walked once."""
        if self._folders is None:
            self._folders = list(self.files.walk())
        return self._folders

    def source_files(self, suffix: str = "") -> Iterator[str]:
        """Source-relative paths of the files whose name ends with ``suffix``, sorted by
        folder then name."""
        for rel, listing in self.folders():
            for name in listing.files:
                if name.endswith(suffix):
                    yield posixpath.join(rel, name) if rel else name

    def toc_files(self) -> list[str]:
        """Every ``toc.yml`` / ``toc.yaml`` (any case) outside hidden folders, sorted."""
        found = [
            path
            for path in self.source_files()
            if posixpath.basename(path).lower() in TOC_NAMES and not _hidden(path)
        ]
        return sorted(found)

    def yaml_files(self) -> list[str]:
        """Every ``.yml`` file of the source directory."""
        return list(self.source_files(".yml"))

    def yaml_mime(self, rel: str) -> str | None:
        """The ``### YamlMime:`` type on the first line of a source file, if any."""
        if rel not in self._mimes:
            self._mimes[rel] = yaml_mime(_head(self.srcdir / rel, _MIME_HEAD))
        return self._mimes[rel]

    # -- pages -------------------------------------------------------------------------

    def front_matter(self, path: str | os.PathLike[str]) -> FrontMatter:
        """The front matter of a Markdown file (source-relative or absolute), read once."""
        full = self.srcdir / path
        if full not in self._heads:
            self._heads[full] = read_front_matter(full)
        return self._heads[full]

    def uids(
        self,
        folder: str | os.PathLike[str] | None = None,
        *,
        hidden: bool = True,
        docname: Callable[[str], str | None] | None = None,
    ) -> dict[str, str]:
        """``uid -> docname`` of every ``.md`` page below ``folder`` (absolute; default
        the source directory), from its front matter.

        The docname is the path relative to ``folder`` without ``.md``, or what
        ``docname(path)`` makes of that path (``None``: not a page, left out). The first
        page in walk order keeps a shared uid. ``hidden=False`` leaves out folders whose
        name starts with ``.`` or ``_``.
        """
        base = Path(folder).resolve() if folder is not None else self.srcdir
        tree = self.files if base == self.srcdir else self.tree_at(base)
        uids: dict[str, str] = {}
        for rel, listing in tree.walk(prune=None if hidden else _private):
            for name in listing.files:
                path = posixpath.join(rel, name) if rel else name
                if name.endswith(".yml") and name.lower() not in TOC_NAMES:
                    # an API reference page: the uid of its first item (its type)
                    uid = api_page_uid(_head(base / path, _UID_HEAD))
                    page = docname(path) if docname is not None else path[: -len(".yml")]
                    if uid and page is not None:
                        uids.setdefault(uid, page)
                if not name.endswith(".md"):
                    continue
                uid = self._uid(base / path, own=base == self.srcdir)
                if not uid:
                    continue
                page = docname(path) if docname is not None else path[: -len(".md")]
                if page is not None:
                    uids.setdefault(uid, page)
        return uids

    def _uid(self, full: Path, own: bool) -> str | None:
        """The uid of the Markdown page ``full``. For a page of another tree (a language
        switch needs only its uid) a simple ``uid:`` line is read as it is, without a
        YAML parse of the whole front matter."""
        if not own and full not in self._heads:
            found = _front_matter_text(full)
            if found is None or ("uid" not in found and "\\" not in found):
                return None  # no uid key (short of one spelled with escapes)
            simple = simple_value(found, "uid")
            if simple is not None:
                return simple
        head = self.front_matter(full)
        if head.data.get("uid") in (None, ""):
            return None
        return head.text("uid")

    # -- the docset root: case-insensitive lookups and suggestions ---------------------

    def case_index(self) -> dict[str, list[str]]:
        """Every file and folder under the docset root: lower-cased root-relative path ->
        real paths. Hidden folders and ``_build``, ``node_modules``, ``__pycache__`` are
        left out."""
        if self._case_index is None:
            index: dict[str, list[str]] = {}
            tree = self.tree_at(self.root)
            for rel, listing in tree.walk(prune=_unindexed):
                prefix = rel + "/" if rel else ""
                dirs = [d for d in listing.dirs if not _unindexed(d)]
                for name in [*dirs, *listing.files]:
                    path = prefix + name
                    index.setdefault(path.lower(), []).append(path)
            self._case_index = index
        return self._case_index

    def by_folder(self) -> dict[str, list[str]]:
        """Lower-cased root-relative folder -> the real paths in it (for "did you mean")."""
        return self._suggestion_tables()[0]

    def by_name(self) -> dict[str, list[str]]:
        """Lower-cased file name -> the real root-relative paths with that name."""
        return self._suggestion_tables()[1]

    def _suggestion_tables(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        if self._tables is None:
            children: dict[str, list[str]] = {}
            names: dict[str, list[str]] = {}
            for key, paths in self.case_index().items():
                folder, _, name = key.rpartition("/")
                children.setdefault(folder, []).append(paths[0])
                names.setdefault(name, []).append(paths[0])
            self._tables = (children, names)
        return self._tables


def _relative(path: Path, base: Path) -> str:
    rel = path.relative_to(base).as_posix()
    return "" if rel == "." else rel


def _hidden(path: str) -> bool:
    return any(part.startswith(".") for part in path.split("/")[:-1])


def _private(name: str) -> bool:
    return name.startswith((".", "_"))


def _unindexed(name: str) -> bool:
    return name.startswith(".") or name in UNINDEXED_DIRS
