"""A DocFX project builds unmodified with the README's minimal conf.py (issue 15, items 1
and 3): the docfx.json ``docfx init`` writes, and one shaped like the corpus's
release-notes (a root docfx.json, ``src``/``dest``, brace globs) with ``docs/<lang>``
trees. Page URLs are DocFX's, the ``_app*``/``_disable*`` keys show in the HTML."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from sphinx_superoffice.theme.docfxkeys import is_true, page_metadata

MINIMAL_CONF = 'extensions = ["sphinx_superoffice"]\nhtml_theme = "superoffice"\n'

#: dotnet/docfx src/docfx/Models/InitCommand.cs, answers "mysite", no .NET API, search, PDF
INIT_DOCFX_JSON = """{
  "$schema": "https://raw.githubusercontent.com/dotnet/docfx/main/schemas/docfx.schema.json",
  "build": {
    "content": [
      {
        "files": [
          "**/*.{md,yml}"
        ],
        "exclude": [
          "_site/**"
        ]
      }
    ],
    "resource": [
      {
        "files": [
          "images/**"
        ]
      }
    ],
    "output": "_site",
    "template": [
      "default",
      "modern"
    ],
    "globalMetadata": {
      "_appName": "mysite",
      "_appTitle": "mysite",
      "_enableSearch": true,
      "pdf": true
    }
  }
}"""

INIT_FILES = {
    "docfx.json": INIT_DOCFX_JSON,
    "toc.yml": "- name: Docs\n  href: docs/\n",
    "index.md": (
        "---\n_layout: landing\n---\n\n# This is the **HOMEPAGE**.\n\n"
        "Refer to [Markdown](http://daringfireball.net/projects/markdown/) for how to "
        "write markdown files.\n\n## Quick Start Notes:\n\n"
        "1. Add images to the *images* folder if the file is referencing an image.\n"
    ),
    "docs/introduction.md": "# Introduction\n",
    "docs/getting-started.md": "# Getting Started\n",
    "docs/toc.yml": (
        "- name: Introduction\n  href: introduction.md\n"
        "- name: Getting Started\n  href: getting-started.md\n"
    ),
    "images/logo.png": b"\x89PNG\r\n",
    "conf.py": MINIMAL_CONF,
    # what DocFX would not build: its own output, a dot folder
    "_site/index.md": "# Old output\n",
    ".github/README.md": "# Not a page\n",
}


def _text(html: str, css_class: str) -> str:
    match = re.search(rf'class="{css_class}"[^>]*>(.*?)</', html, re.S)
    return match.group(1).strip() if match else ""


def test_docfx_init_project(build_project: Any) -> None:
    build = build_project(None, files=INIT_FILES, conf=None)
    # DocFX's pages and URLs: index.html, docs/introduction.html, docs/getting-started.html
    assert build.env.found_docs == {"index", "docs/introduction", "docs/getting-started"}
    for page in ("index.html", "docs/introduction.html", "docs/getting-started.html"):
        assert (build.outdir / page).is_file()
    assert not (build.outdir / "_site").exists()
    assert (build.outdir / "images" / "logo.png").read_bytes() == b"\x89PNG\r\n"
    index = build.html("index.html")
    assert "<title>This is the HOMEPAGE. &#8212; mysite</title>" in index
    assert _text(index, "so-product") == "mysite"
    assert "so-layout-landing" in index  # front matter _layout: landing
    assert "so-layout-article" in build.html("docs/introduction.html")
    # no warning at all: every key of the file is understood or DocFX-only
    assert build.warnings == []


def test_docfx_init_yes_warns_at_the_metadata_line(build_project: Any) -> None:
    # `docfx init --yes` adds the .NET API section, which is not supported: one warning
    # at its own line, and the rest builds
    data = json.loads(INIT_DOCFX_JSON)
    data = {
        "$schema": data["$schema"],
        "metadata": [{"src": [{"src": "../src", "files": ["**/*.csproj"]}], "dest": "api"}],
        "build": data["build"],
    }
    text = json.dumps(data, indent=2)
    build = build_project(None, files={**INIT_FILES, "docfx.json": text}, conf=None)
    (warning,) = build.warnings
    assert "docfx.json:3:" in warning and "'metadata'" in warning
    assert "[superoffice.docfx_json]" in warning
    assert "docs/introduction" in build.env.found_docs


RELEASE_NOTES_JSON = """{
  // the corpus's release-notes/docfx.json, at the repository root with a tree per language
  "build": {
    "content": [
      {
        "src": "docs/en",
        "dest": "en",
        "files": [
          "**/*.{md,yml}",
          "*.{md,yml}"
        ],
        "exclude": [
          "**/includes/**",
          "drafts/**"
        ]
      },
      {"src": "docs/no", "dest": "no", "files": "**/*.{md,yml}", "exclude": "**/includes/**"}
    ],
    "resource": [
      {
        "src": "docs/en",
        "dest": "en",
        "files": [
          "media/**",
          "**/*.png"
        ]
      },
      {"src": "common/icons", "dest": "en/media/icons", "files": "*.svg"}
    ],
    "dest": "_site",
    "globalMetadata": {
      "_appTitle": "Release notes",
      "_appName": "SuperOffice",
      "_appLogoPath": "en/media/logo.svg",
      "_appFaviconPath": "en/media/favicon.ico",
      "_appFooter": "<strong>SuperOffice</strong> release notes",
      "_gitContribute": {
        "repo": "https://github.com/SuperOfficeDocs/release-notes.git",
        "branch": "main"
      },
      "_disableNextArticle": true,
    },
    "fileMetadata": {
      "_disableToc": {"docs/en/hidden/**": true},
      "_disableBreadcrumb": {"docs/en/hidden/**": true},
      "_disableAffix": {"docs/en/hidden/**.md": true},
      "_noindex": {"docs/*/old/**": true}
    },
    "globalMetadataFiles": [],
    "fileMetadataFiles": [],
    "template": [
      "default"
    ],
    "postProcessors": [],
    "markdownEngineName": "markdig",
    "noLangKeyword": false,
    "keepFileLink": false,
    "cleanupCacheHistory": false,
    "disableGitFeatures": false
  }
}"""

ARTICLE = "# {title}\n\nText.\n\n## First part\n\nMore.\n\n## Second part\n\nEnd.\n"

RELEASE_FILES = {
    "conf.py": MINIMAL_CONF,
    "docfx.json": RELEASE_NOTES_JSON,
    "common/icons/gear.svg": "<svg/>",
    "docs/en/index.md": "# Release notes\n\n[Release 1](2024/r1.md)\n",
    "docs/en/toc.yml": (
        "- name: Release notes\n  href: index.md\n"
        "- name: 2024\n  items:\n  - name: Release 1\n    href: 2024/r1.md\n"
        "  - name: Hidden\n    href: Hidden/page.md\n  - name: Old\n    href: old/x.md\n"
    ),
    "docs/en/2024/r1.md": ARTICLE.format(title="Release 1"),
    "docs/en/Hidden/page.md": ARTICLE.format(title="Hidden page"),
    "docs/en/old/x.md": ARTICLE.format(title="Old"),
    "docs/en/includes/shared.md": "Shared text.\n",
    "docs/en/drafts/wip.md": "# Work in progress\n",
    "docs/en/.attic/x.md": "# Not a page for DocFX\n",
    "docs/en/media/logo.svg": "<svg/>",
    "docs/en/media/favicon.ico": b"\0\0\1\0",
    "docs/no/index.md": "# Utgivelsesnotater\n\n> [!NOTE]\n> Merk.\n",
    "docs/no/toc.yml": "- name: Utgivelsesnotater\n  href: index.md\n",
}


@pytest.fixture(scope="module")
def release_en(build_project: Any) -> Any:
    return build_project(None, files=RELEASE_FILES, conf=None, tree="docs/en", confdir=".")


def test_release_notes_pages_and_urls(release_en: Any) -> None:
    build = release_en
    # the pages DocFX builds: brace globs, excludes, no dot folder, includes left out
    assert build.env.found_docs == {"index", "2024/r1", "Hidden/page", "old/x"}
    # DocFX writes docs/en/2024/r1.md to _site/en/2024/r1.html; this tree is built into
    # <site>/en, so the URL below the site is the same
    for page in ("index.html", "2024/r1.html", "Hidden/page.html", "old/x.html"):
        assert (build.outdir / page).is_file(), page
    # resources: DocFX's dest, relative to this build's place (en/)
    assert (build.outdir / "media" / "logo.svg").is_file()
    assert (build.outdir / "media" / "icons" / "gear.svg").read_text() == "<svg/>"
    assert build.warnings == []


def test_release_notes_app_keys_in_the_html(release_en: Any) -> None:
    index = release_en.html("index.html")
    page = release_en.html("2024/r1.html")
    # _appTitle: the <title> suffix; _appName: the header (and the project's name)
    assert "<title>Release notes &#8212; Release notes</title>" in index
    assert "<title>Release 1 &#8212; Release notes</title>" in page
    assert _text(page, "so-product") == "SuperOffice"
    assert release_en.config.project == "SuperOffice"
    # _appLogoPath and _appFaviconPath: paths in DocFX's output, from this page
    assert '<img class="so-logo" src="../media/logo.svg"' in page
    assert '<link rel="icon" href="../media/favicon.ico"/>' in page
    # _appFooter (HTML)
    assert "<strong>SuperOffice</strong> release notes" in page
    # _gitContribute: DocFX's GitHub "improve this doc" URL
    assert (
        'href="https://github.com/SuperOfficeDocs/release-notes/blob/main/docs/en/2024/r1.md"'
        in page
    )
    # _disableNextArticle (global): no previous/next
    assert "so-prevnext" not in page and "so-prevnext" not in index


def test_release_notes_disable_keys_per_file(release_en: Any) -> None:
    shown = release_en.html("2024/r1.html")
    hidden = release_en.html("Hidden/page.html")  # fileMetadata globs are case-insensitive
    for marker in ('class="so-sidebar"', 'class="so-breadcrumbs"', 'class="so-toc"'):
        assert marker in shown
        assert marker not in hidden
    assert "so-no-nav" in hidden


def test_noindex_is_page_metadata(release_en: Any) -> None:
    # what the robots meta reads: superoffice_metadata["_noindex"] (page_metadata outside
    # a page context)
    assert is_true(page_metadata(release_en.env, "old/x").get("_noindex"))
    assert "_noindex" not in page_metadata(release_en.env, "2024/r1")


def test_minimal_conf_finds_languages(release_en: Any) -> None:
    # docs/en and docs/no: the switcher, with the language from the folder's name
    page = release_en.html("2024/r1.html")
    assert release_en.config.language == "en"
    assert release_en.config.superoffice_languages == {"en": "../en", "no": "../no"}
    assert 'hreflang="nb"' in page and 'class="so-lang"' in page


def test_norwegian_tree_without_language_setting(build_project: Any) -> None:
    build = build_project(None, files=RELEASE_FILES, conf=None, tree="docs/no", confdir=".")
    index = build.html("index.html")
    assert build.config.language == "nb"  # DocFX's `no`, without -D language=no
    assert '<html lang="nb"' in index
    assert "Gå til hovedinnholdet" in index  # the theme's label
    assert "Merknad" in index  # Sphinx's own admonition title, from its nb catalog
    assert build.env.found_docs == {"index"}
    assert _text(index, "so-product") == "SuperOffice"


def test_front_matter_keys_per_page(build_project: Any) -> None:
    # without a docfx.json, and over it: front matter is a page's own metadata
    files = {
        "conf.py": MINIMAL_CONF,
        "docfx.json": json.dumps(
            {
                "build": {
                    "content": ["**.md"],
                    "globalMetadata": {
                        "_noindex": True,
                        "_gitContribute": {"repo": "git@github.com:org/repo.git"},
                    },
                }
            }
        ),
        "toc.yml": "- name: A\n  href: a.md\n- name: B\n  href: b.md\n",
        "a.md": (
            "---\n_disableToc: true\n_disableBreadcrumb: true\n"
            "_disableContribution: true\n---\n" + ARTICLE.format(title="A")
        ),
        "b.md": "---\n_noindex: false\nROBOTS: NOINDEX, NOFOLLOW\n---\n"
        + ARTICLE.format(title="B"),
    }
    seen: dict[str, Any] = {}

    def hook(app: Any, pagename: str, templatename: str, context: Any, doctree: Any) -> None:
        seen[pagename] = context.get("superoffice_metadata")  # another module, priority 500

    build = build_project(None, files=files, conf=None, events={"html-page-context": hook})
    assert seen["b"]["ROBOTS"] == "NOINDEX, NOFOLLOW" and seen["a"]["_noindex"] is True
    a, b = build.html("a.html"), build.html("b.html")
    assert 'class="so-sidebar"' not in a and 'class="so-breadcrumbs"' not in a
    assert 'class="so-sidebar"' in b and 'class="so-breadcrumbs"' in b
    # _gitContribute (an SSH remote) and _disableContribution
    assert 'href="https://github.com/org/repo/blob/main/b.md"' in b
    assert 'class="so-edit"' not in a
    assert page_metadata(build.env, "a")["_noindex"] is True  # docfx.json, typed
    assert not is_true(page_metadata(build.env, "b")["_noindex"])  # front matter wins
    assert page_metadata(build.env, "b")["ROBOTS"] == "NOINDEX, NOFOLLOW"
    assert page_metadata(build.env, "search")["_noindex"] is True  # pages without source


def test_metadata_files_inside_the_root_only(build_project: Any, tmp_path: Any) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text('{"_appName": "Stolen"}')
    files = {
        "conf.py": MINIMAL_CONF,
        "docfx.json": json.dumps(
            {
                "build": {
                    "content": "**.md",
                    "globalMetadata": {"_appName": "Inline", "_appFooter": "inline footer"},
                    "globalMetadataFiles": ["meta/first.json", "meta/second.json", str(outside)],
                    "fileMetadataFiles": "meta/files.json",
                }
            },
            indent=1,
        ),
        "meta/first.json": '{"_appName": "First"}',
        "meta/second.json": '{"_appName": "Second", "_appFooter": "second footer"}',
        "meta/files.json": '{"_disableAffix": {"guide/**": true}}',
        "index.md": ARTICLE.format(title="Home"),
        "guide/page.md": ARTICLE.format(title="Guide"),
        "toc.yml": "- name: Home\n  href: index.md\n- name: Guide\n  href: guide/page.md\n",
    }
    build = build_project(None, files=files, conf=None)
    index = build.html("index.html")
    # globalMetadataFiles win over globalMetadata, the first listed over later ones
    assert _text(index, "so-product") == "First"
    assert "second footer" in index
    assert 'class="so-toc"' in index
    assert 'class="so-toc"' not in build.html("guide/page.html")
    (warning,) = build.warnings
    assert "outside.json" in warning and "outside the project root" in warning
    lines = files["docfx.json"].splitlines()
    line = 1 + next(i for i, text in enumerate(lines) if "outside.json" in text)
    assert f"docfx.json:{line}:" in warning  # the line that names it


def test_dest_that_cannot_match_warns_at_dest(build_project: Any) -> None:
    files = {
        "conf.py": MINIMAL_CONF,
        "docfx.json": (
            '{"build": {"content": [\n'
            '  {"src": "articles", "files": "**.md",\n'
            '   "dest": "help"}\n'
            "]}}"
        ),
        "articles/index.md": "# Home\n",
        "other/page.md": "# Not selected\n",
        "toc.yml": "- name: Home\n  href: articles/index.md\n",
    }
    build = build_project(None, files=files, conf=None)
    (warning,) = build.warnings
    assert "docfx.json:3:" in warning and "'help'" in warning and "docfx_json" in warning
    # the item's pages are built (at their own paths), nothing else
    assert build.env.found_docs == {"articles/index"}


@pytest.mark.parametrize(
    "conf_line", ['superoffice_root = "."\n', 'superoffice_docfx_json = "none"\n']
)
def test_docfx_json_not_looked_for(build_project: Any, conf_line: str) -> None:
    # above a docset root that conf.py sets, or with "none", no docfx.json is read
    files = {**RELEASE_FILES, "conf.py": MINIMAL_CONF + conf_line}
    build = build_project(None, files=files, conf=None, tree="docs/en", confdir=".")
    assert "drafts/wip" in build.env.found_docs  # not excluded by the docfx.json
    assert build.config.project != "SuperOffice"
    assert not [w for w in build.warnings if "docfx_json" in w]


def test_markdown_engine_alerts(build_project: Any) -> None:
    # markdownEngineProperties.alerts: DocFX's custom alert markers (marker -> CSS class)
    files = {
        "conf.py": MINIMAL_CONF,
        "docfx.json": (
            '{"build": {"content": "**.md", "markdownEngineProperties": '
            '{"alerts": {"TODO": "alert alert-secondary"}}}}'
        ),
        "index.md": "# Home\n\n> [!TODO]\n> Write this.\n",
    }
    build = build_project(None, files=files, conf=None)
    html = build.html("index.html")
    assert "[!TODO]" not in html
    assert re.search(r'<div class="admonition[^"]*todo[^"]*">', html), html
    assert build.warnings == []


def test_readme_conf_without_docfx_json(build_project: Any) -> None:
    # the README's conf.py: no docfx.json, no language, no superoffice_languages
    files = {
        "conf.py": MINIMAL_CONF + 'superoffice_root = "../.."\n',
        "docs/en/index.md": "# Home\n",
        "docs/no/index.md": "# Hjem\n\n> [!TIP]\n> Tips.\n",
        "docs/media/x.png": b"",  # not a language folder
    }
    build = build_project(None, files=files, conf=None, tree="docs/no", confdir=".")
    index = build.html("index.html")
    assert build.config.language == "nb"
    assert build.config.superoffice_languages == {"en": "../en", "no": "../no"}
    assert 'hreflang="en" href="../en/index.html"' in index
    assert "Gå til hovedinnholdet" in index and "Tips" in index
    assert "Project name not set" not in index
    assert build.warnings == []


#: SuperOfficeDocs/superoffice-docs docfx.json (the repository root), as published (less
#: its trailing spaces)
SUPEROFFICE_ROOT_JSON = """{
  "build": {
    "content": [
      {
        "files": [
          "**/*.{md,yml}",
          "*.{md,yml}"
        ],
        "exclude": [
          "samples/**/*.*",
          "**/includes/**",
          "**/util/**",
          "***/contributing.md",
          "**/tmp/**",
          "assets/**/*.*"
        ]
      }
    ],
    "resource": [
      {
        "files": [
          "images/**",
          "**/*.png",
          "**/*.svg",
          "**/*.jpg",
          "**/*.gif",
          "**/*.bmp"
        ]
      }
    ],
    "dest": "_site",
    "globalMetadata": {

    },
    "globalMetadataFiles": [],
    "fileMetadataFiles": [],
    "template": [
      "default"
    ],
    "postProcessors": [],
    "markdownEngineName": "markdig",
    "noLangKeyword": false,
    "keepFileLink": false,
    "cleanupCacheHistory": false,
    "disableGitFeatures": false
  }
}"""


def test_repository_root_docfx_json(build_project: Any) -> None:
    files = {
        "conf.py": MINIMAL_CONF,
        "docfx.json": SUPEROFFICE_ROOT_JSON,
        "docs/en/index.md": "# Home\n\n![Logo](media/logo.png)\n",
        "docs/en/learn/Contributing.md": "# Left out (***/contributing.md, any case)\n",
        "docs/en/tmp/x.md": "# Left out\n",
        "docs/en/learn/util/y.md": "# Left out\n",
        "docs/en/learn/page.md": "# Page\n",
        "docs/en/media/logo.png": b"\x89PNG",
        "docs/en/media/unused.svg": "<svg/>",
        "docs/en/toc.yml": "- name: Home\n  href: index.md\n- name: Page\n  href: learn/page.md\n",
        "docs/no/index.md": "# Hjem\n",
    }
    build = build_project(None, files=files, conf=None, tree="docs/en", confdir=".")
    # DocFX writes docs/en/learn/page.md to _site/docs/en/learn/page.html
    assert build.env.found_docs == {"index", "learn/page"}
    assert (build.outdir / "learn" / "page.html").is_file()
    # every resource is copied, referenced or not, at DocFX's place
    assert (build.outdir / "media" / "unused.svg").read_text() == "<svg/>"
    # no _appName: the repository's folder ("src", "docs" and "en" name no project)
    assert build.config.project == build.srcdir.parents[2].name
    assert build.warnings == []


def test_docfx_json_edit_rebuilds_its_pages(build_project: Any) -> None:
    files = {
        "conf.py": MINIMAL_CONF,
        "docfx.json": '{"build": {"content": "**.md", "fileMetadata": {"_disableAffix": {}}}}',
        "index.md": ARTICLE.format(title="Home"),
    }
    build = build_project(None, files=files, conf=None)
    assert 'class="so-toc"' in build.html("index.html")
    (build.srcdir / "docfx.json").write_text(
        '{"build": {"content": "**.md", "fileMetadata": {"_disableAffix": {"*.md": true}}}}'
    )
    again = build.again()
    assert 'class="so-toc"' not in again.html("index.html")
