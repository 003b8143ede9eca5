"""Redirect stubs off the page pipeline.

A Markdown page whose only content is front matter with ``redirect_url`` (531 of the
1,077 pages of the SuperOffice ``no`` tree) is a *redirect stub*. It is found when the
pages are found (``env-get-outdated``: its front matter is already in the site index)
and taken out of the pages Sphinx reads and writes; at the end of the build it is
written as the same redirect page as before (:mod:`.redirects`'s template: meta
refresh, canonical link, ``noindex``, a visible link), at the same URL. It is never
parsed, resolved or drawn with the theme's page template.

What a stub still is:

- a link target: links to it resolve to its URL (:func:`.sitemodel.is_page`);
- the owner of its ``uid`` (the uid and ``std:label`` tables, registered each build
  before reading) and of its ``redirect_from`` entries;
- a redirect: its target resolves like a link, loops and missing targets warn
  (:mod:`.redirects`);
- incremental: a stub's page is written again when what it shows changed (its target,
  the target's title, the site URL...) or its file is missing; pages linking to a stub
  that changed, appeared or went away are read again, as for any page.

A page that becomes a stub, or a stub that becomes a page, is an ordinary removed or
added page for Sphinx.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from ._sphinx import take_out_of_found_docs
from .redirects import redirect_context, resolve_redirect, write_redirect_pages
from .references import get_domain, note_moved_targets
from .sitemodel import (
    STUBS_ATTRIBUTE,
    StubPage,
    site_index,
    stub_page,
    stub_pages,
)
from .state import get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: the attribute of ``env`` holding ``docname -> what its redirect page showed`` at the
#: last build (pickled with the environment)
_SHOWN_ATTRIBUTE = "superoffice_stub_pages"
#: the source-suffix kinds of Markdown pages (ours first, then myst-parser's)
MARKDOWN_KINDS = frozenset({"docfx", "markdown"})


@dataclass
class StubWrites:
    """The stub pages this build writes, with their template context (a state slot)."""

    pages: dict[str, dict[str, Any]] = field(default_factory=dict)


def setup_stub_pages(app: Sphinx) -> None:
    # before every other handler: they see the pages without the stubs
    app.connect("env-get-outdated", _take_out_stubs, priority=10)
    app.connect("env-before-read-docs", _register_stubs)
    app.connect("env-updated", _plan_stub_pages, priority=600)
    app.connect("html-collect-pages", _collect_stub_pages)
    app.add_post_transform(StubLinks)


class StubLinks(SphinxPostTransform):
    """Resolve myst's page links (``refdomain="doc"``, as landing pages make them) to a
    redirect stub, which myst's resolver does not know (it is not a read page); the
    link is drawn as myst draws a page link."""

    default_priority = 8  # before myst's resolver (9)

    def run(self, **kwargs: Any) -> None:
        stubs = stub_pages(self.env)
        builder = get_state(self.env).builder
        if not stubs or builder is None:
            return
        for node in list(self.document.findall(addnodes.pending_xref)):
            target = node.get("reftarget")
            if node.get("refdomain") != "doc" or node.get("reftype") != "myst":
                continue
            if target not in stubs:
                continue
            shown = node.astext() if node.get("refexplicit") else stubs[target].title or target
            inner = nodes.inline(shown, "", classes=["std", "std-doc"])
            if node.get("refexplicit") and node.children:
                inner.extend(node[0].children)
            else:
                inner += nodes.Text(shown)
            fromdoc = node.get("refdoc", self.env.docname)
            try:
                ref: nodes.Node = make_refnode(builder, fromdoc, target, "", inner)
            except NoUri:
                ref = inner
            node.replace_self(ref)


def find_stubs(env: BuildEnvironment) -> dict[str, StubPage]:
    """The redirect stubs among the pages Sphinx found (never the root page)."""
    index = site_index(env)
    markdown = {s for s, kind in env.config.source_suffix.items() if kind in MARKDOWN_KINDS}
    stubs: dict[str, StubPage] = {}
    for docname in sorted(env.found_docs):
        if docname == env.config.root_doc:
            continue
        path = env.doc2path(docname)
        if Path(path).suffix not in markdown:
            continue
        stub = stub_page(index.front_matter(path))
        if stub is not None:
            stubs[docname] = stub
    return stubs


def _take_out_stubs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    previous = stub_pages(env)
    current = find_stubs(env)
    setattr(env, STUBS_ATTRIBUTE, current)
    take_out_of_found_docs(env, current.keys(), (added, changed, removed))
    # like a changed page: the pages linking to a stub that changed are written again
    note_moved_targets(
        env,
        (
            docname
            for docname in previous.keys() | current.keys()
            if previous.get(docname) != current.get(docname)
        ),
    )
    return []


def _register_stubs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Give the stubs' uids to the uid table and to Sphinx's labels, as a read would."""
    domain = get_domain(env)
    std = env.domains.standard_domain
    stubs = stub_pages(env)
    for key, (docname, *_rest) in list(std.labels.items()):
        if docname in domain.stub_uids and docname not in env.found_docs:
            del std.labels[key]
            std.anonlabels.pop(key, None)
    domain.stub_uids.clear()
    for docname, stub in stubs.items():
        uid = stub.meta.get("uid", "").strip()
        if not uid:
            continue
        domain.stub_uids[docname] = uid
        key = uid.lower()
        if key not in std.labels:
            std.labels[key] = (docname, "", stub.title or docname)
            std.anonlabels[key] = (docname, "")


def _plan_stub_pages(app: Sphinx, env: BuildEnvironment) -> None:
    """Note which stub pages to write: those whose context changed since the last build.

    Run once every page is read (a stub's target and its title are known) and before
    the environment is saved, so the next build compares with this one.
    """
    builder = get_state(env).builder
    if builder is None or builder.format != "html":
        return
    shown: dict[str, str] = getattr(env, _SHOWN_ATTRIBUTE, {})
    now: dict[str, str] = {}
    writes = get_state(env).slot(StubWrites)
    for docname in stub_pages(env):
        context = redirect_context(app, docname, resolve_redirect(app, docname))
        now[docname] = json.dumps(context, sort_keys=True, default=str)
        if shown.get(docname) != now[docname] or not _written(app, docname):
            writes.pages[docname] = context
    setattr(env, _SHOWN_ATTRIBUTE, now)


def _written(app: Sphinx, docname: str) -> bool:
    builder = app.builder
    get_outfilename = getattr(builder, "get_outfilename", None)
    return get_outfilename is not None and Path(get_outfilename(docname)).is_file()


def _collect_stub_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    writes = get_state(app.env).slot(StubWrites)
    write_redirect_pages(
        app, ((docname, writes.pages[docname]) for docname in sorted(writes.pages))
    )
    return []  # written
