"""docfx.json as configuration: a repo builds with a 3-line conf.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_docfx_json(build_root: Any) -> None:
    app = build_root("test-site-docfx")
    assert len((Path(app.srcdir) / "conf.py").read_text().splitlines()) == 3
    env = app.env
    # content globs and excludes
    assert env.found_docs == {"index", "guide/intro", "guide/special"}
    assert not (Path(app.outdir) / "drafts").exists()
    # resources are copied as they are
    assert (Path(app.outdir) / "files" / "data.csv").read_text() == "a,b\n1,2\n"
    # front matter > fileMetadata (later glob wins) > globalMetadata
    assert env.metadata["index"]["audience"] == "everyone"
    assert env.metadata["index"]["flag"] == "true"
    assert env.metadata["index"]["product"] == "crm"
    assert env.metadata["guide/intro"]["audience"] == "readers"
    assert env.metadata["guide/special"]["audience"] == "admins"
    assert env.metadata["guide/special"]["product"] == "special"
    assert app.config.html_title == "Docfx Site"
    assert "<title>Home &#8212; Docfx Site</title>" in (Path(app.outdir) / "index.html").read_text()
    # unknown keys: one warning each, naming the key; known DocFX-only keys are silent
    warnings = [w for w in app.warnings if "[superoffice.docfx_json]" in w]
    assert len(warnings) == 2
    # ... at the key's own line
    assert any("docfx.json:13:" in w and "'build.weirdKey'" in w for w in warnings)
    assert any("docfx.json:15:" in w and "'unknownTop'" in w for w in warnings)
    assert not any("'dest'" in w for w in warnings)
    # the toc.yml next to docfx.json is the root toc
    assert env.toctree_includes["index"] == ["guide/intro", "guide/special"]


def test_missing_docfx_json_warns(build_root: Any) -> None:
    app = build_root("test-site-docfx", confoverrides={"superoffice_docfx_json": "missing.json"})
    warnings = [w for w in app.warnings if "[superoffice.docfx_json]" in w]
    assert len(warnings) == 1 and "cannot read docfx.json" in warnings[0]
    assert "drafts/wip" in app.env.found_docs
