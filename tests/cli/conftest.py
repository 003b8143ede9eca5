"""The ``sphinx-superoffice`` command: a slice of the real corpus and a way to run it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..toolkit import CORPUS

#: The folders of each language tree copied into the slice: the merge-field reference,
#: whose pages include tables from the shared ``common/includes`` folder.
SLICE_FOLDERS = ("document/templates/merge-fields",)
SLICE_LANGUAGES = ("en", "no")

needs_corpus = pytest.mark.skipif(
    not (CORPUS / "docs" / "no").is_dir(), reason="no ../shared/corpus"
)


def copy_slice(dest: Path) -> Path:
    """A docset like the corpus (``docs/en``, ``docs/no``, ``common/includes``) with a few
    folders of each language: no conf.py, no docfx.json."""
    for lang in SLICE_LANGUAGES:
        for folder in SLICE_FOLDERS:
            shutil.copytree(CORPUS / "docs" / lang / folder, dest / "docs" / lang / folder)
    shutil.copytree(CORPUS / "common", dest / "common")
    return dest


def command(*args: str | Path) -> list[str]:
    """``sphinx-superoffice ARGS`` as this interpreter runs it."""
    return [sys.executable, "-m", "sphinx_superoffice", *map(str, args)]


def run(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*args),
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
