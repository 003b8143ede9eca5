"""What the ``sphinx-superoffice`` commands find in a folder (pure: no Sphinx)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_superoffice.cli.project import (
    ReadTheDocs,
    find_source,
    folder_for,
    is_language_code,
    language_folders,
)
from sphinx_superoffice.langcodes import native_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("en", True),
        ("no", True),
        ("nb", True),
        ("pt-br", True),
        ("zh_Hant", True),
        ("fr", True),
        ("media", False),
        ("assets", False),
        ("ui", False),
        ("xx", False),
        ("includes", False),
        ("e", False),
    ],
)
def test_language_codes(name: str, expected: bool) -> None:
    assert is_language_code(name) is expected


def test_language_folders_hold_pages(tmp_path: Path) -> None:
    for folder, page in [
        ("docs/no/a", "x.md"),
        ("docs/en", "toc.yml"),
        ("docs/sv", None),  # a language code without pages
        ("docs/media", "x.md"),  # pages, but not a language
        ("docs/de/_build", "x.md"),  # only under a build folder
    ]:
        (tmp_path / folder).mkdir(parents=True)
        if page:
            (tmp_path / folder / page).write_text("# x\n", "utf-8")
    assert language_folders(tmp_path / "docs") == ["en", "no"]
    assert find_source(tmp_path) == (tmp_path / "docs").resolve()
    assert find_source(tmp_path / "docs" / "media") is None


def test_source_elsewhere_than_docs(tmp_path: Path) -> None:
    (tmp_path / "articles" / "de").mkdir(parents=True)
    (tmp_path / "articles" / "de" / "index.md").write_text("# x\n", "utf-8")
    (tmp_path / "docs").mkdir()
    assert find_source(tmp_path) == (tmp_path / "articles").resolve()


@pytest.mark.parametrize(
    ("code", "folders", "expected"),
    [
        ("no", ["en", "no"], "no"),
        ("nb-no", ["en", "no"], "no"),  # Read the Docs' Norwegian Bokmål
        ("nb_NO", ["en", "no"], "no"),
        ("pt-br", ["en", "pt_BR"], "pt_BR"),
        ("EN", ["en", "no"], "en"),
        ("de", ["en", "no"], None),
    ],
)
def test_folder_for_a_read_the_docs_language(
    code: str, folders: list[str], expected: str | None
) -> None:
    assert folder_for(code, folders) == expected


def test_read_the_docs_environment() -> None:
    assert ReadTheDocs.from_environ({}) is None
    assert ReadTheDocs.from_environ({"READTHEDOCS": "True"}) is None  # no output folder
    rtd = ReadTheDocs.from_environ(
        {
            "READTHEDOCS": "True",
            "READTHEDOCS_LANGUAGE": "no",
            "READTHEDOCS_OUTPUT": "/out",
            "READTHEDOCS_CANONICAL_URL": "https://docs.example.no/no/latest/",
        }
    )
    assert rtd is not None and rtd.output == Path("/out") and rtd.language == "no"
    assert rtd.language_url() == "https://docs.example.no/{lang}/latest/"
    rtd.canonical_url = "https://example.com/"  # a single-language custom domain
    assert rtd.language_url() == ""


def test_native_names() -> None:
    assert [native_name(c) for c in ("en", "no", "sv", "fr", "xx")] == [
        "English",
        "Norsk",
        "Svenska",
        "Français",
        "xx",
    ]
