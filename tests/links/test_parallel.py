"""``-j 2`` resolves exactly what ``-j 1`` resolves, and writes identical HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CROSS_TREE = {"superoffice_external_trees": {"../en": "../../en/html/"}}


def _outputs(outdir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".inv", ".zip", ".xlsx", ".pdf", ".png")
    }


def test_parallel_build_is_identical(build_root: Any) -> None:
    serial_en = build_root("test-links-site", tree="docs/en")
    parallel_en = build_root("test-links-site", tree="docs/en")
    serial = serial_en.again(tree="docs/no", confoverrides=CROSS_TREE)
    parallel = parallel_en.again(tree="docs/no", confoverrides=CROSS_TREE, parallel=2)
    assert parallel.parallel == 2 and parallel.is_parallel_allowed("read")
    serial_out, parallel_out = _outputs(serial.outdir), _outputs(parallel.outdir)
    assert len(serial_out) > 10
    assert serial_out.keys() == parallel_out.keys()
    differing = [name for name in serial_out if serial_out[name] != parallel_out[name]]
    assert differing == []
    assert sorted(serial.source_warnings) == sorted(parallel.source_warnings)
    # the domain data merged from the worker processes equals the serial one
    assert serial.env.domaindata["superoffice"] == parallel.env.domaindata["superoffice"]
