"""Languages: DocFX's language codes mapped to the ones Sphinx knows.

DocFX trees use ``no`` for Norwegian (bokmål). Sphinx's ``no`` catalog is empty,
its translations live under ``nb``, and its search stemmer is called ``no``. So a
build with ``language = "no"`` runs as ``nb`` (``<html lang="nb">``, localised
admonition titles and interface strings) and searches with the ``no`` stemmer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: DocFX / folder language code -> Sphinx language code.
SPHINX_LANGUAGE = {"no": "nb", "nn": "nn", "en": "en", "sv": "sv", "da": "da", "de": "de"}
#: Sphinx language -> the name of the search stemmer Sphinx ships for it.
SEARCH_LANGUAGE = {"nb": "no", "nb_NO": "no", "nn": "no"}


def sphinx_language(code: str) -> str:
    return SPHINX_LANGUAGE.get(code, code)


def _map_language(app: Sphinx, config: Config) -> None:
    language = sphinx_language(config.language or "en")
    if language != config.language:
        config.language = language
        # Sphinx loaded its catalogs for the unmapped code before extensions were set up
        app._init_i18n()
    if not config.html_search_language and language in SEARCH_LANGUAGE:
        config.html_search_language = SEARCH_LANGUAGE[language]


def _docutils_knows(code: str) -> bool:
    from importlib.util import find_spec

    candidates = {code.replace("-", "_").lower(), code.split("_")[0].split("-")[0].lower()}
    return any(find_spec(f"docutils.languages.{c}") is not None for c in candidates)


def _docutils_language(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Docutils has no Norwegian: use English for the little text it generates itself.

    Front-matter keys are English in DocFX whatever the page language, so English is
    also the right vocabulary for docutils' bibliographic fields (author, date...).
    Without this, docutils 0.22 warns "Language "nb" not supported" once per build.
    """
    code = env.settings.get("language_code") or "en"
    if not _docutils_knows(code):
        env.settings["language_code"] = "en"


def setup_languages(app: Sphinx) -> None:
    # before Sphinx loads its message catalogs (builder-inited) and its search language
    app.connect("config-inited", _map_language, priority=100)
    app.connect("env-before-read-docs", _docutils_language)
