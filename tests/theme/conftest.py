"""Fixtures for the theme's build tests."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = "sphinx.testing.fixtures"

ROOTS = Path(__file__).resolve().parent.parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS
