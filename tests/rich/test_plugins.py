"""The syntax modules as plug-ins: token tables, per-page state, and the bugs that came with
the old wiring (a KeyError in tabs, state stashed on the renderer, ``self.app``)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable

import pytest

from ..toolkit import Build

BuildRoot = Callable[..., Build]
ROOT = "test-rich-syntax"


def _mystery_plugin(md):
    """A rule making ``???`` lines tokens that no syntax module renders."""

    def rule(state, start, end, silent):
        pos = state.bMarks[start] + state.tShift[start]
        if state.src[pos : state.eMarks[start]] != "???":
            return False
        if not silent:
            token = state.push("dfm_mystery", "", 0)
            token.map = [start, start + 1]
        state.line = start + 1
        return True

    md.block.ruler.before("paragraph", "dfm_mystery", rule)


@pytest.fixture
def mystery_syntax(monkeypatch: pytest.MonkeyPatch) -> None:
    from sphinx_superoffice import parser
    from sphinx_superoffice.syntax.contract import SyntaxPlugin

    monkeypatch.setattr(
        parser, "SYNTAX_PLUGINS", (*parser.SYNTAX_PLUGINS, SyntaxPlugin(_mystery_plugin, {}))
    )


@pytest.mark.usefixtures("mystery_syntax")
def test_a_token_without_renderer_in_a_tab_warns_as_elsewhere(build_root: BuildRoot) -> None:
    """``tabs.render_blocks`` used to raise KeyError; it now falls back as myst does."""
    page = "# T\n\n???\n\n# [A](#tab/a)\n\nbefore\n\n???\n\nafter\n\n# [B](#tab/b)\n\nb\n"
    app = build_root(ROOT, files={"index.md": page})
    warnings_ = app.warning_text
    assert re.findall(r"index\.md:\d+: WARNING: No render method for: dfm_mystery", warnings_) == [
        "index.md:3: WARNING: No render method for: dfm_mystery",
        "index.md:9: WARNING: No render method for: dfm_mystery",
    ], warnings_
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "before" in html and "after" in html and "sd-tab-set" in html


def test_a_table_cannot_replace_a_renderer() -> None:
    from markdown_it import MarkdownIt

    from sphinx_superoffice.renderer import DocfxRenderer

    renderer = DocfxRenderer(MarkdownIt())
    renderer.add_renderers({"dfm_x": lambda r, t: None})
    assert "render_dfm_x" in renderer.rules
    with pytest.raises(ValueError, match="dfm_x"):
        renderer.add_renderers({"dfm_x": lambda r, t: None})
    with pytest.raises(ValueError, match="paragraph"):
        renderer.add_renderers({"paragraph": lambda r, t: None})


def test_video_titles_are_unique_per_page(build_root: BuildRoot) -> None:
    """The titles given so far live in a per-page slot, not in the renderer's ``__dict__``."""
    page = "# Setup\n\n> [!Video https://example.com/a]\n\n> [!Video https://example.com/b]\n"
    app = build_root(ROOT, files={"index.md": page, "other.md": page})
    for name in ("index.html", "other.html"):
        html = (app.outdir / name).read_text(encoding="utf-8")
        titles = re.findall(r'<iframe [^>]*title="([^"]*)"', html)
        assert titles == ["Video: Setup", "Video: Setup (2)"], (name, titles)


def test_tab_selection_is_per_page(build_root: BuildRoot) -> None:
    """A tab selected on one page does not select a dependent tab on another."""
    first = "# One\n\n# [Linux](#tab/linux)\n\nl\n\n# [Windows](#tab/windows)\n\nw\n"
    dependent = "# Two\n\n# [A](#tab/a/linux)\n\na\n\n# [B](#tab/b/windows)\n\nb\n"
    app = build_root(ROOT, files={"index.md": first, "two.md": dependent})
    warnings_ = app.warning_text
    assert "two.md:3: WARNING: every tab of this group depends on a tab selected nowhere" in (
        warnings_
    ), warnings_


def test_lightbox_transform_uses_no_deprecated_app(build_root: BuildRoot) -> None:
    """``self.app`` in a transform is deprecated (removed in Sphinx 11)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = (
            '# I\n\n:::image type="content" source="media/screen.png" alt-text="S" '
            'lightbox="media/screen.png":::\n'
        )
        app = build_root(ROOT, files={"index.md": page})
    assert "dfm-lightbox-link" in (app.outdir / "index.html").read_text(encoding="utf-8")
    assert [str(w.message) for w in caught if "LightboxHtmlTransform" in str(w.message)] == []
