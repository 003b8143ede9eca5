"""The shipped interface-string catalogs are complete and compiled (not stale)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "update_theme_catalogs.py"


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_theme_catalogs", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_templates_have_strings(tool: ModuleType) -> None:
    messages = tool.extract()
    assert "Skip to main content" in messages
    assert "In this article" in messages
    assert "Please activate JavaScript to enable the search functionality." in messages
    # Python strings of the extension share the catalog (landing labels, redirect texts)
    assert "Get started" in messages
    assert "This page has moved to" in messages


def test_committed_catalogs_are_not_stale(tool: ModuleType) -> None:
    """Run ``python tools/update_theme_catalogs.py`` (and translate) when this fails."""
    assert tool.problems() == []


def test_stale_catalogs_are_detected(tool: ModuleType, tmp_path: Path) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(tool.LOCALE, locale)
    messages = dict(tool.extract())
    messages["A new string"] = [("layout.html", 1)]
    found = tool.problems(messages, locale)
    assert "de: msgid 'A new string' is used but not in the catalog" in found
    assert "en: msgid 'A new string' is used but not in the catalog" in found

    # a .po edited without recompiling its .mo
    po = tool.po_path("sv", locale)
    po.write_text(po.read_text(encoding="utf-8").replace('"Stäng"', '"Stäng nu"'), "utf-8")
    assert tool.problems(None, locale) == [
        "sv: sphinx_superoffice.mo is missing or not compiled from the current .po"
    ]

    # an untranslated string in a target language
    po = tool.po_path("nl", locale)
    po.write_text(po.read_text(encoding="utf-8").replace('"Sluiten"', '""'), "utf-8")
    assert "nl: msgid 'Close' is not translated" in tool.problems(None, locale)


def test_every_language_has_a_compiled_catalog(tool: ModuleType) -> None:
    from sphinx_superoffice.i18n import LANGUAGES

    assert tuple(LANGUAGES) == tuple(tool.LANGUAGES)
    for lang in LANGUAGES:
        assert tool.po_path(lang).with_suffix(".mo").is_file()
