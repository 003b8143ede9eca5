"""Build many small random DocFX projects and check that nothing breaks.

Each case generates a whole project from a seed: pages with front matter (titles,
uids, keywords, redirects), include fragments that include each other (cycles and
deep chains included), toc.yml files that embed each other, YAML landing pages,
snippets, images, and paragraphs mixing well-formed DocFX constructs with broken ones
and Markdown noise; sometimes a file in another encoding, or malformed YAML. Cases are
built with the html builder, ``--batch`` of them together in one Sphinx project (each
case in a folder of its own, its root toc.yml held by the batch's; one Sphinx start-up
for many cases), in ``--jobs`` worker processes, and checked:

- the build raises nothing (Sphinx's crash banner is an exception here) and ends with
  status 0;
- every page has its HTML file;
- no well-formed construct shows raw in the visible text of a page (text outside
  ``<pre>``, ``<code>``, comments and scripts): ``[!include[…]``, ``[!NOTE]`` and
  ``<xref:…>`` of a uid that exists.

    python tools/fuzz.py --cases 300 [--seed 1] [--batch 25] [--jobs 2] [--keep DIR] [--theme]

When a batch's build fails as a whole, each of its cases is built again as a project
of its own, so a failure is always reported for the cases that cause it. Prints the
cases per second and each failure with the seed that reproduces it (``--seed S
--cases 1``); with ``--keep``, a failing project is copied there. Exit status 1 if any
case failed.
"""

from __future__ import annotations

import argparse
import codecs
import multiprocessing
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000005000d0a2db40000000049454e44ae426082"
)
ALERTS = ["NOTE", "TIP", "IMPORTANT", "CAUTION", "WARNING"]
#: Markdown and DocFX noise: broken halves and punctuation, never a well-formed
#: construct the checks look for (no ``[!NOTE]``, no ``<xref:``)
NOISE = [
    "word",
    "ord",
    "Æøå",
    " ",
    "  ",
    "\n",
    "*",
    "**",
    "_",
    "`",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "{",
    "}",
    "!",
    "#",
    "|",
    "\\",
    "&amp;",
    "&#91;",
    "[!include[",
    "[!include[x](",
    "[!INCLUDE [x](nowhere.md)]",
    "[!include[x](a.md) ]",
    "[!NOT",
    "[!note",
    "> ",
    "- ",
    "1. ",
    "    ",
    "<a href=x>",
    "</a>",
    "<a id=",
    "<xref",
    "@",
    "@Missing.Uid",
    ":::",
    ":::image",
    ':::image type="content" source="nowhere.png" alt-text="x":::',
    '::: zone pivot="p"\n',
    "::: zone-end\n",
    "[!code-cs[",
    "[!code[](nowhere.cs)]",
    "[x](nowhere.md)",
    "[x](#nowhere)",
    "![i](nowhere.png)",
    "http://example.com",
    "| a | b |\n|---|---|\n",
    "---",
    "~~~",
    "```",
]


@dataclass
class Project:
    files: dict[str, str | bytes] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)  # docnames with an HTML file
    #: what must not show raw: the well-formed statements of this project (an alert's
    #: marker followed by its own text)
    forbidden: list[re.Pattern[str]] = field(default_factory=list)

    def moved(self, root: str) -> Project:
        """The project with its files and pages in the folder ``root``."""
        if not root:
            return self
        return Project(
            {root + rel: content for rel, content in self.files.items()},
            [root + docname for docname in self.pages],
            self.forbidden,
        )

    def forbid(self, text: str, *, then: str = "") -> None:
        pattern = re.escape(text) + (r"\s*" + re.escape(then) if then else "")
        self.forbidden.append(re.compile(pattern))


class Generator:
    """One random project from one seed."""

    def __init__(self, seed: int, root: str = "") -> None:
        self.rng = random.Random(seed)
        #: the case's folder in a batch (``c12/``), empty for a project of its own
        self.root = root
        self.project = Project()
        self.uids: list[str] = []
        self.bombs: set[int] = set()
        self.linkable: list[str] = []
        self.serial = 0

    def unique(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}{self.serial}"

    def noise(self, pieces: int) -> str:
        return "".join(self.rng.choice(NOISE) for _ in range(pieces))

    def make(self) -> Project:
        rng = self.rng
        folders = ["", "a", "a/b", "c"]
        n_pages = rng.randint(1, 6)
        pages = ["index"] + [f"{rng.choice(folders)}/p{i}".lstrip("/") for i in range(1, n_pages)]
        pages = list(dict.fromkeys(pages))
        tag = self.root.strip("/").upper()
        self.uids = [f"Uid.{tag}P{i}" for i in range(len(pages))]
        # an alias bomb in the front matter: refused, so its page has no uid to link to
        self.bombs = {i for i in range(len(pages)) if rng.random() < 0.03}
        self.linkable = [uid for i, uid in enumerate(self.uids) if i not in self.bombs]
        n_includes = rng.randint(0, 5)
        includes = [f"includes/f{i}.md" for i in range(n_includes)]
        for i, rel in enumerate(includes):
            self.project.files[rel] = self.fragment(includes, i)
        self.project.files["code/a.cs"] = "// <x>\nclass A {}\n// </x>\nint b;\n"
        self.project.files["media/a.png"] = PNG
        for i, docname in enumerate(pages):
            self.project.files[f"{docname}.md"] = self.page(docname, i, pages, includes)
            self.project.pages.append(docname)
        for i in range(rng.randint(0, 2)):
            docname = f"{rng.choice(folders)}/land{i}".lstrip("/")
            self.project.files[f"{docname}.yml"] = self.landing(docname, pages)
            self.project.pages.append(docname)
        self.tocs(pages, folders)
        self.damage()
        return self.project.moved(self.root)

    # -- pages and fragments -----------------------------------------------------------

    def rel(self, here: str, target: str) -> str:
        """``target`` (source-relative) as a link from the file ``here``."""
        depth = here.count("/")
        return "../" * depth + target

    def page(self, docname: str, index: int, pages: list[str], includes: list[str]) -> str:
        rng = self.rng
        lines = ["---", f"title: Page {index}", f"uid: {self.uids[index]}"]
        if rng.random() < 0.3:
            lines.append("keywords: [" + ", ".join(rng.sample(["a", "b", "c", "d"], 2)) + "]")
        if rng.random() < 0.1 and index:
            lines.append(f"redirect_url: {self.rel(docname, rng.choice(pages))}.md")
        if rng.random() < 0.1:
            lines.append(self.rng.choice(["date: 13.01.2020", "ms.date: x", "author: [1, 2]"]))
        if rng.random() < 0.05:
            lines.append("meta: &m [1, 2]\nmore: *m")
        if index in self.bombs:  # refused, never expanded
            lines.append("a: &a [x, x, x, x, x, x, x, x, x]")
            for level in "bcdefgh":
                lines.append(
                    f"{level}: &{level} [" + ", ".join(["*" + chr(ord(level) - 1)] * 9) + "]"
                )
        lines += ["---", "", f"# Page {index}", ""]
        body = [self.block(docname, pages, includes) for _ in range(rng.randint(1, 8))]
        return "\n".join(lines) + "\n\n".join(body) + "\n"

    def fragment(self, includes: list[str], index: int) -> str:
        rng = self.rng
        here = includes[index]
        blocks = [f"Fragment {index}."]
        for _ in range(rng.randint(0, 3)):
            if includes and rng.random() < 0.6:
                # a sibling (cycles too), or the next one (deep chains)
                pick = includes[(index + 1) % len(includes)] if rng.random() < 0.5 else None
                target = (pick or rng.choice(includes)).split("/", 1)[1]
                blocks.append(self.include(target))
            else:
                # an alert is no alert in a fragment included inline: not checked
                blocks.append(self.block(here.removesuffix(".md"), [], [], block_only=False))
        if rng.random() < 0.2:
            blocks.insert(0, "---\ntitle: fragment\n---")
        return "\n\n".join(blocks) + "\n"

    def include(self, path: str, inline: bool = False) -> str:
        statement = f"[!include[{self.unique('inc')}]({path})]"
        self.project.forbid(statement)
        return f"Text {statement} text." if inline else statement

    def block(
        self, docname: str, pages: list[str], includes: list[str], block_only: bool = True
    ) -> str:
        """One block: a well-formed construct or noise, on its own. ``block_only``: the
        text is read as blocks (not a fragment that may be included inline)."""
        rng = self.rng
        kind = rng.choice(
            [
                *("noise", "noise", "include", "inline-include", "alert", "xref", "link"),
                *("code", "image", "tabs", "zone", "table", "list", "div", "video"),
                *("anchor", "nested-alert", "row", "root-include", "many-links"),
            ]
        )
        if kind == "include" and includes:
            return self.include(self.rel(docname, rng.choice(includes)))
        if kind == "inline-include" and includes:
            return self.include(self.rel(docname, rng.choice(includes)), inline=True)
        if kind == "alert":
            marker, text = rng.choice(ALERTS), f"Alert {self.unique('a')}"
            if block_only:
                self.project.forbid(f"[!{marker}]", then=text)
            return f"> [!{marker}]\n> {text} {self.noise(3)}"
        if kind == "xref" and self.linkable:
            uid = rng.choice(self.linkable)
            self.project.forbid(f"<xref:{uid}>")
            return f"See <xref:{uid}> and [it](xref:{uid})."
        if kind == "link" and pages:
            target = rng.choice(pages)
            return f"[Link]({self.rel(docname, target)}.md#{rng.choice(['', 'x', 'page-1'])})"
        if kind == "code":
            return rng.choice(
                [
                    f"[!code-csharp[]({self.rel(docname, 'code/a.cs')}#x)]",
                    f':::code language="cs" source="{self.rel(docname, "code/a.cs")}":::',
                    "```python\ndef f(:\n```",
                    "```crmscript\n#setLanguageLevel 3;\n```",
                ]
            )
        if kind == "image":
            src = self.rel(docname, "media/a.png")
            return rng.choice(
                [f"![A]({src})", f':::image type="content" source="{src}" alt-text="A":::']
            )
        if kind == "tabs":
            tab = self.unique("t")
            return f"# [One](#tab/{tab}-1)\n\nA\n\n# [Two](#tab/{tab}-2)\n\nB\n\n---"
        if kind == "zone":
            return '::: zone pivot="p1"\n\nZone text\n\n::: zone-end'
        if kind == "table":
            return "| a | b |\n|---|---|\n| 1 | " + self.noise(2).replace("\n", " ") + " |"
        if kind == "list":
            return "- one\n  - two\n\n    " + self.noise(4)
        if kind == "div":
            return '> [!div class="nextstepaction"]\n> [Next](https://example.com/)'
        if kind == "video":
            return "> [!VIDEO https://www.youtube.com/embed/x]"
        if kind == "anchor":
            anchor = self.unique("anchor")
            return f'## <a id="{anchor}"></a>Heading\n\n[Here](#{anchor}) and [gone](#none)'
        if kind == "nested-alert" and block_only:
            marker, text = rng.choice(ALERTS), f"Nested {self.unique('n')}"
            self.project.forbid(f"[!{marker}]", then=text)
            return f"1. Step\n\n   > [!{marker}]\n   > {text}\n\n2. Next"
        if kind == "row":
            return ":::row:::\n:::column:::\nLeft\n:::column-end:::\n:::column:::\nRight\n" + (
                ":::column-end:::\n:::row-end:::"
            )
        if kind == "many-links":  # one paragraph, many lines: lines counted once
            return "\n".join(
                f"[l{i}]({rng.choice(['a.md', '#x', 'nowhere.md'])})" for i in range(40)
            )
        if kind == "root-include" and includes:
            return self.include("~/" + self.root + rng.choice(includes))
        return self.noise(rng.randint(1, 12))

    # -- YAML ----------------------------------------------------------------------------

    def landing(self, docname: str, pages: list[str]) -> str:
        rng = self.rng
        url = self.rel(docname, rng.choice(pages)) + ".md"
        mime = rng.choice(["SubCategory", "Category"])
        text = (
            f"### YamlMime:{mime}\ntitle: Landing {self.unique('l')}\n"
            f"summary: {self.noise(2).replace(chr(10), ' ')!r}\n"
            f"metadata: {rng.choice(['{title: T, description: D}', 'text', '[a]', ''])}\n"
            "landingContent:\n  - title: Card\n    linkLists:\n      - linkListType: overview\n"
            f"        links:\n          - text: A\n            url: {url}\n"
            "          - text: B\n            url: https://example.com/\n"
            "highlightedContent:\n  items:\n    - title: H\n      itemType: overview\n"
            f"      url: {url}\n"
        )
        if rng.random() < 0.2:
            # cut after the YamlMime line: maybe malformed YAML, still a landing page
            text = text[: rng.randint(text.index("\n") + 1, len(text))]
        return text

    def tocs(self, pages: list[str], folders: list[str]) -> None:
        rng = self.rng
        toc_folders = rng.sample(folders, rng.randint(0, len(folders)))
        for folder in toc_folders:
            items = []
            for _ in range(rng.randint(0, 4)):
                choice = rng.random()
                here = f"{folder}/toc".lstrip("/")
                if choice < 0.5 and pages:
                    target = self.rel(here, rng.choice(pages)) + ".md"
                    items.append(f"- name: {self.unique('T')}\n  href: {target}")
                elif choice < 0.7 and toc_folders:
                    other = rng.choice(toc_folders)
                    target = self.rel(here, f"{other}/".lstrip("/") or "./")
                    items.append(f"- name: {self.unique('Sub')}\n  href: {target}")
                elif choice < 0.8 and self.uids:
                    items.append(f"- name: U\n  uid: {rng.choice(self.uids)}")
                elif choice < 0.9:
                    items.append("- name: Group\n  items:\n    - name: Missing\n      href: x.md")
                else:
                    items.append(rng.choice(["- just text", "- {}", "- name: [a"]))
            self.project.files[f"{folder}/toc.yml".lstrip("/")] = "\n".join(items) + "\n"

    # -- damage --------------------------------------------------------------------------

    def damage(self) -> None:
        """Sometimes re-encode a file, or add a NUL byte."""
        rng = self.rng
        if rng.random() > 0.15:
            return
        rel = rng.choice(sorted(self.project.files))
        content = self.project.files[rel]
        if isinstance(content, bytes):
            return
        encoding = rng.choice(["cp1252", "utf-16", "utf-16-le", "utf-8-sig"])
        data = codecs.encode(content, encoding, errors="replace")
        if rng.random() < 0.3:
            data += b"\x00"
        self.project.files[rel] = data


# --- checks --------------------------------------------------------------------------------


class _VisibleText(HTMLParser):
    """The text of a page a reader sees: no code, scripts, styles, head or comments."""

    HIDDEN = frozenset({"pre", "code", "script", "style", "head", "title", "textarea"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def write_tree(files: dict[str, str | bytes], src: Path, theme: bool) -> None:
    for rel, content in files.items():
        path = src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    conf = 'extensions = ["sphinx_superoffice"]\n'
    conf += 'html_theme = "superoffice"\n' if theme else 'html_theme = "basic"\n'
    (src / "conf.py").write_text(conf, encoding="utf-8")


def build(
    cases: dict[int, Project], workdir: Path, theme: bool
) -> tuple[list[str], dict[int, list[str]]]:
    """Build the cases as one project: each case in a folder of its own (``c<seed>/``)
    when there are several. Returns the problems of the build (an exception, a status)
    and those of each case's pages (empty: the case passed)."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    src = workdir / "src"
    files: dict[str, str | bytes] = {}
    for project in cases.values():
        files.update(project.files)
    if len(cases) > 1:
        # the batch's root: a page, and a toc that holds each case's own root toc
        files["index.md"] = "# Fuzz batch\n"
        files["toc.yml"] = "".join(
            f"- name: Case {seed}\n  href: c{seed}/\n"
            for seed, project in cases.items()
            if f"c{seed}/toc.yml" in project.files
        )
    write_tree(files, src, theme)
    out = workdir / "out"
    problems: list[str] = []
    try:
        with docutils_namespace():
            app = Sphinx(
                str(src),
                str(src),
                str(out),
                str(workdir / "doctrees"),
                "html",
                status=StringIO(),
                warning=StringIO(),
                freshenv=True,
            )
            app.build()
            if app.statuscode:
                problems.append(f"status {app.statuscode}")
    except BaseException as exc:  # a crash is what we look for
        if isinstance(exc, KeyboardInterrupt):
            raise
        problems.append("exception: " + "".join(traceback.format_exception(exc))[-1500:])
    finally:
        from sphinx import locale

        locale.translators.clear()
    if problems:
        return problems, {}
    return [], {seed: check_pages(project, out) for seed, project in cases.items()}


def check_pages(project: Project, out: Path) -> list[str]:
    """Every page of the project has its HTML file, with no well-formed construct raw."""
    problems = []
    for docname in project.pages:
        page = out / f"{docname}.html"
        if not page.is_file():
            problems.append(f"no page {docname}.html")
            continue
        text = visible_text(page.read_text(encoding="utf-8"))
        for construct in project.forbidden:
            if construct.search(text):
                problems.append(f"{docname}.html shows {construct.pattern!r} raw")
    return problems


def run_alone(seed: int, theme: bool, keep: Path | None) -> list[str]:
    """One case as a project of its own, as ``--seed S --cases 1`` builds it."""
    workdir = Path(tempfile.mkdtemp(prefix=f"fuzz-{seed}-"))
    try:
        problems, pages = build({seed: Generator(seed).make()}, workdir, theme)
        problems += pages.get(seed, [])
        if problems and keep:
            shutil.copytree(workdir / "src", keep / f"case-{seed}", dirs_exist_ok=True)
        return problems
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run_batch(seeds: list[int], theme: bool, keep: Path | None) -> dict[int, list[str]]:
    """Build the cases ``seeds`` together; the problems of each failing case.

    When the build as a whole fails (an exception, a status), each case is built again
    on its own to find the ones that fail; if none does, the failure is reported for
    every case of the batch (they fail only together)."""
    if len(seeds) == 1:
        problems = run_alone(seeds[0], theme, keep)
        return {seeds[0]: problems} if problems else {}
    cases = {seed: Generator(seed, root=f"c{seed}/").make() for seed in seeds}
    workdir = Path(tempfile.mkdtemp(prefix=f"fuzz-{seeds[0]}-"))
    try:
        problems, pages = build(cases, workdir, theme)
        if not problems:
            failed = {seed: found for seed, found in pages.items() if found}
            if failed and keep:
                shutil.copytree(workdir / "src", keep / f"batch-{seeds[0]}", dirs_exist_ok=True)
            return failed
        if keep:
            shutil.copytree(workdir / "src", keep / f"batch-{seeds[0]}", dirs_exist_ok=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    alone = {seed: run_alone(seed, theme, keep) for seed in seeds}
    failed = {seed: found for seed, found in alone.items() if found}
    if failed:
        return failed
    together = [f"fails only in the batch of seeds {seeds[0]}–{seeds[-1]}:", *problems]
    return dict.fromkeys(seeds, together)


def _run_task(
    task: tuple[list[int], bool, Path | None],
) -> tuple[list[int], dict[int, list[str]]]:
    seeds, theme, keep = task
    return seeds, run_batch(seeds, theme, keep)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0, help="case i uses seed + i")
    parser.add_argument(
        "--batch", type=int, default=25, help="cases built together in one project (1: alone)"
    )
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--keep", type=Path, help="copy failing projects into this folder")
    parser.add_argument("--theme", action="store_true", help="with the superoffice theme")
    args = parser.parse_args(argv)

    seeds = range(args.seed, args.seed + args.cases)
    batch = max(1, args.batch)
    batches = [list(seeds[i : i + batch]) for i in range(0, len(seeds), batch)]
    failures = done = reported = 0
    start = time.perf_counter()

    def report(seeds_done: list[int], failed: dict[int, list[str]]) -> None:
        nonlocal failures, done, reported
        for seed, problems in sorted(failed.items()):
            failures += 1
            print(f"case {seed}: FAILED", file=sys.stderr)
            for problem in problems:
                print("  " + problem.replace("\n", "\n  "), file=sys.stderr)
        done += len(seeds_done)
        if done - reported >= 1000 or done == args.cases or (done < 1000 and done - reported >= 50):
            reported = done
            elapsed = time.perf_counter() - start
            print(
                f"{done} cases in {elapsed:.1f} s ({done / elapsed:.2f} cases/s), "
                f"{failures} failed",
                flush=True,
            )

    if args.jobs <= 1:
        for seeds_of_batch in batches:
            report(seeds_of_batch, run_batch(seeds_of_batch, args.theme, args.keep))
    else:
        # a fresh interpreter per worker (no fork of this one), renewed now and then
        # (multiprocessing's pool: ProcessPoolExecutor's max_tasks_per_child can hang)
        context = multiprocessing.get_context("spawn")
        tasks = [(seeds_of_batch, args.theme, args.keep) for seeds_of_batch in batches]
        with context.Pool(args.jobs, maxtasksperchild=20) as pool:
            for seeds_of_batch, failed in pool.imap_unordered(_run_task, tasks):
                report(seeds_of_batch, failed)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
