"""Landing-page icons (pure): the hub-page names, the committed Phosphor SVGs, the CSS."""

from __future__ import annotations

import re

import pytest

from sphinx_superoffice.landing_icons import (
    CSS_FILE,
    GLYPHS,
    HUB_ICONS,
    ICON_DIR,
    IMAGE_ICONS,
    PHOSPHOR_NAMES,
    css_block,
    glyph_for_image,
    has_glyph,
    icon_class,
    note_unknown_icon,
    replace_block,
    svg_data_url,
    unknown_icons,
)

#: every itemType name the SuperOffice corpus uses, and the rest of the hub-page schema
CORPUS_ITEM_TYPES = (
    "list",
    "explore",
    "library_books",
    "video_library",
    "school",
    "map",
    "power_settings_new",
    "new_releases",
    "dvr",
    "cloud_upload",
    "file_download",
)
SCHEMA_ONLY = ("architecture", "place")
#: the isImage paths of the corpus (none of the files is in it)
CORPUS_IMAGES = (
    "/media/common/calendar.png",
    "/media/common/gauge.png",
    "/media/common/file-text.png",
    "/media/common/ticket.png",
    "/media/common/clipboard-text.png",
    "/media/common/currency-circle-dollar.png",
    "/media/common/target.png",
    "/media/common/device-mobile.png",
)


@pytest.mark.parametrize("name", CORPUS_ITEM_TYPES + SCHEMA_ONLY)
def test_every_hub_page_name_has_a_glyph(name: str) -> None:
    assert has_glyph(icon_class(name))
    assert (ICON_DIR / f"{HUB_ICONS[name]}.svg").is_file()


@pytest.mark.parametrize("path", CORPUS_IMAGES)
def test_corpus_image_names_have_a_glyph(path: str) -> None:
    glyph = glyph_for_image(path)
    assert glyph is not None and glyph in IMAGE_ICONS


def test_image_names() -> None:
    assert glyph_for_image("../media/Calendar.PNG?x=1") == "calendar"
    assert glyph_for_image("/media/none.png") is None
    assert glyph_for_image("books.svg") == "books"  # a Phosphor name drawn for a hub name
    assert glyph_for_image("") is None


def test_icon_class() -> None:
    assert icon_class("library_books") == "library_books"
    assert icon_class('a b"<c') == "a-b--c"
    assert icon_class("") == "none"
    assert not has_glyph("none")


def test_icons_folder_holds_exactly_the_icons_in_use_with_the_licence() -> None:
    svgs = {p.stem for p in ICON_DIR.glob("*.svg")}
    assert svgs == set(PHOSPHOR_NAMES)
    licence = (ICON_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Phosphor Icons" in licence
    readme = (ICON_DIR / "README.md").read_text(encoding="utf-8")
    assert "@phosphor-icons/core" in readme
    for hub, phosphor in HUB_ICONS.items():
        assert f"| `{hub}` | `{phosphor}` |" in readme


def test_css_block_is_current() -> None:
    """``python tools/landing_icons.py`` was run after the last change of an icon."""
    css = CSS_FILE.read_text(encoding="utf-8")
    assert replace_block(css, css_block()) == css, "run python tools/landing_icons.py"
    for name in GLYPHS:
        assert re.search(rf"\.so-icon-{re.escape(name)}[ ,]", css), name


def test_svg_data_url_is_css_safe() -> None:
    url = svg_data_url('<svg fill="currentColor" a="#1"><path d="M0 0%"/></svg>\n')
    assert url == "url(\"data:image/svg+xml,%3Csvg a='%231'%3E%3Cpath d='M0 0%25'/%3E%3C/svg%3E\")"


def test_replace_block() -> None:
    block = css_block()
    assert replace_block("a {}\n", block) == "a {}\n\n" + block
    assert replace_block("a {}\n\n" + block + "b {}\n", block) == "a {}\n\n" + block + "b {}\n"


def test_unknown_icons_are_counted_once_per_name() -> None:
    pages: dict[str, dict[str, object]] = {"b": {}, "a": {}, "c": {}}
    note_unknown_icon(pages["b"], "bogus", 3)
    note_unknown_icon(pages["a"], "bogus", 7)
    note_unknown_icon(pages["a"], "other", 0)
    note_unknown_icon(pages["b"], "bogus", 9)
    assert unknown_icons(pages) == {"bogus": ("a", 7, 3), "other": ("a", 0, 1)}
