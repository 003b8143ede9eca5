"""Redirect pages: front matter ``redirect_url`` and ``redirect_from``.

- A page with ``redirect_url`` is written with ``superoffice-redirect.html`` (shipped
  here, so any theme works): ``<meta http-equiv="refresh">``, ``<link rel="canonical">``,
  a visible link and ``<meta name="robots" content="noindex">``. It is kept out of the
  search index (``nosearch``) and out of the navigation (``orphan``).
- Each ``redirect_from`` entry (``/no/admin/learn/adjusting-views``) becomes such a page
  at the old path, pointing at the page that declares it.
- Targets resolve like links: relative paths, and absolute or site-absolute URLs under
  ``superoffice_site_url``, map to local pages; a chain of redirect pages is followed to
  its end. A missing target, a loop or a refused scheme (``javascript:``) is warned about
  and not followed: the page then shows the text without refresh.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.transforms import SphinxTransform
from sphinx.util.osutil import relative_uri

from .config import get_config
from .epub import writes_xhtml
from .i18n import _
from .references import get_domain
from .sitemodel import (
    REDIRECT_TEMPLATE,
    heading_text,
    page_metadata,
    site_files,
    site_index,
    stub_pages,
)
from .state import get_state
from .warnings_ import SoWarning, warn

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


TEMPLATES_DIR = str(Path(__file__).parent / "templates")


@dataclass(frozen=True)
class RedirectTarget:
    docname: str | None = None
    anchor: str = ""
    url: str | None = None
    problem: str = ""
    notice: str = ""
    """A warning about a target that was repaired (followed anyway)."""


@dataclass
class RedirectTables:
    """The redirect tables of one build (a :class:`~.state.BuildState` slot)."""

    #: ``old pagename -> docname`` of every ``redirect_from`` (first claimant wins)
    claims: dict[str, str] | None = None
    #: redirect page -> where it leads, once resolved
    resolved: dict[str, RedirectTarget] = field(default_factory=dict)


def _tables(app: Sphinx) -> RedirectTables:
    return get_state(app.env).slot(RedirectTables)


def setup_redirects(app: Sphinx) -> None:
    app.connect("config-inited", _add_templates, priority=850)
    app.add_transform(RedirectMarkTransform)
    app.connect("env-updated", _env_updated)
    app.connect("env-check-consistency", _check_redirects)
    app.connect("html-page-context", _html_page_context, priority=900)
    app.connect("html-collect-pages", _collect_redirect_from)


def _add_templates(app: Sphinx, config: Config) -> None:
    if TEMPLATES_DIR not in config.templates_path:
        config.templates_path = [*config.templates_path, TEMPLATES_DIR]


class RedirectMarkTransform(SphinxTransform):
    """Keep redirect pages out of the search index and of the toctree warning."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        meta = self.env.metadata[self.env.docname]
        if meta.get("redirect_url"):
            meta["nosearch"] = ""
            meta["orphan"] = ""


def is_redirect(env: BuildEnvironment, docname: str) -> bool:
    """Whether ``docname`` is a redirect page (a redirect stub, or a page with text)."""
    return docname in stub_pages(env) or bool(env.metadata.get(docname, {}).get("redirect_url"))


def _pages(env: BuildEnvironment) -> list[str]:
    """Every page of the build, redirect stubs included, in docname order."""
    return sorted(env.found_docs | stub_pages(env).keys())


def resolve_redirect(app: Sphinx, docname: str) -> RedirectTarget:
    """Where the redirect page ``docname`` leads, following chains of redirect pages.

    Only called once every page is read; the result is cached for the build.
    """
    cache = _tables(app).resolved
    if docname not in cache:
        cache[docname] = _resolve_redirect(app, docname)
    return cache[docname]


def _resolve_redirect(app: Sphinx, docname: str) -> RedirectTarget:
    env = app.env
    files = site_files(app.env)
    chain = [docname]
    current = docname
    anchor = ""
    while True:
        value = str(page_metadata(env, current).get("redirect_url", "")).strip().strip("'\"")
        target = files.resolve(value, posixpath.dirname(current))
        if target.url is not None:
            return RedirectTarget(url=target.url)
        if target.docname is None:
            why = target.problem or "not a page of this build"
            claimant = _claims(app).get(current)
            if claimant is None or claimant in chain:
                return RedirectTarget(problem=f"redirect target {value!r} of {current!r}: {why}")
            # the page that took over this path says so with redirect_from: follow it
            notice = (
                f"redirect target {value!r} of {current!r}: {why}; using {claimant!r}, "
                "whose redirect_from names this page"
            )
            return RedirectTarget(docname=claimant, anchor="", problem="", notice=notice)
        anchor = target.anchor or anchor
        if target.docname in chain:
            loop = " -> ".join([*chain, target.docname])
            return RedirectTarget(problem=f"redirect loop: {loop}")
        if not is_redirect(env, target.docname):
            if anchor and anchor not in get_domain(env).anchors.get(target.docname, {}):
                # like a link: lead to the page, never to a dead fragment
                notice = (
                    f"redirect target {value!r} of {current!r}: no anchor {anchor!r} in "
                    f"{target.docname!r}; leading to the page"
                )
                return RedirectTarget(docname=target.docname, notice=notice)
            return RedirectTarget(docname=target.docname, anchor=anchor)
        chain.append(target.docname)
        current = target.docname


def nav_target(app: Sphinx, docname: str) -> tuple[str | None, str, str | None] | None:
    """For the navigation: ``(docname, anchor, external url)`` a redirect page leads to.

    ``None`` when ``docname`` is not a redirect page or its target does not resolve.
    """
    if not is_redirect(app.env, docname):
        return None
    target = resolve_redirect(app, docname)
    if target.problem:
        return None
    return target.docname, target.anchor, target.url


def _env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Re-write the redirect pages whose target (or its title) changed since last build
    (the redirect stubs have their own plan: :mod:`.stubpages`)."""
    signatures: dict[str, str] = {}
    for docname in sorted(env.found_docs):
        if is_redirect(env, docname):
            target = resolve_redirect(app, docname)
            title = heading_text(env, target.docname) if target.docname else ""
            signatures[docname] = "\x1f".join(
                (str(target.docname), target.anchor, str(target.url), target.problem, title)
            )
    previous: dict[str, str] | None = getattr(env, "superoffice_redirects", None)
    env.superoffice_redirects = signatures  # type: ignore[attr-defined]
    if previous is None:
        return []
    return [doc for doc, signature in signatures.items() if previous.get(doc) != signature]


def _claims(app: Sphinx) -> dict[str, str]:
    """``old pagename -> docname`` of every ``redirect_from`` (first claimant wins)."""
    tables = _tables(app)
    claims = tables.claims
    if claims is None:
        claims = {}
        env = app.env
        for docname in _pages(env):
            for old in _old_paths(page_metadata(env, docname).get("redirect_from")):
                pagename, _ = _old_pagename(app, docname, old)
                if pagename is not None and pagename != docname:
                    claims.setdefault(pagename, docname)
        tables.claims = claims
    return claims


def _key_location(
    env: BuildEnvironment, docname: str, key: str, value: str = ""
) -> tuple[str, int | None]:
    """(docname, line) of a front-matter key (or of the line holding ``value`` in it)."""
    head = site_index(env).front_matter(env.doc2path(docname))
    return (docname, head.item_line(key, value) if value else head.line(key))


def _check_redirects(app: Sphinx, env: BuildEnvironment) -> None:
    for docname in sorted(env.all_docs | stub_pages(env).keys()):
        if is_redirect(env, docname):
            target = resolve_redirect(app, docname)
            if target.problem:
                where = _key_location(env, docname, "redirect_url")
                warn(target.problem + "; not followed", SoWarning.REDIRECT, where)
            elif target.notice:
                warn(target.notice, SoWarning.REDIRECT, _key_location(env, docname, "redirect_url"))
    list(_redirect_from_pages(app, warn_problems=True))


def _absolute(app: Sphinx, uri: str) -> str:
    base = get_config(app.config).site_url or app.config.html_baseurl
    if not base:
        return ""
    return base.rstrip("/") + "/" + uri.lstrip("/")


def redirect_context(app: Sphinx, pagename: str, target: RedirectTarget) -> dict[str, Any]:
    """The template context of the redirect page at ``pagename`` (beside Sphinx's)."""
    env = app.env
    builder = app.builder
    here = builder.get_target_uri(pagename)
    if target.url is not None:
        href: str | None = target.url
        canonical = target.url
        title = target.url
    elif target.docname is not None:
        uri = builder.get_target_uri(target.docname)
        href = relative_uri(here, uri) or posixpath.basename(uri) or "./"
        if target.anchor:
            href += "#" + target.anchor
            uri += "#" + target.anchor
        canonical = _absolute(app, uri) or href
        title = heading_text(env, target.docname) or href
    else:
        href, canonical, title = None, "", ""
    return {
        "redirect_href": href,
        "redirect_canonical": canonical,
        "redirect_title": title or str(_("Redirect")),
        "redirect_link_text": title,
        "redirect_text": str(_("This page has moved to") if href else _("This page has moved.")),
        "title": title,
        # the epub builder writes XHTML: the template then closes its void elements
        "redirect_xhtml": writes_xhtml(builder),
    }


def _html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> str | None:
    if not is_redirect(app.env, pagename):
        return None
    context.update(redirect_context(app, pagename, resolve_redirect(app, pagename)))
    return REDIRECT_TEMPLATE


def _old_paths(value: Any) -> list[str]:
    text = str(value or "").strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            items = [text]
        return [str(i).strip() for i in items if str(i).strip()]
    return [text]


def _old_pagename(app: Sphinx, docname: str, old: str) -> tuple[str | None, str]:
    files = site_files(app.env)
    if old.startswith(("/", "http://", "https://")):
        if not files.has_site_url:
            return None, "set superoffice_site_url to map site-absolute paths"
        rel = files.site_relative(old)
        if rel is None:
            return None, f"outside {get_config(app.config).site_url!r}"
        rel = rel.split("#", 1)[0]
    else:
        rel = posixpath.join(posixpath.dirname(docname), old)
    rel = posixpath.normpath(rel)
    if rel.startswith("..") or rel in (".", ""):
        rel = "index" if rel in (".", "") else rel
        if rel.startswith(".."):
            return None, "outside the site"
    if old.endswith("/"):
        rel = posixpath.join(rel, "index")
    for suffix in (".html", ".htm", ".md"):
        if rel.lower().endswith(suffix):
            rel = rel[: -len(suffix)]
            break
    refused = refused_pagename(rel)
    if refused:
        return None, refused
    return rel, ""


#: Pages Sphinx writes at the output root: a redirect_from may not replace them.
_SPHINX_PAGES_RE = re.compile(
    r"^(?:genindex(?:-.*)?|search|searchindex|objects|[a-z0-9_]+-modindex)(?:\..*)?$",
    re.IGNORECASE,
)
#: Output folders of Sphinx's own: a redirect_from may not write into them.
_SPHINX_FOLDERS = frozenset({"_static", "_images", "_sources", "_downloads", "_modules"})


def refused_pagename(pagename: str) -> str:
    """Why a redirect_from page may not be written as ``pagename`` ("" when it may).

    It may not replace one of Sphinx's pages (``genindex``, ``search``,
    ``py-modindex``, ``objects.inv``…), write into ``_static``, ``_images``,
    ``_sources`` or ``_downloads`` or a hidden folder, or have characters outside
    letters, digits and ``-_.~/`` in its file or folder names.
    """
    parts = pagename.split("/")
    if _SPHINX_PAGES_RE.match(pagename):
        return f"{pagename!r} is a page Sphinx writes"
    if parts[0].lower() in _SPHINX_FOLDERS or any(p.startswith(".") for p in parts):
        return f"{pagename!r} is inside a folder of Sphinx's own or a hidden folder"
    bad = sorted({c for c in pagename if not _safe_character(c)})
    if bad or "" in parts:
        shown = "".join(bad) or "//"
        return f"{pagename!r} has characters a page name may not have ({shown!r})"
    return ""


def _safe_character(char: str) -> bool:
    if char.isascii():
        return char.isalnum() or char in "-_.~/"
    return char.isalnum()


def _redirect_from_pages(app: Sphinx, warn_problems: bool = False) -> Iterator[tuple[str, str]]:
    """``(old pagename, target docname)`` for every usable ``redirect_from`` entry."""
    env = app.env
    claimed: dict[str, str] = {}
    stubs = stub_pages(env)
    for docname in sorted(env.all_docs | stubs.keys()):
        value = page_metadata(env, docname).get("redirect_from")
        for old in _old_paths(value):
            pagename, problem = _old_pagename(app, docname, old)
            if pagename is None:
                if warn_problems:
                    warn(
                        f"redirect_from {old!r} skipped: {problem}",
                        SoWarning.REDIRECT,
                        _key_location(env, docname, "redirect_from", old),
                    )
                continue
            if pagename == docname:
                continue
            if pagename in env.all_docs or pagename in stubs:
                same = (
                    is_redirect(env, pagename)
                    and resolve_redirect(app, pagename).docname == docname
                )
                if warn_problems and not same:
                    warn(
                        f"redirect_from {old!r} skipped: {pagename!r} is a page of its own",
                        SoWarning.REDIRECT,
                        _key_location(env, docname, "redirect_from", old),
                    )
                continue
            if pagename in claimed:
                if warn_problems and claimed[pagename] != docname:
                    warn(
                        f"redirect_from {old!r} skipped: already claimed by {claimed[pagename]!r}",
                        SoWarning.REDIRECT,
                        _key_location(env, docname, "redirect_from", old),
                    )
                continue
            claimed[pagename] = docname
            yield pagename, docname


def redirect_page(app: Sphinx, pagename: str, docname: str) -> tuple[str, dict[str, Any]]:
    """An extra page (for :func:`write_redirect_pages`) at ``pagename`` that leads to
    ``docname``, drawn like every redirect page; ``pagename`` must not be a page or a
    ``redirect_from``."""
    return pagename, redirect_context(app, pagename, RedirectTarget(docname=docname))


def write_redirect_pages(app: Sphinx, pages: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """Write each ``(pagename, context)`` redirect page with :data:`REDIRECT_TEMPLATE`.

    Called from ``html-collect-pages``, at the point where Sphinx writes such pages,
    but without its page machinery (:meth:`~sphinx.builders.html.StandaloneHTMLBuilder.
    handle_page`): a redirect page draws no theme, so the theme's context, the
    ``html-page-context`` listeners and the page's CSS and JavaScript lists are of no
    use to it, and they were most of its cost (the ``en`` tree writes 1,172 stubs). The
    template is still looked up on ``templates_path`` first, so a project can replace
    it; its context is the redirect keys (:func:`redirect_context`), ``language`` and
    ``pagename``. Written as Sphinx writes pages (output encoding, character references
    for what it cannot encode).
    """
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or builder.templates is None:
        return  # html-collect-pages: an HTML builder
    render = builder.templates.render
    encoding = app.config.html_output_encoding
    language = builder.globalcontext.get("language", app.config.language)
    for pagename, context in pages:
        html = render(REDIRECT_TEMPLATE, {**context, "language": language, "pagename": pagename})
        path = Path(builder.get_outfilename(pagename))
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.write_text(html, encoding=encoding, errors="xmlcharrefreplace")
        except OSError as err:
            warn(f"redirect page not written: {err}", SoWarning.REDIRECT, str(path))


def is_redirect_from_page(app: Sphinx, pagename: str) -> bool:
    """Whether a ``redirect_from`` entry writes a redirect page at ``pagename``."""
    return pagename in _claims(app)


def _collect_redirect_from(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    write_redirect_pages(
        app,
        (
            (pagename, redirect_context(app, pagename, RedirectTarget(docname=docname)))
            for pagename, docname in _redirect_from_pages(app)
        ),
    )
    return []  # written
