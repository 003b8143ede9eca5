"""The build report's pure core: locations, order, JSON, GitHub workflow commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinx_superoffice.report.model import (
    Entry,
    annotation_path,
    counts,
    escape_data,
    escape_property,
    github_command,
    ordered,
    report_json,
    split_location,
)


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("/src/a.md:12", ("/src/a.md", 12)),
        ("/src/a.md:", ("/src/a.md", None)),
        ("/src/a.md", ("/src/a.md", None)),
        ("<unknown>:3", (None, 3)),
        ("C:/src/a.md:4", ("C:/src/a.md", 4)),
        ("/src/odd:name.md", ("/src/odd:name.md", None)),
        (None, (None, None)),
        ("", (None, None)),
    ],
)
def test_split_location(location, expected):
    assert split_location(location) == expected


def test_entries_are_ordered_by_file_and_line_once_each():
    a = Entry("b.md", 3, "link_missing", "x")
    b = Entry("a.md", 10, "uid_missing", "y", "Uid.Y")
    c = Entry("a.md", 2, "link_missing", "z")
    d = Entry(None, None, "toc_not_included", "pages")
    assert ordered([a, b, c, d, a, c]) == [d, c, b, a]
    assert counts([a, b, c]) == {"link_missing": 2, "uid_missing": 1}


def test_relative_to_the_docset_root(tmp_path):
    root = tmp_path / "docs"
    inside = Entry(str(root / "en" / "a.md"), 1, "date", "m")
    outside = Entry(str(tmp_path / "conf.py"), 1, "config", "m")
    assert inside.relative_to(root).file == "en/a.md"
    assert outside.relative_to(root).file == (tmp_path / "conf.py").as_posix()
    assert Entry(None, None, "config", "m").relative_to(root).file is None


def test_report_json_has_counts_and_the_suggestion_only_where_there_is_one():
    entries = ordered(
        [
            Entry("a.md", 1, "link_missing", "gone; did you mean 'b.md'?", "b.md"),
            Entry("a.md", 2, "uid_missing", "u"),
        ]
    )
    data = json.loads(report_json(entries))
    assert data["version"] == 1
    assert data["total"] == 2
    assert data["counts"] == {"link_missing": 1, "uid_missing": 1}
    assert data["warnings"] == [
        {
            "subtype": "link_missing",
            "file": "a.md",
            "line": 1,
            "message": "gone; did you mean 'b.md'?",
            "suggestion": "b.md",
        },
        {"subtype": "uid_missing", "file": "a.md", "line": 2, "message": "u"},
    ]


def test_github_escaping_follows_the_toolkit():
    # actions/toolkit, packages/core/src/command.ts: escapeData and escapeProperty
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("docs/a,b:c%.md") == "docs/a%2Cb%3Ac%25.md"


def test_github_command():
    entry = Entry("en/a.md", 7, "link_missing", "link 'x:y,z' 50% gone\nsecond line")
    assert github_command(entry, "docs/en/a.md") == (
        "::warning file=docs/en/a.md,line=7,title=superoffice.link_missing"
        "::link 'x:y,z' 50%25 gone%0Asecond line"
    )
    assert github_command(Entry("a,b.md", None, "date", "m"), None) == (
        "::warning file=a%2Cb.md,title=superoffice.date::m"
    )
    assert github_command(Entry(None, None, "config", "bad"), None) == (
        "::warning title=superoffice.config::bad"
    )


def test_annotation_path_is_relative_to_the_workspace_else_the_current_folder(tmp_path):
    file = str(tmp_path / "repo" / "docs" / "a.md")
    assert annotation_path(file, str(tmp_path / "repo"), "/elsewhere") == "docs/a.md"
    assert annotation_path(file, None, str(tmp_path)) == "repo/docs/a.md"
    assert annotation_path(file, "/other", "/elsewhere") == Path(file).as_posix()


def test_of_warnings_given_once_per_process_the_first_is_reported():
    first = Entry("a.md", 9, "lexer", "language 'x'", once="lexer:x")
    later = Entry("b.md", 1, "lexer", "language 'x'", once="lexer:x")
    other = Entry("c.md", 1, "lexer", "language 'y'", once="lexer:y")
    assert ordered([later, other, first]) == [first, other]
