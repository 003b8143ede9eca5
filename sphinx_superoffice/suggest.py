"""The one "did you mean" engine, for uids, anchors and file paths. Pure (no Sphinx).

:func:`closest` is the similarity test (difflib's ratio); :func:`did_you_mean`
words a hint for a name (a uid or an anchor, where a case-only twin comes first);
:class:`PathSuggester` finds the closest existing file to a broken link: a sibling
with a similar name (a typo), else a namesake in a similar folder (a moved file).

Each broken name is compared with a bounded number of candidates, so 2,000 broken
links beside 2,000 files stay linear: :class:`NameIndex` keeps a large candidate set
by character trigrams (and :class:`TokenIndex` namesakes by folder name) and compares
only the :data:`SHORTLIST` candidates sharing the most of them, reading the rarest
first and at most :data:`POSTINGS_BUDGET` entries. Sets of up to :data:`SHORTLIST`
candidates are compared in full, as before.
"""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Callable, Iterable, Mapping

#: how many namesakes (``index.md`` has hundreds) are compared for a moved file
NAMESAKES = 20
#: how many candidates difflib compares a name with, at most
SHORTLIST = 24
#: how many index entries one look-up reads, at most (the rarest trigrams first)
POSTINGS_BUDGET = 2000


def closest(wanted: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most similar to ``wanted``, if one is similar enough."""
    match = difflib.get_close_matches(wanted, list(candidates), n=1, cutoff=cutoff)
    return match[0] if match else None


def _twins_hint(twins: list[str]) -> str:
    return f"; did you mean {sorted(twins)[0]!r} (letter case differs)?"


def did_you_mean(wanted: str, candidates: Iterable[str]) -> str:
    """`` did you mean 'x'?`` for the closest candidate (a case-only twin first), or ""."""
    pool = list(candidates)
    if len(pool) > SHORTLIST:
        return NameIndex(pool).did_you_mean(wanted)
    lower = wanted.lower()
    twins = [c for c in pool if c.lower() == lower]
    if twins:
        return _twins_hint(twins)
    match = closest(wanted, pool)
    return f"; did you mean {match!r}?" if match else ""


def trigrams(name: str) -> set[str]:
    """The character trigrams of a name (lower-cased, its ends marked)."""
    padded = f"\0{name.lower()}\0"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class TokenIndex:
    """Items by the tokens they contain: the items sharing the most tokens with a wanted
    set, reading the rarest tokens first and at most :data:`POSTINGS_BUDGET` entries."""

    def __init__(self, items: list[str], tokens: Callable[[str], Iterable[str]]) -> None:
        self.items = items
        self._tokens = tokens
        self._postings: dict[str, list[int]] | None = None

    def ranked(self, wanted: Iterable[str], size: int) -> list[int]:
        """Indexes of up to ``size`` items, most shared tokens first (then item order)."""
        if self._postings is None:
            self._postings = {}
            for index, item in enumerate(self.items):
                for token in self._tokens(item):
                    self._postings.setdefault(token, []).append(index)
        postings = self._postings
        counts: dict[int, int] = {}
        budget = POSTINGS_BUDGET
        for token in sorted(set(wanted), key=lambda t: len(postings.get(t, ()))):
            entries = postings.get(token, ())
            if len(entries) > budget:
                break
            budget -= len(entries)
            for index in entries:
                counts[index] = counts.get(index, 0) + 1
        return heapq.nlargest(size, counts, key=lambda index: (counts[index], -index))


class NameIndex:
    """Candidate names arranged for "did you mean": case-folded, and by trigrams when
    there are more than :data:`SHORTLIST` of them. Made once per candidate set."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = list(names)
        self._lower: dict[str, list[str]] | None = None
        self._grams = TokenIndex(self.names, trigrams)

    def twins(self, wanted: str) -> list[str]:
        """The names equal to ``wanted`` but for letter case (``wanted`` included)."""
        if self._lower is None:
            self._lower = {}
            for name in self.names:
                self._lower.setdefault(name.lower(), []).append(name)
        return self._lower.get(wanted.lower(), [])

    def shortlist(self, wanted: str) -> list[str]:
        """The names worth comparing with ``wanted``: all of a small set, else those
        sharing the most trigrams with it."""
        if len(self.names) <= SHORTLIST:
            return self.names
        return [self.names[i] for i in self._grams.ranked(trigrams(wanted), SHORTLIST)]

    def closest(self, wanted: str, cutoff: float = 0.6) -> str | None:
        return closest(wanted, self.shortlist(wanted), cutoff)

    def did_you_mean(self, wanted: str) -> str:
        """As :func:`did_you_mean`, for a set of names asked many times."""
        return hint_text(*self.suggestion(wanted))

    def suggestion(self, wanted: str) -> tuple[str | None, bool]:
        """The name :meth:`did_you_mean` suggests (or None), and whether it differs only
        by letter case: the structured "did you mean" of the build report."""
        twins = self.twins(wanted)
        if twins:
            return sorted(twins)[0], True
        return self.closest(wanted), False


def hint_text(match: str | None, case_only: bool = False) -> str:
    """`` did you mean 'x'?`` for a suggestion, worded as :func:`did_you_mean` does."""
    if match is None:
        return ""
    return _twins_hint([match]) if case_only else f"; did you mean {match!r}?"


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
        self._siblings: dict[str, NameIndex] = {}
        self._namesakes: dict[str, TokenIndex] = {}

    def closest(self, rel: str) -> str | None:
        """The existing relative path closest to the missing ``rel``, or None."""
        if rel not in self.answers:
            self.answers[rel] = self._closest(rel)
        return self.answers[rel]

    def _closest(self, rel: str) -> str | None:
        folder, _, name = rel.lower().rpartition("/")
        # a sibling with a similar name (a typo)
        if folder not in self._siblings:
            self._siblings[folder] = NameIndex(self.children.get(folder, []))
        match = self._siblings[folder].closest(rel)
        if match:
            return match
        # a moved file: the same name elsewhere, in a similar folder. A name like index.md
        # has hundreds of namesakes, so rank them by the folder names they share first
        return closest(rel, self._ranked_namesakes(folder, name), cutoff=0.8)

    def _ranked_namesakes(self, folder: str, name: str) -> list[str]:
        namesakes = self.names.get(name, [])
        wanted = set(folder.split("/"))
        if len(namesakes) <= SHORTLIST:
            return sorted(
                namesakes, key=lambda path: -len(wanted.intersection(path.lower().split("/")))
            )[:NAMESAKES]
        if name not in self._namesakes:
            self._namesakes[name] = TokenIndex(namesakes, lambda path: path.lower().split("/"))
        ranked = self._namesakes[name].ranked(wanted, NAMESAKES)
        # too few share a folder name: the first others, as a stable sort would put them
        ranked += [i for i in range(NAMESAKES) if i not in ranked][: NAMESAKES - len(ranked)]
        return [namesakes[i] for i in ranked[:NAMESAKES]]
