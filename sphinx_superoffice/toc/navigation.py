"""The template side of the navigation: ``superoffice_nav`` and ``superoffice_breadcrumbs``.

The nav is drawn on every page, so it is built in three layers: the entries with their
target URIs (:class:`~.model.NavSpec`, once per build), the template dicts with URLs
relative to one output folder (kept for the last few folders), and per page only the
entries on the page's trail, copied with their flags flipped (:func:`_overlay`).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from sphinx.util.osutil import relative_uri

from ..redirects import nav_target
from ..sitemodel import heading_text
from .events import get_model, home_page
from .incremental import drawn_nav
from .model import NavSpec, TocModel, TocNode

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: how many output folders' navs are kept
NAV_CACHE_SIZE = 8


def _page_dir(uri: str) -> str:
    return uri.rsplit("/", 1)[0] if "/" in uri else ""


def nav_specs(app: Sphinx, model: TocModel) -> list[NavSpec]:
    """The model's entries with their target URIs and titles (computed once per build)."""
    if model.nav_specs is not None:
        return model.nav_specs
    env = app.env
    builder = app.builder

    def convert(items: list[TocNode]) -> list[NavSpec]:
        out = []
        for node in items:
            external = node.url
            target_dir = target_file = fragment = ""
            title = node.title
            if node.docname:
                docname, anchor = node.docname, node.anchor
                target = nav_target(app, docname)
                if target is not None and target[2] is not None:
                    external = target[2]  # a redirect page listed in a toc: link its target
                else:
                    if target is not None and target[0] is not None:
                        docname, anchor = target[0], target[1]
                    uri = builder.get_target_uri(docname)
                    target_dir, _, target_file = uri.rpartition("/")
                    fragment = "#" + anchor if anchor else ""
                if not title and node.docname in env.titles:
                    title = heading_text(env, node.docname)
            out.append(
                NavSpec(
                    title=title or (node.docname or ""),
                    external=external,
                    target_dir=target_dir if node.docname else "\x00",
                    target_file=target_file,
                    fragment=fragment,
                    expanded=node.expanded,
                    children=convert(node.children),
                )
            )
        return out

    model.nav_specs = convert(model.roots)
    return model.nav_specs


def nav_for_dir(app: Sphinx, model: TocModel, folder: str) -> list[dict[str, Any]]:
    """The nav as template dicts with URLs relative to pages in ``folder`` (cached)."""
    cached = model.nav_cache.get(folder)
    if cached is not None:
        model.nav_cache.move_to_end(folder)
        return cached
    prefixes: dict[str, str] = {}

    def url_of(spec: NavSpec) -> str | None:
        if spec.external is not None:
            return spec.external
        if spec.target_dir == "\x00":
            return None
        prefix = prefixes.get(spec.target_dir)
        if prefix is None:
            rel = posixpath.relpath(spec.target_dir or ".", folder or ".")
            prefix = prefixes[spec.target_dir] = "" if rel == "." else rel + "/"
        return (prefix + spec.target_file or "./") + spec.fragment

    def convert(specs: list[NavSpec]) -> list[dict[str, Any]]:
        return [
            {
                "title": spec.title,
                "url": url_of(spec),
                "current": False,
                "on_trail": False,
                "expanded": spec.expanded,
                "children": convert(spec.children),
            }
            for spec in specs
        ]

    nav = convert(nav_specs(app, model))
    model.nav_cache[folder] = nav
    if len(model.nav_cache) > NAV_CACHE_SIZE:
        model.nav_cache.popitem(last=False)
    return nav


def _overlay(
    items: list[dict[str, Any]],
    trail: dict[int, Any],
    current: set[tuple[int, ...]],
    prefix: tuple[int, ...],
) -> list[dict[str, Any]]:
    out = list(items)
    for index, sub in trail.items():
        path = (*prefix, index)
        node = dict(items[index])
        node["on_trail"] = True
        node["current"] = path in current
        node["expanded"] = node["expanded"] or bool(node["children"])
        if sub:
            node["children"] = _overlay(node["children"], sub, current, path)
        out[index] = node
    return out


def page_navigation(
    app: Sphinx, pagename: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``(superoffice_nav, superoffice_breadcrumbs)`` for one page."""
    model = get_model(app.env)
    if model is None:
        return [], []
    folder = _page_dir(app.builder.get_target_uri(pagename))
    nav = nav_for_dir(app, model, folder)
    paths = model.occurrences.get(pagename)
    if not paths:
        return nav, []
    trail: dict[int, Any] = {}
    for path in paths:
        level = trail
        for index in path:
            level = level.setdefault(index, {})
    flagged = _overlay(nav, trail, set(paths), ())
    crumbs = []
    level_items = flagged
    for index in paths[0]:
        node = level_items[index]
        crumbs.append({"title": node["title"], "url": node["url"]})
        level_items = node["children"]
    return flagged, distinct_crumbs(crumbs)


def distinct_crumbs(crumbs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The trail without a crumb that repeats the one before it (a folder's entry and its
    first page, or a group, of the same title): the later one stays (the page itself),
    unless only the earlier one links somewhere."""
    out: list[dict[str, Any]] = []
    for crumb in crumbs:
        if out and str(out[-1]["title"]).strip() == str(crumb["title"]).strip():
            if crumb["url"] is None and out[-1]["url"] is not None:
                continue
            out.pop()
        out.append(crumb)
    return out


def html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    nav, crumbs = page_navigation(app, pagename)
    context["superoffice_nav"] = drawn_nav(app, nav)
    context["superoffice_breadcrumbs"] = crumbs
    home = home_page(app)
    if home is not None:  # the header's home link: the home page, not the root page
        builder = app.builder
        here = builder.get_target_uri(pagename)
        context["superoffice_home_url"] = relative_uri(here, builder.get_target_uri(home)) or "./"


def root_navigation(app: Sphinx) -> list[dict[str, Any]] | None:
    """The whole nav with URLs relative to the output root (None without a toc.yml)."""
    model = get_model(app.env)
    if model is None:
        return None
    return nav_for_dir(app, model, "")
