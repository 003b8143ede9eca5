"""Which lines a code snippet shows, without Sphinx: queries, regions per language, ranges."""

from __future__ import annotations

import dataclasses

import pytest

from sphinx_superoffice.syntax.snippets.grammar import split_target
from sphinx_superoffice.syntax.snippets.selection import (
    SnippetQuery,
    dedent_lines,
    highlight_lines,
    lexer_for,
    parse_query,
    parse_ranges,
    select_lines,
    tag_syntaxes,
)

CSHARP = """\
using System;

namespace Demo
{
    // <Greeting>
    class Greeter
    {
        #region Hello
        public void Hello() => Console.WriteLine("hi");
        #endregion
    }
    // </Greeting>

    // <snippetSetup>
    static class Setup { }
    // </snippetSetup>
}
""".splitlines()

VB = """\
' <Main>
Module Main
    #Region "Body"
    Sub Run()
    End Sub
    #End Region
End Module
' </Main>
""".splitlines()

XML = """\
<root>
  <!-- <items> -->
  <item id="1" />
  <!-- </items> -->
</root>
""".splitlines()


def _select(lines: list[str], language: str, path: str, query: str, fragment: str = ""):
    q = parse_query(query, fragment)
    return select_lines(lines, q, tag_syntaxes(language, path))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1-2,10,20-21,29-", [(1, 2), (10, 10), (20, 21), (29, None)]),
        (" 3 - 4 ", [(3, 4)]),
        ("5", [(5, 5)]),
        ("0-2", None),
        ("4-2", None),
        ("a-b", None),
        ("1,,2", None),
        ("", None),
    ],
)
def test_parse_ranges(text, expected):
    assert parse_ranges(text) == expected


QUERIES = {
    "fragment tag": ("", "Greeting"),
    "fragment line range": ("", "L3-L5"),
    "fragment open range": ("", "L10-"),
    "fragment one line": ("", "L7"),
    "name": ("name=Setup", ""),
    "tag wins over name": ("name=Setup", "Greeting"),
    "start and end": ("start=2&end=4", ""),
    "range and highlight": ("range=1-2,5&highlight=2", ""),
    "dedent": ("dedent=4", ""),
    "negative dedent": ("dedent=-1", ""),
    "stops at a bad item": ("start=2&colour=red&end=4", ""),
    "bad range": ("range=x", ""),
    "start zero": ("start=0", ""),
}


def test_parse_query(data_regression):
    data_regression.check(
        {name: dataclasses.asdict(parse_query(*args)) for name, args in QUERIES.items()}
    )


def test_regions_per_language():
    assert _select(CSHARP, "csharp", "a.cs", "", "Greeting") == [
        "    class Greeter",
        "    {",
        '        public void Hello() => Console.WriteLine("hi");',
        "    }",
    ]  # the nested #region markers are dropped
    assert _select(CSHARP, "cs", "a.cs", "", "Hello") == [
        '        public void Hello() => Console.WriteLine("hi");'
    ]
    # `snippet<name>` answers to `<name>`, and names ignore case
    assert _select(CSHARP, "", "a.cs", "name=setup") == ["    static class Setup { }"]
    assert _select(VB, "vb", "a.vb", "", "Body") == ["    Sub Run()", "    End Sub"]
    assert _select(XML, "", "a.xml", "", "items") == ['  <item id="1" />']


def test_region_of_another_comment_style_is_not_found():
    # an XML region in a C# file: the C# styles do not see it
    assert _select(XML, "csharp", "a.cs", "", "items") == []


def test_unknown_language_tries_every_style():
    assert _select(XML, "", "a.unknown", "", "items") == ['  <item id="1" />']
    assert tag_syntaxes("", "a.unknown") == tag_syntaxes("nonsense", "b")


def test_missing_region_selects_nothing():
    assert _select(CSHARP, "csharp", "a.cs", "", "Nowhere") == []


def test_line_selections():
    assert _select(CSHARP, "", "a.cs", "", "L1-L3") == CSHARP[0:3]
    assert _select(CSHARP, "", "a.cs", "", "L16-") == CSHARP[15:]
    assert _select(CSHARP, "", "a.cs", "start=3&end=4") == CSHARP[2:4]
    assert _select(CSHARP, "", "a.cs", "end=2") == CSHARP[0:2]
    assert _select(CSHARP, "", "a.cs", "range=1,3-4") == [CSHARP[0], *CSHARP[2:4]]
    assert _select(CSHARP, "", "a.cs", "") == CSHARP
    assert _select(CSHARP, "", "a.cs", "", "L100-L200") == []
    # priority: a tag before a line range before start/end before range
    q = SnippetQuery(tag="Setup", line_range=(1, 1), start=2, ranges=[(3, 3)])
    assert select_lines(CSHARP, q, tag_syntaxes("cs", "")) == ["    static class Setup { }"]


def test_dedent_and_highlight():
    lines = ["    a", "\tb", "", "      c  "]
    assert dedent_lines(lines, None) == ["a", "b", "", "  c"]
    assert dedent_lines(lines, 2) == ["  a", "  b", "", "    c"]
    assert dedent_lines(["  a", "b"], 4) == ["a", "b"]
    assert highlight_lines([(2, 3), (5, None), (3, 3)], 6) == [2, 3, 5, 6]


@pytest.mark.parametrize(
    ("language", "path", "lexer"),
    [
        ("cs", "x.txt", "csharp"),
        ("csharp-interactive", "", "csharp"),
        ("", "Page.aspx", "aspx-cs"),
        ("", "a.CS", "csharp"),
        ("", "noext", "text"),
        ("fortran", "", "fortran"),
    ],
)
def test_lexer(language, path, lexer):
    assert lexer_for(language, path) == lexer


def test_split_target():
    assert split_target("<a b/c.cs?name=x#L1-L2>") == ("a b/c.cs", "name=x", "L1-L2")
    assert split_target(r"code\(1\).cs#tag") == ("code(1).cs", "", "tag")
