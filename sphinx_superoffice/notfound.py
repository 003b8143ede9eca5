"""The 404 page: ``404.html``, whose links work whatever URL the server shows it at.

A web server (GitHub Pages, Read the Docs, nginx's ``error_page 404 /404.html``) answers a
missing ``/no/a/b/c/missing`` with the site's ``404.html`` at that URL, so the page's
relative links would point under ``/no/a/b/c/``. The page is written like any other (the
theme's header, navigation and search), then every relative URL in it (``href``, ``src``,
``action``, and ``data-content_root`` and the theme's ``data-so-*`` URLs, from which the
scripts find the search index and the navigation) is made site-absolute against the path
of ``superoffice_site_url`` (else ``html_baseurl``, else ``/``). A source page ``404.md``
replaces the built-in text and gets the same treatment. The page is ``noindex`` and in no sitemap.

sphinx-notfound-page does the same by replacing ``pathto`` and the CSS/JS tag helpers in
the page context; the ``superoffice`` theme draws its navigation in Python (URLs relative
to the folder) and its scripts read ``data-content_root``, which that would miss.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from .i18n import _
from .sitemap import site_root

if TYPE_CHECKING:
    from sphinx.application import Sphinx

PAGENAME = "404"
#: attributes that hold a URL relative to the page: HTML's, Sphinx's ``data-content_root``
#: and the ``superoffice`` theme's (the nav file, the site root, the search page)
_URL_ATTRIBUTE = re.compile(
    r"""(\s(?:href|src|action|data-content_root|data-so-nav|data-so-root|data-so-search-url)=)"""
    r"""(["'])([^"']*)\2"""
)
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|/|#)")


def site_absolute(html_text: str, base: str) -> str:
    """``html_text`` with every relative URL attribute resolved against ``base`` (a path
    ending in ``/``, such as ``/no/``). Absolute URLs, site-absolute paths, ``#fragments``
    and ``data:``/``mailto:`` URLs stay as they are."""

    def absolute(match: re.Match[str]) -> str:
        attribute, quote, value = match.groups()
        if _ABSOLUTE.match(value):
            return match.group(0)
        resolved = urljoin("http://site" + base, html.unescape(value))[len("http://site") :]
        return f"{attribute}{quote}{html.escape(resolved, quote=True)}{quote}"

    return _URL_ATTRIBUTE.sub(absolute, html_text)


def base_path(app: Sphinx) -> str:
    """The path the site is published under (``/no/``), from its address; ``/`` if unknown."""
    path = urlsplit(site_root(app)).path
    return path if path.endswith("/") else "/"


def _collect(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the built-in 404 page (unless the site has a ``404`` page)."""
    if app.builder.name != "html" or PAGENAME in app.env.all_docs:
        return
    home = html.escape(app.builder.get_target_uri(app.config.root_doc))
    # (each _() outside the f-strings: babel on Python 3.11 does not look inside them)
    title = str(_("Page not found"))
    text = html.escape(str(_("The page you asked for does not exist, or it has moved.")))
    home_label = html.escape(str(_("home page")).capitalize())
    body = (
        f'<section id="page-not-found">\n<h1>{html.escape(title)}</h1>\n<p>{text}</p>\n<ul>\n'
        f'<li><a href="{home}">{home_label}</a></li>\n'
    )
    if getattr(app.builder, "search", False):
        label = html.escape(str(_("Search the documentation")))
        body += f'<li><a href="search.html">{label}</a></li>\n'
    body += "</ul>\n</section>\n"
    context = {"title": title, "body": body}
    yield PAGENAME, context, "page.html"


_HREFLANG = re.compile(r'<link rel="alternate" hreflang="[^"]*" href="[^"]*" />\n?')


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The 404 page is ``noindex`` and has no language alternates (it stands for no page;
    runs after :mod:`.languages` added them)."""
    if pagename != PAGENAME:
        return
    metatags = _HREFLANG.sub("", context.get("metatags", ""))
    if 'name="robots"' not in metatags:
        metatags += '<meta name="robots" content="noindex" />\n'
    context["metatags"] = metatags


def _finish(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    page = Path(app.outdir) / f"{PAGENAME}.html"
    if page.is_file():
        text = page.read_text(encoding="utf-8")
        fixed = site_absolute(text, base_path(app))
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def setup_notfound(app: Sphinx) -> None:
    app.connect("html-collect-pages", _collect)
    app.connect("html-page-context", _page_context, priority=600)
    app.connect("build-finished", _finish)
