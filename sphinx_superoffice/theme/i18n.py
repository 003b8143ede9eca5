"""Interface strings: the theme's own message catalog, looked up before Sphinx's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx import locale

from . import CATALOG, LOCALE_DIR

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from sphinx.application import Sphinx

#: Languages shipped in ``locale/``; every one has a complete catalog.
LANGUAGES = ("en", "nb", "sv", "da", "de", "nl")

#: Sphinx ``language`` values that read the catalog of another shipped language.
ALIASES = {"no": "nb", "nb_NO": "nb", "nn": "nb", "sv_SE": "sv", "da_DK": "da", "de_DE": "de"}


def catalog_language(language: str | None) -> str | None:
    """The shipped catalog that serves a Sphinx ``language`` value (None: no catalog)."""
    if not language:
        return None
    lang = ALIASES.get(language, language)
    if lang not in LANGUAGES:
        lang = ALIASES.get(lang.split("_")[0], lang.split("_")[0])
    return lang if lang in LANGUAGES else None


def setup_i18n(app: Sphinx) -> None:
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    lang = catalog_language(app.config.language)
    if lang is not None and lang != app.config.language:
        # gettext does not know that "no" means Bokmål: load the aliased catalog too.
        locale.init([str(LOCALE_DIR)], lang, CATALOG)
    app.connect("html-page-context", _install_gettext)


def theme_gettext() -> Callable[[str], str]:
    """A gettext that tries the theme's catalog first, then Sphinx's own."""
    ours = locale.get_translator(CATALOG)
    sphinx_ = locale.get_translator("sphinx")

    def gettext(message: str, **variables: Any) -> str:
        text = ours.gettext(message)
        if text == message:
            text = sphinx_.gettext(message)
        return text % variables if variables else text

    return gettext


def _install_gettext(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Make ``_()`` and ``{% trans %}`` in templates use :func:`theme_gettext`."""
    gettext = theme_gettext()
    context["_"] = gettext
    context["gettext"] = gettext
