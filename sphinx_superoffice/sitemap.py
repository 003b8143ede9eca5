"""``sitemap.xml``: every page once, with its ``hreflang`` alternates, as DocFX writes it.

Written at ``build-finished`` by the HTML builders (``html``, ``dirhtml``) when the site's
address is known: ``superoffice_site_url`` (this build's root, ``{lang}`` already
replaced), else ``html_baseurl``. Each page's ``<loc>`` is that address plus the page's
URL; a page with counterparts in other language trees (:func:`.languages.counterparts`:
same path, else swapped uid) lists every language's version, itself included, as
``<xhtml:link rel="alternate" hreflang>``, the form search engines read. Redirect pages
(``redirect_url``, and the pages ``redirect_from`` and a tree without a root page write)
and pages marked ``noindex`` (:mod:`.robots`) are left out; so are Sphinx's own pages
(search, genindex) and the 404 page.

sphinx-sitemap was considered: it writes one sitemap per build too, but its alternates
are derived from ``sitemap_locales`` and a URL scheme (``{lang}{version}{link}``) that
assumes every page exists under the same path in every language, while DocFX trees pair
pages by path or by uid and publish languages at any URL (``superoffice_language_url``);
it would also need the redirect and ``noindex`` pages listed as exclude patterns. The
writer below is the pure :func:`sitemap_xml`; the glue is :func:`_write_sitemap`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from .config import get_config
from .languages import counterparts
from .redirects import is_redirect
from .robots import is_noindex, page_metadata

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FILENAME = "sitemap.xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>``: its address and its alternates (``(hreflang, href)``)."""

    loc: str
    alternates: tuple[tuple[str, str], ...] = ()
    changefreq: str | None = None
    priority: str | None = None


def sitemap_xml(entries: list[SitemapEntry]) -> str:
    """The ``<urlset>`` document for ``entries``, in their order."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for entry in entries:
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(entry.loc)}</loc>")
        if entry.changefreq:
            lines.append(f"    <changefreq>{escape(entry.changefreq)}</changefreq>")
        if entry.priority:
            lines.append(f"    <priority>{escape(entry.priority)}</priority>")
        for hreflang, href in entry.alternates:
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang={quoteattr(hreflang)}'
                f" href={quoteattr(href)}/>"
            )
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def site_root(app: Sphinx) -> str:
    """This build's published root URL (ending in ``/``), or ``""`` when unknown."""
    url = get_config(app.config).site_url or app.config.html_baseurl or ""
    if "://" not in url:
        return ""
    return url if url.endswith("/") else url + "/"


def sitemap_entries(app: Sphinx, root: str) -> list[SitemapEntry]:
    """Every page of the build that belongs in the sitemap, in docname order."""
    env = app.env
    entries = []
    for docname in sorted(env.all_docs):
        meta = env.metadata.get(docname, {})
        if is_redirect(env, docname) or is_noindex(page_metadata(env, docname)):
            continue
        languages = [lang for lang in counterparts(app, docname, meta, root) if lang["exact"]]
        alternates = [(lang["lang"], lang["url"]) for lang in languages]
        entries.append(
            SitemapEntry(
                root + app.builder.get_target_uri(docname),
                tuple(alternates) if len(alternates) > 1 else (),
            )
        )
    return entries


def _write_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    root = site_root(app)
    if not root or not get_config(app.config).sitemap:
        return
    text = sitemap_xml(sitemap_entries(app, root))
    target = Path(app.outdir) / FILENAME
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def setup_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", _write_sitemap)
