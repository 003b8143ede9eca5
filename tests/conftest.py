"""Shared fixtures: the two build fixtures, the session's corpus build, Chromium.

The machinery is in :mod:`tests.toolkit`: ``build_project(page, files=..., conf=...)``
builds a project written into a fresh folder; ``build_root("test-x", ...)`` builds a copy
of a test root. Both return a :class:`~tests.toolkit.Build`; :func:`warnings_of` and
:func:`normalise` are the one way to read what a build said.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .toolkit import (  # noqa: F401  (the names tests import from here)
    CHROMIUM,
    CORPUS,
    REPO,
    ROOTS,
    TESTS,
    Build,
    Builder,
    normalise,
    run_build,
    warnings_of,
)

pytest_plugins = "sphinx.testing.fixtures"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``SUPEROFFICE_REQUIRE=browser,corpus`` (set by ``.ci/run``) turns the skip of a
    ``browser`` or ``corpus`` test whose prerequisite is missing into an error, so CI can
    never pass by skipping them silently."""
    required = {n for n in os.environ.get("SUPEROFFICE_REQUIRE", "").split(",") if n}
    missing = {
        "browser": not CHROMIUM.exists() and f"{CHROMIUM} is not installed",
        "corpus": not (CORPUS / "docs" / "no").is_dir() and f"{CORPUS} is not there",
    }
    for marker in sorted(required):
        reason = missing.get(marker)
        if reason and any(item.get_closest_marker(marker) for item in items):
            raise pytest.UsageError(f"SUPEROFFICE_REQUIRE={marker}, but {reason}")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(scope="module")
def build_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builder]:
    """``build_project(page, files=..., conf=..., buildername=..., reuse=...)``: build a
    project written into a fresh folder (see :meth:`Builder.project`). Module-scoped, so
    module fixtures can build once for many tests; every build still gets its own folder.
    """
    builder = Builder(tmp_path_factory.mktemp)
    yield builder
    builder.close()


@pytest.fixture(scope="module")
def build_root(build_project: Builder) -> Callable[..., Build]:
    """``build_root("test-x", tree=..., files=..., confoverrides=...)``: build a copy of a
    test root (see :meth:`Builder.root`)."""
    return build_project.root


# --- the real Norwegian tree, built once per test session ---------------------------

#: One configuration serves every corpus test: the docset root holds ``common/``, links
#: into the English tree and other languages go to the published site (so the link
#: checker sees them as external), and ``basic`` draws no global toctree per page.
CORPUS_CONF = """
extensions = ["sphinx_superoffice"]
html_theme = "basic"
language = "no"
superoffice_root = "../.."
superoffice_languages = {"no": "../no", "en": "../en"}
superoffice_language_url = "https://docs.superoffice.com/{lang}/"
superoffice_external_trees = {"../en": "https://docs.superoffice.com/en/"}
superoffice_site_url = "https://docs.superoffice.com/{lang}/"
"""


@pytest.fixture(scope="session")
def corpus_no(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """``../shared/corpus/superoffice/docs/no`` built with ``-j 2`` (once per session),
    its conf.py outside the tree."""
    tree = CORPUS / "docs" / "no"
    if not tree.is_dir():
        pytest.skip(f"{tree} is not there")
    work = tmp_path_factory.mktemp("corpus-no")
    (work / "conf.py").write_text(CORPUS_CONF, encoding="utf-8")
    return run_build(tree, builddir=work / "_build", confdir=work, parallel=2)


# --- real Chromium (one per test session: Playwright's sync API allows one at a time) ---
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright; skips the test where it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
