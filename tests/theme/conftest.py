"""Fixtures for the theme's build tests."""

from __future__ import annotations

from pathlib import Path

import pytest

# pytest refuses ``pytest_plugins`` outside the top-level conftest (tests/conftest.py), so
# the sphinx.testing plugin's hook and fixtures are imported here instead.
from sphinx.testing.fixtures import (  # noqa: F401
    _shared_result_cache,
    app,
    app_params,
    make_app,
    pytest_configure,
    shared_result,
    sphinx_test_tempdir,
    status,
    test_params,
    warning,
)

ROOTS = Path(__file__).resolve().parent.parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS
