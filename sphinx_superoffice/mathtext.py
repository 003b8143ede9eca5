"""Math without a request to another host.

DocFX turns ``$…$`` / ``$$…$$`` math on (Markdig's Mathematics), and so does this
extension (:mod:`.parser`). Sphinx's default math renderer, MathJax, loads its script from
a CDN on every page with math, which this project never does. So, unless ``conf.py`` (or
``-D``) chooses a renderer or a ``mathjax_path`` of its own (a local copy of MathJax, say),
math is written as MathJax writes it, ``\\(…\\)`` in ``<span class="math">`` and ``\\[…\\]``
in ``<div class="math">``, with no script: readers see the TeX source, and a site that
adds MathJax itself gets it typeset.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.ext.mathjax import html_visit_displaymath, html_visit_math

from ._sphinx import set_by_user

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: the name of the renderer (``html_math_renderer``)
RENDERER = "superoffice-tex"


def setup_math(app: Sphinx) -> None:
    app.add_html_math_renderer(RENDERER, (html_visit_math, None), (html_visit_displaymath, None))
    app.connect("config-inited", _choose_renderer, priority=60)


def _choose_renderer(app: Sphinx, config: Config) -> None:
    if set_by_user(config, "html_math_renderer"):
        return
    # with two renderers registered and none chosen, Sphinx picks the one that is not
    # MathJax: a conf.py that sets mathjax_path means MathJax
    mathjax = set_by_user(config, "mathjax_path")
    config.html_math_renderer = "mathjax" if mathjax else RENDERER
