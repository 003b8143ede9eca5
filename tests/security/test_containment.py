"""The containment rule, the URL test and the redirect_from name test, without Sphinx."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_superoffice import containment
from sphinx_superoffice.confine import outside_links
from sphinx_superoffice.docfx.glob import get_files, matchers
from sphinx_superoffice.redirects import refused_pagename
from sphinx_superoffice.siteindex import FileTree
from sphinx_superoffice.syntax.snippets.render import case_insensitive
from sphinx_superoffice.urls import browser_url, refused_scheme


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    """``root`` with a file, a folder, links inside and out; ``outside`` next to it."""
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "secret.md").write_text("s", encoding="utf-8")
    root = tmp_path / "root"
    (root / "docs" / "sub").mkdir(parents=True)
    (root / "docs" / "page.md").write_text("p", encoding="utf-8")
    (root / "docs" / "sub" / "Other.md").write_text("o", encoding="utf-8")
    (root / "docs" / "out.md").symlink_to(outside / "secret.md")
    (root / "docs" / "outdir").symlink_to(outside, target_is_directory=True)
    (root / "docs" / "in.md").symlink_to(root / "docs" / "page.md")
    (root / "docs" / "indir").symlink_to(root / "docs" / "sub", target_is_directory=True)
    (root / "docs" / "sub" / "escape").symlink_to(outside, target_is_directory=True)
    (root / "docs" / "sub" / "loop").symlink_to(root / "docs", target_is_directory=True)
    (root / "docs" / "dangling.md").symlink_to(outside / "nothing.md")
    return root.resolve(), outside.resolve()


def test_inside(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    for rel in ["docs/page.md", "docs/in.md", "docs/indir/Other.md", "docs/missing.md", "docs"]:
        assert containment.outside_reason(root / rel, root) == "", rel


@pytest.mark.parametrize(
    ("rel", "link"),
    [
        ("docs/out.md", "docs/out.md"),
        ("docs/outdir/secret.md", "docs/outdir"),
        ("docs/outdir/deep/none.md", "docs/outdir"),
        ("docs/indir/escape/secret.md", "docs/indir/escape"),
        ("docs/dangling.md", "docs/dangling.md"),
    ],
)
def test_a_link_leading_out_is_named(tree: tuple[Path, Path], rel: str, link: str) -> None:
    root, outside = tree
    reason = containment.outside_reason(root / rel, root)
    assert reason.startswith(f"leads outside the project root through the symbolic link {link!r}")
    assert str(outside) in reason


def test_lexically_outside(tree: tuple[Path, Path]) -> None:
    root, outside = tree
    assert containment.outside_reason(outside / "secret.md", root) == (
        f"is outside the project root {str(root)!r}"
    )
    assert containment.outside_reason(Path("relative.md"), root).startswith("is outside")


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("a\x00b", "contains a NUL byte"),
        ("x" * 256, "has a file or folder name longer than 255 bytes"),
        ("ø" * 128, "has a file or folder name longer than 255 bytes"),  # 256 bytes
        ("a/" * 2100, "is longer than 4096 bytes"),
        ("a\ud800b", "contains characters that are no file name"),
        ("x" * 255, ""),
        ("a\udc80b", ""),  # an undecodable byte, as os.fsdecode gives it: a valid name
    ],
)
def test_name_problem(path: str, problem: str) -> None:
    assert containment.name_problem(path) == problem


@pytest.mark.parametrize("path", ["x" * 300, "a\x00b", "a\ud800b", f"{'x' * 300}/a"])
def test_file_tests_never_raise(tmp_path: Path, path: str) -> None:
    full = f"{tmp_path}/{path}"
    assert not containment.is_file(full)
    assert not containment.is_dir(full)
    assert not containment.exists(full)
    assert containment.real_path(full) is None
    assert containment.outside_reason(full, tmp_path) == containment.name_problem(full)


def test_outside_links_as_sphinx_walks(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    found = outside_links(FileTree(root / "docs"), root, (".md",))
    assert found == [
        ("dangling.md", "page"),
        ("indir/escape", "folder"),  # found through a link that stays inside
        ("indir/loop", "cycle"),
        ("out.md", "page"),
        ("outdir", "folder"),
        ("sub/escape", "folder"),
        ("sub/loop", "cycle"),  # Sphinx would read docs/ again below it, ~40 levels deep
    ]


def test_case_insensitive_fallback_stops_at_a_link_leading_out(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    assert case_insensitive(root / "docs" / "SUB" / "other.md", root) == (
        root / "docs" / "sub" / "Other.md"
    )
    # the outside folder is never listed: the path comes back for the caller to refuse
    found = case_insensitive(root / "docs" / "outdir" / "SECRET.md", root)
    assert found == root / "docs" / "outdir" / "SECRET.md"
    assert containment.outside_reason(found, root).startswith("leads outside")


def test_docfx_globs_stay_in_the_source_directory(tmp_path: Path) -> None:
    # DocFX's globs match the paths a walk of `src` finds (FileGlob), so `..` and
    # absolute patterns match nothing, and the walk enters no folder outside the root
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.md").write_text("secret")
    src = tmp_path / "src"
    (src / "files").mkdir(parents=True)
    (src / "files" / "a.txt").write_text("a")
    (src / "link").symlink_to(outside, target_is_directory=True)
    patterns = ["files/**", "../outside/**", f"{outside}/*", "a/../../outside/x.md", "link/**"]
    root = src.resolve()
    found = get_files(src, matchers(patterns), [], "", lambda p: containment.is_inside(p, root))
    assert list(found) == ["files/a.txt"]


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("  \x00\x1fJaVaScRiPt:alert(1)", "javascript"),
        ("java\tscr\nipt:alert(1)", "javascript"),
        ("data:text/html,x", "data"),
        ("vbscript:x", "vbscript"),
        ("file:///etc/passwd", "file"),
        ("https://example.com", None),
        ("HTTPS://example.com", None),
        ("mailto:a@b", None),
        ("tel:+4712345678", None),
        ("ftp://x", None),
        ("#x", None),
        ("a/b.html", None),
        ("//host/x", None),
        ("\u00a0javascript:x", None),  # not stripped by browsers: a relative URL
    ],
)
def test_refused_scheme(url: str, scheme: str | None) -> None:
    assert refused_scheme(url) == scheme


def test_the_scheme_list_is_configurable() -> None:
    assert refused_scheme("ms-settings:x", ["https", "ms-settings"]) is None
    assert refused_scheme("tel:1", ["https"]) == "tel"
    assert browser_url(" \tja\nva\rscript:x\x01 ") == "javascript:x"


@pytest.mark.parametrize(
    ("pagename", "refused"),
    [
        ("old/page", False),
        ("æøå/side-1_x.~y", False),
        ("a/genindex", False),
        ("genindex", True),
        ("GenIndex", True),
        ("genindex-A", True),
        ("search", True),
        ("searchindex.js", True),
        ("py-modindex", True),
        ("objects.inv", True),
        ("_static/basic", True),
        ("_images/x", True),
        ("_sources/index", True),
        ("_downloads/x", True),
        (".git/x", True),
        ("javascript:alert(1)", True),
        ('"><script>alert(1)</script>', True),
        ("a b", True),
        ("a?b", True),
    ],
)
def test_redirect_from_names(pagename: str, refused: bool) -> None:
    assert bool(refused_pagename(pagename)) is refused
