"""Build the same DocFX tree with plain myst-parser and with sphinx-superoffice, in one run.

Prints wall time, CPU time, pages per second and peak memory for both, and the
ratios (extension / plain); CPU time is steadier than wall time on a busy machine.
Each build runs in a fresh process; the runs are interleaved and the median is reported.

    python benchmarks/bench_build.py [--tree ../shared/corpus/superoffice/docs/no]
                                     [--repeat 3] [--jobs 1]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TREE = REPO.parent / "shared" / "corpus" / "superoffice" / "docs" / "no"

CONFS = {
    "myst-parser": """
        extensions = ["myst_parser"]
        # plain Sphinx aborts on the corpus's UTF-16 page ("Encoding error!"); skip it here
        exclude_patterns = ["request/learn/screen/index.md"]
    """,
    "sphinx-superoffice": """
        extensions = ["sphinx_superoffice"]
        superoffice_root = "../.."
        exclude_patterns = ["request/learn/screen/index.md"]
    """,
    # the same, with this project's theme instead of `basic` (its nav is computed once)
    "+ superoffice theme": """
        extensions = ["sphinx_superoffice"]
        superoffice_root = "../.."
        exclude_patterns = ["request/learn/screen/index.md"]
        html_theme = "superoffice"
    """,
    # Sphinx's default theme draws the global toctree in its sidebar on every page
    "myst-parser alabaster": """
        extensions = ["myst_parser"]
        exclude_patterns = ["request/learn/screen/index.md"]
        html_theme = "alabaster"
    """,
    "+ alabaster": """
        extensions = ["sphinx_superoffice"]
        superoffice_root = "../.."
        exclude_patterns = ["request/learn/screen/index.md"]
        html_theme = "alabaster"
    """,
}
COMMON = """
    # one theme for both builds. `basic` draws no global toctree in a sidebar; alabaster
    # (Sphinx's default) does, on every page, which makes any site with a real toctree
    # quadratic in Sphinx itself (plain myst-parser has no toctree to draw)
    html_theme = globals().get("html_theme", "basic")
    language = "nb"
    root_doc = "learn/intro"
    suppress_warnings = ["toc.not_included"]
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


def run_build(name: str, tree: Path, work: Path, jobs: int) -> dict[str, float]:
    confdir = work / name
    confdir.mkdir(parents=True, exist_ok=True)
    (confdir / "conf.py").write_text(
        textwrap.dedent(CONFS[name]) + textwrap.dedent(COMMON), encoding="utf-8"
    )
    out = work / f"{name}-out"
    shutil.rmtree(out, ignore_errors=True)
    args = ["-b", "html", "-q", "-E", "-j", str(jobs), "-c", str(confdir)]
    args += ["-w", str(work / f"{name}.warnings"), str(tree), str(out)]
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, check=False
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"{name} build failed:\n{result.stdout}\n{result.stderr}")
    data: dict[str, float] = json.loads(lines[-1])
    pages = [p for p in out.rglob("*.html") if "_static" not in p.parts]
    data["pages"] = len(pages) - 3  # genindex, search, index
    data["html_bytes"] = sum(p.stat().st_size for p in pages)
    data["out_bytes"] = sum(
        p.stat().st_size for p in out.rglob("*") if p.is_file() and "_static" not in p.parts
    )
    warnings = (work / f"{name}.warnings").read_text(encoding="utf-8")
    data["warnings"] = sum("WARNING" in line for line in warnings.splitlines())
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=DEFAULT_TREE)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument(
        "--configs", default=",".join(CONFS), help="comma-separated names (myst-parser first)"
    )
    args = parser.parse_args()
    names = args.configs.split(",")
    if not args.tree.is_dir():
        print(f"no tree at {args.tree}", file=sys.stderr)
        return 2

    results: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.repeat):
            for name in names:  # interleaved, so drift hits both alike
                data = run_build(name, args.tree.resolve(), Path(tmp), args.jobs)
                results[name].append(data)
                print(f"round {round_ + 1}: {name}: {data['wall']:.1f} s", file=sys.stderr)

    print(f"tree: {args.tree}  jobs: {args.jobs}  rounds: {args.repeat} (median)")
    print(
        f"{'build':<20} {'wall s':>8} {'cpu s':>7} {'pages/s':>8} {'peak MiB':>9} {'pages':>6} "
        f"{'warnings':>9} {'KB/page':>8} {'out MB':>7}"
    )
    summary = {}
    for name, runs in results.items():
        wall = statistics.median(r["wall"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        peak = statistics.median(r["peak_mib"] for r in runs)
        pages = runs[-1]["pages"]
        summary[name] = (wall, cpu, peak)
        print(
            f"{name:<20} {wall:>8.1f} {cpu:>7.1f} {pages / wall:>8.1f} {peak:>9.0f} "
            f"{pages:>6.0f} {runs[-1]['warnings']:>9.0f} "
            f"{runs[-1]['html_bytes'] / pages / 1000:>8.1f} {runs[-1]['out_bytes'] / 1e6:>7.1f}"
        )
    plain_wall, plain_cpu, plain_peak = summary["myst-parser"]
    for name, (wall, cpu, peak) in summary.items():
        if name != "myst-parser":
            print(
                f"ratio ({name} / myst-parser): time {wall / plain_wall:.2f}x "
                f"(cpu {cpu / plain_cpu:.2f}x), peak memory {peak / plain_peak:.2f}x"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
