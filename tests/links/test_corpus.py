"""The real corpus (../shared/corpus/superoffice, MIT): the Norwegian tree has no dead links.

Slow (a few minutes): deselect with ``-m "not corpus"``.
"""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from .conftest import REPO, load_checker

CORPUS = REPO.parent / "shared" / "corpus" / "superoffice"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "docs" / "no").is_dir(), reason="corpus not available"),
]


def test_norwegian_tree_has_no_dead_links(tmp_path: Path) -> None:
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "conf.py").write_text(
        'extensions = ["sphinx_superoffice"]\n'
        'superoffice_root = "../.."\n'
        'language = "nb"\n'
        'root_doc = "learn/intro"\n'
        'superoffice_external_trees = {"../en": "https://docs.example.com/en/"}\n'
        'suppress_warnings = ["toc.not_included", "misc.highlighting_failure"]\n',
        encoding="utf-8",
    )
    warning = StringIO()
    with docutils_namespace():  # leave docutils' registries as they were
        app = Sphinx(
            CORPUS / "docs" / "no",
            conf,
            tmp_path / "html",
            tmp_path / "doctrees",
            "html",
            status=StringIO(),
            warning=warning,
            freshenv=True,
            parallel=2,
        )
        app.build()
    checker = load_checker().Checker(tmp_path / "html", tmp_path / "html")
    broken = checker.check()
    # the one image the corpus itself lacks (common/icons/hugo-green.png), warned by Sphinx
    assert {k: len(v) for k, v in broken.items()} == {"img: missing file": 1}
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
