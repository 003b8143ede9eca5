"""How the build grows with the site, and what an incremental build costs.

``scale``: the Norwegian tree copied 1×, 2× and 4× side by side (``docs/no0``,
``docs/no1``... at the depth of ``docs/no``, so every relative include and image path
still resolves; hard links, never symbolic ones), each built once with plain
myst-parser + sphinx-design and with sphinx-superoffice (``basic`` theme, ``-j 1``).
Prints time and peak memory per page: both should stay flat.

``incremental``: a copy of the Norwegian tree built once with the ``superoffice``
theme, then timed (in fresh processes) for a rebuild with no change, after editing one
include, and after renaming one toc.yml entry, with the pages read and written.

    python benchmarks/bench_scale.py [scale] [incremental] [--factors 1,2,4]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_build import CORPUS, RUNNER, compile_packages, html_pages, run_sphinx

EXCLUDE = "request/learn/screen/index.md"
SCALE_CONFS = {
    "plain": """
extensions = ["myst_parser", "sphinx_design"]
myst_heading_anchors = 6
""",
    "ext": """
extensions = ["sphinx_superoffice"]
superoffice_root = ".."
""",
}
SCALE_COMMON = """
html_theme = "basic"
language = "nb"
root_doc = "no0/learn/intro"
suppress_warnings = ["toc.not_included", "myst.header", "misc.highlighting_failure"]
exclude_patterns = {exclude!r}
"""


def _link_copy(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, copy_function=os.link, symlinks=False)


def make_site(work: Path, copies: int) -> Path:
    """``work/site`` with ``common/``, ``docs/media`` and ``copies`` copies of the tree."""
    site = work / f"site{copies}"
    _link_copy(CORPUS / "common", site / "common")
    for folder in ("media", "assets"):
        if (CORPUS / "docs" / folder).is_dir():
            _link_copy(CORPUS / "docs" / folder, site / "docs" / folder)
    for i in range(copies):
        _link_copy(CORPUS / "docs" / "no", site / "docs" / f"no{i}")
    return site


def scale(factors: list[int]) -> None:
    print("\n## scale: the no tree copied N times, -j 1, basic theme\n")
    print("| build | copies | pages | wall s | ms/page | peak MiB | KiB/page |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for copies in factors:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            site = make_site(work, copies)
            exclude = [f"no{i}/{EXCLUDE}" for i in range(copies)] + ["media/**", "assets/**"]
            for name, conf in SCALE_CONFS.items():
                confdir = work / "conf" / name
                confdir.mkdir(parents=True)
                text = conf + SCALE_COMMON.format(exclude=exclude)
                (confdir / "conf.py").write_text(text, encoding="utf-8")
                out = work / "out" / name
                data = run_sphinx(site / "docs", confdir, out, 1, warnings=work / f"{name}.log")
                pages = len(html_pages(out))
                print(
                    f"| {name} | {copies} | {pages} | {data['wall']:.1f} "
                    f"| {1000 * data['wall'] / pages:.1f} | {data['peak_mib']:.0f} "
                    f"| {1024 * data['peak_mib'] / pages:.0f} |",
                    flush=True,
                )


INCREMENTAL_CONF = """
extensions = ["sphinx_superoffice"]
superoffice_root = "../.."
html_theme = "superoffice"
language = "nb"
root_doc = "learn/intro"
suppress_warnings = ["toc.not_included", "myst.header", "misc.highlighting_failure"]
exclude_patterns = ["request/learn/screen/index.md"]
"""


def _timed_build(srcdir: Path, confdir: Path, out: Path) -> tuple[float, int, int]:
    """An incremental build in a fresh process: (wall s, pages read, pages written)."""
    args = ["-b", "html", "-j", "1", "-c", str(confdir), str(srcdir), str(out)]
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    log = result.stdout
    match = re.search(r"(\d+) added, (\d+) changed", log)
    read = int(match.group(1)) + int(match.group(2)) if match else 0
    written = len(set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", log)))
    return wall, read, written


def incremental() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = work / "superoffice"
        _link_copy(CORPUS / "common", site / "common")
        _link_copy(CORPUS / "docs" / "media", site / "docs" / "media")
        shutil.copytree(CORPUS / "docs" / "no", site / "docs" / "no")  # edited: real copy
        src = site / "docs" / "no"
        confdir = work / "conf"
        confdir.mkdir()
        (confdir / "conf.py").write_text(INCREMENTAL_CONF, encoding="utf-8")
        out = work / "out"
        first = run_sphinx(src, confdir, out, 2, warnings=work / "first.log")
        _timed_build(src, confdir, out)  # settle: the environment as a rebuild leaves it
        print(
            "\n## incremental: the no tree, superoffice theme "
            f"(first build {first['wall']:.1f} s, -j 2)\n"
        )
        print("| change | wall s | pages read | pages written |")
        print("| --- | ---: | ---: | ---: |")

        def edit(path: Path, old: str, new: str) -> None:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(old, new, 1), encoding="utf-8")  # mtime: now

        wall, read, written = _timed_build(src, confdir, out)
        print(f"| no change | {wall:.1f} | {read} | {written} |")
        include = src / "admin" / "lists" / "includes" / "save-or-cancel.md"
        edit(include, "\n", "\nEdited.\n")
        wall, read, written = _timed_build(src, confdir, out)
        print(f"| one include edited | {wall:.1f} | {read} | {written} |")
        toc = src / "admin" / "license" / "toc.yml"
        text = toc.read_text(encoding="utf-8")
        name = re.search(r"name: (.+)", text)
        assert name is not None
        edit(toc, name.group(0), name.group(0) + " (renamed)")
        wall, read, written = _timed_build(src, confdir, out)
        print(f"| one toc.yml entry renamed | {wall:.1f} | {read} | {written} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", default=["scale", "incremental"])
    parser.add_argument("--factors", default="1,2,4")
    args = parser.parse_args()
    compile_packages()
    if "scale" in args.parts:
        scale([int(f) for f in args.factors.split(",")])
    if "incremental" in args.parts:
        incremental()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
