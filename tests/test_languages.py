"""Languages: one conf.py for every tree, counterparts, hreflang, the multi-language site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .toolkit import REPO

HREFLANG = re.compile(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]*)" />')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("site")
    shutil.copytree(REPO / "example-docs", work / "ex", ignore=shutil.ignore_patterns("_build"))
    # a page that exists in English only
    (work / "ex" / "docs" / "en" / "english-only.md").write_text(
        "---\norphan: true\n---\n# Only in English\n", encoding="utf-8"
    )
    out = work / "ex" / "_build" / "html"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_superoffice.multilang",
            "-c",
            str(work / "ex"),
            str(work / "ex" / "docs"),
            str(out),
            "--languages",
            "en",
            "no",
            "-j",
            "2",
            "--",
            "-W",
            "--keep-going",
            "-q",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _pages(site: Path, lang: str) -> list[Path]:
    skip = {"genindex.html", "search.html", "404.html"}
    return [
        p
        for p in (site / lang).rglob("*.html")
        if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")  # redirect pages
        if p.name not in skip
        and not any(part.startswith("_") for part in p.relative_to(site).parts)
    ]


def test_one_site_with_a_root_page(site):
    root = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="en/index.html"' in root and 'href="no/index.html"' in root
    assert '<html lang="nb"' in (site / "no" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_every_hreflang_link_resolves_and_is_reciprocal(site):
    checked = 0
    for lang in ("en", "no"):
        for page in _pages(site, lang):
            links = dict(HREFLANG.findall(page.read_text("utf-8")))
            if page.name == "english-only.html":
                assert set(links) == {"en"}  # no Norwegian counterpart: no alternate link
                continue
            assert set(links) == {"en", "nb"}, page
            for href in links.values():
                target = (page.parent / href).resolve()
                assert target.is_file(), (page, href)
                back = dict(HREFLANG.findall(target.read_text("utf-8")))
                assert (target.parent / back["nb" if lang == "no" else "en"]).resolve() == page
                checked += 1
    assert checked >= 30


def test_counterparts_for_the_switcher(build_root):
    """The theme's data: exact counterparts, and the home page where there is none."""
    from sphinx_superoffice.languages import counterparts

    build = build_root(REPO / "example-docs", tree="docs/no", confdir=".")
    app = build.app
    assert app.config.language == "nb"  # from the tree being built, no -D needed
    found = counterparts(app, "admin/import/from-erp", {"uid": "help-no-import-from-erp"})
    assert found == [
        {
            "code": "en",
            "lang": "en",
            "name": "English",
            "url": "../../../en/admin/import/from-erp.html",
            "current": False,
            "exact": True,
        },
        {
            "code": "no",
            "lang": "nb",
            "name": "Norsk",
            "url": "../../admin/import/from-erp.html",
            "current": True,
            "exact": True,
        },
    ]
    missing = counterparts(app, "no-such/page", {})
    assert missing[0]["url"] == "../../en/index.html"
    assert missing[0]["exact"] is False


def test_a_uid_with_a_trailing_comment_finds_its_counterpart(build_project):
    """The other tree's uids are read with the YAML reader: ``uid: x # note`` is ``x``
    (the old line pre-scan kept ``x # note``, so the page had no counterpart)."""
    from sphinx_superoffice.languages import counterparts

    build = build_project(
        "# Hjem\n",
        tree="no",
        confdir="conf",
        conf='superoffice_languages = {"en": "../en", "no": "../no"}\nsuperoffice_root = ".."\n',
        files={
            "no/moved.md": "---\nuid: help-no-moved\n---\n# Flyttet\n",
            "en/index.md": "# Home\n",
            "en/elsewhere.md": "---\nuid: help-en-moved  # renamed in English\n---\n# Moved\n",
        },
    )
    english = counterparts(build.app, "moved", {"uid": "help-no-moved"})[0]
    assert (english["url"], english["exact"]) == ("../en/elsewhere.html", True)
