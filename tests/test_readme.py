"""The README stays true, and leads to the documentation of every setting and warning.

The settings and warnings pages are generated from ``SuperOfficeConfig`` and
``SoWarning`` (``docs/_ext/superoffice_docs.py``); ``tests/test_docs.py`` builds them and
checks that every setting and warning subtype is on them with its description.
"""

from __future__ import annotations

import re

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS_URL = "https://sphinx-superoffice.readthedocs.io/en/latest/"


def test_the_readme_links_the_generated_reference_pages():
    for page in ("settings", "warnings"):
        assert f"]({DOCS_URL}{page}.html)" in README
        source = (REPO / "docs" / f"{page}.md").read_text(encoding="utf-8")
        assert f"```{{superoffice-{page}}}\n```" in source


def test_every_docs_link_of_the_readme_is_a_page_of_the_docs():
    """PyPI shows the README without the repository: its links are absolute, to pages
    that exist in docs/."""
    linked = set(re.findall(re.escape(DOCS_URL) + r"([\w-]+)\.html", README))
    assert len(linked) >= 8
    assert sorted(p for p in linked if not (REPO / "docs" / f"{p}.md").is_file()) == []
    assert "](docs/" not in README


def test_the_two_setup_commands_are_tox():
    setup = README.split("## Set up (two commands)", 1)[1].split("##", 1)[0]
    assert "tox -e example" in setup
    assert "$ tox " in setup
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "\ntox\n" in ci
