"""Pages whose context carries the toc module's nav/breadcrumbs (the contract shapes)."""

project = "Contract"
extensions = ["myst_parser", "sphinx_superoffice.theme"]
html_theme = "superoffice"
html_theme_options = {"show_breadcrumbs": "true"}
html_static_path = ["_static"]


def _nav(app, pagename, templatename, context, doctree):
    if pagename not in ("index", "other"):
        return
    here = pagename == "other"
    context["superoffice_nav"] = [
        {
            "title": "Home",
            "url": "index.html",
            "current": not here,
            "on_trail": False,
            "expanded": False,
            "children": [],
        },
        {
            "title": "Group without page",
            "url": None,
            "current": False,
            "on_trail": here,
            "expanded": here,
            "children": [
                {
                    "title": "Other page",
                    "url": "other.html",
                    "current": here,
                    "on_trail": False,
                    "expanded": False,
                    "children": [],
                },
            ],
        },
        {
            "title": "Closed branch",
            "url": "index.html#closed",
            "current": False,
            "on_trail": False,
            "expanded": False,
            "children": [
                {
                    "title": "Hidden child",
                    "url": "other.html#x",
                    "current": False,
                    "on_trail": False,
                    "expanded": False,
                    "children": [],
                },
            ],
        },
    ]
    context["superoffice_breadcrumbs"] = [
        {"title": "Docs", "url": "index.html"},
        {"title": "Group without page", "url": None},
    ]


def setup(app):
    app.connect("html-page-context", _nav, priority=400)
