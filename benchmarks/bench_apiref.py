"""The API reference's cost against the Markdown pages', on the real CRMScript tree.

Builds ``docs/en/automation/crmscript`` (the CRMScript guide, Markdown, and its
``reference/``, ManagedReference YAML) three times, each in a fresh process with this
extension and the ``superoffice`` theme:

- ``empty``: one page (the fixed cost of a build: start-up, theme, static files);
- ``guide``: the Markdown (and landing) pages, ``reference/`` excluded;
- ``guide + reference``: everything.

The guide's cost per page is (guide - empty) / its pages, the reference's is
(everything - guide) / its pages, in wall and CPU time; peak memory is reported per
build. The target (issue 14) is at most 1.5x the Markdown pages' time per page.

    python benchmarks/bench_apiref.py [--tree TREE] [--repeat 1] [--jobs 1]
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

from bench_build import RUNNER, compile_packages  # type: ignore[import-not-found]

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TREE = (
    REPO.parent / "shared" / "corpus" / "superoffice" / "docs" / "en" / "automation" / "crmscript"
)

COMMON = """
    extensions = ["sphinx_superoffice"]
    html_theme = "superoffice"
    superoffice_root = "../../../.."
"""
CONFS = {
    "empty": 'include_patterns = ["index.yml"]\n',
    "guide": 'exclude_patterns = ["reference/**"]\n',
    "guide + reference": "",
}


def run(name: str, tree: Path, work: Path, jobs: int) -> dict[str, float]:
    confdir = work / name.replace(" ", "")
    confdir.mkdir(parents=True, exist_ok=True)
    (confdir / "conf.py").write_text(textwrap.dedent(COMMON) + CONFS[name], encoding="utf-8")
    out = work / f"{confdir.name}-out"
    shutil.rmtree(out, ignore_errors=True)
    args = ["-b", "html", "-q", "-E", "-j", str(jobs), "-c", str(confdir)]
    args += ["-w", str(work / f"{confdir.name}.warnings"), str(tree), str(out)]
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, check=False
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"{name} build failed:\n{result.stdout}\n{result.stderr}")
    data: dict[str, float] = json.loads(lines[-1])
    pages = [p for p in out.rglob("*.html") if "_static" not in p.parts]
    data["pages"] = len(pages) - 2  # genindex, search
    data["api_pages"] = len(list((out / "reference").glob("*.html")))
    return data


def round_ratio(runs: dict[str, list[dict[str, float]]], index: int, key: str) -> float:
    """Round ``index``'s reference cost per page over its Markdown cost per page."""
    empty, guide, full = (runs[name][index] for name in CONFS)
    markdown = (guide[key] - empty[key]) / (guide["pages"] - empty["pages"])
    reference = (full[key] - guide[key]) / full["api_pages"]
    return reference / markdown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=DEFAULT_TREE)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    compile_packages()
    if not args.tree.is_dir():
        print(f"no tree at {args.tree}", file=sys.stderr)
        return 2
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in CONFS}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.repeat):
            for name in CONFS:
                data = run(name, args.tree.resolve(), Path(tmp), args.jobs)
                runs[name].append(data)
                print(f"round {round_ + 1}: {name}: {data['wall']:.1f} s", file=sys.stderr)

    def median(name: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[name])

    print(f"tree: {args.tree}  jobs: {args.jobs}  rounds: {args.repeat} (median)")
    print(f"{'build':<20} {'wall s':>8} {'cpu s':>7} {'peak MiB':>9} {'pages':>6}")
    for name in CONFS:
        print(
            f"{name:<20} {median(name, 'wall'):>8.1f} {median(name, 'cpu'):>7.1f} "
            f"{median(name, 'peak_mib'):>9.0f} {median(name, 'pages'):>6.0f}"
        )
    guide_pages = median("guide", "pages") - median("empty", "pages")
    api_pages = median("guide + reference", "api_pages")
    for key in ("wall", "cpu"):
        guide = (median("guide", key) - median("empty", key)) / guide_pages
        api = (median("guide + reference", key) - median("guide", key)) / api_pages
        print(
            f"{key}: Markdown {guide * 1000:.1f} ms/page ({guide_pages:.0f} pages), "
            f"reference {api * 1000:.1f} ms/page ({api_pages:.0f} pages): {api / guide:.2f}x"
        )
        # each round's three builds run within a minute: a slow spell of the machine
        # weighs on one round's builds more than on the medians' mix of rounds
        ratios = [round_ratio(runs, i, key) for i in range(args.repeat)]
        print(
            f"  round by round: median {statistics.median(ratios):.2f}x, "
            f"{min(ratios):.2f}x-{max(ratios):.2f}x ({', '.join(f'{r:.2f}x' for r in ratios)})"
        )
    extra = median("guide + reference", "peak_mib") - median("guide", "peak_mib")
    print(
        f"peak memory: +{extra:.0f} MiB for the reference ({extra / api_pages * 1024:.0f} KiB/page)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
