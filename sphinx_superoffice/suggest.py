"""The one "did you mean" engine, for uids, anchors and file paths. Pure (no Sphinx).

:func:`closest` is the similarity test (difflib's ratio); :func:`did_you_mean`
words a hint for a name (a uid or an anchor, where a case-only twin comes first);
:class:`PathSuggester` finds the closest existing file to a broken link: a sibling
with a similar name (a typo), else a namesake in a similar folder (a moved file).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

#: how many namesakes (``index.md`` has hundreds) are compared for a moved file
NAMESAKES = 20


def closest(wanted: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most similar to ``wanted``, if one is similar enough."""
    match = difflib.get_close_matches(wanted, list(candidates), n=1, cutoff=cutoff)
    return match[0] if match else None


def did_you_mean(wanted: str, candidates: Iterable[str]) -> str:
    """`` did you mean 'x'?`` for the closest candidate (a case-only twin first), or ""."""
    pool = list(candidates)
    lower = wanted.lower()
    twins = [c for c in pool if c.lower() == lower]
    if twins:
        return f"; did you mean {sorted(twins)[0]!r} (letter case differs)?"
    match = closest(wanted, pool)
    return f"; did you mean {match!r}?" if match else ""


class PathSuggester:
    """Relative paths arranged for "did you mean": by folder and by file name.

    Made from a case-folded listing (lower-cased path -> real paths, as
    :class:`~sphinx_superoffice.fileindex.FileIndex` keeps it). Each answer is
    remembered, since a broken link in a shared include breaks on every page that
    includes it.
    """

    def __init__(self, listing: Mapping[str, list[str]]) -> None:
        self.children: dict[str, list[str]] = {}  # lower-cased folder -> real paths in it
        self.names: dict[str, list[str]] = {}  # lower-cased file name -> real paths
        for key, paths in listing.items():
            if not paths:
                continue
            folder, _, name = key.rpartition("/")
            self.children.setdefault(folder, []).append(paths[0])
            self.names.setdefault(name, []).append(paths[0])
        self.answers: dict[str, str | None] = {}

    def closest(self, rel: str) -> str | None:
        """The existing relative path closest to the missing ``rel``, or None."""
        if rel not in self.answers:
            self.answers[rel] = self._closest(rel)
        return self.answers[rel]

    def _closest(self, rel: str) -> str | None:
        folder, _, name = rel.lower().rpartition("/")
        # a sibling with a similar name (a typo)
        match = closest(rel, self.children.get(folder, []))
        if match:
            return match
        # a moved file: the same name elsewhere, in a similar folder. A name like index.md
        # has hundreds of namesakes, so rank them by the folder names they share first
        wanted = set(folder.split("/"))
        namesakes = sorted(
            self.names.get(name, []),
            key=lambda path: -len(wanted.intersection(path.lower().split("/"))),
        )[:NAMESAKES]
        return closest(rel, namesakes, cutoff=0.8)
