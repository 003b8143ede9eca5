"""Build the real corpus and scan it (slow: opt in with ``SUPEROFFICE_CORPUS=1``).

Per language tree (``no`` and the ``en`` subset of ../shared/corpus/superoffice):
0 raw ``#tab/``, ``[!code-``, ``[!Video``, ``[!div``, ``:::`` in the visible text of
every page, and every ``[!code-…]`` snippet shows the lines of its source file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .corpus_scan import check_snippets, scan_raw

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "superoffice"
REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(
        os.environ.get("SUPEROFFICE_CORPUS") != "1" or not CORPUS.is_dir(),
        reason="set SUPEROFFICE_CORPUS=1 (and have ../shared/corpus) to build the corpus",
    ),
]

#: (language folder, a page to use as root_doc)
TREES = [("no", "learn/intro"), ("en", "index")]


@pytest.mark.parametrize(("lang", "root_doc"), TREES)
def test_corpus_has_no_raw_dfm_and_right_snippets(lang: str, root_doc: str, tmp_path: Path) -> None:
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "conf.py").write_text(
        'extensions = ["sphinx_superoffice"]\n'
        'superoffice_root = "../.."\n'
        f'root_doc = "{root_doc}"\n'
        'html_theme = "basic"\n',
        encoding="utf-8",
    )
    src, out = CORPUS / "docs" / lang, tmp_path / "html"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-j", "2", "-q", "-c", str(conf)]
    result = subprocess.run(
        [*cmd, str(src), str(out)], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "highlighting_failure" not in result.stderr
    pages, raw = scan_raw(out)
    assert pages > 900
    assert {pattern: where for pattern, where in raw.items() if where} == {}
    _checked, problems = check_snippets(src, out)
    assert problems == []
