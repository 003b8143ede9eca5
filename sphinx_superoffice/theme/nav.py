"""Navigation context: the left nav tree and breadcrumbs, with a Sphinx-toctree fallback.

The toc module provides ``superoffice_nav`` and ``superoffice_breadcrumbs``; when a page
context lacks them (no toc.yml, plain Sphinx project) they are built here from Sphinx's
own global toctree and ``parents``, in the same shape, so one template renders both.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict, cast

from docutils import nodes
from markupsafe import Markup, escape
from sphinx import addnodes
from sphinx.errors import ThemeError

from ..sitemodel import heading_text
from ..state import get_state
from ..toc import get_model, root_navigation
from ..toc.incremental import plain_nav
from .hooks import Context, Doctree, on_page_context
from .navfile import NAV_FILE, local_nav, uses_nav_file, write_nav_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class NavItem(TypedDict):
    """One entry of ``superoffice_nav`` (the contract with the toc module)."""

    title: str
    url: str | None
    current: bool
    on_trail: bool
    expanded: bool
    children: list[NavItem]


def setup_nav(app: Sphinx) -> None:
    # Run after the toc module (default priority 500) so its context wins.
    on_page_context(app, _add_nav_context, priority=900)
    app.connect("build-finished", _write_nav_file)


def _write_nav_file(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and uses_nav_file(app):
        write_nav_file(app, root_nav)


def root_nav(app: Sphinx) -> list[NavItem]:
    """The whole nav for no page, URLs relative to the output root: the toc module's
    (toc.yml), else Sphinx's global toctree."""
    nav = root_navigation(app)
    return cast("list[NavItem]", nav) if nav is not None else skeleton_nav(app)


NAV_KEYS = frozenset(NavItem.__annotations__)
LANGUAGE_KEYS = frozenset({"code", "name", "url", "current", "exact"})


def check_items(name: str, items: Any, keys: frozenset[str], pagename: str) -> None:
    """Fail fast, with a clear message, when another module hands the theme a wrong shape.

    Only the first item of each level is checked, so that large trees stay cheap.
    """
    if not isinstance(items, list):
        msg = f"superoffice theme: {name} of page {pagename!r} must be a list, not {items!r:.80}"
        raise ThemeError(msg)
    if items:
        first = items[0]
        missing = keys - set(first) if isinstance(first, dict) else keys
        if missing:
            msg = (
                f"superoffice theme: the items of {name} of page {pagename!r} need the keys "
                f"{sorted(keys)}; missing {sorted(missing)} in {first!r:.120}"
            )
            raise ThemeError(msg)
        if "children" in keys:
            check_items(name, first["children"], keys, pagename)


def _add_nav_context(app: Sphinx, pagename: str, context: Context, doctree: Doctree) -> None:
    # a nav that another module handed the theme is drawn whole: the nav file holds ours
    own_nav = context.get("superoffice_nav") is None or get_model(app.env) is not None
    if context.get("superoffice_nav") is not None:
        check_items("superoffice_nav", plain_nav(context["superoffice_nav"]), NAV_KEYS, pagename)
    if context.get("superoffice_languages") is not None:
        check_items(
            "superoffice_languages", context["superoffice_languages"], LANGUAGE_KEYS, pagename
        )
    if context.get("superoffice_nav") is None:
        context["superoffice_nav"] = toctree_nav(app, pagename)
    if context.get("superoffice_breadcrumbs") is None:
        context["superoffice_breadcrumbs"] = fallback_breadcrumbs(app, pagename, context)
    context["superoffice_page_title"] = page_title(app, pagename)
    context["superoffice_breadcrumbs"] = mark_current_crumb(
        context["superoffice_breadcrumbs"], own_link(app, pagename)
    )
    # called by the template, so themes that draw no nav pay nothing; with the nav file
    # (navfile.py) the page carries only its trail, siblings and children
    if own_nav and uses_nav_file(app):
        uri = app.builder.get_target_uri(pagename)
        root = "../" * uri.count("/")
        # no version in the URL: a toc edit then changes no page but those whose own nav
        # changed; the script asks the server whether its copy is current (no-cache)
        context["superoffice_nav_file"] = f"{root}{NAV_FILE}"
        context["superoffice_page_uri"] = uri
        context["superoffice_root_uri"] = root or "./"
        context["superoffice_nav_html"] = lambda: nav_html(
            cast("list[NavItem]", local_nav(plain_nav(context["superoffice_nav"]) or []))
        )
    else:
        context["superoffice_nav_html"] = lambda: nav_html(context["superoffice_nav"] or [])


def page_title(app: Sphinx, pagename: str) -> str:
    """The page's display title: its first heading (a landing page's ``title``), not the
    ``<title>`` that front matter or a landing page's ``metadata.title`` gives."""
    return heading_text(app.env, pagename)


def own_link(app: Sphinx, pagename: str) -> str:
    """How the toc module links a page from itself: its file name (``./`` for dirhtml)."""
    return posixpath.basename(app.builder.get_target_uri(pagename)) or "./"


def mark_current_crumb(crumbs: list[dict[str, Any]], own: str) -> list[dict[str, Any]]:
    """Flag the last crumb ``current`` when it links the page itself (the toc module's
    trail ends with the page): the theme shows it with the page's display title."""
    if not crumbs or crumbs[-1].get("current"):
        return crumbs
    url = crumbs[-1].get("url")
    if url is None or url.split("#", 1)[0] not in (own, ""):
        return crumbs
    return [*crumbs[:-1], {**crumbs[-1], "current": True}]


# --- the nav as HTML -------------------------------------------------------------------
#
# Rendered here, not by a recursive Jinja macro: the nav is drawn on every page, and in
# Jinja's sandbox every ``item.title`` is a guarded attribute lookup, which made the nav
# a third of the theme's write time. An entry that is neither current nor on the trail
# renders the same on every page of a folder, and the toc module hands out the same dict
# for it on all those pages, so its HTML is kept in the dict and reused: a page then
# costs only its own trail.

_HTML_KEY = "_so_html"


def nav_html(items: list[NavItem]) -> Markup:
    """``superoffice_nav`` as the sidebar's ``<ul class="so-tree">``."""
    return Markup('<ul class="so-tree">' + "".join(map(_item_html, items)) + "\n</ul>")


def _item_html(item: NavItem) -> str:
    plain = not (item["current"] or item["on_trail"])
    store = cast("dict[str, Any]", item)
    if plain and _HTML_KEY in store:
        return str(store[_HTML_KEY])
    title = escape(item["title"])
    url = item["url"]
    classes = "so-tree-item"
    classes += " is-current" if item["current"] else ""
    classes += " is-trail" if item["on_trail"] else ""
    link = ""
    if url is not None:
        current = ' aria-current="page"' if item["current"] else ""
        link = f'\n<a class="so-tree-link" href="{escape(url)}"{current}>{title}</a>'
    if item["children"]:
        is_open = " open" if item["expanded"] or item["current"] or item["on_trail"] else ""
        summary = (
            f'<summary class="so-tree-toggle"><span class="so-sr">{title}</span></summary>'
            if url is not None
            else f'<summary class="so-tree-group">{title}</summary>'
        )
        children = "".join(map(_item_html, item["children"]))
        body = f"{link}\n<details{is_open}>{summary}\n<ul>{children}</ul>\n</details>"
        classes += " has-children"
    else:
        body = link or f'\n<span class="so-tree-group">{title}</span>'
    html = f'\n<li class="{classes}">{body}</li>'
    if plain:
        store[_HTML_KEY] = html
    return html


def fallback_breadcrumbs(
    app: Sphinx, pagename: str, context: dict[str, Any]
) -> list[dict[str, str | None]]:
    """Root page plus Sphinx's ``parents``; the current page is not included."""
    if pagename == app.config.root_doc:
        return []
    title = heading_text(app.env, app.config.root_doc) or context.get("shorttitle", "")
    crumbs: list[dict[str, str | None]] = [
        {"title": str(title), "url": context["pathto"](app.config.root_doc)}
    ]
    crumbs += [{"title": p["title"], "url": p["link"]} for p in context.get("parents") or []]
    return crumbs


def sphinx_toctree_nav(app: Sphinx, pagename: str) -> list[NavItem]:
    """Sphinx's global toctree for ``pagename`` (resolved for that page) as NavItems.

    This is what ``toctree(collapse=False, includehidden=True, titles_only=True)`` gives;
    it costs a full toctree resolution per page. :func:`toctree_nav` resolves once.
    """
    from sphinx.environment.adapters.toctree import global_toctree_for_doc

    builder = app.builder
    options: dict[str, Any] = {"collapse": False, "includehidden": True, "titles_only": True}
    try:
        try:
            tree = global_toctree_for_doc(app.env, pagename, builder, tags=builder.tags, **options)
        except TypeError:  # Sphinx < 9 has no ``tags`` argument
            tree = global_toctree_for_doc(app.env, pagename, builder, **options)
    except KeyError:  # the root document is missing
        return []
    if tree is None:
        return []
    return _from_toctree_wrapper(tree)


@dataclass
class _Entry:
    """A page-independent nav entry: a docname (or an outside URL) instead of a link."""

    title: str
    docname: str | None
    url: str | None
    anchor: str
    children: list[_Entry]


@dataclass
class NavSkeleton:
    """The resolved global toctree of the running build (a build-state slot)."""

    entries: list[_Entry] | None = None


def _skeleton(app: Sphinx) -> list[_Entry]:
    builder = app.builder
    skeleton = get_state(app.env).slot(NavSkeleton)
    if skeleton.entries is None:
        root = app.config.root_doc
        by_uri = {builder.get_relative_uri(root, doc): doc for doc in app.env.found_docs}
        by_uri["#"] = by_uri[""] = root

        def entry(item: NavItem) -> _Entry:
            url, anchor = item["url"], ""
            docname = None
            if url is not None:
                docname = by_uri.get(url)  # singlehtml links are fragments: "#document-x"
                base, sep, frag = url.partition("#")
                if docname is None and base in by_uri:
                    docname, anchor = by_uri[base], sep + frag
                if docname is not None:
                    url = None
            children = [entry(c) for c in item["children"]]
            return _Entry(item["title"], docname, url, anchor, children)

        skeleton.entries = [entry(i) for i in sphinx_toctree_nav(app, root)]
    return skeleton.entries


def skeleton_nav(app: Sphinx) -> list[NavItem]:
    """The global toctree as :class:`NavItem` s for no page, URLs relative to the root."""
    builder = app.builder

    def items(entries: list[_Entry]) -> list[NavItem]:
        out = []
        for e in entries:
            url = e.url
            if e.docname is not None:
                url = (builder.get_target_uri(e.docname) + e.anchor) or "./"
            group = e.docname is None and e.url is None
            out.append(
                NavItem(
                    title=e.title,
                    url=url,
                    current=False,
                    on_trail=False,
                    expanded=group,
                    children=items(e.children),
                )
            )
        return out

    return items(_skeleton(app))


def toctree_nav(app: Sphinx, pagename: str) -> list[NavItem]:
    """The global toctree as :class:`NavItem` s for ``pagename``.

    Same result as :func:`sphinx_toctree_nav`, but the tree is resolved once per build
    and only the links and the current/trail flags are made per page.
    """
    builder = app.builder

    def items(entries: list[_Entry]) -> tuple[list[NavItem], bool]:
        out: list[NavItem] = []
        hit = False
        for e in entries:
            children, below = items(e.children)
            current = e.docname == pagename
            if e.docname is not None:
                # the page itself is "" relative to itself: link it as "#", as Sphinx does
                url: str | None = (builder.get_relative_uri(pagename, e.docname) + e.anchor) or "#"
            else:
                url = e.url
            group = e.docname is None and e.url is None
            out.append(
                NavItem(
                    title=e.title,
                    url=url,
                    current=current and not e.anchor,
                    on_trail=below,
                    expanded=True if group else below or current,
                    children=children,
                )
            )
            hit = hit or below or current
        return out, hit

    return items(_skeleton(app))[0]


def _from_toctree_wrapper(node: nodes.Node) -> list[NavItem]:
    """One resolved toctree: a caption becomes a page-less group around its entries."""
    caption: str | None = None
    entries: list[NavItem] = []
    for child in node.children if isinstance(node, nodes.Element) else []:
        if isinstance(child, nodes.title):
            caption = child.astext()
        elif isinstance(child, nodes.bullet_list):
            entries.extend(_from_list(child))
        elif isinstance(child, addnodes.compact_paragraph | addnodes.toctree):
            entries.extend(_from_toctree_wrapper(child))
    if isinstance(node, nodes.bullet_list):
        entries.extend(_from_list(node))
    if caption is None:
        return entries
    trail = any(e["on_trail"] or e["current"] for e in entries)
    return [
        NavItem(
            title=caption, url=None, current=False, on_trail=trail, expanded=True, children=entries
        )
    ]


def _from_list(blist: nodes.bullet_list) -> list[NavItem]:
    items: list[NavItem] = []
    for li in blist.children:
        if not isinstance(li, nodes.list_item):
            continue
        ref = next(iter(li.findall(nodes.reference)), None)
        if ref is None:
            continue
        refuri = ref.get("refuri", "")
        current = refuri in ("#", "") or (refuri.startswith("#") and "current" in ref["classes"])
        on_trail = "current" in li["classes"]
        children: list[NavItem] = []
        for sub in li.children:
            if isinstance(sub, nodes.bullet_list):
                children.extend(_from_list(sub))
        items.append(
            NavItem(
                title=ref.astext(),
                url=refuri or "#",
                current=current,
                on_trail=on_trail and not current,
                expanded=on_trail,
                children=children,
            )
        )
    return items
