"""EPUB output is XHTML: every ``.xhtml`` file, redirect pages included, parses as XML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from defusedxml import ElementTree

XHTML = "{http://www.w3.org/1999/xhtml}"

LANDING = """\
### YamlMime:SubCategory
title: Landing
summary: A landing page.
landingContent:
  - title: Card
    linkLists:
      - itemType: school
        typeDesc: learn
        links:
          - text: Home
            url: index.md
"""

VIDEO = """\
---
redirect_from: old-video.md
---
# Video page

> [!Video https://www.youtube.com/embed/abc]

| | Company |
|---|---|
| **Row** | ACME |

# [Windows](#tab/windows)

Windows text.

# [Linux](#tab/linux)

Linux text.

---
"""


def test_every_epub_page_is_xml(build_root: Any) -> None:
    app = build_root(
        "test-site-redirects",
        buildername="epub",
        files={"landing.yml": LANDING, "video.md": VIDEO},
        confoverrides={"version": "1", "suppress_warnings": ["superoffice.toc_not_included"]},
    )
    out = Path(app.outdir)
    pages = sorted(out.rglob("*.xhtml"))
    names = {page.relative_to(out).as_posix() for page in pages}
    # pages, stub pages (redirect_url), redirect_from pages, a landing page
    assert {"index.xhtml", "stub-rel.xhtml", "old-video.xhtml", "landing.xhtml"} <= names
    for page in pages:
        root = ElementTree.parse(page).getroot()  # raises on anything not well-formed
        assert root.tag == f"{XHTML}html", page
    stub = ElementTree.parse(out / "stub-rel.xhtml").getroot()
    refresh = stub.find(f"{XHTML}head/{XHTML}meta[@http-equiv='refresh']")
    assert refresh is not None and refresh.get("content") == "0; url=target.xhtml#section"
    video = (out / "video.xhtml").read_text(encoding="utf-8")
    assert 'allowfullscreen=""' in video and '<td class="head">' in video
    assert video.count('type="radio" />') == 2  # sphinx-design's tab inputs, closed
