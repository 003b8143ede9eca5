"""Parameter-file tests: DocFX Markdown in, read doctree (and reading warnings) out.

Regenerate the expected sections with ``pytest --regen-file-failure`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sphinx_superoffice.syntax.anchors import docfx_slugify

from ..toolkit import QUIET_TOC, Builder

FIXTURES = Path(__file__).parent / "fixtures"

#: Pages next to ``index.md``, so links have targets.
SIBLINGS = {
    "other.md": '---\nuid: Other.Page\n---\n\n# Other page\n\n## <a id="part"></a>Part\n',
    "folder/index.md": "# Folder\n",
    "Folder/CaseOnly.md": "# Case only\n",
    "landing.md": "# Landing\n",
    "downloads/file.zip": "zip",
}


def _render(build_project: Builder, page: str) -> str:
    """Read ``index.md`` (plus :data:`SIBLINGS`) in a fresh project: the read
    (unresolved) doctree dump, without source paths, then the warnings about the page."""
    build = build_project(page, files=SIBLINGS, conf=QUIET_TOC, buildername="dummy", reuse=True)
    lines = [w for w in build.warning_text.splitlines() if w.startswith("<src>/index.md")]
    return "\n".join([build.dump(sources=False).rstrip(), *lines]).rstrip() + "\n"


@pytest.mark.param_file(FIXTURES / "xref.md")
def test_xref_syntax(file_params: Any, build_project: Builder) -> None:
    file_params.assert_expected(_render(build_project, file_params.content), rstrip=True)


@pytest.mark.param_file(FIXTURES / "anchors.md")
def test_anchor_syntax(file_params: Any, build_project: Builder) -> None:
    file_params.assert_expected(_render(build_project, file_params.content), rstrip=True)


@pytest.mark.param_file(FIXTURES / "links.md")
def test_link_syntax(file_params: Any, build_project: Builder) -> None:
    file_params.assert_expected(_render(build_project, file_params.content), rstrip=True)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        # upstream vectors (dfm-spec §9.1: ValidateBookmarkTest, AutoIdentifierTest)
        ("This - is a &@! heading _ with . and ! -", "this---is-a--heading-_-with--and---"),
        ("1. Deploying the network", "1-deploying-the-network"),
        ("Section for myproduct-4.1 and Later", "section-for-myproduct-41-and-later"),
        ("Note / Section / Video", "note--section--video"),
        ("Québec", "québec"),
        # derived with the same algorithm (Norwegian)
        ("Blåbærsyltetøy og æbleskiver", "blåbærsyltetøy-og-æbleskiver"),
        ("Ærlig talt: ØL & Åpent hus!", "ærlig-talt-øl--åpent-hus"),
        ("Versjon 2.0 (beta)", "versjon-20-beta"),
        ("C# og .NET", "c-og-net"),
        ("Kundekort \u2013 oversikt", "kundekort--oversikt"),
        ("Æ, Ø og Å \u2013 hva nå?", "æ-ø-og-å--hva-nå"),
        # Python's isalnum() keeps these; .NET's IsLetterOrDigit does not
        ("x² ½ Ⅻ", "x--"),
        # astral-plane letters are lone surrogates in UTF-16: dropped
        ("a\U0001d400b", "ab"),
        ("!!!", "section"),
    ],
)
def test_docfx_slugify(title: str, slug: str) -> None:
    assert docfx_slugify(title) == slug
