"""The link checker (``benchmarks/check_links.py``) for the link tests; builds come from
``build_root`` and ``build_project`` in ``tests/conftest.py``."""

from __future__ import annotations

import importlib.util
from typing import Any

from ..toolkit import REPO


def load_checker() -> Any:
    """``benchmarks/check_links.py`` as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("check_links", REPO / "benchmarks/check_links.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
