"""Published-site basics: sitemap.xml (with hreflang alternates), robots meta, 404 page.

``tests/roots/test-site-published``: an English and a Norwegian tree, published at
``https://docs.example.com/{lang}/``, with a redirect page, a ``_noindex`` page, a
``ROBOTS`` page, a page paired by uid under another name and a page in one language only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from sphinx_superoffice.notfound import site_absolute
from sphinx_superoffice.robots import is_noindex, page_robots
from sphinx_superoffice.sitemap import SitemapEntry, sitemap_xml

from ..toolkit import Build

SCHEMA = Path(__file__).parent / "sitemap" / "sitemap.xsd"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SITE = "https://docs.example.com/"


@pytest.fixture(scope="module")
def trees(build_root: Callable[..., Build]) -> dict[str, Build]:
    en = build_root("test-site-published", tree="en", confdir=".")
    no = en.again(tree="no")
    return {"en": en, "no": no}


def parse_sitemap(site: Build) -> etree._ElementTree:
    tree = etree.parse(str(Path(site.outdir) / "sitemap.xml"))
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(tree), schema.error_log
    return tree


def urls(tree: etree._ElementTree) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for url in tree.getroot().findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc is not None and loc not in found, f"{loc} listed twice"
        found[loc] = [(a.get("hreflang"), a.get("href")) for a in url.findall("x:link", NS)]
    return found


def test_builds_without_warnings(trees: dict[str, Build]) -> None:
    assert trees["en"].warnings == []
    assert trees["no"].warnings == []


def test_sitemap_lists_every_page_once_with_its_alternates(trees: dict[str, Build]) -> None:
    en = urls(parse_sitemap(trees["en"]))
    home = [("en", SITE + "en/index.html"), ("nb", SITE + "no/index.html")]
    deep = [("en", SITE + "en/a/b/deep.html"), ("nb", SITE + "no/a/b/deep.html")]
    renamed = [("en", SITE + "en/a/other-name.html"), ("nb", SITE + "no/a/renamed.html")]
    assert en == {
        SITE + "en/a/b/deep.html": deep,
        SITE + "en/a/only.html": [],  # no Norwegian page: no alternates
        SITE + "en/a/other-name.html": renamed,  # paired by uid
        SITE + "en/index.html": home,
    }  # not the redirect page, not the noindex page, not search/genindex/404
    no = urls(parse_sitemap(trees["no"]))
    assert no == {
        SITE + "no/a/b/deep.html": deep,
        SITE + "no/a/renamed.html": renamed,
        SITE + "no/index.html": home,
    }
    # every page of the build but the left-out ones is there
    written = {
        p.relative_to(trees["en"].outdir).as_posix()
        for p in Path(trees["en"].outdir).rglob("*.html")
        if not p.relative_to(trees["en"].outdir).parts[0].startswith("_")
    }
    left_out = {"a/b/old.html", "a/b/noindex.html", "search.html", "genindex.html", "404.html"}
    assert {SITE + "en/" + p for p in written - left_out} == set(en)


def test_no_sitemap_without_a_site_address(build_project: Callable[..., Build]) -> None:
    site = build_project("# Page\n")
    assert not (Path(site.outdir) / "sitemap.xml").exists()
    assert site.warnings == []
    based = build_project("# Page\n", conf='html_baseurl = "https://h.example/docs"\n')
    assert urls(parse_sitemap(based)) == {"https://h.example/docs/index.html": []}
    off = build_project(
        "# Page\n", conf='html_baseurl = "https://h.example/"\nsuperoffice_sitemap = False\n'
    )
    assert not (Path(off.outdir) / "sitemap.xml").exists()


@pytest.mark.corpus
def test_corpus_sitemap(corpus_no: Build) -> None:
    """The real Norwegian tree (with the English one as its other language): every page
    but redirects once, valid, with the English counterparts as alternates."""
    found = urls(parse_sitemap(corpus_no))
    env = corpus_no.env
    pages = {d for d in env.all_docs if not env.metadata[d].get("redirect_url")}
    assert len(found) == len(pages) > 400
    root = "https://docs.superoffice.com/no/"
    assert set(found) == {root + corpus_no.builder.get_target_uri(d) for d in pages}
    paired = [alternates for alternates in found.values() if alternates]
    assert len(paired) > 0.9 * len(found)
    for alternates in paired:
        assert [lang for lang, _href in alternates] == ["nb", "en"]
        assert all(href.startswith("https://docs.superoffice.com/") for _l, href in alternates)


def test_sitemap_xml_escapes() -> None:
    text = sitemap_xml([SitemapEntry("https://h.example/a?b=1&c=2", (("en", "https://h/x&y"),))])
    assert "<loc>https://h.example/a?b=1&amp;c=2</loc>" in text
    assert 'href="https://h/x&amp;y"' in text


@pytest.mark.parametrize(
    ("meta", "directive", "noindex"),
    [
        ({}, None, False),
        ({"_noindex": "True"}, "noindex", True),
        ({"noindex": "yes"}, "noindex", True),
        ({"_noindex": "false"}, None, False),
        ({"ROBOTS": "NOINDEX, NOFOLLOW"}, "NOINDEX, NOFOLLOW", True),
        ({"ROBOTS": "NOFOLLOW"}, "NOFOLLOW", False),
        ({"ROBOTS": "NOFOLLOW", "_noindex": "true"}, "noindex, NOFOLLOW", True),
        ({"ROBOTS": "none"}, "none", True),
        ({"ROBOTS": '"><script>'}, None, False),  # not a directive: ignored
    ],
)
def test_page_robots(meta: dict[str, str], directive: str | None, noindex: bool) -> None:
    assert page_robots(meta) == directive
    assert is_noindex(meta) is noindex


def test_robots_meta_and_search(trees: dict[str, Build]) -> None:
    robots = re.compile(r'<meta name="robots" content="([^"]*)" />')
    assert robots.findall(trees["en"].html("a/b/noindex.html")) == ["noindex"]
    assert robots.findall(trees["no"].html("a/b/noindex.html")) == ["NOINDEX, NOFOLLOW"]
    assert robots.findall(trees["en"].html("a/b/deep.html")) == []
    assert '<meta name="robots" content="noindex">' in trees["en"].html("a/b/old.html")
    # DocFX keeps _noindex pages out of its search; ROBOTS alone does not
    # (Sphinx lists a nosearch page with no title and no words)
    assert '"Hidden"' not in (Path(trees["en"].outdir) / "searchindex.js").read_text()
    assert '"Skjult"' in (Path(trees["no"].outdir) / "searchindex.js").read_text()


def test_404_page_links_are_site_absolute(trees: dict[str, Build]) -> None:
    page = trees["no"].html("404.html")
    assert '<meta name="robots" content="noindex" />' in page
    assert "hreflang=" not in page.split("</head>")[0]
    assert "<h1>Finner ikke siden</h1>" in page
    assert 'data-content_root="/no/"' in page
    links = re.findall(r'\s(?:href|src|action)="([^"]*)"', page)
    relative = [u for u in links if not u.startswith(("/", "#", "https:", "http:", "data:"))]
    assert relative == []
    assert '<a href="/no/index.html">' in page and "/no/search.html" in page
    assert "/no/_static/superoffice.css?v=" in page and "/en/index.html" in page


def test_site_absolute() -> None:
    text = (
        '<a href="a/b.html#x">x</a> <a href="#top">t</a> <img src="_static/i.png"/>'
        ' <a href="https://h/">h</a> <a href="/r">r</a> <html data-content_root="./">'
        ' <a href=\'../up.html\'>u</a> <a href="mailto:a@b">m</a> <a href="?q=1&amp;x">q</a>'
    )
    assert site_absolute(text, "/no/") == (
        '<a href="/no/a/b.html#x">x</a> <a href="#top">t</a> <img src="/no/_static/i.png"/>'
        ' <a href="https://h/">h</a> <a href="/r">r</a> <html data-content_root="/no/">'
        " <a href='/up.html'>u</a> <a href=\"mailto:a@b\">m</a>"
        ' <a href="/no/?q=1&amp;x">q</a>'
    )
