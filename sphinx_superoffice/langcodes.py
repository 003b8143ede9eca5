"""The one language-code table: DocFX codes, Sphinx codes, names, stemmers, catalogs.

Pure (no Sphinx). DocFX (and the SuperOffice trees) call Norwegian Bokmål ``no``; Sphinx
and gettext call it ``nb``, and Sphinx's search stemmer for it is named ``no``.
"""

from __future__ import annotations

#: DocFX / folder language code -> Sphinx language code (others are the same).
SPHINX_LANGUAGE = {"no": "nb"}
#: Names shown in the language switcher, in their own language.
LANGUAGE_NAMES = {
    "en": "English",
    "no": "Norsk",
    "nb": "Norsk",
    "sv": "Svenska",
    "da": "Dansk",
    "de": "Deutsch",
    "nl": "Nederlands",
}
#: Sphinx language -> the name of the search stemmer Sphinx ships for it.
SEARCH_LANGUAGE = {"nb": "no", "nb_NO": "no", "nn": "no"}
#: Languages whose interface strings are read from another language's catalog.
CATALOG_FALLBACK = {"nn": "nb"}


def sphinx_language(code: str) -> str:
    """The Sphinx language code of a DocFX (or Sphinx) code: ``no`` -> ``nb``."""
    return SPHINX_LANGUAGE.get(code, code)


def native_name(code: str) -> str:
    """The name of a DocFX (or Sphinx) language code in its own language: ``no`` ->
    ``Norsk``, ``fr`` -> ``Français`` (babel's, capitalised), else the code itself."""
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return code
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]


def catalog_language(language: str | None, shipped: tuple[str, ...]) -> str | None:
    """The shipped catalog that serves a Sphinx or DocFX ``language`` (None: none):
    ``no``, ``nb_NO`` and ``nn`` -> ``nb``, ``de_DE`` -> ``de``."""
    if not language:
        return None
    for code in (language, language.replace("-", "_").split("_")[0]):
        code = sphinx_language(code)
        code = CATALOG_FALLBACK.get(code, code)
        if code in shipped:
            return code
    return None
