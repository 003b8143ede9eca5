"""The one YAML reader (``yamlread``), without Sphinx: schemas, lines, front matter."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from sphinx_superoffice.yamlread import (
    YamlDict,
    YamlList,
    load_front_matter,
    load_yaml,
    metadata_text,
    simple_value,
    split_front_matter,
    yaml_mime,
)

SAMPLE = """\
language: no
enabled: yes
draft: false
count: 10
version: 1.10
date: 2024-05-01
empty:
tilde: ~
quoted: "null"
items:
  - name: A
    href: a.md
  - plain
"""


def test_strings_schema_keeps_every_scalar_as_written() -> None:
    data = load_yaml(SAMPLE)
    assert data == {
        "language": "no",
        "enabled": "yes",
        "draft": "false",
        "count": "10",
        "version": "1.10",
        "date": "2024-05-01",
        "empty": "",
        "tilde": "",
        "quoted": "null",
        "items": [{"name": "A", "href": "a.md"}, "plain"],
    }


def test_typed_schema_is_norway_safe() -> None:
    data = load_front_matter(SAMPLE)
    assert data["language"] == "no"  # not False
    assert data["enabled"] == "yes"
    assert data["draft"] is False
    assert data["count"] == 10
    assert data["version"] == "1.10"  # no floats
    assert data["date"] == "2024-05-01"  # no dates
    assert data["empty"] is None and data["tilde"] is None
    assert data["quoted"] == "null"


def test_lines_of_mappings_keys_values_and_items() -> None:
    data = load_yaml(SAMPLE)
    assert isinstance(data, YamlDict) and data.line == 1
    assert data.key_line("items") == 10
    assert data.line_of("items") == 11  # where the value starts
    items = data["items"]
    assert isinstance(items, YamlList)
    assert (items.line, items.item_lines) == (11, [11, 13])
    assert items[0].line == 11 and items[0].line_of("href") == 12
    assert data.line_of("missing") == 1 and items.line_of_item(9) == 11


def test_both_schemas_share_the_reader() -> None:
    typed = load_front_matter("a:\n  - 1\n  - x\n")
    assert isinstance(typed, YamlDict) and isinstance(typed["a"], YamlList)
    assert typed["a"] == [1, "x"] and typed["a"].item_lines == [2, 3]


def test_unknown_tags_are_text_in_the_strings_schema_only() -> None:
    assert load_yaml("a: !custom x\nb: !!int 5\n") == {"a": "x", "b": "5"}
    with pytest.raises(yaml.YAMLError):
        load_front_matter("a: !custom x\n")


def test_malformed_yaml_raises() -> None:
    with pytest.raises(yaml.YAMLError):
        load_yaml("a: [1, 2\n")


@pytest.mark.parametrize(
    ("value", "text"),
    [("x", "x"), (10, "10"), (True, "True"), (None, "null"), (["a", "b"], '["a", "b"]')],
)
def test_metadata_text_is_what_the_page_metadata_holds(value: Any, text: str) -> None:
    assert metadata_text(value) == text


@pytest.mark.parametrize(
    ("first_line", "mime"),
    [
        ("### YamlMime:Landing", "Landing"),
        ("\ufeff###   YamlMime : SubCategory  ", "SubCategory"),
        ("# YamlMime:Landing", None),
        ("title: x", None),
    ],
)
def test_yaml_mime(first_line: str, mime: str | None) -> None:
    assert yaml_mime(first_line + "\ntitle: x\n") == mime


FRONT_MATTERS = [
    "---\nuid: a\n---\n# Title\n",
    "---\nuid: a\n---",
    "---\n---\n# Empty\n",
    "-----\nuid: a\n---\nstill: yaml\n-----\nbody\n",
    "---\nuid: a\n...\nbody\n",
    "---\nuid: a\n  ---  \nbody\n",
    "---\nuid: a\n    ---\nmore: x\n---\n",
    "---\nuid: a\n--- x\nmore: y\n---\n",
    "---\nuid: a\n # note\n",
    "--\nuid: a\n--\n",
    "# Title\n---\nuid: a\n---\n",
    "---x\nuid: a\n---\n",
    "\n---\nuid: a\n---\n",
    "---\n\tuid: a\n\t---\n---\n",
    "",
]


@pytest.mark.parametrize("text", FRONT_MATTERS)
def test_front_matter_found_as_myst_finds_it(text: str) -> None:
    tokens = MarkdownIt().use(front_matter_plugin).parse(text)
    expected = tokens[0].content if tokens and tokens[0].type == "front_matter" else None
    found = split_front_matter(text)
    assert (found[0] if found else None) == expected
    if found:
        assert found[1] == 2


def _lines(value: Any) -> Any:
    """``value`` with the lines it remembers, for comparing two loads."""
    if isinstance(value, dict):
        return (
            value.line,
            value.key_lines,
            value.name_lines,
            {k: _lines(v) for k, v in value.items()},
        )
    if isinstance(value, list):
        return (value.line, value.item_lines, [_lines(v) for v in value])
    return value


EDGE_CASES = [
    "base: &b {x: 1, y: [a, b]}\nmerged:\n  <<: *b\n  y: own\nquoted: {'<<': 1}\n",
    "list: &l [1, 2, 3]\nagain: *l\n",
    "a: null\nb: ~\nc:\nd: Null\ne: NULL\nf: 'null'\ng: \"\"\n= : value key\nh: =\n",
    "tags: [!!int 5, !!bool yes, !custom x, !!str 3]\nnum: 0x1F\nflt: 1.5e3\n",
    "dup: 1\ndup: 2\n? [complex]\n: no\n",
    "- uid: A.B\n  name: B\n  syntax:\n    content: |\n      multi\n      line\n",
    "merge_list:\n  <<: [{a: 1}, {b: 2}]\n  c: 3\n",
    "",
    "just a string\n",
]


def _reference_load(text: str) -> Any:
    """PyYAML's own construction, every scalar a string (what ``load_yaml`` did before
    its direct walk), with the full set of implicit resolvers."""
    from sphinx_superoffice import yamlread

    class Reference(yamlread.NorwaySafeLoader):
        pass

    Reference.yaml_constructors = {None: yamlread._construct_any}
    loader = Reference(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _outcome(load: Any, text: str) -> Any:
    try:
        return ("ok", _lines(load(text)))
    except yaml.YAMLError as exc:
        return ("error", type(exc).__name__)


@pytest.mark.parametrize("text", EDGE_CASES)
def test_strings_walk_equals_pyyaml_construction(text: str) -> None:
    """``load_yaml`` builds its result in one direct walk; it gives what PyYAML's
    constructor gives with every scalar a string, lines included (or the same error)."""
    assert _outcome(load_yaml, text) == _outcome(_reference_load, text)


def test_strings_walk_equals_pyyaml_on_the_test_roots() -> None:
    """The same on every YAML file of the test roots (toc.yml, landing and API pages)."""
    from pathlib import Path

    files = sorted(Path(__file__).parents[1].joinpath("roots").rglob("*.yml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _outcome(load_yaml, text) == _outcome(_reference_load, text), path


_LINES = st.lists(
    st.one_of(
        st.sampled_from(["uid: ", "uid:", "title: ", "  uid: ", "- ", "uid: |", "x: "]),
        st.just(""),
    ).flatmap(
        lambda head: st.text(
            alphabet=st.sampled_from("abcXYZ019-_.:# '\"[]{}&*!|>~\t"), max_size=14
        ).map(lambda tail: head + tail)
    ),
    max_size=5,
)


@settings(max_examples=400, deadline=None)
@given(_LINES.map("\n".join))
def test_simple_value_is_what_the_whole_parse_reads(text: str) -> None:
    """``simple_value`` answers only when one line is enough, and then with what the
    page metadata holds after a full parse of the front matter."""
    found = simple_value(text, "uid")
    if found is None:
        return
    try:
        data = load_front_matter(text)
    except yaml.YAMLError:
        return  # malformed elsewhere: one line does not notice (documented)
    assert isinstance(data, dict)
    assert metadata_text(data["uid"]) == found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("title: A\nuid: help-en-intro\n", "help-en-intro"),
        ("uid: help-no.a_b \r\n", "help-no.a_b"),
        ("uid: 'quoted'", None),
        ("uid: X\n 0", None),  # a plain value goes on in the indented lines under it
        ("uid: X\n\n  more\ntitle: T", None),
        ("uid: X\n\ntitle: T\n  x", "X"),
        ("uid: true", None),
        ("uid: 123", None),
        ("uid: a\nuid: b", None),
        ("uid: x # comment", None),
        ("uid:", None),
        ("uid:_", None),
        ("other: 1", None),
    ],
)
def test_simple_value_cases(text: str, value: str | None) -> None:
    assert simple_value(text, "uid") == value
