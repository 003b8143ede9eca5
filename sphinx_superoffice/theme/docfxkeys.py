"""DocFX's page keys drive the page, globally (docfx.json) and per page (front matter).

Each page's DocFX metadata (``globalMetadata`` < ``fileMetadata`` < front matter, typed as
docfx.json gives it; front-matter values are strings) is the page context's
``superoffice_metadata`` (a dict, ``{}`` when there is none; templates and other modules
read DocFX keys such as ``_noindex`` and ``ROBOTS`` there; it is set before any other
``html-page-context`` handler of priority 50 or more runs). :func:`page_metadata` gives
the same dict outside a page context, and :func:`is_true` reads a DocFX flag (``true`` or
``"true"``). The keys DocFX's templates know change the page:

=======================  ===============================================================
``_appTitle``            the ``<title>`` suffix (``html_title`` when conf.py sets none)
``_appName``             the header's name (unless ``product_name`` is set)
``_appLogoPath``         the header's logo (unless ``html_logo`` / ``logo`` is set);
                         a path in DocFX's output, like ``_appFaviconPath``
``_appFaviconPath``      the favicon (unless ``html_favicon`` is set)
``_appFooter``           the footer text, HTML (unless ``footer_text`` is set)
``_gitContribute``       ``{"repo", "branch", "path"}``: the "Edit this page" link
                         (unless ``edit_url`` is set; ``_gitUrlPattern``: ``github``,
                         ``vso``, ``bitbucket``, else guessed from the repo's host)
``_disableToc``          no navigation tree
``_disableAffix``        no "In this article"
``_disableBreadcrumb``   no breadcrumbs
``_disableNextArticle``  no previous / next links
``_disableContribution`` no "Edit this page" link
``_layout``              ``landing`` gives the landing layout
=======================  ===============================================================
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..docfx_json import DocfxSettings, as_meta_string
from ..state import get_state
from ..urls import browser_url, has_scheme
from .hooks import Context, Doctree, on_page_context

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def setup_docfxkeys(app: Sphinx) -> None:
    # the metadata before every other page-context hook, so that they can read it
    on_page_context(app, _add_metadata, priority=50)
    # the keys after them (nav, breadcrumbs, page toc, edit link: <= 900)
    on_page_context(app, _apply_keys, priority=950)


def is_true(value: Any) -> bool:
    """A DocFX flag: JSON ``true`` or the string ``true`` (front matter)."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def page_metadata(env: BuildEnvironment, pagename: str) -> dict[str, Any]:
    """The page's DocFX metadata: docfx.json's values (typed) under its front matter."""
    settings = get_state(env).peek(DocfxSettings)
    meta: dict[str, Any] = env.metadata.get(pagename, {}) if pagename in env.found_docs else {}
    if settings is None or settings.path is None:
        return dict(meta)
    if pagename in env.found_docs:
        values = settings.metadata_for(Path(env.doc2path(pagename)).resolve())
    else:
        values = dict(settings.config.global_metadata)
    for key, value in meta.items():
        if key not in values or as_meta_string(values[key]) != value:
            values[key] = value  # front matter (a string) wins
    return values


def _site_path(app: Sphinx, path: str) -> str | None:
    """A path in DocFX's output (``assets/logo.svg``) relative to this build's output."""
    settings = get_state(app.env).peek(DocfxSettings)
    prefix = settings.prefix if settings is not None else ""
    path = browser_url(path).replace("\\", "/").lstrip("~/").lstrip("/")
    if not path or has_scheme(path):  # a URL (javascript:...) is not a path of the site
        return None
    return posixpath.relpath(path, prefix) if prefix else path


_GIT_HOSTS = (("vso", "dev.azure.com"), ("vso", "visualstudio.com"), ("bitbucket", "bitbucket.org"))


def git_edit_url(contribute: Any, pattern: Any, path: str) -> str | None:
    """DocFX's "improve this doc" URL (``common.js`` ``getRemoteUrl``) for ``path``."""
    if not isinstance(contribute, dict) or not isinstance(contribute.get("repo"), str):
        return None
    repo = contribute["repo"].strip()
    match = re.match(r"^(?:ssh://)?git@([^:/]+)[:/](.+)$", repo)
    if match:
        repo = f"https://{match.group(1)}/{match.group(2)}"
    repo = re.sub(r"^(https?://)[^@/]+@", r"\1", repo).removesuffix("/").removesuffix(".git")
    if not repo.startswith(("https://", "http://")):
        return None
    branch = str(contribute.get("branch") or "main")
    prefix = str(contribute.get("path") or "").strip("/")
    full = f"{prefix}/{path}" if prefix else path
    kind = str(pattern or "").lower()
    if kind not in ("github", "vso", "bitbucket"):  # DocFX guesses from the host
        kind = next((k for k, host in _GIT_HOSTS if host in repo), "github")
    if kind == "vso":
        return f"{repo}?path=/{full}&version=GB{branch}"
    if kind == "bitbucket":
        return f"{repo}/src/{branch}/{full}"
    return f"{repo}/blob/{branch}/{full}"


def _add_metadata(app: Sphinx, pagename: str, context: Context, doctree: Doctree) -> None:
    context["superoffice_metadata"] = page_metadata(app.env, pagename)


def _apply_keys(app: Sphinx, pagename: str, context: Context, doctree: Doctree) -> None:
    values = context.get("superoffice_metadata") or {}
    if not values:
        return
    options = app.config.html_theme_options or {}
    if is_true(values.get("_disableToc")):
        context["superoffice_nav"] = []
    if is_true(values.get("_disableBreadcrumb")):
        context["superoffice_breadcrumbs"] = []
    if is_true(values.get("_disableAffix")):
        context["superoffice_page_toc"] = []
    if is_true(values.get("_disableNextArticle")):
        context["prev"] = context["next"] = None
    if str(values.get("_layout") or "").strip().lower() == "landing":
        context["superoffice_layout"] = "landing"
    name = values.get("_appName")
    if isinstance(name, str) and name.strip() and not options.get("product_name"):
        context["theme_product_name"] = name.strip()
    title = values.get("_appTitle")
    if isinstance(title, str) and title.strip() and title != app.config.html_title:
        context["docstitle"] = title  # basic/layout.html: <title>… &#8212; docstitle
    footer = values.get("_appFooter")
    if isinstance(footer, str) and footer.strip() and not options.get("footer_text"):
        context["theme_footer_text"] = footer
    pathto = context.get("pathto")
    for key, context_key, user_set in (
        ("_appLogoPath", "logo_url", app.config.html_logo or options.get("logo")),
        ("_appFaviconPath", "favicon_url", app.config.html_favicon),
    ):
        value = values.get(key)
        target = _site_path(app, value) if isinstance(value, str) and not user_set else None
        if target and pathto:
            context[context_key] = pathto(target, 1)
    if is_true(values.get("_disableContribution")):
        context["superoffice_edit_url"] = None
    elif not context.get("superoffice_edit_url") and context.get("sourcename"):
        context["superoffice_edit_url"] = git_edit_url(
            values.get("_gitContribute"), values.get("_gitUrlPattern"), _repo_path(app, pagename)
        )


def _repo_path(app: Sphinx, pagename: str) -> str:
    """The page's source relative to the docfx.json folder (DocFX: the git repository's
    root, which the docfx.json of a docset usually is), else to the docset root."""
    source = Path(app.env.doc2path(pagename)).resolve()
    settings = get_state(app.env).peek(DocfxSettings)
    base = settings.folder if settings is not None and settings.path is not None else None
    if base is None:
        base = (Path(app.srcdir) / str(getattr(app.config, "superoffice_root", ""))).resolve()
    try:
        return source.relative_to(base).as_posix()
    except ValueError:
        return source.name
