"""The page-context recorder for the site features (toc.yml, landing pages, redirects).

Builds come from ``build_root`` in ``tests/conftest.py``: pass
``events={"html-page-context": recorder}`` to record every page's context.
"""

from __future__ import annotations

from typing import Any

import pytest


class ContextRecorder:
    """Keeps the ``html-page-context`` context of every page written."""

    def __init__(self) -> None:
        self.pages: dict[str, dict[str, Any]] = {}

    def __call__(
        self, app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        self.pages[pagename] = {
            "nav": context.get("superoffice_nav"),
            "crumbs": context.get("superoffice_breadcrumbs"),
            "templatename": templatename,
        }

    @property
    def events(self) -> dict[str, Any]:
        """The ``events`` argument of a build that records into this recorder."""
        return {"html-page-context": self}


@pytest.fixture
def recorder() -> ContextRecorder:
    return ContextRecorder()
