"""The line-by-line reader of generated YAML (``yamlfast``): libyaml's result (data and
lines, as ``load_yaml`` gives them) or ``None``, never a third thing."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_superoffice.apiref.reader import clean_text
from sphinx_superoffice.yamlfast import load_block_yaml
from sphinx_superoffice.yamlread import YamlDict, YamlList, load_yaml

from ..toolkit import CORPUS, REPO


def same(fast: Any, slow: Any) -> bool:
    """The same values, types, order and lines."""
    if type(fast) is not type(slow):
        return False
    if isinstance(fast, YamlDict):
        return (
            (fast.line, fast.key_lines, fast.name_lines, list(fast))
            == (slow.line, slow.key_lines, slow.name_lines, list(slow))
        ) and all(same(fast[key], slow[key]) for key in fast)
    if isinstance(fast, YamlList):
        return (fast.line, fast.item_lines, len(fast)) == (
            slow.line,
            slow.item_lines,
            len(slow),
        ) and all(map(same, fast, slow))
    return bool(fast == slow)


READ_ALIKE = {
    "generated page": (
        "### YamlMime:ManagedReference\nitems:\n- uid: A.B\n  commentId: T:A.B\n"
        "  id: '#ctor(Bool)'\n  langs:\n  - crmscript\n  children:\n    - A.B.c()\n"
        '  summary: "\\nRepresents &quot;x&quot;.<p></p>\\n"\n  example:\n'
        "  syntax:\n    content: Bool c()\n    parameters: []\n    return:\n"
        '      type: A.Bool\n      description: "It\'s \\"true\\"."\n'
        "references:\n- uid: A.Bool\n  isExternal: true\n  name: Bool\n"
    ),
    "nulls and empty collections": "a:\nb: ~\nc: null\nd: Null\ne: []\nf: {}\ng: [ ]\n",
    "items on their own lines": "- \n  - nested\n-\n- k: v\n  q: 'it''s'\n- plain\n",
    "comments and blank lines": (
        "# top\na: '1' # one\n\n  # indented comment\nb:\n  # before\n  c: 2\n"
    ),
    "quoted keys": '"a b": 1\n\'c: d\': 2\n"null": 3\nnull: 4\n',
    "escapes": 'a: "tab\\there \\u00e9 \\x41 \\\\ \\/ \\" \\N\\_\\L\\P"\n',
    "crlf": "a: 1\r\nb:\r\n  - x\r\n",
    "a key twice": "a: 1\nb: 2\na: 3\n",
    "a url and a hash in a word": "href: https://x.org/a#b\nuid: A.#ctor\n",
    "deeper items": "a:\n    - x\n    - y\nb:\n      c: 1\n      d:\n      - e\n",
}


@pytest.mark.parametrize("text", READ_ALIKE.values(), ids=READ_ALIKE.keys())
def test_reads_generated_yaml_as_libyaml_does(text: str) -> None:
    fast = load_block_yaml(text)
    assert fast is not None
    assert same(fast, load_yaml(text))


LEFT_TO_LIBYAML = {
    "block scalar": "a: >-\n  folded\n  text\n",
    "plain over two lines": "a: one\n  two\n",
    "item over two lines": "- one\n  two\n",
    "quoted over two lines": 'a: "one\n  two"\n',
    "anchor and alias": "a: &x 1\nb: *x\n",
    "tag": "a: !!str 1\n",
    "merge key": "a: {}\n<<: {}\n",
    "flow with content": "a: [1, 2]\n",
    "tab in indentation": "a:\n\t- b\n",
    "tab in a plain scalar": "a: b\tc\n",
    "bad indentation": "a:\n    b: 1\n  c: 2\n",
    "item among keys": "a: 1\n- b\n",
    "document marker": "---\na: 1\n",
    "byte order mark": "\ufeffa: 1\n",
    "complex key": "? a\n: b\n",
    "comment after a plain scalar": "a: b #c\n",
    "unknown escape": 'a: "\\q"\n',
    "escape beyond Unicode": 'a: "\\U00110000"\n',
    "escape of half a character": 'a: "\\ud800"\n',
    "line separator": "a: b\u2028c\n",
    "lone carriage return": "a: 1\rb: 2\n",
    "scalar document": "just text\n",
    "indented document": "  a: 1\n",
    "sequence in a sequence on one line": "- - a\n",
}


@pytest.mark.parametrize("text", LEFT_TO_LIBYAML.values(), ids=LEFT_TO_LIBYAML.keys())
def test_leaves_everything_else_to_libyaml(text: str) -> None:
    assert load_block_yaml(text) is None


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
_VALUES = st.recursive(
    st.one_of(_TEXT, st.none(), st.booleans(), st.integers()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(_TEXT, inner, min_size=1, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    value=st.dictionaries(_TEXT, _VALUES, min_size=1, max_size=4),
    indent=st.integers(2, 4),
    unicode=st.booleans(),
)
def test_any_dumped_document_is_read_as_libyaml_reads_it_or_left_to_it(
    value: dict[str, Any], indent: int, unicode: bool
) -> None:
    text = yaml.safe_dump(
        value, default_flow_style=False, allow_unicode=unicode, indent=indent, width=10**6
    )
    fast = load_block_yaml(text)
    if fast is not None:
        assert same(fast, load_yaml(text)), text


@pytest.mark.corpus
def test_every_corpus_yaml_file_is_read_as_libyaml_reads_it() -> None:
    """Every ``.yml`` of the corpus and of DocFX's samples: libyaml's result or None;
    the CRMScript reference is read line by line (not left to libyaml)."""
    samples = REPO.parent / "shared" / "reference" / "docfx-samples"
    files = sorted([*CORPUS.rglob("*.yml"), *samples.rglob("*.yml")])
    reference = CORPUS / "docs" / "en" / "automation" / "crmscript" / "reference"
    fast_pages = 0
    for path in files:
        text = clean_text(path.read_text(encoding="utf-8", errors="replace"))[0]
        fast = load_block_yaml(text)
        if fast is None:
            continue
        assert same(fast, load_yaml(text)), path
        fast_pages += path.parent == reference
    assert fast_pages >= 670  # of 673 (one has a tab: libyaml)
