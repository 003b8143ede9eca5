"""DocFX conformance: DocFX-flavoured Markdown in, the HTML DocFX gives out.

Each ``*.yml`` file here is a list of cases modelled on DocFX's own Markdown tests
(``dotnet/docfx``: ``test/Docfx.MarkdigEngine.Extensions.Tests``,
``test/Docfx.MarkdigEngine.Tests``); every case names the DocFX test it follows
(``docfx:``). A case is

- ``md``: the page (``index.md``), ``files``: other files of the project (path → text),
  ``conf``: extra conf.py lines;
- ``html``: fragments the page's body must contain, ``absent``: fragments it must not
  (both compared with runs of whitespace collapsed);
- ``warnings``: texts each expected warning line contains, in order; an empty list means
  the page builds without a single warning. Left out: warnings are not checked.

Where this project deliberately differs from DocFX the case says so (``differs:``) and
README's "DocFX differences" section gives the reason.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..toolkit import QUIET_TOC

HERE = Path(__file__).parent
_WS = re.compile(r"\s+")
_BODY = re.compile(r'<div class="body" role="main">(.*?)<div class="clearer">', re.S)


def _cases() -> list[Any]:
    params = []
    for path in sorted(HERE.glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            assert {"name", "docfx", "md"} <= set(case), f"{path.name}: {case}"
            params.append(pytest.param(case, id=f"{path.stem}-{case['name']}"))
    return params


def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


@pytest.mark.parametrize("case", _cases())
def test_docfx_conformance(case: dict[str, Any], build_project: Any) -> None:
    build = build_project(
        case["md"],
        files=case.get("files") or {},
        conf=QUIET_TOC + case.get("conf", ""),
        reuse=True,
    )
    page = build.html("index.html")
    found = _BODY.search(page)
    assert found, "no page body"
    body = _squash(found.group(1))
    for fragment in case.get("html", []):
        assert _squash(fragment) in body, f"missing {fragment!r} in\n{body}"
    for fragment in case.get("absent", []):
        assert _squash(fragment) not in body, f"unexpected {fragment!r} in\n{body}"
    if "warnings" in case:
        got = [w.split(" WARNING: ", 1)[-1] for w in build.source_warnings]
        expected = case["warnings"]
        assert len(got) == len(expected), got
        for line, text in zip(got, expected, strict=True):
            assert text in line, got
