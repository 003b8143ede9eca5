"""``sphinx-superoffice init`` then ``build`` on copies of the real corpus, unedited.

The slice (``document/templates/merge-fields`` of en and no, with ``common/includes``)
runs in CI; the whole en + no copy is ``slow`` (minutes: run it under the heavy lock).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..toolkit import CORPUS
from .conftest import copy_slice, needs_corpus, run

pytestmark = [pytest.mark.corpus, needs_corpus]

PAGE = "document/templates/merge-fields/quote.html"


def init_and_build(root: Path, *build_args: str) -> Path:
    init = run("init", root)
    assert init.returncode == 0, init.stderr
    assert init.stderr == ""
    build = run("build", root, *build_args)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert "Traceback" not in build.stderr
    return root / "_build" / "html"


def test_init_then_build_a_slice_of_the_corpus(tmp_path: Path) -> None:
    site = init_and_build(copy_slice(tmp_path / "superoffice"), "-j", "2")
    root_page = (site / "index.html").read_text("utf-8")
    assert "<title>superoffice</title>" in root_page  # named after the docset's folder
    assert ">English</a>" in root_page and ">Norsk</a>" in root_page
    no = (site / "no" / PAGE).read_text("utf-8")
    en = (site / "en" / PAGE).read_text("utf-8")
    assert '<html lang="nb"' in no and '<html lang="en"' in en
    # the table comes from common/includes/merge-field/table-quote.md, outside the trees
    assert "quote/approvalRegisteredBy" in no and "quote/approvalRegisteredBy" in en
    assert "[!include" not in no and "[!include" not in en
    # each language links its counterpart
    assert 'hreflang="en" href="../../../../en/' + PAGE + '"' in no


@pytest.mark.slow
def test_init_then_build_the_whole_corpus(tmp_path: Path) -> None:
    """The en + no trees as they are (the Norwegian tree's 1,004 pages and the English
    tree's), with common/ and the shared media: no hand edit."""
    root = tmp_path / "superoffice"
    shutil.copytree(CORPUS / "common", root / "common")
    for folder in ("en", "no", "media", "assets"):
        shutil.copytree(CORPUS / "docs" / folder, root / "docs" / folder)
    site = init_and_build(root, "-j", "2", "--", "-q", "-j", "2")
    for lang in ("en", "no"):
        assert (site / lang / "index.html").is_file()
        assert (site / lang / PAGE).is_file()
    assert len(list((site / "no").rglob("*.html"))) > 1000
