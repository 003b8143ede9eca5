"""The security tests' one project builder (files in, app out, no reuse between tests)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.toolkit import write_files

#: a project's files: text (UTF-8) or bytes, by path
Files = dict[str, str | bytes]

CONF = 'extensions = ["sphinx_superoffice"]\nsuppress_warnings = ["superoffice.toc_not_included"]\n'


@pytest.fixture
def project_builder(make_app: Callable[..., Any], tmp_path: Path) -> Callable[..., Any]:
    """``project_builder(files, conf="", builder="html")``: build ``files`` in a fresh
    project with Sphinx's own ``make_app`` (so ``app.build()`` can be called again)."""

    def _build(files: Files, conf: str = "", builder: str = "html") -> Any:
        src = tmp_path / "src"
        write_files(src, {"conf.py": CONF + conf, **files})
        app = make_app(builder, srcdir=src, freshenv=True)
        app.build()
        return app

    return _build
