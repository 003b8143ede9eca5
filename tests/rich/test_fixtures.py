"""Parameter-file tests: DFM Markdown in, doctree (and warnings) out.

Each ``fixtures/*.md`` file holds cases of: a title, the Markdown of a page, and the
expected ``pformat()`` of its doctree followed by the build's warnings. The inputs
follow the examples of dfm-spec §4-7 and §11. A first input line ``%conf {json}``
sets configuration values for that case.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ..toolkit import Build

FIXTURES = Path(__file__).parent / "fixtures"


def _doctree_and_warnings(build: Build) -> str:
    """The page's doctree ``pformat()`` and the build's warnings, normalised."""
    out = build.dump().rstrip()
    warnings = build.warning_text.strip()
    if warnings:
        out += "\n\nwarnings:\n" + warnings
    return out


def _run(file_params: Any, build_root: Any) -> None:
    text: str = file_params.content
    confoverrides: dict[str, Any] = {}
    if text.startswith("%conf "):
        first, _, text = text.partition("\n")
        confoverrides = json.loads(first[len("%conf ") :])
    app = build_root(
        "test-rich-syntax",
        files={"index.md": text},
        buildername="dummy",
        confoverrides=confoverrides,
        reuse=True,
    )
    file_params.assert_expected(_doctree_and_warnings(app), rstrip_lines=True)


@pytest.mark.param_file(FIXTURES / "tabs.md")
def test_tabs(file_params: Any, build_root: Any) -> None:
    _run(file_params, build_root)


@pytest.mark.param_file(FIXTURES / "snippets.md")
def test_snippets(file_params: Any, build_root: Any) -> None:
    _run(file_params, build_root)


@pytest.mark.param_file(FIXTURES / "colons.md")
def test_colons(file_params: Any, build_root: Any) -> None:
    _run(file_params, build_root)


@pytest.mark.param_file(FIXTURES / "video_div.md")
def test_video_div(file_params: Any, build_root: Any) -> None:
    _run(file_params, build_root)


@pytest.mark.param_file(FIXTURES / "lexers.md")
def test_lexers(file_params: Any, build_root: Any) -> None:
    _run(file_params, build_root)
