"""YAML landing pages: YamlMime SubCategory / Category → sphinx-design pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


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
    assert '<span class="so-icon so-icon-school"></span>' in html
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
    assert '<span class="so-icon so-icon-explore"></span>' in html
    # a missing card image: one warning, an icon instead
    assert '<span class="so-icon so-icon-image"></span>' in html
    missing = [w for w in app.warnings if "/media/none.png" in w]
    assert len(missing) == 1 and "sub/hub.yml:16" in missing[0]


def test_landing_doctree(build_root: Any, file_regression: Any) -> None:
    app = build_root("test-site-toc")
    doctree = app.env.get_doctree("learn/index")
    doctree["source"] = "learn/index.yml"
    file_regression.check(doctree.pformat(), extension=".xml")


def test_labels_are_translated(build_root: Any) -> None:
    app = build_root("test-site-toc", confoverrides={"language": "nb_NO"})
    html = (Path(app.outdir) / "learn" / "index.html").read_text()
    assert '<span class="so-landing-type-label">Veiledning</span>' in html
    assert '<span class="so-landing-type-label">Lær</span>' in html
