"""Front matter in real builds: title, meta tags, metadata, dates, uids, encodings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def built(build_root):
    return build_root("test-frontmatter")


def test_seed_page_title_meta_and_language(built):
    html = built.html("learn/getting-started/index.html")
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title.startswith("Komme i gang")
    assert html.count("<h1>") == 1  # the front-matter title adds no heading
    assert "Komme i gang med SuperOffice CRM" in html
    assert (
        '<meta content="Finn ut hvordan du aktiverer brukerkontoen din." name="description" />'
        in html
    )
    assert '<meta content="CRM" name="keywords" />' in html
    assert '<meta content="Bergfrid Dias" name="author" />' in html
    assert built.env.metadata["learn/getting-started/index"]["language"] == "no"
    assert '<p id="so-meta">no|concept|concept|starter</p>' in html
    assert '<html lang="nb"' in html  # DocFX's `no` is Sphinx's `nb`


def test_date_is_parsed_for_templates(built):
    html = built.html("learn/getting-started/index.html")
    assert '<p id="so-date">2023-03-07|Tuesday</p>' in html  # MM.DD.YYYY, a real date object
    assert '<p id="so-date">none|</p>' in built.html("bad-date.html")


def test_uid_is_a_reference_target(built):
    html = built.html("index.html")
    assert (
        '<a class="reference internal" href="learn/getting-started/index.html">'
        '<span class="std std-ref">Komme i gang</span></a>'
    ) in html
    assert '<span class="std std-ref">Egen tekst</span>' in html


def test_duplicate_uid_names_both_files(built):
    dup = [w for w in built.warnings if "duplicate_uid" in w]
    assert dup == [
        "<src>/dup-b.md:1: WARNING: duplicate uid 'same-uid': declared by <src>/dup-a.md "
        "and <src>/dup-b.md; links go to the first [superoffice.duplicate_uid]"
    ]


def test_bad_date_warns(built):
    assert [w for w in built.warnings if "superoffice.date" in w] == [
        "<src>/bad-date.md:1: WARNING: cannot parse date: '01.321.2025' with "
        "superoffice_date_formats [superoffice.date]"
    ]


def test_encodings_change_nothing(built):
    assert "Æøå." in built.html("utf16.html")
    assert built.env.metadata["utf16"]["uid"] == "utf16-page"
    assert built.env.metadata["bom"] == {**built.env.metadata["bom"], "title": "Med BOM"}
    assert built.env.metadata["bom"]["language"] == "no"
    crlf = built.html("crlf.html")
    assert built.env.metadata["crlf"]["title"] == "CRLF side"
    assert '<p class="admonition-title">Merknad</p>' in crlf  # localised (nb) title
    assert "\r" not in crlf


def test_no_other_warnings(built):
    assert [
        w for w in built.warnings if "duplicate_uid" not in w and "superoffice.date" not in w
    ] == []


def test_a_page_without_heading_is_titled_by_its_front_matter(rootdir, tmp_path):
    """DocFX titles a page with no heading by its front-matter ``title``: so do the nav,
    the breadcrumbs, the toctree (no ``toc.no_title`` warning), the search and ``<title>``."""
    from sphinx.testing.util import SphinxTestApp

    src = tmp_path / "src"
    (src / "_templates").mkdir(parents=True)
    layout = (rootdir / "test-site-toc" / "_templates" / "layout.html").read_text("utf-8")
    # and Sphinx's global toctree, as most themes draw it
    layout = layout.replace(
        "</ol>{% endblock %}", "</ol>{{ toctree(includehidden=True) }}{% endblock %}"
    )
    (src / "_templates" / "layout.html").write_text(layout, encoding="utf-8")
    (src / "conf.py").write_text(
        'extensions = ["sphinx_superoffice"]\nhtml_theme = "basic"\n'
        'templates_path = ["_templates"]\n',
        encoding="utf-8",
    )
    (src / "toc.yml").write_text(
        "items:\n- name: Home\n  href: index.md\n  items:\n  - href: form.md\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    (src / "form.md").write_text(
        "---\ntitle: Order form\n---\n\n<form>An embedded form.</form>\n", encoding="utf-8"
    )
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "build")
    try:
        app.build()
        warnings = app.warning.getvalue()
    finally:
        app.cleanup()
    out = Path(app.outdir)
    assert "doesn't have a title" not in warnings
    assert app.env.titles["form"].astext() == "Order form"
    form = (out / "form.html").read_text(encoding="utf-8")
    assert re.search(r"<title>Order form\b", form)
    assert form.count("<h1") == 0  # still no heading added
    nav = re.search(r'<nav id="so-nav">(.*?)</nav>', form).group(1)
    assert '<li class="current trail "><a href="form.html">Order form</a>' in nav
    crumbs = re.search(r'<ol id="so-crumbs">(.*?)</ol>', form).group(1)
    assert "Order form" in crumbs
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a class="reference internal" href="form.html">Order form</a>' in index
    assert '"Order form"' in (out / "searchindex.js").read_text(encoding="utf-8")
