"""The project's documentation builds ``-W -n`` clean, and its reference pages are
generated from the code: every setting, warning subtype, theme option and sub-command."""

from __future__ import annotations

import dataclasses as dc
import re
import tomllib
from enum import Enum
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_superoffice.config import SuperOfficeConfig
from sphinx_superoffice.warnings_ import SoWarning

from .docs_site import DOCS, build_docs, docs_extension
from .toolkit import REPO


@pytest.fixture(scope="module")
def docs_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "html"
    done = build_docs(out)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", "the docs must build without a warning"
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def plain(text: str) -> str:
    """Text as the page shows it and as the source writes it, compared alike."""
    text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("`", "")
    text = text.replace("...", "…")  # Sphinx's smart quotes
    return " ".join(text.split())


def rows(page: BeautifulSoup, first_header: str) -> list[list[str]]:
    """The body rows of the table whose first column is ``first_header``."""
    table = next(
        t for t in page.select("main table") if t.select_one("th").get_text() == first_header
    )
    return [[td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")]


def test_every_page_of_the_toc_is_built(docs_html: Path) -> None:
    pages = sorted(p.stem for p in DOCS.glob("*.md"))
    assert pages == sorted(p.stem for p in docs_html.glob("*.html") if p.stem in pages)
    report = (docs_html / "superoffice-report.json").read_text(encoding="utf-8")
    assert '"counts": {}' in report


def test_every_setting_is_documented_with_its_help(docs_html: Path) -> None:
    page = soup(docs_html / "settings.html")
    fields = dc.fields(SuperOfficeConfig)
    names = [plain(h2.get_text()).rstrip("¶") for h2 in page.select("main section > h2")]
    assert names[: len(fields)] == [f"superoffice_{f.name}" for f in fields]
    for field in fields:
        section = page.find("section", id=f"superoffice-{field.name.replace('_', '-')}")
        assert section is not None, field.name
        text = plain(section.get_text())
        assert f"Type {plain(str(field.type))}, default " in text
        assert plain(field.metadata["help"]) in text, field.name
    root = plain(page.find("section", id="superoffice-root").get_text())
    assert f"default {SuperOfficeConfig().root!r}." in root


def test_every_warning_subtype_is_documented(docs_html: Path) -> None:
    page = soup(docs_html / "warnings.html")
    table = rows(page, "Warning")
    assert [plain(row[0]) for row in table] == [w.qualified for w in SoWarning]
    assert all(len(plain(row[1])) > 20 for row in table)
    config = next(row for row in table if plain(row[0]) == "superoffice.config")
    assert "setting (or the theme's edit_url) is invalid" in plain(config[1]).replace("’", "'")
    assert all(page.find(id=w.value.replace("_", "-")) is not None for w in SoWarning)


def test_every_theme_option_is_documented(docs_html: Path) -> None:
    theme_toml = REPO / "sphinx_superoffice" / "theme" / "superoffice" / "theme.toml"
    options = tomllib.loads(theme_toml.read_text(encoding="utf-8"))["options"]
    table = rows(soup(docs_html / "theme.html"), "Option")
    assert [plain(row[0]) for row in table] == list(options)
    assert all(len(plain(row[2])) > 10 for row in table)


def test_the_command_line_help_is_on_the_page(docs_html: Path) -> None:
    text = soup(docs_html / "cli.html").get_text()
    for command in ("build", "serve", "init"):
        assert f"usage: sphinx-superoffice {command} [-h]" in text
    assert "--languages LANGUAGES" in text


def test_the_benchmarks_page_shows_each_scripts_docstring(docs_html: Path) -> None:
    text = plain(soup(docs_html / "benchmarks.html").get_text())
    assert "Time pathological inputs at n, 2n and 4n" in text
    assert "Print the gzip size of the superoffice theme's own CSS and JS" in text


def test_the_screenshots_are_on_the_theme_page(docs_html: Path) -> None:
    images = [img["src"] for img in soup(docs_html / "theme.html").select("main img")]
    assert len(images) == 4
    assert all((docs_html / str(src)).is_file() for src in images)


# --- the generators refuse an undocumented setting or warning -------------------------


@dc.dataclass
class _Undocumented:
    described: str = dc.field(default="", metadata={"help": "Has help."})
    bare: str = ""


class Undocumented(Enum):
    DESCRIBED = "described"
    """Has a docstring."""
    BARE = "bare"

    @property
    def qualified(self) -> str:
        return f"superoffice.{self.value}"


def test_a_setting_without_help_stops_the_docs_build(monkeypatch: pytest.MonkeyPatch) -> None:
    ext = docs_extension()
    from sphinx.errors import ExtensionError

    monkeypatch.setattr(ext, "SuperOfficeConfig", _Undocumented)
    with pytest.raises(ExtensionError, match="superoffice_bare has no help text"):
        ext.setting_rows()


def test_a_warning_without_docstring_stops_the_docs_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ext = docs_extension()
    from sphinx.errors import ExtensionError

    monkeypatch.setattr(ext, "SoWarning", Undocumented)
    with pytest.raises(ExtensionError, match=r"Undocumented\.BARE has no docstring"):
        ext.warning_rows()


def test_docstring_markup_becomes_markdown() -> None:
    ext = docs_extension()
    assert ext._rst_to_markdown("``a`` and :class:`~.b.C`") == "`a` and `b.C`"
    assert ext._code("```mermaid") == "```` ```mermaid ````"
    assert re.fullmatch(r"`+[^`]+`+", ext._code("x|y"))
