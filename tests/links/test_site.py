"""A DocFX-style site (``test-links-site``): every link kind, built to HTML and checked.

The Norwegian tree links into the English tree, shared downloads and shared media
outside the language folder, like the SuperOffice corpus.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup

from .conftest import load_checker

CROSS_TREE = {"superoffice_external_trees": {"../en": "../../en/html/"}}


@pytest.fixture(scope="module")
def site(build_root: Any) -> Any:
    """The English tree, then the Norwegian one (which links into it): built once."""
    english = build_root("test-links-site", tree="docs/en")
    return english.again(tree="docs/no", confoverrides=CROSS_TREE)


def soup(app: Any, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")


def link(app: Any, page: str, text: str) -> Any:
    """The <a> (or the unresolved <span>) whose text is ``text``."""
    for element in soup(app, page).select("a, span.unresolved"):
        if element.get_text() == text:
            return element
    raise AssertionError(f"no link {text!r} in {page}")


def href(app: Any, page: str, text: str) -> str | None:
    element = link(app, page, text)
    return element.get("href") if element.name == "a" else None


# --- 1. links to pages, folders, landing pages, downloads -------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("page", "sub/page.html"),
        ("anchored", "sub/page.html#explicit"),
        ("heading", "anchors.html#versjon-20-beta"),
        ("explicit", "anchors.html#buy"),
        ("norwegian", "anchors.html#før-du-begynner"),
        ("folder", "sub/index.html"),
        ("folder index", "sub/index.html"),
        ("landing", "sub/landing.html"),
        ("anchor", "sub/page.html#explicit"),  # reference-style
        ("empty text", "sub/page.html"),
        ("collapsed", "anchors.html#named"),
        ("shortcut", "anchors.html#columns"),
        ("Underside med uid", "sub/page.html"),  # [](sub/page.md): the page title
        ("Kjøpe", "anchors.html#buy"),  # [](anchors.md#buy): the heading's title
    ],
)
def test_page_links(site: Any, text: str, expected: str) -> None:
    assert href(site, "links.html", text) == expected


def test_downloads_are_copied(site: Any) -> None:
    for text, name in [
        ("zip", "file.zip"),
        ("sheet", "table.xlsx"),
        ("pdf", "guide.pdf"),
        ("Click to download", "file.zip"),  # raw <a href=… download>
    ]:
        element = link(site, "links.html", text)
        assert "download" in element["class"]
        target = (site.outdir / element["href"]).resolve()
        assert target.name == name and target.is_file(), text


def test_include_links_resolve_from_the_include(site: Any) -> None:
    # includes/shared.md links ../sub/page.md: relative to the include, not the page
    for page, prefix in [("links.html", "sub/"), ("sub/index.html", "")]:
        section = soup(site, page).find(id="fra-include")
        hrefs = {a.get_text(): a["href"] for a in section.select("a.internal")}
        assert hrefs == {"page": f"{prefix}page.html", "deep": f"{prefix}deep/leaf.html"}
        assert section.find("span", class_="unresolved").get_text() == "broken"


def test_image_outside_the_language_folder(site: Any) -> None:
    img = soup(site, "links.html").find("img", alt="shared")
    assert (site.outdir / img["src"]).is_file()


# --- 6. other trees, 7. case-only matches, unresolvable targets -------------------------


def test_cross_tree_links(site: Any) -> None:
    assert href(site, "links.html", "mobile") == "../../en/html/mobile/app.html"
    assert href(site, "links.html", "mobile anchor") == "../../en/html/mobile/app.html#install"
    assert href(site, "links.html", "not in tree") is None
    assert href(site, "links.html", "outside") is None
    # the other tree's build has no page for these (same conf: .yml is no source,
    # includes are excluded)
    assert href(site, "links.html", "yml in tree") is None
    assert href(site, "links.html", "excluded in tree") is None
    # a file of the other tree is a download of this build
    manual = link(site, "links.html", "manual")
    assert "download" in manual["class"]
    assert (site.outdir / manual["href"]).resolve().name == "manual.pdf"


def test_cross_tree_absolute_base(build_root: Any) -> None:
    app = build_root(
        "test-links-site",
        tree="docs/no",
        confoverrides={"superoffice_external_trees": {"../en": "https://docs.example.com/en/"}},
    )
    assert href(app, "links.html", "mobile") == "https://docs.example.com/en/mobile/app.html"
    # from a page one folder down, an absolute base stays absolute
    assert href(app, "sub/page.html", "back") == "../anchors.html#buy"


def test_case_only_links_resolve(site: Any) -> None:
    assert href(site, "links.html", "upper") == "upper/CasePage.html"
    assert href(site, "links.html", "folder case") == "sub/page.html"
    assert href(site, "anchors.html", "Buy in capitals") == "#buy"


def test_broken_links_degrade_to_text(site: Any) -> None:
    assert href(site, "links.html", "nothing") is None
    assert href(site, "links.html", "no landing") is None
    assert href(site, "links.html", "excluded") is None
    assert href(site, "links.html", "bad anchor") == "sub/page.html"  # the page, no fragment
    assert href(site, "anchors.html", "missing") is None
    assert href(site, "anchors.html", "input name") is None  # name= is no target on <input>


# --- 2, 3. heading slugs and explicit anchors ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("buy", "buy"),
        ("before", "før-du-begynner"),
        ("before again", "før-du-begynner-1"),
        ("percent-encoded", "før-du-begynner"),
        ("æøå", "æ-ø-og-å--hva-nå"),
        ("version", "versjon-20-beta"),
        ("h4", "dypt-nivå-fire"),
        ("h5", "nivå-fem"),
        ("h6", "nivå-seks"),
        ("xref in heading", "hello--dummy"),
        ("named", "named"),
        ("columns", "columns"),
        ("raw div", "raw-div"),  # an id in raw HTML
    ],
)
def test_same_page_anchors(site: Any, text: str, anchor: str) -> None:
    assert href(site, "anchors.html", text) == f"#{anchor}"
    assert soup(site, "anchors.html").find(id=anchor) is not None


def test_explicit_anchor_is_the_heading_id(site: Any) -> None:
    page = soup(site, "anchors.html")
    assert page.find(id="buy").name == "section"
    assert page.find(id="buy").find("h2").get_text().startswith("Kjøpe")
    assert page.find(id="named").name == "section"
    assert page.find(id="columns").name == "span"  # not in a heading: where it stands
    assert href(site, "sub/page.html", "back") == "../anchors.html#buy"


# --- 8. warnings ---------------------------------------------------------------------------


def test_one_warning_per_broken_link(site: Any) -> None:
    warnings = sorted(site.source_warnings)
    prefix = "<site>/docs/no/"
    assert warnings == sorted(
        [
            f"{prefix}includes/shared.md:4: WARNING: link target '../sub/missing.md' not found;"
            " did you mean '../sub/landing.md'? (rendered as text) [superoffice.link_missing]",
            # an include used by two pages: one warning each, at the include's line
            f"{prefix}includes/shared.md:6: WARNING: anchor '#nowhere-anchor' not found on "
            "this page (rendered as text) [superoffice.anchor_missing]",
            f"{prefix}anchors.md:54: WARNING: anchor '#q' not found on this page "
            "(rendered as text) [superoffice.anchor_missing]",
            f"{prefix}links.md:5: WARNING: link target 'sub/nolanding.yml' not found;"
            " did you mean 'sub/landing.yml'? (rendered as text) [superoffice.link_missing]",
            f"{prefix}links.md:11: WARNING: link target 'upper/casepage.md' differs only by "
            "letter case from 'upper/CasePage.md'; linked to it (fix the case: it breaks on "
            "case-sensitive hosts) [superoffice.link_case]",
            f"{prefix}links.md:11: WARNING: link target 'SUB/Page.md' differs only by letter "
            "case from 'sub/page.md'; linked to it (fix the case: it breaks on case-sensitive "
            "hosts) [superoffice.link_case]",
            f"{prefix}links.md:13: WARNING: link target 'sub/nothing.md' not found;"
            " did you mean 'sub/landing.md'? (rendered as text) [superoffice.link_missing]",
            f"{prefix}links.md:13: WARNING: link target 'includes/shared.md' is not a page of "
            "this build (excluded) (rendered as text) [superoffice.link_missing]",
            f"{prefix}links.md:19: WARNING: link target '../en/mobile/gone.md' is not found in "
            "the tree ../en; did you mean '../en/mobile/app.md'? (rendered as text) "
            "[superoffice.link_missing]",
            f"{prefix}links.md:19: WARNING: link target '../../elsewhere/page.md' is outside "
            "the source tree and in no superoffice_external_trees entry (rendered as text) "
            "[superoffice.link_out_of_tree]",
            f"{prefix}links.md:20: WARNING: link target '../en/mobile/index.yml' is not a page "
            "of the tree ../en (rendered as text) [superoffice.link_missing]",
            f"{prefix}links.md:20: WARNING: link target '../en/mobile/includes/frag.md' is not "
            "a page of the tree ../en (rendered as text) [superoffice.link_missing]",
            f"{prefix}anchors.md:43: WARNING: anchor '#BUY' differs only by letter case from "
            "'#buy' on 'anchors'; linked to it [superoffice.link_case]",
            f"{prefix}anchors.md:44: WARNING: anchor '#no-such-anchor' not found on this page "
            "(rendered as text) [superoffice.anchor_missing]",
            f"{prefix}links.md:13: WARNING: anchor '#nope' not found in 'sub/page' "
            "(linked to the page) [superoffice.anchor_missing]",
            # the landing module knows SubCategory and Category pages, not this one
            f"{prefix}sub/landing.yml:1: WARNING: unknown YamlMime 'Landing' in "
            "sub/landing.yml: skipped (not a page) [superoffice.landing]",
            f"{prefix}xrefs.md:16: WARNING: uid not found: 'No.Such.Uid' (rendered as text) "
            "[superoffice.uid_missing]",
            f"{prefix}xrefs.md:16: WARNING: uid not found: 'No.Such.Uid2' (rendered as text) "
            "[superoffice.uid_missing]",
            f"{prefix}xrefs.md:17: WARNING: uid not found: 'nowhere.xx' (rendered as text) "
            "[superoffice.uid_shorthand]",
        ]
    )


def test_warnings_can_be_silenced(build_root: Any) -> None:
    app = build_root(
        "test-links-site",
        tree="docs/no",
        confoverrides={
            **CROSS_TREE,
            "suppress_warnings": ["toc.not_included", "superoffice.link_case"],
        },
    )
    warnings = app.source_warnings
    assert not [w for w in warnings if "link_case" in w]
    assert [w for w in warnings if "link_missing" in w]
    assert href(app, "links.html", "upper") == "upper/CasePage.html"


# --- the site as a whole --------------------------------------------------------------------


def test_no_dead_links(site: Any) -> None:
    checker = load_checker().Checker(site.outdir, site.site / "_build")
    assert dict(checker.check()) == {}
    assert checker.counts["a"] > 60


# --- 4, 5. every xref form, in the built HTML -------------------------------------------------


def _xref_items(app: Any) -> list[tuple[str, str | None, str]]:
    """Per list item of xrefs.html: (its label, the href of its first link or None, its text)."""
    items = []
    for li in soup(app, "xrefs.html").select("div[role=main] ol > li"):
        label, _, rest = li.get_text().partition(": ")
        first = li.find("a")
        items.append((label, first.get("href") if first else None, rest))
    return items


def test_every_xref_form(site: Any) -> None:
    assert _xref_items(site) == [
        ("Autolink", "sub/page.html", "Underside med uid"),
        ("Quoted autolink", "sub/page.html", "Underside med uid"),
        ("Link", "sub/page.html", "the sub page"),
        ("Link with anchor", "sub/page.html#explicit", "explicit anchor"),
        ("Empty link text", "sub/page.html", "Underside med uid"),
        ("Reference definition", "sub/page.html", "by reference"),
        ("Angle-bracket definition", "anchors.html", "by angle"),
        ("Shorthand", "sub/page.html", "Underside med uid."),
        ("Quoted shorthand", "sub/page.html", "Underside med uid"),
        ("HTML", "sub/page.html", "HTML text"),
        ("HTML with inner text", "sub/page.html", "inner"),
        ("Query text", "sub/page.html", "Query text"),
        ("Case-sensitive", "case-a.html", "Upper-case uid and Lower-case uid"),
        ("Missing", None, "No.Such.Uid and named missing"),
        ("Missing shorthand", None, "@nowhere.xx, and e-mail user@example.com"),
        (
            "External map",
            "https://api.example.com/reference/SuperOffice.CRM.Services.IContactAgent.html",
            "IContactAgent",
        ),
        ("Home", "index.html", "Forside"),
        ("MyST role", "sub/page.html", "Underside med uid"),
    ]


def test_uids_differing_only_in_case_do_not_collide(site: Any) -> None:
    item = soup(site, "xrefs.html").select("div[role=main] ol > li")[12]
    assert [a["href"] for a in item.find_all("a")] == ["case-a.html", "case-b.html"]
    domain = site.env.domains["superoffice"]
    assert domain.uids["Case.Uid"] == "case-a" and domain.uids["case.uid"] == "case-b"


def test_cross_tree_links_follow_the_builder(build_root: Any) -> None:
    app = build_root(
        "test-links-site",
        tree="docs/no",
        buildername="dirhtml",
        confoverrides={"superoffice_external_trees": {"../en": "../en/"}},
    )
    page = BeautifulSoup((app.outdir / "links" / "index.html").read_text("utf-8"), "html.parser")
    hrefs = {a.get_text(): a["href"] for a in page.select("a.external")}
    assert hrefs["mobile"] == "../../en/mobile/app/"
    assert hrefs["mobile anchor"] == "../../en/mobile/app/#install"


def test_same_named_images_get_stable_names(site: Any) -> None:
    # anchors.md (read first) shows sub/pic.png, links.md ../media/loc/en/pic.png; the
    # names follow the source paths, not the reading order (which -j N makes random)
    local = soup(site, "anchors.html").find("img", alt="local")["src"]
    shared = soup(site, "links.html").find("img", alt="shared")["src"]
    assert (local, shared) == ("_images/pic1.png", "_images/pic.png")
    assert (site.outdir / local).read_bytes() != (site.outdir / shared).read_bytes()
