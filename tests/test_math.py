"""$…$ math (on as in DocFX) is written as TeX with no script from another host."""

from __future__ import annotations

from typing import Any

PAGE = "# Math\n\nInline $x^2$ and\n\n$$\na+b\n$$\n"


def test_math_is_tex_without_a_cdn_script(build_project: Any) -> None:
    html = build_project(PAGE).html()
    assert '<span class="math notranslate nohighlight">\\(x^2\\)</span>' in html
    assert "\\[a+b\\]</div>" in html
    assert "mathjax" not in html.lower()
    assert "cdn." not in html


def test_a_conf_py_choosing_mathjax_keeps_it(build_project: Any) -> None:
    html = build_project(PAGE, conf='mathjax_path = "_static/mathjax/tex-chtml.js"\n').html()
    assert "_static/mathjax/tex-chtml.js" in html
