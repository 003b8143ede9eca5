"""The real corpus (../shared/corpus/superoffice): no raw rich DFM, snippets right.

Per language tree: 0 raw ``#tab/``, ``[!code-``, ``[!Video``, ``[!div``, ``:::`` in the
visible text of every page, and every ``[!code-…]`` snippet shows the lines of its
source file. The Norwegian tree uses the session's one build (``corpus_no``); the
English subset (2,500 pages) is marked ``slow`` and left out by tox (run it with
``pytest -m slow``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .corpus_scan import check_snippets, scan_raw

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "superoffice"
REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is not there"),
]


def _check(src: Path, out: Path) -> None:
    pages, raw = scan_raw(out)
    assert pages > 900
    assert {pattern: where for pattern, where in raw.items() if where} == {}
    _checked, problems = check_snippets(src, out)
    assert problems == []


def test_norwegian_tree_has_no_raw_dfm_and_right_snippets(corpus_no: Any) -> None:
    assert "highlighting_failure" not in corpus_no.warning.getvalue()
    _check(CORPUS / "docs" / "no", Path(corpus_no.outdir))


@pytest.mark.slow
def test_english_tree_has_no_raw_dfm_and_right_snippets(tmp_path: Path) -> None:
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "conf.py").write_text(
        'extensions = ["sphinx_superoffice"]\n'
        'superoffice_root = "../.."\n'
        'root_doc = "index"\n'
        'html_theme = "basic"\n',
        encoding="utf-8",
    )
    src, out = CORPUS / "docs" / "en", tmp_path / "html"
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-j", "2", "-q", "-c", str(conf)]
    result = subprocess.run(
        [*cmd, str(src), str(out)], capture_output=True, text=True, check=False, cwd=REPO
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "highlighting_failure" not in result.stderr
    _check(src, out)
