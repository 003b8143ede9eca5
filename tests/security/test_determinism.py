"""Determinism (issue 12, item 9): ``-j 1``, ``-j 2`` and an incremental rebuild after an
include is edited write the same files, byte for byte, as a clean build."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..toolkit import run_build, write_files

PAGES = [f"page{i}" for i in range(1, 11)]  # enough pages for -j 2 to fork readers


def _files(shared: str) -> dict[str, str]:
    files = {
        "conf.py": 'extensions = ["sphinx_superoffice"]\nhtml_theme = "superoffice"\n',
        "includes/shared.md": shared,
        "includes/other.md": "> [!NOTE]\n> A note from another include.\n",
        "index.md": "# Home\n\n[!include[](includes/shared.md)]\n",
        "toc.yml": "items:\n- name: Home\n  href: index.md\n"
        + "".join(f"- name: {p}\n  href: {p}.md\n" for p in PAGES),
        "media/a.png": "not really a picture",
    }
    for n, page in enumerate(PAGES):
        body = f"# {page}\n\n## Part\n\nText with a [link](index.md) and ![a](media/a.png).\n"
        if n % 3 == 0:
            body += "\n[!include[](includes/shared.md)]\n"
        if n % 2:
            body += "\n[!include[](includes/other.md)]\n\n```python\nprint(1)\n```\n"
        files[f"{page}.md"] = body
    return files


def _snapshot(html: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(html)): path.read_bytes()
        for path in sorted(html.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts
    }


def _build(src: Path, out: Path, jobs: int, *, fresh: bool) -> dict[str, bytes]:
    run_build(src, builddir=out, parallel=jobs, freshenv=fresh)
    return _snapshot(out / "html")


@pytest.mark.parametrize("jobs", [1, 2])
def test_serial_parallel_and_incremental_builds_write_the_same_bytes(
    tmp_path: Path, jobs: int
) -> None:
    src = tmp_path / "src"
    write_files(src, _files("Shared text, *first* version.\n"))
    first = _build(src, tmp_path / "built", jobs, fresh=True)
    other = _build(src, tmp_path / "other", 3 - jobs, fresh=True)
    assert first == other  # -j 1 and -j 2

    write_files(src, _files("Shared text, **second** version, with a [link](../page2.md).\n"))
    again = _build(src, tmp_path / "built", jobs, fresh=False)
    clean = _build(src, tmp_path / "clean", jobs, fresh=True)
    assert again == clean  # incremental after an include edit
    assert again != first
    page = again["page4.html"].decode()
    assert "<strong>second</strong> version" in page and "first" not in page
