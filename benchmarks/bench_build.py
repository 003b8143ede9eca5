"""Build the shared DocFX trees with plain myst-parser and with sphinx-superoffice, in one run.

For each tree (``--trees no,en``) and each configuration below, in interleaved rounds
(``--repeat``), each build in a fresh process from an empty output folder, it prints
wall time, CPU time (the build and its workers: steadier than wall time on a busy
machine), peak memory (the largest process), pages, warnings, HTML bytes per article
page and the total output size, then the ratios against plain myst-parser.

- **plain**: ``myst_parser`` + ``sphinx_design``, the ``basic`` theme; includes are built
  as pages (nothing tells plain Sphinx they are fragments).
- **ext**: ``sphinx_superoffice``, ``basic``; **ext superoffice**: with this project's
  theme; **plain alabaster** / **ext alabaster**: Sphinx's default theme, which draws
  the global toctree on every page.
- With ``--jobs 1,2`` every configuration is also built with ``-j 2``; the ``-j 2``
  speed-up is the ratio of the medians, and, with several rounds, also the median of
  each round's own ratio (its ``-j 1`` and ``-j 2`` builds ran minutes apart, so a
  slower or faster spell of a shared machine weighs on both).

"Article" bytes compare like with like: the mean over the same pages in every build of
a tree, the pages each build writes that are not redirect pages. Left out are the
redirect stubs (near-empty pages in the plain build) and the include fragments, which
plain Sphinx builds as pages of their own; both lowered plain's mean when it was taken
over all of its pages.

Every build runs against compiled bytecode: before the first build the benchmark writes
the bytecode of this project's package where it is missing (a checkout or an editable
install, with ``PYTHONDONTWRITEBYTECODE`` set), as installing a wheel does. Else each
build of this extension compiled its modules again at start-up (0.2-0.3 s a build,
measured), while plain's installed packages had theirs.

The English tree's API reference (``automation/crmscript/reference``, ManagedReference
YAML that plain myst-parser cannot read) is left out of this comparison in every
configuration; ``benchmarks/bench_apiref.py`` measures it.

    python benchmarks/bench_build.py [--trees no,en] [--repeat 1] [--jobs 1,2]
                                     [--configs plain,ext,...] [--json FILE]
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "superoffice"


@dataclass(frozen=True)
class Tree:
    path: Path
    language: str
    root_doc: str
    exclude: tuple[str, ...]


TREES = {
    "no": Tree(
        CORPUS / "docs" / "no",
        "nb",
        "learn/intro",
        # plain Sphinx aborts on the corpus's UTF-16 page ("Encoding error!"): left out
        ("request/learn/screen/index.md",),
    ),
    "en": Tree(
        CORPUS / "docs" / "en",
        "en",
        "index",
        ("automation/crmscript/reference/**",),
    ),
}

PLAIN = """
extensions = ["myst_parser", "sphinx_design"]
myst_heading_anchors = 6
"""
EXT = """
extensions = ["sphinx_superoffice"]
superoffice_root = "../.."
"""
CONFS = {
    "plain": PLAIN + 'html_theme = "basic"\n',
    "ext": EXT + 'html_theme = "basic"\n',
    "ext superoffice": EXT + 'html_theme = "superoffice"\n',
    "plain alabaster": PLAIN + 'html_theme = "alabaster"\n',
    "ext alabaster": EXT + 'html_theme = "alabaster"\n',
}
COMMON = """
suppress_warnings = ["toc.not_included", "myst.header", "misc.highlighting_failure"]
"""

RUNNER = textwrap.dedent(
    """
    import json, resource, sys, time
    from sphinx.cmd.build import build_main
    start, cpu_start = time.perf_counter(), time.process_time()
    code = build_main(sys.argv[1:])
    wall = time.perf_counter() - start
    me, kids = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    cpu = time.process_time() - cpu_start + kids.ru_utime + kids.ru_stime
    peak = max(me.ru_maxrss, kids.ru_maxrss)
    print(json.dumps({"code": code, "wall": wall, "cpu": cpu, "peak_mib": peak / 1024}))
    """
)


def compile_packages(names: tuple[str, ...] = ("sphinx_superoffice",)) -> None:
    """Write the bytecode of the packages ``names`` (as the builds will import them:
    same ``sys.path``) where it is missing, as installing a wheel does."""
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            for folder in spec.submodule_search_locations:
                compileall.compile_dir(folder, quiet=1)


def write_conf(confdir: Path, conf: str, tree: Tree) -> None:
    confdir.mkdir(parents=True, exist_ok=True)
    text = conf + COMMON
    text += f"language = {tree.language!r}\nroot_doc = {tree.root_doc!r}\n"
    text += f"exclude_patterns = {list(tree.exclude)!r}\n"
    (confdir / "conf.py").write_text(text, encoding="utf-8")


def run_sphinx(
    srcdir: Path, confdir: Path, out: Path, jobs: int, *, fresh: bool = True, warnings: Path
) -> dict[str, float]:
    """One build in a fresh process: wall, cpu, peak_mib (and code)."""
    args = ["-b", "html", "-q", "-j", str(jobs), "-c", str(confdir)]
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
        args.append("-E")
    args += ["-w", str(warnings), str(srcdir), str(out)]
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, check=False
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"build of {srcdir} failed:\n{result.stdout}\n{result.stderr[-3000:]}")
    data: dict[str, float] = json.loads(lines[-1])
    if data["code"]:
        raise SystemExit(f"build of {srcdir} failed ({data['code']}):\n{result.stderr[-3000:]}")
    return data


def is_redirect(path: Path) -> bool:
    with path.open("rb") as fh:
        return b'http-equiv="refresh"' in fh.read(2048)


def html_pages(out: Path) -> dict[str, int]:
    """Source-page HTML files (not _static, genindex, search) -> bytes."""
    skip = {"genindex.html", "search.html", "py-modindex.html"}
    return {
        str(p.relative_to(out)): p.stat().st_size
        for p in out.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts and p.name not in skip
    }


def measure(name: str, tree: Tree, work: Path, jobs: int) -> dict[str, float]:
    confdir = work / "conf" / name
    write_conf(confdir, CONFS[name], tree)
    out = work / "out" / f"{name}-j{jobs}"
    warnings = work / f"{name}-j{jobs}.warnings"
    data = run_sphinx(tree.path, confdir, out, jobs, warnings=warnings)
    pages = html_pages(out)
    redirects = {rel for rel in pages if is_redirect(out / rel)}
    data["pages"] = len(pages)
    data["redirects"] = len(redirects)
    data["out_bytes"] = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    text = warnings.read_text(encoding="utf-8", errors="replace")
    data["warnings"] = sum("WARNING" in line for line in text.splitlines())
    (work / "pages").mkdir(exist_ok=True)
    articles = {rel: size for rel, size in pages.items() if rel not in redirects}
    (work / "pages" / f"{name}-j{jobs}.json").write_text(json.dumps(articles))
    return data


def articles(work: Path, name: str, jobs: int) -> dict[str, int]:
    """The HTML pages of a build that are not redirect pages -> bytes."""
    found: dict[str, int] = json.loads((work / "pages" / f"{name}-j{jobs}.json").read_text())
    return found


def article_bytes(work: Path, name: str, jobs: int, common: set[str]) -> float:
    """Mean HTML bytes of ``common``, the article pages every build of the tree writes."""
    mine = articles(work, name, jobs)
    return sum(mine[rel] for rel in common) / max(len(common), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trees", default="no,en")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--jobs", default="1", help="comma-separated, e.g. 1,2")
    parser.add_argument("--configs", default=",".join(CONFS), help="comma-separated names")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    compile_packages()
    names = args.configs.split(",")
    if "plain" not in names:
        names.insert(0, "plain")
    jobs_list = [int(j) for j in args.jobs.split(",")]
    report: dict[str, dict[str, dict[str, float]]] = {}
    for tree_name in args.trees.split(","):
        tree = TREES[tree_name]
        if not tree.path.is_dir():
            print(f"no tree at {tree.path}", file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            runs: dict[tuple[str, int], list[dict[str, float]]] = {}
            for round_ in range(args.repeat):
                for jobs in jobs_list:
                    for name in names:  # interleaved, so drift hits all alike
                        data = measure(name, tree, work, jobs)
                        runs.setdefault((name, jobs), []).append(data)
                        print(
                            f"{tree_name} round {round_ + 1}: {name} -j{jobs}: "
                            f"{data['wall']:.1f} s",
                            file=sys.stderr,
                        )
            common = {
                jobs: set.intersection(*(set(articles(work, name, jobs)) for name in names))
                for jobs in jobs_list
            }
            results: dict[str, dict[str, Any]] = {}
            for (name, jobs), items in runs.items():
                last = items[-1]
                results[f"{name} -j{jobs}"] = {
                    "wall": statistics.median(r["wall"] for r in items),
                    "cpu": statistics.median(r["cpu"] for r in items),
                    "peak_mib": statistics.median(r["peak_mib"] for r in items),
                    "pages": last["pages"],
                    "redirects": last["redirects"],
                    "warnings": last["warnings"],
                    "article_kb": article_bytes(work, name, jobs, common[jobs]) / 1000,
                    "articles": len(common[jobs]),
                    "out_mb": last["out_bytes"] / 1e6,
                    "wall_rounds": [r["wall"] for r in items],
                }
        report[tree_name] = results
        print_tree(tree_name, args.repeat, results)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


def print_tree(tree: str, repeat: int, results: dict[str, dict[str, Any]]) -> None:
    counted = next(iter(results.values()))["articles"]
    print(f"\n## tree {tree} (median of {repeat}; article bytes over {counted:.0f} pages)\n")
    print(
        "| build | wall s | CPU s | peak MiB | pages (redirects) | warnings "
        "| article KB/page | output MB |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        print(
            f"| {name} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['peak_mib']:.0f} "
            f"| {r['pages']:.0f} ({r['redirects']:.0f}) | {r['warnings']:.0f} "
            f"| {r['article_kb']:.1f} | {r['out_mb']:.1f} |"
        )
    print()
    for name, r in results.items():
        jobs = name.rsplit(" -j", 1)[1]
        base_name = "plain alabaster" if "alabaster" in name else "plain"
        base = results.get(f"{base_name} -j{jobs}")
        if base is None or name.startswith("plain"):
            continue
        print(
            f"- {name} / {base_name} -j{jobs}: time {r['wall'] / base['wall']:.2f}x "
            f"(CPU {r['cpu'] / base['cpu']:.2f}x), peak memory "
            f"{r['peak_mib'] / base['peak_mib']:.2f}x, article bytes "
            f"{r['article_kb'] / results[f'plain -j{jobs}']['article_kb']:.2f}x of plain basic"
        )
    for name, r in results.items():
        if name.endswith(" -j2") and f"{name[:-4]} -j1" in results:
            one = results[f"{name[:-4]} -j1"]
            # each round's -j1 and -j2 builds ran minutes apart: their ratio is spared the
            # machine's slower and faster spells that the medians of all rounds mix
            pairs = zip(one["wall_rounds"], r["wall_rounds"], strict=True)
            paired = sorted(a / b for a, b in pairs)
            rounds = (
                f" (round by round: median {statistics.median(paired):.2f}x, "
                f"{paired[0]:.2f}x-{paired[-1]:.2f}x)"
                if len(paired) > 1
                else ""
            )
            print(f"- {name[:-4]}: -j2 speed-up {one['wall'] / r['wall']:.2f}x{rounds}")


if __name__ == "__main__":
    raise SystemExit(main())
