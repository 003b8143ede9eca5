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


def setup_languages(app: Sphinx) -> None:
    # before Sphinx loads its message catalogs (builder-inited) and its search language
    app.connect("config-inited", _map_language, priority=100)
