"""Extract the package's interface strings and compile its message catalogs.

Usage::

    python tools/update_theme_catalogs.py          # update every .po, then compile .mo
    python tools/update_theme_catalogs.py --check  # exit 1 if a committed catalog is stale

Strings are the ``_("...")`` / ``gettext("...")`` calls in the templates
(``sphinx_superoffice/theme/superoffice/*.html``, ``sphinx_superoffice/templates/*.html``)
and the ``_("...")`` calls in the package's Python modules (``from .i18n import _``): one
catalog, ``sphinx_superoffice/locale/<lang>/LC_MESSAGES/sphinx_superoffice.po``, for the
extension and its theme. Each language's ``.po`` keeps its
translations; new strings are added untranslated (and ``--check`` then fails for every
language except English until someone translates them). Needs babel (a Sphinx dependency).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_python
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po
from jinja2.ext import babel_extract

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sphinx_superoffice"
TEMPLATE_DIRS = (PACKAGE / "theme" / "superoffice", PACKAGE / "templates")
LOCALE = PACKAGE / "locale"
DOMAIN = "sphinx_superoffice"
LANGUAGES = ("en", "nb", "sv", "da", "de", "nl")
#: Languages whose msgstr may stay empty (the msgid is the text).
SOURCE_LANGUAGES = ("en",)
KEYWORDS = ("_", "gettext")
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}


def extract() -> dict[str, list[tuple[str, int]]]:
    """Every msgid used in the templates and Python modules, with the places it is used."""
    found: dict[str, list[tuple[str, int]]] = {}
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.glob("*.html")):
            with path.open("rb") as f:
                for lineno, _f, message, _c in babel_extract(f, KEYWORDS, [], JINJA_OPTIONS):
                    if isinstance(message, str) and message:
                        found.setdefault(message, []).append((path.name, lineno))
    for path in sorted(PACKAGE.rglob("*.py")):
        with path.open("rb") as f:
            for lineno, _f, message, _c in extract_python(f, ("_",), [], {}):
                if isinstance(message, str) and message:
                    name = path.relative_to(PACKAGE).as_posix()
                    found.setdefault(message, []).append((name, lineno))
    return found


def po_path(lang: str, locale_dir: Path = LOCALE) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(lang: str, locale_dir: Path = LOCALE) -> Catalog:
    path = po_path(lang, locale_dir)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, project="sphinx-superoffice")
    with path.open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def compile_mo(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def read_mo_file(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_mo(f)


def translations(catalog: Catalog) -> dict[str, str]:
    """What a compiled catalog serves: msgid -> msgstr, untranslated and fuzzy left out.

    Compared by content, not bytes, so that another babel version cannot make it "stale".
    """
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}


def render_po(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, omit_header=False, sort_output=True, include_lineno=False)
    return buf.getvalue()


def update(messages: dict[str, list[tuple[str, int]]]) -> None:
    """Merge the template strings into each ``.po`` and recompile each ``.mo``."""
    for lang in LANGUAGES:
        catalog = read_catalog(lang)
        catalog.fuzzy = False
        old = {str(m.id): m.string for m in catalog if m.id}
        for msgid in list(old):
            if msgid not in messages:
                del catalog[msgid]
        for msgid, locations in messages.items():
            catalog.add(msgid, str(old.get(msgid) or ""), locations=locations)
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_po(catalog))
        path.with_suffix(".mo").write_bytes(compile_mo(read_catalog(lang)))


def problems(
    messages: dict[str, list[tuple[str, int]]] | None = None, locale_dir: Path = LOCALE
) -> list[str]:
    """What makes the committed catalogs stale; empty when they are up to date."""
    messages = extract() if messages is None else messages
    found: list[str] = []
    for lang in LANGUAGES:
        path = po_path(lang, locale_dir)
        if not path.exists():
            found.append(f"{lang}: {path.name} is missing")
            continue
        catalog = read_catalog(lang, locale_dir)
        ids = {str(m.id): m for m in catalog if m.id}
        for msgid in sorted(set(messages) - set(ids)):
            found.append(f"{lang}: msgid {msgid!r} is used but not in the catalog")
        for unused in sorted(set(ids) - set(messages)):
            found.append(f"{lang}: msgid {unused!r} is in the catalog but nothing uses it")
        if lang not in SOURCE_LANGUAGES:
            for msgid in sorted(set(messages) & set(ids)):
                if not ids[msgid].string or ids[msgid].fuzzy:
                    found.append(f"{lang}: msgid {msgid!r} is not translated")
        mo = path.with_suffix(".mo")
        if not mo.exists() or translations(read_mo_file(mo)) != translations(catalog):
            found.append(f"{lang}: {mo.name} is missing or not compiled from the current .po")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only report stale catalogs")
    args = parser.parse_args(argv)
    messages = extract()
    if not args.check:
        update(messages)
    stale = problems(messages)
    for line in stale:
        print(line, file=sys.stderr)
    if not args.check:
        print(f"{len(messages)} strings, {len(LANGUAGES)} catalogs written")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
