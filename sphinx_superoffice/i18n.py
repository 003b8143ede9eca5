"""The extension's one message catalog: landing-page labels, redirect texts, the theme.

Every interface string of the package, in Python (``_("…")`` from this module) and in
templates (``_()``/``{% trans %}``), lives in ``locale/<lang>/LC_MESSAGES/
sphinx_superoffice.po``; ``tools/update_theme_catalogs.py`` extracts and compiles them.

The catalog is loaded for the language the build really runs in, after
``languages`` has mapped DocFX's ``no`` to Sphinx's ``nb`` (``config-inited``, priority
150). ``app.add_message_catalog`` would load it for the language known when the
extension is set up, and only once per process.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx import locale

from . import langcodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

CATALOG = "sphinx_superoffice"
LOCALE_DIR = Path(__file__).parent / "locale"

#: Languages shipped in ``locale/``; every one has a complete catalog.
LANGUAGES = ("en", "nb", "sv", "da", "de", "nl")


#: Translate a string of this package (lazily: the text is looked up when it is used).
_ = locale.get_translation(CATALOG)


def catalog_language(language: str | None) -> str | None:
    """The shipped catalog that serves a Sphinx ``language`` value (None: no catalog)."""
    return langcodes.catalog_language(language, LANGUAGES)


def load_catalog(language: str | None) -> None:
    """(Re)load the catalog for ``language``, dropping the one of an earlier build."""
    locale.translators.pop(("general", CATALOG), None)
    locale.init([str(LOCALE_DIR)], catalog_language(language), CATALOG)


def _load_for_build(app: Sphinx, config: Config) -> None:
    load_catalog(config.language)


def setup_i18n(app: Sphinx) -> None:
    """Load the catalog once the build's language is final (idempotent)."""
    if _load_for_build not in [
        listener.handler for listener in app.events.listeners.get("config-inited", [])
    ]:
        app.connect("config-inited", _load_for_build, priority=150)
