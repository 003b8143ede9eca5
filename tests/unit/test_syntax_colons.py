"""The ``:::`` grammar without Sphinx: attributes, moniker ranges and the tokens of the rules."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from sphinx_superoffice.syntax.colons.grammar import (
    EXTENSIONS,
    colons_plugin,
    moniker_in_range,
    parse_attributes,
)

ATTRIBUTES = {
    "zone": [
        'pivot="a,b"',
        'target="docs"',
        'PIVOT="a"',  # names are case-insensitive
        "",
        'pivot="a" pivot="b"',
        "pivot=a",
        "pivot='a'",
        'pivot="a" colour="red"',
        'pivot="a" trailing',
    ],
    "moniker": ['range=">= v1 || = v3"', "", 'range="a" range="b"'],
    "code": [
        'source="x.cs" language="csharp" range="1-3,5" highlight="2" id="tag"',
        'language="cs"',
        'source="has \\"quotes\\".cs"',
        'source="x.cs"interactive="true"',
    ],
    "image": [
        'type="content" source="a.png" alt-text="An image" border="false" lightbox="b.png"',
        'source="a.png" link="https://example.com" loc-scope="other"',
        'alt-text="no source"',
    ],
    "no-loc": ['text="SuperOffice CRM"', 'text=""', 'txt="x"'],
}


def test_attributes(data_regression):
    results = {
        name: {text: list(parse_attributes(text, EXTENSIONS[name])) for text in texts}
        for name, texts in ATTRIBUTES.items()
    }
    data_regression.check(results)


@pytest.mark.parametrize(
    ("expr", "current", "expected"),
    [
        ("= v2", "v2", True),
        ("v2", "V2", True),  # no operator is "=", and names ignore case
        ("= v2", "v1", False),
        (">= v2", "v3", True),
        (">= v2", "v1", False),
        ("> v2", "v2", False),
        ("<= v2", "v2", True),
        ("< v2", "v1", True),
        (">= v1 <= v2", "v2", True),  # a space is "and"
        (">= v1 <= v2", "v3", False),
        ("= v1 || = v3", "v3", True),
        ("= v1 || = v3", "v2", False),
        ("= unknown", "v1", False),  # "=" needs no order
        (">= unknown", "v1", None),  # an order comparison needs both in the list
        (">= v1", "unknown", None),
        ("", "v1", None),
        ("v1 !! v2", "v1", None),
    ],
)
def test_moniker_ranges(expr, current, expected):
    assert moniker_in_range(expr, current, ["v1", "v2", "v3"]) is expected


def _tokens(text: str) -> list[list[object]]:
    """The DocFX tokens (block, and inline ones inside paragraphs): type, map, meta."""
    md = MarkdownIt("commonmark").use(colons_plugin)
    found: list[list[object]] = []
    for token in md.parse(text):
        if token.type.startswith("dfm_"):
            found.append([token.type, token.map, token.meta])
        for child in token.children or []:
            if child.type.startswith("dfm_"):
                found.append([child.type, child.content, child.meta])
    return found


SOURCES = {
    "zone": '::: zone pivot="a,b"\n\ntext\n\n::: zone-end\n',
    "zone_unclosed": '::: zone target="docs"\n\ntext\n',
    "zone_bad_pivot": '::: zone pivot="A B"\n',
    "nested_monikers": (
        '::: moniker range="= v1"\n::: moniker range="= v2"\nx\n::: moniker-end\n::: moniker-end\n'
    ),
    "row_columns": ':::row:::\n:::column span="2":::\nleft\n:::column-end:::\n:::row-end:::\n',
    "indented_content": '::: zone pivot="a"\n\n    indented, not code\n\n::: zone-end\n',
    "code": ':::code language="csharp" source="a.cs" range="1-3":::\n',
    "code_not_closed": ':::code source="a.cs"\n',
    "video": ':::video source="https://example.com/v":::\n',
    "image_complex": (
        ':::image type="complex" source="a.png" alt-text="A":::\nLong text\n:::image-end:::\n'
    ),
    "image_inline": 'See :::image source="a.png" alt-text="A"::: here.\n',
    "image_inline_icon": 'An :::image type="icon" source="i.svg"::: icon.\n',
    "image_inline_no_alt": 'Bad :::image source="a.png"::: here.\n',
    "noloc": 'Use :::no-loc text="SuperOffice"::: as is.\n',
    "unknown": ":::sidebar:::\n",
    "end_without_open": "::: zone-end\n",
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_rule_tokens(name, data_regression):
    data_regression.check(_tokens(SOURCES[name]))


def test_a_myst_colon_fence_still_reaches_myst():
    """With myst's colon_fence enabled, an unknown ``:::`` name is left to it."""
    from mdit_py_plugins.colon_fence import colon_fence_plugin

    md = MarkdownIt("commonmark").use(colon_fence_plugin).use(colons_plugin)
    types = [t.type for t in md.parse(":::{note}\ntext\n:::\n")]
    assert types == ["colon_fence"]
    types = [t.type for t in md.parse('::: zone pivot="a"\ntext\n::: zone-end\n')]
    assert types[0] == "dfm_zone_open"
