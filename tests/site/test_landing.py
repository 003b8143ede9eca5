"""YAML landing pages: YamlMime SubCategory / Category → sphinx-design pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..toolkit import doctree_text


def test_subcategory_page(build_root: Any) -> None:
    app = build_root("test-site-toc")
    env = app.env
    # only landing pages are documents: toc.yml, unknown mimes and plain YAML are not
    assert {"learn/index", "sub/hub"} <= env.found_docs
    assert not {"learn/toc", "sub/toc", "sub/bad", "sub/data"} & env.found_docs
    assert env.metadata["learn/index"]["layout"] == "landing"
    assert env.metadata["learn/index"]["description"] == "The landing page of the test site."
    assert env.metadata["learn/index"]["language"] == "no"  # not False (YAML 1.1)
    assert env.titles["learn/index"].astext() == "Learn overview"

    html = (Path(app.outdir) / "learn" / "index.html").read_text()
    assert "<h1>Learn overview" in html
    assert '<p class="so-landing-summary">Everything about the test site.</p>' in html
    assert html.count('class="sd-card sd-sphinx-override') == 2
    assert '<meta content="The landing page of the test site." name="description" />' in html
    # link lists with itemType icons and typeDesc labels
    assert '<span class="so-icon so-icon-school" aria-hidden="true"></span>' in html
    assert '<span class="so-landing-type-label">How-to guide</span>' in html
    # links resolve like Markdown links: page, page#anchor, .yml page, folder index
    hrefs = re.findall(r'<a class="reference [^"]*" href="([^"]+)"', html)
    assert "intro.html" in hrefs
    assert "group-b.html#anchor" in hrefs
    assert "../sub/hub.html" in hrefs
    assert "../sub/index.html" in hrefs
    assert "https://www.youtube.com/watch?v=abc" in hrefs
    # the dead link is text, with one warning at its line
    assert '<span class="so-dead-link">Dead link</span>' in html
    assert "nowhere" not in " ".join(hrefs)
    dead = [w for w in app.warnings if "nowhere.md" in w]
    assert len(dead) == 1
    assert "learn/index.yml:37" in dead[0] and "[superoffice.landing]" in dead[0]

    unknown = [w for w in app.warnings if "YamlMime" in w]
    assert len(unknown) == 1 and "'Weird'" in unknown[0] and "sub/bad.yml" in unknown[0]


def test_category_page(build_root: Any) -> None:
    app = build_root("test-site-toc")
    html = (Path(app.outdir) / "sub" / "hub.html").read_text()
    assert "<h1>Hub" in html
    # highlighted cards (clickable), conceptual cards, additional sections, footer
    assert html.count("so-landing-highlight") == 2
    assert '<a class="reference internal" href="../learn/intro.html">' in html
    assert '<h2>Concepts<a class="headerlink"' in html
    assert '<h2>Additional<a class="headerlink"' in html
    assert '<a class="reference external" href="https://example.com/extra">External</a>' in html
    assert '<p class="so-landing-footer">Footer text.</p>' in html
    assert '<span class="so-icon so-icon-explore" aria-hidden="true"></span>' in html
    # a missing card image whose file name names no glyph: one warning, no icon
    card = html.split("Missing image card")[0].rsplit("so-landing-highlight", 1)[1]
    assert "so-icon" not in card and "<img" not in card
    missing = [w for w in app.warnings if "/media/none.png" in w]
    assert len(missing) == 1 and "sub/hub.yml:16" in missing[0]


def test_landing_doctree(build_root: Any, file_regression: Any) -> None:
    app = build_root("test-site-toc")
    doctree = app.env.get_doctree("learn/index")
    doctree["source"] = "learn/index.yml"
    file_regression.check(doctree_text(doctree), extension=".xml")


def test_labels_are_translated(build_root: Any) -> None:
    app = build_root("test-site-toc", confoverrides={"language": "nb_NO"})
    html = (Path(app.outdir) / "learn" / "index.html").read_text()
    assert '<span class="so-landing-type-label">Veiledning</span>' in html
    assert '<span class="so-landing-type-label">Lær</span>' in html


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)

ICONS_PAGE = """### YamlMime:Category
title: Icons
highlightedContent:
  items:
    - title: Real image
      itemType: media/real.png
      isImage: "true"
      url: other.md
    - title: Calendar card
      itemType: /media/common/calendar.png
      isImage: "true"
      url: other.md
    - title: Nothing card
      itemType: /media/common/nothing.png
      isImage: "true"
      url: other.md
conceptualContent:
  items:
    - title: Links
      links:
{links}
"""


def test_landing_icons(build_project: Any) -> None:
    """Every hub-page name is a glyph; a missing image shows the glyph its file name
    names, or nothing; an unknown name is hidden and warned once (also with -j 2)."""
    from sphinx_superoffice.landing_icons import HUB_ICONS

    names = [*sorted(HUB_ICONS), "bogus", "not a name"]
    links = "\n".join(
        f"      - text: Link {n}\n        itemType: {n}\n        url: other.md" for n in names
    )
    page = ICONS_PAGE.format(links=links)
    app = build_project(
        "# Home\n",
        tree="icons",
        conf='suppress_warnings = ["superoffice.toc_not_included"]\n',
        files={
            "icons/media/real.png": PNG,
            "icons/other.md": "# Other\n",
            # enough pages for Sphinx to read in parallel
            **{f"icons/page{i}.yml": page for i in range(6)},
        },
        parallel=2,
    )
    warnings = app.warnings
    unknown = [w for w in warnings if "landing icon" in w]
    assert len(unknown) == 2, unknown
    assert "page0.yml:" in unknown[0] and "'bogus' has no glyph: hidden (6 uses)" in unknown[0]
    assert "'not-a-name' has no glyph" in unknown[1] and "[superoffice.landing]" in unknown[1]
    missing = [w for w in warnings if "landing image" in w]
    assert len(missing) == 12  # two missing images on each page: the same warnings as before

    html = (Path(app.outdir) / "page0.html").read_text(encoding="utf-8")
    for name in [*HUB_ICONS, "bogus", "not-a-name"]:
        assert f'<span class="so-icon so-icon-{name}" aria-hidden="true"></span>' in html
    cards = html.split("so-landing-highlight")[1:]
    assert "<img" in cards[0] and "so-icon" not in cards[0]
    assert '<span class="so-icon so-icon-calendar" aria-hidden="true"></span>' in cards[1]
    assert "so-icon" not in cards[2].split("Nothing card")[0]
    css = (Path(app.outdir) / "_static" / "superoffice-dfm.css").read_text(encoding="utf-8")
    assert ".so-icon-list, .so-icon-list-bullets { --i: url(" in css


SHAPES_PAGE = """\
### YamlMime:SubCategory
title: Shapes
landingContent: 42
"""

SHAPES_CARDS = """\
### YamlMime:SubCategory
title: Cards
landingContent:
  - just text
  - title: Card
    linkLists: a list? no
  - title: Learn
    linkLists:
      - linkListType: overview
        links:
          - text: Overview link
            url: other.md
      - linkListType: sample
        links:
          - text: Sample link
            url: other.md
      - links:
          - text: Untyped link
            url: other.md
          - plain text
"""

SHAPES_CATEGORY = """\
### YamlMime:Category
title: Category shapes
highlightedContent: [a, b]
conceptualContent:
  title: Concepts
  items: 7
additionalContent:
  sections: none
"""


def test_wrong_shapes_warn_at_their_line(build_project: Any) -> None:
    """``landingContent: 42`` and its kin warn at file:line instead of an empty page;
    Learn's ``linkListType`` draws its icon and label (an unknown one: label + warning);
    a link list without a type has no empty paragraph."""
    app = build_project(
        "# Home\n",
        conf='suppress_warnings = ["superoffice.toc_not_included"]\n',
        files={
            "shapes.yml": SHAPES_PAGE,
            "cards.yml": SHAPES_CARDS,
            "category.yml": SHAPES_CATEGORY,
            "other.md": "# Other\n",
        },
    )
    warnings = [w for w in app.warnings if "[superoffice.landing]" in w]
    expected = [
        ("shapes.yml:3", "'landingContent' must be a list of cards, not text '42'"),
        ("cards.yml:4", "an entry of 'landingContent' must be a mapping, not text 'just text'"),
        ("cards.yml:6", "'linkLists' must be a list of link lists, not text"),
        ("cards.yml:13", "linkListType 'sample' is not one of architecture, concept"),
        ("cards.yml:20", "an entry of 'links' must be a mapping, not text 'plain text'"),
        ("category.yml:3", "'highlightedContent' must be a mapping, not a list"),
        ("category.yml:6", "'items' must be a list of cards, not text '7'"),
        ("category.yml:8", "'sections' must be a list of sections, not text 'none'"),
    ]
    for where, what in expected:
        found = [w for w in warnings if f"{where}:" in w and what in w]
        assert len(found) == 1, (where, what, warnings)
    assert len(warnings) == len(expected), warnings

    html = (Path(app.outdir) / "cards.html").read_text(encoding="utf-8")
    assert '<span class="so-icon so-icon-map" aria-hidden="true"></span>' in html
    assert '<span class="so-landing-type-label">Overview</span>' in html
    assert '<span class="so-landing-type-label">Sample</span>' in html
    assert '<p class="so-landing-linklist-type"></p>' not in html
    assert html.count("so-landing-linklist-type") == 2
    assert "Untyped link" in html
