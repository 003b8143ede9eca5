"""The project name when conf.py sets none (``projectname.py``), without a build."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_superoffice.projectname import folder_name, project_name


@pytest.mark.parametrize(
    ("folder", "name"),
    [
        ("/src/superoffice", "superoffice"),
        ("/src/superoffice/docs/no", "superoffice"),
        ("/src/superoffice/docs/en", "superoffice"),
        ("/src/my-help/source", "my-help"),
        ("/src/guide/de", "guide"),
        ("/docs", "docs"),
    ],
)
def test_folder_name(folder: str, name: str) -> None:
    assert folder_name(Path(folder)) == name


def test_docfx_names_first() -> None:
    root = Path("/src/superoffice/docs/no")
    assert project_name({"_appName": "App", "_appTitle": "Title"}, root) == "App"
    assert project_name({"_appTitle": "Title"}, root) == "Title"
    assert project_name({"_appName": "  "}, root) == "superoffice"
