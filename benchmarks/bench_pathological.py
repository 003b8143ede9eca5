"""Time pathological inputs at n, 2n and 4n: each must grow linearly, never stall.

Each case is a small generated project built with ``sphinx_superoffice`` and, where
the input means something to it, with plain myst-parser, in a fresh process (dummy
builder, fresh environment), with a timeout. The table shows the build's CPU time
(steadier than wall time on a shared machine; the best of ``--repeat`` runs) at n, 2n
and 4n and the growth ``t(4n) / t(n)``: about 4 is linear, about 16 quadratic (a
bounded case, such as an alias bomb that is refused, stays near 1).

    python benchmarks/bench_pathological.py [--cases links,images] [--scale 1]
                                            [--timeout 300] [--repeat 1]

The cases (issue 12's "inputs that stall it"):

- ``links``: n links in one paragraph, one per line (line numbers of inline tokens);
- ``include_line``: n ``[!include[`` on one line, none closed (the inline scanner);
- ``fanout``: six include files, each including the next ten times (10⁵ renders),
  with ``superoffice_include_limit = n`` (the limit bounds the work);
- ``broken_links``: n broken links (typos) beside n data files ("did you mean");
- ``images``: n images of the same name ``x.png`` in n folders (image names);
- ``alias_bomb``: front matter whose aliases nest n levels deep, nine wide (refused);
- ``toc_bomb``: the same in a toc.yml (refused).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

Files = dict[str, str | bytes]

CONFS = {
    "ext": 'extensions = ["sphinx_superoffice"]\n'
    'suppress_warnings = ["superoffice.toc_not_included"]\n',
    "myst": 'extensions = ["myst_parser"]\nexclude_patterns = ["includes/**"]\n'
    'suppress_warnings = ["toc.not_included"]\n',
}

RUNNER = textwrap.dedent(
    """
    import io, json, sys, time
    from sphinx.application import Sphinx
    src, out = sys.argv[1], sys.argv[2]
    warnings = io.StringIO()
    app = Sphinx(src, src, out + "/html", out + "/doctrees", "dummy",
                 status=io.StringIO(), warning=warnings, freshenv=True)
    start = time.process_time()
    app.build()
    seconds = time.process_time() - start
    print(json.dumps({"seconds": seconds, "status": app.statuscode,
                      "warnings": warnings.getvalue().count("WARNING")}))
    """
)


def _links(n: int) -> Files:
    body = "".join(f"[link {i}](a.md)\n" for i in range(n))
    return {"index.md": f"# Links\n\n{body}", "a.md": "# A\n"}


def _include_line(n: int) -> Files:
    return {"index.md": "# Includes\n\n" + "[!include[" * n + "\n"}


def _fanout(n: int) -> Files:
    files: Files = {"index.md": "# Fan-out\n\n[!include[x](includes/f0.md)]\n"}
    for i in range(5):
        files[f"includes/f{i}.md"] = f"f{i}\n\n" + f"[!include[x](f{i + 1}.md)]\n\n" * 10
    files["includes/f5.md"] = "leaf\n"
    return files


def _broken_links(n: int) -> Files:
    # data files, not pages: the time is the links', not n more pages'
    files: Files = {f"f/page-{i:05d}.txt": f"page {i}\n" for i in range(n)}
    body = "".join(f"[p](f/pgae-{i:05d}.txt)\n\n" for i in range(n))
    files["index.md"] = f"# Broken\n\n{body}"
    return files


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000005000d0a2db40000000049454e44ae426082"
)


def _images(n: int) -> Files:
    files: Files = {f"img/d{i:05d}/x.png": PNG for i in range(n)}
    body = "".join(f"![x](img/d{i:05d}/x.png)\n\n" for i in range(n))
    files["index.md"] = f"# Images\n\n{body}"
    return files


def _bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels + 1):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def _alias_bomb(levels: int) -> Files:
    bomb = _bomb(levels).replace(f"a{levels}: ", "keywords: ")
    return {"index.md": f"---\ntitle: Bomb\n{bomb}---\n# Bomb\n"}


def _toc_bomb(levels: int) -> Files:
    items = _bomb(levels).replace("a0: &a0 [", "a0: &a0 [{name: x, href: a.md},")
    items = items.replace(f"a{levels}: &a{levels} ", "items: ")
    return {"index.md": "# Home\n", "a.md": "# A\n", "toc.yml": items}


#: name -> (files for size n, default n, whether plain myst-parser means anything here)
CASES: dict[str, tuple[Callable[[int], Files], int, bool]] = {
    "links": (_links, 1000, True),
    "include_line": (_include_line, 5000, True),
    "fanout": (_fanout, 1000, False),
    "broken_links": (_broken_links, 500, True),
    "images": (_images, 500, True),
    "alias_bomb": (_alias_bomb, 3, False),
    "toc_bomb": (_toc_bomb, 3, False),
}


def run(files: Files, conf: str, timeout: float) -> str:
    """Build once in a fresh process; the build time, or why there is none."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-patho-"))
    try:
        src = tmp / "src"
        for name, content in files.items():
            path = src / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        (src / "conf.py").write_text(conf, encoding="utf-8")
        try:
            result = subprocess.run(
                [sys.executable, "-c", RUNNER, str(src), str(tmp / "out")],
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return f">{timeout:.0f} s"
        if result.returncode:
            return "crash: " + (result.stderr.strip().splitlines() or ["?"])[-1][:60]
        return f"{json.loads(result.stdout.strip().splitlines()[-1])['seconds']:.2f} s"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def best(files: Files, conf: str, timeout: float, repeat: int) -> str:
    """The fastest of ``repeat`` builds (or the first failure)."""
    results = [run(files, conf, timeout) for _ in range(max(1, repeat))]
    timed = [r for r in results if r.endswith(" s") and not r.startswith(">")]
    if len(timed) < len(results):
        return next(r for r in results if r not in timed)
    return min(timed, key=lambda r: float(r.split()[0]))


def _growth(times: list[str]) -> str:
    try:
        first, last = float(times[0].split()[0]), float(times[-1].split()[0])
    except ValueError:
        return "-"
    return f"x{last / first:.1f}" if first > 0 else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every n by this")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per build")
    parser.add_argument("--no-myst", action="store_true", help="skip the plain myst builds")
    parser.add_argument("--repeat", type=int, default=1, help="runs per build (the best counts)")
    args = parser.parse_args(argv)

    header = (
        f"{'case':<13} {'n':>6}  {'ext n':>9} {'ext 2n':>9} {'ext 4n':>9} {'growth':>6}"
        f"  {'myst n':>9} {'myst 2n':>9} {'myst 4n':>9} {'growth':>6}"
    )
    print(header)
    print("-" * len(header))
    for name in args.cases.split(","):
        make, base, plain = CASES[name]
        n = base if name.endswith("bomb") else max(1, round(base * args.scale))
        sizes = [n, 2 * n, 4 * n]
        conf = CONFS["ext"]
        if name == "fanout":  # n is the limit: the tree always asks for 10⁵ renders
            confs = [conf + f"superoffice_include_limit = {s}\n" for s in sizes]
        else:
            confs = [conf] * 3
        ext = [
            best(make(s), c, args.timeout, args.repeat) for s, c in zip(sizes, confs, strict=True)
        ]
        if plain and not args.no_myst:
            myst = [best(make(s), CONFS["myst"], args.timeout, args.repeat) for s in sizes]
        else:
            myst = ["n/a"] * 3
        print(
            f"{name:<13} {n:>6}  {ext[0]:>9} {ext[1]:>9} {ext[2]:>9} {_growth(ext):>6}"
            f"  {myst[0]:>9} {myst[1]:>9} {myst[2]:>9} {_growth(myst):>6}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
