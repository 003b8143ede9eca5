"""Paths that are no file name (a component over 255 bytes, a NUL byte, a lone surrogate)
give a warning, never an exception, in every construct that takes a path."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

LONG = "x" * 300

#: name -> a path that no file system accepts; each is kept by ``normpath``
NAMES = {
    "long-component": f"{LONG}/a",
    "long-parent": f"../{LONG}/a",
    "percent-nul": "a%00b/c",
    "surrogate": "a\udc80\ud800b/c",
}

CONSTRUCTS = {
    "block include": "[!include[t]({path}.md)]",
    "inline include": "Text [!include[t]({path}.md)] text.",
    "code snippet": "[!code-csharp[t]({path}.cs)]",
    ":::code": ':::code language="csharp" source="{path}.cs":::',
    ":::image": ':::image type="content" source="{path}.png" alt-text="x":::',
    "markdown image": "![x]({path}.png)",
    "link": "[file]({path}.txt)",
    "raw a download": '<a href="{path}.txt" download>file</a>',
}


@pytest.mark.parametrize("name", sorted(NAMES))
def test_no_file_name_is_a_warning(make_app: Callable[..., Any], tmp_path: Path, name: str) -> None:
    path = NAMES[name]
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text('extensions = ["sphinx_superoffice"]\n', encoding="utf-8")
    page = ["# Home", ""]
    for markdown in CONSTRUCTS.values():
        page += [markdown.format(path=path), ""]
    (docs / "index.md").write_text("\n".join(page), encoding="utf-8", errors="surrogatepass")
    (docs / "moved.md").write_text(
        f"---\nredirect_url: {json.dumps(path + '.md')}\n---\n\n# Moved\n", encoding="utf-8"
    )
    (docs / "toc.yml").write_text(
        "- name: Home\n  href: index.md\n"
        f"- name: Long\n  href: {json.dumps(path + '.md')}\n"
        "- name: Landing\n  href: landing.yml\n",
        encoding="utf-8",
    )
    (docs / "landing.yml").write_text(
        "### YamlMime:Category\ntitle: Landing\nhighlightedContent:\n  items:\n"
        f"  - title: T\n    itemType: {json.dumps(path + '.png')}\n    isImage: 'true'\n"
        f"    url: {json.dumps(path + '.txt')}\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=docs, freshenv=True)
    app.build()
    assert app.statuscode == 0
    assert (Path(app.outdir) / "index.html").is_file()
    assert (Path(app.outdir) / "landing.html").is_file()
    assert "Traceback" not in app.warning.getvalue()
