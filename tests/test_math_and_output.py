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


def test_an_output_folder_inside_the_sources_is_never_read(tmp_path: Any) -> None:
    """The build writes xrefmap.yml into its output; a second build of a tree whose output
    folder lies inside it (not named _build) must not read that file as a page."""
    from sphinx.cmd.build import build_main

    (tmp_path / "conf.py").write_text('extensions = ["sphinx_superoffice"]\n')
    (tmp_path / "index.md").write_text(PAGE)
    out = tmp_path / "out"
    warnings = tmp_path / "warnings.log"
    args = ["-b", "html", "-q", "-w", str(warnings), str(tmp_path), str(out)]
    assert build_main(args) == 0
    assert (out / "xrefmap.yml").is_file()
    assert build_main([*args[:-2], "-E", str(tmp_path), str(out)]) == 0
    assert "xrefmap" not in warnings.read_text()
