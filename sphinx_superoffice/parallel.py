"""Parallel builds: batches of pages of even weight, readers that send back only
their own pages, and ``-j N`` writes with N processes, not N-1.

**Reading.** Sphinx reads a parallel build's pages in batches of equal counts (about
50 pages at ``-j 2`` on a site of 500), each in a forked process, in the order of their
names; a batch of long pages takes twice as long as one of short pages, and the last
batch to run leaves a core idle while it finishes. The ``env-before-read-docs``
event lets an extension reorder the pages to read: each batch is given pages of about
the same total size (the source files' sizes, greatest first into the lightest
batch), and the pages of a batch keep their order. Only when the read is parallel: a
serial build reads in Sphinx's order.

**Few batches.** Between two batches a process's core waits: the reader pickles its
environment, the main process receives and merges it, then forks the next reader
(0.04 to 0.1 s each time, measured on the SuperOffice ``no`` tree at ``-j 2``: ten
batches of 49 pages, five such waits on each core). Batches of even weight end
together, so many small batches gain nothing at the end; each process gets
:data:`BATCHES_PER_PROCESS` batches, in reading (:func:`read_batches`, in place of
Sphinx's ``make_chunks``, see :func:`._sphinx.use_read_batches`) as in writing.

**What a reader sends back.** Each reading process sends its whole environment back
to the main process, pickled, and the main process unpickles it to merge the batch's
pages. Inherited at the fork, the environment holds every page merged before: each
batch sent more than the one before, and unpickling it took the main process's CPU
time while the readers needed the cores (4.0 s on the SuperOffice ``en`` tree at ``-j
2``). Before its first page a reader empties the per-page tables of Sphinx's title,
toctree and dependency collectors, the slowest to unpickle: the main process has
those pages' entries, and it merges only the batch's (1.5 s). It also leaves out the
front matter and the ``superoffice`` domain's tables of the pages the main process
has (:func:`_forget_merged_front_matter`).

**Writing.** Sphinx writes the pages of a parallel build in ``N - 1`` forked processes,
because its main process is busy meanwhile: it resolves each page (the post-transforms,
``doctree-resolved``), feeds it to the search index and picks its images, then hands a
batch of resolved pages to a writer, which translates them to HTML and writes them. On
a DocFX site resolving is about 40 % of the write phase, so the main process was the
bottleneck: on the SuperOffice ``en`` tree at ``-j 2`` it spent 9 s of CPU while two
writers waited on it, and the write phase took 10.6 s against 13.0 at ``-j 1``.

So here each writing process resolves its own batch (:func:`_write_parallel`): the main
process writes the first page itself (as Sphinx does: the caches and templates that
page fills, every writer inherits), emits ``superoffice-writers-fork`` with the other
pages (what only some pages need is made there once, :mod:`.warmup`), forks ``N``
writers and merges what each sends back when it is done: the search index's entries
for its pages and the images they use. The write phase then took 7.3 s (the same
bytes, ``benchmarks/``). ``N`` writers, not ``N - 1``: from ``write-started`` the build
counts one process more, and ``build-finished`` puts the count back.

A writer can resolve the pages only where nothing the main process needs later is made
by resolving them: so only for Sphinx's HTML builders as they are (their own
``write_doc_serialized``), and only while every post-transform and every listener of
the events a page's resolution emits (``doctree-resolved``, ``missing-reference``,
``warn-missing-reference``) comes from Sphinx, myst-parser, sphinx-design or this
extension (which change the page's doctree, or send back what they keep); with
another extension's the main process resolves the pages, as in Sphinx (and writes
with ``N`` writers).
``superoffice_parallel_write = False`` keeps Sphinx's loop and its count.

What each reading process does is Sphinx's own, and what each writing process does to a
page is what Sphinx's main process and writer did. The output is the same as a serial
build's, byte for byte (``tests/security/test_determinism.py``).
"""

from __future__ import annotations

import heapq
import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.locale import __
from sphinx.util import logging
from sphinx.util.display import status_iterator
from sphinx.util.parallel import ParallelTasks, parallel_available

from ._sphinx import (
    empty_search_tables,
    forget_merged_pages,
    listener_packages,
    merge_search_tables,
    post_transform_packages,
    reading_packages,
    search_tables,
    set_parallel,
    sphinx_write_parallel,
    use_read_batches,
    use_write_parallel,
    write_page,
)
from .references import get_domain
from .state import Forks, get_state

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: emitted in the main process of a parallel write whose writers resolve their own
#: pages, before the first writer is forked: ``(app, builder, docnames)``, the pages
#: the writers will resolve and write
WRITERS_FORK = "superoffice-writers-fork"
#: the packages whose transforms, domains and listeners keep nothing of a page that the
#: main process needs (they change the page's doctree), and no node of it (Sphinx
#: always loads alabaster, whose ``html-page-context`` listener adds its version)
KNOWN_PACKAGES = frozenset(
    {"sphinx", "docutils", "alabaster", "sphinx_design", "myst_parser", "sphinx_superoffice"}
)
#: the events emitted while a page is resolved
RESOLVE_EVENTS = ("doctree-resolved", "missing-reference", "warn-missing-reference")


@dataclass
class _Reading:
    """Which process started a parallel read (``forks.main``; 0: the read is serial or
    over), and which reader last left out the merged pages."""

    forks: Forks = field(default_factory=Forks)


@dataclass
class _Jobs:
    """The ``-j`` of the build while its write phase counts one process more, and
    whether its writers resolve their own pages."""

    jobs: int = 0
    writers_resolve: bool = False


def setup_parallel(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _even_batches, priority=900)
    app.connect("source-read", _reading_process, priority=0)
    app.connect("env-updated", _reading_done)
    # before the other write-started listeners, which ask who resolves the pages
    app.connect("write-started", _writing_starts, priority=400)
    app.connect("build-finished", _build_finished)


def _writing_starts(app: Sphinx, builder: Builder) -> None:
    if not (app.config.superoffice_parallel_write and builder.parallel_ok):
        return
    slot = get_state(app.env).slot(_Jobs)
    if slot.jobs == 0 and app.parallel > 1:
        slot.jobs = app.parallel
        set_parallel(app, app.parallel + 1)
    slot.writers_resolve = _writers_can_resolve(app, builder)
    if slot.writers_resolve:
        use_write_parallel(builder, partial(_write_parallel, app, builder))


def foreign_packages(
    app: Sphinx, events: Sequence[str], *, post_transforms: bool = False, reading: bool = False
) -> set[str]:
    """The top-level packages other than those of :data:`KNOWN_PACKAGES` (Sphinx,
    docutils, alabaster, myst-parser, sphinx-design and this extension) that listen to
    one of ``events`` (or, with ``post_transforms``, add a post-transform; with
    ``reading``, a read transform or a domain)."""
    found = post_transform_packages(app) if post_transforms else set()
    if reading:
        found |= reading_packages(app)
    for event in events:
        found |= listener_packages(app, event)
    return found - KNOWN_PACKAGES


def _writers_can_resolve(app: Sphinx, builder: Builder) -> bool:
    """Whether the writing processes can resolve their pages: nothing that resolving a
    page makes is needed in the main process but what :func:`_write_batch` sends back."""
    builder_type = type(builder)
    if not (
        isinstance(builder, StandaloneHTMLBuilder)
        and builder_type.write_doc_serialized is StandaloneHTMLBuilder.write_doc_serialized
        and builder_type._write_parallel is Builder._write_parallel
    ):
        return False
    foreign = foreign_packages(app, RESOLVE_EVENTS, post_transforms=True)
    if foreign:
        logger.verbose(
            "superoffice: the main process resolves the pages of this parallel write "
            "(post-transforms or resolving listeners of %s)",
            ", ".join(sorted(foreign)),
        )
        return False
    return True


def _write_parallel(app: Sphinx, builder: Builder, docnames: Sequence[str], nproc: int) -> None:
    """``Builder._write_parallel`` with writers that resolve their own pages."""
    if not get_state(app.env).slot(_Jobs).writers_resolve:
        sphinx_write_parallel(builder, docnames, nproc)
        return
    first, rest = docnames[0], list(docnames[1:])
    write_page(builder, first)
    if not rest:
        return
    app.emit(WRITERS_FORK, builder, rest)
    doctrees = Path(app.env.doctreedir)

    def weight(docname: str) -> int:
        try:
            size = (doctrees / f"{docname}.doctree").stat().st_size
        except OSError:
            size = 0
        return size + _PAGE_WEIGHT

    chunks = weighed_batches(rest, nproc * BATCHES_PER_PROCESS, weight)
    verbosity = getattr(app.config, "verbosity", app.verbosity)  # Sphinx 8.2: app's only
    progress = status_iterator(
        chunks, __("writing output... "), "darkgreen", len(chunks), verbosity
    )
    tasks = ParallelTasks(nproc)
    for chunk in chunks:
        tasks.add_task(
            partial(_write_batch, builder), chunk, partial(_batch_written, builder, progress)
        )
    tasks.join()
    logger.info("")


#: what a page costs to write beyond its doctree's size, in doctree bytes (a page's
#: template; the median page's doctree on the SuperOffice trees is 20 KB)
_PAGE_WEIGHT = 10_000


def weighed_batches(
    docnames: Sequence[str], count: int, weight: Callable[[str], int]
) -> list[list[str]]:
    """``docnames`` cut into at most ``count`` consecutive runs of about the same total
    ``weight``: a parallel write's batches run in an order of Sphinx's choosing, and
    batches of even weight end at about the same time (with equal counts, a heavy batch
    left last kept the other writer idle). Consecutive, as Sphinx cuts them, so that
    the pages of a folder stay together (the theme keeps what it renders per folder, in
    each process)."""
    weights = [weight(name) for name in docnames]
    total = sum(weights)
    if total <= 0:
        weights, total = [1] * len(weights), len(weights)
    count = max(count, 1)
    batches: list[list[str]] = []
    current: list[str] = []
    done, boundary = 0, 1  # the weight so far; the next cut at boundary * total / count
    for name, size in zip(docnames, weights, strict=True):
        current.append(name)
        done += size
        if done * count >= boundary * total and len(batches) < count - 1:
            batches.append(current)
            current = []
            while done * count >= boundary * total:
                boundary += 1
    if current:
        batches.append(current)
    return batches


def _write_batch(builder: Builder, docnames: list[str]) -> tuple[dict[str, str], Any]:
    """In a writing process: resolve and write ``docnames``; send back the images they
    use (copied at the end of the build) and their search index entries."""
    builder.images = {}
    indexer = getattr(builder, "indexer", None)
    if indexer is not None:
        empty_search_tables(indexer)
    for docname in docnames:
        write_page(builder, docname)
    return builder.images, (search_tables(indexer) if indexer is not None else None)


def _batch_written(
    builder: Builder,
    progress: Iterator[Any],
    docnames: list[str],
    result: tuple[dict[str, str], Any],
) -> None:
    images, tables = result
    builder.images.update(images)
    indexer = getattr(builder, "indexer", None)
    if tables is not None and indexer is not None:
        merge_search_tables(indexer, tables)
    next(progress)


def _build_finished(app: Sphinx, exception: BaseException | None) -> None:
    slot = get_state(app.env).slot(_Jobs)
    if slot.jobs:
        set_parallel(app, slot.jobs)
        slot.jobs = 0
    slot.writers_resolve = False


#: how many batches each process of a parallel read or write gets
BATCHES_PER_PROCESS = 2


def batch_sizes(pages: int, jobs: int) -> list[int]:
    """How many pages each batch of a parallel read of ``pages`` pages holds:
    :data:`BATCHES_PER_PROCESS` batches a process, their sizes as even as they can be."""
    count = max(min(pages, jobs * BATCHES_PER_PROCESS), 1)
    size, more = divmod(pages, count)
    return [size + 1] * more + [size] * (count - more)


def read_batches(docnames: Sequence[str], jobs: int) -> list[list[str]]:
    """``docnames`` cut into consecutive runs of :func:`batch_sizes` (what a parallel
    read's processes read, one run each, instead of Sphinx's ``make_chunks``)."""
    batches, start = [], 0
    for size in batch_sizes(len(docnames), jobs):
        batches.append(list(docnames[start : start + size]))
        start += size
    return batches


def even_batches(docnames: Sequence[str], jobs: int, weight: Callable[[str], int]) -> list[str]:
    """``docnames`` reordered so that each of the batches :func:`read_batches` cuts
    (consecutive runs) has about the same total ``weight``."""
    sizes = batch_sizes(len(docnames), jobs)
    if len(sizes) < 2:
        return list(docnames)
    batches: list[list[str]] = [[] for _ in sizes]
    lightest = [(0, index) for index in range(len(sizes))]  # (total weight, batch)
    weighed = sorted(((weight(name), name) for name in docnames), key=lambda wn: (-wn[0], wn[1]))
    for size, name in weighed:
        total, index = heapq.heappop(lightest)
        batches[index].append(name)
        if len(batches[index]) < sizes[index]:
            heapq.heappush(lightest, (total + size, index))
    order = {name: n for n, name in enumerate(docnames)}
    return [name for batch in batches for name in sorted(batch, key=order.__getitem__)]


def _even_batches(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    parallel_read = (
        parallel_available
        and app.parallel > 1
        and len(docnames) > 5
        and all(ext.parallel_read_safe for ext in app.extensions.values())
    )
    if parallel_read:

        def weight(docname: str) -> int:
            try:
                return Path(env.doc2path(docname)).stat().st_size
            except OSError:
                return 0

        docnames[:] = even_batches(docnames, app.parallel, weight)
        use_read_batches(app.builder, read_batches)
    get_state(env).slot(_Reading).forks.main = os.getpid() if parallel_read else 0


def reads_in_parallel(env: BuildEnvironment) -> bool:
    """Whether this build reads its pages in forked processes (known from
    ``env-before-read-docs``, priority 900, until ``env-updated``)."""
    return get_state(env).slot(_Reading).forks.main != 0


def writes_in_parallel(env: BuildEnvironment) -> bool:
    """Whether this build writes its pages in forked processes: known from
    ``write-started``."""
    builder = get_state(env).builder
    return builder is not None and builder.parallel_ok


def main_resolves_for_writers(env: BuildEnvironment) -> bool:
    """Whether the pages this process resolves are those of a parallel write's main
    process, handed to writers (Sphinx's loop; not when the writers resolve their own)."""
    return writes_in_parallel(env) and not get_state(env).slot(_Jobs).writers_resolve


def _reading_process(app: Sphinx, docname: str, content: list[str]) -> None:
    """The first page a forked reading process reads: what it will send back to the
    main process leaves out the pages the main process has (see
    :func:`._sphinx.forget_merged_pages`)."""
    if get_state(app.env).slot(_Reading).forks.first_in_fork():
        forget_merged_pages(app.env)
        _forget_merged_front_matter(app.env)


def _forget_merged_front_matter(env: BuildEnvironment) -> None:
    """In a reading process, before its first page: leave out of what it sends back the
    front matter (``env.metadata``) and the ``superoffice`` domain's tables (uids,
    anchors, links, targets) of the pages the main process has: those merged from
    earlier batches and those not read again. They were most of a late batch's
    environment (on the ``en`` tree at ``-j 2``, 1.6 of 2.4 MB); the main process merges
    only the batch's pages. The batch's own pages are not among them (Sphinx takes the
    pages to read out of ``all_docs`` before it forks), and what a page reads never
    depends on another page's entries (which pages a reader has seen depends on the
    batches)."""
    merged = env.all_docs
    for docname in [name for name in env.metadata if name in merged]:
        del env.metadata[docname]
    domain = get_domain(env)
    for docname in merged:
        domain.clear_doc(docname)


def _reading_done(app: Sphinx, env: BuildEnvironment) -> None:
    """No process forked from now on is a reader (a writer needs every page's titles
    and tocs, whatever it might read)."""
    get_state(env).slot(_Reading).forks.main = 0
