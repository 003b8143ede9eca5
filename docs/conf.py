"""Configuration of the project's own documentation, built with sphinx-superoffice.

Build it with ``tox -e docs`` (``sphinx-build -W --keep-going -n docs docs/_build/html``).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

from sphinx_superoffice import __version__

project = "sphinx-superoffice"
author = "sphinx-superoffice developers"
copyright = "sphinx-superoffice developers (MIT)"
version = release = __version__
language = "en"

extensions = ["sphinx_superoffice", "superoffice_docs"]
html_theme = "superoffice"
html_theme_options = {
    "edit_url": "https://github.com/sphinx-superoffice/sphinx-superoffice/edit/main/docs/{path}",
}
html_title = "sphinx-superoffice"

exclude_patterns = ["_build", "_ext", ".readthedocs.yaml"]
root_doc = "index"
