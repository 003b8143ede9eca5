"""``toc.yml`` → the site's navigation: hidden toctrees, nav tree, breadcrumbs.

How it works (architecture.md §5), one module per part:

1. ``config-inited`` (:mod:`.events`, :mod:`.reader`): every ``toc.yml`` under the
   source directory is read, and the tree is resolved from the root tocs
   (``superoffice_toc_root``, else ``toc.yml`` at the root, else every toc that no
   other toc references, sorted by path). Embedded tocs (``href: x/toc.yml``) and
   folders with a toc (``href: x/``) are expanded in place. The result is a
   :class:`~.model.TocModel` (:mod:`.model`, pure), computed once per build and kept
   in the build state.
2. ``env-get-outdated``: the model's digest is compared with the previous build's; when
   it differs (a toc.yml changed, a listed page appeared...) no page is read again:
   at ``env-updated`` the pages whose hidden toctree (3) changed get the new one in their
   stored doctree and Sphinx's toctree data (:mod:`.incremental`), and every page is
   written again, so that every page gets the new navigation (Sphinx #5506).
3. :class:`~.events.TocTreeTransform` appends one hidden ``toctree`` node to each page
   that has children in the toc, before Sphinx's toctree collector runs: Sphinx's own
   ``parents``/``prev``/``next`` then follow toc order. Each page is placed once (its
   first occurrence in pre-order), so the toctrees form a tree without cycles. Pages in
   no toc get ``orphan`` metadata; one summary warning lists them.
4. ``html-page-context`` (:mod:`.navigation`): ``superoffice_nav`` and
   ``superoffice_breadcrumbs``. The nav is built once per output folder (URLs are
   relative) and shared; per page only the nodes on the page's trail are copied with
   their flags flipped.
5. A tree without a ``root_doc`` page (``docs/no`` has no ``index.md``): the first page
   of the navigation becomes ``root_doc`` (1), and ``html-collect-pages`` writes a
   redirect page to it at ``index.html`` (:func:`~.events.collect_home_page`), the home
   page that ``superoffice_home_url`` (the header's home link) points at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .events import (
    TocTreeTransform,
    check_not_included,
    collect_home_page,
    config_inited,
    env_get_outdated,
    env_updated,
    get_model,
)
from .incremental import note_read_docs
from .model import TOC_NAMES, TocModel, TocNode
from .navigation import html_page_context, page_navigation, root_navigation
from .reader import build_model

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = [
    "TOC_NAMES",
    "TocModel",
    "TocNode",
    "TocTreeTransform",
    "build_model",
    "get_model",
    "page_navigation",
    "root_navigation",
    "setup_toc",
]


def setup_toc(app: Sphinx) -> None:
    app.connect("config-inited", config_inited, priority=900)
    app.connect("env-get-outdated", env_get_outdated)
    app.connect("env-before-read-docs", note_read_docs)
    app.connect("env-updated", env_updated)
    app.connect("env-check-consistency", check_not_included)
    app.connect("html-page-context", html_page_context)
    app.connect("html-collect-pages", collect_home_page)
    app.add_transform(TocTreeTransform)
