"""DocFX's glob semantics: the cases of dotnet/docfx ``test/Docfx.Glob.Tests/
GlobMatcherTest.cs`` (MIT), each with the same pattern, paths and expected result, plus
the FileGlob walk and the patterns of real docfx.json files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_superoffice.docfx.glob import (
    DEFAULT_OPTIONS,
    GlobMatcher,
    GlobOptions,
    expand_group,
    get_files,
    matchers,
    parse_negate,
)

DOT = DEFAULT_OPTIONS | GlobOptions.ALLOW_DOT_MATCH


@pytest.mark.parametrize(
    ("pattern", "negate", "rest"),
    [("!!!!", False, ""), ("!!!!!abc", True, "abc"), ("abc", False, "abc")],
)
def test_negate_allows_multiple_negate_chars(pattern: str, negate: bool, rest: str) -> None:
    # TestNegateGlobShouldAllowMultipleNegateChars
    assert parse_negate(pattern) == (negate, rest)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"a\{b,c\}d", ["a{b,c}d"]),
        ("a{b,c}d", ["abd", "acd"]),
        ("a{b,c,d}e{d}{}", ["abed", "aced", "aded"]),
        ("{{a,b}}", ["a", "b"]),
        ("z{a,b{,c}d", []),
        (r"a\{b,c}d", []),
        # the order of DocFX's ungrouper: the later group varies slowest
        ("{a,b}{c,d}", ["ac", "bc", "ad", "bd"]),
        # an empty alternative before a comma is dropped, a trailing one kept
        ("a{,b}", ["ab"]),
        ("a{b,}", ["ab", "a"]),
        ("**/*.{md,yml}", ["**/*.md", "**/*.yml"]),
    ],
)
def test_grouped_glob_expands(source: str, expected: list[str]) -> None:
    # TestGroupedGlobShouldExpand
    assert expand_group(source) == expected


# TestGlobMatchWithoutDotMatchShouldMatchNonDotFiles
WITHOUT_DOT = [
    ("", [""], True),
    ("\\a", ["a"], True),
    ("a*", ["a", "abc", "abd", "abe"], True),
    (".a*", [".a", ".abc", ".abd", ".abe"], True),
    ("b*/", ["bdir/"], True),
    ("**/a/*/b.cs", ["b/a/a/a/b.cs"], True),
    ("**", ["a", "b", "abc", "bdir/cfile"], True),
    ("A/**", ["A/"], False),
    ("**/*", ["a", "ab", "bdir/cfile", "a/b/c"], True),
    ("**/*", ["abc/"], False),
    ("**/", ["bdir/", "bdir/cdir/"], True),
    ("[a-c]b*", ["abc", "abd", "abe", "bb", "cb"], True),
    ("[a-y]*[^c]", ["abd", "abe", "bb", "bcd"], True),
    ("!abc", ["d", "dd", "def"], True),
    ("[^a-c]*", ["d", "dd", "def"], True),
    ("a\\*b/*", ["a*b/ooo"], True),
    ("a\\*?/*", ["a*b/ooo"], True),
    ("a[\\\\b]c", ["abc"], True),
    ("*.\\*", ["r.*"], True),
    ("a******?c", ["abc"], True),
    ("?******??", ["abc"], True),
    ("*******??", ["abc"], True),
    ("***?***?c", ["abc", "a/b/dec", "a/bcdc"], True),
    ("***?***?c", ["a/b/c/dc"], False),
    ("*******c", ["abc", "a/bc", "a/b/c"], True),
    ("*******?", ["abc", "a/b/c"], True),
    ("[a[]", ["[", "a"], True),
    ("[(]", ["("], True),
    ("[]]", ["]"], True),
    ("[", ["["], True),
    ("[abc[]]a", ["a]a", "b]a", "[]a"], True),
    ("[\\w]a", ["aa", "ba"], True),
    ("[abc[]]a", ["]"], False),
    ("\\[*", ["[abc"], True),
    ("b*/", ["bfile"], False),
    ("**", [".a", "a/.b", ".a/b"], False),
    ("a/*", ["a/"], False),
    ("a/*", ["a/.a"], False),
    ("*.cs", ["acs"], False),
]


@pytest.mark.parametrize(("pattern", "files", "expected"), WITHOUT_DOT)
def test_match_without_dot_match(pattern: str, files: list[str], expected: bool) -> None:
    glob = GlobMatcher(pattern)
    for file in files:
        assert glob.match(file) is expected, (pattern, file)


@pytest.mark.parametrize(
    ("pattern", "files", "expected"),
    [
        ("a/*", ["a/.a"], True),
        ("*/", [".a/"], True),
        ("**", [".a/.a"], True),
        ("**J/**", ["M", "M/JA", "a/b/c", "a/b/c.csproj"], False),
        ("**/A/**", ["A/B/C"], True),
    ],
)
def test_match_with_dot_match(pattern: str, files: list[str], expected: bool) -> None:
    # TestGlobMatchWithDotMatchShouldMatchDotFiles
    glob = GlobMatcher(pattern, DOT)
    for file in files:
        assert glob.match(file) is expected, (pattern, file)


@pytest.mark.parametrize(
    ("pattern", "folders", "expected"),
    [
        ("**", [".a/.a"], True),
        ("**.csproj", [".a/", "a/", "a/a/", "a/.a/"], True),
        ("E/*.md", ["E/"], True),
        ("*.cs", ["a", "a.c"], False),
        ("**.md", ["Root/"], True),
        ("**", ["Root/"], True),
        ("**.md", ["a", "a/b"], False),
        ("b/", ["b/c/a"], False),
    ],
)
def test_partial_match_matches_folder(pattern: str, folders: list[str], expected: bool) -> None:
    # TestGlobPartialMatchShouldMatchFolder
    glob = GlobMatcher(pattern, DOT)
    for folder in folders:
        assert glob.match(folder, partial=True) is expected, (pattern, folder)


def test_case_insensitive_unless_case_is_set() -> None:
    # GlobUtility.GetMatchOptionsFromItem: IgnoreCase unless the item sets "case"
    assert GlobMatcher("**/*.MD").match("Learn/Index.md")
    assert GlobMatcher("learn/**").match("LEARN/a.md")
    sensitive = DEFAULT_OPTIONS & ~GlobOptions.IGNORE_CASE
    assert not GlobMatcher("**/*.MD", sensitive).match("learn/index.md")


def test_brace_globs_of_real_docfx_json() -> None:
    # the corpus's release-notes/docfx.json and `docfx init`
    glob = GlobMatcher("**/*.{md,yml}")
    assert glob.match("index.md") and glob.match("a/b/toc.yml")
    assert not glob.match("a/b.png")
    # DocFX's `**/` also matches zero folders
    assert GlobMatcher("**/includes/**").match("includes/x.md")
    assert GlobMatcher("**/includes/**").match("a/includes/b/x.md")
    assert not GlobMatcher("_site/**").match("docs/_site.md")


def test_get_files_walks_like_fileglob(tmp_path: Path) -> None:
    for rel in [
        "index.md",
        "toc.yml",
        "a/b.md",
        "a/includes/x.md",
        "a/img.PNG",
        ".git/x.md",
        "_site/index.md",
        "A/Upper.MD",
    ]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    globs = matchers(["**/*.{md,yml}"])
    excludes = matchers(["_site/**", "**/includes/**"])
    found = list(get_files(tmp_path, globs, excludes))
    assert found == ["index.md", "toc.yml", "A/Upper.MD", "a/b.md"]
    # only a sub-folder, paths still relative to the walk's folder
    assert list(get_files(tmp_path, globs, excludes, "a")) == ["a/b.md"]
    # an excluded folder is not entered (case-insensitive: "a/" is "A/" too)
    assert list(get_files(tmp_path, globs, matchers(["a/"]))) == [
        "index.md",
        "toc.yml",
        "_site/index.md",
    ]
    # a folder refused by `allowed` is not entered
    allowed = lambda p: p.name != "A"  # noqa: E731
    assert "A/Upper.MD" not in list(get_files(tmp_path, globs, excludes, "", allowed))
