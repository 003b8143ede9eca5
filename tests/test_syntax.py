"""Parameter-file tests: DocFX Markdown in, doctree (and warnings) out.

Regenerate the expected sections with ``pytest --regen-file-failure``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from .toolkit import QUIET_TOC, Build

FIXTURES = Path(__file__).parent / "fixtures"
PNG = "not really a png"


def _render(build_project: Any, page: str, *, conf: str = "", **kwargs: Any) -> Build:
    """Read one page in a one-page project (the dummy builder writes nothing)."""
    return build_project(page, conf=QUIET_TOC + conf, buildername="dummy", reuse=True, **kwargs)


def _expected(build: Build, metadata: bool = False) -> str:
    lines = [build.dump(sources=False).rstrip() + "\n"]
    if metadata:
        lines += [f"metadata {k}: {v!r}" for k, v in sorted(build.env.metadata["index"].items())]
    lines += build.warnings
    return "\n".join(lines).rstrip() + "\n"


@pytest.mark.param_file(FIXTURES / "alerts.md")
def test_alerts(file_params, build_project):
    result = _render(build_project, file_params.content, files={"pic.png": PNG})
    file_params.assert_expected(_expected(result), rstrip=True)


@pytest.mark.param_file(FIXTURES / "alerts_custom.md")
def test_alerts_custom(file_params, build_project):
    conf = 'superoffice_alerts = {"TODO": "To do"}\n'
    result = _render(build_project, file_params.content, conf=conf)
    file_params.assert_expected(_expected(result), rstrip=True)


@pytest.mark.param_file(FIXTURES / "frontmatter.md")
def test_front_matter(file_params, build_project):
    result = _render(build_project, file_params.content)
    file_params.assert_expected(_expected(result, metadata=True), rstrip=True)


def _split_files(content: str) -> tuple[str, dict[str, str]]:
    """``==> path <==`` lines start the other files of a case (as ``tail`` prints them)."""
    parts = re.split(r"^==> (.+?) <==\n", content, flags=re.M)
    files = dict(zip(parts[1::2], parts[2::2], strict=True))
    return parts[0], files


@pytest.mark.param_file(FIXTURES / "includes.md")
def test_includes(file_params, build_project):
    page, files = _split_files(file_params.content)
    result = _render(build_project, page, files=files)
    file_params.assert_expected(_expected(result), rstrip=True)
