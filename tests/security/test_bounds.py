"""Bounded expansion and linear paths: no input stops or stalls a build.

Issue 12, items 3 and 4: includes nest and multiply only so far (each bound gives one
``superoffice.include_limit`` warning with the chain), YAML aliases cannot expand, and
the paths that were quadratic (token lines, the inline include scanner, leftover
syntax, "did you mean", raw ``<a href>``) are linear. The timing assertions are loose
(ten times what the linear code needs on a busy machine); the quadratic code needed
minutes.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it.tree import SyntaxTreeNode
from myst_parser.config.main import MdParserConfig

from sphinx_superoffice.parser import create_docfx_parser
from sphinx_superoffice.suggest import NameIndex, PathSuggester, did_you_mean
from sphinx_superoffice.syntax.links import token_line
from sphinx_superoffice.yamlread import (
    _MAY_HAVE_ANCHOR,
    ALIAS_EXPANSION_LIMIT,
    YamlRefused,
    load_front_matter,
    load_yaml,
)
from tests.conftest import warnings_of
from tests.security.conftest import Files


@pytest.fixture
def build(project_builder: Callable[..., Any]) -> Callable[..., Any]:
    """Build ``files`` in a fresh project (html builder unless told); returns the app."""
    return functools.partial(project_builder, builder="html")


def page(app: Any, name: str = "index.html") -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def chain(files: int, wrap: str = "") -> Files:
    """``index.md`` includes ``i0.md``, which includes ``i1.md``… down to ``i<files>.md``."""
    out: Files = {"index.md": f"# Home\n\n{wrap}[!include[x](includes/i0.md)]\n"}
    for i in range(files):
        out[f"includes/i{i}.md"] = f"level {i}\n\n{wrap}[!include[x](i{i + 1}.md)]\n"
    out[f"includes/i{files}.md"] = "bottom\n"
    return out


# --- include depth -----------------------------------------------------------------------


@pytest.mark.parametrize("wrap", ["", "> ", "- "], ids=["plain", "quote", "list"])
def test_250_nested_includes_stop_at_the_depth_limit(build: Any, wrap: str) -> None:
    app = build(chain(250, wrap))
    assert app.statuscode == 0
    [warning] = warnings_of(app)
    assert warning.startswith(
        "<src>/includes/i63.md:3: WARNING: includes nest deeper than 64 levels "
        "(superoffice_include_depth); not included: index.md --> includes/i0.md --> "
    )
    assert warning.endswith("--> includes/i63.md [superoffice.include_limit]")
    html = page(app)
    assert "level 63" in html
    assert "level 64" not in html
    assert "bottom" not in html


def test_depth_setting(build: Any) -> None:
    app = build(chain(10), conf="superoffice_include_depth = 3\n")
    assert app.statuscode == 0
    [warning] = warnings_of(app)
    assert "<src>/includes/i2.md:3: WARNING: includes nest deeper than 3 levels" in warning
    assert "index.md --> includes/i0.md --> includes/i1.md --> includes/i2.md" in warning
    assert "level 2" in page(app)
    assert "level 3" not in page(app)


def test_deep_lists_around_each_include(make_app: Callable[..., Any], tmp_path: Path) -> None:
    lists = "\n".join("  " * d + "- item" for d in range(8)) + "\n\n" + "  " * 8
    src = tmp_path / "src"
    (src / "includes").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["sphinx_superoffice"]\n', encoding="utf-8")
    (src / "index.md").write_text("# Home\n\n[!include[x](includes/i0.md)]\n", encoding="utf-8")
    for i in range(100):
        (src / "includes" / f"i{i}.md").write_text(
            f"level {i}\n\n{lists}[!include[x](i{i + 1}.md)]\n", encoding="utf-8"
        )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()  # no RecursionError
    assert app.statuscode == 0
    [warning] = warnings_of(app)
    assert "includes nest too deeply for Python's recursion limit; not included" in warning
    assert "[superoffice.include_limit]" in warning
    html = page(app)
    assert "level 10" in html
    assert "level 99" not in html


# --- include fan-out ---------------------------------------------------------------------

#: six files of under 200 bytes, each including the next ten times: 10⁵ renders
FANOUT: Files = {
    "index.md": "# Fan-out\n\n[!include[](includes/a.md)]\n",
    **{
        f"includes/{a}.md": f"{a}\n" + f"[!include[]({b}.md)]\n" * 10
        for a, b in zip("abcde", "bcdef", strict=True)
    },
    "includes/f.md": "leaf\n",
}


def test_fanout_stops_at_the_limit(build: Any) -> None:
    app = build(FANOUT, conf="superoffice_include_limit = 100\n")
    assert app.statuscode == 0
    [warning] = warnings_of(app)
    assert warning == (
        "<src>/includes/e.md:9: WARNING: this page renders more than 100 includes "
        "(superoffice_include_limit); this and its later includes are left out: index.md --> "
        "includes/a.md --> includes/b.md --> includes/c.md --> includes/d.md --> "
        "includes/e.md [superoffice.include_limit]"
    )
    html = page(app)
    # a, b, c and d once, e nine times (each with its ten leaves, the last with seven):
    # 100 renders in all
    assert html.count("<p>e</p>") == 9
    assert html.count("<p>leaf</p>") == 100 - 4 - 9


def test_six_small_files_do_not_render_10_to_the_5(build: Any) -> None:
    """The issue's input: six files under 200 bytes, each including the next ten times."""
    assert all(len(text) < 200 for text in FANOUT.values()) and len(FANOUT) == 6 + 1
    start = time.perf_counter()
    app = build(FANOUT, builder="dummy")
    assert time.perf_counter() - start < 60  # 10⁵ renders took 47 s; 10⁴ take a few
    assert app.statuscode == 0
    [warning] = warnings_of(app)
    assert "renders more than 10000 includes" in warning


@pytest.mark.parametrize("value", ["0", "'64'", "True", "-1"])
def test_invalid_limits_fall_back_to_the_default(build: Any, value: str) -> None:
    app = build(
        {"index.md": "# Home\n"},
        conf=f"superoffice_include_depth = {value}\nsuperoffice_include_limit = {value}\n",
        builder="dummy",
    )
    assert app.statuscode == 0
    assert app.config.superoffice_include_depth == 64
    assert app.config.superoffice_include_limit == 10_000
    assert all("superoffice.config" in w for w in warnings_of(app))


# --- YAML: alias bombs ---------------------------------------------------------------------


def bomb(levels: int = 9, key: str = "keywords") -> str:
    """Nine aliases of the level below on each of ``levels`` levels: 9**levels strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghijklmnopqrstuvwxyz"
    for level in range(1, levels):
        refs = ",".join([f"*{names[level - 1]}"] * 9)
        lines.append(f"{names[level]}: &{names[level]} [{refs}]")
    last = names[levels - 1]
    lines[-1] = lines[-1].replace(f"{last}: &{last}", f"{key}:")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("load", [load_yaml, load_front_matter])
def test_alias_bomb_is_refused_at_once(load: Callable[[str], Any]) -> None:
    text = "title: Bomb\n" + bomb()
    assert len(text) < 420  # the bomb: 412 bytes, 9**9 strings
    start = time.perf_counter()
    with pytest.raises(YamlRefused) as info:
        load(text)
    assert time.perf_counter() - start < 0.5
    assert isinstance(info.value, yaml.YAMLError)  # every reader handles it as bad YAML
    assert info.value.line in range(4, 11)  # the line whose aliases cross the limit
    assert f"aliases expand to more than {ALIAS_EXPANSION_LIMIT} characters" in str(info.value)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: &a [1, *a]\n", "an alias refers to a node that contains it"),
        ("a: &a\n  b: *a\n", "an alias refers to a node that contains it"),
        ("a: " + "[" * 150 + "]" * 150 + "\n", "nested deeper than 100 levels"),
    ],
    ids=["recursive list", "recursive mapping", "deep"],
)
def test_self_reference_and_depth_are_refused(text: str, problem: str) -> None:
    for load in (load_yaml, load_front_matter):
        with pytest.raises(YamlRefused, match=problem):
            load(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "- &x [1]\n- *x\n",
        "[&x 1, *x]\n",
        "{a: &x 1, b: *x}\n",
        '{"a":&x 1, "b": *x}\n',
        "--- &x\na: 1\n",
        "a: !!str &x text\nb: *x\n",
        "&x a: 1\n",
    ],
)
def test_every_anchor_goes_through_the_bounds_check(text: str) -> None:
    """load_yaml skips :func:`check_bounds` for a text in which no anchor can start (an
    alias needs one): every place an anchor can stand is seen as one."""
    assert _MAY_HAVE_ANCHOR.search(text), text


def test_ampersands_in_words_are_not_anchors() -> None:
    text = "summary: List&lt;T&gt; of Q&A\nremarks: '<b>&amp;</b>'\n"
    assert not _MAY_HAVE_ANCHOR.search(text)
    assert load_yaml(text)["summary"] == "List&lt;T&gt; of Q&A"


def test_ordinary_aliases_still_work() -> None:
    text = "base: &b {x: 1}\nitems:\n  - <<: *b\n    y: 2\n  - *b\nsmall: [*b, *b, *b]\n"
    assert load_yaml(text)["items"] == [{"x": "1", "y": "2"}, {"x": "1"}]
    assert load_front_matter(text)["small"] == [{"x": 1}] * 3


def test_front_matter_bomb(build: Any) -> None:
    text = f"---\ntitle: Bomb\n{bomb()}---\n\n# Bomb\n\nText.\n"
    start = time.perf_counter()
    app = build({"index.md": text}, builder="dummy")
    assert time.perf_counter() - start < 30  # 56 s and 4.9 GB before
    assert app.statuscode == 0
    [warning] = warnings_of(app)
    assert warning.startswith("<src>/index.md:")
    assert "aliases expand to more than" in warning
    assert "[superoffice.front_matter]" in warning
    assert "keywords" not in app.env.metadata["index"]


def test_front_matter_bomb_with_myst_settings(build: Any) -> None:
    # myst reads a `myst:` key with PyYAML's own loader: it never sees a refused bomb
    text = f"---\nmyst:\n  heading_anchors: 2\n{bomb()}---\n\n# Bomb\n"
    app = build({"index.md": text}, builder="dummy")
    assert app.statuscode == 0
    assert "aliases expand to more than" in "".join(warnings_of(app))


def test_toc_bomb(build: Any) -> None:
    items = bomb(key="items").replace('a: &a ["lol",', "a: &a [{name: A, href: a.md},")
    assert len(items) < 420
    start = time.perf_counter()
    app = build({"index.md": "# Home\n", "a.md": "# A\n", "toc.yml": items}, builder="dummy")
    assert time.perf_counter() - start < 30  # 46 s, 4.8 GB and 351 MB of warnings before
    assert app.statuscode == 0
    [warning] = warnings_of(app)
    assert warning.startswith("<src>/toc.yml:")
    assert "aliases expand to more than" in warning
    assert "[superoffice.toc]" in warning


def test_landing_bomb(build: Any) -> None:
    text = "### YamlMime:SubCategory\ntitle: Bomb\n" + bomb(key="summary")
    app = build({"index.md": "# Home\n", "land.yml": text}, builder="dummy")
    assert app.statuscode == 0
    [warning] = warnings_of(app)
    assert warning.startswith("<src>/land.yml:")
    assert "malformed YAML" in warning and "aliases expand" in warning


# --- linear paths --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def md() -> Any:
    return create_docfx_parser(MdParserConfig(), {})


def test_token_lines_are_counted_once_per_paragraph(md: Any) -> None:
    n = 8000  # 170 s before (plain myst: 9.5 s for the whole build)
    tokens = md.parse("".join(f"[link {i}](a.md)\n" for i in range(n)))
    for token in tokens:  # as myst's renderer makes them: 1-based, children share the map
        if token.map:
            token.map = [token.map[0] + 1, token.map[1] + 1]
            for child in token.children or []:
                child.map = token.map
    tree = SyntaxTreeNode(tokens)
    links = [node for node in tree.walk() if node.type == "link"]
    start = time.perf_counter()
    lines = [token_line(link) for link in links]
    assert time.perf_counter() - start < 2
    assert lines == list(range(1, n + 1))


def test_unclosed_include_statements_on_one_line(md: Any) -> None:
    text = "[!include[" * 100_000 + "\n"  # > 600 s before; plain myst 22 s
    start = time.perf_counter()
    tokens = md.parse(text)
    assert time.perf_counter() - start < 20
    children = tokens[1].children
    assert "".join(c.content for c in children if c.type == "text") == text.strip()


@pytest.mark.parametrize(
    "unit",
    ["[!include[a](<b.md) x ", "[!include[a](b.md ", '<a href="x.md">y ', "[!NOTE] x "],
    ids=["angle path", "no close", "raw link", "leftover"],
)
def test_repeated_statements_parse_in_linear_time(md: Any, unit: str) -> None:
    times = []
    for n in (2000, 8000):
        start = time.process_time()
        md.parse(unit * n + "\n")
        times.append(time.process_time() - start)
    assert times[1] < 10 * max(times[0], 0.05)  # 4x the input: ~4x the time, not 16x


def test_leftover_syntax_warns_at_each_line(build: Any) -> None:
    text = (
        "# Home\n\n"
        "first [!include[a](b.md) ] line\n"
        "second line\n"
        "third [!include[a](b.md) ] line\n"
        "fourth [!NOTE] and [!include[c](d.md) ]\n"
    )
    app = build({"index.md": text}, builder="dummy")
    lines = [w.split(": WARNING")[0] for w in warnings_of(app) if "superoffice.syntax" in w]
    assert lines == ["<src>/index.md:3", "<src>/index.md:5", "<src>/index.md:6", "<src>/index.md:6"]


def test_did_you_mean_with_thousands_of_files() -> None:
    n = 2000  # 2,000 broken links beside 2,000 files: 129 s before
    listing = {f"f/page-{i:05d}.md": [f"f/page-{i:05d}.md"] for i in range(n)}
    listing.update({f"g{i}/index.md": [f"g{i}/index.md"] for i in range(n)})
    suggester = PathSuggester(listing)
    start = time.perf_counter()
    found = [suggester.closest(f"f/pgae-{i:05d}.md") for i in range(n)]
    moved = [suggester.closest(f"x{i}/g{i}/index.md") for i in range(0, n, 10)]
    assert time.perf_counter() - start < 60
    assert found == [f"f/page-{i:05d}.md" for i in range(n)]
    assert moved == [f"g{i}/index.md" for i in range(0, n, 10)]


def test_broken_links_in_a_build_suggest_quickly(build: Any) -> None:
    n = 1000
    files: Files = {f"f/page-{i:04d}.txt": "x" for i in range(n)}
    files["index.md"] = "# Broken\n\n" + "".join(f"[p](f/pgae-{i:04d}.txt)\n\n" for i in range(n))
    app = build(files, builder="dummy")
    warnings = warnings_of(app)
    assert len(warnings) == n
    assert "did you mean 'f/page-0007.txt'?" in warnings[7]


def test_did_you_mean_among_thousands_of_uids() -> None:
    uids = [f"SuperOffice.Api.Type{i:05d}" for i in range(5000)]
    index = NameIndex(uids)
    start = time.perf_counter()
    hints = [index.did_you_mean(f"SuperOffice.Api.Tpye{i:05d}") for i in range(0, 5000, 5)]
    assert time.perf_counter() - start < 30
    assert hints[3] == "; did you mean 'SuperOffice.Api.Type00015'?"
    assert index.did_you_mean("superoffice.api.type00042") == (
        "; did you mean 'SuperOffice.Api.Type00042' (letter case differs)?"
    )
    # a small set is compared in full, as before
    assert did_you_mean("intro", ["introduction", "outro"]) == "; did you mean 'outro'?"


def test_uids_are_arranged_for_suggestions_once_per_build(
    build: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages with a missing uid each get a "did you mean", from one index of the uids
    made for the whole write phase (it was made again on every such page: 71 pages of
    the English tree, 14 % of the time spent resolving pages)."""
    from sphinx_superoffice.references import resolver

    made: list[int] = []

    class Counted(resolver.NameIndex):
        def __init__(self, names: Any) -> None:
            made.append(1)
            super().__init__(names)

    monkeypatch.setattr(resolver, "NameIndex", Counted)
    files: Files = {
        f"p{i}.md": f"---\nuid: so.page{i:02d}\n---\n# P {i}\n\nSee <xref:so.pgae{i:02d}>.\n"
        for i in range(30)
    }
    files["index.md"] = "# Home\n"
    app = build(files, builder="html")
    hints = [w for w in warnings_of(app) if "did you mean" in w]
    assert len(hints) == 30
    assert "did you mean 'so.page07'?" in next(w for w in hints if "so.pgae07" in w)
    assert len(made) == 1


@pytest.mark.parametrize(("mappings", "refused"), [(99, False), (100, True)])
def test_depth_counts_the_scalars_of_nested_mappings(mappings: int, refused: bool) -> None:
    """A scalar one level below a mapping is one level deeper: 99 nested mappings with
    a scalar at the bottom are 100 levels (read), 100 of them are 101 (refused), with or
    without an alias in the document (two ways through the reader)."""
    text = "".join("  " * level + "a:\n" for level in range(mappings - 1))
    text += "  " * (mappings - 1) + "a: leaf\n"
    for tail in ("", "x: &x 1\ny: *x\n"):
        document = tail + text if tail else text
        if refused:
            with pytest.raises(YamlRefused, match="nested deeper than 100 levels"):
                load_yaml(document)
        else:
            value = load_yaml(document)
            for _ in range(mappings):
                value = value["a"]
            assert value == "leaf"
