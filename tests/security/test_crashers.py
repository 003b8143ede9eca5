"""Inputs that stopped the build (or silently lost content) now give one warning each.

Issue 12, "Inputs that stop the build" and "Silent garbage": each test builds a small
project, asserts the build finishes (``statuscode == 0``) and that exactly one warning
names the file (and line, where there is one).
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from myst_parser.config.main import MdParserConfig

from sphinx_superoffice import multilang
from sphinx_superoffice.encoding import decode_bytes
from sphinx_superoffice.parser import create_docfx_parser
from sphinx_superoffice.toc.events import get_model
from tests.conftest import warnings_of


@pytest.fixture
def build(project_builder: Callable[..., Any]) -> Callable[..., Any]:
    """Build ``files`` in a fresh project (dummy builder unless told); returns the app."""
    return functools.partial(project_builder, builder="dummy")


def only_warning(app: Any) -> str:
    warnings = warnings_of(app)
    assert len(warnings) == 1, warnings
    return warnings[0]


# --- landing pages -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind"), [("hello", "text"), ("[a, b]", "a list")], ids=["string", "list"]
)
def test_landing_metadata_that_is_no_mapping(build: Any, value: str, kind: str) -> None:
    app = build(
        {
            "index.md": "# Home\n",
            "land.yml": f"### YamlMime:SubCategory\nsummary: x\nmetadata: {value}\n",
        }
    )
    assert app.statuscode == 0
    assert only_warning(app) == (
        f"<src>/land.yml:3: WARNING: 'metadata' is {kind}, not a mapping; ignored "
        "[superoffice.landing]"
    )
    assert app.env.titles["land"].astext() == "land"


def test_landing_page_in_latin1(build: Any) -> None:
    text = "### YamlMime:SubCategory\ntitle: Før du begynner\nsummary: «sitat»\n"
    app = build({"index.md": "# Home\n", "land.yml": text.encode("cp1252")})
    assert app.statuscode == 0
    assert only_warning(app) == (
        "<src>/land.yml:1: WARNING: encoding: not valid UTF-8 (byte 0xf8 at offset 33, "
        "line 2); read as Windows-1252 [superoffice.encoding]"
    )
    assert app.env.titles["land"].astext() == "Før du begynner"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_landing_page_in_utf16_is_a_page(build: Any, codec: str) -> None:
    text = "### YamlMime:SubCategory\ntitle: Før du begynner\n"
    app = build({"index.md": "# Home\n", "land.yml": text.encode(codec)})
    assert app.statuscode == 0
    assert app.env.titles["land"].astext() == "Før du begynner"
    expected = [] if codec == "utf-16" else ["UTF-16 without a byte-order mark"]
    assert [w for w in expected if w not in only_warning(app)] == []


# --- toc.yml ---------------------------------------------------------------------------------

TOC = "- name: Før du begynner\n  href: a.md\n"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (codecs.BOM_UTF8 + TOC.encode("utf-8"), None),
        (TOC.encode("utf-16"), None),  # with a byte-order mark: clean
        (TOC.encode("utf-16-le"), "UTF-16 without a byte-order mark; read as UTF-16-LE"),
        (TOC.encode("cp1252"), "not valid UTF-8 (byte 0xf8 at offset 9, line 1)"),
    ],
    ids=["utf-8-sig", "utf-16", "utf-16-le", "latin-1"],
)
def test_toc_in_any_encoding(build: Any, data: bytes, problem: str | None) -> None:
    app = build({"index.md": "# Home\n", "a.md": "# A\n", "toc.yml": data})
    assert app.statuscode == 0
    model = get_model(app.env)
    assert model is not None
    assert [(n.title, n.docname) for n in model.roots] == [("Før du begynner", "a")]
    if problem is None:
        assert warnings_of(app) == []
    else:
        warning = only_warning(app)
        assert warning.startswith("<src>/toc.yml:1: WARNING: encoding: ")
        assert problem in warning


def test_tocs_that_include_each_other(build: Any) -> None:
    app = build(
        {
            "index.md": "# Home\n",
            "a/a.md": "# A\n",
            "b/b.md": "# B\n",
            "a/toc.yml": "- name: A\n  href: a.md\n- name: To B\n  href: ../b/toc.yml\n",
            "b/toc.yml": "- name: B\n  href: b.md\n- name: To A\n  href: ../a/toc.yml\n",
        }
    )
    assert app.statuscode == 0
    assert only_warning(app) == (
        "<src>/b/toc.yml:4: WARNING: circular toc inclusion: a/toc.yml -> b/toc.yml -> "
        "a/toc.yml [superoffice.toc]"
    )
    model = get_model(app.env)
    assert model is not None  # not an empty nav: a/toc.yml is the root
    assert [n.title for n in model.roots] == ["A", "To B"]
    assert [n.title for n in model.roots[1].children] == ["B", "To A"]


# --- multilang -------------------------------------------------------------------------------


def test_multilang_skips_a_missing_language_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs" / "en").mkdir(parents=True)
    built: list[str] = []

    def build_language(confdir: Path, source: Path, outdir: Path, lang: str, extra: Any) -> int:
        built.append(lang)
        return 0

    monkeypatch.setattr(multilang, "build_language", build_language)
    argv = ["-c", str(tmp_path), str(tmp_path / "docs"), str(tmp_path / "out")]
    code = multilang.main([*argv, "--languages", "en", "no"])
    assert code == 0
    assert built == ["en"]
    warnings = [line for line in capsys.readouterr().err.splitlines() if "WARNING" in line]
    assert warnings == [
        f"{tmp_path / 'docs' / 'no'}: WARNING: language folder not found; 'no' is skipped "
        "[superoffice.config]"
    ]
    root = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="en/index.html"' in root
    assert "no/index.html" not in root
    # with -W, the warning fails the run (after building what is there)
    assert multilang.main([*argv, "--languages", "en", "no", "--", "-W"]) == 1


# --- highlighting ----------------------------------------------------------------------------


def test_lenient_highlighting_covers_sphinx_own_lexers(build: Any) -> None:
    blocks = {
        "python": "def f(:\n    $ ?\n",
        "py": "x = `1`\n",
        "pycon": ">>> $x\n",
        "c": "int x = `;\n",
        "rest": ".. $$ `\n",
    }
    page = "# Home\n\n" + "".join(f"```{lang}\n{code}```\n\n" for lang, code in blocks.items())
    app = build({"index.md": page}, builder="html")
    assert app.statuscode == 0
    assert warnings_of(app) == []
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert '<span class="k">def</span>' in html  # still highlighted, not plain text
    assert 'class="err"' not in html


def test_strict_highlighting_still_warns(build: Any) -> None:
    page = "# Home\n\n```python\ndef f(:\n    $ ?\n```\n"
    app = build(
        {"index.md": page}, conf="superoffice_lenient_highlighting = False\n", builder="html"
    )
    assert app.statuscode == 0
    assert "misc.highlighting_failure" in only_warning(app)


# --- found by fuzzing ------------------------------------------------------------------------


def test_raw_link_inside_a_link_label_is_no_crash(build: Any) -> None:
    # markdown-it skips a label's tokens in silent mode: the raw <a href> rule returned
    # True without moving on ("inline rule didn't increment state.pos")
    md = create_docfx_parser(MdParserConfig(), {})
    md.parse('[!include[<a href="a.md">x</a>]')
    app = build(
        {"index.md": '# Home\n\n[see <a href="a.md">here</a>](a.md)\n', "a.md": "# A\n"},
        builder="html",
    )
    assert app.statuscode == 0
    assert warnings_of(app) == []
    assert 'href="a.html"' in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_damaged_utf16_keeps_its_text(codec: str) -> None:
    text, problem = decode_bytes("uid: Før\n".encode(codec) + b"\x00")
    assert text.lstrip("\ufeff").startswith("uid: Før\n")
    assert problem is not None and "not valid UTF-16" in problem and "U+FFFD" in problem
