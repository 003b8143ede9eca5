"""The real corpus (../shared/corpus/superoffice, MIT): the Norwegian tree has no dead links.

Uses the session's one build of the tree (``corpus_no``); deselect with ``-m "not corpus"``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, load_checker

CORPUS = REPO.parent / "shared" / "corpus" / "superoffice"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "docs" / "no").is_dir(), reason="corpus not available"),
]


def test_norwegian_tree_has_no_dead_links(corpus_no: Any) -> None:
    out = Path(corpus_no.outdir)
    warning = corpus_no.warning
    checker = load_checker().Checker(out, out)
    broken = checker.check()
    # the one image the corpus itself lacks (common/icons/hugo-green.png), warned by Sphinx
    assert {k: len(v) for k, v in broken.items()} == {"img: missing file": 1}, broken
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", warning.getvalue()).splitlines()
    ours = [
        w
        for w in warnings
        if re.search(r"\[superoffice\.(link|anchor|uid)", w)  # this test's concern
    ]
    # every link warning has a file:line location, and none repeats
    assert all(re.match(r"^/\S+\.md:\d+: WARNING: ", w) for w in ours)
    assert len(ours) == len(set(ours))
    # every link rendered as text had a warning (shared includes render more than once)
    assert checker.counts["unresolved (text)"] >= len(
        [w for w in ours if "uid_" in w or "link_missing" in w or "link_out_of_tree" in w]
    )
