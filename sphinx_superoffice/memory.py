"""What a build holds in memory, and what Python's garbage collector walks.

- **Read pages are not held until the write phase.** A serial build of Sphinx (7.2
  and later) keeps the doctree of every page it read in memory until that page is
  written, to save loading it again from its pickle; a parallel build loads each page
  from its pickle. On a DocFX site the kept doctrees are most of the build's memory:
  on the SuperOffice ``no`` tree (1,015 pages) the build's peak was 213 MiB with them
  and 145 MiB without, in the same time, and with the CRMScript API reference 468
  against 257 MiB (``benchmarks/``). So each page is dropped from that cache when the
  next page starts (its pickle is on disk by then), and the write phase loads pages
  from their pickles, as ``-j 2`` does. The bytes Sphinx keeps of each pickle it
  loads are dropped once the page is resolved (at ``-j 2`` on the ``no`` tree, 10 to
  20 MiB less at the peak).
- **What lives for the whole build is left out of garbage collection.** Every full
  run of Python's cyclic collector walks every container object: Sphinx, docutils,
  Pygments, their modules and the configuration are about 120,000 objects, and the
  environment read from the pages many more. They are moved to the permanent
  generation (``gc.freeze``) when reading starts, and again, after one collection,
  when writing starts, and given back (``gc.unfreeze``) when the build finishes,
  unless something else had frozen objects before (then this module does nothing).
  On the CRMScript reference, full collections took 5.5 s instead of 7.3 s. It is what
  Python's documentation advises before ``fork()``: a ``-j 2`` build forks a process
  per batch of pages, and a collection in it no longer writes to every object of the
  environment (copying the memory pages that held them). Each forked process also
  freezes what it inherited when it starts on its first page (a reader at its first
  ``source-read``, a writer at the first page it resolves or writes): the main process
  keeps collecting what it allocated since its last freeze, and a fork made just
  before one of its full collections ran the same collection over the same objects,
  in vain (on the ``en`` tree at ``-j 2``: three of them in writers, 0.6 s each, at
  the same moments as the main process's, and the readers' 1.5 s).
- **What lives on is frozen again every** :data:`FREEZE_EVERY` **pages.** Between two
  freezes the environment grows (each page's titles, toc, objects, search entries),
  and each full collection walks all of it again; Python runs one each time what
  reached the oldest generation grew by a quarter, and each page's doctree reaches it
  before it becomes garbage (it lives while the page is read or written). On the
  CRMScript reference at ``-j 1`` that was 30 full collections of up to 380,000
  objects, 4.8 to 7.0 s of a 27 to 32 s build. So a process that reads or writes
  pages one after another (``-j 1``, and each forked reader and writer of ``-j 2``)
  collects and freezes what survives every :data:`FREEZE_EVERY` pages: when a page's
  source has been read (the page before it is done), and when a page has been
  resolved. What a page still holds then is frozen with the rest and freed only after
  the build (the page being resolved, the last page written, which Sphinx's HTML
  writer keeps, the last title rendered: about five doctrees a freeze, 15 MiB more at
  the peak on the reference, and Python's collection when the process exits walks
  them). Full collections then took 1.2 to 2.4 s of the same builds, and the builds
  2 to 8 s less (alternating pairs on a machine whose speed drifts; 25 pages: 1.2 to
  1.8 s, 33 MiB more; 100 pages: 2.4 to 2.7 s, 8 MiB more).
- **A parallel write's main process collects its garbage every** :data:`COLLECT_EVERY`
  **pages it resolves**, where it resolves them for the writers (with another
  extension's ``doctree-resolved`` listener, :mod:`.parallel`; otherwise the writers
  resolve their own pages and the main process holds none). It resolves each page and
  hands batches to the writers; a batch's pages become garbage (cycles of docutils
  nodes) in the main process when its writer is done, after they had lived long enough
  to reach the oldest generation, which Python collects rarely: between two such
  collections the main process held the garbage of several batches, and when it held
  them decided the build's peak memory (on the ``no`` tree 162 to 174 MiB run to run;
  149 with it). A full collection costs mostly what freeing the pages costs anyway:
  what lives for the build is frozen.
- **A page's doctree is taken apart once the page is done with.** A doctree is a cycle
  (each node points to its parent and to its document), so reference counting never
  frees it: each waited for the cycle collector, and every collection until then
  walked it (on the CRMScript reference at ``-j 1``, collections took 4.3 to 5.0 s of
  a 30 to 36 s build, and 4 of the 5.3 million objects they freed came after the
  youngest generation, most of them the doctrees of pages read and written). When
  the next page starts, the doctree of the page read before (pickled by then, and out
  of Sphinx's cache) and of the page written before (its HTML written) is taken apart
  (:func:`take_apart`) and freed at once: collections then took 1.6 s, the peak
  201 MiB instead of 231, the output the same. Only while every listener that is
  given the doctree (``doctree-read``; ``doctree-resolved``, ``missing-reference``,
  ``html-page-context``), every read transform, post-transform and domain comes from
  Sphinx, docutils, alabaster, myst-parser, sphinx-design or this extension: another
  extension might keep a node and walk from it later.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes

from ._sphinx import release_pickled_doctree, release_read_doctrees
from .parallel import RESOLVE_EVENTS, foreign_packages, main_resolves_for_writers
from .state import Forks, get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@dataclass
class _Frozen:
    """Whether this build moved objects to the permanent generation: in which process
    (``forks.main``), and the last forked process that froze what it inherited."""

    done: bool = False
    forks: Forks = field(default_factory=Forks)


def setup_memory(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _reading_starts)
    app.connect("env-before-read-docs", _may_take_apart_read_pages)
    app.connect("write-started", _may_take_apart_written_pages)
    app.connect("doctree-read", _page_read)
    app.connect("write-started", _writing_starts)
    app.connect("source-read", _next_page)
    app.connect("html-page-context", _writing_page, priority=0)
    app.connect("env-updated", _reading_done)
    app.connect("doctree-resolved", _resolved)
    app.connect("build-finished", _build_finished)


def _reading_starts(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    frozen = get_state(env).slot(_Frozen)
    if not frozen.done and gc.get_freeze_count() == 0:
        gc.freeze()
        frozen.done = True
        frozen.forks.main = os.getpid()


def _freeze_in_forked_process(env: BuildEnvironment) -> None:
    """In a process forked by this build, before its first page: freeze what it
    inherited (the main process collects its own garbage)."""
    frozen = get_state(env).slot(_Frozen)
    if frozen.done and frozen.forks.first_in_fork():
        gc.freeze()


def _writing_starts(app: Sphinx, builder: object) -> None:
    frozen = get_state(app.env).slot(_Frozen)
    if frozen.done:
        gc.collect()  # what reading left for the collector is not frozen with the rest
        gc.freeze()


def _next_page(app: Sphinx, docname: str, source: list[str]) -> None:
    _freeze_in_forked_process(app.env)
    _release_last_read(app.env)
    _count_page(app.env)


def _count_page(env: BuildEnvironment) -> None:
    """Count a page this process reads or writes; every :data:`FREEZE_EVERY` pages,
    collect the garbage and freeze what lives on (if this build froze at all)."""
    state = get_state(env)
    if not state.slot(_Frozen).done:
        return
    pages = state.slot(_Pages)
    pages.count += 1
    if pages.count % FREEZE_EVERY == 0:
        gc.collect()
        gc.freeze()


#: a process reading or writing pages one after another freezes what lives on after
#: this many pages (one full collection each time)
FREEZE_EVERY = 50


@dataclass
class _Pages:
    """How many pages this process has read or written (a forked process counts on
    from its copy)."""

    count: int = 0


def _writing_page(
    app: Sphinx, pagename: str, templatename: str, context: object, doctree: object
) -> None:
    _freeze_in_forked_process(app.env)
    done = get_state(app.env).slot(_Done)
    previous, done.written = done.written, None
    if done.written_ok and isinstance(doctree, nodes.document):
        done.written = doctree
    if previous is not None and previous is not doctree:
        take_apart(previous)


def _reading_done(app: Sphinx, env: BuildEnvironment) -> None:
    _release_last_read(env)


def _resolved(app: Sphinx, doctree: object, docname: str) -> None:
    _freeze_in_forked_process(app.env)  # (a writer resolving its own pages: its first page)
    release_pickled_doctree(app.env, docname)
    if main_resolves_for_writers(app.env):
        resolved = get_state(app.env).slot(_Resolved)
        resolved.pages += 1
        if resolved.pages % COLLECT_EVERY == 0:
            gc.collect()  # no freeze: the resolved pages wait here for their writer
    else:
        _count_page(app.env)


#: in a parallel write, the main process collects its garbage after this many pages
COLLECT_EVERY = 100


@dataclass
class _Resolved:
    """How many pages the main process of a parallel write has resolved."""

    pages: int = 0


@dataclass
class _Done:
    """The doctrees of the page this process read last and wrote last, taken apart
    when the next one starts, and whether that is safe in this build."""

    read: nodes.document | None = None
    written: nodes.document | None = None
    read_ok: bool = False
    written_ok: bool = False


def take_apart(doctree: nodes.document) -> None:
    """Take ``doctree`` apart: each node loses its parent, its document and its
    children, and the document object everything it holds (ids, transformer, reporter,
    settings). Nodes that transforms took out of the tree may still point to one of
    its nodes or to the document, and a cycle of them keeps what they point to until a
    collection: now only that node, not the tree below it. Reference counting frees
    the rest with its last reference."""
    # an explicit stack, not ``findall``: its generator per node cost as much as the rest
    stack: list[nodes.Node] = [doctree]
    while stack:
        node = stack.pop()
        node.parent = None
        node.__dict__.pop("_document", None)
        if isinstance(node, nodes.Element):
            stack.extend(node.children)
            node.children = []
    doctree.__dict__.clear()


def _may_take_apart_read_pages(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    foreign = foreign_packages(app, ("doctree-read",), reading=True)
    get_state(env).slot(_Done).read_ok = not foreign


def _may_take_apart_written_pages(app: Sphinx, builder: object) -> None:
    events = (*RESOLVE_EVENTS, "html-page-context")
    foreign = foreign_packages(app, events, post_transforms=True)
    get_state(app.env).slot(_Done).written_ok = not foreign


def _page_read(app: Sphinx, doctree: nodes.document) -> None:
    done = get_state(app.env).slot(_Done)
    if done.read_ok:
        done.read = doctree


def _release_last_read(env: BuildEnvironment) -> None:
    """Empty Sphinx's read cache, then take apart the page read before (pickled by now,
    and no longer in the cache)."""
    release_read_doctrees(env)
    done = get_state(env).slot(_Done)
    if done.read is not None:
        take_apart(done.read)
        done.read = None


def _build_finished(app: Sphinx, exception: BaseException | None) -> None:
    done = get_state(app.env).slot(_Done)
    done.read = done.written = None
    frozen = get_state(app.env).slot(_Frozen)
    if frozen.done:
        gc.unfreeze()
        frozen.done = False
