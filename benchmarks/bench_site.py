"""Time the site features against plain myst-parser on the corpus ``no`` tree.

Builds the tree alternately with plain myst-parser + sphinx-design and with
sphinx_superoffice (same theme, ``basic``, so that only the extension differs), each
from a fresh output folder, and prints wall times, the ratio and warning counts.

    PYTHONPATH=. python benchmarks/bench_site.py --runs 2 --jobs 2

The corpus is read-only; conf.py files and outputs go to a temporary folder.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "superoffice" / "docs" / "no"

COMMON = """
project = "SuperOffice"
language = "nb_NO"
html_theme = "basic"
myst_heading_anchors = 6
suppress_warnings = ["myst.header", "misc.highlighting_failure"]
"""
PLAIN = (
    COMMON
    + """
extensions = ["myst_parser", "sphinx_design"]
root_doc = "learn/intro"  # plain Sphinx needs an existing root page
exclude_patterns = ["request/learn/screen/index.md", "**/includes/**", "includes/**"]
"""
)
SITE = (
    COMMON
    + """
extensions = ["sphinx_superoffice"]
superoffice_root = ".."
superoffice_site_url = "https://docs.superoffice.com/no/"
exclude_patterns = ["request/learn/screen/index.md", "includes/**"]
"""
)


def build(confdir: Path, outdir: Path, jobs: int) -> tuple[float, float, int]:
    """Wall time, CPU time (user + system of the build and its workers), warnings."""
    shutil.rmtree(outdir, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            "-j",
            str(jobs),
            "-c",
            str(confdir),
            str(CORPUS),
            str(outdir),
        ],
        cwd=confdir,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode:
        sys.exit(f"build failed:\n{proc.stderr[-3000:]}")
    return elapsed, cpu, proc.stderr.count("WARNING")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    globals()["CORPUS"] = args.corpus
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        confs = {"plain": PLAIN, "site": SITE}
        times: dict[str, list[float]] = {name: [] for name in confs}
        cpus: dict[str, list[float]] = {name: [] for name in confs}
        for name, text in confs.items():
            (root / name).mkdir()
            (root / name / "conf.py").write_text(text)
        for run in range(args.runs):
            for name in confs:
                elapsed, cpu, warnings = build(root / name, root / f"out-{name}", args.jobs)
                times[name].append(elapsed)
                cpus[name].append(cpu)
                print(
                    f"run {run + 1} {name:5s} wall {elapsed:7.1f} s  cpu {cpu:7.1f} s  "
                    f"{warnings} warnings",
                    flush=True,
                )
        for label, data in (("wall", times), ("cpu", cpus)):
            plain, site = min(data["plain"]), min(data["site"])
            print(f"best {label}: plain {plain:.1f} s, site {site:.1f} s, ratio {site / plain:.2f}")


if __name__ == "__main__":
    main()
