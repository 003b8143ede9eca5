"""uids across projects: objects.inv exports them, intersphinx resolves them (no network)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from sphinx.util.inventory import InventoryFile


def _hrefs(app: Any, page: str = "index.html") -> dict[str, str | None]:
    html = (app.outdir / page).read_text(encoding="utf-8")
    main = BeautifulSoup(html, "html.parser").find("div", role="main")
    return {
        el.get_text(): el.get("href") for el in main.select("li a.reference, li span.unresolved")
    }


def _mapping(site: Path, other: str) -> dict[str, Any]:
    inv = site / "_build" / other / "html" / "objects.inv"
    return {"intersphinx_mapping": {other: (f"../../{other}/html", str(inv))}}


def test_objects_inv_exports_every_uid(build_root: Any) -> None:
    app = build_root("test-links-inv", tree="b")
    with (app.outdir / "objects.inv").open("rb") as f:
        inventory = InventoryFile.load(f, "", lambda base, uri: uri)
    uids = inventory["superoffice:uid"]
    assert set(uids) == {"b.Home", "b.guide"}
    assert uids["b.guide"].uri == "guide.html"
    assert uids["b.guide"].display_name == "Guide of B"


def test_two_projects_link_by_uid(build_root: Any) -> None:
    first_a = build_root("test-links-inv", tree="a")  # B's inventory does not exist yet
    site = first_a.site
    assert _hrefs(first_a)["b.Home"] is None
    b = first_a.again(tree="b", confoverrides=_mapping(site, "a"), freshenv=True)
    a = first_a.again(tree="a", confoverrides=_mapping(site, "b"), freshenv=True)

    assert _hrefs(b) == {
        "Project A": "../../a/html/index.html",
        "the guide of A": "../../a/html/guide.html",
    }
    assert b.source_warnings == []

    hrefs = _hrefs(a)
    assert hrefs["Project B"] == "../../b/html/index.html"
    assert hrefs["guide of B"] == "../../b/html/guide.html"
    assert hrefs["Guide of B"] == "../../b/html/guide.html"  # @b.guide: the title
    # uids are case-sensitive across projects too
    assert hrefs["b.Guide"] is None
    assert [w.split(" WARNING: ")[1] for w in a.source_warnings] == [
        "uid not found: 'b.Guide'; did you mean 'a.Guide'? (rendered as text) "
        "[superoffice.uid_missing]"
    ]
    # every target exists in the other build
    for target in hrefs.values():
        if target:
            assert (a.outdir / target).resolve().is_file()


def test_fallback_url_for_unknown_uids(build_root: Any) -> None:
    app = build_root(
        "test-links-inv",
        tree="a",
        confoverrides={"superoffice_xref_fallback_url": "https://api.example.com/{uid}.html"},
    )
    hrefs = _hrefs(app)
    assert hrefs["b.Home"] == "https://api.example.com/b.Home.html"
    assert hrefs["guide of B"] == "https://api.example.com/b.guide.html"
    assert app.source_warnings == []
