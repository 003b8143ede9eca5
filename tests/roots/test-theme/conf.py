"""Test site for the superoffice theme: several pages, alerts, tabs, a landing page."""

import datetime as dt

project = "Theme Test Docs"
copyright = "2026, SuperOffice test"
extensions = ["myst_parser", "sphinx_design", "sphinx_superoffice.theme"]
html_theme = "superoffice"
html_theme_options = {
    "product_name": "SuperOffice Docs",
    "edit_url": "https://github.com/example/docs/edit/main/docs/{path}",
    "footer_text": "Theme test footer",
}
html_static_path = ["_static"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
language = "en"


def _fake_contract(app, pagename, templatename, context, doctree):
    """Stand in for the parser and toc modules: a date and a language switcher."""
    meta = context.get("meta") or {}
    if "date" in meta:
        context["superoffice_date"] = dt.datetime.strptime(meta["date"], "%m.%d.%Y").date()
    url = context["pathto"](pagename)
    context["superoffice_languages"] = [
        {"code": "en", "name": "English", "url": url, "current": True, "exact": True},
        {"code": "no", "name": "Norsk", "url": url, "current": False, "exact": True},
        {
            "code": "de",
            "name": "Deutsch",
            "url": context["pathto"]("index"),
            "current": False,
            "exact": False,
        },
    ]


def setup(app):
    app.connect("html-page-context", _fake_contract, priority=400)
