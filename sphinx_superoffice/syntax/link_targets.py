"""What a relative link points at, the way DocFX resolves it (dfm-spec §10). Pure.

:func:`classify` takes an absolute, normalised path and a :class:`SiteView` (what
it needs of the build: the folders, the other trees, the file index, how a path
becomes a docname) and answers with a :class:`LinkTarget`:

- ``doc``: a page of this build (``x.md``, a folder's ``index.md``, ``x.yml`` with a
  document ``x``); a target that exists only with other letter case is taken, with
  ``case_fixed`` (DocFX ran on Windows);
- ``tree``: a page of another configured tree (``superoffice_external_trees``, or the
  language trees), as a URL path in that tree;
- ``download``: any other existing file inside the docset root;
- ``missing``: anything else, with the reason.

No Sphinx here: ``syntax/links.py`` makes the view from the environment and renders.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..encoding import decode_head
from ..fileindex import FileIndex
from ..sitepaths import yaml_mime

#: The page-like suffixes: a link to one of these is a page link, never a download.
PAGE_SUFFIXES = (".md", ".yml", ".yaml")


@dataclass(frozen=True)
class LinkTarget:
    """What a relative link points at."""

    kind: str  # "doc", "download", "tree" or "missing"
    path: Path | None = None
    docname: str = ""
    url: str = ""
    tree_base: str = ""
    case_fixed: bool = False
    reason: str = "not found"
    out_of_tree: bool = False


@dataclass
class SiteView:
    """What :func:`classify` needs of a build."""

    #: the docset root (``superoffice_root``) and the source folder, both resolved
    root: Path
    srcdir: Path
    #: other trees: folder relative to ``srcdir`` -> base URL of its build
    trees: dict[str, str]
    index: FileIndex
    #: the docname of a source file of this build (None if the path is no page of it)
    path2doc: Callable[[Path], str | None]
    #: whether a path relative to a tree's folder matches ``exclude_patterns``
    excluded: Callable[[str], bool]
    source_suffixes: Collection[str]
    #: the ``### YamlMime:`` kinds of landing pages (a ``.yml`` page)
    landing_mimes: Collection[str]
    #: target -> what :func:`classify` made of it (many pages link the same targets)
    classified: dict[Path, LinkTarget] = field(default_factory=dict, repr=False)

    def docname_of(self, path: Path) -> str | None:
        if not path.is_relative_to(self.srcdir):
            return None
        return self.path2doc(path)

    def folder_page(self, folder: Path) -> tuple[Path | None, bool]:
        """A folder's ``index.md`` (or ``index.yml``); and whether letter case differed."""
        for name in ("index.md", "index.yml"):
            found, fixed = self.index.existing(folder / name)
            if found is not None and found.is_file():
                return found, fixed
        return None, False

    def is_tree_page(self, path: Path, tree_dir: Path) -> bool:
        """Whether another tree's build (same conf.py) makes a page of ``path``.

        Its ``exclude_patterns`` and source suffixes are this build's; a ``.yml`` page
        that is not a source is a page only through its ``.md`` twin.
        """
        suffix = path.suffix.lower()
        if suffix not in PAGE_SUFFIXES:
            return True  # a file, served as it is
        if self.excluded(path.relative_to(tree_dir).as_posix()):
            return False
        if suffix == ".yml":
            # a .yml is a page only as a landing page (or through its .md twin)
            return self.is_landing_yaml(path) or path.with_suffix(".md").is_file()
        if suffix == ".md" or suffix in self.source_suffixes:
            return True
        return path.with_suffix(".md").is_file()

    def is_landing_yaml(self, path: Path) -> bool:
        try:
            with path.open("rb") as fh:
                head = decode_head(fh.read(200))
        except OSError:
            return False
        return yaml_mime(head) in self.landing_mimes


def configured_trees(config: Any) -> dict[str, str]:
    """Other trees: ``superoffice_external_trees``, plus the language trees if configured.

    A ``superoffice_languages`` setting (``{"en": "../en"}``, language folders) with
    ``superoffice_language_url`` (``"../{lang}/"``) adds each language's folder, unless
    ``superoffice_external_trees`` names that folder already.
    """
    trees = dict(config.superoffice_external_trees)
    languages = getattr(config, "superoffice_languages", None) or {}
    template = str(getattr(config, "superoffice_language_url", None) or "../{lang}/")
    for code, folder in sorted(languages.items()):
        trees.setdefault(folder, template.replace("{lang}", code))
    return trees


def classify(site: SiteView, target: Path) -> LinkTarget:
    """Decide what an absolute, normalised link path is (once per target and site)."""
    found = site.classified.get(target)
    if found is None:
        found = site.classified[target] = _classify(site, target)
    return found


def _classify(site: SiteView, target: Path) -> LinkTarget:
    root, srcdir = site.root, site.srcdir
    found, fixed = site.index.existing(target)
    if found is not None and found.is_dir():
        found, fixed2 = site.folder_page(found)
        fixed = fixed or fixed2
    if found is not None and found.is_relative_to(srcdir):
        docname = site.docname_of(found)
        if docname is not None:
            return LinkTarget("doc", found, docname=docname, case_fixed=fixed)
        if found.suffix.lower() == ".yml":
            docname = site.docname_of(found.with_suffix(".md"))
            if docname is not None:
                return LinkTarget("doc", found, docname=docname, case_fixed=fixed)
    elif found is None and target.suffix.lower() == ".yml" and target.is_relative_to(srcdir):
        md_twin, fixed = site.index.existing(target.with_suffix(".md"))
        if md_twin is not None and (docname := site.docname_of(md_twin)):
            return LinkTarget("doc", md_twin, docname=docname, case_fixed=fixed)
    tree = _in_other_tree(site, target, found, fixed)
    if tree is not None:
        return tree
    if found is None:
        if not target.is_relative_to(srcdir) and target.suffix.lower() in PAGE_SUFFIXES:
            return LinkTarget("missing", target, reason=_OUTSIDE, out_of_tree=True)
        return LinkTarget("missing", target)
    if found.is_dir():
        return LinkTarget("missing", target, reason="is a folder without an index page")
    if found.suffix.lower() in PAGE_SUFFIXES:
        if found.is_relative_to(srcdir):
            reason = (
                "is a YAML page without a document of this build"
                if found.suffix.lower() != ".md"
                else "is not a page of this build (excluded)"
            )
            return LinkTarget("missing", found, reason=reason)
        return LinkTarget("missing", found, reason=_OUTSIDE, out_of_tree=True)
    if not found.is_relative_to(root):
        return LinkTarget("missing", found, reason="is outside the project root", out_of_tree=True)
    return LinkTarget("download", found, case_fixed=fixed)


_OUTSIDE = "is outside the source tree and in no superoffice_external_trees entry"


def _in_other_tree(
    site: SiteView, target: Path, found: Path | None, fixed: bool
) -> LinkTarget | None:
    """A page of another language tree, built side by side or published elsewhere.

    None when ``target`` is in no other tree, or is a file (not a page) of one that
    is here: that is a download of this build.
    """
    srcdir = site.srcdir
    for key, base in sorted(site.trees.items()):
        tree_dir = (srcdir / key).resolve()
        if not target.is_relative_to(tree_dir) or srcdir.is_relative_to(tree_dir):
            continue
        if (
            tree_dir.is_dir()
            and found is not None
            and found.is_file()
            and found.suffix.lower() not in PAGE_SUFFIXES
        ):
            return None  # a file of the other tree: a download of this build
        if tree_dir.is_dir():
            in_tree = found
            if in_tree is None and target.suffix.lower() == ".yml":
                in_tree, fixed = site.index.existing(target.with_suffix(".md"))
            if in_tree is None or not in_tree.is_relative_to(tree_dir):
                return LinkTarget("missing", target, reason="is not found in the tree " + key)
            if in_tree.is_dir():
                in_tree, _ = site.folder_page(in_tree)
                if in_tree is None:
                    return LinkTarget("missing", target, reason="has no index page in " + key)
            if not site.is_tree_page(in_tree, tree_dir):
                return LinkTarget("missing", target, reason="is not a page of the tree " + key)
        else:
            in_tree = target
        rel = in_tree.relative_to(tree_dir).as_posix()
        if in_tree.suffix.lower() in PAGE_SUFFIXES:
            rel = rel.rsplit(".", 1)[0] + ".html"
        return LinkTarget("tree", in_tree, url=rel, tree_base=base, case_fixed=fixed)
    return None
