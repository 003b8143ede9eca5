"""Reading toc.yml files (``toc/reader.py``) into the model, without Sphinx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sphinx_superoffice.siteindex import SiteIndex
from sphinx_superoffice.sitepaths import SiteFiles
from sphinx_superoffice.toc.model import TocModel, TocNode
from sphinx_superoffice.toc.reader import build_model, is_redirect_stub

from .test_site_index import make_tree

SITE: dict[str, str | bytes] = {
    "toc.yml": """\
- name: Home
  href: index.md
- name: Learn
  href: learn/
- href: guide/toc.yml
- name: By uid
  uid: intro-uid
- name: Case
  href: Learn/Intro.md
- name: Outside
  href: https://example.com/x
- name: Missing
  href: nothing.md
- name: Part
  href: index.md#part
  expanded: true
- name: Old
  href: old.md
  items:
    - name: Under old
      href: under.md
- name: Loop
  href: loop/toc.yml
- not a mapping
- expanded: true
- name: Markdown toc
  href: other/toc.md
- name: Site URL
  href: https://docs.example.com/no/guide/start.html#top
""",
    "learn/toc.yml": "- name: Intro\n  href: intro.md\n- href: intro.md\n",
    "guide/toc.yml": "items:\n  - name: Start\n    topicHref: start.md\n",
    "loop/toc.yml": "- name: Back\n  href: ../loop/toc.yml\n",
    "broken/toc.yml": "- name: [oops\n",
    "index.md": "# Home\n",
    "learn/intro.md": "---\nuid: intro-uid  # the uid of the intro\n---\n# Intro\n",
    "guide/start.md": "# Start\n",
    "old.md": "---\nredirect_url: learn/intro.md\n---\n",
    "under.md": "# Under\n",
}


def dump(nodes: list[TocNode], base: Path) -> list[dict[str, Any]]:
    return [
        {
            "title": node.title,
            "docname": node.docname,
            "anchor": node.anchor,
            "url": node.url,
            "expanded": node.expanded,
            "location": node.location.replace(str(base), "<src>"),
            "children": dump(node.children, base),
        }
        for node in nodes
    ]


def read(
    tmp_path: Path, files: dict[str, str | bytes], root_tocs: list[str] | None = None
) -> tuple[TocModel, list[str]]:
    make_tree(tmp_path, files)
    index = SiteIndex(tmp_path)
    site = SiteFiles(
        tmp_path,
        [".md"],
        "https://docs.example.com/no/",
        lambda doc: index.files.is_file(doc + ".md"),
        tree=index.files,
    )
    problems: list[str] = []

    def report(message: str, subtype: Any, location: str | None) -> None:
        where = (location or "-").replace(str(index.srcdir), "<src>")
        problems.append(f"{where}: {message} [{subtype.value}]")

    model = build_model(
        index,
        site,
        index.toc_files(),
        root_tocs or [],
        "index",
        site.is_file("index.md"),
        lambda doc: is_redirect_stub(index, doc),
        report,
    )
    return model, problems


def test_read_a_site(tmp_path: Path, data_regression: Any) -> None:
    model, problems = read(tmp_path, SITE)
    data_regression.check(
        {
            "nav": dump(model.roots, tmp_path.resolve()),
            "toc_files": model.toc_files,
            "stubs": sorted(model.stubs),
            "problems": problems,
        }
    )


def test_without_a_root_toc_every_unreferenced_toc_is_a_group(tmp_path: Path) -> None:
    files = {k: v for k, v in SITE.items() if k != "toc.yml"}
    model, problems = read(tmp_path, files)
    # loop/toc.yml embeds only itself: a group of its own, and a warning (not dropped)
    assert [node.title for node in model.roots] == ["Broken", "Guide", "Learn", "Loop"]
    assert [child.title for child in model.roots[2].children] == ["Intro", ""]
    assert "<src>/loop/toc.yml:2: circular toc inclusion: loop/toc.yml -> loop/toc.yml [toc]" in (
        problems
    )


def test_configured_root_tocs(tmp_path: Path) -> None:
    model, problems = read(tmp_path, SITE, ["learn/toc.yml", "missing/toc.yml"])
    assert [node.title for node in model.roots] == ["Intro", ""]
    assert problems == ["-: superoffice_toc_root: 'missing/toc.yml' not found [toc]"]


@pytest.mark.parametrize(
    ("front_matter", "stub"),
    [
        ("redirect_url: x.md", True),
        ("redirect_url:", True),
        ("title: x\n# redirect_url: x.md", False),  # a YAML comment, not a key
        ("redirect_url: [x", False),  # malformed: the page reader ignores it too
    ],
)
def test_redirect_stubs_are_read_from_the_front_matter(
    tmp_path: Path, front_matter: str, stub: bool
) -> None:
    make_tree(tmp_path, {"page.md": f"---\n{front_matter}\n---\n# Page\n"})
    assert is_redirect_stub(SiteIndex(tmp_path), "page") is stub
