"""Warnings once: a warning about one source location is printed once per build, however
many pages render it, at read or write time, serial or parallel."""

from __future__ import annotations

import logging
import re

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinx_superoffice.warnings_ import DuplicateWarningFilter

SHARED = """\
A link to [a page that is gone](../gone.md) and an [uid](xref:no-such-uid).

```nosuchlanguage
code
```

> [!NOTE] text on the marker line
"""


@pytest.mark.parametrize("parallel", [0, 2])
def test_a_shared_include_warns_once(tmp_path, parallel):
    src = tmp_path / "src"
    (src / "includes").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["sphinx_superoffice"]\n', encoding="utf-8")
    (src / "includes" / "shared.md").write_text(SHARED, encoding="utf-8")
    pages = ["index", *(f"page{i}" for i in range(11))]  # enough for -j 2 to fork
    for page in pages:
        (src / f"{page}.md").write_text(
            f"# Page {page}\n\n[!include[](includes/shared.md)]\n", encoding="utf-8"
        )
    (src / "toc.yml").write_text(
        "items:\n" + "".join(f"- name: {p}\n  href: {p}.md\n" for p in pages), encoding="utf-8"
    )
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "build", parallel=parallel)
    try:
        app.build()
        warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    finally:
        app.cleanup()
    lines = [line for line in warnings.splitlines() if "WARNING" in line]
    assert any("gone.md" in line for line in lines), warnings
    assert any("no-such-uid" in line for line in lines), warnings
    assert len(lines) == len(set(lines)), warnings
    for line in lines:
        assert "shared.md" in line  # located in the include, not in each page


def _record(message: str, location: object) -> logging.LogRecord:
    record = logging.LogRecord("sphinx.x", logging.WARNING, "", 0, message, (), None)
    record.location = location  # type: ignore[attr-defined]
    return record


def test_one_location_in_any_form_is_one_location():
    """``(docname, line)``, a docname, ``path:line`` and a node at that line are compared
    as Sphinx prints them, so a warning logged both ways is shown once."""
    seen = DuplicateWarningFilter(lambda docname: f"/src/{docname}.md")
    node = nodes.paragraph()
    node.source, node.line = "/src/page.md", 3
    assert seen.filter(_record("bad", ("page", 3)))
    assert not seen.filter(_record("bad", "/src/page.md:3"))
    assert not seen.filter(_record("bad", node))
    assert seen.filter(_record("bad", ("page", 4)))  # another line
    assert seen.filter(_record("bad", "page"))  # the page itself
    assert not seen.filter(_record("bad", ("page", None)))
    assert seen.filter(_record("other", ("page", 3)))  # another message
