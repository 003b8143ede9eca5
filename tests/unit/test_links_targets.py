"""What a relative link points at (``syntax/link_targets.py``), without Sphinx."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from sphinx_superoffice.fileindex import FileIndex
from sphinx_superoffice.syntax.link_targets import SiteView, classify, configured_trees

FILES = {
    "docs/no/index.md": "# Home",
    "docs/no/page.md": "# Page",
    "docs/no/Upper/CasePage.md": "# Case",
    "docs/no/sub/index.md": "# Sub",
    "docs/no/twin.md": "# Twin",
    "docs/no/twin.yml": "### YamlMime:Something",
    "docs/no/moved.md": "# Moved",
    "docs/no/excluded.md": "# Excluded",
    "docs/no/data.yml": "a: 1",
    "docs/no/file.zip": "zip",
    "docs/no/noindex/notes.txt": "text",
    "docs/shared/logo.png": "png",
    "docs/en/app.md": "# App",
    "docs/en/img.png": "png",
    "docs/en/draft.md": "# Draft",
    "docs/en/data.yml": "a: 1",
    "docs/en/land.yml": "### YamlMime:Category\ntitle: Land",
    "outside.png": "png",
}
DOCS = {"index", "page", "Upper/CasePage", "sub/index", "twin", "moved"}


@pytest.fixture
def site(tmp_path: Path) -> SiteView:
    for rel, text in FILES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    srcdir = tmp_path / "docs/no"

    def path2doc(path: Path) -> str | None:
        rel = path.relative_to(srcdir).as_posix()
        docname = rel.removesuffix(".md")
        return docname if rel.endswith(".md") and docname in DOCS else None

    return SiteView(
        root=tmp_path / "docs",
        srcdir=srcdir,
        trees={"../en": "../en/", "../remote": "https://docs.example.com/remote/"},
        index=FileIndex(tmp_path / "docs"),
        path2doc=path2doc,
        excluded=lambda rel: fnmatch.fnmatch(rel, "draft.md"),
        source_suffixes=(".md",),
        landing_mimes=frozenset({"Category", "SubCategory"}),
    )


HREFS = [
    "page.md",
    "upper/casepage.md",
    "sub",
    "sub/",
    "twin.yml",
    "moved.yml",
    "excluded.md",
    "data.yml",
    "file.zip",
    "noindex",
    "nothing.md",
    "../shared/logo.png",
    "../../outside.png",
    "../other/page.md",
    "../en/app.md",
    "../en/img.png",
    "../en/missing.md",
    "../en/draft.md",
    "../en/data.yml",
    "../en/land.yml",
    "../remote/x/y.md",
]


def test_classify(site: SiteView, data_regression: Any) -> None:
    base = site.root.parent
    results: dict[str, dict[str, Any]] = {}
    for href in HREFS:
        # absolute and normalised, as the renderer passes it
        resolved = classify(site, Path(os.path.normpath(site.srcdir / href)))
        entry: dict[str, Any] = {"kind": resolved.kind}
        if resolved.path is not None:
            entry["path"] = resolved.path.relative_to(base).as_posix()
        for key in ("docname", "url", "tree_base", "case_fixed", "out_of_tree"):
            if getattr(resolved, key):
                entry[key] = getattr(resolved, key)
        if resolved.kind == "missing":
            entry["reason"] = resolved.reason
        results[href] = entry
    data_regression.check(results)


def test_language_trees_are_external_trees() -> None:
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
