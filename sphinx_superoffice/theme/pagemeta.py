"""Page context: metadata line (author, localised date), "Edit this page", "In this article"."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from docutils import nodes

from ..warnings_ import SoWarning, warn
from .hooks import Context, Doctree, on_page_context, uses_superoffice_theme

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class PageTocItem(TypedDict):
    """One H2 (with its H3 children) or H3 of the "In this article" list."""

    title: str
    id: str
    children: list[PageTocItem]


def setup_pagemeta(app: Sphinx) -> None:
    app.connect("builder-inited", _check_options)
    on_page_context(app, _add_page_context)


def _check_options(app: Sphinx) -> None:
    """A misconfigured theme option is one warning (at its conf.py line), never a crash:
    an ``edit_url`` without ``{path}`` gives no "Edit this page" links."""
    theme = getattr(app.builder, "theme", None)
    if theme is None or not uses_superoffice_theme(app):
        return
    options = theme.get_options(getattr(app.builder, "theme_options", {}))
    edit_url = str(options.get("edit_url") or "")
    if edit_url and "{path}" not in edit_url:
        warn(
            "html_theme_options['edit_url'] must contain '{path}', for example "
            f"'https://github.com/org/repo/edit/main/docs/{{path}}'; got {edit_url!r}: "
            'no "Edit this page" links',
            SoWarning.CONFIG,
            conf_py_location(app.confdir, "edit_url"),
        )


def conf_py_location(confdir: str | os.PathLike[str] | None, name: str) -> str | None:
    """``conf.py:<line>`` of the first line that names ``name`` (``conf.py`` if none
    does; None without a conf.py)."""
    if confdir is None:
        return None
    conf = Path(confdir, "conf.py")
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    number = next((n for n, line in enumerate(lines, 1) if name in line), 0)
    return f"{conf}:{number}" if number else str(conf)


def format_date(value: dt.date | None, language: str | None) -> str | None:
    """``value`` in the long localised form of ``language`` (babel), or None."""
    if not isinstance(value, dt.date):
        return None
    from babel.core import UnknownLocaleError
    from babel.dates import format_date as babel_format_date

    from ..langcodes import sphinx_language

    loc = sphinx_language((language or "en").replace("-", "_"))  # DocFX's ``no`` is ``nb``
    try:
        return babel_format_date(value, format="long", locale=loc)
    except (UnknownLocaleError, ValueError):
        return babel_format_date(value, format="long", locale="en")


def page_toc(doctree: nodes.document | None) -> list[PageTocItem]:
    """H2 sections of the page, each with its H3 sections."""
    if doctree is None:
        return []
    top = next((n for n in doctree.children if isinstance(n, nodes.section)), None)
    if top is None:
        return []

    def item(section: nodes.section, depth: int) -> PageTocItem | None:
        if not section["ids"]:
            return None
        title = next((c for c in section.children if isinstance(c, nodes.title)), None)
        if title is None:
            return None
        children: list[PageTocItem] = []
        if depth < 2:
            for sub in section.children:
                if isinstance(sub, nodes.section) and (it := item(sub, depth + 1)):
                    children.append(it)
        # raw HTML in a heading (DocFX's <a name="x"></a> anchors) is not title text
        text = "".join(
            t.astext() for t in title.findall(nodes.Text) if not isinstance(t.parent, nodes.raw)
        ).strip()
        return PageTocItem(title=text, id=section["ids"][0], children=children)

    return [it for s in top.children if isinstance(s, nodes.section) and (it := item(s, 1))]


def edit_link(template: str, context: dict[str, Any], lang: str = "") -> str | None:
    """The "Edit this page" URL, or None for pages without a source file.

    ``{path}`` is the source path relative to the source directory and ``{lang}`` the
    build's DocFX language code (``no`` for a Norwegian tree built as ``nb``).
    """
    if "{path}" not in template or not context.get("sourcename"):
        return None  # no template, or a wrong one (warned once at builder-inited)
    suffix = context.get("page_source_suffix") or ""
    path = context["pagename"] + suffix
    return template.replace("{path}", path).replace("{lang}", lang)


#: docutils' HTML5 writer adds this to the metatags Sphinx passes on (Sphinx 9 with
#: docutils 0.22+), after the one Sphinx's basic layout (which the superoffice theme
#: extends) writes itself
_DOCUTILS_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'


def _add_page_context(app: Sphinx, pagename: str, context: Context, doctree: Doctree) -> None:
    meta = context.get("meta") or {}
    if uses_superoffice_theme(app):
        context["metatags"] = str(context.get("metatags", "")).replace(_DOCUTILS_VIEWPORT, "", 1)
    context["superoffice_layout"] = (
        "landing" if str(meta.get("layout", "")).strip() == "landing" else "article"
    )
    context["superoffice_page_toc"] = page_toc(doctree)
    context["superoffice_date_text"] = format_date(
        context.get("superoffice_date"), app.config.language
    )
    context["superoffice_author"] = str(meta.get("author") or "").strip() or None
    from ..languages import current_language_code

    context["superoffice_edit_url"] = edit_link(
        str(context.get("theme_edit_url") or ""), context, current_language_code(app)
    )
