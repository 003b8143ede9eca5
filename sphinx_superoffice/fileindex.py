"""Every file under a root, case-folded: links with other letter case, and suggestions.

Pure (no Sphinx): a :class:`FileIndex` is made from the case-folded listing of the
build's one walk of the docset root (:meth:`SiteIndex.case_index`).
"""

from __future__ import annotations

import os
from pathlib import Path

from .siteindex import SiteIndex
from .suggest import PathSuggester


class FileIndex:
    """Every file and folder under ``root``, by lower-cased relative path.

    Listed once (per build: a link with other letter case, or a broken one, asks it);
    arranged for "did you mean" on the first broken link.
    """

    def __init__(self, root: Path, paths: dict[str, list[str]] | None = None) -> None:
        """:param paths: lower-cased root-relative path -> real paths (default: list
        ``root`` now)."""
        self.root = root
        #: lower-cased relative path -> real relative paths
        self.paths = SiteIndex(root).case_index() if paths is None else paths
        self._suggester: PathSuggester | None = None

    def find_case_insensitive(self, path: Path) -> Path | None:
        """The existing path that equals ``path`` but for letter case, if exactly one does."""
        if not path.is_relative_to(self.root):
            return None
        matches = self.paths.get(path.relative_to(self.root).as_posix().lower(), [])
        return self.root / matches[0] if len(matches) == 1 else None

    def existing(self, path: Path) -> tuple[Path | None, bool]:
        """``path`` if it exists, else its case-insensitive twin; and whether case differed."""
        if path.exists():
            return path, False
        twin = self.find_case_insensitive(path)
        return (twin, True) if twin is not None else (None, False)

    def suggest(self, target: Path, relative_to: Path) -> str | None:
        """The closest existing file to a missing ``target``, relative to ``relative_to``."""
        if not target.is_relative_to(self.root):
            return None
        if self._suggester is None:
            self._suggester = PathSuggester(self.paths)
        match = self._suggester.closest(target.relative_to(self.root).as_posix())
        if match is None:
            return None
        return Path(os.path.relpath(self.root / match, relative_to)).as_posix()
