"""Every file under a root, case-folded: links with other letter case, and suggestions.

Pure (no Sphinx): a :class:`FileIndex` lists a root once; a build keeps one per root
in its :class:`FileIndexes` slot of the per-build state.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .suggest import PathSuggester

_SKIP_DIRS = ("_build", "node_modules", "__pycache__")


class FileIndex:
    """Every file and folder under ``root``, by lower-cased relative path.

    Listed once (per build: a link with other letter case, or a broken one, asks it);
    arranged for "did you mean" on the first broken link.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        #: lower-cased relative path -> real relative paths
        self.paths: dict[str, list[str]] = {}
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS
            )
            rel_dir = Path(dirpath).relative_to(root).as_posix()
            prefix = "" if rel_dir == "." else rel_dir + "/"
            for name in [*dirnames, *sorted(filenames)]:
                rel = prefix + name
                self.paths.setdefault(rel.lower(), []).append(rel)
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


@dataclass
class FileIndexes:
    """Per build: the :class:`FileIndex` of each root, listed on first use."""

    roots: dict[Path, FileIndex] = field(default_factory=dict)

    def of(self, root: Path) -> FileIndex:
        index = self.roots.get(root)
        if index is None:
            index = self.roots[root] = FileIndex(root)
        return index
