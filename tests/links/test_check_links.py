"""The link checker used for the corpus figures finds what it claims to find."""

from __future__ import annotations

from pathlib import Path

from .conftest import load_checker


def test_checker_reports_dead_files_and_fragments(tmp_path: Path) -> None:
    site = tmp_path / "html"
    (site / "sub").mkdir(parents=True)
    (site / "sub" / "page.html").write_text(
        '<h2 id="før-du-begynner">x</h2><a name="named"></a>', encoding="utf-8"
    )
    (site / "index.html").write_text(
        '<p id="top">'
        '<a href="sub/page.html">ok</a>'
        '<a href="sub/page.html#f%C3%B8r-du-begynner">ok, percent-encoded</a>'
        '<a href="sub/page.html#named">ok, a name</a>'
        '<a href="#top">ok, same page</a>'
        '<a href="https://example.com/x">external, not checked</a>'
        '<a href="sub/gone.html">dead file</a>'
        '<a href="sub/page.html#nope">dead fragment</a>'
        '<a href="#nowhere">dead same-page fragment</a>'
        '<img src="missing.png"/>'
        '<span class="xref superoffice unresolved">gone</span></p>',
        encoding="utf-8",
    )
    checker = load_checker().Checker(site, site)
    assert dict(checker.check()) == {
        "a: missing file": [("index.html", "sub/gone.html")],
        "a: missing #fragment": [
            ("index.html", "sub/page.html#nope"),
            ("index.html", "#nowhere"),
        ],
        "img: missing file": [("index.html", "missing.png")],
    }
    assert checker.counts == {"a": 7, "img": 1, "unresolved (text)": 1}
