"""``-j 2`` resolves exactly what ``-j 1`` resolves, and writes identical HTML."""

from __future__ import annotations

from pathlib import Path

from .conftest import SiteBuilder, warnings_of

CROSS_TREE = {"superoffice_external_trees": {"../en": "../../en/html/"}}


def _outputs(outdir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".inv", ".zip", ".xlsx", ".pdf", ".png")
    }


def test_parallel_build_is_identical(tmp_path: Path) -> None:
    serial_builder = SiteBuilder(tmp_path / "serial")
    parallel_builder = SiteBuilder(tmp_path / "parallel")
    try:
        for builder in (serial_builder, parallel_builder):
            builder("test-links-site", tree="docs/en")
        serial = serial_builder("test-links-site", confoverrides=CROSS_TREE)
        parallel = parallel_builder("test-links-site", confoverrides=CROSS_TREE, parallel=2)
        assert parallel.parallel == 2 and parallel.is_parallel_allowed("read")
        serial_out, parallel_out = _outputs(serial.outdir), _outputs(parallel.outdir)
        assert len(serial_out) > 10
        assert serial_out.keys() == parallel_out.keys()
        differing = [name for name in serial_out if serial_out[name] != parallel_out[name]]
        assert differing == []
        assert sorted(warnings_of(serial)) == sorted(warnings_of(parallel))
        # the domain data merged from the worker processes equals the serial one
        assert serial.env.domaindata["superoffice"] == parallel.env.domaindata["superoffice"]
    finally:
        serial_builder.cleanup()
        parallel_builder.cleanup()
