"""Property tests: random DocFX-ish input never raises (issue 12, item 8).

Hypothesis feeds, within a bounded time (few examples, no deadline):

- the markdown-it parser with every DocFX plugin, on text made of DocFX constructs,
  their broken halves and punctuation;
- the YAML readers, on YAML-ish text (anchors, aliases, merge keys, flow and block
  collections, tags): a document loads or raises :class:`yaml.YAMLError`, and what
  loads is finite and not much larger than its text;
- the decoders, on arbitrary bytes;
- the link and path resolvers, on paths made of ``..``, ``~``, backslashes, case
  variants, percent escapes and long names.

``tools/fuzz.py`` builds whole generated projects for long runs.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from myst_parser.config.main import MdParserConfig

from sphinx_superoffice.encoding import decode_bytes, decode_head
from sphinx_superoffice.fileindex import FileIndex
from sphinx_superoffice.parser import create_docfx_parser
from sphinx_superoffice.siteindex import SiteIndex
from sphinx_superoffice.sitepaths import SiteFiles
from sphinx_superoffice.syntax.link_targets import SiteView, classify
from sphinx_superoffice.yamlread import (
    ALIAS_EXPANSION_LIMIT,
    load_front_matter,
    load_yaml,
    split_front_matter,
    yaml_mime,
)

BOUNDED = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)

#: DocFX constructs, whole and broken, and the punctuation they are made of
DFM_PIECES = [
    "[!include[t](a.md)]",
    "[!INCLUDE [t](<a b.md>)]",
    "[!include[t](../a.md)]",
    "[!include[",
    "[!include[t](",
    "> [!NOTE]\n> ",
    "> [!TIP]",
    '> [!div class="x"]',
    "[!VIDEO https://example.com/v]",
    '[!code-csharp[](a.cs?range=1-3 "t")]',
    "[!code[x](a.cs#region)]",
    ':::code language="cs" source="a.cs" range="2-":::',
    ':::image type="content" source="a.png" alt-text="x":::',
    ':::image type="complex" source="a.png" alt-text="x":::\nlong\n:::image-end:::',
    ':::image type="icon" source="',
    '::: zone pivot="a"\n',
    "::: zone-end\n",
    '::: moniker range=">= b"\n',
    "::: moniker-end\n",
    ":::row:::\n:::column:::\nx\n:::column-end:::\n:::row-end:::\n",
    ':::no-loc text="x":::',
    "# [Tab](#tab/a)\n",
    "# [Tab](#tab/a/b)\n",
    "---\n",
    "<xref:A.B>",
    "<xref:A.B?displayProperty=fullName>",
    '<xref href="A" data-throw-if-not-resolved="true"></xref>',
    "@A.B ",
    "[x](xref:A#b)",
    "[x](a.md#b)",
    "[x](~/a.md)",
    "[x](..\\a.md)",
    "![i](a.png)",
    '<a href="a.md">x</a>',
    "<a href=x>",
    '<a id="x"></a>',
    "<a name='y'>",
    "{role}`x`",
    "`code`",
    "```\ncode\n```\n",
    "```cs\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "[^1]\n\n[^1]: note\n",
    "[ref]: a.md\n",
    "&amp;",
    "&#91;!NOTE]",
    "\\[!include[t](a.md)]",
    "<!-- c -->",
    "<div>",
    "</div>",
]
PUNCTUATION = [*"[]()<>{}!:*_`~#>-|\\\"' \t\n", "\n\n", "    ", "1. ", "- ", "> "]

dfm_text = st.lists(
    st.one_of(
        st.sampled_from(DFM_PIECES),
        st.sampled_from(PUNCTUATION),
        st.text(max_size=6),
    ),
    max_size=40,
).map("".join)


@pytest.fixture(scope="module")
def md() -> Any:
    return create_docfx_parser(MdParserConfig(), {"TODO": "To do"})


@BOUNDED
@given(text=dfm_text)
def test_markdown_rules_never_raise(md: Any, text: str) -> None:
    tokens = md.parse(text)
    assert all(token.type for token in tokens)
    md.parseInline(text.replace("\n", " "))


@BOUNDED
@given(text=dfm_text)
def test_front_matter_and_mime_never_raise(text: str) -> None:
    split_front_matter("---\n" + text)
    split_front_matter(text)
    yaml_mime(text)


YAML_PIECES = [
    "a: ",
    "b: ",
    "- ",
    "  ",
    "\n",
    "&x ",
    "&y ",
    "*x",
    "*y",
    "<<: *x\n",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ": ",
    "? ",
    "'q'",
    '"q"',
    "|\n  t\n",
    ">\n  t\n",
    "!!str ",
    "!!binary ",
    "!!python/object:os.system ",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "# c\n",
    "no",
    "yes",
    "1.10",
    "2024-05-01",
    "~",
    "null",
    "\t",
    "\x00",
]

yaml_text = st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=4)), max_size=40).map(
    "".join
)


def _size(value: Any) -> int:
    return len(json.dumps(value, default=str))  # a cycle raises ValueError


@BOUNDED
@given(text=yaml_text)
def test_yaml_readers_load_or_raise_yaml_errors(text: str) -> None:
    for load in (load_yaml, load_front_matter):
        try:
            data = load(text)
        except yaml.YAMLError:
            continue
        assert _size(data) <= 10 * len(text) + 4 * ALIAS_EXPANSION_LIMIT + 100


@BOUNDED
@given(data=st.binary(max_size=300))
def test_decoders_never_raise(data: bytes) -> None:
    text, _problem = decode_bytes(data)
    assert isinstance(text, str)
    assert isinstance(decode_head(data[:200]), str)


# --- the link and path resolvers ---------------------------------------------------------

FILES = {
    "docs/no/index.md": "# Home",
    "docs/no/page.md": "# Page",
    "docs/no/Sub/Page.md": "# Case",
    "docs/no/sub/index.md": "# Sub",
    "docs/no/land.yml": "### YamlMime:Landing\ntitle: x",
    "docs/no/file.zip": "zip",
    "docs/en/app.md": "# App",
    "outside.md": "# Out",
}
SEGMENTS = [
    "..",
    ".",
    "",
    "~",
    "sub",
    "Sub",
    "SUB",
    "page.md",
    "Page.MD",
    "index.md",
    "land.yml",
    "file.zip",
    "en",
    "no",
    "docs",
    "%2e%2e",
    "a b",
    "x" * 80,
    "é",
    "?q=1",
    "#anchor",
    "\\",
    "C:",
    "//",
]

link_path = st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=8).map("/".join)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("fuzz-site")
    for rel, text in FILES.items():
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_text(text, encoding="utf-8")
    return base


@pytest.fixture(scope="module")
def site(tree: Path) -> SiteView:
    srcdir = tree / "docs/no"

    def path2doc(path: Path) -> str | None:
        rel = path.relative_to(srcdir).as_posix()
        return rel.removesuffix(".md") if rel.endswith(".md") else None

    return SiteView(
        root=tree / "docs",
        srcdir=srcdir,
        trees={"../en": "../en/"},
        index=FileIndex(tree / "docs"),
        path2doc=path2doc,
        excluded=lambda rel: fnmatch.fnmatch(rel, "draft.md"),
        source_suffixes=(".md",),
        landing_mimes=frozenset({"Landing"}),
    )


@BOUNDED
@given(path=link_path)
def test_link_classification_never_raises(site: SiteView, path: str) -> None:
    import os

    here = site.srcdir / "sub"
    base = site.root if path.startswith("~/") else here
    target = Path(os.path.normpath(base / path.removeprefix("~/").replace("\\", "/")))
    result = classify(site, target)
    assert result.kind in ("doc", "download", "tree", "missing")
    if result.kind == "doc":
        assert result.path is not None and result.path.is_relative_to(site.srcdir)


@BOUNDED
@given(href=link_path, docdir=st.sampled_from(["", "sub", "Sub", "x/y"]))
def test_site_paths_never_raise(tree: Path, href: str, docdir: str) -> None:
    srcdir = tree / "docs/no"
    index = SiteIndex(srcdir)
    files = SiteFiles(
        srcdir,
        [".md"],
        "https://docs.example.com/no/",
        lambda doc: index.files.is_file(doc + ".md"),
        tree=index.files,
    )
    for candidate in (href, "/" + href, "https://docs.example.com/no/" + href):
        target = files.resolve(candidate, docdir)
        if target.docname is not None:
            assert index.files.is_file(target.docname + ".md")


# --- whole projects ------------------------------------------------------------------------


def _fuzz_tool() -> Any:
    path = Path(__file__).resolve().parents[2] / "tools" / "fuzz.py"
    spec = importlib.util.spec_from_file_location("superoffice_fuzz_tool", path)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = tool  # its dataclasses look their module up
    try:
        spec.loader.exec_module(tool)
    finally:
        del sys.modules[spec.name]
    return tool


def test_fuzz_tool_builds_random_projects(capsys: pytest.CaptureFixture[str]) -> None:
    """``tools/fuzz.py`` itself: three generated projects build alone and pass its
    checks, and four more in one batch."""
    tool = _fuzz_tool()
    project = tool.Generator(7).make()
    assert project.pages and project.forbidden
    assert tool.main(["--cases", "3", "--seed", "7", "--batch", "1"]) == 0
    assert "3 cases in" in capsys.readouterr().out
    assert tool.main(["--cases", "4", "--seed", "10", "--batch", "4"]) == 0
    assert "4 cases in" in capsys.readouterr().out


def test_fuzz_batch_puts_each_case_in_its_folder() -> None:
    """In a batch, a case's files, pages, uids and root includes live in its folder."""
    tool = _fuzz_tool()
    alone, batched = tool.Generator(3).make(), tool.Generator(3, root="c3/").make()
    assert batched.pages == ["c3/" + docname for docname in alone.pages]
    assert sorted(batched.files) == sorted("c3/" + rel for rel in alone.files)
    text = "".join(v for v in batched.files.values() if isinstance(v, str))
    assert "uid: Uid.C3P0" in text
    assert "~/includes/" not in text


def test_fuzz_batch_reports_the_failing_case(tmp_path: Path) -> None:
    """A construct shown raw is reported for its own case of a real batch build; a
    batch whose build fails is built again case by case to find the culprit."""
    tool = _fuzz_tool()
    generator = tool.Generator

    class Visible(generator):  # type: ignore[misc, valid-type]
        def make(self) -> Any:
            project = super().make()
            if self.root == "c21/":
                project.forbid("Page 0")  # every page 0 shows its heading
            return project

    tool.Generator = Visible
    failed = tool.run_batch([20, 21], False, tmp_path / "kept")
    assert list(failed) == [21]
    assert failed[21][0].startswith("c21/index.html shows 'Page")
    assert (tmp_path / "kept" / "batch-20" / "c21").is_dir()

    tool.Generator = generator
    calls: list[list[int]] = []

    def build(cases: dict[int, Any], workdir: Path, theme: bool) -> Any:
        calls.append(list(cases))
        if len(cases) > 1 or 31 in cases:
            return ["exception: boom"], {}
        return [], {seed: [] for seed in cases}

    tool.build = build
    assert tool.run_batch([30, 31, 32], False, None) == {31: ["exception: boom"]}
    assert calls == [[30, 31, 32], [30], [31], [32]]
