"""Parameter-file tests: DocFX Markdown in, read doctree (and reading warnings) out.

Regenerate the expected sections with ``pytest --regen-file-failure`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sphinx_superoffice.syntax.anchors import docfx_slugify

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.param_file(FIXTURES / "xref.md")
def test_xref_syntax(file_params: Any, render_md: Any) -> None:
    file_params.assert_expected(render_md(file_params.content), rstrip=True)


@pytest.mark.param_file(FIXTURES / "anchors.md")
def test_anchor_syntax(file_params: Any, render_md: Any) -> None:
    file_params.assert_expected(render_md(file_params.content), rstrip=True)


@pytest.mark.param_file(FIXTURES / "links.md")
def test_link_syntax(file_params: Any, render_md: Any) -> None:
    file_params.assert_expected(render_md(file_params.content), rstrip=True)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        # upstream vectors (dfm-spec §9.1: ValidateBookmarkTest, AutoIdentifierTest)
        ("This - is a &@! heading _ with . and ! -", "this---is-a--heading-_-with--and---"),
        ("1. Deploying the network", "1-deploying-the-network"),
        ("Section for myproduct-4.1 and Later", "section-for-myproduct-41-and-later"),
        ("Note / Section / Video", "note--section--video"),
        ("Québec", "québec"),
        # derived with the same algorithm (Norwegian)
        ("Blåbærsyltetøy og æbleskiver", "blåbærsyltetøy-og-æbleskiver"),
        ("Ærlig talt: ØL & Åpent hus!", "ærlig-talt-øl--åpent-hus"),
        ("Versjon 2.0 (beta)", "versjon-20-beta"),
        ("C# og .NET", "c-og-net"),
        ("Kundekort \u2013 oversikt", "kundekort--oversikt"),
        ("Æ, Ø og Å \u2013 hva nå?", "æ-ø-og-å--hva-nå"),
        # Python's isalnum() keeps these; .NET's IsLetterOrDigit does not
        ("x² ½ Ⅻ", "x--"),
        # astral-plane letters are lone surrogates in UTF-16: dropped
        ("a\U0001d400b", "ab"),
        ("!!!", "section"),
    ],
)
def test_docfx_slugify(title: str, slug: str) -> None:
    assert docfx_slugify(title) == slug


def test_language_trees_are_external_trees() -> None:
    from types import SimpleNamespace

    from sphinx_superoffice.syntax.links import configured_trees

    config = SimpleNamespace(
        superoffice_external_trees={"../en": "https://docs.example.com/en/"},
        superoffice_languages={"en": "../en", "no": "../no", "de": "../de"},
        superoffice_language_url="../{lang}/",
    )
    assert configured_trees(config) == {
        "../en": "https://docs.example.com/en/",  # the explicit entry wins
        "../no": "../no/",
        "../de": "../de/",
    }
    assert configured_trees(SimpleNamespace(superoffice_external_trees={})) == {}


def test_suggest_path(tmp_path: Path) -> None:
    from sphinx_superoffice.syntax.links import FileIndex

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
