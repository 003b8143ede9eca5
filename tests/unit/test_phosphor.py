"""Phosphor icon tags: which icons a tag names, the committed subset, the stylesheet."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sphinx_superoffice.theme.phosphor import (
    CSS_FILE,
    LIST_FILE,
    PHOSPHOR_DIR,
    Glyph,
    IconUse,
    css_text,
    drawn_selectors,
    has_glyph,
    icon_uses,
    read_list,
    uses_in_html,
    write_list,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("classes", "expected"),
    [
        ("ph ph-gear", [IconUse("regular", "gear")]),
        ("ph ph-fill ph-circle", [IconUse("fill", "circle")]),
        ("ph ph-chart-line-up ph-fill", [IconUse("fill", "chart-line-up")]),
        ("ph-bold ph-x", [IconUse("bold", "x")]),
        ("ph-gear", []),  # no weight class: not an icon tag
        ("phx ph-gear", []),
        ("ph ph-Bad_Name", []),
    ],
)
def test_icon_uses(classes: str, expected: list[IconUse]) -> None:
    assert icon_uses(classes) == expected


def test_uses_in_html_reads_only_i_tags() -> None:
    html = (
        '<i class="ph ph-gear" aria-hidden="true"></i> <span class="ph ph-x"></span>'
        "<i aria-label='a' class='ph ph-fill ph-circle'>"
    )
    assert uses_in_html(html) == [IconUse("regular", "gear"), IconUse("fill", "circle")]


def test_list_round_trip() -> None:
    glyphs = [
        Glyph("regular/target", ("ph-bullseye", "ph-target")),
        Glyph("fill/c", ("ph-c-fill",)),
    ]
    text = write_list(glyphs, "a header")
    assert text.startswith("# a header\nfill/c ph-c-fill\n")
    assert read_list(text) == sorted(glyphs, key=lambda g: g.file)


def test_weights_fall_back_to_regular() -> None:
    selectors = frozenset({"ph-gear", "ph-fill.ph-circle"})
    assert has_glyph(IconUse("bold", "gear"), selectors)
    assert has_glyph(IconUse("fill", "circle"), selectors)
    assert not has_glyph(IconUse("regular", "circle"), selectors)


def test_committed_subset_covers_its_list() -> None:
    glyphs = read_list(LIST_FILE.read_text(encoding="utf-8"))
    assert len(glyphs) >= 150
    assert {"ph-gear", "ph-bullseye", "ph-fill.ph-circle", "ph-circle-fill"} <= drawn_selectors(
        glyphs
    )
    for glyph in glyphs:
        assert (PHOSPHOR_DIR / f"{glyph.file}.svg").is_file(), glyph.file
    committed = [p.relative_to(PHOSPHOR_DIR).with_suffix("") for p in PHOSPHOR_DIR.glob("*/*.svg")]
    assert sorted(p.as_posix() for p in committed) == sorted(g.file for g in glyphs)
    assert "Phosphor Icons" in (PHOSPHOR_DIR / "LICENSE").read_text(encoding="utf-8")


def test_stylesheet_is_current() -> None:
    """``python tools/phosphor_icons.py`` was run after the last change of the subset."""
    css = css_text(read_list(LIST_FILE.read_text(encoding="utf-8")))
    assert CSS_FILE.read_text(encoding="utf-8") == css, "run python tools/phosphor_icons.py"
    assert '.ph-circle-fill, .ph-fill.ph-circle { --ph: url("data:image/svg+xml,' in css
    assert "http" not in css.replace("http://www.w3.org/2000/svg", "").replace(
        "https://phosphoricons.com", ""
    )  # nothing is fetched from another host


def test_tool_check(tmp_path: Path) -> None:
    path = REPO / "tools" / "phosphor_icons.py"
    spec = importlib.util.spec_from_file_location("phosphor_icons", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0
    # the corpus scan and the SVG choice, on a stand-in package
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(
        'x <i class="ph ph-gear"></i> <i class="ph ph-old"></i> <i class="ph ph-dot-fill"></i>\n',
        encoding="utf-8",
    )
    package = tmp_path / "package"
    for file in ("regular/gear.svg", "regular/new.svg", "fill/dot-fill.svg"):
        (package / "assets" / file).parent.mkdir(parents=True, exist_ok=True)
        (package / "assets" / file).write_text("<svg/>", encoding="utf-8")
    (package / "src").mkdir()
    (package / "src" / "icons.ts").write_text(
        'name: "new",\n    pascal_name: "New",\n    alias: { name: "old", pascal_name: "Old" },',
        encoding="utf-8",
    )
    uses = module.corpus_uses([tmp_path / "docs"])
    glyphs, missing = module.choose(package, uses)
    assert missing == []
    assert sorted(glyphs, key=lambda g: g.file) == [
        Glyph("fill/dot-fill", ("ph-dot-fill",)),
        Glyph("regular/gear", ("ph-gear",)),
        Glyph("regular/new", ("ph-old",)),
    ]
    uses[IconUse("regular", "nowhere")] = "here:1"
    assert module.choose(package, uses)[1] == ["ph-nowhere (here:1)"]
