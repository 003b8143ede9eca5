"""Unit tests of the theme's page-context helpers."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any

import pytest

from sphinx_superoffice.theme.a11y import repair_html
from sphinx_superoffice.theme.i18n import catalog_language
from sphinx_superoffice.theme.pagemeta import edit_link, format_date

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "June 10, 2026"),
        (None, "June 10, 2026"),
        ("de", "10. Juni 2026"),
        ("no", "10. juni 2026"),
        ("nb", "10. juni 2026"),
        ("sv", "10 juni 2026"),
        ("da", "10. juni 2026"),
        ("nl", "10 juni 2026"),
        ("xx-unknown", "June 10, 2026"),
    ],
)
def test_format_date(language: str | None, expected: str) -> None:
    assert format_date(dt.date(2026, 6, 10), language) == expected


def test_format_date_without_date() -> None:
    assert format_date(None, "en") is None


@pytest.mark.parametrize(
    ("language", "expected"),
    [("no", "nb"), ("nb_NO", "nb"), ("de_DE", "de"), ("sv", "sv"), ("fr", None), (None, None)],
)
def test_catalog_language(language: str | None, expected: str | None) -> None:
    assert catalog_language(language) == expected


def test_edit_link() -> None:
    ctx = {"pagename": "en/learn/start", "page_source_suffix": ".md", "sourcename": "x.md.txt"}
    assert (
        edit_link("https://h/edit/main/docs/{path}", ctx)
        == "https://h/edit/main/docs/en/learn/start.md"
    )
    assert edit_link("", ctx) is None
    assert edit_link("https://h/{path}", {"pagename": "genindex", "sourcename": ""}) is None


def test_repair_caption() -> None:
    html = '<p class="caption" role="heading"><span class="caption-text">Guide</span></p>'
    assert 'role="heading" aria-level="2"' in repair_html(html)
    already = '<p class="caption" role="heading" aria-level="3">'
    assert repair_html(already) == already


def test_theme_weight_under_budget() -> None:
    path = REPO / "benchmarks" / "theme_weight.py"
    spec = importlib.util.spec_from_file_location("theme_weight", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sizes = module.theme_weight()
    assert set(sizes) == {
        "superoffice.css",
        "superoffice.js",
        "so-theme-init.js",
        "superoffice-phosphor.css",
    }
    assert all(gz > 500 for _raw, gz in list(sizes.values())[:2])  # real files, not stubs
    assert module.total_gzip() < 50 * 1024


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<i class="ph ph-gear" aria-label="Gear"></i>',
            '<i role="img" class="ph ph-gear" aria-label="Gear"></i>',
        ),
        ('<i class="ph ph-gear"></i>', '<i class="ph ph-gear"></i>'),
        (
            '<i role="img" class="ph ph-x" aria-label="x"></i>',
            '<i role="img" class="ph ph-x" aria-label="x"></i>',
        ),
        ('<i class="phx" aria-label="x"></i>', '<i class="phx" aria-label="x"></i>'),
    ],
)
def test_repair_labelled_icons(html: str, expected: str) -> None:
    assert repair_html(html) == expected


def test_page_toc_skips_raw_html_in_headings() -> None:
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from sphinx_superoffice.theme.pagemeta import page_toc

    doc = new_document("<test>", get_default_settings(Parser))
    top = nodes.section(ids=["page"])
    top += nodes.title("", "Page")
    h2 = nodes.section(ids=["levels"])
    h2 += nodes.title(
        "", "", nodes.raw("", '<a id="levels"></a>', format="html"), nodes.Text("Levels")
    )
    h3 = nodes.section(ids=["deeper"])
    h3 += nodes.title("", "Deeper")
    h4 = nodes.section(ids=["too-deep"])
    h4 += nodes.title("", "Too deep")
    h3 += h4
    h2 += h3
    top += h2
    doc += top
    assert page_toc(doc) == [
        {
            "title": "Levels",
            "id": "levels",
            "children": [
                {"title": "Deeper", "id": "deeper", "children": []},
            ],
        },
    ]
    assert page_toc(None) == []


def test_nav_shape_is_checked() -> None:
    from sphinx.errors import ThemeError

    from sphinx_superoffice.theme.nav import NAV_KEYS, check_items

    good = {"title": "A", "url": None, "current": False, "on_trail": False, "expanded": True}
    check_items(
        "superoffice_nav", [{**good, "children": [{**good, "children": []}]}], NAV_KEYS, "p"
    )
    check_items("superoffice_nav", [], NAV_KEYS, "p")
    with pytest.raises(ThemeError, match="must be a list"):
        check_items("superoffice_nav", {"title": "A"}, NAV_KEYS, "p")
    with pytest.raises(ThemeError, match=r"missing \['children'\]"):
        check_items("superoffice_nav", [good], NAV_KEYS, "page")
    with pytest.raises(ThemeError, match=r"missing \['current'\]"):
        bad_child = {k: v for k, v in good.items() if k != "current"}
        check_items(
            "superoffice_nav",
            [{**good, "children": [{**bad_child, "children": []}]}],
            NAV_KEYS,
            "p",
        )


def test_readme_screenshots_are_committed_and_small() -> None:
    shots = REPO / "docs" / "screenshots"
    names = {p.name for p in shots.glob("*.png")}
    assert names >= {"desktop-light.png", "desktop-dark.png", "mobile-light.png", "mobile-dark.png"}
    for name in names:
        data = (shots / name).read_bytes()
        assert data.startswith(b"\x89PNG")
        assert len(data) < 150_000, name
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "## Theme" in readme
    assert all(f"docs/screenshots/{name}" in readme for name in names)


# the recursive Jinja macro the theme used before the nav was drawn in Python: the
# reference for the markup (the Python renderer must give the same, whitespace aside)
_MACRO = """
{%- macro so_nav_tree(items) %}
<ul class="so-tree">
  {%- for item in items recursive %}
  <li class="so-tree-item{% if item.current %} is-current{% endif %}
{%- if item.on_trail %} is-trail{% endif %}{% if item.children %} has-children{% endif %}">
    {%- if item.children %}
    {%- if item.url is not none %}
    <a class="so-tree-link" href="{{ item.url|e }}"
{%- if item.current %} aria-current="page"{% endif %}>{{ item.title|e }}</a>
    {%- endif %}
    <details{% if item.expanded or item.current or item.on_trail %} open{% endif %}>
      {%- if item.url is not none %}
      <summary class="so-tree-toggle"><span class="so-sr">{{ item.title|e }}</span></summary>
      {%- else %}
      <summary class="so-tree-group">{{ item.title|e }}</summary>
      {%- endif %}
      <ul>{{ loop(item.children) }}</ul>
    </details>
    {%- elif item.url is not none %}
    <a class="so-tree-link" href="{{ item.url|e }}"
{%- if item.current %} aria-current="page"{% endif %}>{{ item.title|e }}</a>
    {%- else %}
    <span class="so-tree-group">{{ item.title|e }}</span>
    {%- endif %}
  </li>
  {%- endfor %}
</ul>
{%- endmacro %}{{ so_nav_tree(nav) }}"""


def _item(title: str, url: str | None, *children: dict, **flags: bool) -> dict:
    return {
        "title": title,
        "url": url,
        "current": flags.get("current", False),
        "on_trail": flags.get("on_trail", False),
        "expanded": flags.get("expanded", False),
        "children": list(children),
    }


def test_nav_html_matches_the_macro_and_reuses_untouched_branches() -> None:
    import re

    from jinja2 import Environment

    from sphinx_superoffice.theme.nav import nav_html

    def squash(html: str) -> str:
        return re.sub(r">\s+<", "><", html).strip()

    macro = Environment(autoescape=True).from_string(_MACRO)
    shared = _item(
        "Other <b>branch</b>",
        "../other/index.html",
        _item('Deep & "quoted"', "../other/deep.html"),
        _item("Group", None, _item("Leaf", "../other/leaf.html"), expanded=True),
    )
    leaf = _item("This page", "page.html", current=True, on_trail=True)
    nav = [
        _item("Home", "../index.html"),
        _item("Section", None, leaf, _item("Sibling", "sibling.html#a"), on_trail=True),
        shared,
        _item("Empty group", None),
    ]
    first = nav_html(nav)
    assert squash(first) == squash(macro.render(nav=nav))
    assert '<a class="so-tree-link" href="page.html" aria-current="page">This page</a>' in first
    # the untouched branch is kept with its HTML; the trail is drawn afresh on each page
    assert "_so_html" in shared and "_so_html" not in nav[1] and "_so_html" not in leaf
    # another page of the folder: the same shared branch, another trail
    sibling = _item("Sibling", "sibling.html#a", current=True, on_trail=True)
    section = _item("Section", None, _item("This page", "page.html"), sibling, on_trail=True)
    nav2 = [nav[0], section, shared]
    assert squash(nav_html(nav2)) == squash(macro.render(nav=nav2))
    assert 'aria-current="page">Sibling</a>' in nav_html(nav2)


def test_empty_header_cell_is_a_data_cell(build_project: Any) -> None:
    """``| | Company |``: the empty corner is a ``<td>`` (axe: empty-table-header), the
    other header cells stay ``<th>``; in any theme."""
    table = "| | Company | Empty col |\n|---|:-:|---|\n| **Row** | ACME | x |\n"
    for theme in ("superoffice", "alabaster"):
        app = build_project(f"# Tables\n\n{table}", conf=f"html_theme = {theme!r}\n")
        html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
        head = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
        assert '<td class="head"><p></p></td>' in head, head
        assert '<th class="head text-center"><p>Company</p></th>' in head
        assert "<th" in head and head.count("<td") == 1
    assert repair_html('<th class="head"></th>') == '<td class="head"></td>'
    assert repair_html('<th class="head"><p>x</p></th>') == '<th class="head"><p>x</p></th>'
