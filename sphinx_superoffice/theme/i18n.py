"""Interface strings: the theme's own message catalog, looked up before Sphinx's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx import locale

from ..i18n import CATALOG, LANGUAGES, catalog_language
from ..i18n import setup_i18n as setup_catalog
from .hooks import Context, Doctree, on_page_context

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

__all__ = ["LANGUAGES", "catalog_language", "setup_i18n", "theme_gettext"]


def setup_i18n(app: Sphinx) -> None:
    setup_catalog(app)
    on_page_context(app, _install_gettext)


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


def _install_gettext(app: Sphinx, pagename: str, context: Context, doctree: Doctree) -> None:
    """Make ``_()`` and ``{% trans %}`` in templates use :func:`theme_gettext`."""
    gettext = theme_gettext()
    context["_"] = gettext
    context["gettext"] = gettext
