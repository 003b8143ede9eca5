"""The project's own documentation (``docs/``), built as ``tox -e docs`` builds it."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from .toolkit import REPO

DOCS = REPO / "docs"
#: what ``tox -e docs`` runs, after ``sphinx-build``
SPHINX_ARGS = ["-W", "--keep-going", "-n", "-q", "-b", "html"]
#: deprecation warnings are errors, as in ``tox -e docs`` and ``tox -e example``
PYTHONWARNINGS = (
    "error::DeprecationWarning,error::PendingDeprecationWarning,"
    "ignore:'myst_parser.sphinx_ext.myst_refs.MystReferenceResolver.app' is deprecated::"
)


def build_docs(outdir: Path) -> subprocess.CompletedProcess[str]:
    """Build ``docs/`` into ``outdir`` in a fresh process (docs/conf.py changes sys.path)."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", *SPHINX_ARGS, str(DOCS), str(outdir)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONWARNINGS": PYTHONWARNINGS, "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
    )


def docs_extension() -> ModuleType:
    """``docs/_ext/superoffice_docs.py``, imported under its own name."""
    path = DOCS / "_ext" / "superoffice_docs.py"
    spec = importlib.util.spec_from_file_location("superoffice_docs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
