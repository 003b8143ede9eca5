"""Sphinx's ``toctree()`` from a tree resolved once per build (theme/toctree.py)."""

from __future__ import annotations

from itertools import product
from typing import Any

import pytest
from sphinx.builders.html import StandaloneHTMLBuilder

from sphinx_superoffice.theme.toctree import fast_html


def written(app: Any, pagename: str, options: dict[str, Any]) -> str | None:
    """The HTML written without docutils, with the defaults ``toctree()`` applies."""
    kwargs = {"collapse": True, "includehidden": False, **options}
    if kwargs.get("maxdepth") == "":
        kwargs.pop("maxdepth")
    return fast_html(app, pagename, **kwargs)


TWICE = {"guide/two", "extra"}

OPTIONS = [
    {"collapse": collapse, "includehidden": hidden, "titles_only": titles, "maxdepth": depth}
    for collapse, hidden, titles, depth in product(
        (True, False), (True, False), (True, False), (0, 1, 2, "")
    )
]


@pytest.mark.sphinx("html", testroot="toctree-themes", confoverrides={"html_theme": "alabaster"})
def test_toctree_equals_sphinx(app: Any) -> None:
    """Every option set on every page gives Sphinx's own ``toctree()`` output."""
    seen: list[str] = []

    def check(
        app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        if "toctree" not in context:
            return
        for options in [{}, *OPTIONS]:
            ours = context["toctree"](**options)
            theirs = StandaloneHTMLBuilder._get_local_toctree(app.builder, pagename, **options)
            assert ours == theirs, (pagename, options)
            fast = written(app, pagename, options)
            # None: a page listed twice (guide/two; extra lists itself as "self")
            assert fast == theirs or (fast is None and pagename in TWICE), options
        seen.append(pagename)

    app.connect("html-page-context", check, priority=999)
    app.build()
    assert {"index", "guide/index", "guide/one", "guide/three", "extra"} <= set(seen)
    # the sidebar alabaster draws is there, with the page marked current
    html = (app.outdir / "guide" / "three.html").read_text(encoding="utf-8")
    assert '<li class="toctree-l2 current"><a class="reference internal" href="one.html">' in html


@pytest.mark.sphinx(
    "html", testroot="site-toc", confoverrides={"html_theme": "alabaster", "templates_path": []}
)
def test_toctree_equals_sphinx_with_toc_yml(app: Any) -> None:
    """The same on a toc.yml tree (the hidden toctrees of the toc module)."""
    count = 0

    def check(
        app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        nonlocal count
        if "toctree" not in context:
            return
        for options in [{}, *OPTIONS[::3]]:
            ours = context["toctree"](**options)
            theirs = StandaloneHTMLBuilder._get_local_toctree(app.builder, pagename, **options)
            assert ours == theirs, (pagename, options)
            assert written(app, pagename, options) == theirs, (pagename, options)
        count += 1

    app.connect("html-page-context", check, priority=999)
    app.build()
    assert count > 5
