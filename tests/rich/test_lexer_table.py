"""The per-build lexer table (pure) and two builds in one process (Sphinx)."""

from __future__ import annotations

from types import SimpleNamespace

from sphinx.highlighting import lexer_classes

from sphinx_superoffice.highlighting import lexer_table

from ..toolkit import Build, Builder

PAGE = (
    "# Fences\n\n```sosql\nSELECT 1\n```\n\n```http!\nGET / HTTP/1.1\n```\n\n"
    '```json\n{"a": 1, ...}\n```\n'
)


def _config(**aliases: str) -> SimpleNamespace:
    return SimpleNamespace(superoffice_lexer_aliases=aliases, superoffice_lenient_highlighting=True)


def test_table_has_built_ins_and_configured_aliases() -> None:
    table = lexer_table(_config(SoSQL="sql"))
    assert table.knows("http!") and table.knows("SoSQL") and table.knows("sosql")
    assert table.lexer("sosql") is table.lexer("SoSQL")
    assert lexer_table(_config()).lexer("sosql") is None
    # lenient: any language Pygments knows gets a lexer, with its case folded on request
    assert table.knows("json") and not table.knows("XML") and table.knows_case_blind("XML")
    assert not table.knows_case_blind("weirdlang")


def _warnings(app: Build) -> str:
    return app.warning_text


def test_lexer_choices_do_not_leak_into_the_next_build(build_project: Builder) -> None:
    # each build is cleaned up once built (as the old try/finally did)
    first = build_project(PAGE, conf='superoffice_lexer_aliases = {"sosql": "sql"}\n')
    html = (first.outdir / "index.html").read_text(encoding="utf-8")
    assert '<div class="highlight-sosql notranslate">' in html
    assert '<span class="k">SELECT</span>' in html
    assert "WARNING" not in _warnings(first)
    assert "sosql" not in lexer_classes

    second = build_project(PAGE, conf="superoffice_lenient_highlighting = False\n")
    html = (second.outdir / "index.html").read_text(encoding="utf-8")
    assert "code-fence language 'sosql' is not known" in _warnings(second)
    # not lenient: what the JSON lexer cannot read warns, as in plain Sphinx
    assert 'as "json" resulted in an error' in _warnings(second)
    assert '<span class="k">SELECT</span>' not in html
    # the built-in aliases stay
    assert '<div class="highlight-http! notranslate">' in html
    assert '<span class="nf">GET</span>' in html


def test_one_formatter_per_set_of_options(build_project: Builder) -> None:
    """Sphinx makes a Pygments formatter per block; the build's highlighter keeps one per
    set of options, and the blocks come out as a new formatter writes them."""
    page = "# Code\n\n" + "".join(
        f"```python\nx = {n}\n```\n\n"
        f"```{{code-block}} python\n:emphasize-lines: 1\n\ny = {n}\n```\n\n"
        for n in range(3)
    )
    app = build_project(page)
    # the style sheet's, the plain blocks', and the blocks with line 1 emphasized
    assert sorted(app.builder.highlighter.formatters) == [
        "[('hl_lines', [1]), ('linenos', False)]",
        "[('linenos', False)]",
        "[]",
    ]
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert html.count('<span class="n">x</span> <span class="o">=</span>') == 3
    assert html.count('<span class="hll"><span class="n">y</span>') == 3
