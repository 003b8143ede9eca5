"""Fixtures for the site features (toc.yml, landing pages, redirects, docfx.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOTS = Path(__file__).parent.parent / "roots"


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


@pytest.fixture
def recorder() -> ContextRecorder:
    return ContextRecorder()


@pytest.fixture
def recorded_app(make_app: Any, app_params: Any, recorder: ContextRecorder) -> Any:
    """The test root of the ``sphinx`` mark, built, with every page's context recorded."""
    args, kwargs = app_params
    app = make_app(*args, **kwargs)
    app.connect("html-page-context", recorder)
    app.build()
    return app


def _warnings_of(app: Any) -> list[str]:
    from sphinx.util.console import strip_colors

    return [w for w in strip_colors(app.warning.getvalue()).splitlines() if "WARNING" in w]


@pytest.fixture
def warnings_of() -> Any:
    """``warnings_of(app)``: the warning lines of a build, without colour codes."""
    return _warnings_of
