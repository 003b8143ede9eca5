"""DocFX xrefmaps read as DocFX reads them: every scalar a string."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_superoffice.references import parse_xrefmap, read_xrefmap, xrefmap_digest
from sphinx_superoffice.references.export import render_xrefmap

MAP = """\
### YamlMime:XRefMap
baseUrl: https://api.example.com/reference/
references:
- uid: 1.10
  name: One ten
  href: one-ten.html
- uid: no
  href: norway.html
- uid: on
  href: on.html#x
- uid: 2024-01-01
  href: dated.html
- uid: Absolute
  href: https://elsewhere.example.com/a.html
- uid: No.Href
- uid: ~
  href: null-uid.html
- uid: 1.10
  href: second-definition.html
"""


def test_scalars_stay_strings() -> None:
    base = "https://api.example.com/reference/"
    assert parse_xrefmap(MAP, None) == {
        "1.10": (base + "one-ten.html", "One ten", ()),
        "no": (base + "norway.html", "no", ()),
        "on": (base + "on.html#x", "on", ()),
        "2024-01-01": (base + "dated.html", "2024-01-01", ()),
        "Absolute": ("https://elsewhere.example.com/a.html", "Absolute", ()),
        "No.Href": ("", "No.Href", ()),  # kept: its altProperty text is shown
    }


def test_configured_base_replaces_the_maps_own() -> None:
    table = parse_xrefmap(MAP, "https://mirror.example.com/api/")
    assert table["no"] == ("https://mirror.example.com/api/norway.html", "no", ())
    assert parse_xrefmap(MAP, "")["no"] == ("norway.html", "no", ())


def test_json_and_gzip(tmp_path: Path) -> None:
    path = tmp_path / "xrefmap.json.gz"
    path.write_bytes(gzip.compress(b'{"references": [{"uid": "1.0", "href": "a.html"}]}'))
    assert read_xrefmap(path, None) == {"1.0": ("a.html", "1.0", ())}


@pytest.mark.parametrize(
    "text", ["- a list\n", "references: {uid: a}\n", "references:\n- just text\n"]
)
def test_malformed_maps_raise_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_xrefmap(text, None)


def test_digest_follows_the_content(tmp_path: Path) -> None:
    path = tmp_path / "xrefmap.yml"
    assert xrefmap_digest(path) == ""
    path.write_text(MAP, encoding="utf-8")
    first = xrefmap_digest(path)
    path.write_text(MAP.replace("norway", "noreg"), encoding="utf-8")
    assert first and xrefmap_digest(path) not in ("", first)


_TEXT = st.text(st.characters(codec="utf-8"), max_size=30)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.sampled_from(["uid", "name", "href", "fullName"]), _TEXT, min_size=1)
    )
)
def test_exported_xrefmap_reads_back_as_written(entries: list[dict[str, str]]) -> None:
    """``render_xrefmap`` writes plain scalars only where YAML reads the same string."""
    data = yaml.safe_load(render_xrefmap(entries))
    assert data == {"sorted": True, "references": entries}


def test_exported_xrefmap_writes_names_plain() -> None:
    text = render_xrefmap([{"uid": "A.B.m(String[])", "name": "m", "href": "a.html#A_B_m"}])
    assert text == (
        "### YamlMime:XRefMap\nsorted: true\nreferences:\n"
        "- uid: A.B.m(String[])\n  name: m\n  href: a.html#A_B_m\n"
    )
    assert render_xrefmap([{"uid": "on", "name": "a: b"}]).endswith('- uid: "on"\n  name: "a: b"\n')
