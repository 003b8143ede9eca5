"""A numeric uid (``uid: 12345``, read by YAML as a number) is a uid like any other."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.util.inventory import InventoryFile


def test_numeric_uid_is_registered(build_project: Any) -> None:
    app = build_project(
        "# Home\n\nSee <xref:12345>, [the page](xref:12345) and @12345.\n",
        files={
            "numbered.md": "---\nuid: 12345\n---\n# Numbered\n",
            "zero.md": "---\nuid: 0\n---\n# Zero\n\n<xref:0>\n",
            "toc.yml": "- name: Home\n  href: index.md\n- name: By uid\n  uid: 12345\n"
            "- name: Zero\n  uid: 0\n",
        },
    )
    assert not [w for w in app.warnings if "uid" in w], app.warnings
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert html.count('href="numbered.html"') >= 3
    zero = (Path(app.outdir) / "zero.html").read_text(encoding="utf-8")
    assert 'href="#"' in zero or 'href=""' in zero or 'href="zero.html"' in zero
    with (Path(app.outdir) / "objects.inv").open("rb") as f:
        inventory = InventoryFile.load(f, "", lambda *parts: "/".join(parts))
    assert "12345" in inventory["superoffice:uid"]
    assert "0" in inventory["superoffice:uid"]
