"""The one URL-scheme test and the one "did you mean" engine, without Sphinx."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_superoffice.fileindex import FileIndex
from sphinx_superoffice.suggest import PathSuggester, closest, did_you_mean
from sphinx_superoffice.urls import has_scheme, is_absolute, url_scheme


@pytest.mark.parametrize(
    ("href", "scheme", "absolute", "named"),
    [
        ("https://example.com/a", True, True, "https"),
        ("mailto:someone@example.com", True, True, "mailto"),
        ("xref:Some.Uid", True, True, "xref"),
        ("svn+ssh://host/x", True, True, "svn+ssh"),
        ("C:\\docs\\a.md", True, True, None),  # a drive letter: a scheme to links
        ("//cdn.example.com/x.js", False, True, None),
        ("/no/a/b", False, True, None),
        ("a/b.md", False, False, None),
        ("../a.md#x:y", False, False, None),
        ("1http://x", False, False, None),
        ("", False, False, None),
    ],
)
def test_url_scheme(href: str, scheme: bool, absolute: bool, named: str | None) -> None:
    assert has_scheme(href) is scheme
    assert is_absolute(href) is absolute
    assert url_scheme(href) == named


def test_did_you_mean() -> None:
    uids = ["SuperOffice.Contact", "superoffice.person", "Other"]
    assert did_you_mean("SuperOffice.Person", uids) == (
        "; did you mean 'superoffice.person' (letter case differs)?"
    )
    assert did_you_mean("SuperOffice.Contakt", uids) == "; did you mean 'SuperOffice.Contact'?"
    assert did_you_mean("zzz", uids) == ""
    assert did_you_mean("a", []) == ""
    assert closest("intro", ["introduction", "outro"]) == "outro"
    assert closest("intro", ["introduction"], cutoff=0.9) is None


def test_path_suggester_prefers_a_sibling_then_a_namesake() -> None:
    listing = {p.lower(): [p] for p in ["a/Page-One.md", "b/c/page-two.md", "d/page-two.md"]}
    suggester = PathSuggester(listing)
    assert suggester.closest("a/Page-Onw.md") == "a/Page-One.md"
    assert suggester.closest("c/page-two.md") == "b/c/page-two.md"  # shares the folder "c"
    assert suggester.closest("x/nothing-like-it.md") is None
    assert suggester.answers["c/page-two.md"] == "b/c/page-two.md"  # remembered


def test_file_index_suggest(tmp_path: Path) -> None:
    namesakes = [f"n{i}/m{i}/index.md" for i in range(40)]
    for rel in ["a/b/page-one.md", "a/b/index.md", "c/other.md", "c/logo.png", *namesakes]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    index = FileIndex(tmp_path)
    here = tmp_path / "c"
    # a typo: the closest sibling
    assert index.suggest(tmp_path / "a/b/page-onw.md", here) == "../a/b/page-one.md"
    # a moved file: the same name elsewhere, relative to the linking file's folder
    assert index.suggest(tmp_path / "x/y/page-one.md", here) == "../a/b/page-one.md"
    # among many namesakes, the one in the most similar folder
    assert index.suggest(tmp_path / "n37/m37/x/index.md", here) == "../n37/m37/index.md"
    # only files of the same kind, and nothing far off
    assert index.suggest(tmp_path / "x/y/logo.md", here) is None
    assert index.suggest(tmp_path / "x/y/zzzzzz.md", here) is None
    assert index.suggest(tmp_path.parent / "elsewhere.md", here) is None
    # the listing is made once (per build): a new file shows in a new index
    (tmp_path / "x/y").mkdir(parents=True)
    (tmp_path / "x/y/zzzzzy.md").write_text("x", encoding="utf-8")
    assert index.suggest(tmp_path / "x/y/zzzzzz.md", here) is None
    assert FileIndex(tmp_path).suggest(tmp_path / "x/y/zzzzzz.md", here) == "../x/y/zzzzzy.md"


def test_file_index_case_insensitive(tmp_path: Path) -> None:
    for rel in ["Folder/CaseOnly.md", "twin/a.md", "Twin/a.md"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    index = FileIndex(tmp_path)
    assert index.existing(tmp_path / "folder/caseonly.md") == (
        tmp_path / "Folder/CaseOnly.md",
        True,
    )
    assert index.existing(tmp_path / "Folder/CaseOnly.md") == (
        tmp_path / "Folder/CaseOnly.md",
        False,
    )
    assert index.existing(tmp_path / "TWIN/a.md") == (None, False)  # two twins: neither
    assert index.find_case_insensitive(tmp_path.parent / "x.md") is None
