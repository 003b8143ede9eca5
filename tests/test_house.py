"""The build-wide plumbing: settings validation, per-build state, shipped assets."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sphinx_superoffice.assets import FILES, STATIC_DIR
from sphinx_superoffice.state import BuildState, get_state

from .conftest import warnings_of


def _project(tmp_path: Path, conf: str, page: str = "# Home\n\nText.\n") -> Path:
    src = tmp_path / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["sphinx_superoffice"]\n' + conf, encoding="utf-8")
    (src / "index.md").write_text(page, encoding="utf-8")
    return src


def test_fresh_build_links_assets_with_their_checksum(
    make_app: Callable[..., Any], tmp_path: Path
) -> None:
    app = make_app("html", srcdir=_project(tmp_path, ""), freshenv=True)
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    for name in FILES:
        content = (STATIC_DIR / name).read_bytes().translate(None, b"\r")
        checksum = f"{zlib.crc32(content):08x}"
        assert f"_static/{name}?v={checksum}" in html
        assert (app.outdir / "_static" / name).read_bytes() == (STATIC_DIR / name).read_bytes()


@pytest.mark.parametrize(
    ("setting", "shown"),
    [
        ('superoffice_languages = ["en", "no"]', "superoffice_languages"),
        ("superoffice_site_url = 5", "superoffice_site_url"),
        ('superoffice_toc_root = "toc.yml"', "superoffice_toc_root"),
    ],
)
def test_bad_setting_warns_before_any_reader_uses_it(
    make_app: Callable[..., Any], tmp_path: Path, setting: str, shown: str
) -> None:
    app = make_app("html", srcdir=_project(tmp_path, setting + "\n"), freshenv=True)
    app.build()
    warnings = warnings_of(app)
    assert any(
        f"invalid value for {shown!r}" in w and "[superoffice.config]" in w for w in warnings
    ), warnings
    assert (app.outdir / "index.html").is_file()


def test_xrefmaps_dict_form_passes_a_strict_build(
    make_app: Callable[..., Any], tmp_path: Path
) -> None:
    src = _project(tmp_path, 'superoffice_xrefmaps = {"xrefmap.yml": "https://example.com/api/"}\n')
    (src / "xrefmap.yml").write_text(
        "references:\n- uid: Foo.Bar\n  name: Bar\n  href: Foo.Bar.html\n", encoding="utf-8"
    )
    (src / "index.md").write_text("# Home\n\nSee <xref:Foo.Bar>.\n", encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True, warningiserror=True)
    app.build()
    assert warnings_of(app) == []
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="https://example.com/api/Foo.Bar.html"', html)


def test_state_is_per_build_and_never_pickled(make_app: Callable[..., Any], tmp_path: Path) -> None:
    import pickle

    app = make_app("html", srcdir=_project(tmp_path, ""), freshenv=True)
    state = get_state(app.env)
    assert state.builder is app.builder

    class Slot:
        def __init__(self) -> None:
            self.items = [1]

    state.slot(Slot).items.append(2)
    assert state.slot(Slot).items == [1, 2]
    copy = pickle.loads(pickle.dumps(state))
    assert isinstance(copy, BuildState)
    assert copy.peek(Slot) is None
    assert copy.builder is None


def test_a_build_leaves_sphinx_defaults_alone(make_app: Callable[..., Any], tmp_path: Path) -> None:
    """Our `.md` parser must not leak into the next build in the same process (Sphinx hands
    out its default `source_suffix` dict and merges extension suffixes into it in place)."""
    ours = make_app("html", srcdir=_project(tmp_path / "a", ""), freshenv=True)
    ours.build()
    src = tmp_path / "b"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser"]\n', encoding="utf-8")
    (src / "index.md").write_text("# Plain\n", encoding="utf-8")
    plain = make_app("html", srcdir=src, freshenv=True)
    assert plain.config.source_suffix[".md"] == "markdown"
    plain.build()
    assert "Plain" in (plain.outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("language", "moved"),
    [("no", "Denne siden er flyttet til"), ("sv", "Den här sidan har flyttats till")],
)
def test_extension_strings_follow_the_build_language(
    make_app: Callable[..., Any], tmp_path: Path, language: str, moved: str
) -> None:
    """`no` (DocFX's code, what multilang passes) reaches the Bokmål catalog too."""
    src = _project(tmp_path, f'language = "{language}"\n')
    (src / "old.md").write_text("---\nredirect_url: index.md\n---\n", encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert moved in (app.outdir / "old.html").read_text(encoding="utf-8")


def test_syntax_strings_use_the_extension_catalog(
    make_app: Callable[..., Any], tmp_path: Path
) -> None:
    page = "# Home\n\n[!code-csharp[Main](missing.cs)]\n"
    app = make_app("html", srcdir=_project(tmp_path, 'language = "no"\n', page), freshenv=True)
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Det ser ut til at eksempelet du leter etter, ikke finnes." in html


def test_no_deprecated_app_access_in_the_package() -> None:
    """Transforms reach Sphinx through ``self.env``/``self.config`` (``.app`` is deprecated
    in Sphinx 9 and removed in 11); the suite also turns deprecation warnings into errors."""
    package = Path(__file__).parents[1] / "sphinx_superoffice"
    offenders = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\b(self|env)\.app\b|\benv\._app\b", line)
    ]
    assert offenders == []


def test_redirect_to_a_missing_anchor_leads_to_the_page(
    make_app: Callable[..., Any], tmp_path: Path
) -> None:
    src = _project(tmp_path, "", "# Home\n\n## Real section\n")
    (src / "old.md").write_text("---\nredirect_url: index.md#gone\n---\n", encoding="utf-8")
    (src / "kept.md").write_text("---\nredirect_url: index.md#real-section\n---\n", "utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    old = (app.outdir / "old.html").read_text(encoding="utf-8")
    assert 'content="0; url=index.html"' in old
    assert 'content="0; url=index.html#real-section"' in (app.outdir / "kept.html").read_text(
        encoding="utf-8"
    )
    assert [w for w in warnings_of(app) if "no anchor 'gone'" in w] == [
        "<src>/old.md:2: WARNING: redirect target 'index.md#gone' of 'old': no anchor 'gone' in "
        "'index'; leading to the page [superoffice.redirect]"
    ]


def test_architecture_names_every_module() -> None:
    """ARCHITECTURE.md is the map: every module (or sub-package) of the package is on it."""
    package = Path(__file__).parents[1] / "sphinx_superoffice"
    text = (package.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if rel.parts[0] in ("syntax", "theme") and len(rel.parts) > 2:
            name = rel.parts[1] + "/"  # a sub-package of syntax/ is listed as a whole
        elif len(rel.parts) > 1 and rel.parts[0] in ("references", "toc"):
            name = rel.parts[0] + "/"
        else:
            name = rel.name if rel.name != "__init__.py" else rel.parent.name + "/"
        if name != "/" and name not in text:
            missing.append(str(rel))
    assert missing == []
