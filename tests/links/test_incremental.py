"""Incremental builds: pages that link into a changed page are rebuilt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup


def _href(app: Any, page: str, text: str) -> str | None:
    html = (Path(app.outdir) / page).read_text(encoding="utf-8")
    for element in BeautifulSoup(html, "html.parser").select("a, span.unresolved"):
        if element.get_text() == text:
            return element.get("href") if element.name == "a" else None
    raise AssertionError(text)


def test_changed_target_rebuilds_linking_pages(build_root: Any) -> None:
    app = build_root("test-links-site", tree="docs/no")
    assert _href(app, "links.html", "anchored") == "sub/page.html#explicit"
    assert _href(app, "links.html", "nothing") is None
    assert _href(app, "xrefs.html", "Upper-case uid") == "case-a.html"

    src = Path(app.srcdir)
    page = src / "sub" / "page.md"
    page.write_text(page.read_text(encoding="utf-8").replace('<a name="explicit"></a>', ""))
    (src / "sub" / "nothing.md").write_text("# Now there\n", encoding="utf-8")
    case_a = src / "case-a.md"
    case_a.write_text(case_a.read_text(encoding="utf-8").replace("Upper-case uid", "Renamed"))

    again = app.again()
    # links.md itself did not change, but its targets did
    assert _href(again, "links.html", "anchored") == "sub/page.html"
    assert _href(again, "links.html", "nothing") == "sub/nothing.html"
    # the title shown for <xref:Case.Uid> follows the target's new title
    assert _href(again, "xrefs.html", "Renamed") == "case-a.html"
    assert any("'#explicit' not found in 'sub/page'" in w for w in again.source_warnings)


def test_changed_xrefmap_re_resolves_its_uids(build_root: Any) -> None:
    app = build_root("test-links-site", tree="docs/no")
    old = "https://api.example.com/reference/SuperOffice.CRM.Services.IContactAgent.html"
    assert _href(app, "xrefs.html", "IContactAgent") == old

    xrefmap = Path(app.srcdir) / "xrefmap.yml"
    text = xrefmap.read_text(encoding="utf-8")
    xrefmap.write_text(text.replace("api.example.com/reference/", "api.example.com/v2/"))

    again = app.again()
    # no page changed, but the map that resolves the uid did
    assert _href(again, "xrefs.html", "IContactAgent") == old.replace("reference", "v2")
