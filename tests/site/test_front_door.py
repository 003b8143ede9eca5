"""The front door: the home page of a tree without index.md, the header's name and link,
and the titles that breadcrumbs show."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from ..toolkit import CORPUS, Build, Builder

#: the README's conf.py ("Use it in your project"), without project
README_CONF = (
    'extensions = ["sphinx_superoffice"]\nhtml_theme = "superoffice"\nsuperoffice_root = "../.."\n'
)


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def crumbs_of(soup: BeautifulSoup) -> list[str]:
    return [li.get_text(strip=True) for li in soup.select(".so-breadcrumbs li")]


def test_a_tree_without_index_gets_a_home_page(build_root: Any) -> None:
    app = build_root(
        "test-site-toc", confoverrides={"html_theme": "superoffice", "templates_path": []}
    )
    out = Path(app.outdir)
    assert app.config.root_doc == "learn/index"  # the first page of the navigation
    home = soup_of(out / "index.html")
    refresh = home.select_one('meta[http-equiv="refresh"]')
    assert refresh is not None and refresh["content"] == "0; url=learn/index.html"
    assert home.select_one('meta[name="robots"]')["content"] == "noindex"
    assert home.title is not None and home.title.get_text() == "Learn overview"
    # the header's name links the home page from every page (not "#" on the root page)
    for page, href in (("learn/index", "../index.html"), ("sub/page", "../index.html")):
        brand = soup_of(out / f"{page}.html").select_one("a.so-brand")
        assert brand is not None and brand["href"] == href, page
    # the landing page's last breadcrumb is its title, not metadata.title
    landing = soup_of(out / "learn" / "index.html")
    assert crumbs_of(landing)[-1] == "Learn overview"
    assert landing.title is not None and landing.title.get_text().startswith("Learn overview |")


def test_a_tree_with_a_root_page_keeps_it(build_root: Any) -> None:
    app = build_root("test-visual")
    out = Path(app.outdir)
    root = soup_of(out / "index.html")
    assert root.select_one('meta[http-equiv="refresh"]') is None
    assert root.select_one("h1").get_text().startswith("SuperOffice test help")
    assert root.select_one("a.so-brand")["href"] == "#"
    assert soup_of(out / "learn" / "tabs.html").select_one("a.so-brand")["href"] == "../index.html"
    # breadcrumbs and previous/next show display titles (H1, landing title), never a
    # front-matter or metadata.title
    article = soup_of(out / "learn" / "article.html")
    assert crumbs_of(article) == ["Learn", "Images and alerts"]
    assert article.title.get_text().startswith("Images and alerts | SuperOfficeDocs")
    assert article.select_one(".so-prev .so-prevnext-title").get_text() == "SuperOffice test help"
    assert crumbs_of(root) == ["SuperOffice test help"]
    nav = [a.get_text() for a in root.select("#so-sidebar a.so-tree-link")]
    assert "Welcome to the test help | SuperOfficeDocs" not in nav


def test_redirect_from_index_wins_over_the_home_page(build_project: Builder) -> None:
    app = build_project(
        files={
            "toc.yml": "- name: Start\n  href: start.md\n",
            "start.md": "# Start\n",
            "other.md": "---\nredirect_from: index\n---\n# Other\n\n[Start](start.md)\n",
        }
    )
    home = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'url=other.html"' in home


def _readme_tree(
    build_project: Builder,
    files: dict[str, str | bytes | None] | None = None,
    conf: str = "",
    **kwargs: Any,
) -> Build:
    """A docset ``superoffice/docs/no`` with one page (and ``files``) and the README's
    conf.py (and ``conf``) beside it, built."""
    tree = "superoffice/docs/no"
    pages = {"toc.yml": "- name: Start\n  href: start.md\n", "start.md": "# Start\n"}
    pages.update(files or {})
    return build_project(
        tree=tree,
        confdir="conf",
        conf=None,
        files={"conf/conf.py": README_CONF + conf, **{f"{tree}/{k}": v for k, v in pages.items()}},
        **kwargs,
    )


def _product(app: Any, page: str = "start") -> str:
    brand = soup_of(Path(app.outdir) / f"{page}.html").select_one(".so-product")
    assert brand is not None
    return str(brand.get_text())


def test_project_name_from_the_docset_folder(build_project: Builder) -> None:
    """The README's conf.py sets no project: the header names the docset's folder,
    never Sphinx's placeholder."""
    app = _readme_tree(build_project, confoverrides={"language": "no"})
    assert app.config.project == "superoffice"
    assert _product(app) == "superoffice"
    assert "Project name not set" not in (Path(app.outdir) / "start.html").read_text()


def test_project_name_from_docfx_json(build_project: Builder) -> None:
    docfx = {"build": {"globalMetadata": {"_appTitle": "Docs | X", "_appName": "X"}}}
    app = _readme_tree(
        build_project,
        files={"docfx.json": json.dumps(docfx)},
        conf='superoffice_docfx_json = "../superoffice/docs/no/docfx.json"\n',
    )
    assert _product(app) == "X"
    (Path(app.srcdir) / "docfx.json").write_text(
        json.dumps({"build": {"globalMetadata": {"_appTitle": "Docs Y"}}}), encoding="utf-8"
    )
    app = app.again(freshenv=True)
    assert _product(app) == "Docs Y"


def test_project_name_set_by_the_user_wins(build_project: Builder) -> None:
    app = _readme_tree(build_project, confoverrides={"project": "From -D"})
    assert _product(app) == "From -D"
    conf = Path(app.confdir) / "conf.py"
    conf.write_text(README_CONF + 'project = "From conf"\n', encoding="utf-8")
    app = app.again(freshenv=True, confoverrides={})
    assert _product(app) == "From conf"


@pytest.mark.corpus
def test_corpus_landing_with_the_readme_conf(build_project: Builder) -> None:
    """The shared tree's learn/index.yml (the Category page of every language), built with
    the README's conf.py: a real name in the header, "Velkommen" as the last breadcrumb
    (not its metadata.title), and a home page at the root of a tree without index.md."""
    source = CORPUS / "docs" / "no" / "learn" / "index.yml"
    if not source.is_file():
        pytest.skip(f"{source} is not there")
    app = _readme_tree(
        build_project,
        files={
            "start.md": None,
            "learn/index.yml": source.read_bytes(),
            "learn/intro.md": "# Introduksjon\n",
            "toc.yml": "- name: Oversikt\n  href: learn/index.yml\n"
            "- name: Introduksjon\n  href: learn/intro.md\n",
        },
        confoverrides={"language": "no"},
    )
    out = Path(app.outdir)
    landing = soup_of(out / "learn" / "index.html")
    assert landing.select_one(".so-product").get_text() == "superoffice"
    assert crumbs_of(landing)[-1] == "Velkommen"
    assert landing.title.get_text().startswith("Velkommen til Learn | SuperOfficeDocs")
    assert landing.select_one("a.so-brand")["href"] == "../index.html"
    assert re.search(r'url=learn/index\.html"', (out / "index.html").read_text())
