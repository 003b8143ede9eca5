"""The site index (``siteindex``), without Sphinx: listings, lookups, heads, uids."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from sphinx_superoffice import siteindex
from sphinx_superoffice.siteindex import FileTree, SiteIndex, read_front_matter
from tests.toolkit import write_files


def make_tree(base: Path, files: dict[str, str | bytes]) -> Path:
    write_files(base, dict(files))
    return base


TREE: dict[str, str | bytes] = {
    "docs/no/index.md": "---\nuid: home\ntitle: Hjem\n---\n# Hjem\n",
    "docs/no/toc.yml": "- name: Hjem\n  href: index.md\n",
    "docs/no/Learn/Intro.md": "---\nuid: learn-intro # the first page\n---\n# Intro\n",
    "docs/no/Learn/TOC.yml": "- name: Intro\n  href: Intro.md\n",
    "docs/no/Learn/index.yml": "### YamlMime:Landing\ntitle: Learn\n",
    "docs/no/Learn/data.yml": "key: value\n",
    "docs/no/.hidden/toc.yml": "- name: Hidden\n",
    "docs/no/_private/page.md": "---\nuid: private\n---\n",
    "docs/no/_build/html/out.md": "---\nuid: built\n---\n",
    "docs/no/dup-a.md": "---\nuid: shared\n---\n",
    "docs/no/dup-b.md": "---\nuid: shared\n---\n",
    "docs/en/index.md": "---\nuid: home-en\n---\n# Home\n",
    "docs/media/logo.png": b"\x89PNG",
}


@pytest.fixture
def site(tmp_path: Path) -> SiteIndex:
    make_tree(tmp_path, TREE)
    no = tmp_path / "docs" / "no"
    return SiteIndex(no, no / "..", skip=[no / "_build"])


def test_walk_is_sorted_pre_order_and_skips_the_build(site: SiteIndex) -> None:
    assert [rel for rel, _ in site.folders()] == [
        "",
        ".hidden",
        "Learn",
        "_private",
    ]
    listing = dict(site.folders())["Learn"]
    assert listing.files == ("Intro.md", "TOC.yml", "data.yml", "index.yml")


def test_exact_and_case_insensitive_lookups(site: SiteIndex) -> None:
    files = site.files
    assert files.find("learn/intro.md") == ("Learn/Intro.md", True)
    assert files.find("Learn/Intro.md") == ("Learn/Intro.md", False)
    assert files.find("Learn/../index.md") == ("index.md", False)
    assert files.find("../en/index.md") == (None, False)
    assert files.find("nothing/here.md") == (None, False)
    assert files.is_file("Learn/Intro.md") and not files.is_file("learn/intro.md")
    assert files.is_dir("Learn") and files.is_dir("") and not files.is_dir("Learn/Intro.md")
    assert not files.is_file("../en/index.md")


def test_toc_and_yaml_files(site: SiteIndex) -> None:
    assert site.toc_files() == ["Learn/TOC.yml", "toc.yml"]  # not in .hidden
    assert site.yaml_files() == [  # folder by folder, in walk order
        "toc.yml",
        ".hidden/toc.yml",
        "Learn/TOC.yml",
        "Learn/data.yml",
        "Learn/index.yml",
    ]
    assert site.yaml_mime("Learn/index.yml") == "Landing"
    assert site.yaml_mime("Learn/data.yml") is None
    assert site.yaml_mime("missing.yml") is None


def test_uids(site: SiteIndex, tmp_path: Path) -> None:
    assert site.uids(hidden=False) == {
        "home": "index",
        "learn-intro": "Learn/Intro",  # the comment is YAML's, not the uid's
        "shared": "dup-a",  # the first page in walk order keeps a shared uid
    }
    assert site.uids()["private"] == "_private/page"
    only_learn = site.uids(docname=lambda path: path[:-3] if path.startswith("L") else None)
    assert only_learn == {"learn-intro": "Learn/Intro"}
    assert site.uids(tmp_path / "docs" / "en") == {"home-en": "index"}


def test_one_listing_per_folder(site: SiteIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = os.scandir

    def counting(path: Any) -> Any:
        calls.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(os, "scandir", counting)
    site.folders()
    site.toc_files()
    site.files.find("learn/intro.md")
    site.case_index()
    site.tree_at(site.srcdir / "Learn").find("INTRO.md")
    assert sorted(calls) == sorted(set(calls))


def test_case_index_and_suggestion_tables(site: SiteIndex) -> None:
    index = site.case_index()
    assert index["no/learn/intro.md"] == ["no/Learn/Intro.md"]
    assert index["media"] == ["media"]
    assert not [key for key in index if "_build" in key or ".hidden" in key]
    assert "no/learn/intro.md" in [p.lower() for p in site.by_folder()["no/learn"]]
    assert site.by_name()["index.md"] == ["en/index.md", "no/index.md"]


def test_symbolic_links_to_folders_are_listed_but_not_walked(tmp_path: Path) -> None:
    make_tree(tmp_path, {"src/a.md": "", "elsewhere/b.md": ""})
    (tmp_path / "src" / "link").symlink_to(tmp_path / "elsewhere")
    tree = FileTree(tmp_path / "src")
    assert tree.is_dir("link") and tree.is_file("link/b.md")  # lookups follow it
    assert [rel for rel, _ in tree.walk()] == [""]  # a walk does not


def test_views_share_the_listings(tmp_path: Path) -> None:
    make_tree(tmp_path, {"a/b/c.md": ""})
    tree = FileTree(tmp_path)
    view = tree.view("a")
    assert view.find("B/C.md") == ("b/c.md", True)
    assert "a/b" in tree._listings  # listed once, for both


FRONT_MATTER_FILES: dict[str, str | bytes] = {
    "plain.md": "---\nuid: a\nredirect_from:\n  - /no/old\n  - /no/older\n---\n# A\n",
    "bom.md": "\ufeff---\r\nuid: b\r\n---\r\n".encode(),
    "utf16.md": "\ufeff---\nuid: c\n---\n".encode("utf-16-le"),
    "none.md": "# No front matter\n",
    "unclosed.md": "---\nuid: d\n",
    "malformed.md": "---\nuid: [e\n---\n",
    "list.md": "---\n- a\n---\n",
    "long.md": "---\nuid: f\nlong: " + "x" * 20000 + "\n---\n",
}


@pytest.mark.parametrize("name", sorted(FRONT_MATTER_FILES))
def test_front_matter(tmp_path: Path, name: str, data_regression: Any) -> None:
    make_tree(tmp_path, FRONT_MATTER_FILES)
    head = read_front_matter(tmp_path / name)
    data_regression.check(
        {
            "uid": head.text("uid"),
            "keys": sorted(head.data),
            "uid_line": head.line("uid"),
            "error": bool(head.error),
        }
    )


def test_front_matter_lines(tmp_path: Path) -> None:
    make_tree(tmp_path, FRONT_MATTER_FILES)
    head = read_front_matter(tmp_path / "plain.md")
    assert head.line("redirect_from") == 3
    assert head.item_line("redirect_from", "/no/older") == 5
    assert head.item_line("redirect_from", "/no/missing") == 3
    assert head.item_line("uid", "a") == 2
    assert head.line("missing") is None and head.item_line("missing", "x") is None


def test_uids_of_api_pages(tmp_path: Path) -> None:
    """A ManagedReference page is known by its first item's uid (toc.yml ``uid:`` entries
    reach it); a toc with the ManagedReference header, and other YAML, are not pages."""
    api = tmp_path / "api"
    api.mkdir()
    (api / "N.Cat-2.yml").write_text(
        "### YamlMime:ManagedReference\nitems:\n- uid: 'N.Cat`2'\n  type: Class\n"
        "- uid: N.Cat`2.Age\n  type: Property\n",
        encoding="utf-8",
    )
    (api / "toc.yml").write_text(
        "### YamlMime:ManagedReference\nitems:\n- uid: N.Cat`2\n  name: Cat\n", encoding="utf-8"
    )
    (api / "menu.yml").write_text(
        "### YamlMime:ManagedReference\nitems:\n- name: Cat\n  href: N.Cat-2.yml\n", "utf-8"
    )
    (api / "landing.yml").write_text("### YamlMime:Landing\n- uid: X\n", encoding="utf-8")
    site = SiteIndex(tmp_path, tmp_path)
    assert site.uids() == {"N.Cat`2": "api/N.Cat-2"}


def test_uids_of_another_tree_parse_only_front_matter_that_may_hold_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another tree's uids: a front matter without the word ``uid`` is not parsed; a
    quoted, escaped or complex uid still is, and gives the same uid."""
    other = tmp_path / "docs" / "en"
    other.mkdir(parents=True)
    (tmp_path / "docs" / "no").mkdir()
    pages = {
        "plain.md": "---\nuid: plain-uid\ntitle: A\n---\n# A\n",
        "none.md": "---\ntitle: Nothing to see\nauthor: x\n---\n# B\n",
        "quoted.md": '---\n"uid": quoted-uid\n---\n# C\n',
        "escaped.md": '---\n"\\u0075id": escaped-uid\n---\n# D\n',
        "merged.md": "---\nbase: &b {uid: merged-uid}\n<<: *b\n---\n# E\n",
    }
    for name, text in pages.items():
        (other / name).write_text(text, encoding="utf-8")
    parsed: list[str] = []
    real = siteindex.read_front_matter

    def counting(path: Path) -> siteindex.FrontMatter:
        parsed.append(path.name)
        return real(path)

    monkeypatch.setattr(siteindex, "read_front_matter", counting)
    site = SiteIndex(tmp_path / "docs" / "no", tmp_path)
    assert site.uids(other) == {
        "plain-uid": "plain",
        "quoted-uid": "quoted",
        "escaped-uid": "escaped",
        "merged-uid": "merged",
    }
    assert sorted(parsed) == ["escaped.md", "merged.md", "quoted.md"]
