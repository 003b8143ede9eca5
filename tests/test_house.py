"""The build-wide plumbing: settings validation, per-build state, shipped assets."""

from __future__ import annotations

import gc
import os
import re
import time
import zlib
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from sphinx import addnodes

from sphinx_superoffice.assets import FILES, STATIC_DIR
from sphinx_superoffice.state import BuildState, get_state

from .toolkit import Builder

HOME = "# Home\n\nText.\n"


def test_fresh_build_links_assets_with_their_checksum(build_project: Builder) -> None:
    app = build_project(HOME)
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    for name in FILES:
        content = (STATIC_DIR / name).read_bytes().translate(None, b"\r")
        checksum = f"{zlib.crc32(content):08x}"
        assert f"_static/{name}?v={checksum}" in html
        assert (app.outdir / "_static" / name).read_bytes() == (STATIC_DIR / name).read_bytes()


@pytest.mark.parametrize(
    ("setting", "shown"),
    [
        ('superoffice_languages = ["en", "no"]', "superoffice_languages"),
        ("superoffice_site_url = 5", "superoffice_site_url"),
        ('superoffice_toc_root = "toc.yml"', "superoffice_toc_root"),
    ],
)
def test_bad_setting_warns_before_any_reader_uses_it(
    build_project: Builder, setting: str, shown: str
) -> None:
    app = build_project(HOME, conf=setting + "\n")
    warnings = app.warnings
    assert any(
        f"invalid value for {shown!r}" in w and "[superoffice.config]" in w for w in warnings
    ), warnings
    assert (app.outdir / "index.html").is_file()


def test_xrefmaps_dict_form_passes_a_strict_build(build_project: Builder) -> None:
    app = build_project(
        "# Home\n\nSee <xref:Foo.Bar>.\n",
        files={"xrefmap.yml": "references:\n- uid: Foo.Bar\n  name: Bar\n  href: Foo.Bar.html\n"},
        conf='superoffice_xrefmaps = {"xrefmap.yml": "https://example.com/api/"}\n',
        warningiserror=True,
    )
    assert app.warnings == []
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="https://example.com/api/Foo.Bar.html"', html)


def test_state_is_per_build_and_never_pickled(build_project: Builder) -> None:
    import pickle

    app = build_project(HOME)
    state = get_state(app.env)
    assert state.builder is app.builder

    class Slot:
        def __init__(self) -> None:
            self.items = [1]

    state.slot(Slot).items.append(2)
    assert state.slot(Slot).items == [1, 2]
    copy = pickle.loads(pickle.dumps(state))
    assert isinstance(copy, BuildState)
    assert copy.peek(Slot) is None
    assert copy.builder is None


def test_a_build_leaves_sphinx_defaults_alone(build_project: Builder) -> None:
    """Our `.md` parser must not leak into the next build in the same process (Sphinx hands
    out its default `source_suffix` dict and merges extension suffixes into it in place)."""
    build_project(HOME)
    plain = build_project(
        "# Plain\n", conf=None, files={"conf.py": 'extensions = ["myst_parser"]\n'}
    )
    assert plain.config.source_suffix[".md"] == "markdown"
    assert "Plain" in (plain.outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("language", "moved"),
    [("no", "Denne siden er flyttet til"), ("sv", "Den här sidan har flyttats till")],
)
def test_extension_strings_follow_the_build_language(
    build_project: Builder, language: str, moved: str
) -> None:
    """`no` (DocFX's code, what multilang passes) reaches the Bokmål catalog too."""
    app = build_project(
        HOME,
        files={"old.md": "---\nredirect_url: index.md\n---\n"},
        conf=f'language = "{language}"\n',
    )
    assert moved in (app.outdir / "old.html").read_text(encoding="utf-8")


def test_syntax_strings_use_the_extension_catalog(build_project: Builder) -> None:
    page = "# Home\n\n[!code-csharp[Main](missing.cs)]\n"
    app = build_project(page, conf='language = "no"\n')
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Det ser ut til at eksempelet du leter etter, ikke finnes." in html


def test_no_deprecated_app_access_in_the_package() -> None:
    """Transforms reach Sphinx through ``self.env``/``self.config`` (``.app`` is deprecated
    in Sphinx 9 and removed in 11); the suite also turns deprecation warnings into errors."""
    package = Path(__file__).parents[1] / "sphinx_superoffice"
    offenders = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\b(self|env)\.app\b|\benv\._app\b", line)
    ]
    assert offenders == []


def test_redirect_to_a_missing_anchor_leads_to_the_page(build_project: Builder) -> None:
    app = build_project(
        "# Home\n\n## Real section\n",
        files={
            "old.md": "---\nredirect_url: index.md#gone\n---\n",
            "kept.md": "---\nredirect_url: index.md#real-section\n---\n",
        },
    )
    old = (app.outdir / "old.html").read_text(encoding="utf-8")
    assert 'content="0; url=index.html"' in old
    assert 'content="0; url=index.html#real-section"' in (app.outdir / "kept.html").read_text(
        encoding="utf-8"
    )
    assert [w for w in app.warnings if "no anchor 'gone'" in w] == [
        "<src>/old.md:2: WARNING: redirect target 'index.md#gone' of 'old': no anchor 'gone' in "
        "'index'; leading to the page [superoffice.redirect]"
    ]


def test_architecture_names_every_module() -> None:
    """ARCHITECTURE.md is the map: every module (or sub-package) of the package is on it."""
    package = Path(__file__).parents[1] / "sphinx_superoffice"
    text = (package.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if rel.parts[0] in ("syntax", "theme") and len(rel.parts) > 2:
            name = rel.parts[1] + "/"  # a sub-package of syntax/ is listed as a whole
        elif len(rel.parts) > 1 and rel.parts[0] in ("references", "toc"):
            name = rel.parts[0] + "/"
        else:
            name = rel.name if rel.name != "__init__.py" else rel.parent.name + "/"
        if name != "/" and name not in text:
            missing.append(str(rel))
    assert missing == []


def test_a_second_build_of_one_app_shows_its_warnings_again(make_app: Any, tmp_path: Path) -> None:
    """The duplicate filter forgets at each build: ``app.build()`` twice (an API user, a
    live-preview server in one process) reports the second build's warnings too."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_superoffice"]\n', encoding="utf-8")
    (src / "index.md").write_text("# Home\n\n[!include[x](missing.md)]\n", encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert app.warning.getvalue().count("include_missing") == 1
    (src / "index.md").write_text("# Home\n\n[!include[x](missing.md)]\n\nMore.\n", "utf-8")
    later = time.time() + 5  # newer than the first read, whatever the clock's resolution
    os.utime(src / "index.md", (later, later))
    app.build()
    assert app.warning.getvalue().count("include_missing") == 2


def test_serial_build_holds_no_read_page_until_the_write_phase(build_project: Builder) -> None:
    """Sphinx keeps each page read by a ``-j 1`` build in memory until it is written;
    this extension drops them (``memory.py``): the write phase loads the pickles."""
    held: list[int] = []

    def count(app: Any, *args: Any) -> None:
        held.append(len(app.env._write_doc_doctree_cache))

    def pickles(app: Any, *args: Any) -> None:
        held.append(len(app.env._pickled_doctree_cache))

    pages = {f"page{n}.md": f"# Page {n}\n\nText {n}.\n" for n in range(4)}
    app = build_project(
        "# Home\n\n" + "".join(f"[{n}](page{n}.md)\n" for n in range(4)),
        files=pages,
        events={"source-read": count, "env-updated": count, "build-finished": pickles},
    )
    # five pages read, then the end of reading; then the pickled bytes that
    # get_doctree keeps: dropped once each page is resolved
    assert len(held) == 7, held
    assert held == [0] * 7, held
    for n in range(4):
        assert f"Text {n}." in (app.outdir / f"page{n}.html").read_text(encoding="utf-8")


def test_build_leaves_sphinx_out_of_the_gc_while_it_runs(build_project: Builder) -> None:
    """What exists when reading starts, and then what exists when writing starts (the
    environment), is frozen out of the cyclic GC until the build finishes; a freeze
    made by someone else before the build is left as it was."""
    frozen: list[int] = []
    writing: list[int] = []

    def count(*args: Any) -> None:
        frozen.append(gc.get_freeze_count())

    def count_writing(*args: Any) -> None:
        writing.append(gc.get_freeze_count())

    assert gc.get_freeze_count() == 0
    build_project(HOME, events={"source-read": count, "html-page-context": count_writing})
    assert frozen and frozen[0] > 10_000, frozen
    assert writing and writing[0] > frozen[0], (frozen, writing)
    assert gc.get_freeze_count() == 0

    gc.freeze()
    try:
        before = gc.get_freeze_count()
        frozen.clear()
        build_project(HOME + "\nMore.\n", events={"source-read": count})
        # nothing frozen on top (objects freed since leave the count), nothing given back
        assert len(frozen) == 1 and before - 1000 < frozen[0] <= before, (before, frozen)
        assert before - 1000 < gc.get_freeze_count() <= before
    finally:
        gc.unfreeze()


def test_serial_build_freezes_what_lives_on_every_few_pages(
    build_project: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``-j 1`` build collects and freezes what survives every ``FREEZE_EVERY`` pages
    it reads and every ``FREEZE_EVERY`` pages it resolves (besides the freezes when
    reading and writing start), so that full collections do not walk the growing
    environment again and again; everything is given back when the build ends."""
    import types

    from sphinx_superoffice import memory

    calls: list[tuple[str, str]] = []
    phase = ["before"]

    def spy(name: str) -> Any:
        def call(*args: Any) -> Any:
            calls.append((phase[0], name))
            return getattr(gc, name)(*args)

        return call

    fake_gc = types.SimpleNamespace(
        **{name: getattr(gc, name) for name in dir(gc) if not name.startswith("__")}
    )
    fake_gc.collect, fake_gc.freeze = spy("collect"), spy("freeze")
    monkeypatch.setattr(memory, "gc", fake_gc)
    monkeypatch.setattr(memory, "FREEZE_EVERY", 3)

    def set_phase(name: str) -> Any:
        def listener(*args: Any) -> None:
            phase[0] = name

        return listener

    pages = {f"p{n}.md": f"# Page {n}\n\nText {n}.\n" for n in range(11)}
    app = build_project(
        "# Home\n\n" + " ".join(f"[P{n}](p{n}.md)" for n in range(11)) + "\n",
        files=pages,
        events={"env-before-read-docs": set_phase("read"), "env-updated": set_phase("write")},
    )
    read = [name for when, name in calls if when == "read"]
    write = [name for when, name in calls if when == "write"]
    # 12 pages: a collection and a freeze after the 3rd, 6th, 9th and 12th page read
    # (the freeze when reading starts comes before this test's listener); when writing
    # starts, then after the 3rd, 6th, 9th and 12th page resolved
    assert read == ["collect", "freeze"] * 4, calls
    assert write == ["collect", "freeze"] * 5, calls
    assert gc.get_freeze_count() == 0
    assert "Text 10." in (app.outdir / "p10.html").read_text(encoding="utf-8")


def test_a_doctree_taken_apart_is_freed_without_the_cycle_collector() -> None:
    """A doctree is a cycle (each node points to its parent and its document): without
    the cycle collector it is never freed. Taken apart, it goes with its last reference,
    even while nodes a transform took out of the tree, in a cycle of their own, still
    point to its document."""
    import weakref

    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from sphinx_superoffice.memory import take_apart

    def doctree() -> tuple[nodes.document, weakref.ref[nodes.Node]]:
        document = new_document("page.md", get_default_settings(Parser))
        section = nodes.section("", nodes.title("", "Title"), ids=["title"])
        document += section
        document.note_implicit_target(section)
        item = nodes.list_item("", nodes.paragraph("", "an item"))
        section += [nodes.paragraph("", "Some ", nodes.emphasis("", "text")), item]
        stray = nodes.container()  # taken out of the tree: a cycle of its own
        section += stray
        stray += nodes.paragraph("", "gone")
        section.remove(stray)
        return document, weakref.ref(item)

    gc.collect()
    gc.disable()
    try:
        kept, kept_item = doctree()
        taken, taken_item = doctree()
        take_apart(taken)
        del kept, taken
        assert kept_item() is not None  # waits for a collection
        assert taken_item() is None
    finally:
        gc.enable()
        gc.collect()


def test_pages_are_taken_apart_once_read_and_once_written(
    build_project: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page's doctree is taken apart when the next page is read (it is pickled by
    then) and when the next page is written; not the pages written while another
    extension listens to ``html-page-context`` (it might keep a node), and the HTML is
    the same either way."""
    from sphinx_superoffice import memory

    taken: list[str] = []
    original = memory.take_apart

    def spy(doctree: nodes.document) -> None:
        taken.append(doctree["source"])
        original(doctree)

    monkeypatch.setattr(memory, "take_apart", spy)
    pages = {f"p{n}.md": f"# Page {n}\n\nText {n}, [home](index.md).\n" for n in range(5)}
    home = "# Home\n\n" + " ".join(f"[P{n}](p{n}.md)" for n in range(5)) + "\n"
    conf = 'project = "Same"\n'
    app = build_project(home, files=pages, conf=conf)
    html = {p.name: p.read_bytes() for p in app.outdir.glob("*.html")}
    # six pages: each read once and written once
    assert len(taken) == 12 and len(set(taken)) == 6, taken

    taken.clear()
    listener = {"html-page-context": lambda *args: None}
    other = build_project(home, files=pages, conf=conf, events=listener)
    assert len(taken) == 6 and len(set(taken)) == 6, taken
    assert {p.name: p.read_bytes() for p in other.outdir.glob("*.html")} == html


def test_forked_processes_freeze_what_they_inherit(build_project: Builder, tmp_path: Path) -> None:
    """In a ``-j 2`` build each reading and writing process freezes what it inherited
    before its first page: its full collections walk only its own objects (they ran
    over the main process's as well, at the same moments as the main process's)."""
    log = tmp_path / "gen2.txt"

    def record(app: Any, *args: Any) -> None:  # after the extension's handlers
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {len(gc.get_objects(generation=2))}\n")

    planted: list[object] = []

    def plant(*args: Any) -> None:
        """Objects of the main process's own in its oldest collectable generation (as
        what it merges and resolves gets there), when processes are about to fork."""
        planted.extend([n] for n in range(5000))  # lists: always tracked by the GC
        gc.collect(1)

    pages = {f"page{n}.md": f"# Page {n}\n\nText {n}.\n" for n in range(40)}
    main = os.getpid()
    build_project(
        HOME,
        files=pages,
        parallel=2,
        events={
            "source-read": record,
            "html-page-context": record,
            "env-before-read-docs": plant,  # after the extension's freeze (connected first)
            "write-started": plant,
        },
    )
    first: dict[int, int] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        pid, count = map(int, line.split())
        first.setdefault(pid, count)
    forked = {pid: count for pid, count in first.items() if pid != main}
    assert len(forked) >= 4, first  # readers and writers
    # none of the 5,000 (a collection between the freeze and this listener may have
    # moved a few of the process's own young objects there)
    assert all(count < 1000 for count in forked.values()), forked
    assert first[main] >= 5000  # the main process's own objects stay collectable


@pytest.mark.parametrize(
    ("jobs", "conf", "writers"),
    [(2, "", 2), (2, "superoffice_parallel_write = False\n", 1), (1, "", 0)],
)
def test_parallel_build_writes_with_as_many_processes_as_jobs(
    build_project: Builder, jobs: int, conf: str, writers: int
) -> None:
    """``-j N`` writes with N processes besides the main one (Sphinx: N-1), unless
    ``superoffice_parallel_write = False``; the count is given back after the build."""
    seen: list[int] = []

    def count(app: Any, builder: Any) -> None:  # connected after the extension's handler
        seen.append(app.parallel - 1 if builder.parallel_ok else 0)

    pages = {f"page{n}.md": f"# Page {n}\n" for n in range(6)}
    app = build_project(
        HOME, files=pages, conf=conf, parallel=jobs, events={"write-started": count}
    ).app
    assert seen == [writers]
    assert app.parallel == jobs
    assert "Page 5" in (app.outdir / "page5.html").read_text(encoding="utf-8")


def test_sphinx_design_walks_skip_pages_without_a_component(
    build_project: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sphinx-design's dropdown, tab-set and aside walks run on a page with one of its
    components and are skipped on a page without (``_sphinx_design.py``)."""
    import sphinx_design.aside
    import sphinx_design.dropdown
    import sphinx_design.tabs

    walked: list[tuple[str, str]] = []
    for walk in (
        sphinx_design.dropdown.DropdownHtmlTransform,
        sphinx_design.tabs.TabSetHtmlTransform,
        sphinx_design.aside.AsideHtmlTransform,
    ):

        def run(self: Any, _run: Any = walk.run, _name: str = walk.__name__) -> None:
            walked.append((_name, self.env.docname))
            _run(self)

        monkeypatch.setattr(walk, "run", run)
    tabs = "# [One](#tab/one)\n\nFirst.\n\n# [Two](#tab/two)\n\nSecond.\n\n---\n"
    build = build_project(
        "# Home\n\n[Tabs](tabs.md)\n",
        files={"tabs.md": f"# Tabs\n\n{tabs}", "plain.md": "# Plain\n\nText.\n"},
    )
    assert sorted(walked) == [
        ("AsideHtmlTransform", "tabs"),
        ("DropdownHtmlTransform", "tabs"),
        ("TabSetHtmlTransform", "tabs"),
    ]
    registered = build.app.registry.post_transforms
    assert sphinx_design.dropdown.DropdownHtmlTransform not in registered
    html = (build.app.outdir / "tabs.html").read_text(encoding="utf-8")
    assert 'class="sd-tab-set' in html and 'type="radio"' in html


def test_sphinx_design_new_tab_walk_runs_only_on_pages_with_a_new_tab_link(
    build_project: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sphinx-design's ``doctree-resolved`` walk for links that open in a new tab runs on
    the page with such a button, which still opens in a new tab, and not on others."""
    import sphinx_design.extension

    walked: list[str] = []
    original = sphinx_design.extension._resolve_new_tab_refs

    def counted(app: Any, doctree: Any, docname: str) -> None:
        walked.append(docname)
        original(app, doctree, docname)

    monkeypatch.setattr(sphinx_design.extension, "_resolve_new_tab_refs", counted)
    button = "```{button-link} https://example.com/\n:new-tab:\n\nExample\n```\n"
    same_tab = "```{button-link} https://example.org/\n\nSame tab\n```\n"
    build = build_project(
        "# Home\n\n[Buttons](buttons.md) [Plain](plain.md)\n",
        files={
            "buttons.md": f"# Buttons\n\n{button}",
            "plain.md": f"# Plain\n\n{same_tab}",
        },
    )
    assert walked == ["buttons"]
    html = (build.app.outdir / "buttons.html").read_text(encoding="utf-8")
    assert re.search(r'<a [^>]*href="https://example.com/"[^>]*target="_blank"', html), html
    plain = (build.app.outdir / "plain.html").read_text(encoding="utf-8")
    assert "https://example.org/" in plain and "_blank" not in plain


def test_sphinx_code_transforms_skip_pages_without_code(
    build_project: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sphinx's highlight-language and doctest-flag post-transforms run on pages with a
    code block or a ``highlight`` directive, which keep their languages, and are
    skipped on a page without code (``highlighting.py``); the highlight-language one
    walks the page only where a ``highlight`` directive is."""
    from sphinx.transforms.post_transforms.code import (
        HighlightLanguageTransform,
        TrimDoctestFlagsTransform,
    )

    walked: list[tuple[str, str]] = []
    for transform in (HighlightLanguageTransform, TrimDoctestFlagsTransform):

        def apply(
            self: Any, _apply: Any = transform.apply, _name: str = transform.__name__
        ) -> None:
            walked.append((_name, self.env.docname))
            _apply(self)

        monkeypatch.setattr(transform, "apply", apply)
    fence = "```python\n>>> print(1)  # doctest: +SKIP\n1\n```\n"
    directive = "```{highlight} javascript\n```\n\n    let a = 1;\n"
    build = build_project(
        "# Home\n\n[Code](code.md) [Lang](lang.md) [Plain](plain.md)\n",
        conf='highlight_language = "none"\n',
        files={
            "code.md": f"# Code\n\n{fence}",
            "lang.md": f"# Lang\n\n{directive}",
            # raw HTML, like most DocFX pages: a fixed-text element, but no code
            "plain.md": "# Plain\n\nText.\n\n<div>Raw</div>\n\n$$x^2$$\n",
        },
    )
    assert sorted(walked) == [
        ("HighlightLanguageTransform", "lang"),
        ("TrimDoctestFlagsTransform", "code"),
        ("TrimDoctestFlagsTransform", "lang"),
    ]
    registered = build.app.registry.post_transforms
    assert HighlightLanguageTransform not in registered
    code = (build.app.outdir / "code.html").read_text(encoding="utf-8")
    assert 'class="highlight-python' in code and "doctest:" not in code
    # myst gives its blocks a language, so the directive leaves them as Sphinx does
    lang = (build.app.outdir / "lang.html").read_text(encoding="utf-8")
    assert 'class="highlight-none' in lang and "let a = 1;" in lang


def test_highlight_language_visits_only_the_blocks_without_a_highlight_directive(
    build_project: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a ``highlight`` directive every literal block takes
    ``highlight_language`` (and no line numbers), as Sphinx's visitor gives it, without
    visiting the page's other nodes; a page with one is walked by the visitor, which
    gives the blocks after it the directive's language and line-number threshold."""
    from sphinx.transforms.post_transforms.code import HighlightLanguageVisitor

    visited: list[str] = []
    unknown_visit = HighlightLanguageVisitor.unknown_visit

    def count(self: Any, node: Any) -> None:
        visited.append(self.document.settings.env.docname)
        unknown_visit(self, node)

    monkeypatch.setattr(HighlightLanguageVisitor, "unknown_visit", count)
    seen: dict[str, list[tuple[Any, ...]]] = {}

    def add_blocks(app: Any, doctree: Any) -> None:
        # blocks without a language, as a directive of another extension makes them
        section = doctree[0]
        if app.env.docname == "lang":
            section += addnodes.highlightlang(lang="python", force=True, linenothreshold=2)
        for code in ("a = 1", "a = 1\nb = 2\nc = 3"):
            section += nodes.literal_block(code, code)

    def record(app: Any, doctree: Any, docname: str) -> None:
        seen[docname] = [
            (block.get("language"), block.get("force"), block.get("linenos"))
            for block in doctree.findall(nodes.literal_block)
        ]

    build_project(
        "# Home\n\n[Plain](plain.md) [Lang](lang.md)\n",
        conf='highlight_language = "javascript"\n',
        files={"plain.md": "# Plain\n\nText.\n", "lang.md": "# Lang\n\nText.\n"},
        events={"doctree-read": add_blocks, "doctree-resolved": record},
    )
    assert seen["plain"] == [("javascript", False, False)] * 2
    assert seen["lang"] == [("python", True, False), ("python", True, True)]
    assert "lang" in visited and "plain" not in visited and "index" not in visited


def test_redirect_pages_are_written_without_the_page_machinery(build_project: Builder) -> None:
    """A redirect stub (and a ``redirect_from`` page) is written straight from the
    theme-less redirect template: no ``html-page-context``, so neither the nav, the
    language links nor the theme's page context is made for it."""
    contexts: dict[str, set[str]] = {}

    def keys(app: Any, pagename: str, templatename: str, context: Any, doctree: Any) -> None:
        contexts[pagename] = {k for k in context if k.startswith("superoffice_")}

    build = build_project(
        "# Home\n\nText.\n",
        files={
            "moved.md": "---\nredirect_url: index.md\n---\n",
            "new.md": "---\nredirect_from: old/place\n---\n# New\n",
            "toc.yml": "items:\n- name: Home\n  href: index.md\n- name: New\n  href: new.md\n",
        },
        conf='html_theme = "superoffice"\nlanguage = "nb"\n',
        events={"html-page-context": keys},
    )
    drawn = {"superoffice_nav", "superoffice_languages", "superoffice_layout"}
    assert drawn <= contexts["index"]
    assert "moved" not in contexts and "old/place" not in contexts, sorted(contexts)
    page = (build.app.outdir / "moved.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="nb">'), page[:80]
    assert 'http-equiv="refresh" content="0; url=index.html"' in page
    assert "<title>Home</title>" in page
    old = (build.app.outdir / "old" / "place.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../new.html"' in old


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_read_batches_pages_of_even_weight(build_project: Builder, jobs: int) -> None:
    """A parallel read gets its pages in ``BATCHES_PER_PROCESS`` batches a process, of
    even total size (heavy pages spread over the batches); a serial read keeps Sphinx's
    order."""
    import sphinx.builders
    from sphinx.util.parallel import make_chunks

    from sphinx_superoffice.parallel import BATCHES_PER_PROCESS, read_batches

    orders: list[list[str]] = []
    merged: list[set[str]] = []

    def record(app: Any, env: Any, docnames: list[str]) -> None:
        orders.append(docnames)  # the list the extension reorders in place, after this

    def merge(app: Any, env: Any, docnames: set[str], other: Any) -> None:
        merged.append(set(docnames))

    heavy = {f"a{n}.md": f"# A {n}\n\n" + "Long text. " * 3000 for n in range(6)}
    light = {f"b{n}.md": f"# B {n}\n" for n in range(30)}
    build_project(
        HOME,
        files={**heavy, **light},
        parallel=jobs,
        events={"env-before-read-docs": record, "env-merge-info": merge},
    )
    assert sphinx.builders.make_chunks is make_chunks  # (replaced during the read only)
    (order,) = orders
    assert sorted(order) == sorted([*(f[:-3] for f in [*heavy, *light]), "index"])
    if jobs == 1:
        assert order == sorted(order)
        assert not merged
    else:
        batches = read_batches(order, 2)
        # Sphinx would cut these 37 pages into 3 batches of 13
        assert len(make_chunks(order, 2)) == 3
        assert len(batches) == 2 * BATCHES_PER_PROCESS
        assert sorted(map(sorted, merged)) == sorted(map(sorted, batches))
        # sorted by name, the six heavy pages would all be in the first batch
        heavy_per_batch = [sum(n.startswith("a") for n in batch) for batch in batches]
        assert max(heavy_per_batch) == -(-6 // len(batches)), heavy_per_batch


def test_reading_processes_send_back_only_their_own_pages(build_project: Builder) -> None:
    """A reading process of a parallel build sends back the title, toctree and
    dependency tables, the front matter and the ``superoffice`` domain's tables of its
    own batch only (not of the pages merged before it was forked); the main process
    still ends with every page's, and the HTML, which draws other pages' titles and
    resolves their uids, is a serial build's."""
    sent: list[tuple[set[str], set[str]]] = []

    def merged(app: Any, env: Any, docnames: set[str], other: Any) -> None:
        tables = (other.tocs, other.toc_num_entries, other.titles, other.longtitles)
        ours = other.domaindata["superoffice"]
        tables += (other.metadata, *(ours[key] for key in ("uids", "anchors", "links")))
        sent.append((set(docnames), {name for table in tables for name in table}))

    toctree = "\n".join(f"page{n}" for n in range(30))
    files = {
        "index.md": f"# Home\n\n```{{toctree}}\n{toctree}\n```\n",
        **{
            f"page{n}.md": (
                f"---\nuid: p{n}\n---\n# Page {n}\n\n## Part {n}\n\n"
                f"[next](page{n + 1}.md) <xref:p{n + 1}#part-{n + 1}>\n"
            )
            for n in range(30)
        },
    }
    html = {}
    for jobs in (1, 2):
        app = build_project(
            None,
            files=files,
            conf='project = "Same"\n',
            parallel=jobs,
            events={"env-merge-info": merged},
        ).app
        pages = {"index", *(f"page{n}" for n in range(30))}
        assert set(app.env.titles) == set(app.env.tocs) == set(app.env.metadata) == pages
        assert set(app.env.domaindata["superoffice"]["uids"]) == pages - {"index"}
        html[jobs] = {
            name: (app.outdir / f"{name}.html").read_text(encoding="utf-8")
            for name in ("index", "page0", "page29")
        }
    assert len(sent) >= 3  # batches forked after a merge: they had pages to leave out
    for batch, tables in sent:
        assert tables <= batch, sorted(tables - batch)[:5]
    assert html[1] == html[2]
    assert "Page 28" in html[2]["page29"]
    assert 'href="page1.html#part-1"' in html[2]["page0"]


def test_parallel_phases_make_shared_tables_before_forking(
    build_project: Builder, tmp_path: Path
) -> None:
    """Before a parallel build forks its reading processes, the main process makes the
    shared MarkdownIt and the docset root's case-insensitive index; before it forks its
    writers, Pygments' lexer names and the MIME types: each forked process finds them
    made (it made them again before). A serial build still makes them on first use."""
    import mimetypes

    from sphinx_superoffice.highlighting import pygments_aliases
    from sphinx_superoffice.parser import _SharedParser
    from sphinx_superoffice.sitemodel import site_index

    found = tmp_path / "found"
    found.mkdir()

    def reading(app: Any, docname: str, content: list[str]) -> None:
        mark = found / f"read-{app.parallel}-{os.getpid()}"
        if not mark.exists():  # the process's first page
            shared = get_state(app.env).peek(_SharedParser)
            made = site_index(app.env)._case_index is not None, shared is not None
            mark.write_text(repr(made), encoding="utf-8")

    def writing(app: Any, pagename: str, *args: Any) -> None:
        mark = found / f"write-{app.parallel}-{os.getpid()}"
        if not mark.exists():
            made = pygments_aliases.cache_info().currsize == 1, bool(mimetypes.inited)
            mark.write_text(repr(made), encoding="utf-8")

    files = {
        "index.md": "# Home\n\n" + "".join(f"- [Page {n}](page{n}.md)\n" for n in range(20)),
        **{f"page{n}.md": f"# Page {n}\n\nText [home](INDEX.md).\n" for n in range(20)},
    }
    for jobs in (1, 2):
        pygments_aliases.cache_clear()
        mimetypes.inited = False
        build_project(
            None,
            files=files,
            parallel=jobs,
            events={"source-read": reading, "html-page-context": writing},
        )
    marks = {path.name: path.read_text(encoding="utf-8") for path in found.iterdir()}
    main = os.getpid()
    assert marks[f"read-1-{main}"] == "(False, False)"  # serial: made on first use
    forked = {name: made for name, made in marks.items() if not name.endswith(f"-{main}")}
    assert any(name.startswith("read-2-") for name in forked), sorted(marks)
    assert any(name.startswith("write-3-") for name in forked), sorted(marks)
    assert set(forked.values()) == {"(True, True)"}, forked


def test_parallel_write_builds_code_lexers_before_the_writers_fork(
    build_project: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a parallel write the main process builds the lexer of each code block's
    language while it resolves the page, so the writer forked for the page inherits it
    (a lexer compiles its regular expressions once per process); in a serial build the
    lexer is built where the page is written, as before."""
    from sphinx_superoffice import highlighting

    calls = tmp_path / "lexers"
    real = highlighting.get_lexer_by_name

    def counting(name: str, **options: Any) -> Any:
        with calls.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {name}\n")
        return real(name, **options)

    monkeypatch.setattr(highlighting, "get_lexer_by_name", counting)
    files = {
        "index.md": "# Home\n\n" + "".join(f"- [Page {n}](page{n}.md)\n" for n in range(12)),
        **{
            f"page{n}.md": f'# Page {n}\n\n```json\n{{"n": {n}}}\n```\n\n```yaml\nn: {n}\n```\n'
            for n in range(12)
        },
    }
    pages: dict[int, str] = {}
    for jobs in (1, 2):
        highlighting.tolerant_lexer.cache_clear()
        calls.write_text("", encoding="utf-8")
        app = build_project(None, files=files, conf='project = "Same"\n', parallel=jobs).app
        made = [line.split() for line in calls.read_text(encoding="utf-8").splitlines()]
        assert sorted(name for _pid, name in made) == ["json", "yaml"], made
        assert {int(pid) for pid, _name in made} == {os.getpid()}, made
        pages[jobs] = (app.outdir / "page3.html").read_text(encoding="utf-8")
    assert 'class="highlight-json' in pages[2] and '<span class="nt">n</span>' in pages[2]
    assert pages[1] == pages[2]


def test_dangling_reference_check_runs_only_where_a_name_waits(
    build_project: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docutils' dangling-reference check (``walks.py``) still reports a named
    reference without a target, and still runs on a page with a target; a page with
    neither is not walked."""
    from sphinx.transforms.references import SphinxDanglingReferences

    walked: list[str] = []
    apply = SphinxDanglingReferences.apply

    def record(self: Any, **kwargs: Any) -> None:
        walked.append(self.document.settings.env.docname)
        apply(self, **kwargs)

    monkeypatch.setattr(SphinxDanglingReferences, "apply", record)
    build = build_project(
        "# Home\n\n[Named](named.md) [Target](target.md) [Plain](plain.md)\n",
        files={
            "named.md": "# Named\n\n```{eval-rst}\nSee `nowhere`_.\n```\n",
            "target.md": "# Target\n\n(here)=\n## Here\n\nText.\n",
            "plain.md": "# Plain\n\nText [link](https://example.com) and [Home](index.md).\n",
        },
    )
    assert sorted(walked) == ["named", "target"]
    assert any('Unknown target name: "nowhere"' in line for line in build.warnings)


def test_post_transforms_for_nodes_only_reading_makes_skip_pages_without_them(
    build_project: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sphinx's image, ``only`` and C/C++ alias post-transforms (and the lightbox one)
    run only on a page that has such nodes when its post-transforms start (``walks.py``),
    and still do their work there."""
    from sphinx.domains.c import AliasTransform as CAlias
    from sphinx.domains.cpp import AliasTransform as CppAlias
    from sphinx.transforms.post_transforms import OnlyNodeTransform
    from sphinx.transforms.post_transforms.images import DataURIExtractor, ImageDownloader

    ran: list[tuple[str, str]] = []
    for label, transform in (
        ("c", CAlias),
        ("cpp", CppAlias),
        ("only", OnlyNodeTransform),
        ("download", ImageDownloader),
        ("datauri", DataURIExtractor),
    ):

        def apply(self: Any, _apply: Any = transform.apply, _label: str = label) -> None:
            ran.append((_label, self.env.docname))
            _apply(self)

        monkeypatch.setattr(transform, "apply", apply)
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>\n'
    alias = (
        "```{eval-rst}\n.. c:function:: void shown_twice(int)\n\n.. c:alias:: shown_twice\n```\n"
    )
    build = build_project(
        "# Home\n\n[Pic](pic.md) [Only](only.md) [Alias](alias.md) [Plain](plain.md)\n",
        files={
            "pic.md": "# Pic\n\n![A picture](pic.svg)\n",
            "pic.svg": svg,
            "only.md": (
                "# Only\n\n```{only} html\nFor HTML.\n```\n\n```{only} latex\nFor LaTeX.\n```\n"
            ),
            "alias.md": f"# Alias\n\n{alias}",
            "plain.md": "# Plain\n\nText [link](https://example.com).\n",
        },
    )
    # (a C alias, so not the C++ domain's walk)
    assert sorted(ran) == [
        ("c", "alias"),
        ("datauri", "pic"),
        ("download", "pic"),
        ("only", "only"),
    ]
    out = build.app.outdir
    assert (out / "_images" / "pic.svg").is_file()
    only = (out / "only.html").read_text(encoding="utf-8")
    assert "For HTML." in only and "For LaTeX." not in only
    aliased = (out / "alias.html").read_text(encoding="utf-8")
    assert '<a class="reference internal" href="#c.shown_twice"' in aliased


def test_search_index_stems_each_word_once_per_build(
    build_project: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sphinx stems the words of every page it feeds to the search index, remembering
    them for that page only; the build's search language remembers them for the whole
    build (``searchstem.py``, up to its bound of recent words, far above this site's),
    and the index still holds the stems."""
    from sphinx.search.en import SearchEnglish

    stemmed: list[str] = []
    stem = SearchEnglish.stem

    def counting(self: Any, word: str) -> str:
        stemmed.append(word)
        return stem(self, word)

    monkeypatch.setattr(SearchEnglish, "stem", counting)
    body = "Running searches over shared words.\n"
    build = build_project(
        "# Home\n\n" + body + "".join(f"[P{n}](p{n}.md) " for n in range(5)) + "\n",
        files={f"p{n}.md": f"# Page {n}\n\n{body}" for n in range(5)},
        conf='language = "en"\n',
    )
    assert stemmed and len(stemmed) == len(set(stemmed)), sorted(stemmed)
    index = (build.app.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert '"run"' in index and '"share"' in index


def _listener_of_another_extension(app: Any, doctree: Any, docname: str) -> None:
    """A ``doctree-resolved`` listener from outside the packages the parallel write
    knows (this module): the main process then resolves the pages (``parallel.py``)."""


@pytest.mark.parametrize(("jobs", "main_resolves"), [(1, False), (2, False), (2, True)])
def test_parallel_write_collects_garbage_where_the_main_process_resolves_pages(
    build_project: Builder, monkeypatch: pytest.MonkeyPatch, jobs: int, main_resolves: bool
) -> None:
    """The main process of a parallel write collects its garbage every ``COLLECT_EVERY``
    pages it resolves for the writers (the resolved pages of written batches); a serial
    write leaves it to Python, and so does one whose writers resolve their own pages
    (``memory.py``)."""
    import types

    from sphinx_superoffice import memory

    calls: list[int] = []

    def collect(*args: Any) -> int:
        calls.append(os.getpid())
        return gc.collect(*args)

    fake_gc = types.SimpleNamespace(
        **{name: getattr(gc, name) for name in dir(gc) if not name.startswith("__")}
    )
    fake_gc.collect = collect
    monkeypatch.setattr(memory, "gc", fake_gc)
    monkeypatch.setattr(memory, "COLLECT_EVERY", 4)
    pages = {f"p{n}.md": f"# Page {n}\n\nText.\n" for n in range(12)}
    build_project(
        "# Home\n\n" + " ".join(f"[P{n}](p{n}.md)" for n in range(12)) + "\n",
        files=pages,
        parallel=jobs,
        events={"doctree-resolved": _listener_of_another_extension} if main_resolves else {},
    )
    at_write = [pid for pid in calls if pid == os.getpid()]
    if main_resolves:
        assert len(at_write) >= 1 + 13 // 4
    else:
        assert len(at_write) == 1  # only the one collection before writing starts


def _resolving_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Record ``pid docname`` for each page the superoffice resolver runs on."""
    from sphinx_superoffice.references.resolver import SoReferenceResolver

    log = tmp_path / "resolved"
    log.write_text("", encoding="utf-8")
    run = SoReferenceResolver.run

    def record(self: Any, **kwargs: Any) -> None:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {self.env.docname}\n")
        run(self, **kwargs)

    monkeypatch.setattr(SoReferenceResolver, "run", record)
    return log


_WRITTEN_PAGES = {
    "index.md": "# Home\n\n" + "".join(f"- [Page {n}](page{n}.md)\n" for n in range(14)),
    "media/a.png": b"\x89PNG\r\n\x1a\n not really a picture",
    "media/b.png": b"\x89PNG\r\n\x1a\n another one",
    **{
        f"page{n}.md": f"---\nuid: page{n}\n---\n# Page {n}\n\nWord{n} and "
        f"<xref:page{(n + 1) % 14}> and <xref:nowhere{n % 2}>.\n\n![A](media/{'ab'[n % 2]}.png)\n"
        for n in range(14)
    },
}


#: a conf.py with a post-transform of its own (not of a package the parallel write knows)
_OWN_POST_TRANSFORM = """
from sphinx.transforms.post_transforms import SphinxPostTransform

class Mark(SphinxPostTransform):
    default_priority = 900

    def run(self, **kwargs):
        pass

def setup(app):
    app.add_post_transform(Mark)
"""


@pytest.mark.parametrize("foreign", ["", "listener", "post-transform"])
def test_parallel_writers_resolve_their_own_pages(
    build_project: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, foreign: str
) -> None:
    """At ``-j 2`` the main process resolves only the first page and the writers the
    others, sending back their search entries and images: the site is the one ``-j 1``
    writes, byte for byte, the write-time warnings shown once. With a
    ``doctree-resolved`` listener or a post-transform of another extension the main
    process resolves every page, as Sphinx does (``parallel.py``)."""
    main_resolves = bool(foreign)
    conf = 'project = "Same"\n' + (_OWN_POST_TRANSFORM if foreign == "post-transform" else "")
    events = {"doctree-resolved": _listener_of_another_extension} if foreign == "listener" else {}
    log = _resolving_pages(tmp_path, monkeypatch)
    sites: dict[int, dict[str, bytes]] = {}
    for jobs in (1, 2):
        log.write_text("", encoding="utf-8")
        build = build_project(files=_WRITTEN_PAGES, conf=conf, parallel=jobs, events=events)
        out = build.app.outdir
        sites[jobs] = {
            str(path.relative_to(out)): path.read_bytes()
            for path in sorted(out.rglob("*"))
            if path.is_file() and path.name != ".buildinfo"
        }
        missing = [line for line in build.warnings if "nowhere" in line]
        assert len(missing) == 14, missing  # each page's own, once
        resolved = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
        assert sorted(docname for _pid, docname in resolved) == sorted(
            ["index", *(f"page{n}" for n in range(14))]
        )
    main = str(os.getpid())
    in_main = [docname for pid, docname in resolved if pid == main]
    assert in_main == (
        sorted(docname for _pid, docname in resolved) if main_resolves else ["index"]
    )
    assert sites[1] == sites[2]
    assert {"_images/a.png", "_images/b.png", "searchindex.js"} <= set(sites[2])
    assert b"word7" in sites[2]["searchindex.js"]


def test_faster_read_walks_keep_footnotes_docnames(
    build_project: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The replacements of Sphinx's ``NodeMatcher`` read transforms (``walks.py``) read
    the same doctrees as Sphinx's: footnotes and their references get the page's
    docname, a page without them is left as it is."""
    from sphinx_superoffice import walks

    files = {
        "notes.md": "# Notes\n\nA claim[^1] and another[^two].\n\n[^1]: One.\n\n[^two]: Two.\n",
        "plain.md": "# Plain\n\nNo notes.\n",
    }
    dumps: dict[bool, dict[str, str]] = {}
    for faster in (True, False):
        if not faster:
            monkeypatch.setattr(walks, "_READ_FASTER", ())
        build = build_project("# Home\n\n[Notes](notes.md) [Plain](plain.md)\n", files=files)
        dumps[faster] = {name: build.dump(name) for name in ("index", "notes", "plain")}
        notes = build.doctree("notes")
        marked = [n.get("docname") for n in notes.findall(nodes.footnote_reference)]
        marked += [n.get("docname") for n in notes.findall(nodes.footnote)]
        assert marked == ["notes"] * 4
    assert dumps[True] == dumps[False]


def test_read_transforms_without_nodes_to_act_on_are_taken_off_the_page(
    build_project: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read transforms that look only for some classes of node (``walks.ReadCensus``)
    are taken off a page without such nodes, run where there are some (a page with a
    substitution or a ``pending`` node keeps them all), and the doctrees are those of
    a build that runs every transform."""
    from docutils.transforms import misc, references
    from sphinx.transforms import AutoNumbering

    from sphinx_superoffice import walks

    watched = {
        "targets": references.PropagateTargets,
        "numbers": AutoNumbering,
        "transitions": misc.Transitions,
        "substitutions": references.Substitutions,
    }
    ran: list[tuple[str, str]] = []
    for label, transform in watched.items():

        def apply(self: Any, _apply: Any = transform.apply, _label: str = label) -> None:
            ran.append((_label, self.document.settings.env.docname))
            _apply(self)

        monkeypatch.setattr(transform, "apply", apply)
    files = {
        "plain.md": "# Plain\n\nText [link](https://example.com) and [Home](index.md).\n",
        "target.md": "# Target\n\n(here)=\n## Here\n\nText, then a line:\n\n----\n\nMore.\n",
        "subst.md": "# Subst\n\n```{eval-rst}\nBuilt |today|.\n```\n",
    }
    dumps: dict[bool, dict[str, str]] = {}
    for gated in (True, False):
        ran.clear()
        if not gated:
            monkeypatch.setattr(walks, "_skipped", lambda env, kinds: frozenset())
        build = build_project(
            "# Home\n\n[Plain](plain.md) [Target](target.md) [Subst](subst.md)\n", files=files
        )
        dumps[gated] = {name: build.dump(name) for name in ("index", "plain", "target", "subst")}
        if gated:
            assert sorted(ran) == [
                ("numbers", "subst"),
                ("substitutions", "subst"),
                ("targets", "subst"),
                ("targets", "target"),
                ("transitions", "subst"),
                ("transitions", "target"),
            ]
        else:
            assert len(ran) == 4 * 4  # every transform on every page
        html = build.html("subst.html")
        assert "<p>Built " in html and "|today|" not in html
    assert dumps[True] == dumps[False]
