"""``[!include]``: where it works, how paths resolve, what carries over, and errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def built(build_root):
    return build_root("test-includes")


def _body(html: str) -> str:
    return html.split('<div class="body" role="main">', 1)[1].split("</section>\n\n", 1)[0]


def test_block_includes_everywhere(built):
    body = _body(built.html("index.html"))
    # a block include on its own, its front matter dropped, its heading a real section
    assert "Included <strong>paragraph</strong>" in body
    assert '<section id="included-heading">' in body
    assert "Fragment front matter must not leak" not in body
    assert "fragment-uid" not in body
    # on a list-item line and indented inside a list item
    assert body.count("Open the <strong>Import</strong> screen.") == 2
    assert re.search(r"<li><p>Open the <strong>Import</strong> screen\.</p></li>", body)
    # inside an alert
    assert re.search(
        r'admonition note">\s*<p class="admonition-title">Note</p>\s*<p>inline <em>fragment</em>',
        body,
    )
    # an alert that lives inside an include
    assert '<div class="dfm-alert admonition tip">' in body
    assert "A tip from an include." in body


def test_inline_include_and_spellings(built):
    body = _body(built.html("index.html"))
    assert "<p>Before inline <em>fragment</em> after.</p>" in body  # inline, mid-line
    assert body.count("inline <em>fragment</em>") == 3  # alert, inline, [!INCLUDE ...]
    assert "from a file with spaces" in body  # (<path with spaces>)


def test_nested_include_resolves_next_to_the_including_file(built):
    body = _body(built.html("index.html"))
    assert "Outer fragment." in body
    assert "Inner fragment, resolved next to nested-a.md." in body


def test_root_relative_and_parent_paths(built):
    body = _body(built.html("sub/page.html"))
    assert "inline <em>fragment</em>" in body  # ~/includes/inline.md
    assert "Open the <strong>Import</strong> screen." in body  # ../includes/step.md


def test_links_and_images_resolve_relative_to_the_included_file(built):
    body = _body(built.html("index.html"))
    # [link](../other.md) inside includes/basic.md points at other.md from index
    assert 'href="other.html"><span class="xref superoffice">link' in body
    # the include's own reference definition [r]: ../sub/page.md
    assert 'href="sub/page.html"><span class="xref superoffice">a reference' in body
    # ... and does not leak: the page's own [r] still means other.md
    assert 'href="other.html"><span class="xref superoffice">the definition' in body
    assert '<img alt="A picture -screenshot" src="_images/pic.png" />' in body
    assert (Path(built.outdir) / "_images" / "pic.png").is_file()


def test_no_raw_syntax_and_code_untouched(built):
    body = _body(built.html("index.html"))
    assert "[!include[inside a code fence](includes/basic.md)]" in body  # code stays code
    # an escaped statement is text on purpose; nothing else shows raw syntax
    assert "<p>[!include[escaped] is shown as text</p>" in body
    text = re.sub(r"<pre>.*?</pre>", "", body.replace("[!include[escaped]", ""), flags=re.S)
    assert "[!include[" not in text
    assert "[!NOTE]" not in text


def test_fragments_are_not_pages(built):
    assert not (Path(built.outdir) / "includes").exists()
    assert not [d for d in built.env.found_docs if d.startswith("includes/")]
    assert not [w for w in built.warnings if "includes/" in w and "toctree" in w]


def test_errors_warn_once_at_the_statement(built):
    warnings = [w for w in built.warnings if "superoffice" in w]
    assert warnings == [
        "<src>/errors.md:3: WARNING: include file not found: 'includes/missing.md' "
        "(resolved to '<src>/includes/missing.md') [superoffice.include_missing]",
        "<src>/includes/cycle-b.md:3: WARNING: circular include: errors.md --> "
        "includes/cycle-a.md --> includes/cycle-b.md --> includes/cycle-a.md; "
        "not included again [superoffice.include_cycle]",
        "<src>/errors.md:7: WARNING: include target '../../../etc/passwd' is outside the "
        "project root '<src>'; not read [superoffice.include_refused]",
        "<src>/errors.md:9: WARNING: include target '/etc/passwd' is not a relative path; "
        "not read [superoffice.include_refused]",
        "<src>/errors.md:11: WARNING: include target 'https://example.com/a.md' is not a "
        "relative path; not read [superoffice.include_refused]",
        # includes/warn.md is included by errors.md and other.md: one warning, at its own line
        "<src>/includes/warn.md:3: WARNING: include file not found: 'not-there.md' "
        "(resolved to '<src>/includes/not-there.md') [superoffice.include_missing]",
    ]
    body = _body(built.html("errors.html"))
    assert "Cycle A." in body and "Cycle B." in body  # everything before the cycle renders
    assert "root:" not in body and "[!include" not in body


def test_refused_paths_are_never_read(build_project):
    """A path outside the root is refused before any file access."""
    app = build_project(
        "# T\n\n[!include[s](../secret.md)]\n\n[!include[s](~/../secret.md)]\n",
        tree="p",
        files={"secret.md": "SECRET"},
    )
    assert "SECRET" not in app.html("index.html")
    assert sum("include_refused" in w for w in app.warnings) == 2


def test_parallel_build_gives_the_same_html(build_root):
    pages = {}
    for jobs in (1, 2):
        app = build_root("test-includes", parallel=jobs)
        pages[jobs] = {
            p: _body(app.html(p))
            for p in ("index.html", "errors.html", "other.html", "sub/page.html")
        }
        # the shared include's warning appears once with -j 2 as well
        assert sum("not-there.md" in w for w in app.warnings) == 1
    assert pages[1] == pages[2]
